"""The invariants of tests/invariants.py, for hypothesis-drawn centres, plus exact formulas.

The fast profile draws small centres (tests/conftest.py: 25 examples); the
``slow`` copies draw more examples and larger centres and run in CI only
(``make test``; ``make test-fast`` leaves them out).
"""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from invariants import assert_invariants, assert_run_invariants

from tightrope.model.model import CallCentre
from tightrope.model.params import Params
from tightrope.model.regimes import REGIMES

SMALL = {
    "staffing.reps": 8,
    "arrivals.rate": 1.0,
    "staffing.day_minutes": 240.0,
    "customers.population": 2000,
    "run.days": 12,
    "run.burn_in_days": 2,
}
# Larger centres for the slow profile: more reps, a longer day, the sales side loaded.
LARGE = {**SMALL, "staffing.reps": 30, "staffing.day_minutes": 480.0, "run.days": 25}

behaviour_drawn = st.fixed_dictionaries(
    {
        "regime.name": st.sampled_from(list(REGIMES)),
        "arrivals.rate": st.floats(0.3, 2.5),
        "arrivals.sales_rate": st.floats(0.0, 0.5),
        "warmup.switch_cost": st.floats(0.0, 1.0),
        "warmup.rate_mean": st.floats(0.05, 0.95),
        "regime.quota_stretch": st.floats(0.0, 10.0),
        "morale.abuse": st.floats(0.0, 0.05),
        "morale.sale": st.floats(0.0, 0.05),
        "skills.coupling_service_erodes_sales": st.floats(0.0, 0.05),
        "attrition.base_hazard": st.floats(0.0, 0.05),
        "hiring.lag_days": st.integers(0, 3),
        "hiring.training_days": st.integers(0, 3),
        "blending.outbound": st.booleans(),
        "screenpop.enabled": st.booleans(),
        "org.design": st.sampled_from(["blended", "dedicated"]),
        "customers.harm_harmful_sale": st.floats(0.0, 1.0),
        "staffing.routing": st.sampled_from(["longest_idle", "skills_based"]),
    }
)

levers_drawn = st.fixed_dictionaries(
    {
        "regime.name": st.sampled_from(["service_only", "mandatory_upsell", "commission"]),
        "arrivals.sales_rate": st.just(0.1),
        "blending.outbound": st.just(True),
        "coaching.supervisor_ratio": st.floats(0.0, 0.5),
        "coaching.peer_tenure_days": st.integers(0, 10),
        "coaching.learning_boost": st.floats(0.0, 20.0),
        "coaching.morale_lift": st.floats(0.0, 1.0),
        "monitoring.review_share": st.floats(0.0, 1.0),
        "monitoring.detection": st.floats(0.0, 1.0),
        "monitoring.dismiss_after": st.integers(1, 3),
        "monitoring.detection_morale": st.floats(0.0, 1.0),
        "transition.day": st.integers(0, 10),
        "transition.regime": st.sampled_from(["mandatory_upsell", "specialised", "service_only"]),
        "transition.design": st.sampled_from(["unchanged", "blended", "dedicated"]),
        "transition.shock": st.floats(0.0, 1.0),
        "transition.prepared_managers": st.booleans(),
        "coldcalls.enabled": st.booleans(),
        "coldcalls.conversion_multiplier": st.floats(0.0, 1.0),
        "coldcalls.morale_cost": st.floats(0.0, 0.1),
        "scoreboard.enabled": st.booleans(),
        "scoreboard.bottom_drop": st.floats(0.0, 1.0),
        "scoreboard.top_lift": st.floats(0.0, 1.0),
        "contagion.rate": st.floats(0.0, 1.0),
        "avoidance.max_probability": st.floats(0.0, 1.0),
        "attrition.base_hazard": st.floats(0.0, 0.05),
        "hiring.lag_days": st.integers(0, 3),
        "hiring.training_days": st.integers(0, 3),
    }
)

queues_drawn = st.fixed_dictionaries(
    {
        "staffing.reps": st.integers(1, 12),
        "arrivals.rate": st.floats(0.05, 6.0),
        "service.aht": st.floats(0.2, 8.0),
        "service.abandonment": st.booleans(),
        "service.patience": st.floats(0.05, 20.0),
        "staffing.day_minutes": st.floats(10.0, 300.0),
        "staffing.routing": st.sampled_from(["longest_idle", "skills_based"]),
        "arrivals.profile": st.sampled_from([(), (0.5, 2.0, 1.0, 0.0)]),
        "run.behaviour": st.just(False),
        "run.days": st.just(2),
        "run.burn_in_days": st.just(0),
    }
)


