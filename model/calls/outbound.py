"""Idle reps dialling out: ordinary outbound sales calls and cold calls (a lever).

Outbound calls have no call tuple: their uniforms come from a vectorised
stream on the centre's call generator, drawn only when a rep dials. The sale
itself is the inbound :meth:`~tightrope.model.calls.outcomes.CallOutcomes.sell`,
so warm-up, skill and morale effects are shared.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import numpy as np

from tightrope.model.calls.tally import Tally

if TYPE_CHECKING:
    from tightrope.model.model import CallCentre

Sell = Callable[[int, bool, float, float, int, bool], bool]
Outbound = Callable[[int, float], float]


def uniforms(rng: np.random.Generator, block: int = 4096) -> Iterator[float]:
    """An endless stream of uniforms drawn vectorised (for events without a call tuple)."""
    while True:
        yield from rng.random(block).tolist()


def outbound_hook(centre: CallCentre, tally: Tally, sell: Sell) -> Outbound | None:
    """Today's ``outbound`` hook: None without blending, a cold call with that lever on."""
    p = centre.params
    if not p.blending.outbound:
        return None
    draw = uniforms(centre.call_rng).__next__
    if p.coldcalls.enabled:
        return cold_call(centre, tally, sell, draw)
    return outbound_call(centre, tally, sell, draw)


def outbound_call(
    centre: CallCentre, tally: Tally, sell: Sell, draw: Callable[[], float]
) -> Outbound:
    """``outbound``: a short failed dial, or a sales conversation with a prospect."""
    b = centre.params.blending
    contact, need, minutes = b.outbound_contact, b.outbound_need, b.outbound_minutes
    dial = b.dial_minutes

    def outbound(slot: int, now: float) -> float:
        """Idle rep ``slot`` dials a prospect."""
        tally.outbound_dials += 1.0
        if draw() >= contact:
            return dial
        tally.outbound_contacts += 1.0
        talk = -minutes * math.log(1.0 - draw())
        sell(slot, draw() < need, 0.0, draw(), -1, False)
        return dial + talk

    return outbound


def cold_call(centre: CallCentre, tally: Tally, sell: Sell, draw: Callable[[], float]) -> Outbound:
    """``outbound`` for cold calls: lower conversion, irritated prospects, a morale cost.

    The conversion multiplier scales the sale uniform (``u / c`` against the same
    threshold), so the sale's warm-up and skill effects are those of any pitch.
    """
    p = centre.params
    b, cc = p.blending, p.coldcalls
    morale = centre.table.morale
    scale = 1.0 / cc.conversion_multiplier if cc.conversion_multiplier > 0 else math.inf
    irritation = cc.irritation
    cost = 0.0 if p.morale.frozen else cc.morale_cost
    contact, need, minutes = b.outbound_contact, b.outbound_need, b.outbound_minutes
    dial = b.dial_minutes

    def outbound(slot: int, now: float) -> float:
        """Idle rep ``slot`` cold-calls a prospect."""
        tally.outbound_dials += 1.0
        if draw() >= contact:
            return dial
        tally.outbound_contacts += 1.0
        talk = -minutes * math.log(1.0 - draw())
        sell(slot, draw() < need, 0.0, draw() * scale, -1, False)
        if draw() < irritation:
            tally.cold_irritated += 1.0
        mood = morale[slot] - cost
        morale[slot] = mood if mood > 0.0 else 0.0
        return dial + talk

    return outbound
