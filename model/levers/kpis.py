"""KPIs of the management levers: daily reporters and the run-summary columns.

Every column is present in every run, levers on or off, so a sweep that turns
levers on in some points and not others still yields one tidy table: a lever
that is off reports zero (counts) or nan (before/after a transition that
never happens).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tightrope.model import kpis
from tightrope.model.calls.tally import LEVER_TALLY_FIELDS
from tightrope.model.kpi_registry import TRANSITION_KPIS

if TYPE_CHECKING:
    from tightrope.model.model import CallCentre

NAN = float("nan")
#: The levers' daily counters (``Levers.today``), summed over the measured days.
LEVER_COUNTERS = (
    "coaching_sessions",
    "coaching_cost",
    "calls_reviewed",
    "harmful_detected",
    "monitoring_cost",
)


# ----------------------------------------------------------------- daily reporters
def dismissals(model: CallCentre) -> int:
    """Reps dismissed today (quality monitoring)."""
    return model.workforce.dismissals_today


def exits(model: CallCentre) -> int:
    """Reps who left today: quits plus dismissals."""
    return model.workforce.quits_today + model.workforce.dismissals_today


def walkout(model: CallCentre) -> bool:
    """Whether today's exits from one team reached the walk-out share."""
    return model.workforce.walkout_today


def coaching_sessions(model: CallCentre) -> float:
    """Coaching sessions given today (scheduled and corrective)."""
    return model.levers.today["coaching_sessions"] if model.levers is not None else 0.0


def calls_avoided(model: CallCentre) -> float:
    """Long service calls cut short today."""
    return model.tally.calls_avoided


def regime(model: CallCentre) -> str:
    """The regime in force today (changes on a transition day)."""
    return model.regime.name


DAILY_REPORTERS = {
    f.__name__: f for f in (dismissals, exits, walkout, coaching_sessions, calls_avoided, regime)
}


# ----------------------------------------------------------------- run summary
def lever_summary(model: CallCentre) -> dict[str, float]:
    """Dismissals, walk-outs, coaching and monitoring, avoidance, cold calls, transition."""
    acc = model.measured
    days = max(acc.days, 1)
    headcount_mean = acc.headcount / days
    years = days / kpis.WORKING_DAYS_PER_YEAR
    out: dict[str, float] = {
        "dismissals": acc.dismissals,
        "dismissals_annual": kpis._ratio(acc.dismissals, headcount_mean * years),
        "largest_daily_exit": acc.largest_exit,
        "walkouts": acc.walkouts,
        **{name: acc.levers.get(name, 0.0) for name in LEVER_COUNTERS},
        **{name: acc.tally.get(name, 0.0) for name in LEVER_TALLY_FIELDS},
    }
    levers = model.levers
    for when in ("before", "after"):
        part = getattr(levers, when) if levers is not None else None
        values = window_kpis(model, part) if part is not None and part.days else {}
        for name in TRANSITION_KPIS:
            out[f"{name}_{when}"] = values.get(name, NAN)
    return out


def window_kpis(model: CallCentre, acc: kpis.Accumulator) -> dict[str, float]:
    """The transition KPIs over part of the measured window."""
    summary = kpis.queue_summary(acc) | kpis.behaviour_summary(model, acc)
    revenue = summary["revenue_genuine"] + summary["revenue_harmful_net"]
    return {name: summary.get(name, NAN) for name in TRANSITION_KPIS} | {
        "revenue_per_day": revenue / acc.days
    }
