"""Management levers: neutral by default, exact where they must be, invariants hold when on."""

import math

import pandas as pd
import pytest
from invariants import assert_run_invariants

from tightrope.model.levers.daily import Levers
from tightrope.model.levers.teamwork import apply_contagion
from tightrope.model.model import CallCentre
from tightrope.model.params import Params
from tightrope.model.simulate import daily_frame

BASE = {
    "staffing.reps": 10,
    "arrivals.rate": 1.3,
    "arrivals.sales_rate": 0.1,
    "staffing.day_minutes": 240.0,
    "customers.population": 3000,
    "blending.outbound": True,
    "run.days": 20,
    "run.burn_in_days": 2,
}
# Settings that leave each lever neutral while changing its other parameters.
NEUTRAL = {
    "coaching": {"coaching.supervisor_ratio": 0.0, "coaching.learning_boost": 5.0},
    "monitoring": {"monitoring.review_share": 0.0, "monitoring.detection": 1.0},
    "transition": {"transition.day": 0, "transition.shock": 0.5},
    "coldcalls": {"coldcalls.enabled": False, "coldcalls.irritation": 1.0},
    "scoreboard": {"scoreboard.enabled": False, "scoreboard.bottom_drop": 0.5},
    "contagion": {"contagion.rate": 0.0, "contagion.walkout_share": 0.5},
    "avoidance": {"avoidance.max_probability": 0.0, "avoidance.handle_share": 0.1},
}
ALL_ON = {
    "coaching.supervisor_ratio": 0.1,
    "coaching.peer_tenure_days": 5,
    "monitoring.review_share": 0.3,
    "monitoring.detection": 0.8,
    "monitoring.dismiss_after": 1,
    "transition.day": 6,
    "transition.regime": "mandatory_upsell",
    "transition.design": "dedicated",
    "coldcalls.enabled": True,
    "scoreboard.enabled": True,
    "contagion.rate": 0.3,
    "avoidance.max_probability": 0.8,
}


def run(regime="service_only", seed=3, *, force_levers=False, **extra):
    """Run a small centre; return it after the last day."""
    centre = CallCentre(Params().replace(**{**BASE, "regime.name": regime, **extra}), rng=seed)
    if force_levers:
        centre.levers = Levers(centre)
    centre.run()
    return centre


def daily(centre):
    """Working days 1..N (the DataCollector's row 0 is the initial state)."""
    return daily_frame(centre)


def same(a, b):
    """Equal summaries (nan equal to nan)."""
    assert a.keys() == b.keys()
    for key in a:
        assert a[key] == b[key] or (a[key] != a[key] and b[key] != b[key]), key


@pytest.mark.parametrize("regime", ["discretionary_rewards", "mandatory_upsell"])
def test_neutral_levers_give_the_default_run(regime):
    """Neutral levers, and the lever machinery with every lever neutral, give the default run."""
    default = run(regime)
    assert default.levers is None
    for values in NEUTRAL.values():
        other = run(regime, **values)
        assert other.levers is None
        same(default.summary(), other.summary())
    forced = run(regime, force_levers=True)
    same(default.summary(), forced.summary())
    pd.testing.assert_frame_equal(daily(default), daily(forced))


def test_zero_detection_dismisses_nobody():
    """Monitoring every call with detection probability 0 dismisses nobody."""
    values = {"monitoring.review_share": 1.0, "monitoring.detection": 0.0}
    centre = run("mandatory_upsell", **values, **{"monitoring.dismiss_after": 1})
    s = centre.summary()
    assert s["calls_reviewed"] > 0 and s["harmful_detected"] == 0 and s["dismissals"] == 0


def test_detection_dismisses_and_replaces():
    """Certain detection at the first harmful sale dismisses reps; the pipeline replaces them."""
    values = {"monitoring.review_share": 1.0, "monitoring.detection": 1.0}
    centre = run("mandatory_upsell", **values, **{"monitoring.dismiss_after": 1, "run.days": 40})
    w = centre.workforce
    assert w.dismissals > 0 and w.hired > 0
    assert len(centre.agents) == centre.initial_headcount + w.hired - w.quits - w.dismissals
    # Attrition counts quits only; dismissals are reported apart, from the daily series.
    measured = daily(centre).iloc[-(centre.steps - BASE["run.burn_in_days"]) :]
    s = centre.summary()
    assert s["dismissals"] == measured["dismissals"].sum() > 0
    assert_run_invariants(centre)


def test_zero_contagion_keeps_the_uncoupled_morale_path():
    """Contagion rate 0 gives the uncoupled model's daily morale, with another lever on too."""
    for extra in ({}, {"coaching.supervisor_ratio": 0.1}):
        uncoupled = daily(run("mandatory_upsell", **extra))
        coupled = daily(run("mandatory_upsell", **extra, **{"contagion.rate": 0.0}))
        pd.testing.assert_series_equal(uncoupled["morale_mean"], coupled["morale_mean"])
        pd.testing.assert_series_equal(uncoupled["morale_p10"], coupled["morale_p10"])


def test_contagion_keeps_team_means_and_ignores_order():
    """A contagion step keeps each team's mean morale and does not depend on agent order."""
    centre = CallCentre(Params().replace(**BASE, **{"contagion.rate": 0.5}), rng=1)
    before = [rep.morale for rep in centre.agents]
    apply_contagion(centre)
    after = [rep.morale for rep in centre.agents]
    assert sum(after) == pytest.approx(sum(before))
    assert max(after) - min(after) == pytest.approx(0.5 * (max(before) - min(before)))


@pytest.mark.parametrize("design", ["unchanged", "dedicated"])
def test_transition_leaves_the_days_before_it_unchanged(design):
    """A switch on day d leaves every daily KPI before d equal to the unswitched run."""
    d = 9
    plain = daily(run("service_only"))
    values = {
        "transition.day": d,
        "transition.regime": "mandatory_upsell",
        "transition.design": design,
    }
    switched = run("service_only", **values)
    frame = daily(switched)
    pd.testing.assert_frame_equal(plain.iloc[: d - 1], frame.iloc[: d - 1])
    assert not plain.iloc[d - 1 :].equals(frame.iloc[d - 1 :])
    assert frame["regime"].iloc[d - 1] == "mandatory_upsell"
    s = switched.summary()
    assert math.isfinite(s["morale_mean_before"])  # measured on both sides
    assert math.isfinite(s["service_level_after"])


def test_prepared_managers_soften_the_shock():
    """Prepared managers leave morale higher on the transition day."""
    values = {"transition.day": 5, "transition.regime": "mandatory_upsell"}
    rough = daily(run(**values))["morale_mean"].iloc[4]
    prepared = daily(run(**values, **{"transition.prepared_managers": True}))
    assert prepared["morale_mean"].iloc[4] > rough


def test_levers_do_something_when_on():
    """Coaching coaches, avoidance avoids under pressure, cold calls irritate prospects."""
    s = run("mandatory_upsell", **ALL_ON).summary()
    assert s["coaching_sessions"] > 0
    assert s["calls_avoided"] > 0
    assert s["cold_irritated"] > 0 and s["harm_cold_irritation"] > 0
    assert math.isfinite(s["service_level_before"])
