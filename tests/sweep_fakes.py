"""Deterministic stand-ins for ``tightrope.model.simulate`` used by the sweep-engine tests.

They live in an importable module (tests/ is put on PYTHONPATH by conftest)
so spawned and dask worker processes can import them by name.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tightrope.model.params import Params

CALLS: list[int] = []
"""Seeds seen by :func:`recording`, to prove a runner was (not) called in-process."""


@dataclass
class FakeResult:
    """Same shape as the model's RunResult."""

    summary: dict[str, float | int]
    daily: pd.DataFrame | None


def fake(params: Params, seed: int, *, daily: bool = False) -> FakeResult:
    """A cheap model whose output depends on parameters and seed only."""
    assert type(seed) is int
    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    days = params.run.days
    offered = rng.poisson(params.arrivals.rate * params.staffing.day_minutes, size=days)
    sl = rng.beta(8, 2, size=days) * min(1.0, params.staffing.reps / 50)
    delay = float(os.environ.get("FAKE_RUN_SECONDS", "0"))
    if delay:
        time.sleep(delay)
    kept = slice(params.run.burn_in_days, days)
    wall = time.perf_counter() - start
    summary = {
        "calls_offered": int(offered[kept].sum()),
        "service_level": float(sl[kept].mean()),
        "wall_s": wall,
        "calls_per_s": float(offered.sum() / max(wall, 1e-9)),
    }
    frame = pd.DataFrame({"day": np.arange(days), "calls_offered": offered, "service_level": sl})
    return FakeResult(summary, frame if daily else None)


def recording(params: Params, seed: int, *, daily: bool = False) -> FakeResult:
    """Like :func:`fake`, but remembers that it ran."""
    CALLS.append(seed)
    return fake(params, seed, daily=daily)


def dies_on_reps(params: Params, seed: int, *, daily: bool = False) -> FakeResult:
    """Like :func:`fake`, but the worker process is killed (as by the OOM killer) at 7 reps."""
    if params.staffing.reps == 7:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)
    return fake(params, seed, daily=daily)
