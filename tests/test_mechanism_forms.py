"""Exact forms of small mechanisms, pinned at the unit level.

The paired mechanism tests (tests/mechanisms.py) compare two arms of a whole
run; they cannot see a change that moves both arms alike, a boundary case or a
counter no output reads. These tests fix the formulas themselves, one step at a
time: found as surviving mutants of ``make mutation`` (issue 17).
"""

from __future__ import annotations

import math
from collections import defaultdict
from types import SimpleNamespace

import numpy as np
import pytest
from mechanisms import BASE, outputs

from tightrope.model.agents import Status, Team
from tightrope.model.calls.dayarrays import call_hook
from tightrope.model.calls.record import CallKind, make_call
from tightrope.model.calls.tally import Tally
from tightrope.model.customers import CustomerBase
from tightrope.model.levers.coaching import SALES, SERVICE, CoachingDesk
from tightrope.model.levers.teamwork import apply_scoreboard
from tightrope.model.model import CallCentre
from tightrope.model.params import Params
from tightrope.model.staffing import TeamPlan

SMALL = {
    "regime.name": "service_only",
    "staffing.reps": 4,
    "staffing.day_minutes": 60.0,
    "customers.population": 50,
    "run.days": 3,
    "run.burn_in_days": 0,
}


def _record_decisions(monkeypatch: pytest.MonkeyPatch, seen: list) -> None:
    """Run the day loop as Python (the same source) with the regime's decision recorded.

    The compiled loop cannot call back into a test, so the loop and ``connect`` run as
    their Python functions here, and ``decide`` records what it is shown and declines.
    """
    from tightrope.model.calls import kernel, loop, outcomes

    def decide(code, perceived, angry, orientation, chance, pay, discomfort):
        seen.append((perceived, orientation, chance))
        return False

    monkeypatch.setattr(outcomes, "decide", decide)
    monkeypatch.setattr(kernel, "connect", outcomes.connect.py_func)
    monkeypatch.setattr(loop, "run_events", kernel.run_events.py_func)


def _customers(n: int, **values: float) -> CustomerBase:
    p = Params().replace(**{f"customers.{k}": v for k, v in values.items()}).customers
    return CustomerBase(p, np.random.default_rng(0), n)


def test_trust_recovers_toward_one_at_the_recovery_rate():
    """Recovery: trust <- trust + recovery (1 - trust), exactly, when nothing harms or churns."""
    base = _customers(4, trust_recovery=0.1, churn_base=0.0, churn_distrust=0.0)
    base.trust[:] = [0.0, 0.3, 0.8, 1.0]
    base.end_of_day(1)
    np.testing.assert_allclose(base.trust, [0.1, 0.37, 0.82, 1.0], rtol=0, atol=1e-12)
    assert base.churned_today == base.churned_total == 0


def test_harm_is_summed_per_customer_and_trust_stays_in_bounds():
    base = _customers(3, trust_recovery=0.0, churn_base=0.0, churn_distrust=0.0)
    base.trust[:] = 0.8
    base.harm_events.extend([(0, 0.5), (0, 0.7), (1, 0.2)])
    base.end_of_day(1)
    np.testing.assert_allclose(base.trust, [0.0, 0.6, 0.8], rtol=0, atol=1e-12)
    np.testing.assert_allclose(base.harm, [1.2, 0.2, 0.0], rtol=0, atol=1e-12)
    assert base.harm_events == []


def test_churn_follows_distrust_and_is_counted_every_day():
    """Churn chance base + distrust (1 - trust)^2: with distrust 1, trust 0 churns, trust 1 not."""
    base = _customers(4, trust_recovery=0.0, churn_base=0.0, churn_distrust=1.0, trust_initial=0.5)
    for day in (1, 2):
        base.trust[:] = [0.0, 1.0, 0.0, 1.0]
        base.harm[:] = 1.0
        base.end_of_day(day)
        assert base.churned_today == 2
        np.testing.assert_array_equal(base.trust, [0.5, 1.0, 0.5, 1.0])  # replaced afresh
        np.testing.assert_array_equal(base.harm, [0.0, 1.0, 0.0, 1.0])
    assert base.churned_total == 4


