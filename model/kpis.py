"""KPIs: the daily reporters for Mesa's DataCollector and the run summary.

Reporters are named module-level functions (they pickle and document
themselves). The run summary accumulates :class:`~tightrope.model.calls.loop.DayTotals`
over the days after the burn-in and turns sums into rates once, at the end.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from tightrope.model.calls.loop import DayTotals

if TYPE_CHECKING:
    from tightrope.model.model import CallCentre


@dataclass
class Accumulator:
    """Sums of day totals over the measured days."""

    days: int = 0
    rep_minutes: float = 0.0
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
    headcount: float = 0.0
    quits: int = 0
    hires: int = 0
    churned: int = 0
    morale_mean: float = 0.0
    morale_p10: float = 0.0
    warmup: float = 0.0
    dismissals: int = 0
    largest_exit: int = 0
    walkouts: int = 0
    log_survival: float = 0.0  # sum over days of log(1 - quits / reps at risk)
    first_contacts: float = 0.0
    first_resolved: float = 0.0
    tally: dict[str, float] = field(default_factory=dict)
    levers: dict[str, float] = field(default_factory=dict)

    def add(self, day: DayTotals, rep_minutes: float) -> None:
        """Add one measured day's call flow."""
        self.days += 1
        self.rep_minutes += rep_minutes
        for name in DAY_FIELDS:
            setattr(self, name, getattr(self, name) + getattr(day, name))

    def add_behaviour(self, model: CallCentre) -> None:
        """Add one measured day's behaviour: outcomes, workforce, morale, customers."""
        if not model.behaviour:
            return
        for name, value in model.tally.as_dict().items():
            self.tally[name] = self.tally.get(name, 0.0) + value
        first, resolved = model.customers.first_contacts(
            model.tally.service_calls, model.tally.unresolved
        )
        self.first_contacts += first
        self.first_resolved += resolved
        self.headcount += len(model.agents)
        self.quits += model.workforce.quits_today
        self.log_survival += log_survival(model)
        self.hires += model.workforce.hires_today
        self.churned += model.customers.churned_today
        w = model.workforce
        self.dismissals += w.dismissals_today
        self.largest_exit = max(self.largest_exit, w.largest_exit_today)
        self.walkouts += w.walkout_today
        if model.levers is not None:
            for name, value in model.levers.today.items():
                self.levers[name] = self.levers.get(name, 0.0) + value
        mean, p10 = morale_stats(model)
        self.morale_mean += mean
        self.morale_p10 += p10
        self.warmup += model.warmup_today if model.warmup_today == model.warmup_today else 0.0


DAY_FIELDS = (
    "offered",
    "answered",
    "abandoned",
    "still_queued",
    "waited",
    "within_sl",
    "wait_answered",
    "wait_abandoned",
    "handle",
    "transfers_answered",
)


def log_survival(model: CallCentre) -> float:
    """Natural log of today's share of reps at risk who stayed (-inf when all quit).

    At risk: everyone employed when the quit draws were made, i.e. the end-of-day
    headcount plus today's quits, less today's hires (they start after the draws).
    """
    w = model.workforce
    at_risk = len(model.agents) + w.quits_today - w.hires_today
    if not w.quits_today:
        return 0.0
    return math.log1p(-w.quits_today / at_risk) if w.quits_today < at_risk else -math.inf


def _ratio(num: float, den: float) -> float:
    return num / den if den else float("nan")


def queue_summary(acc: Accumulator) -> dict[str, float]:
    """Call-flow KPIs of the measured window (waits in seconds, like the industry)."""
    return {
        "calls_offered": acc.offered,
        "calls_answered": acc.answered,
        "calls_abandoned": acc.abandoned,
        "calls_still_queued": acc.still_queued,
        "service_level": _ratio(acc.within_sl, acc.offered),
        "p_wait": _ratio(acc.waited, acc.offered),
        "asa_s": 60.0 * _ratio(acc.wait_answered, acc.answered),
        "mean_wait_s": 60.0 * _ratio(acc.wait_answered + acc.wait_abandoned, acc.offered),
        "abandon_rate": _ratio(acc.abandoned, acc.offered),
        # Every answered leg: a warm transfer's sales leg is handled, though never offered.
        "aht_min": _ratio(acc.handle, acc.answered + acc.transfers_answered),
        "occupancy": _ratio(acc.handle, acc.rep_minutes),
    }


