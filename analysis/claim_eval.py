"""Evaluating the declared claims on results: per-seed contrasts, Holm, verdicts, text.

The declarations are in :mod:`tightrope.analysis.claims`; this module only
applies :mod:`tightrope.analysis.replication` (seed as the unit) and the rule in
:mod:`tightrope.analysis.verdict` to them, and formats the paper's fields.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from tightrope.analysis.claims import Claim, Contrast
from tightrope.analysis.numbers import difference_text, number, unit
from tightrope.analysis.replication import SeedContrast, seed_contrast, seed_contrast_by
from tightrope.analysis.schema import require
from tightrope.analysis.style import REGIME_LABELS, kpi_label, param_label, regime_label
from tightrope.analysis.template import PaperError
from tightrope.analysis.verdict import ALPHA, combine, holm, judge, moderated


def _level(df: pd.DataFrame, factor: str, level: object) -> object:
    """Resolve ``"max"``/``"min"`` on a numeric factor to its extreme level in the data."""
    if level in ("max", "min") and pd.api.types.is_numeric_dtype(df[factor]):
        return df[factor].max() if level == "max" else df[factor].min()
    return level


def fmt_level(level: object) -> str:
    """A factor level as the paper names it."""
    if isinstance(level, bool):
        return "on" if level else "off"
    if isinstance(level, str):
        return regime_label(level) if level in REGIME_LABELS else level.replace("_", " ")
    return f"{level:g}" if isinstance(level, float | int) else str(level)


def _judge(c: SeedContrast, p_adj: float, m: int, contrast: Contrast) -> tuple[str, float]:
    """Outcome and δ of one contrast, with the TOST interval at a Bonferroni share."""
    margin = contrast.min_effect.margin(c.mean_control)
    if not margin > 0:  # a relative δ of a zero control mean: fall back to the treatment's
        margin = contrast.min_effect.margin(c.mean_treatment) or float("inf")
    eq_lo, eq_hi = c.interval(1 - 2 * ALPHA / m)
    return judge(c.diff, p_adj, eq_lo, eq_hi, contrast.sign, margin), margin


def evaluate_claim(claim: Claim, results: Mapping[str, pd.DataFrame]) -> list[dict[str, object]]:
    """Every contrast of a claim: pooled per-seed difference, Holm-adjusted verdict, levels."""
    pooled: list[tuple[Contrast, SeedContrast, object, object]] = []
    for contrast in claim.contrasts:
        if contrast.experiment not in results:
            raise PaperError(
                f"results for experiment {contrast.experiment!r} (needed by {contrast.key})"
            )
        df = results[contrast.experiment]
        cols = [contrast.factor, contrast.kpi] + (
            [contrast.moderator] if contrast.moderator else []
        )
        require(df, cols, f"experiment {contrast.experiment!r}")
        t = _level(df, contrast.factor, contrast.treatment)
        c = _level(df, contrast.factor, contrast.control)
        pooled.append((contrast, seed_contrast(df, contrast.factor, t, c, contrast.kpi), t, c))
    m = len(pooled)
    p_adj = holm([sc.p for _, sc, _, _ in pooled])
    out = []
    for (contrast, sc, t, c), p in zip(pooled, p_adj, strict=True):
        v, margin = _judge(sc, p, m, contrast)
        levels_text, level_rows = "not estimated by level", []
        if contrast.moderator:
            df = results[contrast.experiment]
            by = seed_contrast_by(df, contrast.factor, t, c, contrast.kpi, contrast.moderator)
            lp = holm([lc.p for _, lc in by])
            outcomes = []
            for (lv, lc), lpa in zip(by, lp, strict=True):
                lv_v, _ = _judge(lc, lpa, len(by), contrast)
                outcomes.append(lv_v)
                level_rows.append((lv, lc, lv_v))
            v = moderated(outcomes, v, param_label(contrast.moderator))
            levels_text = "; ".join(
                f"at {fmt_level(lv)}, {difference_text(lc.diff, lc.ci_lo, lc.ci_hi, contrast.kpi)}"
                f" ({lv_v})"
                for lv, lc, lv_v in level_rows
            )
        out.append(
            {
                "contrast": contrast,
                "seed": sc,
                "p_adj": float(p),
                "margin": margin,
                "verdict": v,
                "levels": levels_text,
                "treatment": fmt_level(t),
                "control": fmt_level(c),
            }
        )
    return out


def _p_text(p: float) -> str:
    return "n/a" if p != p else ("< 0.001" if p < 0.001 else f"{p:.3f}")


def claim_context(
    claim: Claim, results: Mapping[str, pd.DataFrame]
) -> tuple[dict[str, str], pd.DataFrame]:
    """Context entries for one claim and its contrast table.

    Keys: ``<contrast>_diff``, ``_verdict``, ``_levels``, ``_n``, ``_treatment``,
    ``_control``, ``_margin`` per contrast; ``<claim>_verdict``, ``<claim>_built_in``
    and ``<claim>_emerges`` for the claim.
    """
    ctx: dict[str, str] = {}
    rows, verdicts = [], []
    for e in evaluate_claim(claim, results):
        contrast: Contrast = e["contrast"]  # type: ignore[assignment]
        sc: SeedContrast = e["seed"]  # type: ignore[assignment]
        diff = difference_text(sc.diff, sc.ci_lo, sc.ci_hi, contrast.kpi)
        delta = f"{number(float(e['margin']), contrast.kpi)}{unit(contrast.kpi, True)}"
        fields = {
            "diff": diff,
            "verdict": e["verdict"],
            "levels": e["levels"],
            "n": str(sc.n),
            "treatment": e["treatment"],
            "control": e["control"],
            "margin": delta,
        }
        for k, v in fields.items():
            ctx[f"{contrast.key}_{k}"] = str(v)
        verdicts.append(str(e["verdict"]))
        rows.append(
            {
                "contrast": f"{kpi_label(contrast.kpi)}: {param_label(contrast.factor)} "
                f"{e['treatment']} − {e['control']}",
                "predicted": "increase" if contrast.sign > 0 else "decrease",
                "difference (95 % CI)": diff,
                "δ": delta,
                "Holm p": _p_text(float(e["p_adj"])),
                "seeds": sc.n,
                "verdict": e["verdict"],
            }
        )
    ctx[f"{claim.key}_verdict"] = combine(verdicts)
    ctx[f"{claim.key}_built_in"] = "; ".join(claim.built_in) or "nothing beyond the scenario"
    ctx[f"{claim.key}_emerges"] = "; ".join(claim.emerges) or "—"
    return ctx, pd.DataFrame(rows)


def contrast_plot_table(claim: Claim, results: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Pooled per-seed differences of a claim's contrasts, for the forest plot of its figure."""
    rows = []
    for e in evaluate_claim(claim, results):
        contrast: Contrast = e["contrast"]  # type: ignore[assignment]
        sc: SeedContrast = e["seed"]  # type: ignore[assignment]
        rows.append(
            {
                "label": f"{param_label(contrast.factor)}: {e['treatment']} − {e['control']}",
                "panel": kpi_label(contrast.kpi),
                "diff": sc.diff,
                "ci_lo": sc.ci_lo,
                "ci_hi": sc.ci_hi,
            }
        )
    return pd.DataFrame(rows)
