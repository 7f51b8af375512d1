"""The policy frontier: NSGA-II over manager levers, judged in several plausible worlds.

A policy file names the levers a manager controls (``[levers]``: a list of
choices, or ``{low, high}`` for a number), the objectives (``[objectives]``:
KPI = "max" or "min"), the worlds to judge in and the run length. Each
generation of the search is one resumable experiment ``<name>-g<NNN>`` whose
points are candidate x world; its root seed is the same for every
generation, so replication r of every candidate in every generation shares
one seed (common random numbers across the whole search). A candidate's
objective is the mean over its worlds and replications.

Policy file shape::

    name = "policy-small"
    worlds = "worlds-small"        # optional: kept worlds to judge in (else the defaults)
    n_worlds = 2                   # how many kept worlds (the first ones)
    replications = 2
    root_seed = 2026112503
    population = 8
    generations = 2
    [run]                          # run.* values
    [fixed]                        # optional: other parameters held fixed
    [objectives]
    revenue_genuine = "max"
    attrition_annual = "min"
    [levers]
    "regime.name" = ["mandatory_upsell", "discretionary_rewards"]
    "regime.quota_stretch" = {low = 0.5, high = 2.0}
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from tqdm import tqdm

from tightrope.experiments.errors import ExperimentError
from tightrope.experiments.explore_common import (
    RunOptions,
    config_file,
    get,
    output_dir,
    parameter_values,
    points_experiment,
    positive,
    read_config,
    run_experiment,
    write_table,
)
from tightrope.experiments.nsga import nsga2
from tightrope.experiments.worlds import load_worlds, world_parameters
from tightrope.model.params import ParameterError, Params, spec_of

_KEYS = {
    "name", "description", "worlds", "n_worlds", "replications", "root_seed", "population",
    "generations", "run", "fixed", "objectives", "levers",
}  # fmt: skip
_REQUIRED = {"name", "replications", "root_seed", "population", "generations", "objectives",
             "levers"}  # fmt: skip
SENSES = ("max", "min")


@dataclass(frozen=True)
class Lever:
    """One manager lever: a set of choices or a numeric range."""

    key: str
    choices: tuple[Any, ...] = ()
    low: float = 0.0
    high: float = 0.0
    whole: bool = False

    def decode(self, u: float) -> Any:
        """Map a coordinate in [0, 1] to the lever's value."""
        if self.choices:
            return self.choices[min(int(u * len(self.choices)), len(self.choices) - 1)]
        value = self.low + float(u) * (self.high - self.low)
        return int(round(value)) if self.whole else float(f"{value:.6g}")


@dataclass(frozen=True)
class PolicyConfig:
    """A validated policy file."""

    name: str
    worlds: str | None
    n_worlds: int
    replications: int
    root_seed: int
    population: int
    generations: int
    fixed: Mapping[str, Any]
    objectives: Mapping[str, str]
    levers: tuple[Lever, ...]

    def decode(self, x: np.ndarray) -> dict[str, Any]:
        """One candidate's lever values."""
        return {lever.key: lever.decode(u) for lever, u in zip(self.levers, x, strict=True)}


def load_policy(path: str | Path) -> PolicyConfig:
    """Read and validate a policy file; nothing runs before this passes."""
    path = config_file(path)
    data = read_config(path, _KEYS, _REQUIRED)
    try:
        return parse_policy(data)
    except ExperimentError as err:
        raise ExperimentError(f"{path}: {err}") from None


def parse_policy(data: Mapping[str, Any]) -> PolicyConfig:
    """Validate a parsed policy file."""
    objectives = get(data, "objectives", dict, {})
    if len(objectives) < 2:
        raise ExperimentError('objectives: need at least two (KPI = "max" or "min")')
    for kpi, sense in objectives.items():
        if sense not in SENSES:
            raise ExperimentError(f'objectives.{kpi} = {sense!r}: must be "max" or "min"')
    levers = tuple(_lever(k, v) for k, v in get(data, "levers", dict, {}).items())
    if not levers:
        raise ExperimentError("levers: need at least one lever")
    run = parameter_values({f"run.{k}": v for k, v in data.get("run", {}).items()}, "run")
    fixed = run | parameter_values(data.get("fixed", {}), "fixed")
    clash = sorted({lv.key for lv in levers} & set(fixed))
    if clash:
        raise ExperimentError(f"levers.{clash[0]}: also fixed; set it in one place only")
    population = positive(data, "population")
    if population < 4:
        raise ExperimentError(f"population = {population}: NSGA-II needs at least 4")
    worlds = data.get("worlds")
    if worlds is not None:
        worlds = get(data, "worlds", str, "")
    return PolicyConfig(
        name=get(data, "name", str, ""),
        worlds=worlds,
        n_worlds=positive(data, "n_worlds", 1),
        replications=positive(data, "replications"),
        root_seed=get(data, "root_seed", int, 0),
        population=population,
        generations=positive(data, "generations"),
        fixed=fixed,
        objectives=dict(objectives),
        levers=levers,
    )


