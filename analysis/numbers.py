"""How numbers read in the paper: units, precision and intervals, per KPI.

Fractions people know as percentages (attrition, service level) are shown
in percent and their differences in percentage points; everything else
with three significant figures. One place, so text and tables agree.
"""

from __future__ import annotations

import math

from tightrope.model.kpi_registry import KPIS

PERCENT = frozenset(
    {
        "attrition_annual",
        "quits_per_headcount_year",
        "service_level",
        "abandon_rate",
        "fcr",
        "resolution_rate",
        "occupancy",
    }
)


def decimals(*values: float) -> int:
    """Decimals giving about three significant figures to the largest of ``values``."""
    finite = [abs(v) for v in values if v is not None and math.isfinite(v) and v != 0]
    if not finite:
        return 0
    return max(0, 2 - int(math.floor(math.log10(max(finite)))))


def number(x: float, kpi: str = "", signed: bool = False, digits: int | None = None) -> str:
    """One value as text in the KPI's unit (percent for fractions known as such)."""
    if x is None or not math.isfinite(x):
        return "n/a"
    sign = "+" if signed else ""
    if kpi in PERCENT:
        return f"{100 * x:{sign}.1f}"
    digits = decimals(x) if digits is None else digits
    return f"{x:{sign},.{digits}f}"


def unit(kpi: str, difference: bool = False) -> str:
    """The unit suffix of a KPI: ``%`` for levels, `` pp`` for differences of percentages."""
    if kpi in PERCENT:
        return " pp" if difference else " %"
    return ""


def possible_interval(lo: float, hi: float, kpi: str = "") -> tuple[float, float]:
    """A level's interval cut at the KPI's possible values (a share within [0, 1]).

    A t-interval over a few runs can reach past what a run can produce (an
    attrition above 100 %, a negative harm rate); the part beyond is impossible.
    """
    low, high = KPIS[kpi].possible if kpi in KPIS else (-math.inf, math.inf)
    return max(lo, low), min(hi, high)


def estimate_text(mean: float, lo: float, hi: float, kpi: str = "") -> str:
    """A level with its interval: ``31.2 % (95 % CI 29.8 to 32.6)``, cut at possible values."""
    lo, hi = possible_interval(lo, hi, kpi)
    u, d = unit(kpi), decimals(mean, lo, hi)
    m, a, b = (number(v, kpi, digits=d) for v in (mean, lo, hi))
    return f"{m}{u} (95 % CI {a} to {b})"


def difference_text(diff: float, lo: float, hi: float, kpi: str = "") -> str:
    """A signed difference with its interval: ``+4.1 pp (95 % CI +3.2 to +5.0)``."""
    u, d = unit(kpi, difference=True), decimals(diff, lo, hi)
    return (
        f"{number(diff, kpi, True, d)}{u} "
        f"(95 % CI {number(lo, kpi, True, d)} to {number(hi, kpi, True, d)})"
    )
