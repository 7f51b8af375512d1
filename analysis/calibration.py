"""Calibration targets and the filter that keeps plausible worlds.

A *world* is one draw of the uncertain ("assumption") parameters. It is
plausible when its service-only centre reproduces published ranges of the
KPIs practitioners report (``experiments/explore/targets.toml``): rejection against
ranges, the simplest form of history matching. The filter is a pure function
of a table, so it can be tested on synthetic rows.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from tightrope.analysis.schema import require

_FIELDS = {"label", "low", "high", "unit", "source"}


class TargetError(ValueError):
    """A targets file is malformed (names the file and the key)."""


@dataclass(frozen=True)
class Target:
    """A published range of one KPI and where it comes from."""

    kpi: str
    label: str
    low: float
    high: float
    unit: str
    source: str

    def text(self) -> str:
        """``annual attrition in [0.25, 0.5]`` for reports."""
        return f"{self.label} in [{self.low:g}, {self.high:g}]"


def parse_targets(data: Mapping[str, object], where: str = "targets") -> tuple[Target, ...]:
    """Validate a parsed targets table: one sub-table per KPI with every field."""
    if not data:
        raise TargetError(f"{where}: no targets")
    targets = []
    for kpi, table in data.items():
        if not isinstance(table, Mapping):
            raise TargetError(f"{where}: {kpi}: must be a table of {', '.join(sorted(_FIELDS))}")
        unknown = sorted(set(table) - _FIELDS)
        missing = sorted(_FIELDS - set(table))
        if unknown or missing:
            what = f"{unknown[0]}: unknown field" if unknown else f"{missing[0]}: missing field"
            raise TargetError(f"{where}: {kpi}.{what}")
        low, high = table["low"], table["high"]
        for name, x in (("low", low), ("high", high)):
            if isinstance(x, bool) or not isinstance(x, int | float) or not math.isfinite(x):
                raise TargetError(f"{where}: {kpi}.{name} = {x!r}: must be a finite number")
        if low > high:
            raise TargetError(f"{where}: {kpi}: low = {low:g} is above high = {high:g}")
        for name in ("label", "unit", "source"):
            if not isinstance(table[name], str) or not table[name].strip():
                raise TargetError(f"{where}: {kpi}.{name}: must be a non-empty string")
        targets.append(
            Target(kpi, table["label"], float(low), float(high), table["unit"], table["source"])
        )
    return tuple(targets)


def load_targets(path: str | Path) -> tuple[Target, ...]:
    """Read and validate a targets TOML file."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise TargetError(f"{path}: cannot read ({err.strerror})") from None
    except tomllib.TOMLDecodeError as err:
        raise TargetError(f"{path}: not valid TOML: {err}") from None
    return parse_targets(data, str(path))


def world_means(runs: pd.DataFrame, targets: Sequence[Target], world: str = "point_id"):
    """Mean of each target KPI over a world's replications (one row per world)."""
    kpis = [t.kpi for t in targets]
    require(runs, [world, *kpis], "worlds' runs")
    return runs.groupby(world, sort=True)[kpis].mean().reset_index()


def inside(table: pd.DataFrame, targets: Sequence[Target]) -> pd.DataFrame:
    """One boolean column per target (``in:<kpi>``) and ``kept`` = all of them.

    Bounds are inclusive; a missing value (NaN) is outside, so a world whose
    KPI could not be measured is never kept.
    """
    require(table, [t.kpi for t in targets], "worlds' KPI table")
    out = pd.DataFrame(index=table.index)
    for t in targets:
        out[f"in:{t.kpi}"] = table[t.kpi].between(t.low, t.high, inclusive="both")
    out["kept"] = out.all(axis=1)
    return out


def calibrate(runs: pd.DataFrame, targets: Sequence[Target], world: str = "point_id"):
    """World means, per-target flags and ``kept``, one row per world."""
    means = world_means(runs, targets, world)
    return pd.concat([means, inside(means, targets)], axis=1)


def pass_rates(flags: pd.DataFrame, targets: Sequence[Target]) -> pd.DataFrame:
    """Share of worlds inside each target alone, and inside all of them."""
    rows = [
        {"target": t.text(), "inside": int(flags[f"in:{t.kpi}"].sum()), "source": t.source}
        for t in targets
    ]
    rows.append({"target": "all targets", "inside": int(flags["kept"].sum()), "source": ""})
    out = pd.DataFrame(rows)
    out["share"] = out["inside"] / max(len(flags), 1)
    return out
