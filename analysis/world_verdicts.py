"""Verdicts across plausible worlds: one outcome per world, and the share of each with an interval.

In each kept world a claim's contrasts are re-run with a few paired
replications (common random numbers). The world-level outcome comes from
the project's verdict rule through a small adapter, :func:`classify`: when
:mod:`tightrope.analysis.verdict` offers the four-outcome rule
(``judge``: supported / reversed / no effect / inconclusive, with a minimum
effect per KPI) and a minimum effect is given, it is used as is; otherwise
the interval rule of the current module is split by side: supported (the
95 % interval excludes zero on the predicted side), reversed (on the other
side), no effect (the interval includes zero — no *detectable* effect with
these few replications). Shares across worlds get Wilson score intervals,
which behave at 0 and 100 % where the normal approximation does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from tightrope.analysis import verdict as rule
from tightrope.analysis.aggregate import t_interval

SUPPORTED, REVERSED = "supported", "reversed"
NO_EFFECT, INCONCLUSIVE = "no effect", "inconclusive"
OUTCOMES: tuple[str, ...] = (SUPPORTED, NO_EFFECT, INCONCLUSIVE, REVERSED)
ALPHA = 0.05


def _side(lo: float, hi: float) -> int:
    if np.isnan(lo) or np.isnan(hi):
        return 0
    return 1 if lo > 0 else -1 if hi < 0 else 0


def classify(
    diffs: Sequence[float] | np.ndarray, sign: int, margin: float | None = None, m: int = 1
) -> str:
    """One contrast's outcome in one world from its paired differences.

    Args:
        diffs: treatment-minus-control differences, one per replication.
        sign: +1 if the claim predicts an increase, -1 a decrease.
        margin: minimum effect (KPI units) for the four-outcome rule, if any.
        m: number of contrasts of the claim (Bonferroni share of the rule).
    """
    if sign not in (1, -1):
        raise ValueError(f"sign must be +1 or -1, not {sign!r}")
    d = np.asarray(diffs, dtype=float)
    d = d[~np.isnan(d)]
    judge = getattr(rule, "judge", None)
    if judge is not None and margin is not None:
        if d.size < 2:
            return INCONCLUSIVE
        sd = d.std(ddof=1)
        p = 1.0 if sd == 0 and d.mean() == 0 else stats.ttest_1samp(d, 0.0).pvalue
        p_adj = min(1.0, float(p) * m) if not np.isnan(p) else float("nan")
        eq_lo, eq_hi = t_interval(d, level=1 - 2 * ALPHA / m)
        return str(judge(float(d.mean()), p_adj, eq_lo, eq_hi, sign, margin))
    if d.size >= 2 and d.std(ddof=1) == 0:
        side = int(np.sign(d.mean()))  # noiseless differences: the sign is the evidence
    else:
        side = _side(*t_interval(d))
    return SUPPORTED if side == sign else REVERSED if side == -sign else NO_EFFECT


def combine_world(outcomes: Iterable[str]) -> str:
    """A claim's outcome in one world: supported only when every contrast is.

    Otherwise the first of reversed, no effect, inconclusive that any part has
    (the precedence of the project's rule).
    """
    outcomes = list(outcomes)
    if not outcomes:
        raise ValueError("a claim needs at least one contrast")
    if all(o == SUPPORTED for o in outcomes):
        return SUPPORTED
    for outcome in (REVERSED, NO_EFFECT, INCONCLUSIVE):
        if outcome in outcomes:
            return outcome
    raise ValueError(f"unknown outcomes: {outcomes}")


def wilson(k: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of a proportion k/n (NaN when n = 0)."""
    if n == 0:
        return (float("nan"), float("nan"))
    ci = stats.binomtest(int(k), int(n)).proportion_ci(confidence_level=level, method="wilson")
    return (float(ci.low), float(ci.high))


def shares(outcomes: pd.DataFrame, by: str = "contrast", column: str = "outcome") -> pd.DataFrame:
    """Share of worlds with each outcome per ``by`` level, with Wilson intervals.

    Returns one row per (``by``, outcome) with ``worlds``, ``n``, ``share``,
    ``ci_lo``, ``ci_hi``; outcomes never observed appear with share 0.
    """
    rows = []
    for key, group in outcomes.groupby(by, sort=False):
        n = len(group)
        counts = group[column].value_counts()
        for outcome in OUTCOMES:
            k = int(counts.get(outcome, 0))
            if outcome == INCONCLUSIVE and k == 0:
                continue  # only the four-outcome rule produces it
            lo, hi = wilson(k, n)
            rows.append(
                {by: key, "outcome": outcome, "worlds": k, "n": n, "share": k / n,
                 "ci_lo": lo, "ci_hi": hi}
            )  # fmt: skip
    return pd.DataFrame(rows)


def share_text(row: pd.Series) -> str:
    """``62 % (95 % CI 41-79 %) of 16 worlds`` for reports."""
    return (
        f"{row['share']:.0%} (95 % CI {row['ci_lo']:.0%}–{row['ci_hi']:.0%}) "
        f"of {int(row['n'])} worlds"
    )
