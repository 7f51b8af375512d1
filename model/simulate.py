"""One run as a pure function of (parameters, seed): what sweeps call.

The model object never leaves this function; callers get plain data (a KPI
dict and, on request, the daily series), as EMA workbench's Mesa example
does.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from tightrope.model.memory import release_memory
from tightrope.model.model import CallCentre
from tightrope.model.params import Params


def daily_frame(centre: CallCentre) -> pd.DataFrame:
    """One row per working day (``day`` = 1 ... days), from the model's DataCollector.

    The DataCollector's row i is the state after i steps (Mesa's convention:
    row 0 is the initial state, collected when the model is built); the daily
    series of a run are its working days, so row 0 is left out here.
    """
    frame = centre.datacollector.get_model_vars_dataframe().reset_index(names="day")
    return frame[frame["day"] > 0].reset_index(drop=True)


@dataclass(frozen=True)
class RunResult:
    """One run's KPIs (after burn-in) and, optionally, its daily series."""

    summary: dict[str, float]
    daily: pd.DataFrame | None = None


def timed_run(
    params: Params, seed: int, on_day: Callable[[], object] | None = None
) -> tuple[CallCentre, dict[str, float]]:
    """Build and run a centre; return it and its summary with ``wall_s`` and ``calls_per_s``.

    ``on_day`` is called after each simulated day (a progress bar's tick); the days
    are Mesa's ``run_model`` loop either way, so results do not depend on it.
    """
    start = time.perf_counter()
    centre = CallCentre(params, rng=seed)
    if on_day is None:
        centre.run_model()
    else:
        while centre.running:
            centre.step()
            on_day()
    wall = time.perf_counter() - start
    summary = dict(centre.summary())
    summary["wall_s"] = wall
    summary["calls_per_s"] = centre.calls_simulated / wall if wall > 0 else float("nan")
    return centre, summary


def load_compiled() -> None:
    """Compile the day loop (first use after a change) or load it from numba's cache.

    A sweep calls this in its parent before starting workers, so on a fresh clone
    one process compiles and the workers load the cache instead of each compiling.
    """
    values = {
        "staffing.reps": 2, "staffing.day_minutes": 30.0, "customers.population": 10,
        "blending.outbound": True, "run.days": 1, "run.burn_in_days": 0,
    }  # fmt: skip
    simulate(Params().replace(**values), 0)


def simulate(
    params: Params, seed: int, *, daily: bool = False, on_day: Callable[[], object] | None = None
) -> RunResult:
    """Run the call centre for ``params.run.days`` days from ``seed`` (``on_day``: timed_run's)."""
    try:
        centre, summary = timed_run(params, seed, on_day)
        frame = None
        if daily:
            frame = daily_frame(centre)
        del centre
    finally:
        release_memory()  # so thousands of runs in one worker keep its memory flat
    return RunResult(summary=summary, daily=frame)
