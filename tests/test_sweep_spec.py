"""Experiment files are validated in full, and every bad one is refused before any run."""

from __future__ import annotations

import contextlib
import io
import json
import math

import numpy as np
import pandas as pd
import pytest
import sweep_fakes
from hypothesis import given
from hypothesis import strategies as st
from sweep_helpers import TINY, write

from tightrope.experiments.cli import main
from tightrope.experiments.errors import ExperimentError
from tightrope.experiments.execute import sweep
from tightrope.experiments.spec import parse_experiment
from tightrope.experiments.store import Store
from tightrope.model.params import GROUPS

VALID = {
    "name": "ok",
    "replications": 2,
    "root_seed": 5,
    "run": {"days": 3, "burn_in_days": 1},
    "fixed": {"staffing.reps": 4},
    "design": {"kind": "grid", "factors": {"arrivals.rate": [0.5, 1.0]}},
    "outputs": {"daily": False},
}
NUMERIC = [
    (f"{group}.{name}", spec)
    for group, cls in GROUPS.items()
    for name, default, spec in cls.specs()
    if isinstance(default, int | float) and not isinstance(default, bool)
]
BOUNDED = [(key, spec) for key, spec in NUMERIC if spec.low is not None or spec.high is not None]


def toml(value: object, top: bool = True) -> str:
    """A minimal TOML writer: top-level keys with inline values."""
    if top:
        return "\n".join(f"{json.dumps(k)} = {toml(v, False)}" for k, v in value.items()) + "\n"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, int | float | str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml(v, False) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {toml(v, False)}" for k, v in value.items()) + "}"


def _outside(spec, data) -> float:
    delta = data.draw(st.floats(0.5, 1e6))
    sides = [s for s in ("low", "high") if getattr(spec, s) is not None]
    side = data.draw(st.sampled_from(sides))
    return spec.low - delta if side == "low" else spec.high + delta


@st.composite
def malformed(draw) -> str:
    """A valid experiment with exactly one thing broken, or arbitrary text."""
    exp = json.loads(json.dumps(VALID))
    kind = draw(st.sampled_from(range(12)))
    data = draw(st.data())
    if kind == 0:
        del exp[draw(st.sampled_from(["name", "replications", "root_seed"]))]
    elif kind == 1:
        exp[draw(st.sampled_from(["replication", "seed", "factors", "Name"]))] = 1
    elif kind == 2:
        key = draw(st.sampled_from(["arrivals.rat", "nogroup.x", "staffing", "run.day"]))
        where = draw(st.sampled_from(["fixed", "factors"]))
        target = exp["fixed"] if where == "fixed" else exp["design"]["factors"]
        target[key] = [1.0] if where == "factors" else 1.0
    elif kind == 3:
        key, spec = draw(st.sampled_from(BOUNDED))
        bad = _outside(spec, data)
        if draw(st.booleans()):
            exp["fixed"].pop(key, None)
            exp["design"]["factors"] = {key: [_inside(spec), bad]}
        else:
            exp["design"]["factors"].pop(key, None)
            exp["run" if key.startswith("run.") else "fixed"].pop(key.removeprefix("run."), None)
            exp["fixed"][key] = bad
    elif kind == 4:
        field = draw(st.sampled_from(["replications", "root_seed"]))
        exp[field] = draw(st.sampled_from([-1, "3", 2.5, True, [1]]))
        if field == "replications" and exp[field] == -1:
            exp[field] = 0
    elif kind == 5:
        exp["name"] = draw(st.sampled_from(["", "a b", "../up", "x/y", 3]))
    elif kind == 6:
        exp["design"]["kind"] = draw(st.sampled_from(["", "Grid", "factorial", "sobol2", 1]))
    elif kind == 7:
        exp["design"]["factors"] = draw(st.sampled_from([[], 1, {"arrivals.rate": []}]))
    elif kind == 8:
        key, spec = draw(st.sampled_from([(k, s) for k, s in BOUNDED if s.low is not None]))
        low = draw(st.sampled_from(["low_above_high", "below_range", "missing", "nan"]))
        bounds = {"low": spec.low, "high": _inside(spec)}
        if low == "low_above_high":
            bounds = {"low": bounds["high"], "high": bounds["low"]}
        elif low == "below_range":
            bounds["low"] = spec.low - 1
        elif low == "missing":
            del bounds["high"]
        else:
            bounds["low"] = float("nan")
        exp["design"] = {"kind": draw(st.sampled_from(["lhs", "sobol"])), "samples": 4}
        exp["design"]["factors"] = {key: bounds}
    elif kind == 9:
        exp["design"] = {"kind": "sobol", "factors": {"arrivals.rate": {"low": 1, "high": 2}}}
        exp["design"]["samples"] = draw(st.sampled_from([0, 3, 6, 100, "8", None]))
        if exp["design"]["samples"] is None:
            del exp["design"]["samples"]
    elif kind == 10:
        exp["run"] = {"days": 3, "burn_in_days": draw(st.integers(3, 50))}
    else:
        return draw(st.text(max_size=80))
    return toml(exp)


