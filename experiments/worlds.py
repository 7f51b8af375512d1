"""Plausible worlds: sample the assumption parameters, keep the worlds that match published ranges.

A worlds configuration (``experiments/explore/worlds*.toml``) names the
targets file, the sampler and its size, the run length and what to hold
fixed. Every numeric parameter whose source in the parameter table starts
with "assumption" is uncertain, except those listed in ``exclude`` or fixed;
its range is ``[bounds]`` if given, else the default times ``1 ± spread``
clipped to the declared range (a parameter whose default is 0 needs explicit
bounds and is otherwise left out, and reported). Each world is simulated as
a ``service_only`` centre (the shipped configurations staff it to 80/20 with
``staffing.policy = service_level``, as a manager would) and
kept when the mean over its replications of every target KPI lies in range.

Configuration shape::

    name = "worlds-small"          # results/<name>/
    targets = "targets.toml"       # relative to experiments/explore/
    sampler = "lhs"                # lhs (N worlds) | sobol (Saltelli: N * (D + 2) worlds)
    samples = 16
    replications = 1
    root_seed = 2026112501
    spread = 0.5                   # optional, default 0.5
    exclude = ["arrivals.rate"]    # optional
    only = ["morale.reversion"]    # optional: sample just these (default: every assumption)
    [run]                          # optional run.* values
    [fixed]                        # optional; regime.name defaults to service_only
    [bounds]                       # optional {low, high} per parameter
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from tightrope.analysis.calibration import Target, TargetError, calibrate, load_targets, pass_rates
from tightrope.experiments import paths
from tightrope.experiments.errors import ExperimentError
from tightrope.experiments.explore_common import (
    EXPLORE_DIR,
    RunOptions,
    config_file,
    get,
    output_dir,
    parameter_values,
    positive,
    read_config,
    run_experiment,
    toml_value,
    write_table,
)
from tightrope.experiments.spec import Experiment, parse_experiment
from tightrope.model.params import Params, parameter_table, spec_of, split_key

_KEYS = {
    "name", "description", "targets", "sampler", "samples", "replications", "root_seed",
    "spread", "exclude", "only", "run", "fixed", "bounds",
}  # fmt: skip
_REQUIRED = {"name", "targets", "samples", "replications", "root_seed"}
SAMPLERS = ("lhs", "sobol")
WORLDS_TABLE = "worlds.parquet"


@dataclass(frozen=True)
class WorldsConfig:
    """A validated worlds configuration."""

    name: str
    description: str
    targets: tuple[Target, ...]
    sampler: str
    samples: int
    replications: int
    root_seed: int
    fixed: Mapping[str, Any]
    bounds: Mapping[str, tuple[float, float]]
    skipped: tuple[str, ...]
    """Assumption parameters left out: default 0 without bounds, or not numeric."""


def load_worlds_config(path: str | Path) -> WorldsConfig:
    """Read and validate a worlds configuration; nothing runs before this passes."""
    path = config_file(path)
    data = read_config(path, _KEYS, _REQUIRED)
    try:
        return parse_worlds_config(data, path.parent)
    except (ExperimentError, TargetError) as err:
        raise ExperimentError(f"{path}: {err}") from None


def parse_worlds_config(data: Mapping[str, Any], base: Path | None = None) -> WorldsConfig:
    """Validate a parsed worlds configuration (``base`` resolves the targets path)."""
    name = get(data, "name", str, "")
    sampler = get(data, "sampler", str, "lhs")
    if sampler not in SAMPLERS:
        raise ExperimentError(f"sampler = {sampler!r}: must be one of {', '.join(SAMPLERS)}")
    samples = positive(data, "samples")
    if sampler == "sobol" and samples & (samples - 1):
        raise ExperimentError(f"samples = {samples}: Sobol needs a power of 2")
    spread = float(get(data, "spread", (int, float), 0.5))
    if not 0.0 < spread <= 1.0:
        raise ExperimentError(f"spread = {spread:g}: must lie in (0, 1]")
    target_path = Path(get(data, "targets", str, ""))
    if not target_path.is_absolute():
        target_path = EXPLORE_DIR / target_path
    targets = load_targets(target_path)
    fixed = {"regime.name": "service_only"}
    fixed |= parameter_values({f"run.{k}": v for k, v in data.get("run", {}).items()}, "run")
    fixed |= parameter_values(data.get("fixed", {}), "fixed")
    exclude = get(data, "exclude", list, [])
    for key in exclude:
        _check_key("exclude", key)
    only = get(data, "only", list, [])
    for key in only:
        _check_key("only", key)
    explicit = _explicit_bounds(data.get("bounds", {}))
    leave_out = set(exclude) | set(fixed)
    if only:
        leave_out |= {r["parameter"] for r in parameter_table()} - set(only)
    bounds, skipped = uncertain_parameters(spread, leave_out, explicit)
    missing = sorted(set(only) - set(bounds))
    if missing:
        raise ExperimentError(f"only.{missing[0]}: not a numeric assumption parameter to sample")
    if not bounds:
        raise ExperimentError("no uncertain parameter left to sample; check exclude and fixed")
    return WorldsConfig(
        name=_experiment_name(name),
        description=get(data, "description", str, ""),
        targets=targets,
        sampler=sampler,
        samples=samples,
        replications=positive(data, "replications"),
        root_seed=get(data, "root_seed", int, 0),
        fixed=fixed,
        bounds=bounds,
        skipped=tuple(skipped),
    )


def uncertain_parameters(
    spread: float, leave_out: set[str], explicit: Mapping[str, tuple[float, float]]
) -> tuple[dict[str, tuple[float, float]], list[str]]:
    """Sampling bounds of every numeric "assumption" parameter, and those skipped."""
    bounds: dict[str, tuple[float, float]] = {}
    skipped: list[str] = []
    defaults = Params()
    for row in parameter_table():
        key = row["parameter"]
        if not row["source"].lower().startswith("assumption") or key in leave_out:
            continue
        group, field = split_key(key)
        default = getattr(getattr(defaults, group), field)
        if isinstance(default, bool) or not isinstance(default, int | float):
            skipped.append(key)
            continue
        if key in explicit:
            bounds[key] = explicit[key]
            continue
        spec = spec_of(key)
        low, high = sorted((default * (1 - spread), default * (1 + spread)))
        low = low if spec.low is None else max(low, spec.low)
        high = high if spec.high is None else min(high, spec.high)
        if isinstance(default, int):
            low, high = float(max(round(low), spec.low or 0)), float(round(high))
        if high <= low:
            skipped.append(key)
            continue
        bounds[key] = (float(f"{low:.12g}"), float(f"{high:.12g}"))
    unused = sorted(set(explicit) - set(bounds))
    if unused:
        raise ExperimentError(
            f"bounds.{unused[0]}: not a numeric assumption parameter left to sample"
        )
    return bounds, skipped


def worlds_experiment(config: WorldsConfig) -> Experiment:
    """The sweep that simulates every sampled world (the store resumes it)."""
    lines = [
        f"name = {toml_value(config.name)}",
        f"description = {toml_value(config.description or 'plausible worlds')}",
        f"replications = {config.replications}",
        f"root_seed = {config.root_seed}",
        "common_random_numbers = true",
        "\n[fixed]",
        *(f"{toml_value(k)} = {toml_value(v)}" for k, v in config.fixed.items()),
        f'\n[design]\nkind = "{config.sampler}"\nsamples = {config.samples}',
    ]
    if config.sampler == "sobol":
        lines.append("calc_second_order = false")
    lines.append("\n[design.factors]")
    lines += [
        f"{toml_value(k)} = {toml_value({'low': lo, 'high': hi})}"
        for k, (lo, hi) in config.bounds.items()
    ]
    return parse_experiment("\n".join(lines) + "\n")


@dataclass(frozen=True)
class WorldsReport:
    """What ``tightrope worlds`` did."""

    tried: int
    kept: int
    table: Path
    figure: Path | None


def run_worlds(config: WorldsConfig, options: RunOptions, figure: bool = True) -> WorldsReport:
    """Simulate every world, apply the calibration filter, write the table and figure."""
    experiment = worlds_experiment(config)
    runs = run_experiment(experiment, options)
    flags = calibrate(runs, config.targets)
    design = pd.DataFrame([dict(p) for p in experiment.points])
    design.insert(0, "point_id", range(len(design)))
    worlds = design.merge(flags, on="point_id", how="left", validate="one_to_one")
    worlds["kept"] = worlds["kept"].fillna(False).astype(bool)
    out = output_dir(config.name, options)
    table = write_table(worlds, out / WORLDS_TABLE)
    pass_rates(flags, config.targets).to_csv(out / "pass_rates.csv", index=False)
    summary = {
        "tried": len(worlds),
        "kept": int(worlds["kept"].sum()),
        "parameters": {k: list(v) for k, v in config.bounds.items()},
        "skipped": list(config.skipped),
        "fixed": dict(config.fixed),
        "targets": [t.__dict__ for t in config.targets],
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    png = None
    if figure:
        from tightrope.analysis.explore_figures import world_marginals

        png = world_marginals(worlds, config.bounds, out)
    return WorldsReport(len(worlds), summary["kept"], table, png)


def load_worlds(name: str, results_root: Path | None = None, kept: bool = True) -> pd.DataFrame:
    """The worlds table a ``tightrope worlds`` run wrote (kept worlds only by default)."""
    path = (results_root or paths.results_root()) / name / "explore" / WORLDS_TABLE
    if not path.exists():
        raise ExperimentError(f"{path}: no worlds table; run `tightrope worlds {name}` first")
    worlds = pd.read_parquet(path)
    return worlds[worlds["kept"]].reset_index(drop=True) if kept else worlds


def world_parameters(worlds: pd.DataFrame) -> list[str]:
    """The sampled parameter columns of a worlds table."""
    return [c for c in worlds.columns if "." in c and not c.startswith("in:")]


def _explicit_bounds(table: Any) -> dict[str, tuple[float, float]]:
    if not isinstance(table, Mapping):
        raise ExperimentError("bounds: must be a table")
    out = {}
    for key, value in table.items():
        _check_key("bounds", key)
        if not isinstance(value, Mapping) or set(value) != {"low", "high"}:
            raise ExperimentError(f"bounds.{key}: needs exactly {{low = .., high = ..}}")
        low, high = value["low"], value["high"]
        if any(isinstance(x, bool) or not isinstance(x, int | float) for x in (low, high)):
            raise ExperimentError(f"bounds.{key}: low and high must be numbers")
        spec = spec_of(key)
        if (
            low >= high
            or (spec.low is not None and low < spec.low)
            or (spec.high is not None and high > spec.high)
        ):
            raise ExperimentError(
                f"bounds.{key} = [{low:g}, {high:g}]: needs low < high within {spec.allowed()}"
            )
        out[key] = (float(low), float(high))
    return out


def _check_key(where: str, key: Any) -> None:
    if not isinstance(key, str):
        raise ExperimentError(f"{where}: {key!r} is not a parameter name")
    try:
        split_key(key)
    except ValueError as err:
        raise ExperimentError(f"{where}.{key}: {err}") from None


def _experiment_name(name: str) -> str:
    if not name:
        raise ExperimentError("name: must be a non-empty string")
    return name
