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
from tightrope.analysis.replication import distinct_runs, seed_contrast
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


def inert(sub: pd.DataFrame, control: str) -> bool:
    """Whether the lever's runs repeat its comparison arm's run for run (same seed, outputs).

    Such a lever cannot act under the regime (a sales scoreboard where nobody
    sells): its "difference" is zero by construction, not a finding.
    """
    return len(distinct_runs(sub)) == int((sub[ARM] == control).sum())


def lever_table(runs: pd.DataFrame) -> pd.DataFrame:
    """Every declared lever contrast under every regime present, judged by the claims' rule.

    A lever whose runs repeat its comparison arm's (:func:`inert`) is left out
    of the table and the Holm family; ``attrs["inert"]`` lists those
    (lever, regime label) pairs for the text.
    """
    require(runs, [REGIME, "replication"], "levers results")
    df = runs.assign(**{ARM: lever_arms(runs)})
    rows, stats, not_acting = [], [], []
    for c in LEVER_CONTRASTS:
        for regime in sorted(df[REGIME].unique()):
            sub = df[(df[REGIME] == regime) & df[ARM].isin([c.lever, c.control])]
            if c.kpi not in sub or sub[ARM].nunique() < 2:
                continue
            if inert(sub, c.control):
                pair = (c.lever, regime_label(regime))
                if pair not in not_acting:
                    not_acting.append(pair)
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
    table = pd.DataFrame(rows)
    table.attrs["inert"] = not_acting
    return table


def inert_text(table: pd.DataFrame) -> str:
    """A sentence naming the levers left out because they cannot act (empty if none)."""
    pairs = table.attrs.get("inert", [])
    if not pairs:
        return ""
    named = [f"{lever} under {regime.lower()}" for lever, regime in pairs]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return (
        f" So are levers that cannot act under a regime, whose runs repeat the comparison "
        f"arm's run for run ({listed}): their difference is zero by construction, not a "
        "finding."
    )
