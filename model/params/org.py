"""Parameter groups of the organisation: regime, teams, hiring, attrition, tools, brand."""

from __future__ import annotations

import typing
from dataclasses import dataclass

from tightrope.model.params.spec import ASSUMPTION, ParamGroup, param
from tightrope.model.regimes import REGIMES

REGIME_NAMES = tuple(REGIMES)  # the regime registry is the one list of names


@dataclass(frozen=True)
class Regime(ParamGroup):
    """The quota and incentive regime (DESIGN.md process 5)."""

    group_name: typing.ClassVar[str] = "regime"

    name: str = param(
        "service_only",
        unit="-",
        choices=REGIME_NAMES,
        source="seeds 000-004",
        doc="Which regime decides pitches and rewards.",
    )
    quota_stretch: float = param(
        1.0,
        unit="x attainable",
        low=0.0,
        high=10.0,
        source="issue 12; Schweitzer, Ordonez & Douma 2004 (stretch goals): "
        "<= 1 realistic, > 1 unrealistic; default assumption",
        doc="Quota as a multiple of attainable sales: the team's genuine sales per rep-day "
        "over the previous review period (0 = no quota; none in the first period).",
    )
    quota_scope: str = param(
        "mandatory_upsell",
        unit="-",
        choices=("mandatory_upsell", "every_regime"),
        source="seed 002 (quota with mandatory pitching); every_regime for the factorial",
        doc="Regimes with a quota: mandatory upselling only, or every regime whose reps sell.",
    )
    pressure_form: str = param(
        "goal_proximity",
        unit="-",
        choices=("goal_proximity", "monotone"),
        source="Schweitzer et al. 2004: misconduct most likely just short of a goal",
        doc="Pressure from a goal: exp(-shortfall/scale) while short and 0 once met, "
        "or the shortfall itself (monotone).",
    )
    proximity_scale: float = param(
        0.25,
        unit="share of goal",
        low=0.01,
        high=10.0,
        source=ASSUMPTION + " (Schweitzer et al. 2004 report no scale)",
        doc="Shortfall at which goal-proximity pressure has fallen to 1/e of its peak.",
    )
    recognition_pressure: float = param(
        0.5,
        unit="-",
        low=0.0,
        high=1.0,
        source=ASSUMPTION + " (seed 001: the scoreboard's bottom group; rank competition)",
        doc="Peak pressure on a rep just below the recognition cut (shortfall: the share "
        "of reps to overtake).",
    )
    review_days: int = param(
        5,
        unit="days",
        low=1,
        high=250,
        source=ASSUMPTION,
        doc="Length of a quota / recognition review period.",
    )
    quota_penalty: float = param(
        0.08,
        unit="morale",
        low=0.0,
        high=1.0,
        source="seed 002 (strike threats)",
        doc="Morale lost at review times the share of the quota missed.",
    )
    recognition_strength: float = param(
        0.05,
        unit="morale",
        low=0.0,
        high=1.0,
        source="seed 003 (non-monetary recognition)",
        doc="Morale lift of a recognised rep under discretionary_rewards.",
    )
    recognition_breadth: float = param(
        0.3,
        unit="share",
        low=0.0,
        high=1.0,
        source="seed 003 (not only top performers)",
        doc="Share of reps recognised each review, ranked by own improvement.",
    )
    commission_per_sale: float = param(
        15.0,
        unit="currency",
        low=0.0,
        high=1.0e4,
        source="seed 003",
        doc="Pay per sale under commission (a cost to the centre).",
    )
    commission_morale: float = param(
        0.002,
        unit="morale/sale",
        low=0.0,
        high=0.1,
        source=ASSUMPTION,
        doc="Morale lift of a commission payment, times (0.5 + orientation).",
    )
    commission_discomfort: float = param(
        12.0,
        unit="currency",
        low=0.0,
        high=1.0e4,
        source="seed 000 (reps hate pushing)",
        doc="Pay a fully service-minded rep needs to expect before pitching.",
    )
    commission_pressure: float = param(
        0.4,
        unit="-",
        low=0.0,
        high=1.0,
        source="seed 003 (commission least effective)",
        doc="Pressure term of the pushed-sale logistic under commission.",
    )


