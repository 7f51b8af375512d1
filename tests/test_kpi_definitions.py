"""KPI definitions of issue 13: each test fails if its definition reverts to the old one.

Offered calls exclude warm transfers; CSAT counts abandoned callers as dissatisfied;
FCR is per customer issue; attrition is the survival-based annual rate.
"""

from __future__ import annotations

import math

import numpy as np

from tightrope.model.calls.record import TRANSFER, RepeatCustomer
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


def _scripted(t: float, customer: int, resolved: bool, units: float = 0.1, patience=math.inf):
    """A calm service call without a need; ``resolved`` fixes its outcome (u_resolve 0 or ~1)."""
    u_resolve = 0.0 if resolved else 0.999
    return (t, t + patience, units, 0, customer, 0.0, 0.9, u_resolve, 0.99, 0.9, 0.5, 0.9)


def test_fcr_is_per_issue_first_contact_not_per_contact():
    """Day 1: four first contacts, two resolved; the two unresolved call back on day 2.

    Day 2: a fresh call (resolved) keeps the single rep busy; one repeat contact
    waits and stays unresolved, the other hangs up. FCR per issue = 3 / 5; resolution
    per contact = 3 / 6 (the abandoned repeat is no contact at all).
    """
    values = {
        **SMALL,
        "regime.name": "service_only",
        "staffing.reps": 1,
        "customers.population": 10,
        "customers.repeat_probability": 1.0,
        "customers.repeat_delay_min": 1,
        "customers.repeat_delay_max": 1,
        "attrition.enabled": False,
        "run.days": 2,
        "run.burn_in_days": 0,
    }
    centre = CallCentre(Params().replace(**values), rng=2)
    day1 = [_scripted(10.0 * i, i, resolved=i < 2) for i in range(4)]
    centre.day_calls = lambda: iter(day1)
    centre.step()

    def day2():
        again = centre.customers.repeat_callers(centre.steps)
        assert sorted(again.tolist()) == [2, 3] and centre.customers.repeats_today == 2
        # A scripted day marks its repeat contacts by the customer's type.
        first, second = (RepeatCustomer(c) for c in again.tolist())
        return iter([
            _scripted(0.0, 5, resolved=True, units=50.0),
            _scripted(1.0, first, resolved=False),
            _scripted(2.0, second, resolved=False, patience=0.5),
        ])  # fmt: skip

    centre.day_calls = day2
    centre.step()
    s = centre.summary()
    assert s["calls_abandoned"] == 1
    assert s["fcr"] == 3 / 5
    assert s["resolution_rate"] == 3 / 6


def test_attrition_is_survival_based_and_at_most_one():
    """A daily quit hazard of 2 % loses ~99 % of a cohort in a year, not 500 % of a seat.

    The old definition (quits per headcount-year) survives as quits_per_headcount_year.
    """
    values = {"attrition.base_hazard": 0.02, "hiring.lag_days": 1, "run.days": 40}
    centre = _run(values)
    s = centre.summary()
    assert s["quits_per_headcount_year"] > 2.0  # the old definition passes 100 %
    assert 0.9 < s["attrition_annual"] < 1.0
    days = centre.datacollector.get_model_vars_dataframe().iloc[1 + SMALL["run.burn_in_days"] :]
    at_risk = days["headcount"] + days["quits"] - days["hires"]
    stayed = float((1.0 - days["quits"] / at_risk).prod())
    expected = 1.0 - stayed ** (250.0 / len(days))
    assert math.isclose(s["attrition_annual"], expected, rel_tol=1e-12)


def test_redials_are_offered_calls_of_the_same_issue_and_kind():
    """Every abandoned caller redials the next day: offered calls rise by the redials.

    A redial keeps its call's kind and, for a repeat contact, its repeat mark.
    """
    values = {"arrivals.rate": 1.6, "arrivals.sales_rate": 0.3, "customers.redial_share": 1.0}
    centre = CallCentre(Params().replace(**{**SMALL, **values}), rng=4)
    seen_kinds: set[int] = set()
    repeats = 0
    for _ in range(4):
        centre.step()
        parts = centre.customers.redials.get(centre.steps + 1, [])
        hung_up = np.concatenate(parts) if parts else np.zeros((0, 3))  # customer, kind, repeat
        seen_kinds |= set(hung_up[:, 1].astype(int).tolist())
        repeats += int(np.count_nonzero(hung_up[:, 2]))
        assert len(hung_up) == centre.today.abandoned  # every abandoned caller redials
    assert seen_kinds == {0, 1} and repeats > 0
    off = _run({**values, "customers.redial_share": 0.0}, seed=4).summary()
    on = _run(values, seed=4).summary()
    assert on["calls_offered"] > off["calls_offered"] + on["calls_abandoned"] / 2


def test_redial_is_off_in_queue_only_mode():
    """The Erlang validation mode has no customers to redial: the share changes nothing."""
    from tightrope.model.validation.queue_mode import queue_params

    base = queue_params(agents=5, arrival_rate=1.2, aht=4.0, patience=2.0, minutes=2000.0)
    runs = []
    for share in (0.0, 1.0):
        centre = CallCentre(base.replace(**{"customers.redial_share": share}), rng=1)
        centre.step()
        runs.append(centre.summary())
    assert runs[0]["calls_abandoned"] > 50 and runs[0] == runs[1]
