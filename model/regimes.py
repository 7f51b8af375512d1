"""Quota and incentive regimes as small strategy objects behind one interface.

A regime decides whether a rep pitches on a service call (:attr:`decision`,
a rule code the compiled call loop switches on; :meth:`decide` runs the same
rule), sets the pressure behind pushed sales, pays or praises at a sale, and
runs the end-of-period review. Regimes are chosen by name from
:data:`REGIMES`, the one list of regimes: parameter choices (``regime.name``,
``transition.regime``) and the figures' labels and colours read it, so a new
regime is one class added to it. An unknown name fails with the list.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, ClassVar

from tightrope.model.calls.layout import (
    DECIDE_ALWAYS,
    DECIDE_NEVER,
    DECIDE_PAY,
    DECIDE_PERCEIVED_CALM,
)
from tightrope.model.calls.outcomes import decide

if TYPE_CHECKING:
    from tightrope.model.agents import Rep
    from tightrope.model.params.org import Regime as RegimeParams


def goal_pressure(shortfall: float, form: str, scale: float) -> float:
    """Pressure in [0, 1] from a goal missed by ``shortfall`` (share of the goal).

    ``goal_proximity`` (Schweitzer, Ordonez & Douma 2004): highest just short of
    the goal, ``exp(-shortfall / scale)``, low far from it, zero once it is met.
    ``monotone``: the shortfall itself.
    """
    if shortfall <= 0.0:
        return 0.0
    if form == "monotone":
        return min(1.0, shortfall)
    return math.exp(-shortfall / scale)


def combine(*pressures: float) -> float:
    """Several incentives at once: 1 - prod(1 - p), so the result stays in [0, 1]."""
    calm = 1.0
    for value in pressures:
        calm *= 1.0 - value
    return 1.0 - calm


class Regime:
    """Service only: nobody pitches, nothing is pushed (the baseline).

    The shared machinery of the selling regimes lives here: a quota set as a
    stretch on attainable sales (the team's genuine sales per rep-day over the
    previous review period; none in the first period), its review penalty and
    the pressure it puts on reps who pitch.
    """

    name: ClassVar[str] = "service_only"
    label: ClassVar[str] = "Service only"  # in figures, tables and the paper
    pitches: ClassVar[bool] = False
    pushes: ClassVar[bool] = False
    refers: ClassVar[bool] = False
    dedicated: ClassVar[bool] = False
    # Pitches (or refers) by the rep's judgement of need and mood, so a rep can misread
    # an angry caller or, under pressure, pitch a need not seen (sales.misread_max,
    # sales.pressure_pitch).
    judges: ClassVar[bool] = False
    # The pitch decision on a service call, as the call loop's rule code
    # (:func:`tightrope.model.calls.outcomes.decide`): here, never.
    decision: ClassVar[int] = DECIDE_NEVER

    def __init__(self, params: RegimeParams) -> None:
        self.params = params
        self.quota: dict[int, float] = {}  # sales per rep-day, by team; empty: no quota yet

    @property
    def sells(self) -> bool:
        """Whether anybody sells under this regime (reps who pitch, or a sales team)."""
        return self.pitches or self.refers

    @property
    def works_to_quota(self) -> bool:
        """Whether sellers work to a quota here, whatever its stretch (``quota_scope``)."""
        scope = self.params.quota_scope
        return self.sells and (scope == "every_regime" or self.name == "mandatory_upsell")

    @property
    def has_quota(self) -> bool:
        """Whether reps who sell work to a quota under this regime."""
        return self.params.quota_stretch > 0 and self.works_to_quota

    def decide(self, perceived: bool, angry: bool, orientation: float, sale_chance: float) -> bool:
        """Whether the rep pitches on this service call: the compiled rule :attr:`decision`."""
        p = self.params
        return decide(self.decision, perceived, angry, orientation, sale_chance,
                      p.commission_per_sale, p.commission_discomfort)  # fmt: skip

    def quota_shortfall(self, rep: Rep, days: float) -> float:
        """Share of the quota for ``days`` on the phones not yet met (0 without a quota)."""
        target = self.quota.get(int(rep.team), 0.0) * days
        if target <= 0 or not rep.can_pitch:
            return 0.0
        return max(0.0, 1.0 - rep.period_sales / target)

    def incentive_pressure(self, rep: Rep) -> float:
        """Pressure from the regime's own incentive (commission, recognition); none here."""
        return 0.0

    def pressure(self, rep: Rep, day_in_period: int) -> float:
        """Pressure in [0, 1] behind pushed sales tomorrow: quota and incentive combined."""
        p = self.params
        quota = 0.0
        if self.has_quota:
            shortfall = self.quota_shortfall(rep, rep.period_days)
            quota = goal_pressure(shortfall, p.pressure_form, p.proximity_scale)
        return combine(quota, self.incentive_pressure(rep))

    def pressures(self, reps: list[Rep], day_in_period: int) -> None:
        """Set every rep's pressure for tomorrow (regimes that rank reps override this)."""
        for rep in reps:
            rep.pressure = self.pressure(rep, day_in_period)

    def review(self, reps: list[Rep]) -> None:
        """End of a review period: quota penalty, rewards, then next period's quota."""
        if self.has_quota:
            penalty = self.params.quota_penalty
            for rep in reps:
                shortfall = self.quota_shortfall(rep, rep.period_days)
                rep.morale = max(0.0, rep.morale - penalty * shortfall)
            self.set_quota(reps)
        self.reward(reps)

    def set_quota(self, reps: list[Rep]) -> None:
        """Quota per rep-day, by team: stretch times the team's genuine sales per rep-day."""
        sales: dict[int, float] = {}
        days: dict[int, float] = {}
        for rep in reps:
            if rep.can_pitch and rep.period_days > 0:
                team = int(rep.team)
                sales[team] = sales.get(team, 0.0) + rep.period_genuine
                days[team] = days.get(team, 0.0) + rep.period_days
        stretch = self.params.quota_stretch
        self.quota = {team: stretch * sales[team] / days[team] for team in days}

    def reward(self, reps: list[Rep]) -> None:
        """Recognition or other end-of-period rewards (default: none)."""


