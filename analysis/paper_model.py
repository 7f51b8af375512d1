"""What the model has, stated in the paper from the model's own registries.

Sentences that say how the regimes differ or what kinds of call there are
go stale when written by hand (issue 13: "regimes differ only in the upsell
decision and the incentive" survived the judgement errors, the sales team
and recognition pressure). These are generated from the regime classes
(:data:`tightrope.model.regimes.REGIMES`: their flags, their decision rule
codes, their overridden methods and a default-parameter instance) and the
call kinds. Only the decision rules are words, and a rule without words fails.
"""

from __future__ import annotations

import pandas as pd

from tightrope.analysis.tables import markdown_table
from tightrope.analysis.template import PaperError

RULE_WORDS: dict[str, str] = {
    "DECIDE_NEVER": "never",
    "DECIDE_ALWAYS": "on every call, angry callers included",
    "DECIDE_PERCEIVED_CALM": "to a perceived need of a caller judged calm",
    "DECIDE_PAY": "when the expected commission beats the rep's discomfort "
    "(larger for service temperaments)",
}
"""The words for each pitch-decision rule code of :mod:`tightrope.model.calls.layout`."""


def pitch_rules() -> dict[str, str]:
    """When a service rep pitches under each regime, from its decision rule code.

    A regime whose service reps refer instead of pitching (``refers``) applies
    its rule to the referral.
    """
    from tightrope.model.calls import layout
    from tightrope.model.regimes import REGIMES

    words = {getattr(layout, name): text for name, text in RULE_WORDS.items()}
    out = {}
    for name, cls in REGIMES.items():
        if cls.decision not in words:
            raise PaperError(f"words for the decision rule {cls.decision} of {name} in RULE_WORDS")
        rule = words[cls.decision]
        out[name] = f"never (refers to the sales team instead: {rule})" if cls.refers else rule
    return out


CALL_KIND_WORDS: dict[str, str] = {
    "SERVICE": "inbound service",
    "SALES": "inbound sales",
    "OUTBOUND": "an outbound sales dial",
    "TRANSFER": "a warm transfer to the sales side",
}
"""How the paper names each :class:`~tightrope.model.calls.record.CallKind`."""


def call_kinds_text() -> str:
    """The call kinds the model has, in its own order ("inbound service, ... or ...")."""
    from tightrope.model.calls.record import CallKind

    unknown = [k.name for k in CallKind if k.name not in CALL_KIND_WORDS]
    if unknown:
        raise PaperError(f"words for call kind(s) {', '.join(unknown)} in CALL_KIND_WORDS")
    words = [CALL_KIND_WORDS[k.name] for k in CallKind]
    return ", ".join(words[:-1]) + " or " + words[-1]


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def regime_table() -> pd.DataFrame:
    """One row per regime: pitch rule, judgement errors, sales team, pushed sales, incentives.

    Flags are read off the regime classes; the incentives from the methods a
    regime overrides (recognition: ``reward``; commission:
    ``incentive_pressure``) and from whether a default-parameter instance
    works to a quota.
    """
    from tightrope.model.params import Params
    from tightrope.model.regimes import REGIMES, Regime

    rules = pitch_rules()
    defaults = Params().regime
    rows = []
    for name, cls in REGIMES.items():
        regime = cls(defaults)
        incentives = []
        if regime.has_quota:
            incentives.append("quota (`regime.quota_stretch`)")
        if cls.reward is not Regime.reward:
            incentives.append("recognition and rank pressure (`regime.recognition_*`)")
        if cls.incentive_pressure is not Regime.incentive_pressure:
            incentives.append("commission (`regime.commission_*`)")
        rows.append(
            {
                "regime": f"`{name}`",
                "a service rep pitches": rules[name],
                "judgement can fail": _yes(cls.judges),
                "sales team, warm transfer": _yes(cls.dedicated),
                "pushed sales possible": _yes(cls.pushes),
                "incentive at the defaults": ", ".join(incentives) or "none",
            }
        )
    return pd.DataFrame(rows)


def model_context() -> dict[str, str]:
    """Template values: ``call_kinds`` and ``regime_table``."""
    return {"call_kinds": call_kinds_text(), "regime_table": markdown_table(regime_table())}