def _inside(spec) -> float:
    low = 0.0 if spec.low is None else spec.low
    return low if spec.high is None else (low + spec.high) / 2


def test_valid_file_parses_and_minimal_writer_round_trips():
    """The writer used by the property test makes a valid file from VALID."""
    exp = parse_experiment(toml(VALID))
    assert exp.n_runs == 4 and exp.points[1] == {"arrivals.rate": 1.0}


@given(text=malformed())
def test_malformed_experiment_is_refused_before_any_run(text, tmp_path_factory):
    """One line on stderr naming the problem, exit 2, no results directory, no run."""
    root = tmp_path_factory.mktemp("malformed")
    path = write(root / "bad.toml", text)
    sweep_fakes.CALLS.clear()
    err = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stderr(err):
        mp.setenv("TIGHTROPE_RESULTS", str(root / "results"))
        code = main(["sweep", str(path), "--jobs", "1", "--runner", "sweep_fakes:recording"])
    assert code == 2
    message = err.getvalue()
    assert message.count("\n") == 1 and str(path) in message
    assert not (root / "results").exists()
    assert sweep_fakes.CALLS == []


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (("[fixed]", '[fixed]\n"arrivals.rat" = 1'), "arrivals.rat"),
        (('"arrivals.rate" = [0.5, 1.0]', '"arrivals.rate" = [0.5, -1.0]'), "arrivals.rate"),
        (("replications = 3", "replications = 0"), "replications"),
        (("root_seed = 20261124", ""), "root_seed"),
        (('kind = "grid"', 'kind = "grids"'), "design.kind"),
        (("days = 4", "days = 4\nhorizon = 2"), "run.horizon"),
        (("daily = true", "daily = 1"), "outputs.daily"),
        (("[fixed]", '[fixed]\n"run.days" = 9'), "run.days"),
        (('"staffing.routing"', '"staffing.reps" = [1]\n"staffing.routing"'), "staffing.reps"),
    ],
)
def test_error_names_the_key(change, named):
    """Each kind of mistake is reported with the offending key in the message."""
    old, new = change
    with pytest.raises(ExperimentError, match=named.replace(".", r"\.")):
        parse_experiment(TINY.replace(old, new))


SOBOL = """
name = "sens"
replications = 1
root_seed = 3
[run]
days = 2
burn_in_days = 1
[fixed]
"staffing.day_minutes" = 60.0
[design]
kind = "sobol"
samples = 4
calc_second_order = false
[design.factors]
"arrivals.rate" = {low = 0.2, high = 1.0}
"staffing.reps" = {low = 2, high = 6}
"""


