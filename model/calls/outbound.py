"""Idle reps dialling out: ordinary outbound sales calls and cold calls (a lever).

Outbound calls have no call row: their uniforms come from a buffer drawn from
the centre's call generator in blocks of :data:`UNIFORM_BLOCK` (the driver in
:mod:`tightrope.model.calls.loop` refills it and, after the day, leaves the
generator exactly where drawing whole blocks on demand would have). The sale
itself is the inbound :func:`~tightrope.model.calls.sale.sell`, so warm-up,
skill and morale effects are shared. Compiled with numba like the rest of the
day loop.
"""

from __future__ import annotations

import math

from numba import njit

from tightrope.model.calls.layout import (
    I_UNIFORM_POS,
    P_COLD,
    P_COLD_COST,
    P_COLD_SCALE,
    P_CONTACT,
    P_DIAL,
    P_IRRITATION,
    P_OUTBOUND_MINUTES,
    P_OUTBOUND_NEED,
    REP_MORALE,
    T_COLD_IRRITATED,
    T_OUTBOUND_CONTACTS,
    T_OUTBOUND_DIALS,
)
from tightrope.model.calls.sale import sell

#: Outbound uniforms are drawn from the call generator in blocks of this size.
UNIFORM_BLOCK = 4096


@njit(cache=True)
def _draw(ubuf, ist) -> float:
    """The next outbound uniform (the loop guarantees a dial's worth is buffered)."""
    i = ist[I_UNIFORM_POS]
    ist[I_UNIFORM_POS] = i + 1
    return ubuf[i]


@njit(cache=True)
def dial(slot, reps, par, tally, ubuf, ist, harm_who, harm_amt):
    """Idle rep ``slot`` dials a prospect (a cold call with that lever on); returns minutes.

    A short failed dial, or a sales conversation. A cold call converts less (its
    multiplier scales the sale uniform, ``u / c`` against the same threshold, so the
    sale's warm-up and skill effects are those of any pitch), can irritate the
    prospect and costs the rep morale.
    """
    tally[T_OUTBOUND_DIALS] += 1.0
    if _draw(ubuf, ist) >= par[P_CONTACT]:
        return par[P_DIAL]
    tally[T_OUTBOUND_CONTACTS] += 1.0
    talk = -par[P_OUTBOUND_MINUTES] * math.log(1.0 - _draw(ubuf, ist))
    need = _draw(ubuf, ist) < par[P_OUTBOUND_NEED]
    cold = par[P_COLD] != 0.0
    u = _draw(ubuf, ist) * par[P_COLD_SCALE] if cold else _draw(ubuf, ist)
    sell(slot, need, 0.0, u, -1, False, 0.0, False, reps, par, tally, ist, harm_who, harm_amt)
    if cold:
        if _draw(ubuf, ist) < par[P_IRRITATION]:
            tally[T_COLD_IRRITATED] += 1.0
        mood = reps[REP_MORALE, slot] - par[P_COLD_COST]
        reps[REP_MORALE, slot] = mood if mood > 0.0 else 0.0
    return par[P_DIAL] + talk
