"""The Python API's argument types: a TypeError naming the argument; numpy scalars accepted."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sweep_helpers import TINY

import tightrope

RUN_CASES = [
    ("overrides", ([("regime.name", "commission")],), {}),
    ("overrides", ({1: 2},), {}),
    ("regime", (), {"regime": 3}),
    ("days", (), {"days": "5"}),
    ("days", (), {"days": True}),
    ("seed", (), {"seed": 1.5}),
    ("seed", (), {"seed": "1"}),
    ("seed", (), {"seed": True}),
    ("params", (), {"params": "defaults"}),
    ("params", (), {"params": {"regime.name": "commission"}}),
]


@pytest.mark.parametrize(("argument", "args", "kwargs"), RUN_CASES)
def test_run_names_the_argument_of_the_wrong_type(argument, args, kwargs):
    with pytest.raises(TypeError) as info:
        tightrope.run(*args, days=kwargs.pop("days", 2), **kwargs)
    message = str(info.value)
    assert message.startswith(argument) and "must be" in message, message


SWEEP_CASES = [
    ("jobs", {"jobs": "2"}),
    ("jobs", {"jobs": 2.0}),
    ("replications", {"replications": 1.5}),
    ("fresh", {"fresh": "yes"}),
    ("quiet", {"quiet": 1}),
    ("results", {"results": 3}),
]


@pytest.mark.parametrize(("argument", "kwargs"), SWEEP_CASES)
def test_sweep_names_the_argument_of_the_wrong_type_before_running(argument, kwargs, tmp_path):
    kwargs.setdefault("results", tmp_path)
    with pytest.raises(TypeError, match=rf"^{argument} must be"):
        tightrope.sweep(TINY, **kwargs)
    assert not (tmp_path / "tiny").exists()  # refused before a store was made


@pytest.mark.parametrize(
    ("argument", "kwargs"), [("table", {"table": 1}), ("results", {"results": 3})]
)
def test_load_names_the_argument_of_the_wrong_type(argument, kwargs):
    with pytest.raises(TypeError, match=rf"^{argument} must be"):
        tightrope.load("smoke", **kwargs)


def test_callcentre_names_params_of_the_wrong_type():
    with pytest.raises(TypeError, match=r"^params must be a Params object"):
        tightrope.CallCentre(params="defaults")


def test_numpy_scalars_run_like_python_values():
    """Values taken from DataFrame rows are numpy scalars; they give the same run."""
    plain = tightrope.run(
        regime="commission", days=3, seed=2,
        staffing__reps=6, arrivals__rate=0.8, run__behaviour=True,
    )  # fmt: skip
    numpy = tightrope.run(
        regime=np.str_("commission"), days=np.int64(3), seed=np.int64(2),
        staffing__reps=np.int32(6), arrivals__rate=np.float64(0.8), run__behaviour=np.bool_(True),
    )  # fmt: skip
    kpis = [k for k in plain.summary.index if k not in ("wall_s", "calls_per_s")]
    pd.testing.assert_series_equal(plain.summary[kpis], numpy.summary[kpis])
    assert numpy.seed == 2 and type(numpy.seed) is int


def test_sweep_takes_numpy_integers_and_booleans(tmp_path):
    runs = tightrope.sweep(
        TINY, jobs=np.int64(1), replications=np.int64(1), fresh=np.bool_(True),
        quiet=np.bool_(True), results=tmp_path,
    )  # fmt: skip
    assert len(runs) == 4  # 4 points x 1 replication
