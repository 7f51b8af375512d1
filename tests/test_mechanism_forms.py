"""Exact forms of small mechanisms, pinned at the unit level.

The paired mechanism tests (tests/mechanisms.py) compare two arms of a whole
run; they cannot see a change that moves both arms alike, a boundary case or a
counter no output reads. These tests fix the formulas themselves, one step at a
time: found as surviving mutants of ``make mutation`` (issue 17).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from mechanisms import BASE, outputs

from tightrope.model.agents import Status, Team
from tightrope.model.customers import CustomerBase
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
    assert centre.workforce.quits > 0 and centre.workforce.hired > 0


@pytest.mark.parametrize(
    ("sold", "moved"),
    [
        ([0, 1, 2, 3, 4], [-1, -1, 0, 0, 1]),  # bottom: < 40 % sold less; top: < 20 % sold more
        ([0, 0, 0, 1, 2], [-1, -1, -1, 0, 1]),  # ties at zero all sit at the bottom
        ([3, 3, 3, 3, 3], [0, 0, 0, 0, 0]),  # a board with no spread moves nobody
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
