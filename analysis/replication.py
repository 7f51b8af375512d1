"""The replication (seed) is the unit of inference: per-seed contrasts and duplicate runs.

Under common random numbers replication *r* of every design point runs with
the same seed, so runs that share a seed are not independent observations.
A contrast is therefore computed per seed: within seed *r*, the mean of the
treatment arm's design cells minus the mean of the control arm's cells
(averaging over the cells the claim pools), and the interval is a Student-t
interval over seeds with ``n_seeds − 1`` degrees of freedom, however many
cells each arm has.

A factor that does nothing in one arm (a false-positive rate with the tool
off, a quota under a regime that has none) produces bit-identical runs: the
same seed and the same outputs. :func:`distinct_runs` keeps one copy, so an
inert factor neither multiplies the evidence nor reweights an arm.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from tightrope.analysis.schema import KPIS, require

UNIT = "replication"
"""The column that names the unit: the replication index, one seed per index under CRN."""


def output_columns(df: pd.DataFrame) -> list[str]:
    """The KPI columns present: what a run produced, used to recognise a duplicate."""
    return [k for k in KPIS if k in df.columns]


def duplicate_mask(df: pd.DataFrame, unit: str = UNIT) -> pd.Series:
    """True for a run that repeats an earlier run: same unit (seed) and identical outputs.

    Two runs with the same seed and bit-identical KPIs are one simulation
    whose design cells differ only in parameters the model did not read.
    A derived table without KPI columns has no recognisable duplicates.
    """
    require(df, [unit], "duplicate check")
    outs = output_columns(df)
    if not outs:
        return pd.Series(False, index=df.index)
    key = df[[unit, *outs]].astype(float).round(12)
    return key.duplicated(keep="first")


def distinct_runs(df: pd.DataFrame, unit: str = UNIT) -> pd.DataFrame:
    """The runs with bit-identical duplicates (same unit, same outputs) removed."""
    return df.loc[~duplicate_mask(df, unit)]


def _t(values: np.ndarray, level: float) -> tuple[float, float, float, float]:
    """mean, sd, t-interval and its two-sided p-value against zero, over units."""
    n = values.size
    mean = float(values.mean()) if n else np.nan
    if n < 2:
        return mean, np.nan, np.nan, np.nan
    sd = float(values.std(ddof=1))
    se = sd / np.sqrt(n)
    q = stats.t.ppf(0.5 + level / 2, n - 1)
    if se == 0:
        p = 0.0 if mean != 0 else 1.0
    else:
        p = float(2 * stats.t.sf(abs(mean) / se, n - 1))
    return mean, mean - q * se, mean + q * se, p


@dataclass(frozen=True)
class SeedContrast:
    """Treatment minus control of one KPI with seeds as the unit.

    ``diffs`` holds one difference per seed; ``n`` is the number of seeds and
    the interval has ``n − 1`` degrees of freedom. ``p`` is the two-sided
    p-value of the paired t-test against zero.
    """

    diff: float
    ci_lo: float
    ci_hi: float
    p: float
    n: int
    mean_treatment: float
    mean_control: float
    diffs: np.ndarray
    level: float

    def interval(self, level: float) -> tuple[float, float]:
        """The t-interval over seeds at another level (for multiplicity or equivalence)."""
        _, lo, hi, _ = _t(self.diffs, level)
        return lo, hi


def arm_means(
    df: pd.DataFrame, factor: str, level: object, kpi: str, unit: str = UNIT
) -> pd.Series:
    """Per-unit mean of ``kpi`` over the distinct runs of one arm (``factor == level``)."""
    require(df, [factor, kpi, unit], "arm")
    arm = df.loc[df[factor] == level]
    if arm.empty:
        present = ", ".join(map(str, df[factor].dropna().unique()))
        raise ValueError(f"{factor} has no runs at {level!r}; levels present: {present}")
    arm = distinct_runs(arm, unit)
    return arm.groupby(unit, sort=True)[kpi].mean()


def seed_contrast(
    df: pd.DataFrame,
    factor: str,
    treatment: object,
    control: object,
    kpi: str,
    level: float = 0.95,
    unit: str = UNIT,
) -> SeedContrast:
    """Treatment minus control per seed, averaged over each arm's distinct design cells.

    Raises:
        ValueError: an arm is absent, or the arms share fewer than two seeds.
    """
    t = arm_means(df, factor, treatment, kpi, unit)
    c = arm_means(df, factor, control, kpi, unit)
    both = t.index.intersection(c.index)
    d = (t.loc[both] - c.loc[both]).dropna().to_numpy(dtype=float)
    if d.size < 2:
        raise ValueError(
            f"{factor}={treatment!r} vs {control!r} on {kpi!r}: {d.size} common "
            f"{unit}(s); a contrast needs at least two"
        )
    mean, lo, hi, p = _t(d, level)
    return SeedContrast(
        mean,
        lo,
        hi,
        p,
        int(d.size),
        float(t.loc[both].mean()),
        float(c.loc[both].mean()),
        d,
        level,
    )


def seed_contrast_by(
    df: pd.DataFrame,
    factor: str,
    treatment: object,
    control: object,
    kpi: str,
    moderator: str,
    level: float = 0.95,
    unit: str = UNIT,
) -> list[tuple[object, SeedContrast]]:
    """:func:`seed_contrast` within each level of ``moderator``.

    A moderator that the control arm does not vary (the control runs share
    one value of it, or it is inert there) is compared against the whole
    control arm, so every treatment level gets the same control.
    """
    require(df, [moderator], "moderated contrast")
    t_levels = sorted(df.loc[df[factor] == treatment, moderator].dropna().unique())
    ctrl = df.loc[df[factor] == control]
    ctrl_varies = distinct_runs(ctrl, unit)[moderator].nunique() > 1
    out = []
    for lv in t_levels:
        treated = df.loc[(df[factor] == treatment) & (df[moderator] == lv)]
        control_rows = ctrl.loc[ctrl[moderator] == lv] if ctrl_varies else ctrl
        if control_rows.empty:
            raise ValueError(f"no control runs ({factor}={control!r}) at {moderator}={lv!r}")
        out.append(
            (
                lv,
                seed_contrast(
                    pd.concat([treated, control_rows]),
                    factor,
                    treatment,
                    control,
                    kpi,
                    level,
                    unit,
                ),
            )
        )
    return out


def seed_estimate(
    df: pd.DataFrame, kpi: str, by: Sequence[str], level: float = 0.95, unit: str = UNIT
) -> pd.DataFrame:
    """Mean and t-interval of a KPI per ``by`` group with seeds as the unit.

    Within a group and seed the distinct runs are averaged first, so a group
    pooling several design cells still has one observation per seed.
    Columns: ``by``, ``mean``, ``sd``, ``n`` (seeds), ``ci_lo``, ``ci_hi``.
    """
    by = list(by)
    require(df, [*by, kpi, unit], "estimate")
    per_seed = distinct_runs(df, unit).groupby([*by, unit], sort=True)[kpi].mean().reset_index()
    rows = []
    for key, g in per_seed.groupby(by, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        x = g[kpi].dropna().to_numpy(dtype=float)
        mean, lo, hi, _ = _t(x, level)
        rows.append((*key, mean, x.std(ddof=1) if x.size > 1 else np.nan, x.size, lo, hi))
    return pd.DataFrame(rows, columns=[*by, "mean", "sd", "n", "ci_lo", "ci_hi"])


def duplicate_report(df: pd.DataFrame, unit: str = UNIT) -> dict[str, int]:
    """Runs, distinct runs and seeds of one experiment (for the paper's run counts)."""
    mask = duplicate_mask(df, unit)
    return {"runs": len(df), "distinct": int((~mask).sum()), "seeds": int(df[unit].nunique())}
