"""Shared plumbing of the exploration commands (worlds, discover, optimise).

Each exploration step turns its configuration into ordinary experiments
(:class:`~tightrope.experiments.spec.Experiment`, ``points`` designs) and runs
them through :func:`~tightrope.experiments.execute.sweep`, so it inherits the
results store (resume, provenance, locking), the seeds (common random numbers
by replication) and the local/loky/dask backends. This module holds what the three
steps share: reading a TOML configuration strictly (unknown keys refused
before any run, naming the key), writing an experiment's TOML text, and the
paths of an exploration's own outputs beside its runs.
"""

from __future__ import annotations

import json
import math
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from tightrope.experiments import paths
from tightrope.experiments.errors import ExperimentError
from tightrope.experiments.execute import DEFAULT_BACKEND, sweep
from tightrope.experiments.runner import DEFAULT_RUNNER
from tightrope.experiments.spec import Experiment, parse_experiment
from tightrope.model.params import ParameterError, Params, split_key

EXPLORE_DIR: Path = paths.EXPERIMENTS_DIR / "explore"
"""Configurations of the exploration commands (small ones for tests, full ones for the paper)."""


@dataclass(frozen=True)
class RunOptions:
    """How to execute the experiments an exploration builds (CLI options)."""

    jobs: int | None = None
    backend: str = DEFAULT_BACKEND
    scheduler: str | None = None
    fresh: bool = False
    quiet: bool = False
    runner: str = DEFAULT_RUNNER
    results_root: Path | None = None


# ---------------------------------------------------------------------- reading configs
def read_config(path: str | Path, allowed: set[str], required: set[str]) -> dict[str, Any]:
    """Parse a TOML configuration; refuse unknown or missing top-level keys by name."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ExperimentError(f"{path}: cannot read ({err.strerror})") from None
    except tomllib.TOMLDecodeError as err:
        raise ExperimentError(f"{path}: not valid TOML: {err}") from None
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ExperimentError(
            f"{path}: {unknown[0]}: unknown field; allowed: {', '.join(sorted(allowed))}"
        )
    missing = sorted(required - set(data))
    if missing:
        raise ExperimentError(f"{path}: {missing[0]}: missing required field")
    return data


def config_file(name_or_path: str | Path) -> Path:
    """``worlds-small`` -> experiments/explore/worlds-small.toml; paths pass through."""
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        return path
    return EXPLORE_DIR / f"{path.name}.toml"


def get(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], default: Any) -> Any:
    """A typed optional field (bools are not numbers); the error names the key."""
    value = data.get(key, default)
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
        names = " or ".join(k.__name__ for k in kinds)
        raise ExperimentError(f"{key} = {value!r}: must be a {names}")
    return value


def positive(data: Mapping[str, Any], key: str, default: int | None = None) -> int:
    """A whole number >= 1."""
    value = get(data, key, int, default)
    if value < 1:
        raise ExperimentError(f"{key} = {value}: must be >= 1")
    return value


def unit_float(data: Mapping[str, Any], key: str, default: float) -> float:
    """A number in (0, 1)."""
    value = float(get(data, key, (int, float), default))
    if not 0.0 < value < 1.0:
        raise ExperimentError(f"{key} = {value:g}: must lie in (0, 1)")
    return value


def parameter_values(table: Any, where: str) -> dict[str, Any]:
    """A table of dotted parameter keys, each checked against the parameter set."""
    if not isinstance(table, Mapping):
        raise ExperimentError(f"{where}: must be a table")
    out: dict[str, Any] = {}
    for key, value in table.items():
        try:
            split_key(key)
        except ParameterError as err:
            raise ExperimentError(f"{where}.{key}: {err}") from None
        out[key] = value
    try:
        Params.from_dict(out)
    except ParameterError as err:
        raise ExperimentError(f"{where}: {err}") from None
    return out


# ---------------------------------------------------------------------- experiments
def toml_value(value: Any) -> str:
    """One TOML value (scalars, lists, inline tables) for generated experiment files."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r} to TOML")
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, Mapping):
        return (
            "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
        )
    if isinstance(value, Sequence):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def points_experiment(
    name: str,
    description: str,
    points: Sequence[Mapping[str, Any]],
    *,
    replications: int,
    root_seed: int,
    fixed: Mapping[str, Any] | None = None,
) -> Experiment:
    """An experiment of explicit design points with common random numbers.

    Replication r of every point shares one seed, so contrasts between points
    (arms of a claim in one world, candidate policies) are paired.
    """
    lines = [
        f"name = {toml_value(name)}",
        f"description = {toml_value(description)}",
        f"replications = {replications}",
        f"root_seed = {root_seed}",
        "common_random_numbers = true",
    ]
    if fixed:
        lines.append("\n[fixed]")
        lines += [f"{toml_value(k)} = {toml_value(v)}" for k, v in fixed.items()]
    lines.append('\n[design]\nkind = "points"')
    for point in points:
        lines.append("\n[[design.points]]")
        lines += [f"{toml_value(k)} = {toml_value(v)}" for k, v in point.items()]
    return parse_experiment("\n".join(lines) + "\n")


def run_experiment(experiment: Experiment, options: RunOptions) -> pd.DataFrame:
    """Run (or resume) an experiment through the sweep engine; return its runs table."""
    report = sweep(
        experiment,
        jobs=options.jobs,
        backend=options.backend,
        scheduler=options.scheduler,
        fresh=options.fresh,
        quiet=options.quiet,
        runner=options.runner,
        results_root=options.results_root,
    )
    return pd.read_parquet(report.table)


def output_dir(name: str, options: RunOptions) -> Path:
    """Where an exploration writes its tables and figures: ``results/<name>/explore``."""
    root = options.results_root or paths.results_root()
    out = root / name / "explore"
    out.mkdir(parents=True, exist_ok=True)
    return out


def write_table(frame: pd.DataFrame, path: Path) -> Path:
    """Write a parquet table atomically (temporary name, then rename)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    frame.to_parquet(tmp, index=False)
    os.replace(tmp, path)
    return path
