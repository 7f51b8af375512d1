"""The M/M/c(+M) queue in SimPy and in Ciw, written as those libraries' users would.

These are the benchmark's reference peers: same case, same burn-in and the same KPI
definitions as :func:`tightrope.model.validation.queue_mode.run_queue` (every ratio is
over calls offered after the burn-in; a caller waits if no agent is free on arrival), so
throughput is compared like with like and the peers' estimates can be checked against
Erlang C / Erlang A.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import ciw
import numpy as np
import simpy

#: Service-level threshold of the KPIs (20 seconds), minutes.
SL_THRESHOLD = 20.0 / 60.0


def default_burn_in(minutes: float) -> float:
    """Burn-in excluded from KPIs, as in ``tightrope.model.validation.queue_mode``.

    A tenth of the shift, at most 1,000 minutes.
    """
    return min(0.1 * minutes, 1000.0)


@dataclass
class Tally:
    """KPI sums over callers who arrive after the burn-in."""

    count_from: float
    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    waited: int = 0
    within_sl: int = 0
    wait_sum: float = 0.0
    wait_answered: float = 0.0

    def resolve(self, arrived: float, wait: float, answered: bool) -> None:
        """Record one caller whose wait has ended, by an answer or by hanging up."""
        if arrived < self.count_from:
            return
        self.offered += 1
        self.waited += wait > 0.0
        self.wait_sum += wait
        if answered:
            self.answered += 1
            self.wait_answered += wait
            self.within_sl += wait <= SL_THRESHOLD
        else:
            self.abandoned += 1

    def summary(self, simulated_calls: int, wall: float) -> dict[str, float]:
        """The keys of ``run_queue``'s result, waits in minutes."""
        n = self.offered or float("nan")
        return {
            "calls": self.offered,
            "answered": self.answered,
            "abandoned": self.abandoned,
            "p_wait": self.waited / n,
            "mean_wait": self.wait_sum / n,
            "asa": self.wait_answered / (self.answered or float("nan")),
            "p_abandon": self.abandoned / n,
            "service_level_20s": self.within_sl / n,
            "simulated_calls": simulated_calls,
            "wall_s": wall,
            "calls_per_s": simulated_calls / wall if wall > 0 else float("nan"),
        }


def _exponentials(rng: np.random.Generator, mean: float, block: int = 4096) -> Iterator[float]:
    """Endless exponential draws, made in numpy blocks (the fast idiom for SimPy)."""
    while True:
        yield from rng.exponential(mean, block).tolist()


def simpy_queue(
    agents: int,
    arrival_rate: float,
    aht: float,
    patience: float | None,
    minutes: float,
    seed: int,
    burn_in: float | None = None,
) -> dict[str, float]:
    """SimPy: a Resource of ``agents`` and one process per caller; arrivals stop at close.

    Like ``run_queue``, callers still waiting at close are then served (or hang up), so
    every counted call resolves. Arrivals, handle times and patience use independent
    streams spawned from ``seed``.
    """
    burn_in = default_burn_in(minutes) if burn_in is None else burn_in
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(3)]
    gaps = _exponentials(streams[0], 1.0 / arrival_rate)
    handle_times = _exponentials(streams[1], aht)
    patiences = _exponentials(streams[2], patience) if patience is not None else None
    tally = Tally(burn_in)
    arrivals = 0

    start = time.perf_counter()
    env = simpy.Environment()
    agents_free = simpy.Resource(env, capacity=agents)

    def caller(handle: float, patient: float | None):  # noqa: ANN202 - SimPy process
        arrived = env.now
        with agents_free.request() as req:
            if patient is None:
                yield req
            else:
                outcome = yield req | env.timeout(patient)
                if req not in outcome:
                    tally.resolve(arrived, env.now - arrived, answered=False)
                    return
            tally.resolve(arrived, env.now - arrived, answered=True)
            yield env.timeout(handle)

    def source():  # noqa: ANN202 - SimPy process
        nonlocal arrivals
        while True:
            yield env.timeout(next(gaps))
            if env.now >= minutes:
                return
            arrivals += 1
            patient = next(patiences) if patiences is not None else None
            env.process(caller(next(handle_times), patient))

    env.process(source())
    env.run()
    wall = time.perf_counter() - start
    return tally.summary(arrivals, wall)


def ciw_queue(
    agents: int,
    arrival_rate: float,
    aht: float,
    patience: float | None,
    minutes: float,
    seed: int,
    burn_in: float | None = None,
) -> dict[str, float]:
    """Ciw: one node, exponential arrivals and service, reneging for patience.

    Ciw draws from the stdlib ``random`` module (and ``ciw.rng``), which ``ciw.seed``
    sets; it has no per-simulation Generator. It keeps arrivals coming until
    ``minutes``; the few callers unresolved then (at most a queue's worth) are dropped.
    """
    burn_in = default_burn_in(minutes) if burn_in is None else burn_in
    start = time.perf_counter()
    ciw.seed(seed)
    reneging = None if patience is None else [ciw.dists.Exponential(rate=1.0 / patience)]
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=arrival_rate)],
        service_distributions=[ciw.dists.Exponential(rate=1.0 / aht)],
        number_of_servers=[agents],
        reneging_time_distributions=reneging,
    )
    sim = ciw.Simulation(network)
    sim.simulate_until_max_time(minutes)
    tally = Tally(burn_in)
    # A service record is written when service ends; its waiting_time is the queue wait.
    for rec in sim.get_all_records(only=["service", "renege"]):
        tally.resolve(rec.arrival_date, rec.waiting_time, answered=rec.record_type == "service")
    simulated_calls = len(sim.get_all_individuals())
    wall = time.perf_counter() - start
    return tally.summary(simulated_calls, wall)
