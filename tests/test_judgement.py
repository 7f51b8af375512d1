"""Judgement can fail (issue 12): misread anger, pressure pitching, transfers that keep mood.

Discretionary pitching and specialised referrals are judgement calls, so they
open harm paths the regimes used to close by construction: a rep misreads an
angry caller as calm (probability ``sales.misread_max * (1 - service skill)``),
and a rep under pressure pitches a need it did not see (``sales.pressure_pitch
* pressure``), which can be a pushed, harmful sale. A warm transfer carries
the caller's anger to the sales side.
"""

import pytest

from tightrope.model.calls.dayarrays import call_hook
from tightrope.model.calls.record import CallKind, make_call
from tightrope.model.calls.tally import Tally
from tightrope.model.model import CallCentre
from tightrope.model.params import Params

GRID = 400  # sale uniforms (i + 0.5) / GRID: the share pitched is a probability to 1 / GRID
SEEDS = (1, 2, 3)
# A loaded 20-rep centre for a month: enough angry callers and near-the-cut ranks.
CENTRE = {
    "regime.name": "discretionary_rewards",
    "staffing.reps": 20,
    "arrivals.rate": 2.5,
    "customers.population": 20000,
    "run.days": 30,
    "run.burn_in_days": 5,
}


def _share_pitched(
    regime: str, skill: float, pressure: float, *, angry: bool, seen: bool, **params: float
) -> float:
    """Share of a grid of otherwise identical service calls that gets a pitch (or referral)."""
    values = {
        "regime.name": regime,
        "staffing.reps": 4,
        "customers.population": 0,
        "run.days": 2,
        "run.burn_in_days": 0,
        "customers.angry_threshold": 0.5,
        **params,
    }
    centre = CallCentre(Params().replace(**values), rng=0)
    centre.step()  # a day has run: the transfer slots exist
    connect = call_hook(centre, tally := Tally())
    rep = next(r for r in centre.agents if r.can_pitch or centre.regime.refers)
    slot, table = rep.slot, centre.table
    for i in range(GRID):
        table.service_skill[slot] = skill
        table.pressure[slot] = pressure
        call = make_call(
            kind=CallKind.SERVICE,
            u_mood=1.0 if angry else 0.0,  # anger_mood * u^3: 1 (angry) or 0 (calm)
            u_complex=0.99,
            u_resolve=0.0,
            u_need=0.0,  # the caller has a need...
            u_seen=0.0 if seen else 0.999,  # ...which the rep sees, or not
            u_sale=(i + 0.5) / GRID,
            u_pop=0.99,
        )
        connect(slot, call, 0.0, 0.0)
    return (tally.pitches + tally.transfers) / GRID


@pytest.mark.parametrize("regime", ["discretionary_rewards", "specialised"])
def test_misread_probability_falls_with_service_skill(regime):
    """An angry caller with a seen need gets a pitch (referral) w.p. misread_max * (1 - skill)."""
    params = {"customers.anger_mood": 1.0, "sales.misread_max": 0.4}
    low = _share_pitched(regime, 0.2, 0.0, angry=True, seen=True, **params)
    high = _share_pitched(regime, 0.8, 0.0, angry=True, seen=True, **params)
    assert abs(low - 0.4 * 0.8) <= 1 / GRID and abs(high - 0.4 * 0.2) <= 1 / GRID
    assert _share_pitched(regime, 0.2, 0.0, angry=False, seen=True, **params) == 1.0
    off = {**params, "sales.misread_max": 0.0}
    assert _share_pitched(regime, 0.2, 0.0, angry=True, seen=True, **off) == 0.0


def test_pressure_pitches_a_need_not_seen():
    """A calm caller whose need the rep did not see gets a pitch w.p. pressure_pitch * pressure."""
    params = {"sales.pressure_pitch": 0.5}
    share = _share_pitched("discretionary_rewards", 0.5, 0.6, angry=False, seen=False, **params)
    assert abs(share - 0.3) <= 1 / GRID
    calm = _share_pitched("discretionary_rewards", 0.5, 0.0, angry=False, seen=False, **params)
    assert calm == 0.0
    # Mandatory upsell pitches everyone anyway: judgement does not apply.
    assert _share_pitched("mandatory_upsell", 0.5, 0.0, angry=True, seen=False, **params) == 1.0


def _harm(seed: int, **params: float) -> dict[str, float]:
    centre = CallCentre(Params().replace(**{**CENTRE, **params}), rng=seed)
    centre.run()
    return centre.summary()


@pytest.mark.parametrize("seed", SEEDS)
def test_discretionary_upselling_harms_the_brand_through_misread_anger(seed):
    """Misreading on (default) vs off, common seeds: brand harm from angry pitches appears."""
    on, off = _harm(seed), _harm(seed, **{"sales.misread_max": 0.0})
    assert off["harm_angry_pitches"] == 0.0
    assert on["harm_angry_pitches"] > off["harm_angry_pitches"]
    assert on["pitches_to_angry"] > 0


@pytest.mark.parametrize("seed", SEEDS)
def test_discretionary_upselling_harms_the_brand_through_recognition_pressure(seed):
    """Rank pressure on (default) vs off, common seeds: pushed, harmful sales appear."""
    on, off = _harm(seed), _harm(seed, **{"regime.recognition_pressure": 0.0})
    assert off["harm_harmful_sales"] == 0.0
    assert on["harm_harmful_sales"] > off["harm_harmful_sales"]


def test_a_transfer_keeps_the_callers_anger():
    """Specialised: an angry caller referred by misreading is an angry pitch on the sales side."""
    values = {"regime.name": "specialised", "customers.anger_mood": 1.0}
    on = _harm(1, **values, **{"sales.misread_max": 1.0})
    assert on["transfers"] > 0 and on["pitches_to_angry"] > 0
    # Without misreading, referrals are of calm callers; only waiting for the sales side
    # can anger them, and far less often.
    off = _harm(1, **values, **{"sales.misread_max": 0.0})
    assert off["pitches_to_angry"] < on["pitches_to_angry"]