@dataclass(frozen=True)
class Org(ParamGroup):
    """Organisation design: teams and cross-training."""

    group_name: typing.ClassVar[str] = "org"

    design: str = param(
        "blended",
        unit="-",
        choices=("blended", "dedicated"),
        source="seeds 000, 001, 004",
        doc="One blended pool, or a dedicated sales team beside the service team.",
    )
    sales_team_share: float = param(
        0.2,
        unit="share",
        low=0.0,
        high=1.0,
        source="assumption (0.1 overloads the sales team with warm transfers at defaults)",
        doc="Share of reps in the sales team (dedicated design; specialised regime).",
    )
    cross_trained_share: float = param(
        1.0,
        unit="share",
        low=0.0,
        high=1.0,
        source="seed 000",
        doc="Share of service/blended reps trained to pitch (the rest never pitch).",
    )


@dataclass(frozen=True)
class Hiring(ParamGroup):
    """Who is hired, how fast and at what cost."""

    group_name: typing.ClassVar[str] = "hiring"

    policy: str = param(
        "random",
        unit="-",
        choices=("random", "service_talent", "sales_talent", "mixed"),
        source="seed 003 trait 1 (hire for talent)",
        doc="Orientation of hires: uniform, service-minded, sales-minded, or a mix.",
    )
    select_sales_team: bool = param(
        False,
        unit="-",
        source="seed 000 (a specially selected sales team); off by default so the "
        "dedicated-vs-blended contrast holds talent equal (issue 12), a factor of its own",
        doc="Sales-team hires are drawn from sales talent whatever the policy.",
    )
    sales_oriented_share: float = param(
        0.5,
        unit="share",
        low=0.0,
        high=1.0,
        source="seed 000",
        doc="Under the mixed policy, share of hires with a sales temperament.",
    )
    talent_shape_minor: float = param(
        2.0,
        unit="Beta a",
        low=0.01,
        high=1000.0,
        source=ASSUMPTION + " (Beta(2, 5): mean orientation 0.29 for service talent)",
        doc="Orientation of service talent ~ Beta(minor, major); sales talent mirrored.",
    )
    talent_shape_major: float = param(
        5.0,
        unit="Beta b",
        low=0.01,
        high=1000.0,
        source=ASSUMPTION + " (Beta(2, 5): mean orientation 0.29 for service talent)",
        doc="The larger Beta shape of talent-selected hires (see talent_shape_minor).",
    )
    start_experience: float = param(
        0.9,
        unit="x",
        low=0.0,
        high=1.0,
        source=ASSUMPTION + " (an established centre's reps are near their ceilings)",
        doc="Starting reps' skill as a share of their ceilings (new hires: skill_at_hire).",
    )
    lag_days: int = param(
        10,
        unit="days",
        low=0,
        high=250,
        source=ASSUMPTION,
        doc="Days from a vacancy to a hire starting training.",
    )
    training_days: int = param(
        20,
        unit="days",
        low=0,
        high=250,
        source="Batt et al. 2005 (about four weeks)",
        doc="Working days in training before taking calls.",
    )
    skill_at_hire: float = param(
        0.6,
        unit="x",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="New hires start at this share of an experienced rep's skill (then learn).",
    )
    cost_per_hire: float = param(
        4000.0,
        unit="currency",
        low=0.0,
        high=1.0e6,
        source="industry estimates",
        doc="Recruiting cost per hire.",
    )
    training_cost_per_day: float = param(
        200.0,
        unit="currency/day",
        low=0.0,
        high=1.0e5,
        source="industry estimates",
        doc="Cost of a trainee day (wage and trainer).",
    )