def _lever(key: str, value: Any) -> Lever:
    where = f"levers.{key}"
    try:
        spec = spec_of(key)
        default = getattr(getattr(Params(), key.split(".")[0]), key.split(".")[1])
    except ParameterError as err:
        raise ExperimentError(f"{where}: {err}") from None
    if isinstance(value, list):
        if len(value) < 2 or len({repr(v) for v in value}) != len(value):
            raise ExperimentError(f"{where}: needs at least two distinct choices")
        for choice in value:
            try:
                Params().replace(**{key: choice})
            except ParameterError as err:
                raise ExperimentError(f"{where}: {err}") from None
        return Lever(key, choices=tuple(value))
    if not isinstance(value, Mapping) or set(value) != {"low", "high"}:
        raise ExperimentError(f"{where}: a list of choices or exactly {{low = .., high = ..}}")
    low, high = value["low"], value["high"]
    if isinstance(default, bool) or not isinstance(default, int | float):
        raise ExperimentError(f"{where}: {key} is not numeric; give a list of choices")
    if any(isinstance(x, bool) or not isinstance(x, int | float) for x in (low, high)) or (
        low >= high
        or (spec.low is not None and low < spec.low)
        or (spec.high is not None and high > spec.high)
    ):
        raise ExperimentError(f"{where}: needs numbers low < high within {spec.allowed()}")
    return Lever(key, low=float(low), high=float(high), whole=isinstance(default, int))


def judging_worlds(config: PolicyConfig, results_root: Path | None) -> list[dict[str, Any]]:
    """Parameter sets of the worlds candidates are judged in (``[{}]`` = the defaults)."""
    if config.worlds is None:
        return [{}]
    worlds = load_worlds(config.worlds, results_root).head(config.n_worlds)
    if worlds.empty:
        raise ExperimentError(f"worlds {config.worlds!r} kept no world to judge policies in")
    cols = world_parameters(worlds)
    levers = {lv.key for lv in config.levers} | set(config.fixed)
    return [
        {
            k: (v.item() if isinstance(v, np.generic) else v)
            for k, v in row.items()
            if k not in levers
        }
        for row in worlds[cols].to_dict("records")
    ]


class ModelEvaluator:
    """Evaluates a generation of candidates through the sweep engine; keeps every run."""

    def __init__(self, config: PolicyConfig, options: RunOptions) -> None:
        self.config, self.options = config, options
        self.worlds = judging_worlds(config, options.results_root)
        self.runs: list[pd.DataFrame] = []

    def __call__(self, generation: int, x: np.ndarray) -> np.ndarray:
        """Objectives (to minimise) of one generation's candidates, via one stored experiment."""
        points, owner = [], []
        for i, row in enumerate(x):
            policy = self.config.decode(row)
            for w, world in enumerate(self.worlds):
                points.append(world | policy)
                owner.append((i, w))
        experiment = points_experiment(
            f"{self.config.name}-g{generation:03d}",
            f"policy search {self.config.name}, generation {generation}",
            points, replications=self.config.replications, root_seed=self.config.root_seed,
            fixed=self.config.fixed,
        )  # fmt: skip
        runs = run_experiment(experiment, self.options)
        runs["candidate"] = [owner[p][0] for p in runs["point_id"]]
        runs["world"] = [owner[p][1] for p in runs["point_id"]]
        runs["generation"] = generation
        self.runs.append(runs)
        means = runs.groupby("candidate", sort=True)[list(self.config.objectives)].mean()
        signs = np.array([-1.0 if s == "max" else 1.0 for s in self.config.objectives.values()])
        return means.to_numpy(float) * signs


@dataclass(frozen=True)
class OptimiseReport:
    """What ``tightrope optimise`` did."""

    evaluated: int
    front: pd.DataFrame
    out_dir: Path


def run_optimise(config: PolicyConfig, options: RunOptions, figures: bool = True):
    """Search, then write the Pareto table (with CIs), all candidates and the figures."""
    from tightrope.analysis.frontier import parallel_coordinates, pareto_table, projection_3d

    evaluator = ModelEvaluator(config, options)
    bar = tqdm(total=config.generations, unit="gen", desc=config.name, disable=options.quiet)
    result = nsga2(
        evaluator, len(config.levers), len(config.objectives), population=config.population,
        generations=config.generations, seed=config.root_seed, progress=lambda _: bar.update(1),
    )  # fmt: skip
    bar.close()
    runs = pd.concat(evaluator.runs, ignore_index=True)
    candidates = pd.DataFrame([config.decode(x) for x in result.x])
    candidates["generation"] = result.generation
    candidates["candidate"] = np.concatenate(
        [np.arange((result.generation == g).sum()) for g in range(config.generations)]
    )
    candidates["on_front"] = False
    candidates.loc[result.front, "on_front"] = True
    table = pareto_table(candidates, runs, [lv.key for lv in config.levers], config.objectives)
    out = output_dir(config.name, options)
    write_table(candidates, out / "candidates.parquet")
    write_table(table, out / "pareto.parquet")
    table.to_csv(out / "pareto.csv", index=False)
    meta = {"levers": [lv.__dict__ for lv in config.levers], "objectives": config.objectives,
            "worlds": len(evaluator.worlds), "evaluated": len(candidates)}  # fmt: skip
    (out / "summary.json").write_text(json.dumps(meta, indent=2, default=str) + "\n")
    if figures:
        levers = [lv.key for lv in config.levers]
        parallel_coordinates(table, levers, config.objectives, config.levers, out)
        projection_3d(candidates, table, runs, config.objectives, out)
    return OptimiseReport(len(candidates), table, out)
