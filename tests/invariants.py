"""The model's invariants, checked in one place: every test that steps a centre calls these.

:func:`assert_invariants` holds after every day (call it after ``centre.step()``);
:func:`assert_run_invariants` holds for a finished run's summary. Both read only
public outputs: the day's totals and tally, the rep agents, the customer base,
the workforce counters and the DataCollector's daily series.

Calls are conserved per kind (offered = answered + abandoned + still queued, for
each inbound kind and for the warm-transfer legs), and a warm transfer is never
an offered call (issue 13): it is the second leg of a call offered already.
"""

from __future__ import annotations

import math

from tightrope.model.calls.record import OUTBOUND, SALES, SERVICE, TRANSFER
from tightrope.model.model import CallCentre

EPS = 1e-9


def assert_invariants(centre: CallCentre) -> None:
    """Everything that must hold at the end of any day, for any parameters."""
    _assert_calls_conserved(centre)
    _assert_state_bounded(centre)
    w = centre.workforce
    assert len(centre.agents) == centre.initial_headcount + w.hired - w.quits - w.dismissals
    if centre.behaviour:
        _assert_kinds_conserved(centre)


def _assert_calls_conserved(centre: CallCentre) -> None:
    day = centre.today
    assert day.offered == day.answered + day.abandoned + day.still_queued
    _assert_conserved_per_kind(centre)
    assert day.within_sl <= day.answered and day.waited <= day.offered
    assert day.wait_answered >= 0.0 and day.wait_abandoned >= 0.0  # no negative waits
    assert day.handle >= 0.0  # no negative durations
    assert day.within_sl + day.waited >= day.offered  # answered at once, or queued first


def _assert_conserved_per_kind(centre: CallCentre) -> None:
    """Conservation per call kind; transfers are legs, never offered calls."""
    day = centre.today
    offered, answered = day.offered_by_kind, day.answered_by_kind
    abandoned, queued = day.abandoned_by_kind, day.queued_by_kind
    for kind in (SERVICE, SALES, TRANSFER):
        assert offered[kind] == answered[kind] + abandoned[kind] + queued[kind]
    # Offered calls are the inbound kinds only: a warm transfer is never an offered call.
    assert day.offered == offered[SERVICE] + offered[SALES]
    assert day.answered == answered[SERVICE] + answered[SALES]
    assert day.transfers_answered == answered[TRANSFER]
    assert abandoned[TRANSFER] == 0  # a caller being transferred does not hang up
    assert offered[OUTBOUND] == 0  # a dial never enters the queue
    if centre.params.run.burn_in_minutes == 0:
        # Every arrival is either an offered call or a transfer leg (counted once, apart).
        assert day.arrivals == day.offered + offered[TRANSFER]
        if centre.behaviour:
            assert offered[TRANSFER] == centre.tally.transfers
    else:
        assert day.arrivals >= day.offered + offered[TRANSFER]


def _assert_state_bounded(centre: CallCentre) -> None:
    for rep in centre.agents:
        for value in (rep.morale, rep.service_skill, rep.sales_skill, rep.warmup, rep.pressure):
            assert 0.0 <= value <= 1.0
        if centre.behaviour:  # queue mode's identical reps have no ceilings
            # Learning closes the gap to the talent ceiling, never overshoots it.
            assert rep.service_skill <= rep.service_ceiling + EPS
            assert rep.sales_skill <= rep.sales_ceiling + EPS
        assert rep.warmup == centre.params.warmup.start  # the overnight reset happened
    trust = centre.customers.trust
    assert ((trust >= 0.0) & (trust <= 1.0)).all()


def _assert_kinds_conserved(centre: CallCentre) -> None:
    """Per call kind: every answered call has exactly one outcome of its kind."""
    p, day, t = centre.params, centre.today, centre.tally
    if p.run.burn_in_minutes == 0:
        # Service and sales contacts are the answered offered calls plus the transfer legs.
        assert t.service_calls + t.sales_calls == day.answered + day.transfers_answered
        assert t.csat_n == day.answered + day.transfers_answered
    assert t.service_calls == t.resolved + t.unresolved
    # FCR per issue: first contacts are the answered service calls that are no repeat.
    first, first_resolved = centre.customers.first_contacts(t.service_calls, t.unresolved)
    assert 0 <= first_resolved <= first <= t.service_calls and first_resolved <= t.resolved
    assert t.resolved - first_resolved <= t.service_calls - first  # repeats resolved
    if centre.customers.size == 0:  # anonymous callers never call back: all first contacts
        assert first == t.service_calls and first_resolved == t.resolved
    assert t.calls_avoided <= t.unresolved
    assert t.outbound_dials == day.outbound and t.outbound_contacts <= t.outbound_dials
    assert t.cold_irritated <= t.outbound_contacts
    # Pitches: every sales contact is one, plus the pitches made on service calls.
    assert t.pitches >= t.sales_calls + t.outbound_contacts
    assert t.pitches - t.sales_calls - t.outbound_contacts <= t.service_calls
    assert t.sales_genuine + t.sales_harmful <= t.pitches
    assert t.angry_pitches <= min(t.pitches, t.angry_calls)
    assert sum(t.pitches_at) == t.pitches
    assert sum(t.sales_at) == t.sales_genuine + t.sales_harmful
    assert 0.0 <= t.csat_sum <= t.csat_n
    s = p.sales
    assert math.isclose(t.revenue_genuine, t.sales_genuine * s.sale_value)
    assert math.isclose(
        t.revenue_harmful, t.sales_harmful * s.sale_value * (1.0 - s.cancel_share), abs_tol=EPS
    )
    regime = centre.regime
    if regime.name == "commission":
        sold = t.sales_genuine + t.sales_harmful
        assert math.isclose(t.commission_paid, sold * p.regime.commission_per_sale)
    else:
        assert t.commission_paid == 0
    if not regime.pitches and not regime.refers:
        # Nobody pitches on a service call: only sales contacts are pitched.
        assert t.pitches == t.sales_calls + t.outbound_contacts
    if not regime.pushes:
        assert t.sales_harmful == 0
    if not regime.refers:
        assert t.transfers == 0


def assert_run_invariants(centre: CallCentre) -> None:
    """A finished run's summary agrees with its daily series, KPI by KPI as defined."""
    s = centre.summary()
    days = centre.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    measured = days.iloc[len(days) - (centre.steps - centre.params.run.burn_in_days) :]
    assert s["calls_offered"] == measured["calls_offered"].sum()
    assert s["calls_abandoned"] == measured["calls_abandoned"].sum()
    if not centre.behaviour:
        return
    # Quits over the measured days per headcount-year of exposure.
    years = len(measured) / 250.0
    exposure = measured["headcount"].mean() * years
    assert s["quits"] == measured["quits"].sum()
    assert math.isclose(s["quits_per_headcount_year"], s["quits"] / exposure)
    # Attrition is survival-based: each day's reps at risk are those employed at the
    # quit draws (the day's end headcount plus its quits, less its hires).
    at_risk = measured["headcount"] + measured["quits"] - measured["hires"]
    stayed = (1.0 - measured["quits"] / at_risk.where(at_risk > 0, 1)).prod()
    assert 0.0 <= s["attrition_annual"] <= 1.0
    assert math.isclose(1.0 - s["attrition_annual"], stayed ** (1.0 / years), abs_tol=1e-12)
    assert s["sales_harmful"] == measured["harmful_sales"].sum()
    assert s["upsell_attempts"] == measured["upsell_attempts"].sum()
    assert s["headcount_end"] == measured["headcount"].iloc[-1]
