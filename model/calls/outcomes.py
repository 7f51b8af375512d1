"""What happens inside an inbound call: anger, resolution, pitch, sale, warm-up, morale, skills.

:class:`CallOutcomes` is built once a day; its bound method :meth:`~CallOutcomes.connect`
is the hook the call loop calls when an inbound call reaches a rep, and
:mod:`tightrope.model.calls.outbound` adds the hook for an idle rep dialling out.
Every parameter the hot path needs is copied to a slot once a day, and the hot
methods copy what they use more than once into locals; frozen morale or skills
become zero deltas, so the hot path has no flags. Counters are floats and grow by
``1.0`` (float + float is CPython's specialised add; float + int is not). Everything a call changes
lives in the rep table, the customer base's event lists and the day's
:class:`~tightrope.model.calls.tally.Tally`. Outcomes are decided and applied
when the call connects: the rep is busy until it ends, so nothing else can
observe the difference.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from math import exp
from typing import TYPE_CHECKING

from tightrope.model.calls.outbound import outbound_hook
from tightrope.model.calls.record import (
    SERVICE,
    TRANSFER,
    TRANSFER_NEED,
    TRANSFER_NEED_CUT,
    TRANSFER_NO_NEED,
)
from tightrope.model.calls.record import transfer_of as _transfer_of
from tightrope.model.calls.tally import RUN_POSITIONS, Tally

if TYPE_CHECKING:
    from tightrope.model.model import CallCentre

#: Parameters and rep-table columns held by :class:`CallOutcomes` for one day.
_RESOURCES = (
    # the day, the rep table and the customers
    "tally", "morale", "warmup", "orientation", "service_skill", "sales_skill",
    "service_ceiling", "sales_ceiling", "warmup_rate", "pressure", "can_pitch", "streak",
    "n_service", "n_sales_contacts", "n_pitches", "n_sales", "n_harmful", "n_resolved",
    "trust_item", "trust_start", "harm_events", "unresolved", "transfer_out",
)  # fmt: skip
_RATES = (
    # morale deltas and skill changes (zero when frozen)
    "d_sale", "d_failed", "d_angry_pitch", "d_resolved", "d_unresolved", "d_abuse",
    "d_commission", "learn_service", "learn_sales", "erode_sales", "erode_service",
    # handling and resolving a service call
    "aht", "patience_mean", "handle_penalty", "complex_share", "complex_handle",
    "resolve_base", "resolve_gain", "resolve_complex", "avoid_max", "avoid_cut", "avoid_trust",
    # selling
    "decide", "refers", "pushes", "judges", "misread", "pressure_pitch", "need_share",
    "sales_call_need", "conversion", "anger_penalty", "pitch_minutes", "sales_handle",
    "push_max", "push_gp", "push_gm", "push_b", "perceive_base", "perceive_gain",
    "transfer_minutes", "screen", "hit", "false_pos", "switch_cost", "cold", "commission",
    "value", "harmful_value",
    # CSAT weights (service call; sales call or transfer)
    "cs_base", "cs_resolved", "cs_calm", "cs_failed", "cs_failed_angry", "cs_met",
    "cs_unwanted", "cs_sales_base", "cs_sale", "cs_sales_calm",
    # customers
    "anger_mood", "anger_wait", "anger_harm", "angry_at", "harm_sale", "harm_angry",
    "harm_unresolved",
)  # fmt: skip


class CallOutcomes:
    """Today's call outcomes: :meth:`connect` is the loop's hook for an inbound call."""

    __slots__ = _RESOURCES + _RATES

    def __init__(self, centre: CallCentre, tally: Tally) -> None:
        self._bind_state(centre, tally)
        self._bind_service(centre)
        self._bind_selling(centre)

    def _bind_state(self, centre: CallCentre, tally: Tally) -> None:
        """The rep table's columns, the customers' lists and today's tally."""
        t = centre.table
        self.tally = tally
        self.morale, self.warmup, self.orientation = t.morale, t.warmup, t.orientation
        self.service_skill, self.sales_skill = t.service_skill, t.sales_skill
        self.service_ceiling, self.sales_ceiling = t.service_ceiling, t.sales_ceiling
        self.warmup_rate, self.pressure = t.warmup_rate, t.pressure
        self.can_pitch, self.streak = t.can_pitch, t.streak
        self.n_service, self.n_sales_contacts = t.service_calls, t.sales_contacts
        self.n_pitches, self.n_sales = t.pitches, t.sales
        self.n_harmful, self.n_resolved = t.harmful_sales, t.resolved
        customers = centre.customers
        self.trust_item = customers.trust.item
        self.trust_start = centre.params.customers.trust_initial
        self.harm_events, self.unresolved = customers.harm_events, customers.unresolved
        self.transfer_out = centre.transfer_out

    def _bind_service(self, centre: CallCentre) -> None:
        """Anger, handling, resolution, avoidance, and the morale and skill changes of a call."""
        p = centre.params
        m, k, c, av = p.morale, p.skills, p.customers, p.avoidance
        on = 0.0 if m.frozen else 1.0
        self.d_sale, self.d_failed = on * m.sale, on * m.failed_pitch
        self.d_angry_pitch, self.d_abuse = on * m.angry_pitch, on * m.abuse
        self.d_resolved, self.d_unresolved = on * m.resolved, on * m.unresolved
        self.d_commission = on * p.regime.commission_morale
        on = 0.0 if k.frozen else 1.0
        self.learn_service, self.learn_sales = on * k.learn_service, on * k.learn_sales
        self.erode_sales = on * k.coupling_service_erodes_sales
        self.erode_service = on * k.coupling_sales_erodes_service
        self.aht = p.service.aht
        self.patience_mean = p.service.patience if p.service.abandonment else math.inf
        self.handle_penalty, self.complex_share = k.handle_penalty, k.complex_share
        self.complex_handle = k.complex_handle
        self.resolve_base, self.resolve_gain = k.resolve_base, k.resolve_skill_gain
        self.resolve_complex = k.resolve_complex_penalty
        # Call avoidance (off: max probability 0, and the branch is never taken).
        self.avoid_max, self.avoid_cut, self.avoid_trust = (
            av.max_probability,
            av.handle_share,
            av.trust_loss,
        )
        self.anger_mood, self.anger_wait, self.anger_harm = (
            c.anger_mood,
            c.anger_wait,
            c.anger_harm,
        )
        self.angry_at = c.angry_threshold
        self.harm_sale, self.harm_angry = c.harm_harmful_sale, c.harm_angry_pitch
        self.harm_unresolved = c.harm_unresolved
        w = p.csat
        self.cs_base, self.cs_resolved, self.cs_calm = w.base, w.resolved, w.calm
        self.cs_failed, self.cs_failed_angry = w.failed_pitch, w.failed_angry_pitch
        self.cs_met, self.cs_unwanted = w.met_need, w.unwanted_sale
        self.cs_sales_base, self.cs_sale, self.cs_sales_calm = w.sales_base, w.sale, w.sales_calm

    def _bind_selling(self, centre: CallCentre) -> None:
        """The regime's pitch decision, conversion, pushing, perception, screen-pop, warm-up."""
        p, regime = centre.params, centre.regime
        s = p.sales
        self.decide, self.refers, self.pushes = regime.decide, regime.refers, regime.pushes
        self.judges = regime.judges
        self.misread, self.pressure_pitch = s.misread_max, s.pressure_pitch
        self.sales_handle = s.call_handle_factor
        self.need_share, self.sales_call_need = s.need_share, s.sales_call_need
        self.conversion, self.anger_penalty = s.conversion_base, s.anger_penalty
        self.pitch_minutes, self.transfer_minutes = s.pitch_minutes, s.transfer_minutes
        self.push_max, self.push_gp = s.push_max, s.push_pressure_gain
        self.push_gm, self.push_b = s.push_morale_gain, s.push_bias
        self.perceive_base, self.perceive_gain = s.perceive_base, s.perceive_skill_gain
        pop = p.screenpop
        self.screen, self.hit, self.false_pos = pop.enabled, pop.hit_rate, pop.false_positive_rate
        self.switch_cost, self.cold = p.warmup.switch_cost, p.warmup.start
        self.commission = p.regime.commission_per_sale if regime.name == "commission" else 0.0
        self.value = s.sale_value
        self.harmful_value = s.sale_value * (1.0 - s.cancel_share)

    # ------------------------------------------------------------------ the hook
    def connect(self, slot: int, call: tuple, now: float, wait: float) -> float:
        """An inbound call reaches rep ``slot``: apply its outcome, return its handle time.

        Hot path: a parameter read more than once is copied to a local, and the
        rep's sale chance is computed once here and handed to :meth:`sell`.
        """
        (
            _, _, units, kind, customer,
            u_mood, u_complex, u_resolve, u_need, u_seen, u_sale, u_pop,
        ) = call  # fmt: skip
        anger = self.anger_wait * wait / self.patience_mean
        if kind == TRANSFER:
            anger += u_seen  # the caller keeps the mood of the service leg
        else:
            anger += self.anger_mood * u_mood * u_mood * u_mood
            if customer >= 0:
                deficit = self.trust_start - self.trust_item(customer)
                if deficit > 0.0:
                    anger += self.anger_harm * deficit
        if anger > 1.0:
            anger = 1.0
        angry = anger >= self.angry_at
        tally = self.tally
        mood = self.morale[slot]
        if angry:
            tally.angry_calls += 1.0
            mood -= self.d_abuse
        if kind != SERVICE:
            return self.sales_call(slot, kind, units, customer, mood, anger, u_need, u_sale)
        ht, resolved, skill = self.service_call(slot, units, customer, mood, u_complex, u_resolve)
        need_share = self.need_share
        need = u_need < need_share
        pitched = sold = False
        if resolved is not None and (self.can_pitch[slot] or self.refers):
            perceived = need and u_seen < self.perceive_base + self.perceive_gain * skill
            if self.screen and u_pop < (self.hit if need else self.false_pos):
                perceived = True
            # The rep's estimate of a sale (the regime's decision reads it, and it is
            # the sale's chance when there is a need), discounted by the share of
            # callers with a need when the rep sees none.
            sale = (
                self.conversion * self.sales_skill[slot] * self.warmup[slot]
                * (1.0 - self.anger_penalty * anger)
            )  # fmt: skip
            go = self.decide(
                perceived, angry, self.orientation[slot], sale if perceived else sale * need_share
            )
            if not go and self.judges:
                # Judgement fails: an angry caller misread as calm (less often by skilled
                # reps), a need not seen pitched under pressure. Given u_sale < q,
                # u_sale / q is a fresh uniform for the sale itself.
                q = self.misread * (1.0 - skill) if angry else 1.0
                if not perceived:
                    q *= self.pressure_pitch * self.pressure[slot]
                if u_sale < q:
                    go = True
                    u_sale /= q
            if go:
                if not self.refers:
                    pitched = True
                    ht += self.pitch_minutes
                    sold = self.sell(slot, need, anger, u_sale, customer, angry, sale)
                elif self.transfer_out is not None:
                    ht += self.warm_transfer(slot, call, need, anger, u_sale)
        if not pitched:
            warmup = self.warmup
            w = warmup[slot]
            warmup[slot] = w - self.switch_cost * (w - self.cold)
            self.streak[slot] = 0
        # CSAT proxy (weights: the csat parameter group), clipped to [0, 1].
        csat = self.cs_base + self.cs_resolved if resolved is True else self.cs_base
        csat += self.cs_calm * (1.0 - anger)
        if pitched:
            if not sold:
                csat -= self.cs_failed_angry if angry else self.cs_failed
            elif need:
                csat += self.cs_met
            else:
                csat -= self.cs_unwanted
        tally.csat_sum += 0.0 if csat < 0.0 else (1.0 if csat > 1.0 else csat)
        tally.csat_n += 1.0
        return ht

    # ------------------------------------------------------------------ the parts
    def sales_call(
        self,
        slot: int,
        kind: int,
        units: float,
        customer: int,
        mood: float,
        anger: float,
        u_need: float,
        u_sale: float,
    ) -> float:
        """An inbound sales call or a warm transfer: a pitch to a likelier need.

        A transferred caller did not ask for the pitch, so an angry one counts as
        a pitch to an angry caller; an inbound sales caller asked for it.
        """
        self.morale[slot] = mood if mood > 0.0 else 0.0
        tally = self.tally
        tally.sales_calls += 1.0
        if kind == TRANSFER:
            need = u_need < TRANSFER_NEED_CUT
            angry = anger >= self.angry_at
        else:
            need = u_need < self.sales_call_need
            angry = False
        sold = self.sell(slot, need, anger, u_sale, customer, angry)
        csat = self.cs_sales_base + (self.cs_sale if sold else 0.0)
        csat += self.cs_sales_calm * (1.0 - anger)
        tally.csat_sum += 1.0 if csat > 1.0 else csat
        tally.csat_n += 1.0
        return self.aht * units * self.sales_handle + self.pitch_minutes

    def service_call(
        self,
        slot: int,
        units: float,
        customer: int,
        mood: float,
        u_complex: float,
        u_resolve: float,
    ) -> tuple[float, bool | None, float]:
        """Handle and try to resolve a service call; morale and skills move.

        Returns the handle time so far, whether it was resolved (``None``: the rep
        avoided it, cut it short and will not pitch) and the rep's service skill
        before the call.
        """
        tally = self.tally
        tally.service_calls += 1.0
        self.n_service[slot] += 1.0
        skill = self.service_skill[slot]
        ht = self.aht * units * (1.0 + self.handle_penalty * (1.0 - skill))
        chance = self.resolve_base + self.resolve_gain * skill
        avoided = False
        complex_share = self.complex_share
        if u_complex < complex_share:
            ht *= self.complex_handle
            chance -= self.resolve_complex
            # Given a complex call, u_complex / complex_share is a fresh uniform: the rep
            # cuts it short with probability avoid_max * pressure, without a new draw.
            avoid_max = self.avoid_max
            if avoid_max and u_complex < complex_share * avoid_max * self.pressure[slot]:
                avoided = True
                ht *= self.avoid_cut
                chance = -1.0
                tally.calls_avoided += 1.0
        resolved = u_resolve < chance
        if resolved:
            tally.resolved += 1.0
            self.n_resolved[slot] += 1.0
            mood += self.d_resolved * (1.5 - self.orientation[slot])
        else:
            tally.unresolved += 1.0
            mood -= self.d_unresolved
            if customer >= 0:
                self.unresolved.append(customer)
                harm = self.harm_unresolved
                self.harm_events.append((customer, harm + self.avoid_trust if avoided else harm))
        self.morale[slot] = 1.0 if mood > 1.0 else (0.0 if mood < 0.0 else mood)
        self.service_skill[slot] = skill + self.learn_service * (
            self.service_ceiling[slot] - skill
        )
        if self.erode_sales:  # zero unless service work erodes sales skill
            sales_skill = self.sales_skill
            s = sales_skill[slot]
            sales_skill[slot] = s - self.erode_sales * s
        return ht, None if avoided else resolved, skill

    def warm_transfer(
        self, slot: int, call: tuple, need: bool, anger: float, u_sale: float
    ) -> float:
        """Hand the caller, and their mood, to the sales side; returns the hand-over minutes."""
        self.tally.transfers += 1.0
        hint = TRANSFER_NEED if need else TRANSFER_NO_NEED
        self.transfer_out[slot] = _transfer_of(call, hint, anger, u_sale)
        return self.transfer_minutes

    def sell(
        self,
        slot: int,
        need: bool,
        anger: float,
        u: float,
        customer: int,
        angry: bool,
        sale: float | None = None,
    ) -> bool:
        """One pitch: a genuine or pushed (harmful) sale or a failed pitch; warm-up, skills move.

        Shared by service-call pitches, sales calls, transfers and outbound calls.
        ``sale`` is the chance of a genuine sale when the caller has a need, if the
        caller already knows it (:meth:`connect` does); otherwise it is computed here.
        """
        tally = self.tally
        tally.pitches += 1.0
        streak = self.streak
        position = streak[slot]
        streak[slot] = position + 1
        if position >= RUN_POSITIONS:
            position = RUN_POSITIONS - 1
        tally.pitches_at[position] += 1
        self.n_pitches[slot] += 1.0
        self.n_sales_contacts[slot] += 1.0
        morale, warmup, sales_skill = self.morale, self.warmup, self.sales_skill
        mood = morale[slot]
        o = self.orientation[slot]
        if need:
            if sale is None:
                sale = (
                    self.conversion * sales_skill[slot] * warmup[slot]
                    * (1.0 - self.anger_penalty * anger)
                )  # fmt: skip
            ok = u < sale
            if ok:
                tally.sales_genuine += 1.0
                tally.revenue_genuine += self.value
                mood += self.d_sale * (0.5 + o)
        elif self.pushes:  # no need: a sale pushed under pressure is a harmful sale
            x = self.push_gp * self.pressure[slot] - self.push_gm * mood + self.push_b
            ok = u < self.push_max / (1.0 + exp(-x))
            if ok:
                self.n_harmful[slot] += 1.0
                tally.sales_harmful += 1.0
                tally.revenue_harmful += self.harmful_value
                if customer >= 0:
                    self.harm_events.append((customer, self.harm_sale))
        else:
            ok = False
        if ok:
            self.n_sales[slot] += 1.0
            if self.commission:
                tally.commission_paid += self.commission
                mood += self.d_commission * (0.5 + o)
            tally.sales_at[position] += 1
        else:
            mood -= self.d_failed * (1.5 - o)
        if angry:
            tally.angry_pitches += 1.0
            mood -= self.d_angry_pitch
            if customer >= 0:
                self.harm_events.append((customer, self.harm_angry))
        morale[slot] = 1.0 if mood > 1.0 else (0.0 if mood < 0.0 else mood)
        w = warmup[slot]
        warmup[slot] = w + self.warmup_rate[slot] * (1.0 - w)
        s = sales_skill[slot]
        sales_skill[slot] = s + self.learn_sales * (self.sales_ceiling[slot] - s)
        if self.erode_service:  # zero unless selling erodes service skill
            service_skill = self.service_skill
            s = service_skill[slot]
            service_skill[slot] = s - self.erode_service * s
        return ok


def make_call_hooks(
    centre: CallCentre, tally: Tally
) -> tuple[Callable[[int, tuple, float, float], float], Callable[[int, float], float] | None]:
    """Today's ``connect`` hook and ``outbound`` hook (None when reps never dial out)."""
    outcomes = CallOutcomes(centre, tally)
    return outcomes.connect, outbound_hook(centre, tally, outcomes.sell)
