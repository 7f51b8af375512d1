"""KPI definitions of issue 13: each test fails if its definition reverts to the old one.

Offered calls exclude warm transfers; CSAT counts abandoned callers as dissatisfied;
FCR is per customer issue; attrition is the survival-based annual rate.
"""

from __future__ import annotations

import math

from tightrope.model.calls.record import TRANSFER
from tightrope.model.model import CallCentre
from tightrope.model.params import Params

SMALL = {
    "staffing.reps": 8,
    "arrivals.rate": 1.0,
    "staffing.day_minutes": 240.0,
    "customers.population": 2000,
    "run.days": 10,
    "run.burn_in_days": 2,
}


def _run(values: dict[str, object], seed: int = 3) -> CallCentre:
    centre = CallCentre(Params().replace(**{**SMALL, **values}), rng=seed)
    centre.run()
    return centre


def test_warm_transfers_are_not_offered_calls():
    """Specialised design: transfer legs are counted apart, not in offered, SL or waits."""
    centre = CallCentre(Params().replace(**{**SMALL, "regime.name": "specialised"}), rng=5)
    legs = offered = arrivals = within = 0
    while centre.running:
        centre.step()
        day = centre.today
        assert day.offered == day.arrivals - centre.tally.transfers
        legs += day.offered_by_kind[TRANSFER]
        offered += day.offered
        arrivals += day.arrivals
        within += day.within_sl
    assert legs > 50  # transfers happen, so the definitions differ
    s = centre.summary()
    measured = centre.measured
    assert s["calls_offered"] == measured.offered
    assert s["transfers"] == measured.transfers_answered  # every leg is taken the same day
    assert s["service_level"] == measured.within_sl / measured.offered
    assert s["abandon_rate"] == measured.abandoned / measured.offered
    # AHT covers every answered leg; occupancy every leg's handle time.
    legs_answered = measured.answered + measured.transfers_answered
    assert math.isclose(s["aht_min"], measured.handle / legs_answered)


def test_csat_counts_abandoned_callers_as_dissatisfied():
    """CSAT = satisfaction sum / (answered contacts + abandoned); csat_answered omits them."""
    centre = _run({"arrivals.rate": 1.6})  # overloaded: callers abandon
    s, acc = centre.summary(), centre.measured
    assert acc.abandoned > 20
    total, n = acc.tally["csat_sum"], acc.tally["csat_n"]
    assert s["csat"] == total / (n + acc.abandoned)
    assert s["csat_answered"] == total / n
    assert s["csat"] < s["csat_answered"]
