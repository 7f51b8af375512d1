"""Paper sections from the results: regimes, brand harm, arm estimates, parameter sources.

Each function turns one experiment's result table into template values
(``{{name}}`` entries) and, where the paper shows one, a table. They read
results only, never the model.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from tightrope.analysis import figures as fg
from tightrope.analysis.aggregate import estimate
from tightrope.analysis.numbers import estimate_text, number
from tightrope.analysis.replication import distinct_runs
from tightrope.analysis.schema import DESIGN, REGIME, require
from tightrope.analysis.style import kpi_label, regime_label, regime_order
from tightrope.analysis.tables import markdown_table
from tightrope.analysis.template import PaperError

REGIME_KPIS = {
    "attrition": "attrition_annual",
    "harm": "brand_harm_index",
    "revenue": "revenue_genuine",
}
REGIME_KPIS_MORE = {
    "attrition": "attrition_annual",
    "quits": "quits_per_headcount_year",  # beside attrition, as Section 5.3 says
    "harm": "brand_harm_index",
    "revenue": "revenue_genuine",
    "morale": "morale_mean",
    "csat": "csat",
}
ARM_ESTIMATES: tuple[tuple[str, str, str], ...] = (
    ("quota_recognition", REGIME, "revenue_genuine"),
    ("specialised", REGIME, "service_level"),
    ("specialised", REGIME, "csat"),
    ("specialised", REGIME, "abandon_rate"),
    ("specialised", REGIME, "transfers"),
    ("blending", DESIGN, "service_level"),
    ("incentives", REGIME, "brand_harm_index"),
    ("incentives", REGIME, "sales_harmful"),
    ("screenpop", "screenpop.enabled", "morale_mean"),
)
"""(experiment, factor, KPI): per-level means the text cites beside the verdicts,
as ``arm_<experiment>_<level>_<kpi>``."""
SCREENPOP_ARM = "screen-pop"


def param_source(param_table: str, name: str) -> str:
    """The source column of one parameter in the Markdown parameter table."""
    lines = [line for line in param_table.splitlines() if line.startswith("|")]
    if len(lines) < 2:
        raise PaperError(f"a parameter table with a row for {name!r}")
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    for line in lines[2:]:
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if cells and cells[0] == name and "source" in header:
            return cells[header.index("source")]
    raise PaperError(f"the parameter table's row for {name!r}")


def param_default(param_table: str, name: str) -> str | None:
    """The default column of one parameter in the Markdown table, or None if it has no row."""
    lines = [line for line in param_table.splitlines() if line.startswith("|")]
    if len(lines) < 2:
        return None
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    if "default" not in header:
        return None
    for line in lines[2:]:
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if cells and cells[0] == name:
            return cells[header.index("default")]
    return None


CSAT_TERMS: tuple[tuple[str, str], ...] = (
    ("base", "an unresolved call from a furious caller scores"),
    ("resolved", "resolution adds"),
    ("calm", "calm adds up to"),
    ("met_need", "a sale that meets a genuine need adds"),
    ("failed_pitch", "a failed pitch costs"),
    ("failed_angry_pitch", "a failed pitch to an angry caller costs"),
    ("unwanted_sale", "a pushed sale costs"),
)
"""The CSAT proxy's service-call weights (``csat.*``) as the paper states them."""


