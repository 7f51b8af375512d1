"""The verdict rule: what a per-seed contrast lets the paper claim.

Stated once (:data:`RULE_TEXT`, printed in the paper) and applied everywhere.
For one contrast with predicted sign *s*, minimum effect δ (declared per KPI
in :mod:`tightrope.analysis.claims` before any result is read), Holm-adjusted
p-value *p* of the paired t-test over seeds, and the equivalence interval
(the 1 − 2α/m t-interval, i.e. TOST at level α with a Bonferroni share for
the claim's m contrasts):

* **supported** — *p* < α, the difference has sign *s* and |difference| ≥ δ;
* **reversed** — *p* < α, the difference has sign −*s* and |difference| ≥ δ;
* **no effect** — otherwise, the equivalence interval lies inside (−δ, +δ);
* **inconclusive** — none of these: the data neither show an effect of at
  least δ nor rule one out (more replications would be needed);
* **depends on X** — replaces the above when, across the levels of a
  moderator X (each level judged by the same rule, Holm-adjusted over the
  levels), at least one level is supported and another reversed.

A claim is supported only when every part is; otherwise it takes the first
of reversed, depends, no effect, inconclusive that any part has.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np

ALPHA = 0.05
SUPPORTED = "supported"
REVERSED = "reversed"
NO_EFFECT = "no effect"
INCONCLUSIVE = "inconclusive"
DEPENDS = "depends on"
OUTCOMES: tuple[str, ...] = (SUPPORTED, REVERSED, NO_EFFECT, INCONCLUSIVE, DEPENDS)
_PRECEDENCE: tuple[str, ...] = (REVERSED, DEPENDS, NO_EFFECT, INCONCLUSIVE)

RULE_TEXT = (
    "Each contrast is a treatment-minus-control difference computed within each "
    "replication (seed) and averaged over the design cells the claim pools, so the "
    "replication is the unit and the interval has *n* − 1 degrees of freedom for *n* "
    "seeds. Each KPI has a minimum effect δ, declared with the claim before the "
    "results were read. Within a claim, the two-sided p-values of the paired t-tests "
    f"are Holm-adjusted. A contrast is **supported** when its adjusted p < {ALPHA:g}, it has "
    "the predicted sign and its size is at least δ; **reversed** when the same holds "
    "with the opposite sign; **no effect** when, failing both, its equivalence "
    f"interval (the 1 − 2α/m t-interval over seeds, a TOST at α = {ALPHA:g} with a "
    "Bonferroni share for the claim's *m* contrasts) lies inside ±δ; and "
    "**inconclusive** otherwise. It **depends on X** when, across the levels of a "
    "moderator X (each judged by the same rule, Holm-adjusted over the levels), one "
    "level is supported and another reversed. A claim is supported only when every "
    "part is; otherwise it takes the first of reversed, depends on X, no effect and "
    "inconclusive that any part has."
)


def holm(pvalues: Sequence[float]) -> np.ndarray:
    """Holm step-down adjusted p-values (NaN stays NaN and counts towards m)."""
    p = np.asarray(pvalues, dtype=float)
    m = p.size
    order = np.argsort(np.where(np.isnan(p), np.inf, p), kind="stable")
    adj = np.full(m, np.nan)
    running = 0.0
    for rank, i in enumerate(order):
        if np.isnan(p[i]):
            continue
        running = max(running, min(1.0, (m - rank) * p[i]))
        adj[i] = running
    return adj


def judge(diff: float, p_adj: float, eq_lo: float, eq_hi: float, sign: int, margin: float) -> str:
    """One contrast's outcome (without moderator): see the module docstring.

    Args:
        diff: treatment-minus-control mean difference over seeds.
        p_adj: Holm-adjusted two-sided p-value.
        eq_lo: lower end of the equivalence interval.
        eq_hi: upper end of the equivalence interval.
        sign: +1 if the claim predicts an increase, -1 a decrease.
        margin: minimum effect δ (> 0), in the KPI's unit.
    """
    if sign not in (1, -1):
        raise ValueError(f"sign must be +1 or -1, not {sign!r}")
    if not margin > 0:
        raise ValueError(f"minimum effect must be > 0, not {margin!r}")
    if any(math.isnan(v) for v in (diff, p_adj)):
        return INCONCLUSIVE
    if p_adj < ALPHA and abs(diff) >= margin:
        return SUPPORTED if diff * sign > 0 else REVERSED
    if -margin < eq_lo and eq_hi < margin:
        return NO_EFFECT
    return INCONCLUSIVE


def moderated(level_outcomes: Iterable[str], pooled: str, factor: str) -> str:
    """``depends on <factor>`` if one level is supported and another reversed, else ``pooled``."""
    outcomes = set(level_outcomes)
    if {SUPPORTED, REVERSED} <= outcomes:
        return f"{DEPENDS} {factor}"
    return pooled


def combine(verdicts: Iterable[str]) -> str:
    """A claim's verdict from its parts' verdicts (see the module docstring)."""
    verdicts = list(verdicts)
    if not verdicts:
        raise ValueError("a claim needs at least one contrast")
    if all(v == SUPPORTED for v in verdicts):
        return SUPPORTED
    for outcome in _PRECEDENCE:
        hits = [v for v in verdicts if v.startswith(outcome)]
        if hits:
            if outcome == DEPENDS:
                factors = list(dict.fromkeys(v[len(DEPENDS) + 1 :] for v in hits))
                return f"{DEPENDS} {' and '.join(factors)}"
            return outcome
    raise ValueError(f"unknown verdicts: {verdicts}")


def family(verdict: str) -> str:
    """The outcome a verdict string belongs to (``depends on X`` -> ``depends on``)."""
    return DEPENDS if verdict.startswith(DEPENDS) else verdict
