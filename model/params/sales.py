"""Parameter group of selling inside calls: needs, pitches, conversion, pushed sales.

Also the rep's judgement under discretionary pitching (misreading an angry
caller, pitching under pressure to a need not seen) and the handle time of a
sales call. Values marked "assumption" belong in the sensitivity analysis.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass

from tightrope.model.params.spec import ASSUMPTION, ParamGroup, param

SEED_000 = "seed 000 (Lemaire)"
SEED_002 = "seed 002 (Fluss)"


@dataclass(frozen=True)
class Sales(ParamGroup):
    """Needs, pitches and sales inside calls (P = c0 * skill * warm-up * (1 - a * anger))."""

    group_name: typing.ClassVar[str] = "sales"

    need_share: float = param(
        0.4,
        unit="share",
        low=0.0,
        high=1.0,
        source="Anton (Purdue Center for Customer-Driven Quality), Best Practices in "
        "Up-Selling and Cross-Selling: best-in-class inbound centres can up/cross-sell on at "
        "least 40% of calls (a lower bound for those centres)",
        doc="Share of service callers with a genuine unstated need a product meets.",
    )
    sales_call_need: float = param(
        0.8,
        unit="share",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Share of inbound sales callers and transfers with a genuine need.",
    )
    conversion_base: float = param(
        0.5,
        unit="probability",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="c0: conversion of a pitch to a caller with a need, at full skill and warm-up.",
    )
    anger_penalty: float = param(
        0.8,
        unit="-",
        low=0.0,
        high=1.0,
        source=SEED_002,
        doc="a: how much caller anger lowers conversion.",
    )
    pitch_minutes: float = param(
        0.5,
        unit="min",
        low=0.0,
        high=30.0,
        source=ASSUMPTION,
        doc="Talk time a pitch adds to a call.",
    )
    sale_value: float = param(
        120.0,
        unit="currency",
        low=0.0,
        high=1.0e5,
        source=ASSUMPTION,
        doc="Revenue of one genuine sale.",
    )
    push_max: float = param(
        0.15,
        unit="probability",
        low=0.0,
        high=1.0,
        source="Schweitzer, Ordonez & Douma 2004 (unmet goals raise misconduct)",
        doc="p_max: ceiling of the pushed-sale probability to a caller without need.",
    )
    push_pressure_gain: float = param(
        4.0,
        unit="-",
        low=0.0,
        high=50.0,
        source="Schweitzer et al. 2004",
        doc="g_p: weight of pressure (quota, commission, recognition rank) in the "
        "pushed-sale logistic.",
    )
    push_morale_gain: float = param(
        3.0,
        unit="-",
        low=0.0,
        high=50.0,
        source=ASSUMPTION,
        doc="g_m: weight of (low) morale in the pushed-sale logistic.",
    )
    push_bias: float = param(
        -1.5,
        unit="-",
        low=-50.0,
        high=50.0,
        source=ASSUMPTION,
        doc="b: intercept of the pushed-sale logistic.",
    )
    cancel_share: float = param(
        0.7,
        unit="share",
        low=0.0,
        high=1.0,
        source="Wells Fargo case (seed 002)",
        doc="Share of harmful sales cancelled later (their revenue is clawed back).",
    )
    perceive_base: float = param(
        0.2,
        unit="probability",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Chance a rep with no service skill notices a genuine need.",
    )
    perceive_skill_gain: float = param(
        0.5,
        unit="probability",
        low=0.0,
        high=1.0,
        source="seed 003 (selling is service)",
        doc="Extra chance of noticing a need at full service skill.",
    )
    transfer_minutes: float = param(
        0.5,
        unit="min",
        low=0.0,
        high=30.0,
        source=SEED_000,
        doc="Time a service rep spends on a warm transfer to the sales team.",
    )
    call_handle_factor: float = param(
        0.8,
        unit="x",
        low=0.0,
        high=5.0,
        source=ASSUMPTION,
        doc="Handle time of a sales call or warm transfer, times AHT (plus the pitch).",
    )
    misread_max: float = param(
        0.3,
        unit="probability",
        low=0.0,
        high=1.0,
        source=ASSUMPTION + " (DESIGN: misreading falls with service skill)",
        doc="Chance a rep with no service skill misreads an angry caller as calm and pitches "
        "(or refers) where judgement would not: misread_max * (1 - service skill).",
    )
    pressure_pitch: float = param(
        0.3,
        unit="probability",
        low=0.0,
        high=1.0,
        source=ASSUMPTION + " (Schweitzer et al. 2004: goals drive unethical behaviour)",
        doc="Chance per unit of pressure that a rep who pitches by judgement pitches (or "
        "refers) a caller whose need they did not see: pressure_pitch * pressure.",
    )