def test_skills_fade_toward_the_floor_only_without_contacts():
    """Forgetting: s <- floor + (s - floor) e^-forget for a skill not used today, else kept."""
    values = {**SMALL, "skills.forget": 0.5, "skills.floor": 0.1}
    centre = CallCentre(Params().replace(**values), rng=1)
    reps = sorted(centre.agents, key=lambda r: r.unique_id)
    table = centre.table
    cases = [(0, 0), (0, 3), (2, 0), (2, 3)]  # (service calls, sales contacts) today
    for rep, (service, sales) in zip(reps, cases, strict=True):
        assert rep.status is Status.ACTIVE
        table.service_skill[rep.slot] = table.sales_skill[rep.slot] = 0.5
        table.service_calls[rep.slot], table.sales_contacts[rep.slot] = service, sales
        rep.end_of_day()
    faded = 0.1 + 0.4 * math.exp(-0.5)
    for rep, (service, sales) in zip(reps, cases, strict=True):
        assert table.service_skill[rep.slot] == pytest.approx(0.5 if service else faded, abs=1e-12)
        assert table.sales_skill[rep.slot] == pytest.approx(0.5 if sales else faded, abs=1e-12)


def test_empty_seats_start_spread_over_training_and_the_hiring_lag():
    """8 empty seats over lag 2 + training 2 days: offsets -2, -1, -1, 0, 0, 1, 1, 2.

    Offsets <= 0 are hires already training (max(1, training + offset) days left),
    offsets > 0 hires arriving on that day.
    """
    values = {**SMALL, "hiring.lag_days": 2, "hiring.training_days": 2}
    plan = TeamPlan(Team.BLENDED, arrival_rate=1.0, aht=5.0, on_phones=4, empty_share=0.67,
                    roster=12)  # fmt: skip
    centre = CallCentre(Params().replace(**values), rng=1, teams=[plan])
    training = [r.training_days_left for r in centre.agents if r.status is Status.TRAINING]
    assert sorted(training) == [1, 1, 1, 2, 2]
    assert sorted(day for day, _ in centre.workforce.pipeline) == [1, 1, 2]
    assert len(centre.agents) == 4 + 5


def test_every_seat_is_held_by_a_rep_or_a_hire_on_the_way():
    """Quits and dismissals each put one hire in the pipeline; each arrival takes one out."""
    values = {**SMALL, "regime.name": "mandatory_upsell", "staffing.reps": 8,
              "attrition.base_hazard": 0.05, "hiring.lag_days": 2, "hiring.training_days": 1,
              "run.days": 25}  # fmt: skip
    centre = CallCentre(Params().replace(**values), rng=3)
    seats = len(centre.agents) + len(centre.workforce.pipeline)
    while centre.running:
        centre.step()
        assert len(centre.agents) + len(centre.workforce.pipeline) == seats
        # A hire works once trained (tenure counts training days).
        assert all(r.status is Status.ACTIVE for r in centre.agents if r.tenure_days >= 1)
    assert centre.workforce.quits > 0 and centre.workforce.hired > 0


