"""One run as a pure function of (parameters, seed): what sweeps call.

The model object never leaves this function; callers get plain data (a KPI
dict and, on request, the daily series), as EMA workbench's Mesa example
does.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pandas as pd

from tightrope.model.model import CallCentre
from tightrope.model.params import Params


@dataclass(frozen=True)
class RunResult:
    """One run's KPIs (after burn-in) and, optionally, its daily series."""

    summary: dict[str, float]
    daily: pd.DataFrame | None = None


def simulate(params: Params, seed: int, *, daily: bool = False) -> RunResult:
    """Run the call centre for ``params.run.days`` days from ``seed``."""
    start = time.perf_counter()
    centre = CallCentre(params, rng=seed)
    centre.run()
    wall = time.perf_counter() - start
    summary = dict(centre.summary())
    summary["wall_s"] = wall
    summary["calls_per_s"] = centre.calls_simulated / wall if wall > 0 else float("nan")
    frame = None
    if daily:
        frame = centre.datacollector.get_model_vars_dataframe().reset_index(names="day")
        frame["day"] += 1
    return RunResult(summary=summary, daily=frame)
