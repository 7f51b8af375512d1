"""KPIs: the daily reporters for Mesa's DataCollector and the run summary.

Reporters are named module-level functions (they pickle and document
themselves). The run summary accumulates :class:`~model.callflow.DayTotals`
over the days after the burn-in and turns sums into rates once, at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from model.callflow import DayTotals

if TYPE_CHECKING:
    from model.centre import CallCentre


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

    def add(self, day: DayTotals, rep_minutes: float) -> None:
        """Add one measured day."""
        self.days += 1
        self.rep_minutes += rep_minutes
        for f in fields(self):
            if f.name not in ("days", "rep_minutes"):
                setattr(self, f.name, getattr(self, f.name) + getattr(day, f.name))


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
        "aht_min": _ratio(acc.handle, acc.answered),
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
