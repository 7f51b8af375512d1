"""The five seed claims as testable contrasts, and their evaluation into paper text.

Each claim is one or more :class:`Contrast` objects: a treatment and a
control level of one factor in one experiment's results, a KPI and the sign
the claim predicts, and optionally a moderator across whose levels the
contrast is also estimated (for "depends on X"). Contrasts are paired on
replication (:func:`tightrope.analysis.aggregate.paired_differences`) and judged by
the rule in :mod:`tightrope.analysis.verdict`. Edit :data:`CLAIMS` when an
experiment's design changes; nothing else hard-codes the scenarios.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from tightrope.analysis.aggregate import paired_differences
from tightrope.analysis.numbers import difference_text
from tightrope.analysis.schema import require
from tightrope.analysis.style import REGIME_LABELS, kpi_label, param_label, regime_label
from tightrope.analysis.template import PaperError
from tightrope.analysis.verdict import combine, verdict


@dataclass(frozen=True)
class Contrast:
    """Treatment minus control of one KPI; ``sign`` is what the claim predicts (+1 up, -1 down)."""

    key: str
    experiment: str
    factor: str
    treatment: object
    control: object
    kpi: str
    sign: int
    moderator: str | None = None


@dataclass(frozen=True)
class Claim:
    """A seed's claim: its contrasts, the experiment and the figure that shows it."""

    key: str
    contrasts: tuple[Contrast, ...]
    figure: str


def _c(key: str, exp: str, factor: str, t: object, c: object, kpi: str, sign: int, mod=None):
    return Contrast(key, exp, factor, t, c, kpi, sign, mod)


_DES, _REG = "org.design", "regime.name"
_SHARE, _SWITCH = "hiring.sales_oriented_share", "warmup.switch_cost"
_POLICY, _ROUTING = "hiring.policy", "staffing.routing"
_POP, _FP = "screenpop.enabled", "screenpop.false_positive_rate"
_SPEC, _DISC = "specialised", "discretionary_rewards"

CLAIMS: tuple[Claim, ...] = (
    # Seed 000: specialised team by warm transfer vs a blended cross-trained
    # discretionary pool, same headcount, across the hiring mix.
    Claim(
        "s000",
        (
            _c("s000_revenue", "specialised", _REG, _SPEC, _DISC, "revenue_genuine", 1, _SHARE),
            _c("s000_morale", "specialised", _REG, _SPEC, _DISC, "morale_mean", 1, _SHARE),
            _c(
                "s000_attrition", "specialised", _REG, _SPEC, _DISC, "attrition_annual", -1, _SHARE
            ),
        ),
        "specialised_vs_blended",
    ),
    # Seed 001: dedicated sales reps convert better than blended ones, more so
    # the more a service call costs the sales mode.
    Claim(
        "s001",
        (
            _c(
                "s001_conversion",
                "blending",
                _DES,
                "dedicated",
                "blended",
                "conversion_rate",
                1,
                _SWITCH,
            ),
            _c(
                "s001_revenue",
                "blending",
                _DES,
                "dedicated",
                "blended",
                "revenue_genuine",
                1,
                _SWITCH,
            ),
        ),  # fmt: skip
        "blending_switch_cost",
    ),
    # Seed 002: mandatory upsell under quota vs discretionary upsell with rewards.
    Claim(
        "s002",
        (
            _c(
                "s002_attrition",
                "quota_recognition",
                _REG,
                "mandatory_upsell",
                _DISC,
                "attrition_annual",
                1,
                "regime.quota",
            ),
            _c(
                "s002_harm",
                "quota_recognition",
                _REG,
                "mandatory_upsell",
                _DISC,
                "brand_harm_index",
                1,
                "regime.quota",
            ),
        ),  # fmt: skip
        "quota_recognition_heatmaps",
    ),
    # Seed 003: recognition beats commission; hiring for sales talent and
    # skills-based routing raise revenue and satisfaction together.
    Claim(
        "s003",
        (
            _c(
                "s003_recognition_revenue",
                "incentives",
                _REG,
                _DISC,
                "commission",
                "revenue_genuine",
                1,
            ),
            _c("s003_recognition_csat", "incentives", _REG, _DISC, "commission", "csat", 1),
            _c(
                "s003_talent_revenue",
                "incentives",
                _POLICY,
                "sales_talent",
                "random",
                "revenue_genuine",
                1,
            ),
            _c("s003_talent_csat", "incentives", _POLICY, "sales_talent", "random", "csat", 1),
            _c(
                "s003_routing_revenue",
                "incentives",
                _ROUTING,
                "skills_based",
                "longest_idle",
                "revenue_genuine",
                1,
            ),
            _c(
                "s003_routing_csat",
                "incentives",
                _ROUTING,
                "skills_based",
                "longest_idle",
                "csat",
                1,
            ),
        ),  # fmt: skip
        "incentive_contrasts",
    ),
    # Seed 004: screen-pops on vs off help revenue without costing customer
    # satisfaction, across false-positive rates.
    Claim(
        "s004",
        (
            _c("s004_revenue", "screenpop", _POP, True, False, "revenue_genuine", 1, _FP),
            _c("s004_csat", "screenpop", _POP, True, False, "csat", 1, _FP),
        ),
        "screenpop",
    ),
)


