"""The verdict rule: what a paired difference with its 95 % CI lets the paper claim.

Stated once, applied everywhere:

* **depends on X** — across the levels of a factor X, at least one level's
  interval lies wholly above zero and another's wholly below: the sign of the
  effect flips with X, and the data show it on both sides.
* **supported** — otherwise, if the pooled difference has the sign the claim
  predicts and its interval excludes zero.
* **not supported** — everything else: an interval that includes zero
  (no detectable effect) or one that excludes zero on the wrong side.

A claim made of several contrasts is supported only when every contrast is;
it depends on X when any contrast does; otherwise it is not supported.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

SUPPORTED = "supported"
NOT_SUPPORTED = "not supported"
DEPENDS = "depends on"


def excludes_zero(lo: float, hi: float) -> int:
    """+1 if the interval lies above zero, -1 if below, 0 if it includes zero or is undefined."""
    if math.isnan(lo) or math.isnan(hi):
        return 0
    return 1 if lo > 0 else -1 if hi < 0 else 0


def verdict(
    diff: float,
    lo: float,
    hi: float,
    sign: int,
    levels: pd.DataFrame | None = None,
    factor: str | None = None,
) -> str:
    """Apply the rule to one contrast.

    Args:
        diff: pooled treatment-minus-control difference (kept for the record;
            the rule uses only the interval).
        lo: lower bound of its 95 % CI.
        hi: upper bound of its 95 % CI.
        sign: +1 if the claim predicts an increase, -1 a decrease.
        levels: per-level differences with ``ci_lo``/``ci_hi`` columns, one row
            per level of ``factor`` (optional).
        factor: name of the factor the levels belong to.
    """
    if sign not in (1, -1):
        raise ValueError(f"sign must be +1 or -1, not {sign!r}")
    if levels is not None and len(levels):
        if factor is None:
            raise ValueError("per-level differences need the factor's name")
        sides = {
            excludes_zero(lo_, hi_)
            for lo_, hi_ in zip(levels["ci_lo"], levels["ci_hi"], strict=True)
        }
        if {1, -1} <= sides:
            return f"{DEPENDS} {factor}"
    return SUPPORTED if excludes_zero(lo, hi) == sign else NOT_SUPPORTED


def combine(verdicts: Iterable[str]) -> str:
    """A claim's verdict from its contrasts' verdicts (see the module docstring)."""
    verdicts = list(verdicts)
    if not verdicts:
        raise ValueError("a claim needs at least one contrast")
    if all(v == SUPPORTED for v in verdicts):
        return SUPPORTED
    depends = [v for v in verdicts if v.startswith(DEPENDS)]
    if depends:
        factors = list(dict.fromkeys(v[len(DEPENDS) + 1 :] for v in depends))
        return f"{DEPENDS} {' and '.join(factors)}"
    return NOT_SUPPORTED