def test_sobol_design_keeps_salib_problem_and_sample_order(tmp_path):
    """The store holds SALib's problem and the matrix rows in point_id order."""
    from SALib.sample import sobol

    exp = parse_experiment(SOBOL)
    problem = {"num_vars": 2, "names": ["arrivals.rate", "staffing.reps"]}
    problem["bounds"] = [[0.2, 1.0], [2.0, 6.0]]
    matrix = sobol.sample(problem, 4, calc_second_order=False, seed=3)
    assert exp.n_points == 4 * (2 + 2)
    sweep(exp, jobs=1, quiet=True, runner="sweep_fakes:fake", results_root=tmp_path)
    store = Store(tmp_path / "sens")
    manifest = store.manifest()["design"]
    assert manifest["problem"] == problem and manifest["sampler"]["calc_second_order"] is False
    design = pd.read_parquet(tmp_path / "sens" / "design.parquet")
    np.testing.assert_array_equal(design[["sample:arrivals.rate", "sample:staffing.reps"]], matrix)
    assert design["staffing.reps"].tolist() == [round(x) for x in matrix[:, 1]]
    runs = store.table("runs").sort_values("point_id")
    assert runs["arrivals.rate"].tolist() == pytest.approx(matrix[:, 0].tolist())


def test_lhs_and_morris_sizes_and_int_rounding():
    """LHS gives N points; Morris N*(k+1); whole-number parameters come out as ints."""
    lhs = parse_experiment(
        SOBOL.replace('"sobol"', '"lhs"').replace("calc_second_order = false", "")
    )
    assert lhs.n_points == 4
    assert all(isinstance(p["staffing.reps"], int) for p in lhs.points)
    morris = SOBOL.replace('"sobol"', '"morris"').replace("calc_second_order = false", "")
    assert parse_experiment(morris).n_points == 4 * 3


def test_points_design_and_nested_keys():
    """Explicit points and nested tables address parameters like dotted keys."""
    text = """
name = "arms"
replications = 1
root_seed = 1
[fixed.staffing]
reps = 7
[[design.points]]
arrivals.rate = 1.0
[[design.points]]
arrivals = {rate = 2.0}
service.aht = 3.0
[design]
kind = "points"
"""
    exp = parse_experiment(text)
    assert [p.arrivals.rate for p in exp.params] == [1.0, 2.0]
    assert exp.params[1].service.aht == 3.0 and exp.params[0].staffing.reps == 7


def test_shipped_experiments_are_valid():
    """Every experiment file in experiments/ loads, and smoke stays small."""
    from tightrope.experiments import paths
    from tightrope.experiments.spec import load_experiment

    files = sorted(paths.EXPERIMENTS_DIR.glob("*.toml"))
    paper = {"regimes", "quota_recognition", "specialised", "blending", "incentives"}
    paper |= {"screenpop", "sensitivity", "levers"}
    assert {"smoke", "validation", *paper} <= {f.stem for f in files}
    experiments = {f.stem: load_experiment(f) for f in files}
    assert experiments["smoke"].n_runs <= 60
    assert all(not p.run.behaviour for p in experiments["validation"].params)
    assert all(experiments[name].common_random_numbers for name in paper)
    claims = paper - {"sensitivity", "levers"}  # issue 13: claim experiments use >= 20 seeds
    assert all(experiments[name].replications >= 20 for name in claims)


def test_common_random_numbers_seed_by_replication_only():
    """With common_random_numbers every point's replication r shares one seed; without, none do."""
    from tightrope.experiments.runner import plan_runs

    base = "\n".join(
        [
            'name = "crn"',
            "replications = 3",
            "root_seed = 9",
            "{crn}",
            "[design]",
            'kind = "grid"',
            "[design.factors]",
            '"arrivals.rate" = [0.5, 1.0, 2.0]',
        ]
    )
    paired = plan_runs(parse_experiment(base.format(crn="common_random_numbers = true")))
    seeds = {(s.point_id, s.replication): s.seed for s in paired}
    for r in range(3):
        assert seeds[(0, r)] == seeds[(1, r)] == seeds[(2, r)]
    assert len({seeds[(0, r)] for r in range(3)}) == 3
    independent = plan_runs(parse_experiment(base.format(crn="")))
    assert len({s.seed for s in independent}) == 9
    with pytest.raises(ExperimentError, match="common_random_numbers"):
        parse_experiment(base.format(crn='common_random_numbers = "yes"'))
