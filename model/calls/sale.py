"""One pitch: a genuine or a pushed (harmful) sale, or a failed pitch.

Compiled with numba like the rest of the day loop; shared by service-call
pitches, inbound sales calls and warm transfers
(:mod:`tightrope.model.calls.outcomes`) and outbound dials
(:mod:`tightrope.model.calls.outbound`), so warm-up, skill and morale effects
are those of any pitch. Harm events go to the day's preallocated arrays.
"""

from __future__ import annotations

from math import exp

from numba import njit

from tightrope.model.calls.layout import (
    I_N_HARM,
    P_ANGER_PENALTY,
    P_COMMISSION,
    P_CONVERSION,
    P_D_ANGRY_PITCH,
    P_D_COMMISSION,
    P_D_FAILED,
    P_D_SALE,
    P_ERODE_SERVICE,
    P_HARM_ANGRY,
    P_HARM_SALE,
    P_HARMFUL_VALUE,
    P_LEARN_SALES,
    P_PUSH_B,
    P_PUSH_GM,
    P_PUSH_GP,
    P_PUSH_MAX,
    P_PUSHES,
    P_VALUE,
    REP_MORALE,
    REP_N_HARMFUL,
    REP_N_PITCHES,
    REP_N_SALES,
    REP_N_SALES_CONTACTS,
    REP_ORIENTATION,
    REP_PRESSURE,
    REP_SALES_CEILING,
    REP_SALES_SKILL,
    REP_SERVICE_SKILL,
    REP_STREAK,
    REP_WARMUP,
    REP_WARMUP_RATE,
    T_ANGRY_PITCHES,
    T_COMMISSION_PAID,
    T_PITCHES,
    T_PITCHES_AT,
    T_REVENUE_GENUINE,
    T_REVENUE_HARMFUL,
    T_SALES_AT,
    T_SALES_GENUINE,
    T_SALES_HARMFUL,
)
from tightrope.model.calls.tally import RUN_POSITIONS


@njit(cache=True)
def _harm(ist, harm_who, harm_amt, customer: int, amount: float) -> None:
    """Append a harm event (the customer's trust falls after the day)."""
    n = ist[I_N_HARM]
    harm_who[n] = customer
    harm_amt[n] = amount
    ist[I_N_HARM] = n + 1


@njit(cache=True)
def sell(slot, need, anger, u, customer, angry, sale, has_sale, reps, par, tally, ist,
         harm_who, harm_amt):  # fmt: skip
    """One pitch: a genuine or pushed (harmful) sale or a failed pitch; warm-up, skills move.

    Shared by service-call pitches, sales calls, transfers and outbound calls.
    ``sale`` (when ``has_sale``) is the chance of a genuine sale when the caller has
    a need, as :func:`connect` computed it; otherwise it is computed here.
    """
    tally[T_PITCHES] += 1.0
    position = int(reps[REP_STREAK, slot])
    reps[REP_STREAK, slot] = position + 1
    if position >= RUN_POSITIONS:
        position = RUN_POSITIONS - 1
    tally[T_PITCHES_AT + position] += 1.0
    reps[REP_N_PITCHES, slot] += 1.0
    reps[REP_N_SALES_CONTACTS, slot] += 1.0
    mood = reps[REP_MORALE, slot]
    o = reps[REP_ORIENTATION, slot]
    if need:
        if not has_sale:
            sale = (
                par[P_CONVERSION] * reps[REP_SALES_SKILL, slot] * reps[REP_WARMUP, slot]
                * (1.0 - par[P_ANGER_PENALTY] * anger)
            )  # fmt: skip
        ok = u < sale
        if ok:
            tally[T_SALES_GENUINE] += 1.0
            tally[T_REVENUE_GENUINE] += par[P_VALUE]
            mood += par[P_D_SALE] * (0.5 + o)
    elif par[P_PUSHES] != 0.0:  # no need: a sale pushed under pressure is a harmful sale
        x = par[P_PUSH_GP] * reps[REP_PRESSURE, slot] - par[P_PUSH_GM] * mood + par[P_PUSH_B]
        ok = u < par[P_PUSH_MAX] / (1.0 + exp(-x))
        if ok:
            reps[REP_N_HARMFUL, slot] += 1.0
            tally[T_SALES_HARMFUL] += 1.0
            tally[T_REVENUE_HARMFUL] += par[P_HARMFUL_VALUE]
            if customer >= 0:
                _harm(ist, harm_who, harm_amt, customer, par[P_HARM_SALE])
    else:
        ok = False
    if ok:
        reps[REP_N_SALES, slot] += 1.0
        commission = par[P_COMMISSION]
        if commission != 0.0:
            tally[T_COMMISSION_PAID] += commission
            mood += par[P_D_COMMISSION] * (0.5 + o)
        tally[T_SALES_AT + position] += 1.0
    else:
        mood -= par[P_D_FAILED] * (1.5 - o)
    if angry:
        tally[T_ANGRY_PITCHES] += 1.0
        mood -= par[P_D_ANGRY_PITCH]
        if customer >= 0:
            _harm(ist, harm_who, harm_amt, customer, par[P_HARM_ANGRY])
    reps[REP_MORALE, slot] = 1.0 if mood > 1.0 else (0.0 if mood < 0.0 else mood)
    w = reps[REP_WARMUP, slot]
    reps[REP_WARMUP, slot] = w + reps[REP_WARMUP_RATE, slot] * (1.0 - w)
    s = reps[REP_SALES_SKILL, slot]
    reps[REP_SALES_SKILL, slot] = s + par[P_LEARN_SALES] * (reps[REP_SALES_CEILING, slot] - s)
    erode = par[P_ERODE_SERVICE]
    if erode != 0.0:  # zero unless selling erodes service skill
        s = reps[REP_SERVICE_SKILL, slot]
        reps[REP_SERVICE_SKILL, slot] = s - erode * s
    return ok
