"""Parameter groups of the management levers: coaching, quality monitoring, transitions.

Every lever is off or neutral by default (DESIGN.md "Management levers"), so
the core results do not move unless a researcher turns one on.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass

from tightrope.model.params.org import REGIME_NAMES
from tightrope.model.params.spec import ASSUMPTION, ParamGroup, param

SEED_002 = "seed 002 (Fluss)"
SEED_003 = "seed 003 (selling is service)"


@dataclass(frozen=True)
class Coaching(ParamGroup):
    """Supervisor and peer coaching: faster learning of one skill and a morale lift."""

    group_name: typing.ClassVar[str] = "coaching"

    supervisor_ratio: float = param(
        0.0,
        unit="supervisors/rep",
        low=0.0,
        high=1.0,
        source=SEED_003 + ": a ratio that allows daily or weekly coaching",
        doc="Supervisors per rep who coach (0 = no supervisor coaching).",
    )
    sessions_per_day: float = param(
        2.0,
        unit="sessions/supervisor/day",
        low=0.0,
        high=50.0,
        source=ASSUMPTION,
        doc="Coaching sessions one supervisor gives per working day.",
    )
    peer_tenure_days: int = param(
        0,
        unit="days",
        low=0,
        high=5000,
        source="seed 004 (side-by-side peer coaching)",
        doc="Tenure from which a rep coaches peers (0 = no peer coaching).",
    )
    peer_sessions_per_day: float = param(
        0.05,
        unit="sessions/rep/day",
        low=0.0,
        high=10.0,
        source=ASSUMPTION,
        doc="Sessions one experienced rep gives per day when peer coaching is on.",
    )
    peer_effect: float = param(
        0.5,
        unit="x",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Effect of a peer session relative to a supervisor's.",
    )
    learning_boost: float = param(
        1.0,
        unit="x",
        low=0.0,
        high=20.0,
        source=ASSUMPTION,
        doc="Extra learning rate of the coached skill (1 = twice as fast) while it lasts.",
    )
    boost_days: int = param(
        10,
        unit="days",
        low=1,
        high=250,
        source=ASSUMPTION,
        doc="Working days a session's learning boost lasts.",
    )
    morale_lift: float = param(
        0.03,
        unit="morale",
        low=0.0,
        high=1.0,
        source=SEED_003,
        doc="Morale lift of a session (then reverts to baseline like any lift).",
    )
    cost_per_session: float = param(
        60.0,
        unit="currency",
        low=0.0,
        high=1.0e5,
        source="industry estimates (an hour of supervisor and rep time)",
        doc="Cost of one coaching session.",
    )


@dataclass(frozen=True)
class Monitoring(ParamGroup):
    """Quality monitoring of recorded calls: detection, corrective coaching, dismissal."""

    group_name: typing.ClassVar[str] = "monitoring"

    review_share: float = param(
        0.0,
        unit="share",
        low=0.0,
        high=1.0,
        source=SEED_002 + ": recordings reviewed by a quality team",
        doc="Share of calls a quality team reviews (0 = no monitoring).",
    )
    detection: float = param(
        0.5,
        unit="probability",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Chance a reviewed harmful sale is recognised as one.",
    )
    dismiss_after: int = param(
        3,
        unit="detections",
        low=1,
        high=1000,
        source="Wells Fargo dismissed about 5,300 staff (seed 002)",
        doc="Detected harmful sales at which a rep is dismissed.",
    )
    detection_morale: float = param(
        0.02,
        unit="morale",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Morale lost by a rep caught making a harmful sale.",
    )
    cost_per_review: float = param(
        3.0,
        unit="currency",
        low=0.0,
        high=1.0e4,
        source="industry estimates",
        doc="Cost of reviewing one recorded call.",
    )


@dataclass(frozen=True)
class Transition(ParamGroup):
    """A change of regime (and organisation design) on a given day."""

    group_name: typing.ClassVar[str] = "transition"

    day: int = param(
        0,
        unit="day",
        low=0,
        high=100_000,
        source=SEED_003 + ": service-only to blended",
        doc="Day the new regime starts (0 = no transition).",
    )
    regime: str = param(
        "discretionary_rewards",
        unit="-",
        choices=REGIME_NAMES,
        source=SEED_003,
        doc="Regime from the transition day on.",
    )
    design: str = param(
        "unchanged",
        unit="-",
        choices=("unchanged", "blended", "dedicated"),
        source="seeds 000, 003",
        doc="Organisation design from the transition day on.",
    )
    shock: float = param(
        0.1,
        unit="morale",
        low=0.0,
        high=1.0,
        source=SEED_003 + ": many transitions fail",
        doc="Morale every rep loses on the transition day.",
    )
    prepared_managers: bool = param(
        False,
        unit="-",
        source=SEED_003 + ": managers trained before the shift",
        doc="Whether managers were prepared for the change (softens the shock).",
    )
    prepared_softening: float = param(
        0.6,
        unit="share",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Share of the shock prepared managers absorb.",
    )

    @property
    def active(self) -> bool:
        """Whether a transition happens at all."""
        return self.day > 0
