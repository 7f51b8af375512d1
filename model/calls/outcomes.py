"""What happens inside a call: anger, resolution, pitch, sale, warm-up, morale, skills.

:func:`make_call_hooks` builds the two hooks the call loop calls: ``connect``
(an inbound call reaches a rep) and ``outbound`` (an idle rep dials out).
They are closures over plain lists and floats so the hot path does no
attribute look-ups; everything they change lives in the rep table, the
customer base's event lists and the day's :class:`Tally`. Outcomes are
decided and applied when the call connects: the rep is busy until it ends,
so nothing else can observe the difference.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import numpy as np

from tightrope.model.calls.routing import SERVICE_CALL

if TYPE_CHECKING:
    from tightrope.model.model import CallCentre

TRANSFER_CALL = 3  # a warm transfer; its u_need slot carries the need (0.0 = need)

TALLY_FIELDS = (
    "service_calls",
    "sales_calls",
    "resolved",
    "unresolved",
    "angry_calls",
    "pitches",
    "angry_pitches",
    "sales_genuine",
    "sales_harmful",
    "transfers",
    "revenue_genuine",
    "revenue_harmful",
    "commission_paid",
    "csat_sum",
    "csat_n",
    "outbound_dials",
    "outbound_contacts",
    "calls_avoided",
    "cold_irritated",
)
RUN_POSITIONS = 8  # pitches are binned by position in a run of sales contacts: 1..7, 8+


class Tally:
    """Day counters of call outcomes (attributes, reset each day)."""

    __slots__ = (*TALLY_FIELDS, "pitches_at", "sales_at")

    def __init__(self) -> None:
        for name in TALLY_FIELDS:
            setattr(self, name, 0.0)
        # Pitches and sales by position in the rep's current run of sales contacts
        # (seed 001's warm-up, measured the way a floor manager would see it).
        self.pitches_at = [0] * RUN_POSITIONS
        self.sales_at = [0] * RUN_POSITIONS

    def as_dict(self) -> dict[str, float]:
        """Counters by name (positions as ``pitches_at_1`` ... ``sales_at_8``)."""
        out = {name: getattr(self, name) for name in TALLY_FIELDS}
        for i in range(RUN_POSITIONS):
            out[f"pitches_at_{i + 1}"] = self.pitches_at[i]
            out[f"sales_at_{i + 1}"] = self.sales_at[i]
        return out


def uniforms(rng: np.random.Generator, block: int = 4096) -> Iterator[float]:
    """An endless stream of uniforms drawn vectorised (for events without a call tuple)."""
    while True:
        yield from rng.random(block).tolist()


def make_call_hooks(centre: CallCentre, tally: Tally) -> tuple[Callable, Callable | None]:  # noqa: C901
    """Build ``connect`` and ``outbound`` for today.

    Every parameter the hot path needs is bound to a local name here once;
    frozen morale or skills become zero deltas, so the hot path has no flags.
    """
    p = centre.params
    t = centre.table
    regime = centre.regime
    morale, warmup, orientation = t.morale, t.warmup, t.orientation
    service_skill, sales_skill = t.service_skill, t.sales_skill
    service_ceiling, sales_ceiling = t.service_ceiling, t.sales_ceiling
    warmup_rate, pressure, can_pitch, streak = t.warmup_rate, t.pressure, t.can_pitch, t.streak
    pitches_at, sales_at = tally.pitches_at, tally.sales_at
    n_service, n_sales_contacts, n_pitches = t.service_calls, t.sales_contacts, t.pitches
    n_sales, n_harmful, n_resolved = t.sales, t.harmful_sales, t.resolved
    customers = centre.customers
    trust_item = customers.trust.item
    trust_start = p.customers.trust_initial
    harm_events, unresolved_list = customers.harm_events, customers.unresolved
    transfer_out = centre.transfer_out
    exp = math.exp

    s, m, k, c = p.sales, p.morale, p.skills, p.customers
    aht = p.service.aht
    patience_mean = p.service.patience if p.service.abandonment else math.inf
    # Morale deltas (zero when morale is frozen).
    on = 0.0 if m.frozen else 1.0
    d_sale, d_failed, d_angry_pitch = on * m.sale, on * m.failed_pitch, on * m.angry_pitch
    d_resolved, d_unresolved, d_abuse = on * m.resolved, on * m.unresolved, on * m.abuse
    d_commission = on * p.regime.commission_morale
    # Skill changes (zero when skills are frozen).
    on = 0.0 if k.frozen else 1.0
    learn_service, learn_sales = on * k.learn_service, on * k.learn_sales
    erode_sales = on * k.coupling_service_erodes_sales
    erode_service = on * k.coupling_sales_erodes_service
    handle_penalty, complex_share, complex_handle = (
        k.handle_penalty,
        k.complex_share,
        k.complex_handle,
    )
    resolve_base, resolve_gain = k.resolve_base, k.resolve_skill_gain
    resolve_complex = k.resolve_complex_penalty
    # Selling.
    decide, refers, pushes = regime.decide, regime.refers, regime.pushes
    need_share, sales_call_need = s.need_share, s.sales_call_need
    conversion, anger_penalty, pitch_minutes = s.conversion_base, s.anger_penalty, s.pitch_minutes
    push_max, push_gp, push_gm, push_b = (
        s.push_max,
        s.push_pressure_gain,
        s.push_morale_gain,
        s.push_bias,
    )
    perceive_base, perceive_gain = s.perceive_base, s.perceive_skill_gain
    transfer_minutes = s.transfer_minutes
    screen, hit, false_pos = (
        p.screenpop.enabled,
        p.screenpop.hit_rate,
        p.screenpop.false_positive_rate,
    )
    switch_cost, cold = p.warmup.switch_cost, p.warmup.start
    commission = p.regime.commission_per_sale if regime.name == "commission" else 0.0
    value = s.sale_value
    harmful_value = value * (1.0 - s.cancel_share)
    # Call avoidance (off: max probability 0, and the branch is never taken).
    av = p.avoidance
    avoid_max, avoid_cut, avoid_trust = av.max_probability, av.handle_share, av.trust_loss
    # Customers.
    anger_mood, anger_wait, anger_harm = c.anger_mood, c.anger_wait, c.anger_harm
    angry_at = c.angry_threshold
    harm_sale, harm_angry, harm_unresolved = (
        c.harm_harmful_sale,
        c.harm_angry_pitch,
        c.harm_unresolved,
    )

    def sell(slot: int, need: bool, anger: float, u: float, customer: int, angry: bool) -> bool:
        """One pitch: genuine or pushed sale, or a failed pitch; warm-up and skills move."""
        tally.pitches += 1
        position = streak[slot]
        if position >= RUN_POSITIONS:
            position = RUN_POSITIONS - 1
        streak[slot] += 1
        pitches_at[position] += 1
        n_pitches[slot] += 1
        n_sales_contacts[slot] += 1
        mood = morale[slot]
        o = orientation[slot]
        ok = False
        if need:
            if u < conversion * sales_skill[slot] * warmup[slot] * (1.0 - anger_penalty * anger):
                ok = True
                tally.sales_genuine += 1
                tally.revenue_genuine += value
                mood += d_sale * (0.5 + o)
        elif pushes:
            x = push_gp * pressure[slot] - push_gm * mood + push_b
            if u < push_max / (1.0 + exp(-x)):
                ok = True
                n_harmful[slot] += 1
                tally.sales_harmful += 1
                tally.revenue_harmful += harmful_value
                if customer >= 0:
                    harm_events.append((customer, harm_sale))
        if ok:
            n_sales[slot] += 1
            if commission:
                tally.commission_paid += commission
                mood += d_commission * (0.5 + o)
        else:
            mood -= d_failed * (1.5 - o)
        if angry:
            tally.angry_pitches += 1
            mood -= d_angry_pitch
            if customer >= 0:
                harm_events.append((customer, harm_angry))
        morale[slot] = 1.0 if mood > 1.0 else (0.0 if mood < 0.0 else mood)
        warmup[slot] += warmup_rate[slot] * (1.0 - warmup[slot])
        sales_skill[slot] += learn_sales * (sales_ceiling[slot] - sales_skill[slot])
        service_skill[slot] -= erode_service * service_skill[slot]
        if ok:
            sales_at[position] += 1
        return ok

    def connect(slot: int, call: tuple, now: float, wait: float) -> float:
        """An inbound call reaches rep ``slot``: apply its outcome, return its handle time."""
        (
            _,
            _,
            units,
            kind,
            customer,
            u_mood,
            u_complex,
            u_resolve,
            u_need,
            u_seen,
            u_sale,
            u_pop,
        ) = call
        anger = anger_mood * u_mood * u_mood * u_mood + anger_wait * wait / patience_mean
        if customer >= 0:
            deficit = trust_start - trust_item(customer)
            if deficit > 0.0:
                anger += anger_harm * deficit
        if anger > 1.0:
            anger = 1.0
        angry = anger >= angry_at
        mood = morale[slot]
        if angry:
            tally.angry_calls += 1
            mood -= d_abuse
        if kind != SERVICE_CALL:
            morale[slot] = mood if mood > 0.0 else 0.0
            tally.sales_calls += 1
            need = u_need < (0.5 if kind == TRANSFER_CALL else sales_call_need)
            sold = sell(slot, need, anger, u_sale, customer, False)
            csat = 0.5 + 0.3 * sold + 0.2 * (1.0 - anger)
            tally.csat_sum += csat
            tally.csat_n += 1
            return aht * units * 0.8 + pitch_minutes
        tally.service_calls += 1
        n_service[slot] += 1
        skill = service_skill[slot]
        ht = aht * units * (1.0 + handle_penalty * (1.0 - skill))
        chance = resolve_base + resolve_gain * skill
        avoided = False
        if u_complex < complex_share:
            ht *= complex_handle
            chance -= resolve_complex
            # Given a complex call, u_complex / complex_share is a fresh uniform: the rep
            # cuts it short with probability avoid_max * pressure, without a new draw.
            if avoid_max and u_complex < complex_share * avoid_max * pressure[slot]:
                avoided = True
                ht *= avoid_cut
                chance = -1.0
                tally.calls_avoided += 1
        resolved = u_resolve < chance
        if resolved:
            tally.resolved += 1
            n_resolved[slot] += 1
            mood += d_resolved * (1.5 - orientation[slot])
        else:
            tally.unresolved += 1
            mood -= d_unresolved
            if customer >= 0:
                unresolved_list.append(customer)
                harm_events.append(
                    (customer, harm_unresolved + avoid_trust if avoided else harm_unresolved)
                )
        morale[slot] = 1.0 if mood > 1.0 else (0.0 if mood < 0.0 else mood)
        service_skill[slot] = skill + learn_service * (service_ceiling[slot] - skill)
        sales_skill[slot] -= erode_sales * sales_skill[slot]
        need = u_need < need_share
        pitched = sold = False
        if (can_pitch[slot] or refers) and not avoided:
            perceived = need and u_seen < perceive_base + perceive_gain * skill
            if screen and u_pop < (hit if need else false_pos):
                perceived = True
            if refers:
                if perceived and transfer_out is not None:
                    tally.transfers += 1
                    ht += transfer_minutes
                    hint = 0.0 if need else 1.0  # carried in the u_need slot of the transfer
                    transfer_out[slot] = (
                        now, math.inf, units, TRANSFER_CALL, customer,
                        u_mood, u_complex, u_resolve, hint, u_seen, u_sale, u_pop,
                    )  # fmt: skip
            else:
                estimate = (
                    conversion * sales_skill[slot] * warmup[slot] * (1.0 - anger_penalty * anger)
                )
                if not perceived:
                    estimate *= need_share
                if decide(perceived, angry, orientation[slot], estimate):
                    pitched = True
                    ht += pitch_minutes
                    sold = sell(slot, need, anger, u_sale, customer, angry)
        if not pitched:
            warmup[slot] -= switch_cost * (warmup[slot] - cold)
            streak[slot] = 0
        # CSAT proxy: resolution and calm, plus a met need ("selling is service",
        # seed 003); an unwanted or pushed sale and a failed pitch cost satisfaction.
        csat = 0.3 + 0.5 * resolved + 0.2 * (1.0 - anger)
        if pitched:
            if not sold:
                csat -= 0.3 if angry else 0.15
            else:
                csat += 0.1 if need else -0.2
        tally.csat_sum += 0.0 if csat < 0.0 else (1.0 if csat > 1.0 else csat)
        tally.csat_n += 1
        return ht

    if not p.blending.outbound:
        return connect, None

    b = p.blending
    draw = uniforms(centre.call_rng).__next__
    dial_minutes = 0.5
    if p.coldcalls.enabled:
        return connect, cold_call_hook(centre, tally, sell, draw, dial_minutes)

    def outbound(slot: int, now: float) -> float:
        """Idle rep ``slot`` dials a prospect: a short failed dial or a sales conversation."""
        tally.outbound_dials += 1
        if draw() >= b.outbound_contact:
            return dial_minutes
        tally.outbound_contacts += 1
        talk = -b.outbound_minutes * math.log(1.0 - draw())
        sell(slot, draw() < b.outbound_need, 0.0, draw(), -1, False)
        return dial_minutes + talk

    return connect, outbound


def cold_call_hook(
    centre: CallCentre, tally: Tally, sell: Callable, draw: Callable[[], float], dial: float
) -> Callable[[int, float], float]:
    """``outbound`` for cold calls: lower conversion, irritated prospects, a morale cost.

    The conversion multiplier scales the sale uniform (``u / c`` against the same
    threshold), so :func:`sell` and its warm-up and skill effects are shared with
    ordinary outbound calls.
    """
    p = centre.params
    b, cc = p.blending, p.coldcalls
    morale = centre.table.morale
    scale = 1.0 / cc.conversion_multiplier if cc.conversion_multiplier > 0 else math.inf
    irritation = cc.irritation
    cost = 0.0 if p.morale.frozen else cc.morale_cost
    contact, need, minutes = b.outbound_contact, b.outbound_need, b.outbound_minutes

    def outbound(slot: int, now: float) -> float:
        """Idle rep ``slot`` cold-calls a prospect."""
        tally.outbound_dials += 1
        if draw() >= contact:
            return dial
        tally.outbound_contacts += 1
        talk = -minutes * math.log(1.0 - draw())
        sell(slot, draw() < need, 0.0, draw() * scale, -1, False)
        if draw() < irritation:
            tally.cold_irritated += 1
        mood = morale[slot] - cost
        morale[slot] = mood if mood > 0.0 else 0.0
        return dial + talk

    return outbound
