"""The management levers as labelled explorations: each lever against its comparison arm.

The levers sweep is a list of points, one lever switched on at a time under
each of two regimes. :func:`lever_arms` names each run's arm from the
parameter columns (no model import: the arms are read off the results), and
:func:`lever_table` judges each declared contrast with the claims' rule
(:mod:`tightrope.analysis.verdict`), Holm-adjusted over the table. The
predicted signs are the seeds' arguments; with few replications these are
explorations, and the paper labels them so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from tightrope.analysis.claims import MIN_EFFECTS
from tightrope.analysis.numbers import difference_text
from tightrope.analysis.replication import seed_contrast
from tightrope.analysis.schema import REGIME, require
from tightrope.analysis.style import kpi_label, regime_label
from tightrope.analysis.verdict import ALPHA, holm, judge

ARM = "lever"
Rule = Callable[[pd.Series], bool]


def _on(col: str) -> Rule:
    return lambda r: col in r and bool(r[col]) and r[col] == r[col]


def _prepared(r: pd.Series) -> bool:
    return _on("transition.day")(r) and _on("transition.prepared_managers")(r)


ARMS: tuple[tuple[str, Rule], ...] = (
    ("transition, prepared managers", _prepared),
    ("transition, unprepared managers", _on("transition.day")),
    ("cold calls", _on("coldcalls.enabled")),
    ("outbound dialling", _on("blending.outbound")),
    ("coaching", _on("coaching.supervisor_ratio")),
    ("quality monitoring", _on("monitoring.review_share")),
    ("scoreboard", _on("scoreboard.enabled")),
    ("morale contagion", _on("contagion.rate")),
    ("call avoidance", _on("avoidance.max_probability")),
)
"""First match wins, so the more specific arm comes first (cold calls also dial out)."""
BASELINE = "no lever"


@dataclass(frozen=True)
class LeverContrast:
    """A lever arm against its comparison arm, with the sign its seed argues for."""

    lever: str
    control: str
    kpi: str
    sign: int
    seed: str


LEVER_CONTRASTS: tuple[LeverContrast, ...] = (
    LeverContrast("coaching", BASELINE, "revenue_genuine", 1, "003, 004"),
    LeverContrast("coaching", BASELINE, "morale_mean", 1, "003, 004"),
    LeverContrast(
        "transition, prepared managers",
        "transition, unprepared managers",
        "attrition_annual",
        -1,
        "003",
    ),
    LeverContrast("cold calls", "outbound dialling", "brand_harm_index", 1, "001"),
    LeverContrast("cold calls", "outbound dialling", "morale_mean", -1, "001"),
    LeverContrast("scoreboard", BASELINE, "attrition_annual", 1, "001"),
    LeverContrast("morale contagion", BASELINE, "attrition_annual", 1, "002"),
    LeverContrast("quality monitoring", BASELINE, "sales_harmful", -1, "002"),
    LeverContrast("quality monitoring", BASELINE, "attrition_annual", 1, "002"),
    LeverContrast("call avoidance", BASELINE, "service_level", -1, "002"),
)
LEVER_PARAMETERS: tuple[str, ...] = (
    "coaching.supervisor_ratio",
    "transition.day",
    "transition.prepared_managers",
    "coldcalls.enabled",
    "blending.outbound",
    "scoreboard.enabled",
    "contagion.rate",
    "monitoring.review_share",
    "avoidance.max_probability",
)
"""Parameters the arms are read from (the template test checks they exist)."""


def lever_arms(runs: pd.DataFrame) -> pd.Series:
    """The arm of each run: the first lever of :data:`ARMS` that is on, else the baseline."""
    arms = []
    for _, r in runs.iterrows():
        arms.append(next((name for name, rule in ARMS if rule(r)), BASELINE))
    return pd.Series(arms, index=runs.index, name=ARM)


def lever_table(runs: pd.DataFrame) -> pd.DataFrame:
    """Every declared lever contrast under every regime present, judged by the claims' rule."""
    require(runs, [REGIME, "replication"], "levers results")
    df = runs.assign(**{ARM: lever_arms(runs)})
    rows, stats = [], []
    for c in LEVER_CONTRASTS:
        for regime in sorted(df[REGIME].unique()):
            sub = df[(df[REGIME] == regime) & df[ARM].isin([c.lever, c.control])]
            if c.kpi not in sub or sub[ARM].nunique() < 2:
                continue
            sc = seed_contrast(sub, ARM, c.lever, c.control, c.kpi)
            if sc.mean_control == 0 and sc.mean_treatment == 0:
                continue  # the KPI does not occur under this regime (no sales in service only)
            stats.append((c, regime, sc))
    if not stats:
        raise ValueError("levers results contain no declared lever contrast")
    p_adj = holm([sc.p for _, _, sc in stats])
    m = len(stats)
    for (c, regime, sc), p in zip(stats, p_adj, strict=True):
        margin = MIN_EFFECTS[c.kpi].margin(sc.mean_control) or MIN_EFFECTS[c.kpi].margin(
            sc.mean_treatment
        )
        eq_lo, eq_hi = sc.interval(1 - 2 * ALPHA / m)
        rows.append(
            {
                "lever": f"{c.lever} − {c.control}",
                "regime": regime_label(regime),
                "KPI": kpi_label(c.kpi),
                "seed argues": "increase" if c.sign > 0 else "decrease",
                "difference (95 % CI)": difference_text(sc.diff, sc.ci_lo, sc.ci_hi, c.kpi),
                "seeds": sc.n,
                "verdict": judge(sc.diff, p, eq_lo, eq_hi, c.sign, margin),
            }
        )
    return pd.DataFrame(rows)