@dataclass(frozen=True)
class Attrition(ParamGroup):
    """Daily quit hazard h = h0 exp(beta (m_ref - m))."""

    group_name: typing.ClassVar[str] = "attrition"

    enabled: bool = param(
        True,
        unit="-",
        source="queue-only validation mode turns it off",
        doc="Whether reps quit.",
    )
    base_hazard: float = param(
        0.0019,
        unit="1/day",
        low=0.0,
        high=1.0,
        source="calibrated to the published 25-50 %/yr (Holman, Batt & Holtgrewe 2007) for "
        "centres staffed to 80/20; `tightrope centre` prints the check (mandatory upsell "
        "sits at the upper edge)",
        doc="h0: daily quit hazard at the reference morale.",
    )
    morale_sensitivity: float = param(
        5.0,
        unit="-",
        low=0.0,
        high=50.0,
        source=ASSUMPTION,
        doc="beta: how steeply the hazard rises as morale falls.",
    )
    reference_morale: float = param(
        0.7,
        unit="-",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="m_ref: morale at which the hazard equals h0.",
    )


@dataclass(frozen=True)
class ScreenPop(ParamGroup):
    """A desktop tool that flags sales opportunities, sometimes wrongly (seeds 003, 004)."""

    group_name: typing.ClassVar[str] = "screenpop"

    enabled: bool = param(False, unit="-", source="seed 004", doc="Whether the tool is on.")
    hit_rate: float = param(
        0.7,
        unit="probability",
        low=0.0,
        high=1.0,
        source="seed 004",
        doc="Chance the tool flags a caller who has a need.",
    )
    false_positive_rate: float = param(
        0.1,
        unit="probability",
        low=0.0,
        high=1.0,
        source="seed 004 (sometimes wrong)",
        doc="Chance the tool flags a caller with no need.",
    )


@dataclass(frozen=True)
class Blending(ParamGroup):
    """Outbound sales calls given to idle reps (Bhulai & Koole 2003 threshold policy)."""

    group_name: typing.ClassVar[str] = "blending"

    outbound: bool = param(
        False,
        unit="-",
        source="seed 001",
        doc="Whether idle reps dial outbound sales calls.",
    )
    idle_reserve: int = param(
        2,
        unit="reps",
        low=0,
        high=10000,
        source="Bhulai & Koole 2003",
        doc="Idle reps kept free for inbound calls before anyone dials out.",
    )
    outbound_minutes: float = param(
        4.0,
        unit="min",
        low=0.1,
        high=120.0,
        source=ASSUMPTION,
        doc="Mean length of an outbound call (exponential).",
    )
    outbound_contact: float = param(
        0.4,
        unit="probability",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Chance a dialled prospect answers (else a short failed dial).",
    )
    outbound_need: float = param(
        0.15,
        unit="share",
        low=0.0,
        high=1.0,
        source="seed 001 (cold calls)",
        doc="Share of reached prospects with a genuine need.",
    )
    dial_minutes: float = param(
        0.5,
        unit="min",
        low=0.0,
        high=30.0,
        source=ASSUMPTION,
        doc="Time an outbound dial takes before it connects or fails.",
    )


@dataclass(frozen=True)
class Brand(ParamGroup):
    """Weights of the brand-harm index (harm events per 1,000 calls)."""

    group_name: typing.ClassVar[str] = "brand"

    weight_harmful_sale: float = param(
        1.0,
        unit="-",
        low=0.0,
        high=100.0,
        source="seed 002 (Wells Fargo)",
        doc="Weight of a harmful (pushed) sale.",
    )
    weight_angry_pitch: float = param(
        0.3,
        unit="-",
        low=0.0,
        high=100.0,
        source=ASSUMPTION,
        doc="Weight of a pitch to an angry caller.",
    )
    weight_abandonment: float = param(
        0.1,
        unit="-",
        low=0.0,
        high=100.0,
        source=ASSUMPTION,
        doc="Weight of an abandoned call.",
    )
    weight_unresolved: float = param(
        0.2,
        unit="-",
        low=0.0,
        high=100.0,
        source=ASSUMPTION,
        doc="Weight of an unresolved call.",
    )
