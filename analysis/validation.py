"""Queue-only validation runs against exact Erlang C / Erlang A values.

The exact values come from ``tightrope.model.validation.theory`` and arrive here as ``exact_*``
columns, so analysis does not import the model. A case passes a metric when
the exact value lies inside the 95 % t-interval of the simulated mean: about
one in twenty honest comparisons should miss by chance.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tightrope.analysis.aggregate import t_interval
from tightrope.analysis.schema import require

METRICS: dict[str, str] = {
    "p_wait": "P(wait)",
    "service_level_20s": "Service level (20 s)",
    "mean_wait": "Mean wait (min)",
    "p_abandon": "P(abandon)",
}
CASE_COLUMNS: tuple[str, ...] = ("case", "agents", "arrival_rate", "aht", "patience")


def validation_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per case and metric: simulated mean, 95 % CI, exact value, error, covered.

    Needs ``case``, ``agents``, ``arrival_rate``, ``aht``, ``patience`` and,
    for each metric, the simulated column and its ``exact_`` twin. Metrics
    with no exact value for a case (NaN) are left out.
    """
    require(
        table,
        [*CASE_COLUMNS, *METRICS, *(f"exact_{m}" for m in METRICS)],
        "validation table",
    )
    rows = []
    for keys, g in table.groupby(list(CASE_COLUMNS), dropna=False, sort=False):
        for metric, label in METRICS.items():
            exact = g[f"exact_{metric}"].dropna()
            sim = g[metric].dropna().to_numpy(dtype=float)
            if exact.empty or sim.size == 0:
                continue
            lo, hi = t_interval(sim)
            e = float(exact.iloc[0])
            rows.append(
                (
                    *keys,
                    metric,
                    label,
                    sim.size,
                    sim.mean(),
                    lo,
                    hi,
                    e,
                    sim.mean() - e,
                    lo <= e <= hi,
                )
            )
    cols = [*CASE_COLUMNS, "metric", "label", "n", "mean", "ci_lo", "ci_hi", "exact", "error"]
    out = pd.DataFrame(rows, columns=[*cols, "covered"])
    out["model"] = np.where(out["patience"].isna(), "Erlang C", "Erlang A")
    return out