def run_checked(values: dict, seed: int, base: dict = SMALL) -> CallCentre:
    """Run a centre day by day, checking the invariants after every day and at the end."""
    centre = CallCentre(Params().replace(**{**base, **values}), rng=seed)
    for _ in range(centre.params.run.days):
        centre.step()
        assert_invariants(centre)
    assert_run_invariants(centre)
    return centre


@given(behaviour_drawn, st.integers(0, 2**31 - 1))
def test_invariants_hold_for_drawn_centres(values, seed):
    """State in [0, 1], people and calls (per kind) add up, KPIs match their definitions."""
    run_checked(values, seed)


@given(levers_drawn, st.integers(0, 2**31 - 1))
def test_invariants_hold_with_every_lever_on(values, seed):
    """The same invariants with management levers drawn on (dismissals counted apart)."""
    run_checked(values, seed)


@given(queues_drawn, st.integers(0, 2**31 - 1))
def test_invariants_hold_in_queue_mode(values, seed):
    """The queue-only mode (Erlang validation) conserves calls for any queue."""
    run_checked(values, seed)


@pytest.mark.slow
@settings(max_examples=80)
@given(behaviour_drawn, st.integers(0, 2**31 - 1))
def test_invariants_hold_for_drawn_large_centres(values, seed):
    """Slow: more examples on larger centres."""
    run_checked(values, seed, LARGE)


@pytest.mark.slow
@settings(max_examples=60)
@given(levers_drawn, st.integers(0, 2**31 - 1))
def test_invariants_hold_with_levers_on_large_centres(values, seed):
    """Slow: more examples on larger centres with levers."""
    run_checked(values, seed, LARGE)


# ------------------------------------------------------------ exact warm-up formula
SALES, SERVICE_NO_NEED, SERVICE_PITCHED = "sales", "service", "pitched"


def _scripted_call(i: int, kind: str) -> tuple:
    """An uncontended, calm, anonymous call at minute 10 i of one of three kinds."""
    # time, deadline, units, kind, customer, mood, complex, resolve, need, perceive, sale, pop
    inbound_kind = 1 if kind == SALES else 0
    need = 0.0 if kind == SERVICE_PITCHED else 0.99  # a perceived need is pitched to
    return (10.0 * i, math.inf, 0.1, inbound_kind, -1, 0.0, 0.9, 0.1, need, 0.0, 0.5, 0.9)


@pytest.mark.parametrize("switch_cost", [0.0, 0.35, 1.0])
def test_warmup_follows_its_formula_exactly_over_a_scripted_day(switch_cost):
    """Warm-up is exact over a scripted day of sales contacts and service calls.

    After a sales contact ``w <- w + r (1 - w)``; after an unpitched service call
    ``w <- w - s (w - w0)``; each day starts at ``w0`` (DESIGN.md's reference form as
    implemented: the switch cost pulls toward the day's start, not toward 0).
    """
    script = [SALES, SALES, SERVICE_NO_NEED, SERVICE_PITCHED, SALES, SERVICE_NO_NEED]
    script += [SERVICE_NO_NEED, SALES]
    values = {
        "regime.name": "discretionary_rewards",
        "staffing.reps": 1,
        "customers.population": 0,
        "warmup.switch_cost": switch_cost,
        "warmup.start": 0.2,
        "run.days": 2,
        "run.burn_in_days": 0,
    }
    centre = CallCentre(Params().replace(**values), rng=4)
    (rep,) = centre.agents
    assert rep.can_pitch
    r, w0 = rep.warmup_rate, 0.2
    for day_script in (script, script[:3]):
        calls = [_scripted_call(i, kind) for i, kind in enumerate(day_script)]
        centre.day_calls = lambda calls=calls: iter(calls)
        centre.step()
        w = w0
        for kind in day_script:
            w = w + r * (1.0 - w) if kind != SERVICE_NO_NEED else w - switch_cost * (w - w0)
        assert centre.tally.pitches == sum(kind != SERVICE_NO_NEED for kind in day_script)
        assert math.isclose(centre.warmup_today, w, rel_tol=1e-12)
        assert_invariants(centre)
