"""Parameter groups of the call-flow core: arrivals, service, staffing, run."""

from __future__ import annotations

import typing
from dataclasses import dataclass

from tightrope.model.params.spec import ParameterError, ParamGroup, param


@dataclass(frozen=True)
class Arrivals(ParamGroup):
    """Inbound demand."""

    group_name: typing.ClassVar[str] = "arrivals"

    rate: float = param(
        6.3,
        unit="calls/min",
        low=0.0,
        high=1000.0,
        source="assumption: sized so 50 reps give about 80/20 service",
        doc="Mean arrival rate of fresh inbound service calls (Poisson).",
    )
    sales_rate: float = param(
        0.0,
        unit="calls/min",
        low=0.0,
        high=1000.0,
        source="seed 001 (sales calls blended into the service queue)",
        doc="Mean arrival rate of inbound sales calls (Poisson, same intraday profile).",
    )
    profile: tuple[float, ...] = param(
        (),
        unit="multiplier",
        low=0.0,
        high=100.0,
        source="assumption; empty = flat day",
        doc="Intraday rate multipliers over equal slices of the day (mean rescaled to 1).",
    )

    def _check_combination(self) -> None:
        if self.profile and sum(self.profile) <= 0:
            raise ParameterError(
                f"arrivals.profile = {list(self.profile)} has no positive entry; "
                "allowed: multipliers >= 0 with a positive sum"
            )


@dataclass(frozen=True)
class Service(ParamGroup):
    """Handle times and caller patience."""

    group_name: typing.ClassVar[str] = "service"

    aht: float = param(
        5.0,
        unit="min",
        low=0.05,
        high=240.0,
        source="industry benchmark: AHT 5-7 min for inbound service",
        doc="Base handle time of a simple service call by a fully skilled rep.",
    )
    handle_time_distribution: str = param(
        "lognormal",
        unit="-",
        choices=("lognormal", "exponential"),
        source="Brown et al. 2005 (JASA): handle times are close to lognormal",
        doc="Distribution of handle times around the mean.",
    )
    handle_time_cv: float = param(
        0.8,
        unit="-",
        low=0.05,
        high=5.0,
        source="Brown et al. 2005: coefficient of variation near 1",
        doc="Coefficient of variation of lognormal handle times.",
    )
    abandonment: bool = param(
        True,
        unit="-",
        source="Erlang A (Garnett, Mandelbaum & Reiman 2002)",
        doc="Whether callers hang up when their patience runs out.",
    )
    patience: float = param(
        4.0,
        unit="min",
        low=0.01,
        high=1.0e6,
        source="Brown et al. 2005; Garnett et al. 2002 (exponential patience)",
        doc="Mean of the exponential patience of a caller.",
    )
    sl_threshold: float = param(
        20.0,
        unit="s",
        low=0.0,
        high=3600.0,
        source="industry 80/20 service-level convention",
        doc="Answer-time threshold of the service level.",
    )


@dataclass(frozen=True)
class Staffing(ParamGroup):
    """Headcount, the working day and how calls are routed."""

    group_name: typing.ClassVar[str] = "staffing"

    reps: int = param(
        50,
        unit="reps",
        low=1,
        high=10000,
        source="assumption: a mid-sized inbound centre",
        doc="Reps on the roster at the start (the hiring target).",
    )
    day_minutes: float = param(
        480.0,
        unit="min",
        low=1.0,
        high=1.0e7,
        source="an eight-hour opening day",
        doc="Length of the opening day: calls arrive in [0, day_minutes).",
    )
    routing: str = param(
        "longest_idle",
        unit="-",
        choices=("longest_idle", "skills_based"),
        source="longest-idle is the ACD default; skills-based after seed 003",
        doc="Which idle rep takes a call.",
    )
    policy: str = param(
        "fixed",
        unit="-",
        choices=("fixed", "service_level"),
        source="issue 12: contrasts at equal headcount and at equal service level",
        doc="fixed: staffing.reps; service_level: each team sized by Erlang A from a pilot.",
    )
    target_sl: float = param(
        0.8,
        unit="share",
        low=0.01,
        high=0.999,
        source="industry 80/20 service-level convention",
        doc="Service level the service_level policy staffs each team to.",
    )
    pilot_days: int = param(
        30,
        unit="days",
        low=2,
        high=1000,
        source="assumption: the second half is measured, after skills, morale and "
        "repeat calls settle",
        doc="Days of each of the two pilots that measure each team's load and handle times.",
    )


@dataclass(frozen=True)
class Run(ParamGroup):
    """Horizon and measurement window."""

    group_name: typing.ClassVar[str] = "run"

    days: int = param(
        250,
        unit="days",
        low=1,
        high=100000,
        source="about one working year",
        doc="Working days simulated (one Mesa step each).",
    )
    burn_in_days: int = param(
        20,
        unit="days",
        low=0,
        high=100000,
        source="DESIGN.md default",
        doc="Days excluded from the run summary.",
    )
    behaviour: bool = param(
        True,
        unit="-",
        source="False gives the queue-only validation mode (Erlang C/A)",
        doc="Call-level behaviour on; off = identical reps, plain M/M/c(+M) call flow.",
    )
    burn_in_minutes: float = param(
        0.0,
        unit="min",
        low=0.0,
        high=1.0e7,
        source="0 for working days (the centre opens empty); queue mode uses a warm-up",
        doc="Minutes at the start of each day excluded from the summary.",
    )