@pytest.mark.parametrize(
    ("sold", "moved"),
    [
        ([0, 1, 2, 3, 4], [-1, -1, 0, 0, 1]),  # bottom: < 40 % sold less; top: < 20 % sold more
        ([0, 0, 0, 1, 2], [-1, -1, -1, 0, 1]),  # ties at zero all sit at the bottom
        ([3, 3, 3, 3, 3], [0, 0, 0, 0, 0]),  # a board with no spread moves nobody
        ([0, 5, 5, 5, 5], [-1, 1, 1, 1, 1]),  # one rep below is enough for the top
    ],
)
def test_scoreboard_moves_the_bottom_and_top_of_the_board(sold, moved):
    values = {**SMALL, "regime.name": "mandatory_upsell", "staffing.reps": 5,
              "org.cross_trained_share": 1.0, "scoreboard.enabled": True,
              "scoreboard.bottom_share": 0.4, "scoreboard.top_share": 0.2,
              "scoreboard.bottom_drop": 0.1, "scoreboard.top_lift": 0.05}  # fmt: skip
    centre = CallCentre(Params().replace(**values), rng=1)
    reps = sorted(centre.agents, key=lambda r: r.unique_id)
    sales = [0.0] * len(centre.table.morale)
    for rep, n in zip(reps, sold, strict=True):
        assert rep.on_phones and rep.can_pitch
        sales[rep.slot] = float(n)
        rep.morale = 0.5
    apply_scoreboard(centre, {}, sales)
    step = {-1: -0.1, 0: 0.0, 1: 0.05}
    assert [rep.morale for rep in reps] == pytest.approx([0.5 + step[m] for m in moved])


def test_each_coaching_session_is_counted_and_costed():
    """Supervisors coach ratio x reps x sessions a day: 0.25 x 8 x 2 = 4 sessions a day."""
    s = outputs("upsell", {"coaching.supervisor_ratio": 0.25}, 0)
    days = BASE["run.days"] - BASE["run.burn_in_days"]
    assert s["coaching_sessions"] > days  # several a day, each counted
    assert s["coaching_cost"] == pytest.approx(s["coaching_sessions"] * 60.0)  # cost_per_session


@pytest.mark.parametrize("seed", [0, 1])
def test_more_room_to_avoid_means_more_calls_avoided_below_certainty(seed):
    """Avoidance chance = complex share x max_probability x pressure: rises with max_probability.

    The mechanism row moves max_probability 0 -> 1, where a mistaken division by it
    cannot be seen (x / 1 = x * 1); 0.3 -> 0.6 can.
    """
    # Commission's own pressure acts from day 1 (a quota only after its first review).
    low = outputs("commission", {"avoidance.max_probability": 0.3}, seed)["calls_avoided"]
    high = outputs("commission", {"avoidance.max_probability": 0.6}, seed)["calls_avoided"]
    assert high > low > 0


@pytest.mark.parametrize("anger_penalty", [0.0, 0.6])
def test_a_reps_sale_estimate_is_conversion_times_skill_and_warmup_less_anger(
    anger_penalty, monkeypatch
):
    """What commission weighs: conversion x sales skill x warm-up x (1 - penalty x anger).

    Recorded at the regime's decision (which declines every pitch, so skills and
    warm-up stay where they started); x need share when the rep sees no need.
    """
    values = {**SMALL, "regime.name": "commission", "sales.anger_penalty": anger_penalty,
              "arrivals.rate": 1.5, "run.days": 1}  # fmt: skip
    centre = CallCentre(Params().replace(**values), rng=2)
    seen: list[tuple[bool, float, float]] = []
    _record_decisions(monkeypatch, seen)
    table, p = centre.table, centre.params
    skill_of = {table.orientation[r.slot]: table.sales_skill[r.slot] for r in centre.agents}
    centre.step()
    assert len(seen) > 20 and any(perceived for perceived, _, _ in seen)
    below = 0
    for perceived, orientation, chance in seen:
        best = p.sales.conversion_base * skill_of[orientation] * p.warmup.start
        if not perceived:
            best *= p.sales.need_share
        if anger_penalty == 0.0:
            assert chance == pytest.approx(best, rel=1e-12)
        else:
            assert chance <= best * (1 + 1e-12)
            below += chance < best * (1 - 1e-9)
    assert below > 0 or anger_penalty == 0.0  # angry callers lower the estimate


def _sales_contact(i: int) -> tuple:
    """A calm, anonymous inbound sales call at minute 10 i (fields as in record.FIELDS)."""
    return (10.0 * i, math.inf, 0.1, 1, -1, 0.0, 0.9, 0.1, 0.99, 0.0, 0.5, 0.9)


