"""Fuzzing the CLI's inputs: exit 0 or 2, never a traceback, never an unbounded run.

Runs are bounded by stubbing the model (``run``) or by the sweep fake runner
with horizons of at most 30 days (``sweep``); what is fuzzed is the input
handling in front of them.
"""

import contextlib
import io
import json
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tightrope.model as model
from tightrope.experiments.cli import main
from tightrope.model.simulate import RunResult

KEYS = [
    "run.days", "run.burn_in_days", "staffing.reps", "arrivals.rate", "regime.name",
    "regime.quota_stretch", "arrivals.profile", "service.patience", "nope.key", "staffing", "",
]  # fmt: skip

scalar = st.one_of(
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=12),
    st.sampled_from(["inf", "nan", "-inf", "[1,2]", "{a=1}", "abc", '"x"', "1e400", "0x10"]),
)
value = st.one_of(
    scalar, st.lists(scalar, max_size=3), st.dictionaries(st.text(max_size=4), scalar, max_size=2)
)


def _text(v) -> str:
    """A --set value as a user would type it (TOML-ish, or raw text)."""
    if isinstance(v, str):
        return v
    if isinstance(v, float) and not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    return json.dumps(v)


def _main(args: list[str]) -> tuple[int, str]:
    """Exit status and stderr of one CLI call (stdout discarded)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, err.getvalue()


def _stub(params, seed, *, daily=False, on_day=None):
    frame = pd.DataFrame({"day": [1], "calls_offered": [0]}) if daily else None
    return RunResult({"calls_offered": 0.0, "service_level": 1.0}, frame)


@settings(max_examples=60)
@given(pairs=st.lists(st.tuples(st.sampled_from(KEYS), value), min_size=1, max_size=3))
def test_set_values_exit_0_or_2_without_traceback(pairs):
    args = ["run"]
    for key, v in pairs:
        args += ["--set", f"{key}={_text(v)}"]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(model, "simulate", _stub)
        code, err = _main(args)
    assert code in (0, 2), err
    assert "Traceback" not in err
    if code == 2:
        assert len(err.strip().splitlines()) == 1


def _toml(v) -> str:
    if isinstance(v, float) and not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(_toml(x) for x in v) + "]"
    return json.dumps(v)


small = st.one_of(st.integers(-3, 30), st.floats(-1, 30), st.text(max_size=5), st.booleans())
factor = st.one_of(
    st.lists(small, min_size=0, max_size=3),
    st.fixed_dictionaries({"low": small, "high": small}),
    small,
)
experiment = st.fixed_dictionaries(
    {
        "name": st.one_of(st.just("fz"), st.text(max_size=8), st.integers()),
        "replications": st.one_of(st.integers(-1, 2), small),
        "root_seed": st.one_of(st.integers(-1, 10), small),
        "run": st.dictionaries(st.sampled_from(["days", "burn_in_days", "x"]), small, max_size=2),
        "fixed": st.dictionaries(st.sampled_from(KEYS), small, max_size=2),
        "design": st.one_of(
            st.just({}),
            st.fixed_dictionaries(
                {
                    "kind": st.sampled_from(["grid", "lhs", "sobol", "morris", "points", "x"]),
                    "samples": st.one_of(st.integers(-1, 4), small),
                    "factors": st.dictionaries(st.sampled_from(KEYS), factor, max_size=2),
                }
            ),
        ),
    }
)


def _experiment_text(exp: dict) -> str:
    lines = [f"{k} = {_toml(v)}" for k, v in exp.items() if not isinstance(v, dict)]
    for table in ("run", "fixed"):
        lines.append(f"[{table}]")
        lines += [f"{json.dumps(k)} = {_toml(v)}" for k, v in exp[table].items()]
    if "run" not in exp or "days" not in exp["run"]:
        lines.insert(lines.index("[run]") + 1, "days = 3")  # bounded horizon by default
    design = exp["design"]
    if design:
        lines += ["[design]", f"kind = {_toml(design['kind'])}"]
        if design["kind"] in ("lhs", "sobol", "morris"):
            lines.append(f"samples = {_toml(design['samples'])}")
        lines.append("[design.factors]")
        lines += [f"{json.dumps(k)} = {_toml(v)}" for k, v in design["factors"].items()]
    return "\n".join(lines) + "\n"


@settings(max_examples=40)
@given(exp=experiment)
def test_experiment_files_exit_0_or_2_without_traceback(exp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "fz.toml"
    path.write_text(_experiment_text(exp))
    results = str(folder / "results")
    assert _main(["list", "--dir", str(folder)])[0] == 0
    code, err = _main(["sweep", str(path), "--jobs", "1", "--quiet", "--results", results,
                       "--runner", "sweep_fakes:fake"])  # fmt: skip
    assert code in (0, 2), err
    assert "Traceback" not in err
