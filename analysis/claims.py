"""The seed claims as testable contrasts, declared before any result is read.

Each claim is one or more :class:`Contrast` objects: a treatment and a
control level of one factor in one experiment's results, a KPI and the sign
the claim predicts, and optionally a moderator across whose levels the
contrast is also judged (for "depends on X"). Each KPI's minimum effect
(:data:`MIN_EFFECTS`) and each claim's "built in" assumptions (what makes a
contrast hold by construction of the model) are part of the declaration, so
the paper prints them beside the verdict. Evaluation is in
:mod:`tightrope.analysis.claim_eval`; the rule is :mod:`tightrope.analysis.verdict`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MinEffect:
    """The smallest difference a claim counts as an effect of a KPI.

    ``relative`` margins are a share of the control arm's mean (for KPIs
    whose scale depends on the horizon or the centre's size, such as revenue).
    """

    value: float
    relative: bool
    why: str

    def margin(self, control_mean: float) -> float:
        """δ in the KPI's unit."""
        return self.value * abs(control_mean) if self.relative else self.value

    def text(self) -> str:
        """How the paper states δ."""
        return (
            f"{100 * self.value:g} % of the control mean" if self.relative else f"{self.value:g}"
        )


MIN_EFFECTS: dict[str, MinEffect] = {
    "revenue_genuine": MinEffect(
        0.05, True, "assumption: a 5 % revenue change is worth a decision"
    ),
    "conversion_rate": MinEffect(0.01, False, "assumption: one percentage point of conversion"),
    "csat": MinEffect(0.01, False, "assumption: one point on the 0-1 CSAT proxy scale (1 pp)"),
    "morale_mean": MinEffect(0.02, False, "assumption: 2 points of mean morale (0-1 scale)"),
    "attrition_annual": MinEffect(0.03, False, "assumption: 3 pp of annual attrition"),
    "brand_harm_index": MinEffect(0.10, True, "assumption: a 10 % change of the harm index"),
    "sales_harmful": MinEffect(0.10, True, "assumption: a 10 % change of pushed sales"),
    "service_level": MinEffect(0.02, False, "assumption: 2 pp of service level"),
    "abandon_rate": MinEffect(0.01, False, "assumption: 1 pp of abandonment"),
}
"""δ per KPI, declared before the paper's results were read (issue 13)."""


@dataclass(frozen=True)
class Contrast:
    """Treatment minus control of one KPI; ``sign`` is what the claim predicts (+1 up, -1 down)."""

    key: str
    experiment: str
    factor: str
    treatment: object
    control: object
    kpi: str
    sign: int
    moderator: str | None = None

    @property
    def min_effect(self) -> MinEffect:
        """The declared δ of this contrast's KPI."""
        try:
            return MIN_EFFECTS[self.kpi]
        except KeyError:
            raise ValueError(f"{self.key}: no minimum effect declared for {self.kpi!r}") from None


@dataclass(frozen=True)
class Claim:
    """A seed's claim: its contrasts, figure, and what the model builds in vs leaves to emerge."""

    key: str
    contrasts: tuple[Contrast, ...]
    figure: str
    built_in: tuple[str, ...] = ()
    emerges: tuple[str, ...] = ()
    exploration: bool = False


def _c(key: str, exp: str, factor: str, t: object, c: object, kpi: str, sign: int, mod=None):
    return Contrast(key, exp, factor, t, c, kpi, sign, mod)


_DES, _REG = "org.design", "regime.name"
_SHARE, _SWITCH = "hiring.sales_oriented_share", "warmup.switch_cost"
_POLICY, _ROUTING = "hiring.policy", "staffing.routing"
_POP, _FP = "screenpop.enabled", "screenpop.false_positive_rate"
_SPEC, _DISC, _MAND = "specialised", "discretionary_rewards", "mandatory_upsell"
_REV, _CSAT, _ATT = "revenue_genuine", "csat", "attrition_annual"

