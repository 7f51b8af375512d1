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

import pandas as pd

from tightrope.analysis.centre import centre_context
from tightrope.analysis.claim_eval import claim_context
from tightrope.analysis.claims import CLAIMS, MIN_EFFECTS
from tightrope.analysis.factorial import factorial_context
from tightrope.analysis.levers import inert_text, lever_table
from tightrope.analysis.paper_checks import (
    csat_sensitivity_text,
    sensitivity_context,
    steady_context,
    validation_context,
)
from tightrope.analysis.paper_figures import figures
from tightrope.analysis.paper_model import model_context
from tightrope.analysis.paper_sections import (
    arm_context,
    coupling_context,
    csat_context,
    direction_context,
    fixed_share_context,
    harm_context,
    level_context,
    param_source,
    regime_context,
)
from tightrope.analysis.replication import duplicate_report, output_columns
from tightrope.analysis.schema import MissingColumnError
from tightrope.analysis.sensitivity import sobol_indices
from tightrope.analysis.style import kpi_label
from tightrope.analysis.tables import markdown_table, write_table
from tightrope.analysis.template import PaperError, render
from tightrope.analysis.verdict import ALPHA, OUTCOMES, RULE_TEXT, family
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
    "seed002_factorial",
    "centre",
)
TEMPLATE = Path(__file__).resolve().parents[1] / "paper" / "template.md"
DISCOVER_CONFIG = Path(__file__).resolve().parents[1] / "experiments" / "explore" / "discover.toml"


def discover_worlds_text(config: Path = DISCOVER_CONFIG) -> str:
    """How many kept worlds ``make explore`` re-runs the claims in, from its config file."""
    import tomllib

    try:
        cap = tomllib.loads(config.read_text()).get("max_worlds")
    except FileNotFoundError:
        cap = None
    return f"up to {cap}" if cap else "all of them"


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
    ctx.update(csat_context(param_table))
    ctx.update(coupling_context(param_table))
    ctx.update(model_context())
    ctx["alpha"] = f"{ALPHA:g}"
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
    ctx.update(level_context(results))
    ctx.update(fixed_share_context(results))
    ctx.update(direction_context(results))
    ctx.update(factorial_context(results["seed002_factorial"], tab_dir))
    try:
        ctx.update(centre_context(results["centre"]))
    except ValueError as err:
        raise PaperError(f"the centre experiment's runs ({err})") from err
    levers = lever_table(results["levers"])
    ctx["levers_table"] = markdown_table(levers)
    ctx["levers_inert"] = inert_text(levers)
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
    ctx["csat_sensitivity"] = csat_sensitivity_text(list(problem.get("names", [])))
    ctx.update(figures(results, fig_dir, out_dir, daily, warmup, indices, draw=False))
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
    explore_results: Path | None = None,
) -> dict[str, str]:
    """Write the tables, draw the figures (if ``draw``) and return every template value."""
    try:
        ctx, indices = _numbers(results, param_table, out_dir, daily, warmup, sobol_problem)
    except MissingColumnError as err:
        raise PaperError(str(err)) from err
    ctx.update(_explore(explore_results, out_dir))
    ctx["discover_worlds"] = discover_worlds_text()
    if draw:
        figures(results, out_dir / "figures", out_dir, daily, warmup, indices, draw=True)
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
    explore_results: Path | None = None,
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
        explore_results: results root holding ``make explore``'s outputs; ``None`` (or
            missing outputs) gives sections that say the exploration was not run.

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
    ctx["discover_worlds"] = discover_worlds_text()
    ctx.update(_explore(explore_results, out_dir))
    text = render(Path(template).read_text(), ctx)  # a gap fails here, before the drawing
    figures(results, out_dir / "figures", out_dir, daily, warmup, indices, draw=True)
    path = out_dir / "paper.md"
    path.write_text(text)
    return path


def _explore(root: Path | None, out_dir: Path) -> dict[str, str]:
    """The three exploration sections (plausible worlds, claims across worlds, frontier)."""
    from tightrope.analysis.explore_report import explore_context

    return explore_context(
        Path(root) if root else out_dir / "no-exploration", out_dir / "figures", out_dir
    )
