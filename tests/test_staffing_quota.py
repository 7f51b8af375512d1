"""Staffing to a service level, and quotas as a stretch on attainable sales (issue 12)."""

import json
import math

import numpy as np
import pytest
from scipy import stats

from tightrope.experiments.cli import main
from tightrope.model import Params, simulate
from tightrope.model.agents import Team
from tightrope.model.model import CallCentre
from tightrope.model.regimes import REGIMES, goal_pressure
from tightrope.model.staffing import agents_for_target, roster_for
from tightrope.model.validation.theory import erlang_a

# A centre of about 20 reps: small enough for tests, large enough that one rep moves the
# service level by only a few points.
SMALL = {"arrivals.rate": 3.0, "customers.population": 20000, "staffing.reps": 20}


def test_agents_for_target_is_the_erlang_a_threshold():
    """The staffing is the fewest agents whose Erlang A service level reaches the target."""
    c = agents_for_target(3.0, 6.0, 4.0, 20 / 60, 0.8)
    assert erlang_a(c, 3.0, 6.0, 4.0).service_level(20 / 60) >= 0.8
    assert erlang_a(c - 1, 3.0, 6.0, 4.0).service_level(20 / 60) < 0.8
    assert agents_for_target(6.0, 6.0, 4.0, 20 / 60, 0.8) > c


def test_roster_covers_the_seats_attrition_keeps_empty():
    """Little's law: at hazard q and D empty days per quit, qD/(1+qD) of seats are empty."""
    roster, empty = roster_for(50, 0.002, 30)
    assert empty == pytest.approx(0.06 / 1.06)
    assert roster == round(50 * 1.06)
    assert roster_for(50, 0.0, 30) == (50, 0.0)


def test_queue_only_service_level_staffing_meets_the_target():
    """Validation mode: the plan is Erlang A's, and the simulated queue lands near 80/20."""
    p = Params.from_dict(
        {
            "staffing.policy": "service_level",
            "run.behaviour": False,
            "run.days": 1,
            "run.burn_in_days": 0,
            "arrivals.rate": 3.0,
            "staffing.day_minutes": 20000.0,
            "run.burn_in_minutes": 1000.0,
            "service.handle_time_distribution": "exponential",
        }
    )
    centre = CallCentre(p, rng=3)
    (plan,) = centre.staffing_plan
    assert plan.on_phones == agents_for_target(3.0, 5.0, 4.0, 20 / 60, 0.8)
    assert len(centre.agents) == plan.on_phones
    centre.run()
    assert abs(centre.summary()["service_level"] - 0.8) < 0.04


def test_fixed_policy_keeps_the_headcount():
    """The default policy staffs exactly staffing.reps and runs no pilot."""
    centre = CallCentre(Params.from_dict({**SMALL, "run.days": 2, "run.burn_in_days": 0}), rng=1)
    assert centre.staffing_plan == [] and len(centre.agents) == 20


@pytest.mark.slow
def test_teams_are_sized_separately_in_the_specialised_design():
    """Specialised: the service and the sales team each get their own plan and roster."""
    values = {**SMALL, "regime.name": "specialised", "staffing.policy": "service_level"}
    centre = CallCentre(Params.from_dict({**values, "run.days": 2, "run.burn_in_days": 0}), rng=2)
    teams = {plan.team: plan for plan in centre.staffing_plan}
    assert set(teams) == {Team.SERVICE, Team.SALES}
    assert teams[Team.SERVICE].on_phones > teams[Team.SALES].on_phones >= 1
    on_phones = sum(rep.on_phones for rep in centre.agents)
    assert on_phones == sum(plan.on_phones for plan in teams.values())


@pytest.mark.slow
@pytest.mark.parametrize("regime", list(REGIMES))
def test_service_level_policy_meets_80_20(regime, capsys):
    """`tightrope run --set staffing.policy=service_level`: 80/20 within 5 points.

    The default centre (about 50 reps, so one rep moves the service level by
    about 4 points); seeds are the unit. The mean over seeds must be within 5
    points of 0.8 and its 95 % t interval within 8 points. Five seeds: a 40-day
    run's service level varies by about 4-5 points between seeds (quits and
    hires move the reps on the phones by a rep or two), so three seeds' t
    interval (t = 4.3) is wider than 8 points whatever the plan.
    """
    seeds = (1, 2, 3, 4, 5)
    levels = []
    for seed in seeds:
        argv = ["run", "--regime", regime, "--days", "40", "--seed", str(seed), "--json"]
        argv += ["--set", "staffing.policy=service_level", "--set", "run.burn_in_days=5"]
        assert main(argv) == 0
        levels.append(json.loads(capsys.readouterr().out)["service_level"])
    mean = float(np.mean(levels))
    half = stats.t.ppf(0.975, len(seeds) - 1) * np.std(levels, ddof=1) / math.sqrt(len(seeds))
    assert abs(mean - 0.8) <= 0.05, levels
    assert mean - half > 0.72 and mean + half < 0.88, levels


