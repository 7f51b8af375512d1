"""The management levers' daily machinery, present only when a lever is on.

:func:`make_levers` returns ``None`` when every lever is off or neutral, so
the default model runs exactly the code and draws exactly the random numbers
it did before the levers existed. Cold calls and call avoidance live inside
the call hooks (:mod:`tightrope.model.calls.outbound`,
:mod:`tightrope.model.calls.outcomes`); the rest runs here, at fixed points
of the day:

1. :meth:`Levers.start_of_day` - a regime transition due today switches.
2. :meth:`Levers.after_calls` - today's per-rep counts are read before the
   reps' ``end_of_day`` resets them; coached reps learn faster.
3. :meth:`Levers.before_exits` - monitoring (dismissals), coaching sessions,
   scoreboard and contagion, before the day's quits, so a shock reaches the
   quit hazard the same evening.

All lever randomness comes from one extra stream spawned from the model's
generator, which leaves the other streams untouched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tightrope.model import kpis
from tightrope.model.calls.loop import DayTotals
from tightrope.model.levers.coaching import CoachingDesk
from tightrope.model.levers.kpis import LEVER_COUNTERS
from tightrope.model.levers.teamwork import apply_contagion, apply_scoreboard
from tightrope.model.levers.transition import switch_regime

if TYPE_CHECKING:
    from tightrope.model.agents import Rep
    from tightrope.model.model import CallCentre


def levers_on(centre: CallCentre) -> bool:
    """Whether any lever that needs the daily machinery is switched on."""
    p = centre.params
    return centre.behaviour and (
        p.coaching.supervisor_ratio > 0
        or p.coaching.peer_tenure_days > 0
        or p.monitoring.review_share > 0
        or p.transition.active
        or p.scoreboard.enabled
        or p.contagion.rate > 0
    )


def make_levers(centre: CallCentre) -> Levers | None:
    """The lever machinery, or ``None`` when no lever needs it (the exact default path)."""
    return Levers(centre) if levers_on(centre) else None


class Levers:
    """Coaching, monitoring, transition, scoreboard and contagion of one run."""

    def __init__(self, centre: CallCentre) -> None:
        p = centre.params
        self.centre = centre
        (self.rng,) = centre.rng.spawn(1)
        self.desk = (
            CoachingDesk(centre, self.rng)
            if p.coaching.supervisor_ratio > 0
            or p.coaching.peer_tenure_days > 0
            or p.monitoring.review_share > 0
            else None
        )
        self.today: dict[str, float] = dict.fromkeys(LEVER_COUNTERS, 0.0)
        self.board: dict[int, float] = {}  # sales this review period, by rep id
        # Today's per-slot counts, read before the reps' end_of_day resets them.
        self.sales: list[float] = []
        self.harmful: list[float] = []
        self.service_calls: list[float] = []
        self.sales_contacts: list[float] = []
        # Measured days before and after a transition, for the *_before / *_after KPIs.
        self.before = kpis.Accumulator()
        self.after = kpis.Accumulator()

    def start_of_day(self, day: int) -> None:
        """Reset today's counters; switch regime if a transition is due today."""
        self.today = dict.fromkeys(LEVER_COUNTERS, 0.0)
        p = self.centre.params
        if p.transition.active and day == p.transition.day:
            switch_regime(self.centre, self.rng)
        if p.scoreboard.enabled and (day - 1) % p.regime.review_days == 0:
            self.board = {}

    def after_calls(self, day: int) -> None:
        """Keep today's per-rep counts; coached reps learn faster from today's practice."""
        t = self.centre.table
        self.sales = list(t.sales)
        self.harmful = list(t.harmful_sales)
        self.service_calls = list(t.service_calls)
        self.sales_contacts = list(t.sales_contacts)
        if self.desk is not None:
            self.desk.boost_learning(day, self.service_calls, self.sales_contacts)

    def before_exits(self, day: int, reps: list[Rep]) -> None:
        """Monitoring and dismissals, coaching, scoreboard, contagion (in this order)."""
        p = self.centre.params
        if self.desk is not None:
            self.desk.review_calls(day, reps, self.service_calls, self.sales_contacts, self)
            self.desk.coach(day, self)
        if p.scoreboard.enabled:
            apply_scoreboard(self.centre, self.board, self.sales)
        if p.contagion.rate > 0:
            apply_contagion(self.centre)

    def measure(self, today: DayTotals, rep_minutes: float) -> None:
        """Add a measured day to the before- or after-transition accumulator."""
        p = self.centre.params
        if not p.transition.active:
            return
        acc = self.before if self.centre.steps < p.transition.day else self.after
        acc.add(today, rep_minutes)
        acc.add_behaviour(self.centre)