def test_pitches_are_counted_by_their_position_in_a_run():
    """Four sales contacts in a row are a run's 1st, 2nd, 3rd and 4th pitch."""
    values = {**SMALL, "regime.name": "discretionary_rewards", "staffing.reps": 1,
              "customers.population": 0, "run.days": 1}  # fmt: skip
    centre = CallCentre(Params().replace(**values), rng=4)
    calls = [_sales_contact(i) for i in range(4)]
    centre.day_calls = lambda: iter(calls)
    centre.step()
    assert centre.tally.pitches_at == [1, 1, 1, 1, 0, 0, 0, 0]


@pytest.mark.parametrize(
    ("regime", "team", "can_pitch", "target"),
    [
        ("mandatory_upsell", Team.BLENDED, True, SALES),  # a rep who pitches: sales
        ("service_only", Team.BLENDED, False, SERVICE),  # nobody sells: service
        ("specialised", Team.SALES, True, SALES),
        ("specialised", Team.SERVICE, False, SERVICE),
    ],
)
def test_coaching_targets_the_skill_a_rep_uses(regime, team, can_pitch, target):
    """Sales for a rep who pitches (or sits on the sales team), else service, whatever the gaps.

    The service gap is made the larger one, so a rep who sells is coached in sales
    because of the regime, not because sales is the weaker skill.
    """
    values = {**SMALL, "regime.name": regime, "org.cross_trained_share": 1.0}
    centre = CallCentre(Params().replace(**values), rng=1)
    rep = next(r for r in centre.agents if r.team is team)
    assert rep.can_pitch is can_pitch
    table = centre.table
    table.service_skill[rep.slot], table.service_ceiling[rep.slot] = 0.1, 0.9
    table.sales_skill[rep.slot], table.sales_ceiling[rep.slot] = 0.5, 0.6
    assert CoachingDesk(centre, np.random.default_rng(0)).target_skill(rep) == target


def test_recognition_goes_to_the_most_improved_every_period():
    """Breadth 0.4 of 5 reps: the 2 most improved are recognised, each time, and cheered."""
    values = {**SMALL, "regime.name": "discretionary_rewards", "staffing.reps": 5,
              "regime.recognition_breadth": 0.4, "regime.recognition_strength": 0.1}  # fmt: skip
    centre = CallCentre(Params().replace(**values), rng=1)
    reps = sorted(centre.agents, key=lambda r: r.unique_id)
    for rep, previous in zip(reps, [0.5, 0.4, 0.3, 0.2, 0.1], strict=True):
        rep.previous_score, rep.morale = previous, 0.5  # improvement: -previous
    for _ in range(2):
        centre.regime.reward(reps)
    assert [rep.recognitions for rep in reps] == [0, 0, 0, 2, 2]
    assert [rep.morale for rep in reps] == pytest.approx([0.5, 0.5, 0.5, 0.7, 0.7])


def test_a_callers_anger_adds_mood_wait_and_lost_trust(monkeypatch):
    """Anger = wait + mood + harm x trust deficit (capped at 1); read off the sale estimate.

    With anger_penalty 1 the estimate is best x (1 - anger). The customer is 0.1
    below the starting trust, so anger >= 0.1 on every call, and above it on most
    (mood and waiting add to it rather than replace it).
    """
    # One customer (id 0) makes every call, so every call carries the trust deficit.
    values = {**SMALL, "regime.name": "commission", "sales.anger_penalty": 1.0,
              "customers.anger_harm": 1.0, "customers.population": 1, "arrivals.rate": 1.5,
              "run.days": 1}  # fmt: skip
    centre = CallCentre(Params().replace(**values), rng=2)
    p = centre.params
    centre.customers.trust[:] = p.customers.trust_initial - 0.1
    seen: list[tuple[bool, float, float]] = []
    _record_decisions(monkeypatch, seen)
    table = centre.table
    skill_of = {table.orientation[r.slot]: table.sales_skill[r.slot] for r in centre.agents}
    centre.step()
    angers = []
    for perceived, orientation, chance in seen:
        best = p.sales.conversion_base * skill_of[orientation] * p.warmup.start
        angers.append(1.0 - chance / (best if perceived else best * p.sales.need_share))
    assert len(angers) > 20
    assert min(angers) >= 0.1 - 1e-9
    assert sum(a > 0.1 + 1e-6 for a in angers) > len(angers) / 2


