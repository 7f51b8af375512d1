"""What happens inside an inbound call: anger, resolution, pitch, sale, warm-up, morale, skills.

Compiled functions (numba, ``cache=True``) over the day's arrays, called by the
day loop (:mod:`tightrope.model.calls.kernel`) when an inbound call reaches a
rep: :func:`connect` decides the call's outcome, applies it and returns the
handle time; :func:`service_call`, :func:`sales_call`, :func:`warm_transfer`
are its parts, and :func:`~tightrope.model.calls.sale.sell` the pitch (shared with
outbound calls). They read the rep table as
``reps[REP_..., slot]``, the day's parameters as ``par[P_...]`` (built once a
day by :func:`tightrope.model.calls.dayarrays.day_parameters`; frozen morale or
skills become zero deltas, so the hot path has no flags) and write the day's
tally ``tally[T_...]``. Harm events and unresolved callers go to preallocated
arrays (:class:`Events`), turned into the customer base's lists after the day.
Outcomes are decided and applied when the call connects: the rep is busy until
it ends, so nothing else can observe the difference. With ``NUMBA_DISABLE_JIT=1``
the same functions run as plain Python.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from tightrope.model.calls.layout import (
    DECIDE_ALWAYS,
    DECIDE_PAY,
    DECIDE_PERCEIVED_CALM,
    I_N_UNRESOLVED,
    P_AHT,
    P_ANGER_HARM,
    P_ANGER_MOOD,
    P_ANGER_PENALTY,
    P_ANGER_WAIT,
    P_ANGRY_AT,
    P_AVOID_CUT,
    P_AVOID_MAX,
    P_AVOID_TRUST,
    P_COMPLEX_HANDLE,
    P_COMPLEX_SHARE,
    P_CONVERSION,
    P_CS_BASE,
    P_CS_CALM,
    P_CS_FAILED,
    P_CS_FAILED_ANGRY,
    P_CS_MET,
    P_CS_RESOLVED,
    P_CS_SALE,
    P_CS_SALES_BASE,
    P_CS_SALES_CALM,
    P_CS_UNWANTED,
    P_D_ABUSE,
    P_D_RESOLVED,
    P_D_UNRESOLVED,
    P_DECISION,
    P_DISCOMFORT,
    P_ERODE_SALES,
    P_FALSE_POS,
    P_HANDLE_PENALTY,
    P_HARM_UNRESOLVED,
    P_HIT,
    P_JUDGES,
    P_LEARN_SERVICE,
    P_MISREAD,
    P_NEED_SHARE,
    P_PATIENCE_MEAN,
    P_PAY,
    P_PERCEIVE_BASE,
    P_PERCEIVE_GAIN,
    P_PITCH_MINUTES,
    P_PRESSURE_PITCH,
    P_REFERS,
    P_RESOLVE_BASE,
    P_RESOLVE_COMPLEX,
    P_RESOLVE_GAIN,
    P_SALES_CALL_NEED,
    P_SALES_HANDLE,
    P_SCREEN,
    P_SWITCH_COST,
    P_TRANSFER_MINUTES,
    P_TRUST_START,
    P_WARM_START,
    REP_CAN_PITCH,
    REP_MORALE,
    REP_N_RESOLVED,
    REP_N_SERVICE,
    REP_ORIENTATION,
    REP_PRESSURE,
    REP_SALES_SKILL,
    REP_SERVICE_CEILING,
    REP_SERVICE_SKILL,
    REP_STREAK,
    REP_WARMUP,
    REPEAT,
    T_ANGRY_CALLS,
    T_CALLS_AVOIDED,
    T_CSAT_N,
    T_CSAT_SUM,
    T_RESOLVED,
    T_SALES_CALLS,
    T_SERVICE_CALLS,
    T_TRANSFERS,
    T_UNRESOLVED,
    UNRESOLVED_CUSTOMER,
    UNRESOLVED_REPEAT,
)
from tightrope.model.calls.record import (
    CUSTOMER,
    DEADLINE,
    HANDLE_UNITS,
    KIND,
    SERVICE,
    TRANSFER,
    TRANSFER_NEED,
    TRANSFER_NEED_CUT,
    TRANSFER_NO_NEED,
    U_COMPLEX,
    U_MOOD,
    U_NEED,
    U_POP,
    U_RESOLVE,
    U_SALE,
    U_SEEN,
)
from tightrope.model.calls.sale import _harm, sell

RESOLVED, UNRESOLVED, AVOIDED = 1, 0, -1  # a service call's resolution (AVOIDED: cut short)


@njit(cache=True)
def decide(code: int, perceived: bool, angry: bool, orientation: float, sale: float,
           pay: float, discomfort: float) -> bool:  # fmt: skip
    """The regime's pitch decision on a service call (``Regime.decision`` names the rule).

    ``DECIDE_PAY`` (commission): expected pay against a discomfort larger for
    service temperaments.
    """
    if code == DECIDE_ALWAYS:
        return True
    if code == DECIDE_PERCEIVED_CALM:
        return perceived and not angry
    if code == DECIDE_PAY:
        expected_pay = pay * sale
        return expected_pay > discomfort * (1.0 - orientation)
    return False


@njit(cache=True)
def connect(slot, c, now, wait, reps, par, tally, trust, trows, tflag, ist,
            harm_who, harm_amt, unres):  # fmt: skip
    """An inbound call (row ``c``) reaches rep ``slot``: apply its outcome, return its handle time.

    The rep's sale chance is computed once here and handed to :func:`sell`.
    """
    units = c[HANDLE_UNITS]
    kind = int(c[KIND])
    customer = int(c[CUSTOMER])
    anger = par[P_ANGER_WAIT] * wait / par[P_PATIENCE_MEAN]
    if kind == TRANSFER:
        anger += c[U_SEEN]  # the caller keeps the mood of the service leg
    else:
        u_mood = c[U_MOOD]
        anger += par[P_ANGER_MOOD] * u_mood * u_mood * u_mood
        if customer >= 0:
            deficit = par[P_TRUST_START] - trust[customer]
            if deficit > 0.0:
                anger += par[P_ANGER_HARM] * deficit
    if anger > 1.0:
        anger = 1.0
    angry = anger >= par[P_ANGRY_AT]
    mood = reps[REP_MORALE, slot]
    if angry:
        tally[T_ANGRY_CALLS] += 1.0
        mood -= par[P_D_ABUSE]
    if kind != SERVICE:
        return sales_call(slot, kind, units, customer, mood, anger, c[U_NEED], c[U_SALE],
                          reps, par, tally, ist, harm_who, harm_amt)  # fmt: skip
    ht, resolved, skill = service_call(slot, c, units, customer, mood, reps, par, tally, ist,
                                       harm_who, harm_amt, unres)  # fmt: skip
    need_share = par[P_NEED_SHARE]
    need = c[U_NEED] < need_share
    u_sale = c[U_SALE]
    refers = par[P_REFERS] != 0.0
    pitched = sold = False
    if resolved != AVOIDED and (reps[REP_CAN_PITCH, slot] != 0.0 or refers):
        perceived = need and c[U_SEEN] < par[P_PERCEIVE_BASE] + par[P_PERCEIVE_GAIN] * skill
        if par[P_SCREEN] != 0.0 and c[U_POP] < (par[P_HIT] if need else par[P_FALSE_POS]):
            perceived = True
        # The rep's estimate of a sale (the regime's decision reads it, and it is the
        # sale's chance when there is a need), discounted by the share of callers with a
        # need when the rep sees none.
        sale = (
            par[P_CONVERSION] * reps[REP_SALES_SKILL, slot] * reps[REP_WARMUP, slot]
            * (1.0 - par[P_ANGER_PENALTY] * anger)
        )  # fmt: skip
        estimate = sale if perceived else sale * need_share
        go = decide(int(par[P_DECISION]), perceived, angry, reps[REP_ORIENTATION, slot],
                    estimate, par[P_PAY], par[P_DISCOMFORT])  # fmt: skip
        if not go and par[P_JUDGES] != 0.0:
            # Judgement fails: an angry caller misread as calm (less often by skilled
            # reps), a need not seen pitched under pressure. Given u_sale < q,
            # u_sale / q is a fresh uniform for the sale itself.
            q = par[P_MISREAD] * (1.0 - skill) if angry else 1.0
            if not perceived:
                q *= par[P_PRESSURE_PITCH] * reps[REP_PRESSURE, slot]
            if u_sale < q:
                go = True
                u_sale /= q
        if go:
            if not refers:
                pitched = True
                ht += par[P_PITCH_MINUTES]
                sold = sell(slot, need, anger, u_sale, customer, angry, sale, True,
                            reps, par, tally, ist, harm_who, harm_amt)  # fmt: skip
            else:
                ht += warm_transfer(slot, c, need, anger, u_sale, par, tally, trows, tflag)
    if not pitched:
        w = reps[REP_WARMUP, slot]
        reps[REP_WARMUP, slot] = w - par[P_SWITCH_COST] * (w - par[P_WARM_START])
        reps[REP_STREAK, slot] = 0.0
    # CSAT proxy (weights: the csat parameter group), clipped to [0, 1].
    csat = par[P_CS_BASE] + par[P_CS_RESOLVED] if resolved == RESOLVED else par[P_CS_BASE]
    csat += par[P_CS_CALM] * (1.0 - anger)
    if pitched:
        if not sold:
            csat -= par[P_CS_FAILED_ANGRY] if angry else par[P_CS_FAILED]
        elif need:
            csat += par[P_CS_MET]
        else:
            csat -= par[P_CS_UNWANTED]
    tally[T_CSAT_SUM] += 0.0 if csat < 0.0 else (1.0 if csat > 1.0 else csat)
    tally[T_CSAT_N] += 1.0
    return ht


@njit(cache=True)
def sales_call(slot, kind, units, customer, mood, anger, u_need, u_sale, reps, par, tally, ist,
               harm_who, harm_amt):  # fmt: skip
    """An inbound sales call or a warm transfer: a pitch to a likelier need.

    A transferred caller did not ask for the pitch, so an angry one counts as
    a pitch to an angry caller; an inbound sales caller asked for it.
    """
    reps[REP_MORALE, slot] = mood if mood > 0.0 else 0.0
    tally[T_SALES_CALLS] += 1.0
    if kind == TRANSFER:
        need = u_need < TRANSFER_NEED_CUT
        angry = anger >= par[P_ANGRY_AT]
    else:
        need = u_need < par[P_SALES_CALL_NEED]
        angry = False
    sold = sell(slot, need, anger, u_sale, customer, angry, 0.0, False,
                reps, par, tally, ist, harm_who, harm_amt)  # fmt: skip
    csat = par[P_CS_SALES_BASE] + (par[P_CS_SALE] if sold else 0.0)
    csat += par[P_CS_SALES_CALM] * (1.0 - anger)
    tally[T_CSAT_SUM] += 1.0 if csat > 1.0 else csat
    tally[T_CSAT_N] += 1.0
    return par[P_AHT] * units * par[P_SALES_HANDLE] + par[P_PITCH_MINUTES]


@njit(cache=True)
def service_call(slot, c, units, customer, mood, reps, par, tally, ist, harm_who, harm_amt,
                 unres):  # fmt: skip
    """Handle and try to resolve a service call; morale and skills move.

    Returns the handle time so far, the resolution (:data:`RESOLVED`,
    :data:`UNRESOLVED`, or :data:`AVOIDED`: the rep cut it short and will not
    pitch) and the rep's service skill before the call.
    """
    tally[T_SERVICE_CALLS] += 1.0
    reps[REP_N_SERVICE, slot] += 1.0
    skill = reps[REP_SERVICE_SKILL, slot]
    ht = par[P_AHT] * units * (1.0 + par[P_HANDLE_PENALTY] * (1.0 - skill))
    chance = par[P_RESOLVE_BASE] + par[P_RESOLVE_GAIN] * skill
    avoided = False
    complex_share = par[P_COMPLEX_SHARE]
    u_complex = c[U_COMPLEX]
    if u_complex < complex_share:
        ht *= par[P_COMPLEX_HANDLE]
        chance -= par[P_RESOLVE_COMPLEX]
        # Given a complex call, u_complex / complex_share is a fresh uniform: the rep
        # cuts it short with probability avoid_max * pressure, without a new draw.
        avoid_max = par[P_AVOID_MAX]
        if avoid_max != 0.0 and u_complex < complex_share * avoid_max * reps[REP_PRESSURE, slot]:
            avoided = True
            ht *= par[P_AVOID_CUT]
            chance = -1.0
            tally[T_CALLS_AVOIDED] += 1.0
    resolved = c[U_RESOLVE] < chance
    if resolved:
        tally[T_RESOLVED] += 1.0
        reps[REP_N_RESOLVED, slot] += 1.0
        mood += par[P_D_RESOLVED] * (1.5 - reps[REP_ORIENTATION, slot])
    else:
        tally[T_UNRESOLVED] += 1.0
        mood -= par[P_D_UNRESOLVED]
        if customer >= 0:
            n = ist[I_N_UNRESOLVED]
            unres[n, UNRESOLVED_CUSTOMER] = customer
            unres[n, UNRESOLVED_REPEAT] = int(c[REPEAT])
            ist[I_N_UNRESOLVED] = n + 1
            harm = par[P_HARM_UNRESOLVED]
            _harm(ist, harm_who, harm_amt, customer,
                  harm + par[P_AVOID_TRUST] if avoided else harm)  # fmt: skip
    reps[REP_MORALE, slot] = 1.0 if mood > 1.0 else (0.0 if mood < 0.0 else mood)
    reps[REP_SERVICE_SKILL, slot] = skill + par[P_LEARN_SERVICE] * (
        reps[REP_SERVICE_CEILING, slot] - skill
    )
    erode = par[P_ERODE_SALES]
    if erode != 0.0:  # zero unless service work erodes sales skill
        s = reps[REP_SALES_SKILL, slot]
        reps[REP_SALES_SKILL, slot] = s - erode * s
    if avoided:
        return ht, AVOIDED, skill
    return ht, (RESOLVED if resolved else UNRESOLVED), skill


@njit(cache=True)
def warm_transfer(slot, c, need, anger, u_sale, par, tally, trows, tflag):
    """Hand the caller, and their mood, to the sales side; returns the hand-over minutes.

    The transfer leg (a copy of the call: kind TRANSFER, no deadline, the need as
    a hint in ``u_need``, the anger in ``u_seen``, the rest of the sale uniform)
    waits in ``trows[slot]`` until this call ends.
    """
    tally[T_TRANSFERS] += 1.0
    row = trows[slot]
    row[:] = c
    row[DEADLINE] = np.inf
    row[KIND] = TRANSFER
    row[U_NEED] = TRANSFER_NEED if need else TRANSFER_NO_NEED
    row[U_SEEN] = anger
    if u_sale >= 0.0:
        row[U_SALE] = u_sale
    tflag[slot] = 1
    return par[P_TRANSFER_MINUTES]
