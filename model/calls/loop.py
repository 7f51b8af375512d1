"""One working day of calls: the Python driver of the compiled event loop.

:func:`run_day` allocates the loop's arrays, runs
:func:`tightrope.model.calls.kernel.run_events` and does what the loop hands
back to it: the next block of calls (the queue-only mode's one long day
arrives in blocks, so memory stays flat), more outbound uniforms, flushing the
call log and the day's event arrays into Python lists, bigger queues. After the
last event the callers still queued are resolved
(:func:`~tightrope.model.calls.kernel.drain`) and the day's counts returned as
:class:`DayTotals`. Per-kind counts (``*_by_kind``) let a test check
conservation for each inbound kind and for the transfer legs.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from tightrope.model.calls.kernel import drain, run_events
from tightrope.model.calls.layout import (
    C_ABANDONED,
    C_ANSWERED,
    C_OFFERED,
    C_QUEUED,
    DIAL_UNIFORMS,
    DONE,
    F_HANDLE,
    F_NOW,
    F_WAIT_ABANDONED,
    F_WAIT_ANSWERED,
    FLOAT_STATE,
    FLUSH,
    GROW,
    I_ARRIVALS,
    I_FINAL,
    I_N_CALLS,
    I_N_HARM,
    I_N_HUNG,
    I_N_LOG,
    I_N_UNRESOLVED,
    I_N_UNSERVED,
    I_NEXT_CALL,
    I_OUTBOUND,
    I_UNIFORM_END,
    I_UNIFORM_POS,
    I_WAITED,
    I_WITHIN_SL,
    INT_STATE,
    LOG_WIDTH,
    NEED_CALLS,
    NEED_UNIFORMS,
    P_OUTBOUND,
    REPEAT,
    ROW,
    UNRESOLVED_CUSTOMER,
    UNRESOLVED_REPEAT,
)
from tightrope.model.calls.outbound import UNIFORM_BLOCK
from tightrope.model.calls.record import (
    CUSTOMER,
    SALES,
    SERVICE,
    TRANSFER,
    CallKind,
    is_repeat,
)

_START_QUEUE = 256  # rows per queue at the start of a day (doubled when needed)
_BUFFER = 4096  # rows of the call log and the event arrays between flushes
# Outbound uniforms drawn per refill: any size gives the same sequence (draws are
# sequential); the generator's final position follows UNIFORM_BLOCK.
_REFILL = UNIFORM_BLOCK


def _hung_rows(queue_rows: int) -> int:
    """Rows of the hung-up buffer for queues of ``queue_rows``: both queues, and a margin."""
    return 2 * queue_rows + 8


@dataclass
class BufferSizes:
    """Queue rows a day's loop starts with: the size earlier days grew to.

    A busy centre's queue reaches thousands of calls every day; starting each day
    small would regrow (and copy) its buffers several times a day. Sizes never
    change a run (``tests/test_kernel.py`` forces every growth with tiny buffers).
    """

    queue: int = field(default_factory=lambda: _START_QUEUE)


@dataclass
class DayPlan:
    """Everything the loop needs for one day, resolved before it starts.

    ``calls`` are blocks of call rows (:data:`~tightrope.model.calls.layout.ROW`
    wide), time-ordered across blocks, or call tuples (a scripted day); ``reps``
    the slots on the phones in the order they first become idle; ``table`` the rep table as
    ``table[REP_..., slot]`` and ``par`` the day's parameters (see
    :mod:`tightrope.model.calls.dayarrays`). ``rng`` (the call generator) draws
    the outbound uniforms. The lists, when given, receive the call log (tuples),
    the callers who hung up or were still queued without patience at the close
    (blocks of call rows); the arrays lists, when given, receive the unresolved
    callers (customers, repeat marks) and the harm events (customers, amounts)
    as pairs of arrays, in the order they happened.
    """

    calls: Iterable[np.ndarray]
    reps: list[int]
    table: np.ndarray
    par: np.ndarray
    tally: np.ndarray | None = None
    trust: np.ndarray | None = None
    rng: np.random.Generator | None = None
    record: list | None = None
    hung_up: list[np.ndarray] | None = None
    unserved: list[np.ndarray] | None = None
    unresolved: list[tuple[np.ndarray, np.ndarray]] | None = None
    harm_events: list[tuple[np.ndarray, np.ndarray]] | None = None
    sizes: BufferSizes | None = None


def _per_kind() -> list[int]:
    return [0] * len(CallKind)


@dataclass
class DayTotals:
    """Counts and sums of one day, over calls arriving at or after ``count_from``.

    ``offered`` ... ``wait_abandoned`` cover inbound calls (warm transfers excluded);
    ``handle`` covers every answered leg, transfers included (occupancy);
    ``transfers_answered`` is the number of transfer legs a rep took.
    """

    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    still_queued: int = 0
    waited: int = 0
    within_sl: int = 0
    wait_answered: float = 0.0
    wait_abandoned: float = 0.0
    handle: float = 0.0
    transfers_answered: int = 0
    outbound: int = 0
    arrivals: int = 0
    end: float = 0.0
    # Counts by CallKind value (index TRANSFER: warm-transfer legs, never offered).
    offered_by_kind: list[int] = field(default_factory=_per_kind)
    answered_by_kind: list[int] = field(default_factory=_per_kind)
    abandoned_by_kind: list[int] = field(default_factory=_per_kind)
    queued_by_kind: list[int] = field(default_factory=_per_kind)


def call_row(call: tuple) -> np.ndarray:
    """A call tuple (``record.make_call``) as a loop row (uniforms 0 when absent)."""
    row = np.zeros(ROW)
    row[: len(call)] = [float(v) for v in call]
    row[REPEAT] = float(len(call) > CUSTOMER and is_repeat(call[CUSTOMER]))
    return row


def as_blocks(calls: Iterable[np.ndarray] | Iterable[tuple]) -> Iterable[np.ndarray]:
    """Blocks of call rows as they are; a stream of call tuples (a scripted day) as one block."""
    stream = iter(calls)
    first = next(stream, None)
    if first is None:
        return []
    if isinstance(first, np.ndarray):
        return itertools.chain([first], stream)
    return [np.array([call_row(call) for call in (first, *stream)])]


class _Day:
    """The loop's arrays for one day, and what the driver does when the loop returns."""

    def __init__(self, plan: DayPlan) -> None:
        self.plan = plan
        n_slots = plan.table.shape[1]
        self.empty = np.empty((0, ROW))
        self.calls = self.empty
        self.blocks = iter(as_blocks(plan.calls))
        self.pools = np.zeros((3, max(n_slots, 1)), dtype=np.int64)
        self.pool_head = np.zeros(3, dtype=np.int64)
        self.pool_n = np.zeros(3, dtype=np.int64)
        self.heap_t = np.zeros(n_slots + 1)
        self.heap_s = np.zeros(n_slots + 1, dtype=np.int64)
        start = max(plan.sizes.queue, _START_QUEUE) if plan.sizes else _START_QUEUE
        self.qrows = np.zeros((2, start, ROW))
        self.qhead = np.zeros(2, dtype=np.int64)
        self.qn = np.zeros(2, dtype=np.int64)
        self.held = np.zeros((start, ROW))
        self.nxt = np.zeros(ROW)
        self.trows = np.zeros((n_slots, ROW))
        self.tflag = np.zeros(n_slots, dtype=np.int8)
        self.logs = np.zeros((_BUFFER, LOG_WIDTH))
        self.hung = np.zeros((_hung_rows(start), ROW))
        self.unres = np.zeros((_BUFFER, 2), dtype=np.int64)
        self.harm_who = np.zeros(_BUFFER, dtype=np.int64)
        self.harm_amt = np.zeros(_BUFFER)
        self.kc = np.zeros((4, len(CallKind)), dtype=np.int64)
        self.ist = np.zeros(len(INT_STATE), dtype=np.int64)
        self.fst = np.zeros(len(FLOAT_STATE))
        self.tally = plan.tally if plan.tally is not None else np.zeros(0)
        self.trust = plan.trust if plan.trust is not None else np.zeros(0)
        self.ubuf = np.zeros(0)
        self.rng_state = None
        if plan.par[P_OUTBOUND] and plan.rng is not None:
            self.rng_state = plan.rng.bit_generator.state
            need = DIAL_UNIFORMS * (n_slots + 1)
            self.ubuf = plan.rng.random(_REFILL * math.ceil(need / _REFILL))
            self.ist[I_UNIFORM_END] = self.ubuf.size

    def run(self) -> None:
        """Run the loop to the end of the day, serving its requests."""
        plan = self.plan
        slots = np.asarray(plan.reps, dtype=np.int64)
        while True:
            status = run_events(
                self.calls, plan.table, plan.par, self.tally, self.trust, slots, self.pools,
                self.pool_head, self.pool_n, self.heap_t, self.heap_s, self.qrows, self.qhead,
                self.qn, self.held, self.nxt, self.trows, self.tflag, self.ubuf, self.logs,
                self.hung, self.unres, self.harm_who, self.harm_amt, plan.record is not None,
                self.kc, self.ist, self.fst,
            )  # fmt: skip
            if status == DONE:
                break
            if status == NEED_CALLS:
                self.next_block()
            elif status == NEED_UNIFORMS:
                self.ubuf = np.concatenate((self.ubuf, plan.rng.random(_REFILL)))
                self.ist[I_UNIFORM_END] = self.ubuf.size
            elif status == FLUSH:
                self.flush()
            elif status == GROW:
                self.grow()
        self.flush()
        unserved = np.zeros((int(self.qn.sum()), ROW))
        drain(self.qrows, self.qhead, self.qn, self.hung, unserved, plan.par, self.kc, self.ist,
              self.fst)  # fmt: skip
        self.flush()
        if plan.unserved is not None:
            plan.unserved.append(unserved[: self.ist[I_N_UNSERVED]])
        if self.rng_state is not None:
            # Leave the generator where whole blocks drawn on demand would have.
            used = int(self.ist[I_UNIFORM_POS])
            plan.rng.bit_generator.state = self.rng_state
            if used:
                plan.rng.random(UNIFORM_BLOCK * math.ceil(used / UNIFORM_BLOCK))

    def next_block(self) -> None:
        """The next block of calls, or none left (the loop then runs to the end)."""
        block = next(self.blocks, None)
        if block is None:
            self.ist[I_FINAL] = 1
            block = self.empty
        self.calls = block
        self.ist[I_NEXT_CALL] = 0
        self.ist[I_N_CALLS] = block.shape[0]

    def flush(self) -> None:
        """Move the call log and the day's events from the arrays to the plan's lists."""
        plan, ist = self.plan, self.ist
        if ist[I_N_LOG]:
            if plan.record is not None:
                # Columns in LOG_FIELDS' order (day, arrival, start, end, rep); day and rep ints.
                plan.record.extend(
                    (int(d), a, s, e, int(slot))
                    for d, a, s, e, slot in self.logs[: ist[I_N_LOG]].tolist()
                )
            ist[I_N_LOG] = 0
        if ist[I_N_HUNG]:
            if plan.hung_up is not None:
                plan.hung_up.append(self.hung[: ist[I_N_HUNG]].copy())
            ist[I_N_HUNG] = 0
        if ist[I_N_UNRESOLVED]:
            if plan.unresolved is not None:
                n = ist[I_N_UNRESOLVED]
                unres = self.unres[:n]
                plan.unresolved.append(
                    (unres[:, UNRESOLVED_CUSTOMER].copy(), unres[:, UNRESOLVED_REPEAT] != 0)
                )
            ist[I_N_UNRESOLVED] = 0
        if ist[I_N_HARM]:
            if plan.harm_events is not None:
                n = ist[I_N_HARM]
                plan.harm_events.append((self.harm_who[:n].copy(), self.harm_amt[:n].copy()))
            ist[I_N_HARM] = 0

    def grow(self) -> None:
        """Double the queues, the held arrivals and the hung-up buffer."""
        self.flush()
        cap = self.qrows.shape[1]
        rows = np.zeros((2, 2 * cap, ROW))
        for q in range(2):
            n = int(self.qn[q])
            rows[q, :n] = self.qrows[q, (self.qhead[q] + np.arange(n)) % cap]
        self.qrows, self.qhead[:] = rows, 0
        held = np.zeros((2 * self.held.shape[0], ROW))
        held[: self.held.shape[0]] = self.held
        self.held = held
        self.hung = np.zeros((_hung_rows(rows.shape[1]), ROW))
        if self.plan.sizes is not None:
            self.plan.sizes.queue = rows.shape[1]

    def totals(self) -> DayTotals:
        """The day's counts (offered calls are the inbound kinds; a transfer is a second leg)."""
        kc, ist, fst = self.kc.tolist(), self.ist, self.fst
        offered_k, answered_k = kc[C_OFFERED], kc[C_ANSWERED]
        abandoned_k, queued_k = kc[C_ABANDONED], kc[C_QUEUED]
        inbound = (SERVICE, SALES)
        n_outbound = int(ist[I_OUTBOUND])
        return DayTotals(
            offered=sum(offered_k[k] for k in inbound),
            answered=sum(answered_k[k] for k in inbound),
            abandoned=sum(abandoned_k[k] for k in inbound),
            still_queued=sum(queued_k[k] for k in inbound),
            waited=int(ist[I_WAITED]),
            within_sl=int(ist[I_WITHIN_SL]),
            wait_answered=float(fst[F_WAIT_ANSWERED]),
            wait_abandoned=float(fst[F_WAIT_ABANDONED]),
            handle=float(fst[F_HANDLE]),
            transfers_answered=answered_k[TRANSFER],
            outbound=n_outbound,
            arrivals=int(ist[I_ARRIVALS]),
            end=float(fst[F_NOW]) if sum(offered_k) or n_outbound else 0.0,
            offered_by_kind=offered_k,
            answered_by_kind=answered_k,
            abandoned_by_kind=abandoned_k,
            queued_by_kind=queued_k,
        )


def run_day(plan: DayPlan) -> DayTotals:
    """Simulate one day's calls; every rep starts idle, the loop drains the queue."""
    day = _Day(plan)
    day.run()
    return day.totals()
