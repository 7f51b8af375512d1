"""Invariants of the call loop, for hypothesis-drawn queues."""

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st
from invariants import assert_invariants

from tightrope.model.agents import Status
from tightrope.model.calls.record import LOG_FIELDS
from tightrope.model.model import CallCentre
from tightrope.model.params import Params


def _centre(reps, rate, aht, patience, minutes, seed, **extra):
    values = {
        "staffing.reps": reps,
        "arrivals.rate": rate,
        "service.aht": aht,
        "service.abandonment": patience is not None,
        "staffing.day_minutes": minutes,
        "run.days": 2,
        "run.burn_in_days": 0,
        **extra,
    }
    if patience is not None:
        values["service.patience"] = patience
    return CallCentre(Params().replace(**values), rng=seed, record_calls=True)


queues = st.tuples(
    st.integers(1, 12),
    st.floats(0.05, 6.0),
    st.floats(0.2, 8.0),
    st.one_of(st.none(), st.floats(0.05, 20.0)),
    st.floats(10.0, 300.0),
    st.integers(0, 2**31 - 1),
)


@given(queues)
def test_calls_are_conserved_and_reps_never_double_booked(case):
    """Offered = answered + abandoned + still queued; waits and durations are non-negative."""
    centre = _centre(*case)
    while centre.running:
        centre.step()
        assert_invariants(centre)
    acc = centre.measured
    log = pd.DataFrame(centre.call_log, columns=LOG_FIELDS)
    assert len(log) == acc.answered
    assert (log["start"] >= log["arrival"]).all()
    assert (log["end"] >= log["start"]).all()
    for _, calls in log.groupby(["day", "rep"]):
        calls = calls.sort_values("start")
        assert (calls["start"].to_numpy()[1:] >= calls["end"].to_numpy()[:-1]).all()


def test_same_seed_same_run_different_seed_differs():
    """A seed fixes the whole daily series; another seed changes it."""

    def daily(seed):
        centre = _centre(8, 1.2, 5.0, 3.0, 480.0, seed)
        centre.run()
        return centre.datacollector.get_model_vars_dataframe()

    pd.testing.assert_frame_equal(daily(7), daily(7))
    assert not daily(7).equals(daily(8))


def test_intraday_profile_shapes_arrivals():
    """A profile with a silent half puts no arrivals in that half."""
    centre = _centre(50, 3.0, 1.0, None, 400.0, 3, **{"arrivals.profile": [1.0, 0.0]})
    centre.step()
    arrivals = [arrival for _, arrival, *_ in centre.call_log]
    assert arrivals and max(arrivals) < 200.0


def test_no_reps_means_everyone_abandons_or_waits():
    """A centre whose reps are all in training answers nothing and loses no call."""
    centre = _centre(3, 1.0, 5.0, 2.0, 60.0, 1)
    for rep in list(centre.agents):
        rep.training_days_left = 5
        rep.status = Status.TRAINING
    centre.step()
    assert centre.today.answered == 0
    assert centre.today.offered == centre.today.abandoned
