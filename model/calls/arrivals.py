"""Arrival streams: Poisson calls over one day, drawn vectorised in blocks.

The call loop reads arrivals as ``float64`` rows laid out as
:data:`tightrope.model.calls.record.FIELDS` (then the repeat mark,
:data:`tightrope.model.calls.layout.REPEAT`), built by numpy: no per-call
Python object. Blocks keep
memory flat however long the day is (the queue-only mode runs one long day).
Each call's random variates are drawn with the call, so a call keeps its
randomness when a parameter elsewhere changes (common random numbers).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

import numpy as np

from tightrope.model.calls.layout import REPEAT, ROW
from tightrope.model.calls.record import (
    CUSTOMER,
    DEADLINE,
    FIELDS,
    HANDLE_UNITS,
    KIND,
    QUEUE_FIELDS,
    SALES,
    SERVICE,
    TIME,
)

BLOCK = 4096


def handle_time_units(
    rng: np.random.Generator, n: int, distribution: str, cv: float
) -> np.ndarray:
    """Handle-time multipliers with mean 1 (scaled by AHT and modifiers later)."""
    if distribution == "exponential":
        return rng.exponential(1.0, n)
    sigma2 = math.log1p(cv * cv)
    return rng.lognormal(-sigma2 / 2.0, math.sqrt(sigma2), n)


class CumulativeRate:
    """Cumulative intensity of a piecewise-constant rate over the day, and its inverse."""

    def __init__(self, rate: float, close: float, profile: Sequence[float]) -> None:
        weights = np.asarray(profile, dtype=float) if len(profile) else np.ones(1)
        slice_rates = rate * weights / weights.mean()
        self.edges = np.linspace(0.0, close, len(weights) + 1)
        self.cumulative = np.concatenate(([0.0], np.cumsum(slice_rates * np.diff(self.edges))))
        self.total = float(self.cumulative[-1])

    def inverse(self, mass: np.ndarray) -> np.ndarray:
        """Times at which the cumulative intensity reaches ``mass`` (time rescaling)."""
        return np.interp(mass, self.cumulative, self.edges)


def arrival_times(rng: np.random.Generator, intensity: CumulativeRate) -> Iterator[np.ndarray]:
    """Yield sorted arrival times in blocks until the day's intensity is used up."""
    mass = 0.0
    while True:
        steps = np.cumsum(rng.exponential(1.0, BLOCK)) + mass
        mass = float(steps[-1])
        inside = steps[steps < intensity.total]
        if inside.size:
            yield intensity.inverse(inside)
        if inside.size < BLOCK:
            return


def call_rows(
    rng: np.random.Generator,
    times: np.ndarray,
    distribution: str,
    cv: float,
    patience: float | None,
    sales_share: float,
    who: np.ndarray,
    extra_columns: int,
    kinds: np.ndarray | None = None,
    repeat: np.ndarray | bool = False,
) -> np.ndarray:
    """Call rows (:data:`~tightrope.model.calls.record.FIELDS`, then the repeat mark).

    ``deadline`` is the time the caller hangs up (``inf`` without
    abandonment); ``kind`` is ``kinds`` when given (a redial keeps its kind),
    else SALES with probability ``sales_share``, else SERVICE; ``customer``
    is ``who`` (-1 when there is no customer); ``repeat`` marks repeat
    contacts (one flag for all, or one per call); ``extra_columns`` per-call
    uniforms follow (0, or all of them; without them the uniform columns are 0).
    """
    if extra_columns not in (0, len(FIELDS) - QUEUE_FIELDS):
        raise ValueError(
            f"extra_columns must be 0 or {len(FIELDS) - QUEUE_FIELDS} (the call uniforms), "
            f"got {extra_columns}"
        )
    n = times.size
    rows = np.zeros((n, ROW))
    rows[:, TIME] = times
    rows[:, HANDLE_UNITS] = handle_time_units(rng, n, distribution, cv)
    if patience is None:
        rows[:, DEADLINE] = math.inf
    else:
        rows[:, DEADLINE] = times + rng.exponential(patience, n)
    if kinds is not None:  # given: no draw
        rows[:, KIND] = np.asarray(kinds, dtype=np.int64)
    elif sales_share > 0:  # SALES where the draw falls under the share, else SERVICE
        rows[:, KIND] = np.where(rng.random(n) < sales_share, SALES, SERVICE)
    else:
        rows[:, KIND] = SERVICE
    rows[:, CUSTOMER] = who
    rows[:, REPEAT] = repeat
    if extra_columns:
        rows[:, QUEUE_FIELDS:REPEAT] = rng.random((extra_columns, n)).T
    return rows


def call_blocks(
    rng: np.random.Generator,
    intensity: CumulativeRate,
    distribution: str,
    cv: float,
    patience: float | None,
    sales_share: float = 0.0,
    customers: int = 0,
    extra_columns: int = 0,
) -> Iterator[np.ndarray]:
    """Blocks of call rows (see :func:`call_rows`) for a day's Poisson arrivals."""
    for times in arrival_times(rng, intensity):
        n = times.size
        who = rng.integers(0, customers, n) if customers else np.full(n, -1)
        yield call_rows(rng, times, distribution, cv, patience, sales_share, who, extra_columns)
