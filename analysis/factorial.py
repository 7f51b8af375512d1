"""Seed 002 decomposed: the pitch-policy channel and the quota channel, judged by the claims' rule.

Seed 002's contrast (mandatory upselling under a quota against discretionary
upselling with rewards) bundles two channels. The ``seed002_factorial``
experiment crosses them at equal service level (both arms staffed to 80/20):

* **pitch policy**: mandatory minus discretionary upselling, both without a
  quota (``regime.quota_stretch`` = 0), the discretionary arm keeping its
  default recognition;
* **quota**: an unrealistic quota (stretch 1.5) minus none, pooled over the
  two pitch policies and judged per policy (moderator ``regime.name``), and a
  realistic quota (stretch 0.8) minus none, likewise.

Each contrast is a :class:`~tightrope.analysis.claims.Contrast`, so the
per-seed pairing, the declared minimum effects, Holm over the family and the
four-outcome rule are exactly those of the claims. :data:`SIGN_BUILT_IN`
states, per contrast, whether the model fixes its sign by construction, so the
paper can print it beside the verdict.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tightrope.analysis.claim_eval import claim_context
from tightrope.analysis.claims import Claim, Contrast
from tightrope.analysis.schema import REGIME, require
from tightrope.analysis.style import regime_label
from tightrope.analysis.tables import markdown_table, write_table
from tightrope.analysis.verdict import combine

EXPERIMENT = "seed002_factorial"
QUOTA = "regime.quota_stretch"
_NO_QUOTA = f"{EXPERIMENT}@no_quota"
_MAND, _DISC = "mandatory_upsell", "discretionary_rewards"
_ATT, _HARM = "attrition_annual", "brand_harm_index"

FACTORIAL = Claim(
    "f002",
    (
        Contrast("f002_policy_attrition", _NO_QUOTA, REGIME, _MAND, _DISC, _ATT, 1),
        Contrast("f002_policy_harm", _NO_QUOTA, REGIME, _MAND, _DISC, _HARM, 1),
        Contrast("f002_quota_attrition", EXPERIMENT, QUOTA, 1.5, 0.0, _ATT, 1, REGIME),
        Contrast("f002_quota_harm", EXPERIMENT, QUOTA, 1.5, 0.0, _HARM, 1, REGIME),
        Contrast("f002_realistic_attrition", EXPERIMENT, QUOTA, 0.8, 0.0, _ATT, 1, REGIME),
        Contrast("f002_realistic_harm", EXPERIMENT, QUOTA, 0.8, 0.0, _HARM, 1, REGIME),
    ),
    "",
    built_in=(
        "mandatory upselling pitches to every caller, angry ones included, while a "
        "discretionary rep pitches to an angry caller only when misreading them as calm "
        "(`sales.misread_max`), and pitches to angry callers enter the brand-harm index "
        "(`brand.weight_angry_pitch`): the pitch-policy harm contrast is positive by "
        "construction",
        "every failed pitch costs morale (`morale.failed_pitch`) and quits rise as morale "
        "falls (`attrition.morale_sensitivity`), so more pitches mean more quits unless "
        "sales lift morale more",
        "a missed quota lowers morale at review (`regime.quota_penalty`) and adds to the "
        "pressure behind pushed sales (`sales.push_pressure_gain`) and, under "
        "discretionary upselling, behind pitches to needs not seen "
        "(`sales.pressure_pitch`): where a quota binds, its attrition and harm contrasts "
        "are positive by construction",
    ),
    emerges=(
        "how often a quota binds (it is a stretch on the team's own attainable sales), "
        "the sizes of all contrasts, and whether the quota acts through the pitch policy "
        "(the moderator rows)",
    ),
)
"""The factorial's family of contrasts (Holm-adjusted together)."""

SIGN_BUILT_IN: dict[str, str] = {
    "f002_policy_attrition": "partly: more failed pitches lower morale",
    "f002_policy_harm": "yes: pitches to angry callers are harm events",
    "f002_quota_attrition": "where the quota binds",
    "f002_quota_harm": "where the quota binds (pressure behind pushed sales)",
    "f002_realistic_attrition": "where the quota binds",
    "f002_realistic_harm": "where the quota binds (pressure behind pushed sales)",
}
"""Per contrast: whether the model fixes the sign by construction (printed in the table)."""
CHANNELS: dict[str, tuple[str, ...]] = {
    "policy": ("f002_policy_attrition", "f002_policy_harm"),
    "quota": ("f002_quota_attrition", "f002_quota_harm"),
    "realistic": ("f002_realistic_attrition", "f002_realistic_harm"),
}
"""Each channel's verdict combines its contrasts as a claim's parts are combined."""
_NAMES = {
    regime_label(_MAND): "mandatory upselling",
    regime_label(_DISC): "discretionary upselling",
}
"""Regime labels name each regime's default incentive; here the quota is a factor."""


def factorial_results(df: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The factorial's runs, and the no-quota subset the pitch-policy contrasts compare."""
    require(df, [REGIME, QUOTA, _ATT, _HARM], f"experiment {EXPERIMENT!r}")
    return {EXPERIMENT: df, _NO_QUOTA: df[df[QUOTA] == 0.0]}


def factorial_context(df: pd.DataFrame, tab_dir: Path) -> dict[str, str]:
    """Verdicts and the contrast table of the factorial (``f002_*`` template values)."""
    ctx, table = claim_context(FACTORIAL, factorial_results(df))
    for channel, keys in CHANNELS.items():
        ctx[f"f002_{channel}_verdict"] = combine(ctx[f"{k}_verdict"] for k in keys)
    ctx = {k: _rename(v) for k, v in ctx.items()}
    table["contrast"] = table["contrast"].map(_rename)
    table.insert(
        table.columns.get_loc("verdict"),
        "sign built in",
        [SIGN_BUILT_IN[c.key] for c in FACTORIAL.contrasts],
    )
    write_table(table, tab_dir, "seed002_factorial")
    ctx["f002_table"] = markdown_table(table)
    ctx["f002_contrasts"] = str(len(FACTORIAL.contrasts))
    return ctx


def _rename(text: str) -> str:
    for label, name in _NAMES.items():
        text = text.replace(label, name)
    return text
