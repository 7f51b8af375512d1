"""The compiled loop's inputs, built once a day from the centre, and its results written back.

Conversion happens at the day boundary, never per call: the rep table's lists
become one ``float64`` matrix (:data:`~tightrope.model.calls.layout.REP_COLUMNS`
x slots) and go back to the lists after the day; the parameters the calls read
become one vector (:data:`~tightrope.model.calls.layout.PARAMS`).
:func:`call_hook` runs one inbound call through the same compiled
:func:`~tightrope.model.calls.outcomes.connect`, for tests that probe a
mechanism call by call.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from tightrope.model.calls.layout import (
    I_N_HARM,
    I_N_UNRESOLVED,
    INT_STATE,
    PARAMS,
    REP_COLUMNS,
    REP_READ_ONLY,
    ROW,
    UNRESOLVED_CUSTOMER,
    UNRESOLVED_REPEAT,
    P,
)
from tightrope.model.calls.loop import call_row
from tightrope.model.calls.outcomes import connect
from tightrope.model.calls.routing import by_skill
from tightrope.model.calls.tally import Tally

if TYPE_CHECKING:
    from tightrope.model.agents import RepTable
    from tightrope.model.model import CallCentre

_INT_COLUMNS = ("streak", "team")
_BOOL_COLUMNS = ("can_pitch",)
_WRITTEN = tuple((i, name) for i, name in enumerate(REP_COLUMNS) if name not in REP_READ_ONLY)


def rep_matrix(table: RepTable) -> np.ndarray:
    """The rep table as ``reps[REP_..., slot]`` (float64; flags and ints exactly)."""
    return np.array([getattr(table, name) for name in REP_COLUMNS], dtype=np.float64)


def write_back(table: RepTable, reps: np.ndarray) -> None:
    """Copy the columns the loop writes back into the rep table's lists (same list objects)."""
    for i, name in _WRITTEN:
        values = reps[i].tolist()
        if name in _INT_COLUMNS:
            values = [int(v) for v in values]
        getattr(table, name)[:] = values


def queue_parameters(aht: float, close: float, sl: float, count_from: float = 0.0) -> np.ndarray:
    """The parameter vector of a behaviour-free day (identical reps, no outcomes)."""
    par = np.zeros(len(PARAMS))
    par[P["aht"]], par[P["close"]], par[P["sl"]], par[P["count_from"]] = aht, close, sl, count_from
    return par


def day_parameters(centre: CallCentre) -> np.ndarray:
    """Today's parameter vector: the loop's own, then what the call outcomes read."""
    p = centre.params
    par = queue_parameters(
        p.service.aht, p.staffing.day_minutes, p.service.sl_threshold / 60.0,
        p.run.burn_in_minutes,
    )  # fmt: skip
    values: dict[str, float] = {
        "reserve": p.blending.idle_reserve,
        "skills_routing": by_skill(p.staffing.routing),
        "day": centre.steps,
    }
    if centre.behaviour:
        values |= _behaviour(centre)
    for name, value in values.items():
        par[P[name]] = value
    return par