CLAIMS: tuple[Claim, ...] = (
    Claim(
        "s000",
        (
            _c("s000_revenue", "specialised", _REG, _SPEC, _DISC, _REV, 1, _SHARE),
            _c("s000_morale", "specialised", _REG, _SPEC, _DISC, "morale_mean", 1, _SHARE),
            _c("s000_attrition", "specialised", _REG, _SPEC, _DISC, _ATT, -1, _SHARE),
        ),
        "specialised_vs_blended",
        built_in=(
            "service reps of the specialised regime never pitch, so their morale never "
            "pays `morale.failed_pitch`; only the sales team does",
            "the sales team is drawn from sales talent whatever the hiring mix "
            "(`hiring.select_sales_team`)",
        ),
        emerges=(
            "revenue: transfers, the sales team's warm-up and the queue the smaller "
            "service team leaves",
            "morale and attrition: the balance of per-call morale events and quits",
        ),
    ),
    Claim(
        "s001",
        (
            _c(
                "s001_conversion",
                "blending",
                _DES,
                "dedicated",
                "blended",
                "conversion_rate",
                1,
                _SWITCH,
            ),
            _c("s001_revenue", "blending", _DES, "dedicated", "blended", _REV, 1, _SWITCH),
        ),
        "blending_switch_cost",
        built_in=(
            "the warm-up equation is the claim's mechanism: each sales contact raises "
            "warm-up, each service call without a pitch moves it back the share "
            "`warmup.switch_cost` of the way to the day's starting level, and the chance "
            "of a genuine sale is proportional to warm-up; with a switch cost above zero a "
            "rep who takes service calls between pitches converts a pitch to a genuine need "
            "less often, by construction",
        ),
        emerges=(
            "revenue: whether the dedicated team's higher conversion outweighs the sales "
            "calls a blended pool answers with more reps",
        ),
    ),
    Claim(
        "s002",
        (
            _c(
                "s002_attrition",
                "quota_recognition",
                _REG,
                _MAND,
                _DISC,
                _ATT,
                1,
                "regime.quota_stretch",
            ),
            _c(
                "s002_harm",
                "quota_recognition",
                _REG,
                _MAND,
                _DISC,
                "brand_harm_index",
                1,
                "regime.quota_stretch",
            ),
        ),
        "quota_recognition_heatmaps",
        built_in=(
            "mandatory upselling pitches to every caller, angry ones included, while a "
            "discretionary rep pitches to an angry caller only when misreading them as "
            "calm (`sales.misread_max`); pitches to angry callers enter the brand-harm "
            "index with weight `brand.weight_angry_pitch`",
            "a pushed (harmful) sale needs a pitch to a caller without a need: mandatory "
            "upselling pitches to all of them, and its push chance is above zero even "
            "without pressure, while a discretionary rep pitches a need they did not see "
            "only under pressure (`sales.pressure_pitch`); pressure from a quota or the "
            "recognition ranking (`regime.recognition_pressure`) raises the push chance",
            "a missed quota lowers morale at review (`regime.quota_penalty`) and quits "
            "rise as morale falls (`attrition.morale_sensitivity`)",
        ),
        emerges=(
            "the size of the attrition gap, its dependence on the quota, and the weight "
            "of the harm index's other components",
        ),
    ),
    Claim(
        "s003",
        (
            _c("s003_recognition_revenue", "incentives", _REG, _DISC, "commission", _REV, 1),
            _c("s003_recognition_csat", "incentives", _REG, _DISC, "commission", _CSAT, 1),
            _c("s003_talent_revenue", "incentives", _POLICY, "sales_talent", "random", _REV, 1),
            _c("s003_talent_csat", "incentives", _POLICY, "sales_talent", "random", _CSAT, 1),
            _c(
                "s003_routing_revenue",
                "incentives",
                _ROUTING,
                "skills_based",
                "longest_idle",
                _REV,
                1,
            ),
            _c(
                "s003_routing_csat",
                "incentives",
                _ROUTING,
                "skills_based",
                "longest_idle",
                _CSAT,
                1,
            ),
        ),
        "incentive_contrasts",
        built_in=(
            "commission adds pressure behind pushed sales (`regime.commission_pressure`), "
            "and a pushed sale costs CSAT (`csat.unwanted_sale`); recognition acts through "
            "morale and through rank pressure near the recognition cut "
            "(`regime.recognition_pressure`), which also drives pushed sales and pitches "
            "to needs not seen",
            "hiring for sales talent shifts hires' orientation towards sales, which raises "
            "their sales-skill ceiling and lowers their service-skill ceiling",
        ),
        emerges=("net revenue and CSAT: pitches made and missed, morale, quits and the queue",),
    ),
    Claim(
        "s004",
        (
            _c("s004_revenue", "screenpop", _POP, True, False, _REV, 1, _FP),
            _c("s004_csat", "screenpop", _POP, True, False, _CSAT, 1, _FP),
        ),
        "screenpop",
        built_in=(
            "a screen-pop reveals a genuine need with probability `screenpop.hit_rate` and "
            "flags a need that is not there with probability "
            "`screenpop.false_positive_rate`; the rep treats a flag as a perceived need "
            "(a pitch if the caller is judged calm), and a failed pitch costs CSAT "
            "(`csat.failed_pitch`) and morale (`morale.failed_pitch`)",
        ),
        emerges=("revenue and CSAT net of the extra pitches, their warm-up and practice effects",),
    ),
)
