"""The call centre: a Mesa model whose ``step()`` is one working day.

Inside a step the event-driven call loop (:mod:`tightrope.model.calls.loop`)
runs the day's calls in continuous time, with the behaviour hooks of
:mod:`tightrope.model.calls.outcomes` and :mod:`tightrope.model.calls.outbound`;
then the daily phase runs in a fixed order (reps' ``end_of_day``, the regime's
review and pressure, quits and hires, customer trust and churn), and Mesa's
DataCollector records the day. The run summary excludes the burn-in; its
columns are those of :mod:`tightrope.model.kpi_registry`. Management levers
(:mod:`tightrope.model.levers.daily`) hook in at fixed points of the day; with
every lever off there is no lever object at all.
"""

from __future__ import annotations

import copy
from operator import attrgetter
from typing import Any

import mesa
import numpy as np
import pandas as pd

from tightrope.model import kpis
from tightrope.model.agents import STATE_FIELDS, Rep, RepTable, Status
from tightrope.model.calls.arrivals import CumulativeRate, call_blocks, call_rows
from tightrope.model.calls.dayarrays import day_parameters, rep_matrix, write_back
from tightrope.model.calls.loop import BufferSizes, DayPlan, DayTotals, run_day
from tightrope.model.calls.record import CALL_UNIFORMS, TIME
from tightrope.model.calls.routing import by_skill
from tightrope.model.calls.tally import Tally
from tightrope.model.customers import CustomerBase
from tightrope.model.kpi_registry import ordered_summary
from tightrope.model.levers import kpis as lever_kpis
from tightrope.model.levers.daily import make_levers
from tightrope.model.params import Params
from tightrope.model.params.overrides import with_overrides
from tightrope.model.regimes import make_regime
from tightrope.model.staffing import TeamPlan, plan_teams
from tightrope.model.workforce import Workforce, initial_teams, new_rep