def test_goal_proximity_pressure_peaks_just_short_of_the_goal():
    """Goal proximity: zero once met, highest just short, lower far away; monotone rises."""
    near, far = (
        goal_pressure(0.05, "goal_proximity", 0.25),
        goal_pressure(0.9, "goal_proximity", 0.25),
    )
    assert goal_pressure(0.0, "goal_proximity", 0.25) == 0.0
    assert near > far > 0.0
    assert goal_pressure(0.9, "monotone", 0.25) > goal_pressure(0.05, "monotone", 0.25)


def test_quota_is_set_from_attainable_sales_after_the_first_period():
    """No quota in the first review period; then stretch x the team's genuine sales per rep-day."""
    values = {**SMALL, "regime.name": "mandatory_upsell", "regime.quota_stretch": 1.5}
    centre = CallCentre(Params.from_dict({**values, "run.days": 12, "run.burn_in_days": 0}), rng=4)
    for _ in range(centre.params.regime.review_days - 1):
        centre.step()
    assert centre.regime.quota == {}
    reps = [rep for rep in centre.agents if rep.on_phones]
    genuine = sum(rep.period_genuine for rep in reps)
    days = sum(rep.period_days for rep in reps)
    centre.regime.set_quota(reps)
    assert centre.regime.quota == {Team.BLENDED: pytest.approx(1.5 * genuine / days)}
    centre.regime.quota = {}
    centre.step()  # the review day sets the quota itself
    assert centre.regime.quota[Team.BLENDED] > 0
    centre.step()
    assert 0 < max(rep.pressure for rep in centre.agents) <= 1


def test_quota_only_where_its_scope_says():
    """Discretionary pitching has a quota only with quota_scope = every_regime."""
    values = {
        **SMALL,
        "regime.name": "discretionary_rewards",
        "run.days": 2,
        "run.burn_in_days": 0,
    }
    assert not CallCentre(Params.from_dict(values), rng=1).regime.has_quota
    scoped = {**values, "regime.quota_scope": "every_regime"}
    assert CallCentre(Params.from_dict(scoped), rng=1).regime.has_quota
    service = {**scoped, "regime.name": "service_only"}
    assert not CallCentre(Params.from_dict(service), rng=1).regime.has_quota


@pytest.mark.slow
def test_binding_quota_changes_attrition():
    """Mechanism: an unrealistic quota (1.5) raises attrition over a realistic one (0.8).

    Missing the quota costs morale (here 0.3 per period's shortfall); seeds are the
    unit and the paired t interval of the difference excludes zero. Redials are off:
    this small centre runs near full occupancy under mandatory upselling, where
    redialling callers snowball and the overload swamps the quota channel (with
    redials the difference was +0.056, 95 % half-width 0.080, over 6 seeds).
    """
    base = {
        **SMALL,
        "regime.name": "mandatory_upsell",
        "regime.quota_penalty": 0.3,
        "customers.redial_share": 0.0,
        "run.days": 60,
        "run.burn_in_days": 10,
    }
    diffs = []
    for seed in range(8):
        low = simulate(Params.from_dict({**base, "regime.quota_stretch": 0.8}), seed).summary
        high = simulate(Params.from_dict({**base, "regime.quota_stretch": 1.5}), seed).summary
        diffs.append(high["attrition_annual"] - low["attrition_annual"])
    half = stats.t.ppf(0.975, len(diffs) - 1) * np.std(diffs, ddof=1) / math.sqrt(len(diffs))
    assert np.mean(diffs) - half > 0, diffs


@pytest.mark.slow
def test_centre_command_prints_every_regime_beside_the_ranges(capsys):
    """`tightrope centre`: one row per regime plus the fixed mandatory centre, ranges on top."""
    argv = ["centre", "--days", "4", "--seeds", "2"]
    for key, value in {
        "arrivals.rate": 1.0,
        "staffing.reps": 8,
        "customers.population": 2000,
        "staffing.pilot_days": 4,
    }.items():
        argv += ["--set", f"{key}={value}"]
    assert main([*argv, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["centre"] for row in rows][:-1] == list(REGIMES)
    assert rows[-1]["centre"].startswith("mandatory_upsell (fixed")
    assert all(0 < row["service_level"] <= 1 and row["aht_min"] > 0 for row in rows)
    assert main(argv) == 0
    table = capsys.readouterr().out
    assert "| published |" in table and "attrition %/yr" in table
