"""The warm-up figure's data: conversion by position in a rep's run of sales contacts.

The model counts, per run, pitches and sales at each position of a run of
consecutive sales contacts (``pitches_at_1..8`` and ``sales_at_1..8``; the
last position pools the eighth contact and later ones). Conversion at a
position is a ratio of sums, never a mean of per-run ratios, so runs with
few pitches at a late position do not get the weight of busy ones.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from tightrope.analysis.numbers import estimate_text
from tightrope.analysis.schema import DESIGN, require
from tightrope.analysis.style import DESIGN_LABELS
from tightrope.analysis.tables import markdown_table
from tightrope.analysis.template import PaperError

POSITIONS = 8
SWITCH = "warmup.switch_cost"


def position_columns(n: int = POSITIONS) -> tuple[list[str], list[str]]:
    """Names of the per-position pitch and sale counters."""
    return [f"pitches_at_{i}" for i in range(1, n + 1)], [f"sales_at_{i}" for i in range(1, n + 1)]


def warmup_positions(
    runs: pd.DataFrame, by: Sequence[str] = (DESIGN, SWITCH), n: int = POSITIONS
) -> pd.DataFrame:
    """Long table: per ``by`` level, replication and position, pitches, sales and conversion.

    Runs that share ``by`` and the replication (other design factors) are
    pooled, so each row is one independent replication of one ``by`` cell.
    The output has ``design`` as well, the column the warm-up figure reads.
    """
    pitches, sales = position_columns(n)
    require(runs, [*by, "replication", *pitches, *sales], "warm-up input")
    sums = runs.groupby([*by, "replication"])[[*pitches, *sales]].sum().reset_index()
    rows = []
    for i in range(n):
        part = sums[[*by, "replication"]].copy()
        part["position"] = i + 1
        part["pitches"] = sums[pitches[i]].to_numpy()
        part["sales"] = sums[sales[i]].to_numpy()
        rows.append(part)
    long = pd.concat(rows, ignore_index=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        long["conversion"] = np.where(long["pitches"] > 0, long["sales"] / long["pitches"], np.nan)
    if DESIGN in by:
        long["design"] = long[DESIGN]
    return long


def warmup_summary(long: pd.DataFrame, by: Sequence[str] = (DESIGN, SWITCH)) -> pd.DataFrame:
    """Pooled over replications: pitches, sales and conversion per ``by`` level and position."""
    require(long, [*by, "position", "pitches", "sales"], "warm-up table")
    out = long.groupby([*by, "position"])[["pitches", "sales"]].sum().reset_index()
    out["conversion"] = out["sales"] / out["pitches"].where(out["pitches"] > 0)
    return out


def warmup_context(long: pd.DataFrame) -> dict[str, str]:
    """Conversion at the first and at the last (pooled) position per design, with CIs.

    Keys ``warmup_<design>_first`` and ``warmup_<design>_late`` (position 1 and
    the last position, over replications pooled across switch costs), and
    ``warmup_table`` (Markdown, pooled over replications and switch costs).
    """
    from tightrope.analysis.aggregate import estimate

    require(long, ["design", "position", "replication", "pitches", "sales"], "warm-up table")
    per_rep = long.groupby(["design", "position", "replication"])[["pitches", "sales"]].sum()
    per_rep = per_rep.reset_index()
    per_rep["conversion"] = per_rep["sales"] / per_rep["pitches"].where(per_rep["pitches"] > 0)
    est = estimate(per_rep, "conversion", ["design", "position"]).set_index(["design", "position"])
    last = int(long["position"].max())
    ctx: dict[str, str] = {"warmup_last_position": str(last)}
    for design in ("blended", "dedicated"):
        for key, pos in (("first", 1), ("late", last)):
            if (design, pos) not in est.index:
                raise PaperError(f"warm-up conversion of {design} reps at position {pos}")
            e = est.loc[(design, pos)]
            ctx[f"warmup_{design}_{key}"] = estimate_text(e["mean"], e["ci_lo"], e["ci_hi"])
    table = warmup_summary(long, ["design"]).rename(columns={"design": "organisation"})
    table["organisation"] = table["organisation"].map(lambda d: DESIGN_LABELS.get(d, d))
    table["position"] = [f"{p}+" if p == last else str(p) for p in table["position"]]
    ctx["warmup_table"] = markdown_table(table)
    return ctx
