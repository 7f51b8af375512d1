"""Coaching and quality monitoring: who is coached, on which skill, and who is dismissed.

Coaching (seeds 003, 004) is scheduled, not drawn: supervisors (and, if on,
experienced peers) give a number of sessions a day set by their ratio to the
reps, carried over as fractional credit, and the reps coached longest ago go
first. A session raises the learning rate of one skill for some days and
lifts morale once (reversion then lets it fade).

The boost is applied at the close of each day from the day's practice count:
``n`` contacts at rate ``a`` close the skill gap by ``(1 - a)^n``; at the
boosted rate ``a'`` by ``(1 - a')^n``, so the extra factor is
``((1 - a') / (1 - a))^n``. This leaves the call loop untouched.

Monitoring (seed 002) reviews a share of each rep's calls; a reviewed harmful
sale is recognised with a probability, earns a corrective session and a
morale drop, and the ``dismiss_after``-th detection gets the rep dismissed
(counted apart from quits and replaced through the hiring pipeline).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from tightrope.model.agents import Team

if TYPE_CHECKING:
    from tightrope.model.agents import Rep
    from tightrope.model.levers.daily import Levers
    from tightrope.model.model import CallCentre

SERVICE, SALES = 0, 1


@dataclass
class Boost:
    """A coached rep's faster learning: which skill, until which day, how strong."""

    skill: int
    until: int
    effect: float


class CoachingDesk:
    """Coaching sessions, learning boosts, call reviews, detections and dismissals."""

    def __init__(self, centre: CallCentre, rng: np.random.Generator) -> None:
        self.centre = centre
        self.rng = rng
        self.boosts: dict[int, Boost] = {}  # by rep id
        self.last_coached: dict[int, int] = {}
        self.detections: dict[int, int] = {}
        self.corrective: list[Rep] = []
        self.supervisor_credit = self.peer_credit = 0.0

    # ------------------------------------------------------------- learning
    def boost_learning(self, day: int, service_calls: list, sales_contacts: list) -> None:
        """Close more of the coached skill's gap, as if today's practice ran boosted."""
        p = self.centre.params
        if p.skills.frozen or not self.boosts:
            return
        t = self.centre.table
        boost = p.coaching.learning_boost
        for rep in sorted(self.centre.agents, key=lambda r: r.unique_id):
            b = self.boosts.get(rep.unique_id)
            if b is None:
                continue
            if b.until < day:
                del self.boosts[rep.unique_id]
                continue
            slot = rep.slot
            if b.skill == SERVICE:
                rate, n = p.skills.learn_service, service_calls[slot]
                skill, ceiling = t.service_skill, t.service_ceiling
            else:
                rate, n = p.skills.learn_sales, sales_contacts[slot]
                skill, ceiling = t.sales_skill, t.sales_ceiling
            if n <= 0 or rate <= 0.0 or rate >= 1.0:
                continue
            faster = min(1.0, rate * (1.0 + boost * b.effect))
            factor = ((1.0 - faster) / (1.0 - rate)) ** n
            skill[slot] = ceiling[slot] - (ceiling[slot] - skill[slot]) * factor

    def target_skill(self, rep: Rep) -> int:
        """Sales under a selling regime for a rep who pitches; else the weaker skill in use."""
        centre = self.centre
        t, slot = centre.table, rep.slot
        sells = rep.can_pitch or rep.team is Team.SALES
        if sells and (centre.regime.pitches or rep.team is Team.SALES):
            return SALES
        if not sells:
            return SERVICE
        service_gap = t.service_ceiling[slot] - t.service_skill[slot]
        sales_gap = t.sales_ceiling[slot] - t.sales_skill[slot]
        return SALES if sales_gap > service_gap else SERVICE

    def session(self, rep: Rep, day: int, effect: float, lift: float, levers: Levers) -> None:
        """One coaching session: a learning boost, a morale lift, a cost."""
        c = self.centre.params.coaching
        self.boosts[rep.unique_id] = Boost(self.target_skill(rep), day + c.boost_days, effect)
        self.last_coached[rep.unique_id] = day
        if lift and not self.centre.params.morale.frozen:
            rep.morale = min(1.0, rep.morale + lift * effect)
        levers.today["coaching_sessions"] += 1
        levers.today["coaching_cost"] += c.cost_per_session

    def coach(self, day: int, levers: Levers) -> None:
        """Corrective sessions first, then the day's scheduled supervisor and peer sessions."""
        centre = self.centre
        c = centre.params.coaching
        for rep in self.corrective:  # detected today, not dismissed: still employed
            self.session(rep, day, 1.0, 0.0, levers)
        self.corrective = []
        if c.supervisor_ratio <= 0 and c.peer_tenure_days <= 0:
            return
        reps = sorted(centre.agents, key=lambda r: r.unique_id)
        self.supervisor_credit += c.supervisor_ratio * len(reps) * c.sessions_per_day
        if c.peer_tenure_days > 0:
            experienced = sum(r.tenure_days >= c.peer_tenure_days and r.on_phones for r in reps)
            self.peer_credit += experienced * c.peer_sessions_per_day
        queue = sorted(
            (r for r in reps if r.on_phones),
            key=lambda r: (self.last_coached.get(r.unique_id, -1), r.unique_id),
        )
        n_sup = min(int(self.supervisor_credit), len(queue))
        n_peer = min(int(self.peer_credit), len(queue) - n_sup)
        for rep in queue[:n_sup]:
            self.session(rep, day, 1.0, c.morale_lift, levers)
        for rep in queue[n_sup : n_sup + n_peer]:
            self.session(rep, day, c.peer_effect, c.morale_lift, levers)
        self.supervisor_credit -= int(self.supervisor_credit)
        self.peer_credit -= int(self.peer_credit)

    # ----------------------------------------------------------- monitoring
    def review_calls(
        self, day: int, reps: list[Rep], service_calls: list, sales_contacts: list, levers: Levers
    ) -> None:
        """Review a share of today's calls; detections lead to coaching or dismissal."""
        m = self.centre.params.monitoring
        if m.review_share <= 0:
            return
        working = [rep for rep in reps if rep.on_phones]
        if not working:
            return
        slots = [rep.slot for rep in working]
        harmful = np.array([levers.harmful[s] for s in slots], dtype=np.int64)
        contacts = np.array([service_calls[s] + sales_contacts[s] for s in slots], dtype=np.int64)
        other = np.maximum(contacts - harmful, 0)
        reviewed_harmful = self.rng.binomial(harmful, m.review_share)
        reviewed_other = self.rng.binomial(other, m.review_share)
        detected = self.rng.binomial(reviewed_harmful, m.detection)
        reviewed = int(reviewed_harmful.sum() + reviewed_other.sum())
        levers.today["calls_reviewed"] += reviewed
        levers.today["monitoring_cost"] += reviewed * m.cost_per_review
        levers.today["harmful_detected"] += int(detected.sum())
        workforce = self.centre.workforce
        frozen = self.centre.params.morale.frozen
        for rep, caught in zip(working, detected.tolist(), strict=True):
            if not caught:
                continue
            total = self.detections.get(rep.unique_id, 0) + caught
            self.detections[rep.unique_id] = total
            if total >= m.dismiss_after:
                self.forget(rep.unique_id)
                workforce.dismiss(rep, day)
                continue
            if not frozen:
                rep.morale = max(0.0, rep.morale - m.detection_morale * caught)
            self.corrective.append(rep)

    def forget(self, rep_id: int) -> None:
        """Drop a departing rep's coaching and monitoring records."""
        for record in (self.boosts, self.last_coached, self.detections):
            record.pop(rep_id, None)
