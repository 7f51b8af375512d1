"""The event loop of one working day, compiled: the model's hot path.

Continuous time in minutes. Two event sources drive the loop: the next
arrival (from time-ordered blocks of call rows) and the next call completion
(a binary heap of ``(end_time, rep_slot)``; a rep is in it at most once, so
the keys are distinct and the order of pops is that of ``heapq``: by time,
ties by slot). Waiting callers sit in FIFO ring buffers of call rows, one per
inbound kind (service, sales); idle reps in one pool per team
(:mod:`tightrope.model.calls.routing`).

Abandonment is resolved lazily: a caller whose deadline has passed when a rep
reaches them in the queue hung up at that deadline. Under FIFO this gives
exactly the waits and abandonments of an explicit abandonment event, without
one heap entry per caller.

With behaviour on, a call that reaches a rep goes through
:func:`~tightrope.model.calls.outcomes.connect` (its outcome and handle time),
a warm transfer it leaves in ``trows`` arrives on the sales side when it ends,
and an idle sales or blended rep may dial out
(:func:`~tightrope.model.calls.outbound.dial`). With behaviour off this is a
plain M/M/c(+M) simulator, which the tests check against Erlang C and Erlang A.

All of the loop's state lives in arrays (names in
:mod:`tightrope.model.calls.layout`), so :func:`run_events` can return to its
Python driver (:mod:`tightrope.model.calls.loop`) for the next block of calls,
more outbound uniforms, an output flush or bigger queues, and resume where it
stopped. Counting: a warm transfer is the second leg of a call already
offered, so it is never an offered call; the offered, answered, abandoned and
waiting totals and the service level count inbound calls only, while every
leg's handle time counts toward occupancy.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from tightrope.model.calls.layout import (
    BLENDED_TEAM,
    C_ABANDONED,
    C_ANSWERED,
    C_OFFERED,
    C_QUEUED,
    DIAL_UNIFORMS,
    DONE,
    F_HANDLE,
    F_NOW,
    F_T_NEXT,
    F_WAIT_ABANDONED,
    F_WAIT_ANSWERED,
    FLUSH,
    GROW,
    I_ARRIVALS,
    I_FINAL,
    I_HAS_NEXT,
    I_HEAP,
    I_HELD,
    I_N_CALLS,
    I_N_HARM,
    I_N_HUNG,
    I_N_LOG,
    I_N_UNRESOLVED,
    I_N_UNSERVED,
    I_NEXT_CALL,
    I_OUTBOUND,
    I_STARTED,
    I_UNIFORM_END,
    I_UNIFORM_POS,
    I_WAITED,
    I_WITHIN_SL,
    LOG_ARRIVAL,
    LOG_DAY,
    LOG_END,
    LOG_REP,
    LOG_START,
    NEED_CALLS,
    NEED_UNIFORMS,
    P_AHT,
    P_BEHAVIOUR,
    P_CLOSE,
    P_COUNT_FROM,
    P_DAY,
    P_OUTBOUND,
    P_RESERVE,
    P_SKILLS_ROUTING,
    P_SL,
    REP_TEAM,
    SALES_QUEUE,
    SALES_TEAM,
    SERVICE_QUEUE,
    SERVICE_TEAM,
)
from tightrope.model.calls.outbound import dial
from tightrope.model.calls.outcomes import connect
from tightrope.model.calls.record import DEADLINE, HANDLE_UNITS, KIND, SERVICE, TIME, TRANSFER
from tightrope.model.calls.routing import pool_add, pool_take


@njit(cache=True)
def _precedes(t1, slot1, t2, slot2) -> bool:
    """The heap's order: earlier time first, ties to the lower slot (heapq's tuple order)."""
    return t1 < t2 or (t1 == t2 and slot1 < slot2)


@njit(cache=True)
def heap_push(heap_t, heap_s, ist, t, slot) -> None:
    """Push ``(t, slot)`` onto the binary heap held in ``heap_t``/``heap_s``."""
    i = ist[I_HEAP]
    ist[I_HEAP] = i + 1
    while i > 0:
        parent = (i - 1) >> 1
        pt = heap_t[parent]
        if _precedes(pt, heap_s[parent], t, slot):
            break
        heap_t[i] = pt
        heap_s[i] = heap_s[parent]
        i = parent
    heap_t[i] = t
    heap_s[i] = slot


@njit(cache=True)
def heap_pop(heap_t, heap_s, ist):
    """Pop the smallest ``(t, slot)``: earliest time, ties to the lower slot."""
    top_t, top_s = heap_t[0], heap_s[0]
    n = ist[I_HEAP] - 1
    ist[I_HEAP] = n
    if n > 0:
        t, slot = heap_t[n], heap_s[n]
        i = 0
        while True:
            child = 2 * i + 1
            if child >= n:
                break
            right = child + 1
            if right < n and _precedes(heap_t[right], heap_s[right], heap_t[child], heap_s[child]):
                child = right
            ct = heap_t[child]
            if _precedes(t, slot, ct, heap_s[child]):
                break
            heap_t[i] = ct
            heap_s[i] = heap_s[child]
            i = child
        heap_t[i] = t
        heap_s[i] = slot
    return top_t, top_s


@njit(cache=True)
def _answered(kc, fst, ist, kind, t_arrival, ht, wait, par) -> None:
    """Count an answered leg that arrived at ``t_arrival`` (after the burn-in only)."""
    if t_arrival >= par[P_COUNT_FROM]:
        kc[C_ANSWERED, kind] += 1
        fst[F_HANDLE] += ht
        if kind != TRANSFER:
            fst[F_WAIT_ANSWERED] += wait
            if wait <= par[P_SL]:
                ist[I_WITHIN_SL] += 1


@njit(cache=True)
def _log(logs, ist, par, arrival, start, end, slot) -> None:
    """One row of the call log: day, arrival, start, end, rep slot."""
    n = ist[I_N_LOG]
    logs[n, LOG_DAY] = par[P_DAY]
    logs[n, LOG_ARRIVAL] = arrival
    logs[n, LOG_START] = start
    logs[n, LOG_END] = end
    logs[n, LOG_REP] = slot
    ist[I_N_LOG] = n + 1


@njit(cache=True)
def run_events(calls, reps, par, tally, trust, slots, pools, pool_head, pool_n,
               heap_t, heap_s, qrows, qhead, qn, held, nxt, trows, tflag, ubuf,
               logs, hung, unres, harm_who, harm_amt, record, kc, ist, fst):  # noqa: C901  # fmt: skip
    """Run the day's events until done or until the driver must act; returns why it stopped."""
    behaviour = par[P_BEHAVIOUR] != 0.0
    outbound = par[P_OUTBOUND] != 0.0
    skills = par[P_SKILLS_ROUTING] != 0.0
    reserve = int(par[P_RESERVE])
    aht, close, count_from = par[P_AHT], par[P_CLOSE], par[P_COUNT_FROM]
    qcap = qrows.shape[1]
    if ist[I_STARTED] == 0:
        ist[I_STARTED] = 1
        for i in range(slots.size):
            slot = slots[i]
            pool_add(pools, pool_head, pool_n, int(reps[REP_TEAM, slot]), slot)
        if outbound:  # the driver buffered a dial's uniforms for every rep
            for team in (SALES_TEAM, BLENDED_TEAM):
                while pool_n[team] > reserve:
                    slot = pool_take(pools, pool_head, pool_n, team, 2, skills, reps)
                    ht = dial(slot, reps, par, tally, ubuf, ist, harm_who, harm_amt)
                    heap_push(heap_t, heap_s, ist, ht, slot)
                    ist[I_OUTBOUND] += 1
    while True:
        # Points where the driver may act; every piece of state is in the arrays.
        if (
            ist[I_N_LOG] + 2 > logs.shape[0]
            or ist[I_N_HUNG] + qn[0] + qn[1] + 2 > hung.shape[0]
            or ist[I_N_UNRESOLVED] + 2 > unres.shape[0]
            or ist[I_N_HARM] + 4 > harm_who.size
        ):
            return FLUSH
        if qn[0] + 2 > qcap or qn[1] + 2 > qcap or ist[I_HELD] + 2 > held.shape[0]:
            return GROW
        if outbound and ist[I_UNIFORM_END] - ist[I_UNIFORM_POS] < DIAL_UNIFORMS:
            return NEED_UNIFORMS
        if ist[I_HAS_NEXT] == 0:
            if ist[I_HELD] > 0:  # a fresh arrival put back while a transfer went first
                ist[I_HELD] -= 1
                nxt[:] = held[ist[I_HELD]]
                ist[I_HAS_NEXT] = 1
            elif ist[I_NEXT_CALL] < ist[I_N_CALLS]:
                nxt[:] = calls[ist[I_NEXT_CALL]]
                ist[I_NEXT_CALL] += 1
                ist[I_HAS_NEXT] = 1
            elif ist[I_FINAL] == 0:
                return NEED_CALLS
            fst[F_T_NEXT] = nxt[TIME] if ist[I_HAS_NEXT] else np.inf
        t_next = fst[F_T_NEXT]
        if ist[I_HEAP] > 0 and heap_t[0] <= t_next:
            now, slot = heap_pop(heap_t, heap_s, ist)
            fst[F_NOW] = now
            if tflag[slot]:
                # Warm transfer: the caller arrives on the sales side as this call ends;
                # it goes through the arrival branch next, ahead of the held fresh arrival.
                if ist[I_HAS_NEXT]:
                    held[ist[I_HELD]] = nxt
                    ist[I_HELD] += 1
                nxt[:] = trows[slot]
                nxt[TIME] = now
                tflag[slot] = 0
                ist[I_HAS_NEXT] = 1
                fst[F_T_NEXT] = now
            team = int(reps[REP_TEAM, slot])
            # The freed rep serves the first live caller of its queues, by priority.
            served = False
            for q in range(SERVICE_QUEUE, SALES_QUEUE + 1):
                if (q == SERVICE_QUEUE and team == SALES_TEAM) or (
                    q == SALES_QUEUE and team == SERVICE_TEAM
                ):
                    continue
                while qn[q] > 0:
                    call = qrows[q, qhead[q]]
                    qhead[q] = (qhead[q] + 1) % qcap
                    qn[q] -= 1
                    t_arrival = call[TIME]
                    deadline = call[DEADLINE]
                    kind = int(call[KIND])
                    if deadline < now:  # never a transfer: a transfer has no deadline
                        if t_arrival >= count_from:
                            kc[C_ABANDONED, kind] += 1
                            fst[F_WAIT_ABANDONED] += deadline - t_arrival
                        if behaviour:
                            hung[ist[I_N_HUNG]] = call
                            ist[I_N_HUNG] += 1
                        continue
                    wait = now - t_arrival
                    if behaviour:
                        ht = connect(slot, call, now, wait, reps, par, tally, trust, trows, tflag,
                                     ist, harm_who, harm_amt, unres)  # fmt: skip
                    else:
                        ht = call[HANDLE_UNITS] * aht
                    heap_push(heap_t, heap_s, ist, now + ht, slot)
                    if record:
                        _log(logs, ist, par, t_arrival, now, now + ht, slot)
                    _answered(kc, fst, ist, kind, t_arrival, ht, wait, par)
                    served = True
                    break
                if served:
                    break
            if not served:
                if outbound and now < close and pool_n[team] >= reserve:
                    if team != SERVICE_TEAM:
                        ht = dial(slot, reps, par, tally, ubuf, ist, harm_who, harm_amt)
                        heap_push(heap_t, heap_s, ist, now + ht, slot)
                        ist[I_OUTBOUND] += 1
                        continue
                pool_add(pools, pool_head, pool_n, team, slot)
        elif ist[I_HAS_NEXT]:
            ist[I_ARRIVALS] += 1
            ist[I_HAS_NEXT] = 0
            now = nxt[TIME]
            fst[F_NOW] = now
            counted = now >= count_from
            kind = int(nxt[KIND])
            first = SERVICE_TEAM if kind == SERVICE else SALES_TEAM  # specialists first
            taken = False
            for team in (first, BLENDED_TEAM):
                if pool_n[team] > 0:
                    slot = pool_take(pools, pool_head, pool_n, team, kind, skills, reps)
                    if behaviour:
                        ht = connect(slot, nxt, now, 0.0, reps, par, tally, trust, trows, tflag,
                                     ist, harm_who, harm_amt, unres)  # fmt: skip
                    else:
                        ht = nxt[HANDLE_UNITS] * aht
                    heap_push(heap_t, heap_s, ist, now + ht, slot)
                    if record:
                        _log(logs, ist, par, now, now, now + ht, slot)
                    if counted:
                        kc[C_ANSWERED, kind] += 1
                        fst[F_HANDLE] += ht
                        if kind != TRANSFER:
                            ist[I_WITHIN_SL] += 1
                    taken = True
                    break
            if not taken:
                q = SERVICE_QUEUE if kind == SERVICE else SALES_QUEUE
                qrows[q, (qhead[q] + qn[q]) % qcap] = nxt
                qn[q] += 1
                if counted and kind != TRANSFER:
                    ist[I_WAITED] += 1
            if counted:
                kc[C_OFFERED, kind] += 1
        else:
            return DONE


@njit(cache=True)
def drain(qrows, qhead, qn, hung, unserved, par, kc, ist, fst) -> None:
    """Nobody left to answer: callers with patience hang up, the rest are still queued."""
    behaviour = par[P_BEHAVIOUR] != 0.0
    count_from = par[P_COUNT_FROM]
    qcap = qrows.shape[1]
    for q in range(SERVICE_QUEUE, SALES_QUEUE + 1):
        for j in range(qn[q]):
            call = qrows[q, (qhead[q] + j) % qcap]
            t_arrival, deadline = call[TIME], call[DEADLINE]
            kind = int(call[KIND])
            if deadline < np.inf:
                if behaviour:
                    hung[ist[I_N_HUNG]] = call
                    ist[I_N_HUNG] += 1
            elif behaviour:
                unserved[ist[I_N_UNSERVED]] = call
                ist[I_N_UNSERVED] += 1
            if t_arrival < count_from:
                continue
            if deadline < np.inf:
                kc[C_ABANDONED, kind] += 1
                fst[F_WAIT_ABANDONED] += deadline - t_arrival
            else:
                kc[C_QUEUED, kind] += 1
        qn[q] = 0
