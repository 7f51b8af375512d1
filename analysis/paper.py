"""Build ``paper.md`` from result tables: figures, tables, numbers, verdicts.

:func:`build_paper` is the only entry point. It reads the experiments'
result tables (never the model), draws every figure, writes every table,
builds the context of numbers and verdicts, and renders
``paper/template.md``. Any number the template asks for that the results
cannot give raises :class:`~tightrope.analysis.template.PaperError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from tightrope.analysis import figures as fg
from tightrope.analysis import figures_diagnostics as fd
from tightrope.analysis.aggregate import estimate
from tightrope.analysis.claim_eval import claim_context, contrast_plot_table
from tightrope.analysis.claims import CLAIMS, MIN_EFFECTS
from tightrope.analysis.levers import lever_table
from tightrope.analysis.numbers import estimate_text, number
from tightrope.analysis.replication import distinct_runs, duplicate_report, output_columns
from tightrope.analysis.schema import DESIGN, REGIME, MissingColumnError, require
from tightrope.analysis.sensitivity import SOBOL_KPIS, sobol_indices
from tightrope.analysis.steady import DRIFT_TOLERANCE, check_steady, steady_table
from tightrope.analysis.style import kpi_label, regime_label, regime_order
from tightrope.analysis.tables import markdown_table, write_table
from tightrope.analysis.template import PaperError, render
from tightrope.analysis.validation import validation_summary
from tightrope.analysis.verdict import OUTCOMES, RULE_TEXT, family
from tightrope.analysis.warmup import warmup_context
from tightrope.model.kpi_registry import kpi_table_markdown

EXPERIMENTS: tuple[str, ...] = (
    "regimes",
    "quota_recognition",
    "specialised",
    "blending",
    "incentives",
    "screenpop",
    "sensitivity",
    "validation",
    "levers",
)
TEMPLATE = Path(__file__).resolve().parents[1] / "paper" / "template.md"
REGIME_KPIS = {
    "attrition": "attrition_annual",
    "harm": "brand_harm_index",
    "revenue": "revenue_genuine",
}
REGIME_KPIS_MORE = {**REGIME_KPIS, "morale": "morale_mean", "csat": "csat"}
ARM_ESTIMATES: tuple[tuple[str, str, str], ...] = (
    ("quota_recognition", REGIME, "revenue_genuine"),
    ("specialised", REGIME, "service_level"),
    ("specialised", REGIME, "csat"),
    ("specialised", REGIME, "abandon_rate"),
    ("blending", DESIGN, "service_level"),
    ("incentives", REGIME, "brand_harm_index"),
    ("incentives", REGIME, "sales_harmful"),
    ("screenpop", "screenpop.enabled", "morale_mean"),
)
"""(experiment, factor, KPI): per-level means the text cites beside the verdicts,
as ``arm_<experiment>_<level>_<kpi>``."""
SCREENPOP_ARM = "screen-pop"


def _image(fig_dir: Path, out_dir: Path, name: str, caption: str) -> str:
    rel = (fig_dir / f"{name}.png").relative_to(out_dir)
    return f"![{caption}]({rel.as_posix()})"


def _run_counts(name: str, df: pd.DataFrame) -> dict[str, str]:
    reps = df.groupby("point_id")["replication"].nunique() if "point_id" in df else None
    dup = duplicate_report(df) if output_columns(df) else None
    days = df["run.days"].iloc[0] if "run.days" in df and len(df) else None
    burn = df["run.burn_in_days"].iloc[0] if "run.burn_in_days" in df and len(df) else None
    return {
        f"{name}_days": "n/a" if days is None else str(int(days)),
        f"{name}_burn_in": "n/a" if burn is None else str(int(burn)),
        f"{name}_runs": f"{len(df):,}",
        f"{name}_points": str(df["point_id"].nunique()) if "point_id" in df else "1",
        f"{name}_replications": str(int(reps.min())) if reps is not None else str(len(df)),
        f"{name}_distinct": "n/a" if dup is None else f"{dup['distinct']:,}",
    }


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


def validation_context(table: pd.DataFrame) -> tuple[dict[str, str], pd.DataFrame]:
    """Coverage of exact Erlang values by the simulated 95 % intervals."""
    s = validation_summary(table)
    if s.empty:
        raise PaperError("validation cases with exact Erlang values")
    ctx = {
        "validation_cases": str(s["case"].nunique()),
        "validation_cases_c": str(s.loc[s["model"] == "Erlang C", "case"].nunique()),
        "validation_cases_a": str(s.loc[s["model"] == "Erlang A", "case"].nunique()),
        "validation_comparisons": str(len(s)),
        "validation_covered": str(int(s["covered"].sum())),
        "validation_coverage_pct": f"{100 * s['covered'].mean():.0f} %",
        "validation_reps": str(int(s["n"].min())),
    }
    for metric, g in s.groupby("metric"):
        ctx[f"validation_max_error_{metric}"] = number(float(np.abs(g["error"]).max()))
    shown = s.assign(
        simulated=[
            f"{number(m, digits=3)} [{number(lo, digits=3)}, {number(hi, digits=3)}]"
            for m, lo, hi in zip(s["mean"], s["ci_lo"], s["ci_hi"], strict=True)
        ],
        exact=[number(e, digits=3) for e in s["exact"]],
        covered=np.where(s["covered"], "yes", "no"),
        patience=[("none" if np.isnan(p) else f"{p:g}") for p in s["patience"]],
    )[
        [
            "case",
            "model",
            "agents",
            "arrival_rate",
            "aht",
            "patience",
            "label",
            "simulated",
            "exact",
            "covered",
        ]
    ]
    names = {
        "label": "metric",
        "arrival_rate": "arrivals (/min)",
        "aht": "AHT (min)",
        "patience": "patience (min)",
    }
    return ctx, shown.rename(columns=names)


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


def steady_context(
    runs: pd.DataFrame, daily: pd.DataFrame | None, tab_dir: Path, strict: bool = True
) -> dict[str, str]:
    """MSER-5 warm-up and window drift per regime; fails the build if a window trends.

    With ``strict`` false (the quick build) a trending window is marked in the
    table instead of failing the build.
    """
    if daily is None:
        return {
            "steady_table": "(The regimes sweep recorded no daily series, so steady state "
            "was not checked.)",
            "steady_tolerance": f"{100 * DRIFT_TOLERANCE:g} %",
        }
    burn = int(runs["run.burn_in_days"].iloc[0]) if "run.burn_in_days" in runs else 0
    table = steady_table(daily, burn)
    if strict:
        check_steady(table)
    shown = pd.DataFrame(
        {
            "regime": [regime_label(r) for r in table[REGIME]],
            "series": table["series"],
            "MSER-5 warm-up (days)": table["mser5_days"],
            "burn-in used": table["burn_in"],
            "level": table["level"],
            "drift over window (95 % CI)": [
                f"{d:+.3g} ({lo:+.3g} to {hi:+.3g})"
                for d, lo, hi in zip(
                    table["drift"], table["drift_lo"], table["drift_hi"], strict=True
                )
            ],
            "drift % of level": [f"{100 * p:.1f}" for p in table["drift_pct"]],
            "still trends": np.where(table["trending"], "YES", "no"),
        }
    )
    write_table(shown, tab_dir, "steady_state")
    return {
        "steady_table": markdown_table(shown),
        "steady_max_mser": str(int(table["mser5_days"].max())),
        "steady_burn_in": str(burn),
        "steady_tolerance": f"{100 * DRIFT_TOLERANCE:g} %",
    }


def sensitivity_context(indices: pd.DataFrame, n_points: int) -> dict[str, str]:
    """Per KPI, the parameters ranked only as far as their total-index intervals separate.

    ``sobol_top_<kpi>`` names the leader with its indices when its S_T interval
    lies wholly above the runner-up's, and otherwise the tied leaders.
    """
    ctx = {"sobol_points": str(n_points), "sobol_parameters": str(indices["parameter"].nunique())}
    widths = []
    for kpi in SOBOL_KPIS:
        d = indices[indices["kpi"] == kpi].sort_values("ST", ascending=False)
        if d.empty:
            raise PaperError(f"Sobol indices for {kpi!r}")
        top = d.iloc[0]
        widths.append(float(top["ST_conf"]))
        desc = (
            f"`{top['parameter']}` (S<sub>T</sub> = {number(top['ST'], digits=2)} ± "
            f"{number(top['ST_conf'], digits=2)}, S<sub>1</sub> = {number(top['S1'], digits=2)})"
        )
        lo = top["ST"] - top["ST_conf"]
        tied = [
            f"`{r['parameter']}`" for _, r in d.iloc[1:].iterrows() if r["ST"] + r["ST_conf"] >= lo
        ]
        if tied:
            desc = f"not resolved: {desc} overlaps {', '.join(tied)}"
        ctx[f"sobol_top_{kpi}"] = desc
    ctx["sobol_max_halfwidth"] = number(max(widths), digits=2)
    return ctx


def _figures(
    results: Mapping[str, pd.DataFrame],
    fig_dir: Path,
    out_dir: Path,
    daily: pd.DataFrame | None,
    warmup: pd.DataFrame | None,
    indices: pd.DataFrame,
    draw: bool,
) -> dict[str, str]:
    """Draw every figure (unless ``draw`` is false) and return their Markdown image links."""
    img = lambda name, caption: _image(fig_dir, out_dir, name, caption)  # noqa: E731
    if draw:
        fg.tradeoff_frontier(results["regimes"], fig_dir)
        fg.quota_recognition_heatmaps(results["quota_recognition"], fig_dir)
        fg.specialised_vs_blended(results["specialised"], fig_dir, group=REGIME)
        fg.kpi_by_factor(
            results["blending"],
            "warmup.switch_cost",
            "org.design",
            ("conversion_rate", "revenue_genuine", "morale_mean"),
            fig_dir,
            "blending_switch_cost",
        )
        fg.kpi_by_factor(
            screenpop_arms(results["screenpop"]),
            "screenpop.false_positive_rate",
            SCREENPOP_ARM,
            ("revenue_genuine", "csat", "morale_mean"),
            fig_dir,
            "screenpop",
        )
        s003 = next(c for c in CLAIMS if c.key == "s003")
        fg.contrast_forest(contrast_plot_table(s003, results), fig_dir, "incentive_contrasts")
        fd.validation_figure(results["validation"], fig_dir)
        fd.sobol_figure(indices, fig_dir)
        if daily is not None:
            fg.regime_timeseries(daily, fig_dir)
        if warmup is not None:
            fd.warmup_conversion(warmup, fig_dir)
    ctx = {
        "fig_frontier": img(
            "tradeoff_frontier", "Attrition vs brand harm per regime, and revenue"
        ),
        "fig_heatmaps": img("quota_recognition_heatmaps", "KPIs over quota and recognition"),
        "fig_specialised": img("specialised_vs_blended", "Specialised vs cross-trained"),
        "fig_blending": img("blending_switch_cost", "Blended vs dedicated over switch cost"),
        "fig_screenpop": img("screenpop", "Screen-pop hit and false-positive rates"),
        "fig_incentives": img("incentive_contrasts", "Incentive and hiring contrasts"),
        "fig_validation": img("validation_erlang", "Simulated vs exact Erlang C/A"),
        "fig_sobol": img("sobol_indices", "Sobol indices"),
    }
    if daily is not None:
        ctx["fig_timeseries"] = img(
            "regime_timeseries", "Morale, headcount, harmful sales over time"
        )
    else:
        ctx["fig_timeseries"] = (
            "(The regimes sweep recorded no daily series, so no time-series figure.)"
        )
    if warmup is not None:
        ctx["fig_warmup"] = img("warmup_conversion", "Conversion by position in a sales run")
    else:
        ctx["fig_warmup"] = (
            "(The blending sweep recorded no per-pitch trace, so no warm-up figure.)"
        )
    return ctx


def _numbers(
    results: Mapping[str, pd.DataFrame],
    param_table: str,
    out_dir: Path,
    daily: pd.DataFrame | None,
    warmup: pd.DataFrame | None,
    sobol_problem: Mapping[str, object] | None,
    strict_steady: bool = True,
) -> tuple[dict[str, str], pd.DataFrame]:
    """Write the tables; return every template value (figure links included) and Sobol indices."""
    missing = [e for e in EXPERIMENTS if e not in results]
    if missing:
        raise PaperError(f"results of experiment(s) {', '.join(map(repr, missing))}")
    fig_dir, tab_dir = out_dir / "figures", out_dir / "tables"
    ctx: dict[str, str] = {"param_table": param_table.strip(), "kpi_table": kpi_table_markdown()}
    ctx["attrition_calibration"] = param_source(param_table, "attrition.base_hazard")
    for name in EXPERIMENTS:
        if name != "validation":
            ctx.update(_run_counts(name, results[name]))
    regimes, table = regime_context(results["regimes"])
    ctx.update(regimes)
    ctx.update(harm_context(results["regimes"]))
    ctx["regimes_table"] = markdown_table(table)
    write_table(table, tab_dir, "regimes")
    summary = []
    for claim in CLAIMS:
        c_ctx, c_table = claim_context(claim, results)
        ctx.update(c_ctx)
        ctx[f"{claim.key}_table"] = markdown_table(c_table)
        write_table(c_table, tab_dir, f"claim_{claim.key}")
        summary.append({"seed": claim.key[1:], "verdict": c_ctx[f"{claim.key}_verdict"]})
    families = [family(s["verdict"]) for s in summary]
    for outcome in OUTCOMES:
        name = {"no effect": "no_effect", "depends on": "depends"}.get(outcome, outcome)
        ctx[f"n_{name}"] = str(families.count(outcome))
    ctx["verdict_rule"] = RULE_TEXT
    ctx["min_effect_table"] = markdown_table(
        pd.DataFrame(
            [
                {"KPI": kpi_label(k), "column": f"`{k}`", "δ": m.text(), "why": m.why}
                for k, m in MIN_EFFECTS.items()
            ]
        )
    )
    ctx.update(arm_context(results))
    levers = lever_table(results["levers"])
    ctx["levers_table"] = markdown_table(levers)
    write_table(levers, tab_dir, "levers")
    if warmup is not None:
        ctx.update(warmup_context(warmup))
        write_table(warmup, tab_dir, "warmup_positions")
    ctx.update(steady_context(results["regimes"], daily, tab_dir, strict_steady))
    v_ctx, v_table = validation_context(results["validation"])
    ctx.update(v_ctx)
    ctx["validation_table"] = markdown_table(v_table)
    write_table(v_table, tab_dir, "validation")
    problem = sobol_problem or results["sensitivity"].attrs.get("salib_problem")
    if problem is None:
        raise PaperError("the SALib problem of the sensitivity sweep (pass sobol_problem=)")
    second = bool(problem.get("calc_second_order", True))
    indices = sobol_indices(problem, results["sensitivity"], calc_second_order=second)
    write_table(indices, tab_dir, "sobol_indices")
    ctx.update(sensitivity_context(indices, results["sensitivity"]["point_id"].nunique()))
    ctx.update(_figures(results, fig_dir, out_dir, daily, warmup, indices, draw=False))
    return ctx, indices


def build_context(
    results: Mapping[str, pd.DataFrame],
    param_table: str,
    out_dir: Path,
    *,
    daily: pd.DataFrame | None = None,
    warmup: pd.DataFrame | None = None,
    sobol_problem: Mapping[str, object] | None = None,
    draw: bool = True,
) -> dict[str, str]:
    """Write the tables, draw the figures (if ``draw``) and return every template value."""
    try:
        ctx, indices = _numbers(results, param_table, out_dir, daily, warmup, sobol_problem)
    except MissingColumnError as err:
        raise PaperError(str(err)) from err
    if draw:
        _figures(results, out_dir / "figures", out_dir, daily, warmup, indices, draw=True)
    return ctx


def build_paper(
    results: dict[str, pd.DataFrame],
    param_table: str,
    out_dir: Path,
    *,
    daily: pd.DataFrame | None = None,
    warmup: pd.DataFrame | None = None,
    sobol_problem: Mapping[str, object] | None = None,
    template: Path = TEMPLATE,
    banner: str = "",
    strict_steady: bool = True,
) -> Path:
    """Write ``out_dir/paper.md`` with its figures and tables; return the paper's path.

    Args:
        results: one combined results table per experiment, keyed by
            :data:`EXPERIMENTS` (``validation`` carries ``exact_*`` columns).
        param_table: Markdown from ``tightrope.model.params.parameter_table_markdown()``.
        out_dir: where ``paper.md``, ``figures/`` and ``tables/`` go.
        daily: optional daily series of the regimes sweep (time-series figure).
        warmup: optional per-pitch table of the blending sweep (warm-up figure).
        sobol_problem: SALib problem of the sensitivity sweep; default
            ``results["sensitivity"].attrs["salib_problem"]``.
        template: the Markdown template with ``{{name}}`` placeholders.
        banner: text shown under the title (the quick build's warning); empty for the full build.
        strict_steady: fail when a measured window still trends (off for the quick build).

    Raises:
        PaperError: an experiment, a column or a number the template needs is missing.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        ctx, indices = _numbers(
            results, param_table, out_dir, daily, warmup, sobol_problem, strict_steady
        )
    except MissingColumnError as err:
        raise PaperError(str(err)) from err
    ctx["build_banner"] = banner
    text = render(Path(template).read_text(), ctx)  # a gap fails here, before the drawing
    _figures(results, out_dir / "figures", out_dir, daily, warmup, indices, draw=True)
    path = out_dir / "paper.md"
    path.write_text(text)
    return path
