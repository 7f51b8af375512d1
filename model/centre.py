"""The call centre: a Mesa model whose ``step()`` is one working day.

Inside a step the event-driven call loop (:mod:`model.callflow`) runs the
day's calls in continuous time; then the daily phase runs (the reps'
``end_of_day`` and the behaviour hooks that later layers add), and Mesa's
DataCollector records the day. The run summary excludes the burn-in.
"""

from __future__ import annotations

import mesa
import numpy as np

from model import kpis
from model.arrivals import CumulativeRate, call_blocks, flat_calls
from model.callflow import DayPlan, DayTotals, run_day
from model.params import Params
from model.reps import Rep, RepTable, Status, Team
from model.routing import pool_factory


class CallCentre(mesa.Model):
    """An inbound call centre staffed by :class:`~model.reps.Rep` agents."""

    def __init__(
        self,
        params: Params | None = None,
        rng: int | np.random.Generator | np.random.SeedSequence | None = None,
        *,
        record_calls: bool = False,
    ) -> None:
        super().__init__(rng=rng)
        self.params = params or Params()
        # Independent streams per purpose, so changing one mechanism's draws
        # leaves the others' random numbers where they were.
        self.arrival_rng, self.call_rng, self.daily_rng = self.rng.spawn(3)
        self.table = RepTable()
        self.new_pool = pool_factory(self.params.staffing.routing, self.table)
        self.intensity = CumulativeRate(
            self.params.arrivals.rate,
            self.params.staffing.day_minutes,
            self.params.arrivals.profile,
        )
        self.call_log: list[tuple] | None = [] if record_calls else None
        self.today = DayTotals()
        self.active_today = 0
        self.calls_simulated = 0
        self.measured = kpis.Accumulator()
        for _ in range(self.params.staffing.reps):
            self.hire(Status.ACTIVE)
        self.datacollector = mesa.DataCollector(model_reporters=kpis.DAILY_REPORTERS)

    # ------------------------------------------------------------------ reps
    def hire(self, status: Status, training_days: int = 0) -> Rep:
        """Add one rep (identical, fully skilled reps until behaviour is on)."""
        return Rep(
            self,
            Team.BLENDED,
            status=status,
            training_days_left=training_days,
            service_skill=1.0,
            sales_skill=1.0,
            orientation=0.5,
            morale=1.0,
            morale_baseline=1.0,
        )

    def reps_on_phones(self) -> list[int]:
        """Slots of today's active reps, in a random order (who is idle first)."""
        active = self.agents.select(lambda rep: rep.on_phones)
        slots = [rep.slot for rep in active]
        self.call_rng.shuffle(slots)
        return slots

    # ------------------------------------------------------------------ a day
    def day_calls(self):
        """Today's arrival stream of call tuples."""
        s = self.params.service
        patience = s.patience if s.abandonment else None
        blocks = call_blocks(
            self.arrival_rng,
            self.intensity,
            s.handle_time_distribution,
            s.handle_time_cv,
            patience,
        )
        return flat_calls(blocks)

    def step(self) -> None:
        """One working day: the call loop, then the daily phase, then data collection."""
        p = self.params
        slots = self.reps_on_phones()
        self.active_today = len(slots)
        plan = DayPlan(
            calls=self.day_calls(),
            reps=slots,
            team=self.table.team,
            new_pool=self.new_pool,
            aht=p.service.aht,
            close=p.staffing.day_minutes,
            sl_threshold=p.service.sl_threshold / 60.0,
            count_from=p.run.burn_in_minutes,
            record=self.call_log,
            day=self.steps,
        )
        self.today = run_day(plan)
        self.calls_simulated += self.today.arrivals + self.today.outbound
        if self.steps > p.run.burn_in_days:
            open_minutes = p.staffing.day_minutes - p.run.burn_in_minutes
            self.measured.add(self.today, open_minutes * len(slots))
        self.agents.shuffle_do("end_of_day")
        self.datacollector.collect(self)
        if self.steps >= p.run.days:
            self.running = False

    def run(self) -> None:
        """Run every day of the horizon."""
        while self.running:
            self.step()

    def summary(self) -> dict[str, float]:
        """KPIs over the measured days (after the burn-in)."""
        return kpis.queue_summary(self.measured)
