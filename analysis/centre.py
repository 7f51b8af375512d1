"""The default-centre table: each regime's KPIs beside the published ranges (issue 12).

Every regime a centre would run is staffed to 80/20
(``staffing.policy = service_level``); the fixed-headcount mandatory-upsell
centre is shown beside them, since it is allowed to fall outside (a centre
staffed for service only, then told to pitch on every call, overloads).
Runs are sequential, seeds are the unit; cells are means over seeds with a
95 % t interval. :func:`centre_rows` runs the centres itself (``tightrope
centre``); :func:`centre_rows_from_runs` builds the same rows from a results
table (the ``centre`` experiment of the paper).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import stats

from tightrope.model.regimes import REGIMES

if TYPE_CHECKING:
    from tightrope.model import Params


@dataclass(frozen=True)
class Range:
    """A published range of one KPI."""

    kpi: str
    label: str
    low: float
    high: float
    scale: float  # display multiplier (100 for shares shown as %)
    source: str

    def holds(self, value: float) -> bool:
        """Whether ``value`` lies in the range."""
        return self.low <= value <= self.high


RANGES = (
    Range("attrition_annual", "attrition %/yr", 0.25, 0.50, 100, "Holman, Batt & Holtgrewe 2007"),
    Range("service_level", "SL % in 20 s", 0.75, 0.85, 100, "industry 80/20 convention"),
    Range("abandon_rate", "abandoned %", 0.0, 0.08, 100, "industry benchmarks (< 8 %)"),
    Range("fcr", "FCR %", 0.70, 0.85, 100, "industry benchmarks (70-85 %)"),
    Range("aht_min", "AHT min", 5.0, 7.0, 1, "industry benchmarks (5-7 min)"),
    Range("occupancy", "occupancy %", 0.0, 0.90, 100, "industry benchmarks (<= 90 %)"),
)

# (row label, regime, staffing policy): the regimes a centre would run, staffed to 80/20,
# and the fixed-headcount mandatory-upsell centre for contrast.
ROWS = [(name, name, "service_level") for name in REGIMES] + [
    ("mandatory_upsell (fixed 50)", "mandatory_upsell", "fixed")
]


def centre_rows(days: int, seeds: int, base: Params | None = None) -> list[dict[str, object]]:
    """One row per (regime, policy): mean, t half-width and in-range flag of each KPI."""
    from tightrope.model import Params, simulate

    base = base or Params()
    burn = min(base.run.burn_in_days, days - 1)
    rows = []
    for label, regime, policy in ROWS:
        params = base.replace(
            **{
                "regime.name": regime,
                "staffing.policy": policy,
                "run.days": days,
                "run.burn_in_days": burn,
            }
        )
        runs = [simulate(params, seed).summary for seed in range(1, seeds + 1)]
        rows.append(summary_row(label, runs))
    return rows


def summary_row(label: str, runs: Sequence[Mapping[str, float]]) -> dict[str, object]:
    """A table row from run summaries: mean, t half-width and in-range flag per KPI."""
    row: dict[str, object] = {"centre": label, "headcount": _mean(runs, "headcount_mean")}
    for r in RANGES:
        values = np.array([run[r.kpi] for run in runs], dtype=float)
        mean = float(values.mean())
        row[r.kpi] = mean
        row[f"{r.kpi}_half"] = _half_width(values)
        row[f"{r.kpi}_ok"] = r.holds(mean)
    return row


def centre_rows_from_runs(df: pd.DataFrame) -> list[dict[str, object]]:
    """The rows of :data:`ROWS` found in a results table (one run per seed and centre).

    The fixed-headcount row is labelled with the run's ``staffing.reps``.

    Raises:
        ValueError: a row of :data:`ROWS` has no runs, or a KPI column is missing.
    """
    need = ["regime.name", "staffing.policy", "headcount_mean", *(r.kpi for r in RANGES)]
    missing = [c for c in need if c not in df.columns]
    if missing:
        raise ValueError(f"centre results lack column(s) {', '.join(missing)}")
    rows = []
    for label, regime, policy in ROWS:
        sub = df[(df["regime.name"] == regime) & (df["staffing.policy"] == policy)]
        if sub.empty:
            raise ValueError(f"centre results have no runs of {regime} with {policy} staffing")
        if policy == "fixed" and "staffing.reps" in sub:
            label = f"{regime} (fixed {int(sub['staffing.reps'].iloc[0])})"
        rows.append(summary_row(label, sub.to_dict("records")))
    return rows


def _mean(runs: Sequence[Mapping[str, float]], key: str) -> float:
    return float(np.mean([run[key] for run in runs]))


def _half_width(values: np.ndarray) -> float:
    """95 % t half-width of the mean (nan with one seed)."""
    n = values.size
    if n < 2:
        return float("nan")
    return float(stats.t.ppf(0.975, n - 1) * values.std(ddof=1) / math.sqrt(n))


def centre_markdown(
    rows: list[dict[str, object]], days: int, seeds: int, burn_in: int | None = None
) -> str:
    """The table in Markdown: mean ± half-width per KPI, '(out)' where outside the range."""
    head = ["centre", "headcount"] + [r.label for r in RANGES]
    ranges = ["published", ""] + [_range_text(r) for r in RANGES]
    lines = [
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
        "| " + " | ".join(ranges) + " |",
    ]
    for row in rows:
        cells = [str(row["centre"]), f"{row['headcount']:.1f}"]
        for r in RANGES:
            mean, half = float(row[r.kpi]), float(row[f"{r.kpi}_half"])  # type: ignore[arg-type]
            text = f"{mean * r.scale:.1f}"
            if not math.isnan(half):
                text += f" ± {half * r.scale:.1f}"
            cells.append(text if row[f"{r.kpi}_ok"] else f"**{text}** (out)")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        f"Means over {seeds} seeds (± 95 % t interval), {days} days each"
        + ("" if burn_in is None else f" of which the first {burn_in} are burn-in")
        + "; regimes staffed to "
        "80/20 (staffing.policy = service_level) except the last row, the default fixed "
        "headcount. Sources: " + "; ".join(f"{r.label}: {r.source}" for r in RANGES) + "."
    )
    return "\n".join(lines)


def _range_text(r: Range) -> str:
    low, high = r.low * r.scale, r.high * r.scale
    return f"<= {high:g}" if low == 0 else f"{low:g}-{high:g}"


CENTRE_BUILT_IN = (
    "Under `service_level` staffing the service level is near 80 % by construction "
    "(the roster is chosen for it), and occupancy follows from 80/20 at the headcounts "
    "shown. Three ranges were used to set defaults, so their cells check that calibration "
    "rather than test the model: the base quit hazard (`attrition.base_hazard`) is "
    "calibrated to the attrition range for centres staffed to 80/20, resolution "
    "(`skills.resolve_base`, `skills.resolve_skill_gain`) to the FCR range and the mean "
    "handle time (`service.aht`) to the AHT range. Abandonment, headcount and the "
    "differences between regimes emerge. The fixed-headcount row shares those defaults "
    "but is not staffed to any range."
)
"""What the table's in-range cells owe to construction or calibration (printed under it).

The parameters named are those whose source (``tightrope params``) cites the range."""


def centre_context(df: pd.DataFrame) -> dict[str, str]:
    """The paper's default-centre table from the ``centre`` experiment's runs."""
    rows = centre_rows_from_runs(df)
    seeds = int(df.groupby(["regime.name", "staffing.policy"])["replication"].nunique().min())
    days, burn = int(df["run.days"].iloc[0]), int(df["run.burn_in_days"].iloc[0])
    out_of_range = sum(
        not row[f"{r.kpi}_ok"] for row in rows[:-1] for r in RANGES
    )  # the staffed rows; the fixed row may fall outside
    return {
        "centre_table": centre_markdown(rows, days, seeds, burn),
        "centre_built_in": CENTRE_BUILT_IN,
        "centre_out_of_range": str(out_of_range),
        "centre_cells": str(len(RANGES) * (len(rows) - 1)),
    }