class MandatoryUpsell(Regime):
    """Pitch on every call, angry callers included, against a sales quota (seed 002)."""

    name = "mandatory_upsell"
    label = "Mandatory upsell + quota"
    pitches = True
    pushes = True

    decision = DECIDE_ALWAYS  # always pitch


class DiscretionaryRewards(Regime):
    """Pitch only to a perceived need, never to an angry caller; recognise broadly (002, 003).

    Recognition is a rank competition: reps just below the cut feel pressure
    (``regime.recognition_pressure``, shaped like a goal's pressure with the
    share of reps still to overtake as the shortfall).
    """

    name = "discretionary_rewards"
    label = "Discretionary + rewards"
    pitches = True
    pushes = True  # a pitch on a wrongly perceived need can be pushed (issue 12: paths open)
    judges = True

    decision = DECIDE_PERCEIVED_CALM  # pitch to a perceived need, never to an angry caller

    def cut(self, n_reps: int) -> int:
        """How many reps are recognised each period."""
        p = self.params
        if p.recognition_strength <= 0:
            return 0
        return math.floor(p.recognition_breadth * n_reps + 0.5)

    def ranked(self, reps: list[Rep]) -> list[Rep]:
        """Reps by improvement over their previous period, best first."""
        return sorted(reps, key=lambda rep: (-rep.improvement(), rep.unique_id))

    def pressures(self, reps: list[Rep], day_in_period: int) -> None:
        """Quota pressure combined with rank pressure near the recognition cut."""
        p = self.params
        ranks = [rep for rep in reps if rep.on_phones]
        n = self.cut(len(ranks))
        rank_pressure: dict[int, float] = {}
        if 0 < n < len(ranks) and p.recognition_pressure > 0:
            for i, rep in enumerate(self.ranked(ranks)):
                short = (i - n + 1) / len(ranks) if i >= n else 0.0
                rank_pressure[rep.unique_id] = p.recognition_pressure * goal_pressure(
                    short, p.pressure_form, p.proximity_scale
                )
        for rep in reps:
            rep.pressure = combine(
                self.pressure(rep, day_in_period), rank_pressure.get(rep.unique_id, 0.0)
            )

    def reward(self, reps: list[Rep]) -> None:
        """Recognise the reps who improved most (sales and resolved calls), not just the top."""
        n = self.cut(len(reps))
        for rep in self.ranked(reps)[:n]:
            rep.morale = min(1.0, rep.morale + self.params.recognition_strength)
            rep.recognitions += 1


class Commission(Regime):
    """Pay per sale; a rep pitches when expected pay beats their discomfort (seed 003)."""

    name = "commission"
    label = "Commission"
    pitches = True
    pushes = True

    # Expected commission against discomfort, which is larger for service temperaments.
    decision = DECIDE_PAY

    def incentive_pressure(self, rep: Rep) -> float:
        """Pay on results pushes everyone a little, whatever the quota."""
        return self.params.commission_pressure


class Specialised(Regime):
    """Service reps never pitch; they refer perceived needs of calm callers to a sales team.

    Seed 000. :meth:`decide` is the referral decision (the transfer is the pitch by proxy).
    """

    name = "specialised"
    label = "Specialised sales team"
    refers = True
    pushes = True  # the sales team can push on a caller without a need
    dedicated = True
    judges = True

    # The referral decision: a perceived need, a caller judged calm.
    decision = DECIDE_PERCEIVED_CALM


#: Every regime by name, in the paper's order (figures and tables list them so).
REGIMES: dict[str, type[Regime]] = {
    cls.name: cls
    for cls in (Regime, DiscretionaryRewards, MandatoryUpsell, Commission, Specialised)
}


def make_regime(params: RegimeParams) -> Regime:
    """The strategy object for ``params.name``."""
    try:
        return REGIMES[params.name](params)
    except KeyError:
        raise ValueError(f"unknown regime {params.name!r}; known: {', '.join(REGIMES)}") from None