def csat_context(param_table: str) -> dict[str, str]:
    """The CSAT-scoring sentences, generated from the ``csat.*`` parameters.

    ``csat_scoring`` states the weights with their names; ``csat_selling``
    says whether a well-aimed sale gains less than a failed pitch or pushed
    sale costs (so selling raises CSAT only where pitches are well aimed).
    Without ``csat.*`` rows (a parameter table from before they existed) the
    sentences name no numbers rather than stale ones.
    """
    weights = {}
    for key, _ in CSAT_TERMS:
        value = param_default(param_table, f"csat.{key}")
        try:
            weights[key] = float(value) if value is not None else None
        except ValueError:
            weights[key] = None
    if any(v is None for v in weights.values()):
        return {
            "csat_scoring": "on a service call the CSAT proxy rises with resolution and falls "
            "with anger; a sale that meets a genuine need adds to it, while a failed pitch or "
            "a pushed sale costs",
            "csat_selling": "whether selling raises satisfaction depends on how well pitches "
            "are aimed",
        }
    terms = "; ".join(f"{text} {weights[key]:g} (`csat.{key}`)" for key, text in CSAT_TERMS)
    gain, cost = weights["met_need"], min(weights["failed_pitch"], weights["unwanted_sale"])
    if gain < cost:
        selling = (
            "a sale to a genuine need gains less than a failed pitch or a pushed sale "
            "costs, so selling raises satisfaction only where pitches are well aimed"
        )
    else:
        selling = (
            "a sale to a genuine need gains at least as much as a failed pitch or a "
            "pushed sale costs, so even loosely aimed selling need not lower satisfaction"
        )
    return {"csat_scoring": f"on a service call, {terms}", "csat_selling": selling}


COUPLING = ("skills.coupling_service_erodes_sales", "skills.coupling_sales_erodes_service")


def coupling_context(param_table: str) -> dict[str, str]:
    """Whether the skill coupling Lemaire describes is on by default, from its parameters."""
    values = [param_default(param_table, name) for name in COUPLING]
    named = " and ".join(f"`{name}`" for name in COUPLING)
    if any(v is None for v in values):
        return {"coupling_default": f"set by {named}"}
    if all(float(v) == 0.0 for v in values):  # type: ignore[arg-type]
        return {"coupling_default": f"off by default ({named} are 0)"}
    shown = ", ".join(f"`{n}` = {v}" for n, v in zip(COUPLING, values, strict=True))
    return {"coupling_default": f"on by default ({shown})"}


def regime_context(df: pd.DataFrame) -> tuple[dict[str, str], pd.DataFrame]:
    """Per-regime estimates (``regime_<name>_<kpi>``), the frontier and the summary table."""
    require(df, [REGIME, *REGIME_KPIS_MORE.values()], "regimes experiment")
    ctx: dict[str, str] = {}
    est = {k: estimate(df, kpi, [REGIME]).set_index(REGIME) for k, kpi in REGIME_KPIS_MORE.items()}
    levels = regime_order(df[REGIME].dropna().unique())
    rows = []
    for r in levels:
        row = {"regime": regime_label(r)}
        for k, kpi in REGIME_KPIS_MORE.items():
            e = est[k].loc[r]
            text = estimate_text(e["mean"], e["ci_lo"], e["ci_hi"], kpi)
            ctx[f"regime_{r}_{k}"] = text
            row[kpi_label(kpi)] = text
        rows.append(row)
    x = est["attrition"].loc[levels, "mean"].to_numpy()
    y = est["harm"].loc[levels, "mean"].to_numpy()
    front = fg._pareto(x, y)
    ctx["frontier_regimes"] = ", ".join(regime_label(levels[i]) for i in front)
    best_rev = est["revenue"].loc[levels, "mean"].idxmax()
    ctx["top_revenue_regime"] = regime_label(str(best_rev))
    rev = est["revenue"].loc[levels]
    overlap = [
        regime_label(str(r))
        for r in levels
        if r != best_rev and rev.loc[r, "ci_hi"] >= rev.loc[best_rev, "ci_lo"]
    ]
    ctx["top_revenue_note"] = (
        ""
        if not overlap
        else " on the means, though its interval overlaps "
        + (f"that of {overlap[0]}" if len(overlap) == 1 else f"those of {', '.join(overlap)}")
    )
    alone = len(front) == 1 and levels[front[0]] == best_rev
    ctx["tradeoff_lead"] = (
        f"On these means one regime, {regime_label(str(best_rev))}, is best on every axis."
        if alone
        else "No regime is best on every axis."
    )
    ctx["regimes_list"] = ", ".join(regime_label(r) for r in levels)
    return ctx, pd.DataFrame(rows)


