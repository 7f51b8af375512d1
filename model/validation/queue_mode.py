"""The degenerate, queue-only configuration used for validation and benchmarks.

It runs the real model (:class:`~tightrope.model.model.CallCentre`, one step) with
every behaviour off, identical reps, exponential handle times and one long
shift, so the call loop can be compared with Erlang C and Erlang A.
"""

from __future__ import annotations

import time

from tightrope.model.memory import release_memory
from tightrope.model.model import CallCentre
from tightrope.model.params import Params


def queue_params(
    agents: int,
    arrival_rate: float,
    aht: float,
    patience: float | None,
    minutes: float,
    burn_in: float | None = None,
) -> Params:
    """Parameters of an M/M/c (or M/M/c+M with ``patience``) queue over one shift.

    ``burn_in`` minutes (default a tenth of the shift, at most 1,000) are
    excluded so the estimate starts near steady state rather than empty.
    """
    if burn_in is None:
        burn_in = min(0.1 * minutes, 1000.0)
    values = {
        "staffing.reps": agents,
        "staffing.day_minutes": minutes,
        "arrivals.rate": arrival_rate,
        "service.aht": aht,
        "service.handle_time_distribution": "exponential",
        "service.abandonment": patience is not None,
        "run.days": 1,
        "run.behaviour": False,
        "run.burn_in_days": 0,
        "run.burn_in_minutes": burn_in,
    }
    if patience is not None:
        values["service.patience"] = patience
    return Params().replace(**values)


def run_queue(
    agents: int,
    arrival_rate: float,
    aht: float,
    patience: float | None,
    minutes: float,
    seed: int,
    burn_in: float | None = None,
) -> dict[str, float]:
    """Simulate one long shift; waits in minutes, plus throughput."""
    params = queue_params(agents, arrival_rate, aht, patience, minutes, burn_in)
    start = time.perf_counter()
    centre = CallCentre(params, rng=seed)
    centre.step()
    wall = time.perf_counter() - start
    s = centre.summary()
    out = {
        "calls": s["calls_offered"],
        "answered": s["calls_answered"],
        "abandoned": s["calls_abandoned"],
        "p_wait": s["p_wait"],
        "mean_wait": s["mean_wait_s"] / 60.0,
        "asa": s["asa_s"] / 60.0,
        "p_abandon": s["abandon_rate"],
        "service_level_20s": s["service_level"],
        "occupancy": s["occupancy"],
        "simulated_calls": centre.today.arrivals,
        "wall_s": wall,
        "calls_per_s": centre.today.arrivals / wall if wall > 0 else float("nan"),
    }
    del centre
    release_memory()
    return out