# ----------------------------------------------------------------- daily reporters
def calls_offered(model: CallCentre) -> int:
    """Inbound calls offered today."""
    return model.today.offered


def calls_answered(model: CallCentre) -> int:
    """Inbound calls answered today."""
    return model.today.answered


def calls_abandoned(model: CallCentre) -> int:
    """Inbound calls abandoned today."""
    return model.today.abandoned


def service_level(model: CallCentre) -> float:
    """Share of today's calls answered within the service-level threshold."""
    return _ratio(model.today.within_sl, model.today.offered)


def asa_s(model: CallCentre) -> float:
    """Average speed of answer today, seconds."""
    return 60.0 * _ratio(model.today.wait_answered, model.today.answered)


def headcount(model: CallCentre) -> int:
    """Reps employed (training or active) at the end of the day."""
    return len(model.agents)


def active_reps(model: CallCentre) -> int:
    """Reps who took calls today."""
    return model.active_today


DAILY_REPORTERS = {
    f.__name__: f
    for f in (
        calls_offered,
        calls_answered,
        calls_abandoned,
        service_level,
        asa_s,
        headcount,
        active_reps,
    )
}


# ----------------------------------------------------------------- behaviour KPIs
WORKING_DAYS_PER_YEAR = 250


def mean_of(values: list[float], slots: list[int]) -> float:
    """Mean of ``values`` over ``slots`` (nan when empty)."""
    return sum(values[s] for s in slots) / len(slots) if slots else float("nan")


def percentile_linear(ordered: list[float], q: float) -> float:
    """``np.percentile(values, q)`` (its default linear method), bit for bit, on sorted values.

    numpy's call costs about 100 us whatever the size, and the daily reporters take a
    percentile of a few dozen reps three times a day; the same floating-point steps in
    Python take a microsecond. ``ordered`` is ascending and non-empty, ``q`` in [0, 100].
    """
    last = len(ordered) - 1
    virtual = last * (q / 100)
    if virtual >= last:
        return ordered[last]
    below = math.floor(virtual)
    low, high = ordered[below], ordered[below + 1]
    weight = virtual - below
    gap = high - low
    # numpy's _lerp: interpolate from the nearer end, so the result stays in [low, high].
    return high - gap * (1 - weight) if weight >= 0.5 else low + gap * weight


def morale_stats(model: CallCentre) -> tuple[float, float]:
    """Mean and 10th percentile of the morale of everyone employed."""
    morale = [rep.morale for rep in model.agents]
    if not morale:
        return float("nan"), float("nan")
    return float(np.mean(morale)), float(percentile_linear(sorted(morale), 10))


def morale_mean(model: CallCentre) -> float:
    """Mean morale of the reps employed at the end of the day."""
    return morale_stats(model)[0]


def morale_p10(model: CallCentre) -> float:
    """10th percentile of morale (the unhappy tail that quits first)."""
    return morale_stats(model)[1]


def warmup_mean(model: CallCentre) -> float:
    """Mean sales mode of today's reps at the close, before the overnight reset."""
    return model.warmup_today


def quits(model: CallCentre) -> int:
    """Reps who quit today."""
    return model.workforce.quits_today


def hires(model: CallCentre) -> int:
    """Reps who started training today."""
    return model.workforce.hires_today


def genuine_sales(model: CallCentre) -> float:
    """Sales to callers with a genuine need today."""
    return model.tally.sales_genuine


def harmful_sales(model: CallCentre) -> float:
    """Pushed sales to callers without a need today."""
    return model.tally.sales_harmful


def cumulative_harmful_sales(model: CallCentre) -> float:
    """Harmful sales since the start of the run."""
    return model.harmful_to_date


def upsell_attempts(model: CallCentre) -> float:
    """Pitches made today."""
    return model.tally.pitches


def trust_mean(model: CallCentre) -> float:
    """Mean customer trust at the end of the day."""
    return model.customers.mean_trust()


