"""Parameter groups of floor practices: cold calls, scoreboards, contagion, call avoidance.

Every group is off or neutral by default, so the core results do not move
unless a researcher turns one on.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass

from tightrope.model.params.spec import ASSUMPTION, ParamGroup, param

SEED_001 = "seed 001 (sales mode blog)"


@dataclass(frozen=True)
class ColdCalls(ParamGroup):
    """Outbound dials as cold calls: low conversion, irritated prospects, a morale cost."""

    group_name: typing.ClassVar[str] = "coldcalls"

    enabled: bool = param(
        False,
        unit="-",
        source=SEED_001 + ": the dreaded cold call",
        doc="Whether outbound contacts are cold calls (needs blending.outbound).",
    )
    conversion_multiplier: float = param(
        0.4,
        unit="x",
        low=0.0,
        high=1.0,
        source=SEED_001 + ": defences go up at once",
        doc="Multiplier on the chance a cold-called prospect buys.",
    )
    irritation: float = param(
        0.5,
        unit="probability",
        low=0.0,
        high=1.0,
        source=SEED_001 + ": dispatched by the irritated prospect",
        doc="Chance a reached prospect is irritated by the call.",
    )
    morale_cost: float = param(
        0.002,
        unit="per contact",
        low=0.0,
        high=0.1,
        source=SEED_001,
        doc="Morale a rep loses per cold-call contact.",
    )
    brand_weight: float = param(
        0.1,
        unit="-",
        low=0.0,
        high=100.0,
        source=ASSUMPTION,
        doc="Weight of an irritated prospect in the brand-harm index.",
    )


@dataclass(frozen=True)
class Scoreboard(ParamGroup):
    """A visible sales table: morale moves with a rep's rank in the team."""

    group_name: typing.ClassVar[str] = "scoreboard"

    enabled: bool = param(
        False,
        unit="-",
        source=SEED_001 + ": dropped into the bottom group",
        doc="Whether a team sales scoreboard is shown.",
    )
    bottom_share: float = param(
        0.2,
        unit="share",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Share of the team shown in the bottom group.",
    )
    top_share: float = param(
        0.2,
        unit="share",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Share of the team shown in the top group.",
    )
    bottom_drop: float = param(
        0.01,
        unit="morale/day",
        low=0.0,
        high=1.0,
        source=SEED_001,
        doc="Morale a rep in the bottom group loses each day.",
    )
    top_lift: float = param(
        0.005,
        unit="morale/day",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Morale a rep in the top group gains each day.",
    )


@dataclass(frozen=True)
class Contagion(ParamGroup):
    """Morale spreads within a team; many exits on one day count as a walk-out."""

    group_name: typing.ClassVar[str] = "contagion"

    rate: float = param(
        0.0,
        unit="1/day",
        low=0.0,
        high=1.0,
        source="seed 002 (strike threats); Barsade 2002 (emotional contagion)",
        doc="Daily pull of a rep's morale toward the team mean (0 = uncoupled).",
    )
    walkout_share: float = param(
        0.1,
        unit="share",
        low=0.0,
        high=1.0,
        source="seed 002 (a team threatening to strike)",
        doc="Share of a team leaving on one day that counts as a walk-out.",
    )


@dataclass(frozen=True)
class Avoidance(ParamGroup):
    """Under sales pressure a rep may cut a long service call short (seed 001)."""

    group_name: typing.ClassVar[str] = "avoidance"

    max_probability: float = param(
        0.0,
        unit="probability",
        low=0.0,
        high=1.0,
        source=SEED_001 + ": this is going to take for ever",
        doc="Chance a rep at full pressure cuts a long (complex) call short (0 = never).",
    )
    handle_share: float = param(
        0.4,
        unit="share",
        low=0.05,
        high=1.0,
        source=ASSUMPTION,
        doc="Share of its handle time a cut-short call takes.",
    )
    trust_loss: float = param(
        0.05,
        unit="trust",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Trust lost on top of an unresolved call's when the rep cut the call short.",
    )
