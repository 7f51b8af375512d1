"""Quota and incentive regimes as small strategy objects behind one interface.

A regime decides whether a rep pitches on a service call (:meth:`decide`,
on the hot path, so plain arguments), sets the pressure behind pushed sales,
pays or praises at a sale, and runs the end-of-period review. Regimes are
chosen by name from :data:`REGIMES`; an unknown name fails with the list.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, ClassVar

from tightrope.model.params.org import Regime as RegimeParams

if TYPE_CHECKING:
    from tightrope.model.agents import Rep


class Regime:
    """Service only: nobody pitches, nothing is pushed (the baseline)."""

    name: ClassVar[str] = "service_only"
    pitches: ClassVar[bool] = False
    pushes: ClassVar[bool] = False
    refers: ClassVar[bool] = False
    dedicated: ClassVar[bool] = False

    def __init__(self, params: RegimeParams) -> None:
        self.params = params

    def decide(self, perceived: bool, angry: bool, orientation: float, sale_chance: float) -> bool:
        """Whether the rep pitches on this service call."""
        return False

    def pressure(self, rep: Rep, day_in_period: int) -> float:
        """Pressure in [0, 1] behind pushed sales tomorrow (0: none possible)."""
        return 0.0

    def review(self, reps: list[Rep]) -> None:
        """End of a review period: quotas, recognition (default: nothing)."""


class MandatoryUpsell(Regime):
    """Pitch on every call, angry callers included, against a sales quota (seed 002)."""

    name = "mandatory_upsell"
    pitches = True
    pushes = True

    def decide(self, perceived: bool, angry: bool, orientation: float, sale_chance: float) -> bool:
        """Always pitch."""
        return True

    def pressure(self, rep: Rep, day_in_period: int) -> float:
        """Shortfall against the quota to date (Schweitzer et al. 2004)."""
        target = self.params.quota * day_in_period
        if target <= 0:
            return 0.0
        return min(1.0, max(0.0, 1.0 - rep.period_sales / target))

    def review(self, reps: list[Rep]) -> None:
        """Morale falls with the share of the period's quota missed."""
        target = self.params.quota * self.params.review_days
        if target <= 0:
            return
        for rep in reps:
            shortfall = max(0.0, 1.0 - rep.period_sales / target)
            rep.morale = max(0.0, rep.morale - self.params.quota_penalty * shortfall)


class DiscretionaryRewards(Regime):
    """Pitch only to a perceived need, never to an angry caller; recognise broadly (002, 003)."""

    name = "discretionary_rewards"
    pitches = True

    def decide(self, perceived: bool, angry: bool, orientation: float, sale_chance: float) -> bool:
        """Pitch to a perceived need, never to an angry caller."""
        return perceived and not angry

    def review(self, reps: list[Rep]) -> None:
        """Recognise the reps who improved most (sales and resolved calls), not just the top."""
        p = self.params
        n = math.floor(p.recognition_breadth * len(reps) + 0.5)
        if n <= 0 or p.recognition_strength <= 0:
            return
        ranked = sorted(reps, key=lambda rep: (-rep.improvement(), rep.unique_id))
        for rep in ranked[:n]:
            rep.morale = min(1.0, rep.morale + p.recognition_strength)
            rep.recognitions += 1


class Commission(Regime):
    """Pay per sale; a rep pitches when expected pay beats their discomfort (seed 003)."""

    name = "commission"
    pitches = True
    pushes = True

    def decide(self, perceived: bool, angry: bool, orientation: float, sale_chance: float) -> bool:
        """Expected commission against discomfort, which is larger for service temperaments."""
        expected_pay = self.params.commission_per_sale * sale_chance
        return expected_pay > self.params.commission_discomfort * (1.0 - orientation)

    def pressure(self, rep: Rep, day_in_period: int) -> float:
        """Pay on results pushes everyone a little, whatever the quota."""
        return self.params.commission_pressure


class Specialised(Regime):
    """Service reps never pitch; they refer perceived needs to a sales team (seed 000)."""

    name = "specialised"
    refers = True
    dedicated = True


REGIMES: dict[str, type[Regime]] = {
    cls.name: cls
    for cls in (Regime, MandatoryUpsell, DiscretionaryRewards, Commission, Specialised)
}


def make_regime(params: RegimeParams) -> Regime:
    """The strategy object for ``params.name``."""
    try:
        return REGIMES[params.name](params)
    except KeyError:
        raise ValueError(f"unknown regime {params.name!r}; known: {', '.join(REGIMES)}") from None