HARM_COMPONENTS: tuple[tuple[str, str, str], ...] = (
    ("harm_harmful_sales", "brand.weight_harmful_sale", "harmful sales"),
    ("harm_angry_pitches", "brand.weight_angry_pitch", "pitches to angry callers"),
    ("harm_abandonment", "brand.weight_abandonment", "abandoned calls"),
    ("harm_unresolved", "brand.weight_unresolved", "unresolved service calls"),
)
"""Brand-harm index components (events per 1,000 calls) and the parameters weighting them."""


def harm_context(df: pd.DataFrame) -> dict[str, str]:
    """The brand-harm index's weights (read from the runs) and its components per regime.

    Each cell shows a component's rate per 1,000 calls and, in brackets, its
    weighted share of the index, so a reader sees what the index measures.
    """
    cols = [c for c, _, _ in HARM_COMPONENTS] + [w for _, w, _ in HARM_COMPONENTS]
    require(df, [REGIME, "brand_harm_index", *cols], "regimes experiment (brand harm)")
    weights = {w: float(df[w].iloc[0]) for _, w, _ in HARM_COMPONENTS}
    if any(df[w].nunique() > 1 for w in weights):
        raise PaperError("one set of brand-harm weights across the regimes sweep")
    rows = []
    for r in regime_order(df[REGIME].dropna().unique()):
        sub = df[df[REGIME] == r]
        index = float(sub["brand_harm_index"].mean())
        row = {"regime": regime_label(r), "index": number(index)}
        for comp, w, label in HARM_COMPONENTS:
            rate = float(sub[comp].mean())
            share = weights[w] * rate / index if index else float("nan")
            row[label] = f"{number(rate)} ({100 * share:.0f} %)" if index else number(rate)
        rows.append(row)
    weight_text = ", ".join(f"{label} × {weights[w]:g} (`{w}`)" for _, w, label in HARM_COMPONENTS)
    return {"harm_weights": weight_text, "harm_table": markdown_table(pd.DataFrame(rows))}


