"""Replications -> estimates: means with 95 % intervals, and paired regime contrasts.

Every KPI is summarised per design point with a t-interval; KPIs whose
replication distribution is skewed (rare-event counts, see
:data:`tightrope.analysis.schema.SKEWED_KPIS`) also get a percentile bootstrap interval
from a fixed-seed generator, so tables are reproducible byte for byte.
Contrasts and pooled estimates take the seed as the unit; they live in
:mod:`tightrope.analysis.replication`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from tightrope.analysis.replication import UNIT, seed_estimate
from tightrope.analysis.schema import KPIS, SKEWED_KPIS, design_columns, require

LEVEL = 0.95
BOOTSTRAP_SEED = 20240601
N_BOOT = 2000


def t_interval(values: Sequence[float] | np.ndarray, level: float = LEVEL) -> tuple[float, float]:
    """Student-t interval for the mean; NaNs are dropped, fewer than two values give NaN."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if x.size < 2:
        return (np.nan, np.nan)
    half = stats.t.ppf(0.5 + level / 2, x.size - 1) * x.std(ddof=1) / np.sqrt(x.size)
    return (x.mean() - half, x.mean() + half)


def bootstrap_ci(
    values: Sequence[float] | np.ndarray,
    level: float = LEVEL,
    n_boot: int = N_BOOT,
    seed: int = BOOTSTRAP_SEED,
) -> tuple[float, float]:
    """Percentile bootstrap interval for the mean, reproducible through a fixed seed."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if x.size < 2:
        return (np.nan, np.nan)
    rng = np.random.default_rng(seed)
    means = x[rng.integers(0, x.size, size=(n_boot, x.size))].mean(axis=1)
    lo, hi = np.quantile(means, [0.5 - level / 2, 0.5 + level / 2])
    return (float(lo), float(hi))


def _kpis(df: pd.DataFrame, kpis: Iterable[str] | None) -> list[str]:
    if kpis is None:
        return [k for k in KPIS if k in df.columns]
    kpis = list(kpis)
    require(df, kpis)
    return kpis


def summarise(
    df: pd.DataFrame,
    kpis: Iterable[str] | None = None,
    by: Sequence[str] | None = None,
    bootstrap: Iterable[str] = SKEWED_KPIS,
) -> pd.DataFrame:
    """Mean, sd, n and 95 % intervals of each KPI per design point, in long form.

    Args:
        df: one row per run.
        kpis: KPI columns to summarise; default every contract KPI present.
        by: grouping columns; default the parameter columns the sweep varied.
        bootstrap: KPIs that also get a bootstrap interval (``boot_lo``/``boot_hi``).

    Returns:
        One row per (group, KPI): the ``by`` columns, ``kpi``, ``mean``, ``sd``,
        ``n``, ``ci_lo``, ``ci_hi``, ``boot_lo``, ``boot_hi`` (NaN when not bootstrapped).
    """
    kpis = _kpis(df, kpis)
    by = list(design_columns(df) if by is None else by)
    require(df, by)
    boot = set(bootstrap)
    rows = []
    groups = df.groupby(by, dropna=False, sort=True) if by else [((), df)]
    for key, group in groups:
        key = key if isinstance(key, tuple) else (key,)
        for kpi in kpis:
            x = group[kpi].to_numpy(dtype=float)
            x = x[~np.isnan(x)]
            lo, hi = t_interval(x)
            blo, bhi = bootstrap_ci(x) if kpi in boot else (np.nan, np.nan)
            rows.append(
                (
                    *key,
                    kpi,
                    x.mean() if x.size else np.nan,
                    x.std(ddof=1) if x.size > 1 else np.nan,
                    x.size,
                    lo,
                    hi,
                    blo,
                    bhi,
                )
            )
    cols = [*by, "kpi", "mean", "sd", "n", "ci_lo", "ci_hi", "boot_lo", "boot_hi"]
    return pd.DataFrame(rows, columns=cols)


def estimate(df: pd.DataFrame, kpi: str, by: Sequence[str]) -> pd.DataFrame:
    """Mean and t-interval of one KPI per group, wide: ``by``, mean, sd, n, ci_lo, ci_hi.

    With a ``replication`` column the seed is the unit
    (:func:`tightrope.analysis.replication.seed_estimate`): a group that pools
    several design cells has one observation per seed, duplicates counted once.
    """
    if UNIT in df.columns:
        return seed_estimate(df, kpi, by)
    out = summarise(df, [kpi], by=by, bootstrap=())
    return out.drop(columns=["kpi", "boot_lo", "boot_hi"])