class CallCentre(mesa.Model):
    """An inbound call centre staffed by :class:`~tightrope.model.agents.Rep` agents."""

    def __init__(
        self,
        params: Params | None = None,
        rng: int | np.random.Generator | np.random.SeedSequence | None = None,
        *,
        record_calls: bool = False,
        teams: list[TeamPlan] | None = None,
        **kwargs: Any,
    ) -> None:
        """Build the centre from ``params`` with the keyword overrides ``kwargs`` applied.

        Overrides use scikit-learn's double-underscore spelling of a dotted
        parameter (``regime__name="commission"`` sets ``regime.name``), so
        ``mesa.batch_run`` and SolaraViz can vary parameters by plain keyword
        arguments and their result rows carry plain columns. ``teams`` fixes the
        team sizes (the staffing pilot uses it; see :mod:`tightrope.model.staffing`).
        """
        p = with_overrides(params, kwargs)
        # The staffing pilot starts from the run's own seed, so it meets the same reps
        # and the same first days of calls (a Generator is copied before Mesa uses it).
        pilot_rng = copy.deepcopy(rng) if isinstance(rng, np.random.Generator) else rng
        super().__init__(rng=rng)
        self.params = p
        # Independent streams per purpose, so changing one mechanism's draws
        # leaves the others' random numbers where they were.
        self.arrival_rng, self.call_rng, self.daily_rng, customer_rng = self.rng.spawn(4)
        self.behaviour = p.run.behaviour
        self.regime = make_regime(p.regime)
        self.table = RepTable()
        by_skill(p.staffing.routing)  # an unknown routing policy fails here, with the list
        total_rate = p.arrivals.rate + (p.arrivals.sales_rate if self.behaviour else 0.0)
        self.sales_share = (
            p.arrivals.sales_rate / total_rate if self.behaviour and total_rate else 0
        )
        self.intensity = CumulativeRate(total_rate, p.staffing.day_minutes, p.arrivals.profile)
        population = p.customers.population if self.behaviour else 0
        self.customers = CustomerBase(p.customers, customer_rng, population)
        self.workforce = Workforce(self)
        self.levers = make_levers(self)
        self.call_log: list[tuple] | None = [] if record_calls else None
        self.today = DayTotals()
        self.tally = Tally()
        self.buffer_sizes = BufferSizes()  # the loop's queue buffers, kept from day to day
        self.active_today = 0
        self.calls_simulated = 0
        self.harmful_to_date = 0.0
        self.measured = kpis.Accumulator()
        self.run_tally = Tally()
        self.daily_morale: list[tuple[float, float]] = []
        self.warmup_today = float("nan")
        self.staffing_plan: list[TeamPlan] = teams or []
        if p.staffing.policy == "service_level" and teams is None:
            self.staffing_plan = plan_teams(p, pilot_rng)
        for team in initial_teams(self):
            self.hire(team)
        for plan in self.staffing_plan:
            self.workforce.start_empty_seats(plan)
        self.initial_headcount = len(self.agents)
        self.datacollector = mesa.DataCollector(
            model_reporters=kpis.DAILY_REPORTERS | lever_kpis.DAILY_REPORTERS
        )
        self.datacollector.collect(self)  # step 0: the initial state (Mesa convention)

    # ------------------------------------------------------------------ reps
    def hire(self, team) -> Rep:
        """An experienced starting rep (identical and fully skilled in queue-only mode)."""
        if self.behaviour:
            return new_rep(self, team, Status.ACTIVE, self.params.hiring.start_experience)
        return Rep(self, team, service_skill=1.0, sales_skill=1.0, morale=1.0, morale_baseline=1.0)

    def reps_on_phones(self) -> list[int]:
        """Slots of today's active reps, in a random order (who is idle first)."""
        slots = sorted(rep.slot for rep in self.agents if rep.on_phones)
        self.call_rng.shuffle(slots)
        return slots

    # ------------------------------------------------------------------ a day
    def day_calls(self) -> list[np.ndarray]:
        """Today's arrivals as blocks of call rows: fresh calls merged with customers calling back.

        A day with behaviour is one block; the queue-only mode's one long day
        arrives block by block (a lazy stream: memory stays flat).
        """
        p = self.params
        s = p.service
        patience = s.patience if s.abandonment else None
        extra = CALL_UNIFORMS if self.behaviour else 0
        fresh = call_blocks(
            self.arrival_rng, self.intensity, s.handle_time_distribution, s.handle_time_cv,
            patience, self.sales_share, self.customers.size, extra,
        )  # fmt: skip
        if not self.behaviour:
            return fresh
        repeat = self.customers.repeat_callers(self.steps)
        redial, kinds, redial_repeat = self.customers.redialers(self.steps)
        # Drawn before the fresh calls (a lazy stream): the order of the arrival draws.
        again: list[np.ndarray] = []
        for who, kind, marks in ((repeat, None, True), (redial, kinds, redial_repeat)):
            if not who.size:
                continue
            mass = self.arrival_rng.random(who.size) * self.intensity.total
            times = np.sort(self.intensity.inverse(mass))
            again.append(call_rows(
                self.arrival_rng, times, s.handle_time_distribution, s.handle_time_cv, patience,
                0.0, who, extra, kind, marks,
            ))  # fmt: skip
        # A working day fits in memory: merge and sort once (stable: fresh calls first on ties).
        calls = np.concatenate([*fresh, *again]) if again else None
        if calls is None:
            blocks = list(fresh)
            return [np.concatenate(blocks)] if len(blocks) > 1 else blocks
        return [np.take(calls, np.argsort(calls[:, TIME], kind="stable"), axis=0)]

    def step(self) -> None:
        """One working day: the call loop, then the daily phase, then data collection."""
        p = self.params
        levers = self.levers
        if levers is not None:
            levers.start_of_day(self.steps)
        slots = self.reps_on_phones()
        self.active_today = len(slots)
        self.tally = Tally()
        reps = rep_matrix(self.table)
        customers = self.customers
        behaviour = self.behaviour
        hung_up: list[np.ndarray] = []
        unserved: list[np.ndarray] = []
        plan = DayPlan(
            calls=self.day_calls(),
            reps=slots,
            table=reps,
            par=day_parameters(self),
            tally=self.tally.values,
            trust=customers.trust,
            rng=self.call_rng,
            record=self.call_log,
            hung_up=hung_up if behaviour else None,
            unserved=unserved if behaviour else None,
            unresolved=customers.unresolved_arrays,
            harm_events=customers.harm_arrays,
            sizes=self.buffer_sizes,
        )
        self.today = run_day(plan)
        write_back(self.table, reps)
        if hung_up:
            customers.hung_up(np.concatenate(hung_up), self.steps)
        if unserved:
            customers.unserved(np.concatenate(unserved))
        self.calls_simulated += self.today.arrivals + self.today.outbound
        self.harmful_to_date += self.tally.sales_harmful
        self.warmup_today = kpis.mean_of(self.table.warmup, slots)
        if levers is not None:
            levers.after_calls(self.steps)
        self.agents.shuffle_do("end_of_day")
        if self.behaviour:
            self.daily_phase()
        if self.steps > p.run.burn_in_days:
            open_minutes = p.staffing.day_minutes - p.run.burn_in_minutes
            self.measured.add(self.today, open_minutes * len(slots))
            self.measured.add_behaviour(self)
            if levers is not None:
                levers.measure(self.today, open_minutes * len(slots))
        self.datacollector.collect(self)
        if self.steps >= p.run.days:
            self.running = False

    def daily_phase(self) -> None:
        """Review and pressure, quits and hires, customers: in a fixed, documented order."""
        p = self.params
        day_in_period = (self.steps - 1) % p.regime.review_days + 1
        # Plain lists, not AgentSet.sort/select: the same order, without building weak
        # dictionaries every day.
        reps = sorted(self.agents, key=attrgetter("unique_id"))
        if day_in_period == p.regime.review_days:
            self.regime.review([rep for rep in reps if rep.on_phones])
            for rep in reps:
                rep.close_period()
            day_in_period = 0
        self.regime.pressures(reps, day_in_period)
        self.workforce.start_of_exits()
        if self.levers is not None:
            self.levers.before_exits(self.steps, reps)
        self.workforce.end_of_day(self.steps)
        self.customers.end_of_day(self.steps)

    def run(self) -> None:
        """Run every day of the horizon (Mesa's ``run_model``: until ``running`` is False)."""
        self.run_model()

    def rep_snapshot(self) -> pd.DataFrame:
        """One row per employed rep: state, team, status and tenure (for inspection)."""
        rows = [
            {
                "rep": rep.unique_id,
                "team": rep.team.name.lower(),
                "status": rep.status.value,
                "tenure_days": rep.tenure_days,
                "can_pitch": rep.can_pitch,
                **{name: getattr(rep, name) for name in STATE_FIELDS},
            }
            for rep in self.agents.sort("unique_id", ascending=True)
        ]
        return pd.DataFrame(rows)

    def summary(self) -> dict[str, float]:
        """KPIs over the measured days (after the burn-in), as registered in the KPI registry."""
        out = kpis.queue_summary(self.measured)
        if self.behaviour:
            out.update(kpis.behaviour_summary(self))
            out.update(lever_kpis.lever_summary(self))
        return ordered_summary(out)
