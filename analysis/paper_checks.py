"""Paper sections that check the model and the design: Erlang validation, steady state, Sobol.

Each returns template values; :func:`steady_context` also fails the build
(strict mode) when a measured window still trends.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from tightrope.analysis.numbers import number
from tightrope.analysis.schema import REGIME
from tightrope.analysis.sensitivity import SOBOL_KPIS
from tightrope.analysis.steady import DRIFT_TOLERANCE, check_steady, steady_table
from tightrope.analysis.style import regime_label
from tightrope.analysis.tables import markdown_table, write_table
from tightrope.analysis.template import PaperError
from tightrope.analysis.validation import validation_summary


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


def csat_sensitivity_text(names: list[str], kpis: tuple[str, ...] = SOBOL_KPIS) -> str:
    """Whether the Sobol design can say if the CSAT verdicts survive other CSAT weights."""
    varied = [n for n in names if n.startswith("csat.")]
    if varied and "csat" in kpis:
        shown = ", ".join(f"`{n}`" for n in varied)
        return f"the sensitivity analysis of Section 6 varies {shown} and reports CSAT"
    return (
        "the sensitivity analysis of Section 6 varies none of them and does not report "
        "CSAT, so whether the CSAT verdicts survive other weights is not tested here"
    )


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
