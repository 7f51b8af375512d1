"""Invariants and mechanism checks of rep behaviour and the regimes."""

from hypothesis import given
from hypothesis import strategies as st
from invariants import assert_invariants

from tightrope.model.calls import record
from tightrope.model.calls.dayarrays import call_hook
from tightrope.model.calls.record import CallKind, make_call
from tightrope.model.calls.tally import Tally
from tightrope.model.model import CallCentre
from tightrope.model.params import Params


def small(regime="service_only", days=12, seed=1, **extra):
    values = {
        "regime.name": regime,
        "staffing.reps": 8,
        "arrivals.rate": 1.0,
        "staffing.day_minutes": 240.0,
        "customers.population": 2000,
        "run.days": days,
        "run.burn_in_days": 2,
        **extra,
    }
    return CallCentre(Params().replace(**values), rng=seed)


@given(st.integers(0, 2**31 - 1), st.floats(0.3, 3.0))
def test_service_only_never_sells(seed, rate):
    """service_only makes no pitch and no sale."""
    centre = small("service_only", seed=seed, **{"arrivals.rate": rate})
    centre.run()
    s = centre.summary()
    assert s["upsell_attempts"] == 0 and s["sales_genuine"] == 0 and s["sales_harmful"] == 0


@given(st.integers(0, 2**31 - 1), st.floats(0.5, 3.0), st.booleans())
def test_discretionary_never_pitches_to_angry_callers(seed, rate, screen):
    """Without misreading, discretionary_rewards never pitches to an angry caller."""
    values = {
        "arrivals.rate": rate,
        "screenpop.enabled": screen,
        "customers.anger_mood": 1.0,
        "sales.misread_max": 0.0,
    }
    centre = small("discretionary_rewards", seed=seed, **values)
    centre.run()
    s = centre.summary()
    assert s["upsell_attempts"] > 0
    assert s["pitches_to_angry"] == 0


def test_mandatory_upsell_pitches_on_every_answered_service_call():
    """Under mandatory_upsell every service call a trained rep answers carries a pitch."""
    centre = small("mandatory_upsell", days=5)
    for _ in range(5):
        centre.step()
        assert centre.tally.pitches == centre.tally.service_calls > 0


def _service_call(u_need: float) -> tuple:
    """A calm, simple, resolvable service call from customer 0; the screen-pop stays silent."""
    return make_call(
        kind=CallKind.SERVICE,
        customer=0,
        u_mood=0.0,
        u_complex=0.9,
        u_resolve=0.1,
        u_need=u_need,
        u_seen=0.0,
        u_sale=0.5,
        u_pop=0.9,
    )


def _warmup_after_service_call(switch_cost: float) -> tuple[float, float]:
    centre = small("discretionary_rewards", **{"warmup.switch_cost": switch_cost})
    connect = call_hook(centre, Tally())
    slot = next(iter(centre.agents)).slot
    centre.table.warmup[slot] = 0.9
    connect(slot, _service_call(u_need=0.99), 0.0, 0.0)  # no need: no pitch
    return 0.9, centre.table.warmup[slot]


def test_zero_switch_cost_keeps_sales_mode_through_service_calls():
    """Switch cost 0: a service call leaves warm-up where it was; a positive cost lowers it."""
    before, after = _warmup_after_service_call(0.0)
    assert after == before
    before, after = _warmup_after_service_call(0.5)
    assert after < before


def test_more_quota_pressure_means_no_fewer_pushed_sales():
    """For the same calls and rep, higher quota pressure never lowers pushed sales."""
    counts = []
    for pressure in (0.0, 0.3, 0.6, 1.0):
        centre = small("mandatory_upsell")
        connect = call_hook(centre, tally := Tally())
        slot = next(iter(centre.agents)).slot
        for i in range(400):
            centre.table.pressure[slot] = pressure
            centre.table.morale[slot] = 0.5
            # The sale uniform sweeps [0, 1).
            call = record.replace(_service_call(u_need=0.99), u_sale=(i + 0.5) / 400)
            connect(slot, call, 0.0, 0.0)
        counts.append(tally.sales_harmful)
    assert counts == sorted(counts) and counts[-1] > counts[0]


def _harmful_total(**extra) -> float:
    total = 0.0
    for seed in range(4):
        centre = small("mandatory_upsell", days=15, seed=seed, **extra)
        centre.run()
        total += centre.summary()["sales_harmful"]
    return total


def test_a_quota_gives_more_harmful_sales_than_none_over_runs():
    """Common seeds: a quota (either pressure form) pushes more harmful sales than none."""
    none = _harmful_total(**{"regime.quota_stretch": 0.0})
    for form in ("goal_proximity", "monotone"):
        extra = {"regime.quota_stretch": 1.0, "regime.pressure_form": form}
        assert _harmful_total(**extra) > none, form


def test_monotone_pressure_rises_with_stretch_over_runs():
    """Monotone form: an unreachable quota (stretch 8) pushes more than a realistic one."""
    form = {"regime.pressure_form": "monotone"}
    low = _harmful_total(**form, **{"regime.quota_stretch": 0.8})
    assert _harmful_total(**form, **{"regime.quota_stretch": 8.0}) > low


def test_zero_hazard_means_nobody_quits():
    """With attrition hazard 0 nobody quits and nobody is hired."""
    centre = small("mandatory_upsell", days=30, **{"attrition.base_hazard": 0.0})
    centre.run()
    assert centre.workforce.quits == 0 and centre.workforce.hired == 0
    assert len(centre.agents) == centre.initial_headcount


def test_specialised_refers_to_the_sales_team():
    """Under specialised, service reps never pitch; transfers reach the sales team."""
    centre = small("specialised", days=6)
    centre.run()
    s = centre.summary()
    assert s["transfers"] > 0 and s["sales_genuine"] > 0
    # Every pitch is made on a sales-side call (inbound sales or a transfer), none on service.
    assert s["upsell_attempts"] == centre.measured.tally["sales_calls"]


def test_rep_snapshot_shows_every_rep_in_bounds():
    """The per-rep snapshot lists every employed rep with warm-up and morale inspectable."""
    centre = small("discretionary_rewards", days=4)
    centre.run()
    snap = centre.rep_snapshot()
    assert len(snap) == len(centre.agents)
    assert snap[["morale", "warmup", "service_skill", "sales_skill"]].stack().between(0, 1).all()


@given(st.integers(0, 2**31 - 1), st.floats(0.5, 3.0))
def test_warm_transfers_are_conserved_and_never_double_book(seed, rate):
    """Under specialised, a transfer leg is answered once, by one rep at a time (not offered)."""
    values = {
        "regime.name": "specialised",
        "staffing.reps": 8,
        "arrivals.rate": rate,
        "staffing.day_minutes": 240.0,
        "customers.population": 2000,
        "run.days": 3,
        "run.burn_in_days": 0,
    }
    centre = CallCentre(Params().replace(**values), rng=seed, record_calls=True)
    while centre.running:
        centre.step()
        assert_invariants(centre)
    acc = centre.measured
    assert len(centre.call_log) == acc.answered + acc.transfers_answered
    by_rep: dict = {}
    log = sorted((day, rep, start, end) for day, _, start, end, rep in centre.call_log)
    for day, rep, start, end in log:
        last = by_rep.get((day, rep))
        assert last is None or start >= last
        by_rep[(day, rep)] = end
