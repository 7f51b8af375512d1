"""Which policy parameters can act under a regime and organisation design.

A policy is a regime plus the numbers that tune it, but most tuning numbers
belong to one regime: a commission per sale pays only under commission,
recognition rewards only under discretionary rewards, a quota stretch sets a
quota only where reps work to one, and a sales team's share sizes a team only
where there is a sales team. Tables of policies (the policy front) blank the
numbers that cannot act, so a reader does not read meaning into them.
``tests/test_policy_levers.py`` runs the model to check every entry both ways.
"""

from __future__ import annotations

import dataclasses

from tightrope.model.params import Params
from tightrope.model.regimes import Regime, make_regime

#: The parameters the ruling reads: they decide which :data:`TUNING` numbers can act.
STRUCTURAL = (
    "regime.name",
    "regime.quota_scope",
    "org.design",
    "transition.day",
    "transition.regime",
    "transition.design",
)
#: The regime-specific policy parameters this module rules on.
TUNING = (
    "regime.commission_per_sale",
    "regime.recognition_strength",
    "regime.recognition_breadth",
    "regime.quota_stretch",
    "org.sales_team_share",
)


def _acting(regime: Regime, design: str) -> set[str]:
    acting = set()
    if regime.name == "commission":
        acting.add("regime.commission_per_sale")
    if regime.name == "discretionary_rewards":
        acting |= {"regime.recognition_strength", "regime.recognition_breadth"}
    if regime.works_to_quota:  # the stretch decides the quota (none at a stretch of 0)
        acting.add("regime.quota_stretch")
    if design == "dedicated" or regime.dedicated:
        acting.add("org.sales_team_share")
    return acting


def inert_levers(params: Params) -> frozenset[str]:
    """The :data:`TUNING` parameters that cannot change a run of ``params``.

    With a transition (``transition.day`` > 0), a parameter acts if it acts
    before or after it.
    """
    acting = _acting(make_regime(params.regime), params.org.design)
    t = params.transition
    if t.day > 0:
        after = make_regime(dataclasses.replace(params.regime, name=t.regime))
        design = params.org.design if t.design == "unchanged" else t.design
        acting |= _acting(after, design)
    return frozenset(TUNING) - acting