def _level(df: pd.DataFrame, factor: str, level: object) -> object:
    """Resolve ``"max"``/``"min"`` on a numeric factor to its extreme level in the data."""
    if level in ("max", "min") and pd.api.types.is_numeric_dtype(df[factor]):
        return df[factor].max() if level == "max" else df[factor].min()
    return level


def _fmt_level(level: object) -> str:
    if isinstance(level, bool):
        return "on" if level else "off"
    if isinstance(level, str):
        return regime_label(level) if level in REGIME_LABELS else level.replace("_", " ")
    return f"{level:g}" if isinstance(level, float | int) else str(level)


def evaluate(contrast: Contrast, df: pd.DataFrame) -> dict[str, object]:
    """Pooled and per-moderator-level differences, the verdict and its text fields."""
    cols = [contrast.factor, contrast.kpi] + ([contrast.moderator] if contrast.moderator else [])
    require(df, cols, f"experiment {contrast.experiment!r}")
    t = _level(df, contrast.factor, contrast.treatment)
    c = _level(df, contrast.factor, contrast.control)
    pooled = paired_differences(df, contrast.factor, t, c, [contrast.kpi]).iloc[0]
    levels = None
    if contrast.moderator:
        levels = paired_differences(
            df, contrast.factor, t, c, [contrast.kpi], by=[contrast.moderator]
        )
    v = verdict(
        pooled["diff"], pooled["ci_lo"], pooled["ci_hi"], contrast.sign, levels, contrast.moderator
    )
    by_level = ""
    if levels is not None:
        by_level = "; ".join(
            f"at {_fmt_level(lv)}, {difference_text(d, lo, hi, contrast.kpi)}"
            for lv, d, lo, hi in levels[[contrast.moderator, "diff", "ci_lo", "ci_hi"]].itertuples(
                index=False
            )
        )
    return {
        "diff": difference_text(pooled["diff"], pooled["ci_lo"], pooled["ci_hi"], contrast.kpi),
        "verdict": v,
        "levels": by_level or "not estimated by level",
        "n": str(int(pooled["n"])),
        "treatment": _fmt_level(t),
        "control": _fmt_level(c),
        "row": {
            "contrast": f"{kpi_label(contrast.kpi)}: {param_label(contrast.factor)} "
            f"{_fmt_level(t)} − {_fmt_level(c)}",
            "predicted": "increase" if contrast.sign > 0 else "decrease",
            "difference (95 % CI)": difference_text(
                pooled["diff"], pooled["ci_lo"], pooled["ci_hi"], contrast.kpi
            ),
            "pairs": int(pooled["n"]),
            "verdict": v,
        },
        "frame": pooled,
        "sign": contrast.sign,
    }


def claim_context(
    claim: Claim, results: Mapping[str, pd.DataFrame]
) -> tuple[dict[str, str], pd.DataFrame]:
    """Context entries for one claim and its contrast table.

    Keys: ``<contrast>_diff``, ``_verdict``, ``_levels``, ``_n``, ``_treatment``,
    ``_control`` per contrast, and ``<claim>_verdict`` for the claim.
    """
    ctx: dict[str, str] = {}
    rows, verdicts = [], []
    for contrast in claim.contrasts:
        if contrast.experiment not in results:
            raise PaperError(
                f"results for experiment {contrast.experiment!r} (needed by {contrast.key})"
            )
        out = evaluate(contrast, results[contrast.experiment])
        for k in ("diff", "verdict", "levels", "n", "treatment", "control"):
            ctx[f"{contrast.key}_{k}"] = str(out[k])
        rows.append(out["row"])
        verdicts.append(out["verdict"])
    ctx[f"{claim.key}_verdict"] = combine(verdicts)
    return ctx, pd.DataFrame(rows)


def contrast_plot_table(claim: Claim, results: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Pooled differences of a claim's contrasts, for the forest plot of its figure."""
    rows = []
    for contrast in claim.contrasts:
        out = evaluate(contrast, results[contrast.experiment])
        f = out["frame"]
        rows.append(
            {
                "label": f"{param_label(contrast.factor)}: {out['treatment']} − {out['control']}",
                "panel": kpi_label(contrast.kpi),
                "diff": f["diff"],
                "ci_lo": f["ci_lo"],
                "ci_hi": f["ci_hi"],
            }
        )
    return pd.DataFrame(rows)