def _behaviour(centre: CallCentre) -> dict[str, float]:
    """Parameters of the call outcomes and outbound dials (frozen: zero deltas)."""
    p, regime = centre.params, centre.regime
    m, k, c, av, s, w = p.morale, p.skills, p.customers, p.avoidance, p.sales, p.csat
    b, cc = p.blending, p.coldcalls
    on_m = 0.0 if m.frozen else 1.0
    on_k = 0.0 if k.frozen else 1.0
    return {
        "behaviour": 1.0, "outbound": b.outbound, "cold": b.outbound and cc.enabled,
        "d_sale": on_m * m.sale, "d_failed": on_m * m.failed_pitch,
        "d_angry_pitch": on_m * m.angry_pitch, "d_abuse": on_m * m.abuse,
        "d_resolved": on_m * m.resolved, "d_unresolved": on_m * m.unresolved,
        "d_commission": on_m * p.regime.commission_morale,
        "learn_service": on_k * k.learn_service, "learn_sales": on_k * k.learn_sales,
        "erode_sales": on_k * k.coupling_service_erodes_sales,
        "erode_service": on_k * k.coupling_sales_erodes_service,
        "patience_mean": p.service.patience if p.service.abandonment else math.inf,
        "handle_penalty": k.handle_penalty, "complex_share": k.complex_share,
        "complex_handle": k.complex_handle, "resolve_base": k.resolve_base,
        "resolve_gain": k.resolve_skill_gain, "resolve_complex": k.resolve_complex_penalty,
        # Call avoidance (off: max probability 0, and the branch is never taken).
        "avoid_max": av.max_probability, "avoid_cut": av.handle_share,
        "avoid_trust": av.trust_loss,
        "decision": regime.decision, "pay": p.regime.commission_per_sale,
        "discomfort": p.regime.commission_discomfort,
        "refers": regime.refers, "pushes": regime.pushes, "judges": regime.judges,
        "misread": s.misread_max, "pressure_pitch": s.pressure_pitch,
        "need_share": s.need_share, "sales_call_need": s.sales_call_need,
        "conversion": s.conversion_base, "anger_penalty": s.anger_penalty,
        "pitch_minutes": s.pitch_minutes, "sales_handle": s.call_handle_factor,
        "push_max": s.push_max, "push_gp": s.push_pressure_gain,
        "push_gm": s.push_morale_gain, "push_b": s.push_bias,
        "perceive_base": s.perceive_base, "perceive_gain": s.perceive_skill_gain,
        "transfer_minutes": s.transfer_minutes, "screen": p.screenpop.enabled,
        "hit": p.screenpop.hit_rate, "false_pos": p.screenpop.false_positive_rate,
        "switch_cost": p.warmup.switch_cost, "warm_start": p.warmup.start,
        "commission": p.regime.commission_per_sale if regime.name == "commission" else 0.0,
        "value": s.sale_value, "harmful_value": s.sale_value * (1.0 - s.cancel_share),
        "cs_base": w.base, "cs_resolved": w.resolved, "cs_calm": w.calm,
        "cs_failed": w.failed_pitch, "cs_failed_angry": w.failed_angry_pitch,
        "cs_met": w.met_need, "cs_unwanted": w.unwanted_sale, "cs_sales_base": w.sales_base,
        "cs_sale": w.sale, "cs_sales_calm": w.sales_calm,
        "trust_start": c.trust_initial, "anger_mood": c.anger_mood, "anger_wait": c.anger_wait,
        "anger_harm": c.anger_harm, "angry_at": c.angry_threshold,
        "harm_sale": c.harm_harmful_sale, "harm_angry": c.harm_angry_pitch,
        "harm_unresolved": c.harm_unresolved,
        "contact": b.outbound_contact, "outbound_need": b.outbound_need,
        "outbound_minutes": b.outbound_minutes, "dial": b.dial_minutes,
        "cold_scale": (
            1.0 / cc.conversion_multiplier if cc.conversion_multiplier > 0 else math.inf
        ),
        "irritation": cc.irritation, "cold_cost": 0.0 if m.frozen else cc.morale_cost,
    }  # fmt: skip


def call_hook(centre: CallCentre, tally: Tally) -> Callable[[int, tuple, float, float], float]:
    """``connect(slot, call, now, wait)``: one inbound call through the compiled outcomes.

    Reads the rep table and parameters at each call and writes the rep table,
    ``tally`` and the customers' event lists back, so a test can set a rep's state
    between calls. A warm transfer left by the call is dropped.
    """
    n = len(centre.table.team)
    trows, tflag = np.zeros((n, ROW)), np.zeros(n, dtype=np.int8)

    def hook(slot: int, call: tuple, now: float, wait: float) -> float:
        reps = rep_matrix(centre.table)
        ist = np.zeros(len(INT_STATE), dtype=np.int64)
        who, amount, unres = np.zeros(4, np.int64), np.zeros(4), np.zeros((2, 2), np.int64)
        ht = connect(slot, call_row(call), now, wait, reps, day_parameters(centre), tally.values,
                     centre.customers.trust, trows, tflag, ist, who, amount, unres)  # fmt: skip
        write_back(centre.table, reps)
        customers, n, k = centre.customers, ist[I_N_UNRESOLVED], ist[I_N_HARM]
        customers.unresolved_arrays.append(
            (unres[:n, UNRESOLVED_CUSTOMER], unres[:n, UNRESOLVED_REPEAT] != 0)
        )
        customers.harm_arrays.append((who[:k], amount[:k]))
        return ht

    return hook
