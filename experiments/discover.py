"""Where a claim holds: re-run its contrasts in every plausible world, then find where it flips.

For a seed claim (:data:`tightrope.analysis.claims.CLAIMS`) and a finished
``tightrope worlds`` run, each kept world gets the claim's arms — the
scenario experiment's fixed values, its other grid factors at their middle
level (or ``[at]``), the contrast factor at treatment and at control — on
top of the world's sampled parameters, with a few replications under common
random numbers, as one resumable experiment ``<name>-<claim>``. Each world
then has an outcome per contrast and for the claim
(:mod:`tightrope.analysis.world_verdicts`); shares get Wilson intervals, and
PRIM (:mod:`tightrope.analysis.prim`) looks for the boxes of parameter space
where the claim fails.

Configuration shape::

    name = "discover-small"        # results/<name>-<claim>/
    worlds = "worlds-small"        # whose kept worlds to use
    max_worlds = 8                 # optional: the first N kept worlds
    replications = 3
    root_seed = 2026112502
    flip = "not_supported"         # or "reversed": which worlds PRIM explains
    threshold = 0.7                # PRIM density threshold (optional)
    peel_alpha = 0.1               # optional
    mass_min = 0.1                 # optional
    max_boxes = 2                  # optional
    [run]                          # run.* values of the arms
    [at]                           # optional: levels of the scenario's other factors
    [margins]                      # optional: minimum effect per KPI (four-outcome rule)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tightrope.analysis.claims import CLAIMS, Claim, Contrast
from tightrope.analysis.style import kpi_label
from tightrope.analysis.world_verdicts import REVERSED, SUPPORTED, classify, combine_world, shares
from tightrope.experiments import paths
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
    unit_float,
    write_table,
)
from tightrope.experiments.spec import load_experiment
from tightrope.experiments.worlds import load_worlds, world_parameters
from tightrope.model.params import parameter_table

_KEYS = {
    "name", "description", "worlds", "max_worlds", "replications", "root_seed", "flip",
    "threshold", "peel_alpha", "mass_min", "max_boxes", "run", "at", "margins",
}  # fmt: skip
_REQUIRED = {"name", "worlds", "replications", "root_seed"}
FLIPS = ("not_supported", "reversed")


@dataclass(frozen=True)
class DiscoverConfig:
    """A validated discover configuration."""

    name: str
    worlds: str
    max_worlds: int | None
    replications: int
    root_seed: int
    flip: str
    threshold: float
    peel_alpha: float
    mass_min: float
    max_boxes: int
    run: Mapping[str, Any]
    at: Mapping[str, Any]
    margins: Mapping[str, float]


def load_discover_config(path: str | Path) -> DiscoverConfig:
    """Read and validate a discover configuration before anything runs."""
    path = config_file(path)
    data = read_config(path, _KEYS, _REQUIRED)
    try:
        return parse_discover_config(data)
    except ExperimentError as err:
        raise ExperimentError(f"{path}: {err}") from None


def parse_discover_config(data: Mapping[str, Any]) -> DiscoverConfig:
    """Validate a parsed discover configuration."""
    flip = get(data, "flip", str, "not_supported")
    if flip not in FLIPS:
        raise ExperimentError(f"flip = {flip!r}: must be one of {', '.join(FLIPS)}")
    max_worlds = data.get("max_worlds")
    if max_worlds is not None:
        max_worlds = positive(data, "max_worlds")
    margins = get(data, "margins", dict, {})
    for kpi, value in margins.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ExperimentError(f"margins.{kpi} = {value!r}: must be a number > 0")
    replications = positive(data, "replications")
    if replications < 2:
        raise ExperimentError("replications = 1: a paired interval needs at least 2")
    return DiscoverConfig(
        name=get(data, "name", str, ""),
        worlds=get(data, "worlds", str, ""),
        max_worlds=max_worlds,
        replications=replications,
        root_seed=get(data, "root_seed", int, 0),
        flip=flip,
        threshold=unit_float(data, "threshold", 0.7),
        peel_alpha=unit_float(data, "peel_alpha", 0.1),
        mass_min=unit_float(data, "mass_min", 0.1),
        max_boxes=positive(data, "max_boxes", 2),
        run=parameter_values({f"run.{k}": v for k, v in data.get("run", {}).items()}, "run"),
        at=parameter_values(data.get("at", {}), "at"),
        margins={k: float(v) for k, v in margins.items()},
    )


def find_claim(key: str) -> Claim:
    """A seed claim by key (``s002``); the error lists the known ones."""
    for claim in CLAIMS:
        if claim.key == key:
            return claim
    raise ExperimentError(f"unknown claim {key!r}; claims are: {', '.join(c.key for c in CLAIMS)}")


def _py(value: Any) -> Any:
    """Numpy scalars -> Python values (TOML and Mesa want plain ints and floats)."""
    return value.item() if isinstance(value, np.generic) else value


def _resolve(level: Any, levels: tuple[Any, ...]) -> Any:
    numeric = [v for v in levels if isinstance(v, int | float) and not isinstance(v, bool)]
    if level in ("max", "min") and numeric:
        return max(numeric) if level == "max" else min(numeric)
    return level


def arms(contrast: Contrast, at: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Treatment and control settings of a contrast, from its scenario experiment."""
    experiment = load_experiment(paths.EXPERIMENTS_DIR / f"{contrast.experiment}.toml")
    base = {k: v for k, v in experiment.fixed.items() if not k.startswith("run.")}
    factors = dict(experiment.design.factors) if experiment.design.kind == "grid" else {}
    for key, levels in factors.items():
        if key != contrast.factor:
            base[key] = levels[len(levels) // 2]
    base |= {k: v for k, v in at.items() if k != contrast.factor}
    levels = factors.get(contrast.factor, ())
    treatment = base | {contrast.factor: _resolve(contrast.treatment, levels)}
    control = base | {contrast.factor: _resolve(contrast.control, levels)}
    return treatment, control


def plan(claim: Claim, config: DiscoverConfig, worlds: pd.DataFrame):
    """Design points (world x arm) and their index: point_id, world, contrast, arm."""
    sampled = world_parameters(worlds)
    points: list[dict[str, Any]] = []
    index: list[dict[str, Any]] = []
    seen: dict[tuple, int] = {}
    for contrast in claim.contrasts:
        treatment, control = arms(contrast, config.at)
        for _, world in worlds.iterrows():
            values = {k: _py(world[k]) for k in sampled}
            for arm, setting in (("treatment", treatment), ("control", control)):
                point = values | setting
                key = tuple(sorted((k, repr(v)) for k, v in point.items()))
                if key not in seen:
                    seen[key] = len(points)
                    points.append(point)
                index.append(
                    {"point_id": seen[key], "world": int(world["point_id"]),
                     "contrast": contrast.key, "arm": arm}
                )  # fmt: skip
    return points, pd.DataFrame(index)


def world_outcomes(claim: Claim, runs: pd.DataFrame, index: pd.DataFrame, margins, m=None):
    """Per world and contrast: mean paired difference, outcome; plus the claim's outcome."""
    m = m or len(claim.contrasts)
    rows = []
    for contrast in claim.contrasts:
        sub = index[index["contrast"] == contrast.key]
        for world, arms_ in sub.groupby("world", sort=True):
            pid = dict(zip(arms_["arm"], arms_["point_id"], strict=True))
            t = runs[runs["point_id"] == pid["treatment"]].set_index("replication")[contrast.kpi]
            c = runs[runs["point_id"] == pid["control"]].set_index("replication")[contrast.kpi]
            d = (t - c).dropna().to_numpy(float)
            outcome = classify(d, contrast.sign, _margin(contrast, margins, c.mean()), m)
            rows.append(
                {"world": world, "contrast": contrast.key, "kpi": contrast.kpi,
                 "diff": float(d.mean()) if d.size else np.nan, "n": d.size, "outcome": outcome}
            )  # fmt: skip
    per = pd.DataFrame(rows)
    claim_rows = [
        {"world": w, "contrast": claim.key, "kpi": "", "diff": np.nan,
         "n": int(g["n"].min()), "outcome": combine_world(g["outcome"])}
        for w, g in per.groupby("world", sort=True)
    ]  # fmt: skip
    return pd.concat([per, pd.DataFrame(claim_rows)], ignore_index=True)


def _margin(contrast: Contrast, margins: Mapping[str, float], control_mean: float):
    """The minimum effect: the config's ``[margins]``, else the claim's declared one, if any."""
    if contrast.kpi in margins:
        return margins[contrast.kpi]
    try:  # issue 13's declaration, when the KPI has one
        return contrast.min_effect.margin(control_mean)
    except (AttributeError, TypeError, ValueError):
        return None


def claim_subject(claim: Claim) -> str:
    """The claim in words from its first contrast: ``mandatory upsell (vs ...) raises ...``."""
    from tightrope.analysis.claim_eval import fmt_level as _fmt_level
    from tightrope.analysis.style import param_label

    c = claim.contrasts[0]
    verb = "raises" if c.sign > 0 else "lowers"
    more = f" (and {len(claim.contrasts) - 1} more contrasts)" if len(claim.contrasts) > 1 else ""
    treatment, control = _fmt_level(c.treatment), _fmt_level(c.control).lower()
    if isinstance(c.treatment, bool):  # "on instead of off" needs the factor's name
        treatment = f"{param_label(c.factor)} {treatment}"
    return f"{treatment} instead of {control} {verb} {kpi_label(c.kpi).lower()}{more}"


@dataclass(frozen=True)
class DiscoverReport:
    """What ``tightrope discover`` did."""

    worlds: int
    shares: pd.DataFrame
    sentences: tuple[str, ...]
    out_dir: Path


def run_discover(claim_key: str, config: DiscoverConfig, options: RunOptions) -> DiscoverReport:
    """Run the claim's arms in every kept world, then shares, PRIM boxes and figure."""
    claim = find_claim(claim_key)
    worlds = load_worlds(config.worlds, options.results_root)
    if config.max_worlds:
        worlds = worlds.head(config.max_worlds)
    if len(worlds) < 2:
        raise ExperimentError(
            f"worlds {config.worlds!r} kept {len(worlds)} world(s); discovery needs at least 2"
        )
    name = f"{config.name}-{claim.key}"
    points, index = plan(claim, config, worlds)
    experiment = points_experiment(
        name, f"claim {claim.key} across plausible worlds of {config.worlds}", points,
        replications=config.replications, root_seed=config.root_seed, fixed=config.run,
    )  # fmt: skip
    runs = run_experiment(experiment, options)
    outcomes = world_outcomes(claim, runs, index, config.margins)
    table = shares(outcomes)
    out = output_dir(name, options)
    write_table(outcomes, out / "outcomes.parquet")
    table.to_csv(out / "shares.csv", index=False)
    sentences = _discover_boxes(claim, config, worlds, outcomes, out)
    return DiscoverReport(len(worlds), table, sentences, out)


def _discover_boxes(claim, config, worlds, outcomes, out: Path) -> tuple[str, ...]:
    from tightrope.analysis.explore_figures import peeling_trajectory
    from tightrope.analysis.prim import box_sentence, find_boxes

    per_world = outcomes[outcomes["contrast"] == claim.key].set_index("world")["outcome"]
    x = worlds.set_index("point_id").loc[per_world.index, world_parameters(worlds)]
    flip = per_world != SUPPORTED if config.flip == "not_supported" else per_world == REVERSED
    failure = "does not hold" if config.flip == "not_supported" else "is reversed"
    subject = claim_subject(claim)
    if not flip.any() or flip.all():
        n = len(flip)
        if config.flip == "not_supported":
            where = (
                f"holds in every one of the {n}" if not flip.any() else f"holds in none of the {n}"
            )
        else:
            where = f"is reversed in {'none' if not flip.any() else 'all'} of the {n}"
        sentence = (
            f"“{subject}” {where} plausible worlds tried, "
            "so there is no box of parameter space to find."
        )
        (out / "boxes.json").write_text(json.dumps({"sentences": [sentence]}) + "\n")
        return (sentence,)
    boxes = find_boxes(
        x, flip.to_numpy(), threshold=config.threshold, peel_alpha=config.peel_alpha,
        mass_min=config.mass_min, max_boxes=config.max_boxes,
    )  # fmt: skip
    meanings = {r["parameter"]: r["meaning"].rstrip(".").lower() for r in parameter_table()}
    sentences = tuple(box_sentence(b, subject, failure, meanings) for b in boxes)
    tables = [b.table().assign(box=i) for i, b in enumerate(boxes)]
    pd.concat(tables, ignore_index=True).to_csv(out / "boxes.csv", index=False)
    (out / "boxes.json").write_text(json.dumps({"sentences": list(sentences)}, indent=2) + "\n")
    peeling_trajectory(
        boxes[0].trajectory, boxes[0].chosen, f"Claim {claim.key}: where it {failure}", out
    )
    return sentences
