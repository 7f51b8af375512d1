"""The public Python API and Mesa's conventions: what a notebook user types."""

from __future__ import annotations

import math

import mesa
import pandas as pd
import pytest

import tightrope
from tightrope.model.params import ParameterError

SHORT = {"days": 6, "staffing__reps": 12, "arrivals__rate": 1.4}
VOLATILE = ["wall_s", "calls_per_s"]


def _same(a: pd.Series, b: pd.Series) -> None:
    pd.testing.assert_series_equal(a.drop(VOLATILE), b.drop(VOLATILE), check_names=False)


def test_run_returns_summary_daily_reps_and_params():
    r = tightrope.run(regime="commission", seed=3, **SHORT)
    assert r.params.regime.name == "commission" and r.params.run.days == 6
    assert r.params.staffing.reps == 12 and r.seed == 3
    assert r.summary.dtype == float and r.summary.name == "commission"
    assert r.summary["calls_offered"] > 0
    assert r.daily["day"].tolist() == [1, 2, 3, 4, 5, 6]
    assert len(r.reps) == r.daily["headcount"].iloc[-1]
    assert {"rep", "team", "morale"} <= set(r.reps.columns)


def test_override_spellings_give_the_same_run():
    """Dotted dict, double-underscore keywords and an explicit Params are one run."""
    by_kw = tightrope.run(regime="commission", seed=2, regime__quota_stretch=1.5, **SHORT)
    by_dict = tightrope.run(
        {"regime.quota_stretch": 1.5, "regime.name": "commission"}, seed=2, **SHORT
    )
    base = tightrope.Params().replace(
        **{"regime.quota_stretch": 1.5, "staffing.reps": 12, "arrivals.rate": 1.4}
    )
    by_params = tightrope.run(params=base, regime="commission", days=6, seed=2)
    _same(by_kw.summary, by_dict.summary)
    _same(by_kw.summary, by_params.summary)
    assert by_kw.params == by_dict.params == by_params.params
    other = tightrope.run(regime="commission", seed=3, regime__quota_stretch=1.5, **SHORT)
    assert other.summary["calls_offered"] != by_kw.summary["calls_offered"]


def test_run_matches_simulate():
    """The API runs the same model as the sweep engine's ``simulate``."""
    r = tightrope.run(regime="mandatory_upsell", seed=5, **SHORT)
    s = tightrope.simulate(r.params, 5, daily=True)
    _same(r.summary, pd.Series(s.summary, dtype=float))
    pd.testing.assert_frame_equal(r.daily, s.daily)


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        (
            {"regime__quota_stretch": -1},
            "regime.quota_stretch = -1 is out of range; allowed: [0, 10]",
        ),
        ({"regime": "nope"}, "regime.name = 'nope' is not a recognised choice; allowed: one of"),
        ({"staffing__nope": 1}, "unknown parameter 'staffing.nope'; staffing has: reps"),
        ({"days": 0}, "run.days"),
        ({"seed": -1}, "seed = -1 must be a whole number >= 0"),
        ({"days": 2.5}, "run.days = 2.5 is not a whole number"),
        ({"regime__quota_stretch": "high"}, "regime.quota_stretch = 'high' is not a number"),
    ],
)
def test_bad_input_is_a_value_error_naming_the_parameter(kwargs, needle):
    with pytest.raises(ValueError, match=None) as info:
        tightrope.run(**kwargs)
    assert isinstance(info.value, ParameterError)
    assert needle in str(info.value)


def test_a_parameter_given_twice_is_refused():
    with pytest.raises(ParameterError, match="regime.quota_stretch"):
        tightrope.run({"regime.quota_stretch": 2}, regime__quota_stretch=1.5, days=3)


def test_params_table_lists_every_parameter_with_its_range():
    table = tightrope.params()
    assert table.loc["regime.quota_stretch", "allowed"] == "[0, 10]"
    assert table.loc["regime.name", "default"] == tightrope.Params().regime.name
    assert len(table) == len(tightrope.Params().to_flat())


def test_callcentre_takes_double_underscore_overrides():
    centre = tightrope.CallCentre(rng=1, regime__name="specialised", staffing__reps=9)
    assert centre.params.regime.name == "specialised" and centre.params.staffing.reps == 9
    with pytest.raises(ParameterError, match="regime.name"):
        tightrope.CallCentre(regime__name="nope")


def test_datacollector_step_zero_is_the_initial_state():
    """Mesa's convention: row 0 is collected in ``__init__``, row d after day d."""
    centre = tightrope.CallCentre(rng=1, staffing__reps=12, arrivals__rate=1.4, run__days=3)
    frame = centre.datacollector.get_model_vars_dataframe()
    assert len(frame) == 1
    assert frame["calls_offered"].iloc[0] == 0
    assert frame["headcount"].iloc[0] == 12
    centre.run_model()
    frame = centre.datacollector.get_model_vars_dataframe()
    assert len(frame) == 4 and centre.steps == 3
    assert (frame["calls_offered"].iloc[1:] > 0).all()


def test_mesa_batch_run_gives_plain_columns():
    """``mesa.batch_run`` varies parameters by name; rows hold plain values, not objects."""
    rows = mesa.batch_run(
        tightrope.CallCentre,
        parameters={
            "regime__name": ["service_only", "commission"],
            "staffing__reps": 12,
            "arrivals__rate": 1.4,
            "rng": [1, 2],
        },
        max_steps=4,
        number_processes=1,
        display_progress=False,
    )
    frame = pd.DataFrame(rows)
    assert len(frame) == 4
    assert sorted(frame["regime__name"].unique()) == ["commission", "service_only"]
    assert sorted(frame["rng"].unique()) == [1, 2]
    for column in frame.columns:
        values = frame[column].tolist()
        assert all(isinstance(v, int | float | str) for v in values), column
    assert frame["service_level"].map(math.isfinite).all()
    by = frame.set_index(["regime__name", "rng"])["calls_offered"]
    assert by[("commission", 1)] != by[("commission", 2)]  # the seed reaches the model