def arm_context(results: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    """Mean and CI of a KPI per level of a factor (:data:`ARM_ESTIMATES`), pooled over the rest."""
    ctx = {}
    for exp, factor, kpi in ARM_ESTIMATES:
        df = results[exp]
        require(df, [factor, kpi], f"experiment {exp!r}")
        for _, e in estimate(df, kpi, [factor]).iterrows():
            level = e[factor]
            name = ("on" if level else "off") if isinstance(level, bool | np.bool_) else level
            ctx[f"arm_{exp}_{name}_{kpi}"] = estimate_text(e["mean"], e["ci_lo"], e["ci_hi"], kpi)
    return ctx


def screenpop_arms(df: pd.DataFrame) -> pd.DataFrame:
    """Screen-pop runs with one ``screen-pop`` arm column: tool off, or on at each hit rate.

    The rates do nothing when the tool is off, so its distinct runs (one per
    seed) are drawn as a flat reference line across the tool-on arm's
    false-positive rates.
    """
    hit, fp = "screenpop.hit_rate", "screenpop.false_positive_rate"
    require(df, ["screenpop.enabled", hit, fp], "screen-pop results")
    on = df["screenpop.enabled"].astype(bool)
    tool_on = df[on].copy()
    tool_on[SCREENPOP_ARM] = [f"Hit rate {h:g}" for h in tool_on[hit]]
    off = distinct_runs(df[~on])
    copies = [off.assign(**{fp: x}) for x in sorted(tool_on[fp].unique())] or [off]
    tool_off = pd.concat(copies, ignore_index=True)
    tool_off[SCREENPOP_ARM] = "Tool off"
    return pd.concat([tool_on, tool_off], ignore_index=True)


LEVEL_LISTS: tuple[tuple[str, str, str | None, str], ...] = (
    ("quota_recognition", "regime.quota_stretch", "mandatory_upsell", "qr_quota"),
    (
        "quota_recognition",
        "regime.recognition_strength",
        "discretionary_rewards",
        "qr_recognition",
    ),
    ("specialised", "hiring.sales_oriented_share", None, "specialised_share"),
    ("blending", "warmup.rate_mean", None, "blending_rate"),
    ("blending", "warmup.switch_cost", None, "blending_switch"),
    ("incentives", "hiring.policy", None, "incentives_hiring"),
    ("screenpop", "screenpop.hit_rate", None, "screenpop_hit"),
    ("screenpop", "screenpop.false_positive_rate", None, "screenpop_fp"),
    ("seed002_factorial", "regime.quota_stretch", None, "factorial_quota"),
)
"""(experiment, factor, regime or None, name): the levels a design used, as ``levels_<name>``,
so the text never states a grid the experiment file no longer has."""


def level_context(results: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    """The swept levels of each :data:`LEVEL_LISTS` factor, in words ("0, 0.5 and 1")."""
    ctx = {}
    for exp, factor, regime, name in LEVEL_LISTS:
        df = results[exp]
        require(df, [factor], f"experiment {exp!r}")
        if regime is not None and REGIME in df:
            df = df[df[REGIME] == regime]
        if "screenpop.enabled" in df and factor.startswith("screenpop."):
            df = df[df["screenpop.enabled"].astype(bool)]
        values = sorted(df[factor].dropna().unique())
        words = [
            f"{v:g}" if isinstance(v, float | int) else str(v).replace("_", " ") for v in values
        ]
        ctx[f"levels_{name}"] = (
            words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
        )
    return ctx


FIXED_SHARES: tuple[tuple[str, str, str], ...] = (
    ("blending", "org.sales_team_share", "blending_sales_team_pct"),
)
"""(experiment, parameter, name): a share an experiment holds fixed, as ``name`` ("10 %")."""


def fixed_share_context(results: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    """Each :data:`FIXED_SHARES` value read from the runs, so the text states the design's."""
    ctx = {}
    for exp, param, name in FIXED_SHARES:
        df = results[exp]
        require(df, [param], f"experiment {exp!r}")
        values = df[param].dropna().unique()
        if len(values) != 1:
            raise PaperError(f"one value of {param} in experiment {exp!r}, not {len(values)}")
        ctx[name] = f"{100 * float(values[0]):g} %"
    return ctx


def _arm_mean(df: pd.DataFrame, factor: str, level: object, kpi: str) -> float:
    require(df, [factor, kpi], "arm mean")
    arm = distinct_runs(df[df[factor] == level])
    if arm.empty:
        raise PaperError(f"runs with {factor} = {level!r}")
    return float(arm[kpi].mean())


def direction_context(results: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    """Sentence leads whose direction follows the results, so the text cannot contradict them.

    ``specialised_queue_lead``: whether the specialised centre's service level is
    below the blended pool's; ``commission_harm_lead``: whether commission has more
    harmful sales than recognition.
    """
    spec = results["specialised"]
    sl_spec = _arm_mean(spec, REGIME, "specialised", "service_level")
    sl_blend = _arm_mean(spec, REGIME, "discretionary_rewards", "service_level")
    inc = results["incentives"]
    harm_comm = _arm_mean(inc, REGIME, "commission", "sales_harmful")
    harm_rec = _arm_mean(inc, REGIME, "discretionary_rewards", "sales_harmful")
    return {
        "specialised_queue_lead": (
            "The specialised centre pays for its sales team with the service queue"
            if sl_spec < sl_blend
            else "The specialised centre's service queue does not pay for its sales team"
        ),
        "commission_harm_lead": (
            "Commission also pays for pushed sales"
            if harm_comm > harm_rec
            else "Commission does not pay for more pushed sales here"
        ),
    }
