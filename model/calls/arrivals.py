"""Arrival streams: Poisson calls over one day, drawn vectorised in blocks.

The call loop reads arrivals as plain tuples laid out as
:data:`tightrope.model.calls.record.FIELDS`, so no per-call Python object is
built in the loop itself. Blocks keep
memory flat however long the day is (the queue-only mode runs one long day).
Each call's random variates are drawn with the call, so a call keeps its
randomness when a parameter elsewhere changes (common random numbers).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence

import numpy as np

from tightrope.model.calls.record import FIELDS, QUEUE_FIELDS, CallKind

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


def call_tuples(
    rng: np.random.Generator,
    times: np.ndarray,
    distribution: str,
    cv: float,
    patience: float | None,
    sales_share: float,
    who: np.ndarray | list[int],
    extra_columns: int,
    kinds: list[int] | None = None,
) -> list[tuple]:
    """Call tuples (:data:`~tightrope.model.calls.record.FIELDS`) arriving at ``times``.

    ``deadline`` is the time the caller hangs up (``inf`` without
    abandonment); ``kind`` is ``kinds`` when given (a redial keeps its kind),
    else SALES with probability ``sales_share``, else SERVICE; ``customer``
    is ``who`` (-1 when there is no customer; a list keeps its items, e.g. a
    :class:`~tightrope.model.calls.record.RepeatCustomer`); ``extra_columns``
    per-call uniforms follow (0, or all of them).
    """
    if extra_columns not in (0, len(FIELDS) - QUEUE_FIELDS):
        raise ValueError(
            f"extra_columns must be 0 or {len(FIELDS) - QUEUE_FIELDS} (the call uniforms), "
            f"got {extra_columns}"
        )
    n = times.size
    handle = handle_time_units(rng, n, distribution, cv)
    if patience is None:
        deadline = np.full(n, math.inf)
    else:
        deadline = times + rng.exponential(patience, n)
    if kinds is not None:  # given: no draw
        kind = np.asarray(kinds, dtype=np.int64)
    elif sales_share > 0:  # SALES where the draw falls under the share, else SERVICE
        kind = np.where(rng.random(n) < sales_share, int(CallKind.SALES), int(CallKind.SERVICE))
    else:
        kind = np.full(n, int(CallKind.SERVICE))
    who = who.tolist() if isinstance(who, np.ndarray) else who
    columns = [times.tolist(), deadline.tolist(), handle.tolist(), kind.tolist(), who]
    if extra_columns:
        columns.extend(rng.random((extra_columns, n)).tolist())
    return list(zip(*columns, strict=True))


def call_blocks(
    rng: np.random.Generator,
    intensity: CumulativeRate,
    distribution: str,
    cv: float,
    patience: float | None,
    sales_share: float = 0.0,
    customers: int = 0,
    extra_columns: int = 0,
) -> Iterator[list[tuple]]:
    """Blocks of call tuples (see :func:`call_tuples`) for a day's Poisson arrivals."""
    for times in arrival_times(rng, intensity):
        n = times.size
        who = rng.integers(0, customers, n) if customers else np.full(n, -1)
        yield call_tuples(rng, times, distribution, cv, patience, sales_share, who, extra_columns)


def flat_calls(blocks: Iterator[list[tuple]]) -> Iterator[tuple]:
    """One iterator over all calls of all blocks."""
    return itertools.chain.from_iterable(blocks)
