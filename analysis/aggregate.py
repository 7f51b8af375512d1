"""Replications -> estimates: means with 95 % intervals, and paired regime contrasts.

Every KPI is summarised per design point with a t-interval; KPIs whose
replication distribution is skewed (rare-event counts, see
:data:`tightrope.analysis.schema.SKEWED_KPIS`) also get a percentile bootstrap interval
from a fixed-seed generator, so tables are reproducible byte for byte.
Regime contrasts pair runs on the replication index: under common random
numbers the same index means the same seed, so pairing removes the shared
noise and the interval on the differences is much tighter than two separate
intervals would suggest.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy import stats

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


def _match_columns(df: pd.DataFrame, factor: str, treatment: object, control: object) -> list[str]:
    """Design columns crossed with the factor: same set of values under both levels.

    Columns whose values differ between the two levels belong to the
    treatment's definition (a quota set only under one regime, say) and so
    cannot be matched on.
    """
    t, c = df[df[factor] == treatment], df[df[factor] == control]
    keep = []
    for col in design_columns(df):
        if col == factor:
            continue
        if set(t[col].dropna().unique()) == set(c[col].dropna().unique()):
            keep.append(col)
    return keep


def paired_differences(
    df: pd.DataFrame,
    factor: str,
    treatment: object,
    control: object,
    kpis: Iterable[str] | None = None,
    by: Sequence[str] = (),
    pair_on: str = "replication",
) -> pd.DataFrame:
    """Treatment minus control per KPI, paired on replication within matched design points.

    Runs are paired when they share ``pair_on`` and every other design
    column crossed with ``factor``; the differences are then pooled within
    each level of ``by`` (pooling over the remaining design columns averages
    the contrast over them, and its interval includes their heterogeneity,
    which makes it conservative).

    Returns:
        One row per (``by`` level, KPI): ``kpi``, ``treatment``, ``control``,
        ``mean_treatment``, ``mean_control``, ``diff``, ``sd``, ``n``,
        ``ci_lo``, ``ci_hi``.

    Raises:
        MissingColumnError: a named column is absent.
        ValueError: a level is absent, pairing is ambiguous, or no pairs match.
    """
    kpis = _kpis(df, kpis)
    by = list(by)
    require(df, [factor, pair_on, *by])
    for level in (treatment, control):
        if not (df[factor] == level).any():
            levels = ", ".join(map(str, df[factor].dropna().unique()))
            raise ValueError(f"{factor} has no runs at {level!r}; levels present: {levels}")
    match = _match_columns(df, factor, treatment, control)
    missing_by = [b for b in by if b not in match]
    if missing_by:
        raise ValueError(f"cannot pair within {missing_by}: not crossed with {factor}")
    keys = [*match, pair_on]
    sub = df[df[factor].isin([treatment, control])].set_index([*keys, factor])
    if sub.index.duplicated().any():
        raise ValueError(
            f"pairing {factor}={treatment!r} vs {control!r} on {keys} is ambiguous: several "
            "runs share a key; filter the table or vary fewer columns"
        )
    rows = []
    for kpi in kpis:
        # reindex, not [[...]]: boolean levels (a tool on/off) would be read as a mask
        wide = sub[kpi].unstack(factor).reindex(columns=[treatment, control])
        wide = wide.dropna().reset_index()
        if wide.empty:
            raise ValueError(f"no paired runs for {factor}={treatment!r} vs {control!r} on {keys}")
        wide["_d"] = wide[treatment] - wide[control]
        groups = wide.groupby(by, sort=True) if by else [((), wide)]
        for key, g in groups:
            key = key if isinstance(key, tuple) else (key,)
            d = g["_d"].to_numpy(dtype=float)
            lo, hi = t_interval(d)
            rows.append(
                (
                    *key,
                    kpi,
                    treatment,
                    control,
                    g[treatment].mean(),
                    g[control].mean(),
                    d.mean(),
                    d.std(ddof=1) if d.size > 1 else np.nan,
                    d.size,
                    lo,
                    hi,
                )
            )
    cols = [*by, "kpi", "treatment", "control", "mean_treatment", "mean_control"]
    return pd.DataFrame(rows, columns=[*cols, "diff", "sd", "n", "ci_lo", "ci_hi"])


def estimate(df: pd.DataFrame, kpi: str, by: Sequence[str]) -> pd.DataFrame:
    """Mean and t-interval of one KPI per group, wide: ``by``, mean, ci_lo, ci_hi, n."""
    out = summarise(df, [kpi], by=by, bootstrap=())
    return out.drop(columns=["kpi", "boot_lo", "boot_hi"])
