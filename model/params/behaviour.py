"""Parameter groups of rep behaviour: warm-up, morale, skills (selling: params.sales).

Functional forms are those of DESIGN.md's reference forms; each field says
where its value comes from. Values marked "assumption" are the model's
uncalibrated choices and belong in the sensitivity analysis.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass

from tightrope.model.params.spec import ASSUMPTION, ParamGroup, param

SEED_000 = "seed 000 (Lemaire)"
SEED_001 = "seed 001 (sales mode blog)"
SEED_002 = "seed 002 (Fluss)"


@dataclass(frozen=True)
class Warmup(ParamGroup):
    """Sales mode: w <- w + r (1 - w) per sales contact, w <- w0 + (w - w0)(1 - s) otherwise.

    DESIGN.md's reference form decays toward 0; here it decays toward the cold
    level w0, so a rep who has not sold for a while converts like a rep at the
    start of the day rather than never (seed 001 describes a slower, not an
    impossible, sale).
    """

    group_name: typing.ClassVar[str] = "warmup"

    start: float = param(
        0.3,
        unit="-",
        low=0.0,
        high=1.0,
        source=SEED_001,
        doc="w0: sales mode at the start of each day (reset overnight).",
    )
    rate_mean: float = param(
        0.5,
        unit="-",
        low=0.01,
        high=0.99,
        source=SEED_001 + ": one to several calls",
        doc="Mean of the per-rep warm-up rate r_i (Beta distributed).",
    )
    rate_concentration: float = param(
        4.0,
        unit="-",
        low=0.5,
        high=1000.0,
        source=ASSUMPTION,
        doc="Concentration of the Beta distribution of r_i (higher = more alike).",
    )
    switch_cost: float = param(
        0.5,
        unit="-",
        low=0.0,
        high=1.0,
        source=SEED_001,
        doc="s: share of the warm-up above the day's start (w0) lost on a service call "
        "without a pitch.",
    )


@dataclass(frozen=True)
class Morale(ParamGroup):
    """Morale in [0, 1]: per-call deltas, daily reversion to a personal baseline."""

    group_name: typing.ClassVar[str] = "morale"

    frozen: bool = param(
        False,
        unit="-",
        source="queue-only validation mode",
        doc="Hold morale fixed (no deltas, no reversion).",
    )
    baseline_mean: float = param(
        0.7,
        unit="-",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Mean of the reps' personal baseline morale.",
    )
    baseline_sd: float = param(
        0.1,
        unit="-",
        low=0.0,
        high=0.5,
        source=ASSUMPTION,
        doc="Spread of baseline morale across reps.",
    )
    reversion: float = param(
        0.2,
        unit="1/day",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="kappa: daily pull of morale toward the rep's baseline.",
    )
    resolved: float = param(
        0.0008,
        unit="per call",
        low=0.0,
        high=0.1,
        source="seed 000 (service reps as advocates)",
        doc="Lift from resolving a service call, times (1.5 - orientation).",
    )
    unresolved: float = param(
        0.0005,
        unit="per call",
        low=0.0,
        high=0.1,
        source=ASSUMPTION,
        doc="Drop from leaving a caller unresolved.",
    )
    failed_pitch: float = param(
        0.0008,
        unit="per call",
        low=0.0,
        high=0.1,
        source=SEED_001,
        doc="Drop from a failed pitch, times (1.5 - orientation).",
    )
    angry_pitch: float = param(
        0.003,
        unit="per call",
        low=0.0,
        high=0.1,
        source=SEED_002,
        doc="Extra drop from being made to pitch to an angry caller.",
    )
    sale: float = param(
        0.003,
        unit="per sale",
        low=0.0,
        high=0.1,
        source="seed 003",
        doc="Lift from a genuine sale, times (0.5 + orientation).",
    )
    abuse: float = param(
        0.002,
        unit="per call",
        low=0.0,
        high=0.1,
        source="Holman et al. 2007 (customer abuse)",
        doc="Drop from an angry caller's abuse.",
    )


@dataclass(frozen=True)
class Skills(ParamGroup):
    """Learning with practice, forgetting with disuse (Jaber-Bonney style)."""

    group_name: typing.ClassVar[str] = "skills"

    frozen: bool = param(
        False,
        unit="-",
        source="queue-only validation mode",
        doc="Hold skills fixed (no learning, forgetting or coupling).",
    )
    learn_service: float = param(
        0.002,
        unit="per call",
        low=0.0,
        high=1.0,
        source="Wright 1936 learning curve; assumption",
        doc="alpha: service skill gained per service call, x <- x + alpha (1 - x).",
    )
    learn_sales: float = param(
        0.01,
        unit="per contact",
        low=0.0,
        high=1.0,
        source="Wright 1936; assumption",
        doc="alpha: sales skill gained per sales contact.",
    )
    forget: float = param(
        0.02,
        unit="1/day",
        low=0.0,
        high=1.0,
        source="Jaber & Bonney 1996 (learn-forget)",
        doc="delta: daily decay toward the floor on a day without that kind of practice.",
    )
    floor: float = param(
        0.2,
        unit="-",
        low=0.0,
        high=1.0,
        source="Jaber & Bonney 1996",
        doc="Skill level forgetting decays toward.",
    )
    coupling_service_erodes_sales: float = param(
        0.0,
        unit="per call",
        low=0.0,
        high=0.1,
        source=SEED_000 + " (a hypothesis to sweep)",
        doc="gamma_k: sales skill lost per service call, k <- k - gamma k.",
    )
    coupling_sales_erodes_service: float = param(
        0.0,
        unit="per contact",
        low=0.0,
        high=0.1,
        source=SEED_000 + " (a hypothesis to sweep)",
        doc="gamma_s: service skill lost per sales contact.",
    )
    handle_penalty: float = param(
        0.3,
        unit="-",
        low=0.0,
        high=5.0,
        source=ASSUMPTION,
        doc="Handle time grows by this factor times (1 - service skill).",
    )
    complex_share: float = param(
        0.2,
        unit="share",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Share of service calls that are complex (longer, harder to resolve).",
    )
    complex_handle: float = param(
        1.5,
        unit="x",
        low=1.0,
        high=10.0,
        source=ASSUMPTION,
        doc="Handle-time multiplier of a complex call.",
    )
    service_ceiling_base: float = param(
        0.5,
        unit="skill",
        low=0.0,
        high=1.0,
        source=ASSUMPTION + " (seed 000: temperament limits skill)",
        doc="Service-skill ceiling of a fully sales-minded rep (orientation 1).",
    )
    service_ceiling_temperament: float = param(
        0.5,
        unit="skill",
        low=0.0,
        high=1.0,
        source=ASSUMPTION + " (seed 000); 0 = ceilings independent of temperament",
        doc="Ceiling gained per unit of service orientation: base + this * (1 - o).",
    )
    sales_ceiling_base: float = param(
        0.4,
        unit="skill",
        low=0.0,
        high=1.0,
        source=ASSUMPTION + " (seed 000: temperament limits skill)",
        doc="Sales-skill ceiling of a fully service-minded rep (orientation 0).",
    )
    sales_ceiling_temperament: float = param(
        0.6,
        unit="skill",
        low=0.0,
        high=1.0,
        source=ASSUMPTION + " (seed 000); 0 = ceilings independent of temperament",
        doc="Ceiling gained per unit of sales orientation: base + this * o.",
    )
    resolve_base: float = param(
        0.55,
        unit="probability",
        low=0.0,
        high=1.0,
        source="FCR 70-80% (industry benchmark)",
        doc="Chance a simple service call is resolved by a rep with zero service skill.",
    )
    resolve_skill_gain: float = param(
        0.35,
        unit="probability",
        low=0.0,
        high=1.0,
        source="FCR 70-80% (industry benchmark)",
        doc="Extra resolution probability at full service skill.",
    )
    resolve_complex_penalty: float = param(
        0.2,
        unit="probability",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Lower resolution probability on complex calls.",
    )

    def _check_combination(self) -> None:
        from tightrope.model.params.spec import ParameterError

        for kind in ("service", "sales"):
            top = getattr(self, f"{kind}_ceiling_base") + getattr(
                self, f"{kind}_ceiling_temperament"
            )
            if top > 1.0:
                raise ParameterError(
                    f"skills.{kind}_ceiling_base + skills.{kind}_ceiling_temperament = "
                    f"{top:g} exceeds 1; allowed: sum <= 1"
                )
        if self.resolve_base + self.resolve_skill_gain > 1.0:
            raise ParameterError(
                f"skills.resolve_base + skills.resolve_skill_gain = "
                f"{self.resolve_base + self.resolve_skill_gain:g} exceeds 1; allowed: sum <= 1"
            )
