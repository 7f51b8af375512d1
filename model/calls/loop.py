"""The event-driven call loop of one working day: the model's hot path.

Continuous time in minutes. Two event sources drive the loop: the next
arrival (from a pre-drawn, time-ordered stream of call tuples) and the next
call completion (a ``heapq`` of ``(end_time, rep_slot)``). Waiting callers
sit in FIFO deques, one per inbound kind (service, sales).

Abandonment is resolved lazily: a caller whose deadline has passed when a
rep reaches them in the queue hung up at that deadline. Under FIFO this gives
exactly the waits and abandonments of an explicit abandonment event, without
one heap entry per caller.

Behaviour plugs in through three hooks passed in :class:`DayPlan`:
``connect`` (call start: decides the call's outcome and returns its handle
time), a warm transfer left in ``transfer_out`` (handled at call end), and
``outbound`` (an idle rep may dial out); callers who hang up are collected in
``hung_up`` (their trust falls after the day; some redial), callers still queued
without patience at the close in ``unserved``. With all hooks off this is a plain
M/M/c(+M) simulator, which the tests check against Erlang C and Erlang A.

Counting: a warm transfer is the second leg of a call already offered, so it is
never an offered call; the offered, answered, abandoned and waiting totals and
the service level count inbound calls only, while every leg's handle time counts
toward occupancy. Per-kind counts (``*_by_kind``) let a test check conservation
for each inbound kind and for the transfer legs.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from heapq import heappop, heappush

from tightrope.model.agents import Team
from tightrope.model.calls.record import (
    DEADLINE,
    HANDLE_UNITS,
    KIND,
    TIME,
    TRANSFER,
    CallKind,
    at_time,
)
from tightrope.model.calls.routing import IdlePool

INF = math.inf
SERVICE_KIND, SALES_KIND = int(CallKind.SERVICE), int(CallKind.SALES)

# Which inbound queues each team serves, in priority order (service first for blended reps).
SERVES: dict[Team, tuple[CallKind, ...]] = {
    Team.SERVICE: (CallKind.SERVICE,),
    Team.SALES: (CallKind.SALES,),
    Team.BLENDED: (CallKind.SERVICE, CallKind.SALES),
}
# Which teams can take each inbound kind, in priority order (specialists first).
TAKERS: dict[CallKind, tuple[Team, ...]] = {
    CallKind.SERVICE: (Team.SERVICE, Team.BLENDED),
    CallKind.SALES: (Team.SALES, Team.BLENDED),
}
# The inbound queue each kind joins: outbound and transfer calls ride on the sales side.
QUEUE_OF_KIND: dict[CallKind, CallKind] = {
    CallKind.SERVICE: CallKind.SERVICE,
    CallKind.SALES: CallKind.SALES,
    CallKind.OUTBOUND: CallKind.SALES,
    CallKind.TRANSFER: CallKind.SALES,
}

Connect = Callable[[int, tuple, float, float], float]
Outbound = Callable[[int, float], float]


@dataclass
class DayPlan:
    """Everything the loop needs for one day, resolved before it starts."""

    calls: Iterator[tuple]
    reps: list[int]
    team: list[int]
    new_pool: Callable[[], IdlePool]
    aht: float
    close: float
    sl_threshold: float
    count_from: float = 0.0
    connect: Connect | None = None
    outbound: Outbound | None = None
    outbound_reserve: int = 0
    transfer_out: list | None = None
    record: list | None = None
    hung_up: list | None = None
    unserved: list | None = None  # callers without patience still queued at the close
    day: int = 0


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


def run_day(plan: DayPlan) -> DayTotals:  # noqa: C901 - one loop, kept in one place for speed
    """Simulate one day's calls; every rep starts idle, the loop drains the queue."""
    totals = DayTotals()
    team = plan.team
    pools = {t: plan.new_pool() for t in (Team.SERVICE, Team.SALES, Team.BLENDED)}
    for slot in plan.reps:
        pools[team[slot]].add(slot)
    staffed = {t for t in pools if len(pools[t])}
    takers = {k: tuple(pools[t] for t in ts if t in staffed) for k, ts in TAKERS.items()}
    queues = (deque(), deque())  # indexed by inbound kind: service, sales
    serves = {t: tuple(queues[k] for k in ks) for t, ks in SERVES.items()}
    # Lists indexed by a call tuple's kind (a plain int).
    takers_of = [takers[QUEUE_OF_KIND[k]] for k in CallKind]
    queue_of = [queues[QUEUE_OF_KIND[k]] for k in CallKind]
    held: list[tuple] = []  # a fresh arrival put back while a transfer goes first

    aht, close, count_from, sl = plan.aht, plan.close, plan.count_from, plan.sl_threshold
    connect, outbound, reserve = plan.connect, plan.outbound, plan.outbound_reserve
    transfer_out, record, day = plan.transfer_out, plan.record, plan.day
    hung_up, unserved = plan.hung_up, plan.unserved
    service_team = int(Team.SERVICE)
    transfer = TRANSFER
    # Field indices as locals: the loop reads them for every call.
    i_time, i_deadline, i_units, i_kind = TIME, DEADLINE, HANDLE_UNITS, KIND
    heap: list[tuple[float, int]] = []
    calls = plan.calls
    offered_k, answered_k = totals.offered_by_kind, totals.answered_by_kind
    abandoned_k, queued_k = totals.abandoned_by_kind, totals.queued_by_kind
    waited = within_sl = 0
    wait_answered = wait_abandoned = handle_sum = 0.0
    n_outbound = n_arrivals = 0

    if outbound is not None:
        for t in (Team.SALES, Team.BLENDED):
            pool = pools[t]
            while len(pool) > reserve:
                slot = pool.take(CallKind.OUTBOUND)
                heappush(heap, (outbound(slot, 0.0), slot))
                n_outbound += 1

    nxt = next(calls, None)
    t_next = nxt[i_time] if nxt is not None else INF
    while True:
        if heap and heap[0][0] <= t_next:
            now, slot = heappop(heap)
            if transfer_out is not None and transfer_out[slot] is not None:
                # Warm transfer: the caller arrives on the sales side as this call ends;
                # it goes through the arrival branch next, ahead of the held fresh arrival.
                if nxt is not None:
                    held.append(nxt)
                nxt = at_time(transfer_out[slot], now)
                transfer_out[slot] = None
                t_next = now
            # The freed rep serves the first live caller of its queues, by priority.
            for queue in serves[team[slot]]:
                while queue:
                    call = queue.popleft()
                    t_arrival = call[i_time]
                    deadline = call[i_deadline]
                    if deadline < now:  # never a transfer: a transfer has no deadline
                        if t_arrival >= count_from:
                            abandoned_k[call[i_kind]] += 1
                            wait_abandoned += deadline - t_arrival
                        if hung_up is not None:
                            hung_up.append(call)
                        continue
                    wait = now - t_arrival
                    ht = connect(slot, call, now, wait) if connect else call[i_units] * aht
                    heappush(heap, (now + ht, slot))
                    if record is not None:
                        record.append((day, t_arrival, now, now + ht, slot))
                    if t_arrival >= count_from:
                        kind = call[i_kind]
                        answered_k[kind] += 1
                        handle_sum += ht
                        if kind != transfer:
                            wait_answered += wait
                            if wait <= sl:
                                within_sl += 1
                    break
                else:
                    continue
                break
            else:
                pool = pools[team[slot]]
                if outbound is not None and now < close and len(pool) >= reserve:
                    if team[slot] != service_team:
                        heappush(heap, (now + outbound(slot, now), slot))
                        n_outbound += 1
                        continue
                pool.add(slot)
        elif nxt is not None:
            call = nxt
            n_arrivals += 1
            nxt = held.pop() if held else next(calls, None)
            t_next = nxt[i_time] if nxt is not None else INF
            now = call[i_time]
            counted = now >= count_from
            kind = call[i_kind]
            for pool in takers_of[kind]:
                if pool:
                    slot = pool.take(kind)
                    ht = connect(slot, call, now, 0.0) if connect else call[i_units] * aht
                    heappush(heap, (now + ht, slot))
                    if record is not None:
                        record.append((day, now, now, now + ht, slot))
                    if counted:
                        answered_k[kind] += 1
                        handle_sum += ht
                        if kind != transfer:
                            within_sl += 1
                    break
            else:
                queue_of[kind].append(call)
                if counted and kind != transfer:
                    waited += 1
            if counted:
                offered_k[kind] += 1
        else:
            break

    # Nobody left to answer: callers with patience hang up, the rest are still queued.
    for queue in queues:
        for call in queue:
            t_arrival, deadline = call[i_time], call[i_deadline]
            if deadline < INF:
                if hung_up is not None:
                    hung_up.append(call)
            elif unserved is not None:
                unserved.append(call)
            if t_arrival < count_from:
                continue
            if deadline < INF:
                abandoned_k[call[i_kind]] += 1
                wait_abandoned += deadline - t_arrival
            else:
                queued_k[call[i_kind]] += 1

    # Offered calls are the inbound kinds; a transfer leg is the same call's second part.
    inbound = (SERVICE_KIND, SALES_KIND)
    totals.offered = sum(offered_k[k] for k in inbound)
    totals.answered = sum(answered_k[k] for k in inbound)
    totals.abandoned = sum(abandoned_k[k] for k in inbound)
    totals.still_queued = sum(queued_k[k] for k in inbound)
    totals.transfers_answered = answered_k[transfer]
    totals.waited, totals.within_sl = waited, within_sl
    totals.wait_answered, totals.wait_abandoned = wait_answered, wait_abandoned
    totals.handle, totals.outbound, totals.arrivals = handle_sum, n_outbound, n_arrivals
    totals.end = now if sum(offered_k) or n_outbound else 0.0
    return totals