GRID = 400  # sale uniforms (i + 0.5) / GRID: a share sold is a probability to 1 / GRID


def _sales_calls(grid: int, **values: float) -> tuple[CallCentre, Tally, int]:
    """A centre after one day, and a sales call of an angry caller with a need, per grid point."""
    params = {**SMALL, "regime.name": "mandatory_upsell", "customers.population": 0,
              "run.days": 2, "customers.anger_mood": 0.8, "sales.sales_call_need": 1.0,
              **values}  # fmt: skip
    centre = CallCentre(Params().replace(**params), rng=0)
    centre.step()
    connect = call_hook(centre, tally := Tally())
    slot = next(r for r in centre.agents if r.can_pitch).slot
    table = centre.table
    for i in range(grid):
        table.sales_skill[slot], table.warmup[slot], table.service_skill[slot] = 0.8, 0.5, 0.5
        call = make_call(kind=CallKind.SALES, u_mood=1.0, u_need=0.0, u_sale=(i + 0.5) / grid,
                         u_seen=0.0, u_complex=0.99, u_resolve=0.0, u_pop=0.99)  # fmt: skip
        connect(slot, call, 0.0, 0.0)
    return centre, tally, slot


def test_a_sales_calls_conversion_is_discounted_by_anger():
    """P(sale | need) = conversion x skill x warm-up x (1 - penalty x anger); anger 0.8 here."""
    centre, tally, _ = _sales_calls(GRID, **{"sales.anger_penalty": 0.5})
    expected = centre.params.sales.conversion_base * 0.8 * 0.5 * (1.0 - 0.5 * 0.8)
    assert abs(tally.sales_genuine / GRID - expected) <= 1 / GRID


def test_selling_erodes_service_skill_by_its_coupling_share():
    """With coupling c, each pitch leaves service skill s (1 - c)."""
    centre, _, slot = _sales_calls(1, **{"skills.coupling_sales_erodes_service": 0.1})
    assert centre.table.service_skill[slot] == pytest.approx(0.5 * 0.9, abs=1e-12)


def test_a_new_review_period_starts_from_zero():
    """close_period keeps this period's score as the baseline and zeroes the counts."""
    centre = CallCentre(Params().replace(**SMALL), rng=1)
    rep = next(iter(centre.agents))
    rep.period_sales, rep.period_genuine, rep.period_resolved, rep.period_days = 3.0, 2.0, 20.0, 5
    rep.close_period()
    assert rep.previous_score == pytest.approx(3.0 + 20.0 / 10.0)
    assert (rep.period_sales, rep.period_genuine, rep.period_resolved, rep.period_days) == (
        0,
        0,
        0,
        0,
    )
    assert rep.score() == 0.0


def test_coaching_goes_first_to_reps_never_coached():
    """Sessions go to the reps coached longest ago; never coached counts as longest."""
    values = {**SMALL, "coaching.supervisor_ratio": 0.125}  # 0.125 x 4 reps x 2 a day: one
    centre = CallCentre(Params().replace(**values), rng=1)
    first, second, *_ = sorted(centre.agents, key=lambda r: r.unique_id)
    desk = CoachingDesk(centre, np.random.default_rng(0))
    desk.last_coached = {first.unique_id: 1}
    desk.coach(2, SimpleNamespace(today=defaultdict(float)))
    assert desk.last_coached == {first.unique_id: 1, second.unique_id: 2}