DAILY_REPORTERS.update(
    {
        f.__name__: f
        for f in (
            morale_mean,
            morale_p10,
            warmup_mean,
            quits,
            hires,
            genuine_sales,
            harmful_sales,
            cumulative_harmful_sales,
            upsell_attempts,
            trust_mean,
        )
    }
)


def behaviour_summary(model: CallCentre, acc: Accumulator | None = None) -> dict[str, float]:
    """Sales, workforce, morale, customer and brand KPIs over the measured days.

    ``acc`` defaults to the whole measured window; a transition passes the
    days before or after the switch.
    """
    acc = model.measured if acc is None else acc
    t = acc.tally
    p = model.params
    days = max(acc.days, 1)
    offered = acc.offered
    per_1000 = 1000.0 / offered if offered else float("nan")
    components = {
        "harm_harmful_sales": t["sales_harmful"] * per_1000,
        "harm_angry_pitches": t["angry_pitches"] * per_1000,
        "harm_abandonment": acc.abandoned * per_1000,
        "harm_unresolved": t["unresolved"] * per_1000,
        "harm_cold_irritation": t["cold_irritated"] * per_1000,
    }
    b = p.brand
    index = (
        b.weight_harmful_sale * components["harm_harmful_sales"]
        + b.weight_angry_pitch * components["harm_angry_pitches"]
        + b.weight_abandonment * components["harm_abandonment"]
        + b.weight_unresolved * components["harm_unresolved"]
    )
    if p.coldcalls.enabled:  # a term only when on, so the default index is bit-identical
        index += p.coldcalls.brand_weight * components["harm_cold_irritation"]
    pitches = t["pitches"]
    sales = t["sales_genuine"] + t["sales_harmful"]
    headcount_mean = acc.headcount / days
    years = days / WORKING_DAYS_PER_YEAR
    population = model.customers.size
    return {
        # Per customer issue: was the issue resolved at its first contact (issue 13)?
        "fcr": _ratio(acc.first_resolved, acc.first_contacts),
        "resolution_rate": _ratio(t["resolved"], t["resolved"] + t["unresolved"]),
        "upsell_attempts": pitches,
        "pitches_to_angry": t["angry_pitches"],
        "angry_pitch_share": _ratio(t["angry_pitches"], pitches),
        "sales_genuine": t["sales_genuine"],
        "sales_harmful": t["sales_harmful"],
        "conversion_rate": _ratio(sales, pitches),
        "revenue_genuine": t["revenue_genuine"],
        "revenue_harmful_net": t["revenue_harmful"],
        "revenue_per_call": _ratio(t["revenue_genuine"], acc.answered),
        "commission_paid": t["commission_paid"],
        "transfers": t["transfers"],
        "outbound_dials": t["outbound_dials"],
        "outbound_contacts": t["outbound_contacts"],
        # An abandoned caller is surveyed as the dissatisfied response (0): the KPI
        # covers everyone who called, not only those a rep reached (issue 13).
        "csat": _ratio(t["csat_sum"], t["csat_n"] + acc.abandoned),
        "csat_answered": _ratio(t["csat_sum"], t["csat_n"]),
        "quits": acc.quits,
        "hires": acc.hires,
        # Survival-based (issue 13): the share of a cohort that would quit within a
        # year at the window's daily quit rates, at most 1.
        "attrition_annual": 1.0 - math.exp(acc.log_survival / years) if acc.days else math.nan,
        "quits_per_headcount_year": _ratio(acc.quits, headcount_mean * years),
        "headcount_mean": headcount_mean,
        "headcount_end": len(model.agents),
        "hiring_cost": model.workforce.hiring_cost,
        "training_cost": model.workforce.training_cost,
        "morale_mean": acc.morale_mean / days,
        "morale_p10": acc.morale_p10 / days,
        "warmup_mean": acc.warmup / days,
        "brand_harm_index": index,
        **components,
        "customer_churn": _ratio(acc.churned, population * years) if population else float("nan"),
        "trust_mean": model.customers.mean_trust(),
        **{k: v for k, v in t.items() if k.startswith(("pitches_at_", "sales_at_"))},
    }
