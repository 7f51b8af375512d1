"""Staffing policy: fixed headcount, or each team sized to a service level.

Under ``staffing.policy = service_level`` the centre runs a short *pilot*
(``staffing.pilot_days`` at the fixed headcount, its own random stream) and
measures, per team, the arrival rate of the calls the team answers (repeat
calls, transfers and pitch time included, since the pilot runs the full
model) and their handle times. Erlang A on the mean handle time gives a first
headcount; because the model's handle times are not exponential (lognormal,
plus complex calls and pitches), the plan is then checked by simulating the
team's queue with the pilot's own handle times (trace-driven, the model's
call loop without behaviour, the same working days) and moved to the fewest
reps on the phones whose simulated service level is nearest
``staffing.target_sl`` within ``service.sl_threshold`` (the simulated queue
is slightly pessimistic, by about 2-3 points, against the full model). The roster is grossed up
for the seats that attrition keeps empty (Little's law: daily quit hazard at
the pilot's morale times the days a seat stays empty, ``hiring.lag_days +
hiring.training_days``). Vacancies are refilled to that roster, so hiring
targets follow. The queue-only validation mode needs no pilot: its reps are
identical, so the plan is Erlang A on ``arrivals.rate`` and ``service.aht``.

Assumptions worth knowing: a blended pool is sized on its pooled load and
handle times, handle times are drawn independently of who answers, and a
team's arrivals are Poisson at the intraday profile of the fresh calls.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from tightrope.model.agents import Team
from tightrope.model.calls.arrivals import CumulativeRate, arrival_times
from tightrope.model.calls.dayarrays import queue_parameters
from tightrope.model.calls.layout import REP_COLUMNS, REP_TEAM, ROW
from tightrope.model.calls.loop import DayPlan, run_day
from tightrope.model.calls.record import CUSTOMER, DEADLINE, HANDLE_UNITS, KIND, SERVICE, TIME
from tightrope.model.validation.theory import erlang_a, erlang_c

if TYPE_CHECKING:
    from tightrope.model.params import Params

Seed = int | np.random.Generator | np.random.SeedSequence | None


MAX_SHIFT = 0.1  # largest correction of the simulated queue by the pilot (service level)


@dataclass(frozen=True)
class Measured:
    """What a pilot measured for one team."""

    rate: float  # calls/min the team must answer
    handle: np.ndarray  # handle times of the calls it answered (min)
    hazard: float  # mean daily quit hazard of its reps
    service_level: float  # share of its calls answered within the threshold
    on_phones: float  # mean reps of the team answering calls over the measured days


@dataclass(frozen=True)
class TeamPlan:
    """The staffing of one team: what the pilot measured and what Erlang A asked for."""

    team: Team
    arrival_rate: float  # calls/min the team must answer
    aht: float  # min
    on_phones: int  # Erlang A agents for the target
    empty_share: float  # seats empty through attrition (vacant or in training)
    roster: int  # hiring target


def agents_for_target(
    arrival_rate: float,
    aht: float,
    patience: float | None,
    threshold_minutes: float,
    target: float,
) -> int:
    """Fewest agents whose Erlang A (Erlang C without abandonment) service level >= target."""
    if arrival_rate <= 0.0 or aht <= 0.0:
        return 1
    load = arrival_rate * aht
    c = max(1, math.floor(load))
    while True:
        if patience is not None:
            sl = erlang_a(c, arrival_rate, aht, patience).service_level(threshold_minutes)
        elif c > load:
            sl = erlang_c(c, arrival_rate, aht).service_level(threshold_minutes)
        else:
            sl = 0.0
        if sl >= target:
            return c
        c += 1


def roster_for(on_phones: int, daily_hazard: float, empty_days: int) -> tuple[int, float]:
    """Roster that keeps ``on_phones`` reps answering when some seats are empty.

    A quit empties a seat for ``empty_days`` (hiring lag plus training); by
    Little's law the empty share is ``q D / (1 + q D)`` at daily hazard ``q``.
    """
    held = daily_hazard * empty_days
    empty = held / (1.0 + held)
    return max(on_phones, round(on_phones / (1.0 - empty))), empty


def plan_teams(params: Params, seed: Seed) -> list[TeamPlan]:
    """Team plans for ``params`` (pilot runs from ``seed`` unless in queue-only mode)."""
    p = params
    patience = p.service.patience if p.service.abandonment else None
    threshold = p.service.sl_threshold / 60.0
    target = p.staffing.target_sl
    if not p.run.behaviour:
        c = agents_for_target(p.arrivals.rate, p.service.aht, patience, threshold, target)
        return [TeamPlan(Team.BLENDED, p.arrivals.rate, p.service.aht, c, 0.0, c)]
    plans: list[TeamPlan] = []
    # Two rounds: the first pilot runs at the fixed headcount (possibly overloaded) with
    # nobody quitting; the second is a short run of the first plan itself (roster, empty
    # seats, quits and hires), so morale, quits and repeat calls are measured at the
    # staffing the run will have, and its service level calibrates the simulated queue.
    for _ in range(2):
        trial = plans
        plans = []
        for team, m in pilot(p, copy.deepcopy(seed), trial).items():
            aht = float(np.mean(m.handle)) if m.handle.size else p.service.aht
            c = agents_for_target(m.rate, aht, patience, threshold, target)
            if m.handle.size:
                at = (m.on_phones, m.service_level) if trial else None
                queue_rng = np.random.default_rng([int(team), c])
                c = refine_by_simulation(c, p, m.rate, m.handle, queue_rng, at)
            roster, empty = roster_for(c, m.hazard, p.hiring.lag_days + p.hiring.training_days)
            plans.append(TeamPlan(team, m.rate, aht, c, empty, roster))
    return plans


def simulated_sl(agents: int, calls: list[np.ndarray], params: Params) -> float:
    """Service level of ``agents`` identical reps over pre-drawn days of call rows."""
    offered = within = 0
    table = np.zeros((len(REP_COLUMNS), agents))
    table[REP_TEAM] = int(Team.BLENDED)
    # A call's handle units are its handle time in minutes (aht 1).
    par = queue_parameters(1.0, params.staffing.day_minutes, params.service.sl_threshold / 60.0)
    for day in calls:
        plan = DayPlan(calls=[day], reps=list(range(agents)), table=table, par=par)
        totals = run_day(plan)
        offered += totals.offered
        within += totals.within_sl
    return within / offered if offered else 1.0


def refine_by_simulation(
    start: int,
    params: Params,
    rate: float,
    handle: np.ndarray,
    rng: np.random.Generator,
    measured: tuple[float, float] | None = None,
) -> int:
    """Agents whose simulated service level is nearest the target (from Erlang A's ``start``).

    Ties go to the smaller team.

    Every candidate sees the same calls (common random numbers): the days of
    the pilot, Poisson arrivals at ``rate`` over the day's profile, handle
    times resampled from the pilot's, exponential patience. ``measured`` =
    (mean reps on the phones, service level) of a pilot of the full model shifts
    the simulated curve by the difference at that headcount (reps differ in speed
    and the full model's routing favours the fast ones when the queue is long,
    which the identical-rep queue misses; the shift is typically 2-4 points). The
    headcount is the one the pilot measured, not the one it planned: quits and
    hires arriving from the pipeline move it by a few reps over a short pilot,
    and a shift read at the planned headcount would carry that difference as a
    bias (issue 12: mandatory upsell was under-staffed by ~5 points so).
    """
    gen = rng
    intensity = CumulativeRate(rate, params.staffing.day_minutes, params.arrivals.profile)
    patience = params.service.patience if params.service.abandonment else None
    calls = []
    for _ in range(params.staffing.pilot_days):
        times = np.concatenate([*arrival_times(gen, intensity), np.empty(0)])
        units = gen.choice(handle, times.size)
        deadline = times + gen.exponential(patience, times.size) if patience else times + np.inf
        rows = np.zeros((times.size, ROW))
        rows[:, TIME], rows[:, DEADLINE], rows[:, HANDLE_UNITS] = times, deadline, units
        rows[:, KIND], rows[:, CUSTOMER] = SERVICE, -1
        calls.append(rows)
    target = params.staffing.target_sl
    shift = 0.0
    if measured is not None:
        reps, level = measured
        low = max(1, math.floor(reps))
        at = simulated_sl(low, calls, params)
        if reps > low:  # linear between the two whole headcounts around the mean
            at += (reps - low) * (simulated_sl(low + 1, calls, params) - at)
        shift = min(MAX_SHIFT, max(-MAX_SHIFT, level - at))
    sl = {start: simulated_sl(start, calls, params) + shift}
    step = 1 if sl[start] < target else -1
    c = start
    while 1 < c + step and (step > 0) == (sl[c] < target):
        c += step
        sl[c] = simulated_sl(c, calls, params) + shift
    return min(sl, key=lambda n: (abs(sl[n] - target), n))


def pilot(params: Params, seed: Seed, plans: list[TeamPlan]) -> dict:
    """Run a pilot; a :class:`Measured` per team.

    With ``plans`` the pilot is a short run of those plans (steady-state start,
    quits and hires); without, the fixed headcount of ``staffing.reps`` with
    nobody quitting (the quit hazard at the pilot's morale is measured). The first
    half of the pilot is a warm-up (repeat calls, skills and morale settle) and is
    not measured. A team's arrival rate is its answered calls per open minute
    divided by the centre's answered share, so an overloaded pilot does not
    understate demand; its service level is its share answered within the
    threshold times that answered share.
    """
    from tightrope.model.model import CallCentre

    days = params.staffing.pilot_days
    values = {
        "staffing.policy": "fixed",
        "run.days": days,
        "run.burn_in_days": 0,
        "run.burn_in_minutes": 0.0,
        "transition.day": 0,  # staff for the starting regime
    }
    if not plans:
        values["attrition.enabled"] = False
    centre = CallCentre(params.replace(**values), rng=seed, record_calls=True, teams=plans)
    skip = days // 2
    offered = answered = 0
    hazards: dict[Team, list[float]] = {}
    working: dict[Team, int] = {}
    while centre.running:
        centre.step()
        if centre.steps <= skip:
            continue
        offered += centre.today.offered
        answered += centre.today.answered
        for rep in centre.agents:
            hazards.setdefault(rep.team, []).append(centre.workforce.quit_hazard(rep.morale))
            working[rep.team] = working.get(rep.team, 0) + rep.on_phones
    handle: dict[Team, list[float]] = {}
    within: dict[Team, int] = {}
    team_of = centre.table.team
    sl = params.service.sl_threshold / 60.0
    for day, arrival, start, end, slot in centre.call_log or ():
        if day > skip:
            team = Team(team_of[slot])
            handle.setdefault(team, []).append(end - start)
            within[team] = within.get(team, 0) + (start - arrival <= sl)
    share = answered / offered if offered else 1.0
    minutes = (days - skip) * params.staffing.day_minutes
    out = {}
    for team in sorted(hazards):
        times = np.asarray(handle.get(team, []))
        n = times.size
        out[team] = Measured(
            rate=n / minutes / share if share > 0 else 0.0,
            handle=times,
            hazard=float(np.mean(hazards[team])),
            service_level=within.get(team, 0) / n * share if n else 1.0,
            on_phones=working.get(team, 0) / (days - skip),
        )
    return out


def steady_state_start(plan: TeamPlan, params: Params) -> tuple[int, list[int]]:
    """Reps on the phones at the start, and the start offsets of the empty seats.

    A run starts at the plan's steady state: ``on_phones`` experienced reps,
    the other seats spread evenly over the time a seat stays empty. An offset
    <= 0 is a hire already training (``-offset`` training days done); > 0 is
    the day a hire arrives.
    """
    h = params.hiring
    span = h.lag_days + h.training_days
    empty = plan.roster - plan.on_phones
    offsets = [round(-h.training_days + (j + 0.5) / empty * span) for j in range(empty)]
    return plan.on_phones, offsets
