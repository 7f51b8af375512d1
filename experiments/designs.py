"""Experiment designs: the ``[design]`` table -> an ordered list of design points.

A design point is a dict of dotted parameter keys to values; its
``point_id`` is its index in the list. Five kinds:

- ``grid``: full factorial over lists of levels (levels may be named, e.g.
  regime names), varying the last factor fastest;
- ``points``: an explicit list of points (``[[design.points]]``), for
  scenarios whose arms differ in several parameters at once;
- ``lhs``, ``sobol``, ``morris``: SALib samples over ``{low, high}`` bounds
  with ``samples`` = SALib's N. Rows keep SALib's sample-matrix order, so
  outputs sorted by ``point_id`` can go straight to ``SALib.analyze`` with
  the stored ``problem`` dict.

Bounds are checked against each parameter's declared range before sampling;
whole-number parameters are rounded after sampling (the stored matrix keeps
the unrounded values SALib produced).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tightrope.experiments.errors import ExperimentError
from tightrope.model.params import (
    ParameterError,
    Params,
    flatten,
    spec_of,
    spelling,
    split_key,
)

KINDS = ("grid", "points", "lhs", "sobol", "morris")
SAMPLED = ("lhs", "sobol", "morris")
_DESIGN_KEYS = {
    "grid": {"kind", "factors"},
    "points": {"kind", "points"},
    "lhs": {"kind", "factors", "samples"},
    "sobol": {"kind", "factors", "samples", "calc_second_order"},
    "morris": {"kind", "factors", "samples", "num_levels"},
}


@dataclass(frozen=True)
class Design:
    """A parsed design: what to vary and how, before any point is generated."""

    kind: str = "grid"
    factors: Mapping[str, Any] = field(default_factory=dict)
    points: tuple[Mapping[str, Any], ...] = ()
    samples: int = 0
    calc_second_order: bool = True
    num_levels: int = 4

    @property
    def n_points(self) -> int:
        """Number of design points, computed without generating any (SALib's sizes)."""
        if self.kind == "points":
            return len(self.points)
        if self.kind == "grid":
            return math.prod(len(levels) for levels in self.factors.values())
        d = len(self.factors)
        if self.kind == "lhs":
            return self.samples
        if self.kind == "sobol":
            return self.samples * (2 * d + 2 if self.calc_second_order else d + 2)
        return self.samples * (d + 1)  # morris: N trajectories of d + 1 points

    @property
    def problem(self) -> dict[str, Any] | None:
        """SALib's problem dict of a sampled design (None for grid and points)."""
        if self.kind not in SAMPLED:
            return None
        names = list(self.factors)
        return {
            "num_vars": len(names),
            "names": names,
            "bounds": [list(self.factors[k]) for k in names],
        }

    def keys(self) -> set[str]:
        """Every parameter the design sets (in any of its points)."""
        if self.kind == "points":
            return {k for p in self.points for k in p}
        return set(self.factors)

    def grid_point(self, index: int) -> dict[str, Any]:
        """Point ``index`` of a grid, decoded without building the others (last factor fastest)."""
        point: dict[str, Any] = {}
        for key in reversed(list(self.factors)):
            levels = self.factors[key]
            index, i = divmod(index, len(levels))
            point[key] = levels[i]
        return dict(reversed(point.items()))

    def representatives(self) -> list[dict[str, Any]]:
        """A few points standing for the design, generated without sampling.

        Every level (grid) or both bounds (sampled designs) of each factor appear
        at least once, with the other factors at their first level (or midpoint),
        so the checks and the time estimate of a huge design stay cheap.
        """
        if self.kind == "points":
            return [dict(p) for p in self.points]
        if self.kind == "grid":
            base = self.grid_point(0)
            reps = [base]
            for key, levels in self.factors.items():
                reps += [{**base, key: level} for level in levels[1:]]
            return reps
        mid = {k: self._sampled_value(k, (lo + hi) / 2) for k, (lo, hi) in self.factors.items()}
        reps = [mid]
        for key, (low, high) in self.factors.items():
            reps += [{**mid, key: self._sampled_value(key, x)} for x in (low, high)]
        return reps

    def _sampled_value(self, key: str, x: float) -> Any:
        return int(round(x)) if _is_int(key) else float(x)


@dataclass(frozen=True)
class DesignPoints:
    """Generated points plus what SALib needs to analyse them later (built on demand)."""

    points: list[dict[str, Any]]
    problem: dict[str, Any] | None = None
    sampler: dict[str, Any] = field(default_factory=dict)
    matrix: np.ndarray | None = None


def parse_design(table: Any) -> Design:
    """Check the ``[design]`` table's shape; a missing table means one point."""
    if table is None:
        return Design()
    if not isinstance(table, Mapping):
        raise ExperimentError("design: must be a table")
    kind = table.get("kind")
    if kind not in KINDS:
        raise ExperimentError(f"design.kind = {kind!r}: must be one of {', '.join(KINDS)}")
    unknown = set(table) - _DESIGN_KEYS[kind]
    if unknown:
        allowed = ", ".join(sorted(_DESIGN_KEYS[kind]))
        raise ExperimentError(
            f"design.{sorted(unknown)[0]}: not allowed for {kind}; use {allowed}"
        )
    if kind == "points":
        return Design(kind=kind, points=_parse_points(table.get("points")))
    factors = _flatten_factors(_require_table(table, "factors"))
    if kind == "grid":
        return Design(kind=kind, factors={k: _levels(k, v) for k, v in factors.items()})
    bounds = {k: _bounds(k, v) for k, v in factors.items()}
    if not bounds:
        raise ExperimentError("design.factors: a sampled design needs at least one factor")
    if "samples" not in table:
        raise ExperimentError(f"design.samples: missing; {kind} needs the sample size N")
    samples = table["samples"]
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise ExperimentError(f"design.samples = {samples!r}: must be a positive whole number")
    if kind == "sobol" and samples & (samples - 1):
        raise ExperimentError(f"design.samples = {samples}: Sobol needs a power of 2 (e.g. 64)")
    second = table.get("calc_second_order", True)
    levels = table.get("num_levels", 4)
    if not isinstance(second, bool):
        raise ExperimentError(f"design.calc_second_order = {second!r}: must be true or false")
    if isinstance(levels, bool) or not isinstance(levels, int) or levels < 2:
        raise ExperimentError(f"design.num_levels = {levels!r}: must be a whole number >= 2")
    return Design(kind, bounds, (), samples, second, levels)


def build_points(design: Design, seed: int) -> DesignPoints:
    """Generate the design points; SALib samplers are seeded for reproducibility."""
    if design.kind == "points":
        return DesignPoints([dict(p) for p in design.points])
    if design.kind == "grid":
        keys = list(design.factors)
        combos = itertools.product(*(design.factors[k] for k in keys))
        return DesignPoints([dict(zip(keys, combo, strict=True)) for combo in combos])
    return _sample(design, seed)


def _sample(design: Design, seed: int) -> DesignPoints:
    from SALib.sample import latin, morris, sobol

    names = list(design.factors)
    problem = design.problem
    assert problem is not None  # noqa: S101 - only sampled designs get here
    sampler: dict[str, Any] = {"method": design.kind, "N": design.samples, "seed": seed}
    if design.kind == "lhs":
        matrix = latin.sample(problem, design.samples, seed=seed)
    elif design.kind == "sobol":
        sampler["calc_second_order"] = design.calc_second_order
        matrix = sobol.sample(
            problem, design.samples, calc_second_order=design.calc_second_order, seed=seed
        )
    else:
        sampler["num_levels"] = design.num_levels
        matrix = morris.sample(problem, design.samples, num_levels=design.num_levels, seed=seed)
    whole = [_is_int(k) for k in names]
    points = [
        {k: int(round(x)) if w else float(x) for k, x, w in zip(names, row, whole, strict=True)}
        for row in matrix
    ]
    return DesignPoints(points, problem, sampler, matrix)


# ------------------------------------------------------------------ parsing helpers
def _require_table(table: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = table.get(key)
    if not isinstance(value, Mapping):
        raise ExperimentError(f"design.{key}: missing or not a table")
    return value


def _flatten_factors(
    table: Mapping[str, Any],
    prefix: str = "",
    path: tuple[str, ...] = (),
    origin: dict[str, tuple[str, ...]] | None = None,
) -> dict[str, Any]:
    """Nested or dotted factor keys -> dotted keys; ``{low, high}`` tables are leaves.

    A factor given both dotted and nested is an error naming both spellings
    (otherwise one of them would silently drop out of the design).
    """
    origin = {} if origin is None else origin
    out: dict[str, Any] = {}
    for key, value in table.items():
        dotted, here = f"{prefix}{key}", (*path, str(key))
        if isinstance(value, Mapping) and not (set(value) & {"low", "high"}):
            out.update(_flatten_factors(value, dotted + ".", here, origin))
            continue
        _check_key(f"design.factors.{dotted}", dotted)
        if dotted in origin:
            raise ExperimentError(
                f"design.factors.{dotted}: given twice, as {spelling(origin[dotted])} and as "
                f"{spelling(here)}; set it in one place only"
            )
        out[dotted], origin[dotted] = value, here
    return out


def _check_key(where: str, key: str) -> None:
    try:
        split_key(key)
    except ParameterError as err:
        raise ExperimentError(f"{where}: {err}") from None


def _levels(key: str, value: Any) -> tuple[Any, ...]:
    if not isinstance(value, list) or not value:
        raise ExperimentError(
            f"design.factors.{key}: a grid factor needs a non-empty list of levels"
        )
    if len({repr(v) for v in value}) != len(value):
        raise ExperimentError(f"design.factors.{key}: levels repeat")
    return tuple(value)


def _bounds(key: str, value: Any) -> tuple[float, float]:
    where = f"design.factors.{key}"
    if not isinstance(value, Mapping) or set(value) != {"low", "high"}:
        raise ExperimentError(f"{where}: a sampled factor needs exactly {{low = .., high = ..}}")
    low, high = value["low"], value["high"]
    for name, x in (("low", low), ("high", high)):
        if isinstance(x, bool) or not isinstance(x, int | float) or not np.isfinite(x):
            raise ExperimentError(f"{where}.{name} = {x!r}: must be a finite number")
    default = _default(key)
    if isinstance(default, bool | str | tuple):
        raise ExperimentError(f"{where}: {key} is not numeric; vary it in a grid instead")
    spec = spec_of(key)
    if low >= high:
        raise ExperimentError(f"{where}: low = {low:g} must be below high = {high:g}")
    if spec.low is not None and low < spec.low:
        raise ExperimentError(f"{where}.low = {low:g} is below {key}'s range {spec.allowed()}")
    if spec.high is not None and high > spec.high:
        raise ExperimentError(f"{where}.high = {high:g} is above {key}'s range {spec.allowed()}")
    return float(low), float(high)


def _parse_points(value: Any) -> tuple[dict[str, Any], ...]:
    if not isinstance(value, list) or not value:
        raise ExperimentError(
            "design.points: needs a non-empty array of tables ([[design.points]])"
        )
    points = []
    for i, point in enumerate(value):
        if not isinstance(point, Mapping) or not point:
            raise ExperimentError(f"design.points[{i}]: must be a non-empty table of parameters")
        try:
            flat = flatten(point)
        except ParameterError as err:
            raise ExperimentError(f"design.points[{i}]: {err}") from None
        for key in flat:
            _check_key(f"design.points[{i}].{key}", key)
        points.append(flat)
    return tuple(points)


def _default(key: str) -> Any:
    group, name = split_key(key)
    return getattr(getattr(Params(), group), name)


def _is_int(key: str) -> bool:
    default = _default(key)
    return isinstance(default, int) and not isinstance(default, bool)


__all__ = ["KINDS", "Design", "DesignPoints", "build_points", "parse_design"]
