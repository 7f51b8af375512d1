"""The mechanism table: one paired low/high comparison per documented mechanism.

Each :class:`Mechanism` names a mechanism of DESIGN.md (reference forms,
processes, levers) or of the paper's ODD, where it lives in the code, the
parameter that drives it, two values of that parameter, the output it drives
and the predicted direction. ``tests/test_mechanisms.py`` runs both arms on
common seeds and asserts a *strict* inequality; ``tests/MECHANISMS.md`` is
generated from this table (``python tests/mechanisms.py > tests/MECHANISMS.md``)
and a test keeps it current. Runs are cached per process, so the liveness test
reuses them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from tightrope.model.model import CallCentre
from tightrope.model.params import Params

# Small, fast centres: 8 reps at about 60 % occupancy, a few working days.
BASE: dict[str, Any] = {
    "staffing.reps": 8,
    "arrivals.rate": 1.0,
    "staffing.day_minutes": 240.0,
    "customers.population": 2000,
    "run.days": 8,
    "run.burn_in_days": 1,
}
SCENARIOS: dict[str, dict[str, Any]] = {
    "service": {"regime.name": "service_only"},
    # The queue-only mode (identical reps, no behaviour): one long loaded day after a warm-up.
    "queue": {
        "run.behaviour": False,
        "arrivals.rate": 1.4,
        "staffing.day_minutes": 2000.0,
        "run.burn_in_minutes": 100.0,
        "run.days": 2,
        "run.burn_in_days": 0,
    },
    "upsell": {"regime.name": "mandatory_upsell"},
    "discretionary": {"regime.name": "discretionary_rewards"},
    "commission": {"regime.name": "commission"},
    "specialised": {"regime.name": "specialised"},
    "inbound_sales": {"regime.name": "service_only", "arrivals.sales_rate": 0.3},
    "outbound": {"regime.name": "mandatory_upsell", "blending.outbound": True},
    # Few customers, so each calls several times and harm accumulates in trust.
    "customers": {
        "regime.name": "mandatory_upsell",
        "customers.population": 300,
        "run.days": 12,
    },
    # Quits and hires happen: a higher hazard over more days.
    "workforce": {
        "regime.name": "mandatory_upsell",
        "attrition.base_hazard": 0.02,
        "hiring.lag_days": 2,
        "hiring.training_days": 2,
        "run.days": 30,
        "run.burn_in_days": 2,
    },
}
OUTCOMES = "model/calls/outcomes.py"
LOOP = "model/calls/kernel.py"
OUTBOUND = "model/calls/outbound.py"
SALE = "model/calls/sale.py"


@dataclass(frozen=True)
class Mechanism:
    """A mechanism, its code, the parameter moved from ``low`` to ``high``, and the prediction."""

    name: str
    where: str
    param: str
    low: Any
    high: Any
    output: str
    direction: int  # +1: the output rises from low to high; -1: it falls
    scenario: str
    extra: dict[str, Any] = field(default_factory=dict)
    seeds: tuple[int, ...] = (0,)

    @property
    def test_id(self) -> str:
        """The pytest id of this mechanism's test."""
        return f"test_mechanism_moves_its_output[{self.name}]"


def M(name, where, param, low, high, output, direction, scenario, seeds=(0,), **extra):  # noqa: N802
    """Shorthand for a :class:`Mechanism` (``extra`` keys use ``__`` for dots)."""
    extra = {key.replace("__", "."): value for key, value in extra.items()}
    return Mechanism(name, where, param, low, high, output, direction, scenario, extra, seeds)


UP, DOWN = 1, -1
# fmt: off
MECHANISMS: tuple[Mechanism, ...] = (
    # ------------------------------------------------------------ call flow (ODD 1-4)
    M("poisson-arrivals", "model/calls/arrivals.py: arrival_times", "arrivals.rate", 0.8, 1.2,
      "calls_offered", UP, "service"),
    M("inbound-sales-arrivals", "model/calls/arrivals.py: call_rows (kind)",
      "arrivals.sales_rate", 0.0, 0.3, "upsell_attempts", UP, "service"),
    M("intraday-profile", "model/calls/arrivals.py: CumulativeRate", "arrivals.profile", (),
      (4.0, 1.0, 1.0, 1.0), "asa_s", UP, "service"),
    M("handle-time-mean", "model/calls/outcomes.py: handle time", "service.aht", 4.0, 6.0,
      "aht_min", UP, "service"),
    M("handle-time-variability", "model/calls/arrivals.py: handle_time_units",
      "service.handle_time_cv", 0.1, 1.0, "asa_s", UP, "queue", seeds=(0, 1)),
    M("handle-time-distribution", "model/calls/arrivals.py: handle_time_units",
      "service.handle_time_distribution", "lognormal", "exponential", "asa_s", UP, "queue",
      seeds=(0, 1), service__handle_time_cv=0.3),
    M("abandonment-patience", f"{LOOP}: deadline check", "service.patience", 8.0, 0.5,
      "abandon_rate", UP, "service", arrivals__rate=1.4),
    M("abandonment-switch", f"{LOOP}; model/calls/arrivals.py: deadline",
      "service.abandonment", False, True, "calls_abandoned", UP, "service",
      arrivals__rate=1.4),
    M("service-level-threshold", "model/kpis.py: within_sl", "service.sl_threshold", 5.0, 120.0,
      "service_level", UP, "service", arrivals__rate=1.4),
    M("staffing-service-level", "model/staffing.py: plan_teams", "staffing.policy", "fixed",
      "service_level", "service_level", UP, "upsell", arrivals__rate=1.4,
      staffing__pilot_days=6),
    M("staffing-headcount", "model/workforce.py: initial_teams", "staffing.reps", 7, 10,
      "asa_s", DOWN, "service", arrivals__rate=1.3),
    M("opening-hours", "model/calls/arrivals.py: CumulativeRate", "staffing.day_minutes",
      200.0, 300.0, "calls_offered", UP, "service"),
    M("skills-based-routing", "model/calls/routing.py: pool_take (skills)", "staffing.routing",
      "longest_idle", "skills_based", "aht_min", DOWN, "service", seeds=(0, 1)),
    M("handle-time-skill-penalty", f"{OUTCOMES}: handle time", "skills.handle_penalty", 0.0,
      1.0, "aht_min", UP, "service"),
    M("complex-calls-longer", f"{OUTCOMES}: handle time", "skills.complex_share", 0.05, 0.6,
      "aht_min", UP, "service"),
    M("complex-handle-multiplier", f"{OUTCOMES}: handle time", "skills.complex_handle", 1.0,
      3.0, "aht_min", UP, "service"),
    M("resolution-base", f"{OUTCOMES}: resolution", "skills.resolve_base", 0.3, 0.6, "fcr", UP,
      "service"),
    M("csat-resolution", "model/calls/outcomes.py: CSAT proxy", "skills.resolve_base", 0.3,
      0.6, "csat", UP, "service"),
    M("resolution-rises-with-skill", f"{OUTCOMES}: resolution", "skills.resolve_skill_gain",
      0.0, 0.4, "fcr", UP, "service"),
    M("complex-calls-harder", f"{OUTCOMES}: resolution", "skills.resolve_complex_penalty", 0.0,
      0.5, "fcr", DOWN, "service"),
    M("repeat-calls", "model/customers.py: repeats", "customers.repeat_probability", 0.0, 1.0,
      "calls_offered", UP, "customers"),
    M("repeat-delay", "model/customers.py: repeats", "customers.repeat_delay_max", 1, 3,
      "calls_offered", DOWN, "customers", customers__repeat_probability=1.0),
    M("redial-after-abandoning", "model/customers.py: hung_up, redialers",
      "customers.redial_share", 0.0, 1.0, "calls_offered", UP, "customers",
      arrivals__rate=1.4),
    # ------------------------------------------------------------ upsell decision (ODD 5)
    M("mandatory-pitches-to-angry", f"{OUTCOMES}: decide (DECIDE_ALWAYS)", "regime.name",
      "discretionary_rewards", "mandatory_upsell", "pitches_to_angry", UP, "service"),
    M("misread-angry-caller", f"{OUTCOMES}: judgement (misread)", "sales.misread_max", 0.0,
      1.0, "pitches_to_angry", UP, "discretionary", customers__anger_mood=1.0),
    M("pressure-pitching", f"{OUTCOMES}: judgement (pressure)", "sales.pressure_pitch", 0.0,
      1.0, "upsell_attempts", UP, "discretionary"),
    M("recognition-pressure", "model/regimes.py: DiscretionaryRewards.pressures",
      "regime.recognition_pressure", 0.0, 1.0, "upsell_attempts", UP, "discretionary",
      sales__pressure_pitch=1.0),
    M("quota-scope", "model/regimes.py: Regime.has_quota", "regime.quota_scope",
      "mandatory_upsell", "every_regime", "upsell_attempts", UP, "discretionary",
      seeds=(0, 1), sales__pressure_pitch=1.0, regime__recognition_pressure=0.0,
      regime__review_days=2, regime__quota_stretch=1.5),
    M("transfer-keeps-mood", f"{OUTCOMES}: warm_transfer; model/calls/record.py: transfer_of",
      "customers.anger_mood", 0.2, 1.0, "pitches_to_angry", UP, "specialised",
      sales__misread_max=1.0),
    M("perceived-need-base", f"{OUTCOMES}: perception", "sales.perceive_base", 0.05, 0.6,
      "upsell_attempts", UP, "discretionary"),
    M("perceived-need-skill", f"{OUTCOMES}: perception", "sales.perceive_skill_gain", 0.0, 0.6,
      "upsell_attempts", UP, "discretionary"),
    M("screen-pop", f"{OUTCOMES}: screen-pop hint", "screenpop.enabled", False, True,
      "upsell_attempts", UP, "discretionary"),
    M("screen-pop-hit-rate", f"{OUTCOMES}: screen-pop hint", "screenpop.hit_rate", 0.1, 0.9,
      "upsell_attempts", UP, "discretionary", screenpop__enabled=True,
      screenpop__false_positive_rate=0.0),
    M("screen-pop-false-positives", f"{OUTCOMES}: screen-pop hint",
      "screenpop.false_positive_rate", 0.0, 0.5, "conversion_rate", DOWN, "discretionary",
      screenpop__enabled=True),
    M("commission-discomfort", f"{OUTCOMES}: decide (DECIDE_PAY)",
      "regime.commission_discomfort", 2.0, 30.0, "upsell_attempts", DOWN, "commission"),
    M("commission-expected-pay", f"{OUTCOMES}: decide (DECIDE_PAY)",
      "regime.commission_per_sale", 5.0, 50.0, "upsell_attempts", UP, "commission"),
    M("cross-training", "model/workforce.py: new_rep (can_pitch)", "org.cross_trained_share",
      0.3, 1.0, "upsell_attempts", UP, "upsell"),
    M("warm-transfer-time", f"{OUTCOMES}: referral", "sales.transfer_minutes", 0.0, 3.0,
      "aht_min", UP, "specialised"),
    M("warm-transfer-referral", f"{OUTCOMES}: referral; {LOOP}: transfer", "regime.name",
      "service_only", "specialised", "transfers", UP, "service"),
    # ------------------------------------------------------------ sales (ODD 6)
    M("genuine-sale-conversion", f"{SALE}: sell (genuine)", "sales.conversion_base", 0.2,
      0.8, "sales_genuine", UP, "upsell"),
    M("csat-met-need", f"{OUTCOMES}: CSAT proxy", "sales.conversion_base", 0.2, 0.8, "csat", UP,
      "upsell"),
    M("csat-anger", f"{OUTCOMES}: CSAT proxy", "customers.anger_mood", 0.2, 1.0, "csat", DOWN,
      "upsell"),
    M("csat-base", f"{OUTCOMES}: CSAT proxy", "csat.base", 0.1, 0.4, "csat", UP, "service"),
    M("csat-weight-resolved", f"{OUTCOMES}: CSAT proxy", "csat.resolved", 0.2, 0.6, "csat", UP,
      "service"),
    M("csat-weight-calm", f"{OUTCOMES}: CSAT proxy", "csat.calm", 0.0, 0.4, "csat", UP,
      "service"),
    M("csat-failed-pitch", f"{OUTCOMES}: CSAT proxy", "csat.failed_pitch", 0.0, 0.4, "csat",
      DOWN, "upsell"),
    M("csat-failed-angry-pitch", f"{OUTCOMES}: CSAT proxy", "csat.failed_angry_pitch", 0.0,
      0.6, "csat", DOWN, "upsell"),
    M("csat-met-need-weight", f"{OUTCOMES}: CSAT proxy", "csat.met_need", 0.0, 0.3, "csat", UP,
      "upsell"),
    M("csat-unwanted-sale", f"{OUTCOMES}: CSAT proxy", "csat.unwanted_sale", 0.0, 1.0, "csat",
      DOWN, "upsell", sales__push_bias=0.0),
    M("csat-sales-base", f"{OUTCOMES}: sales_call (CSAT)", "csat.sales_base", 0.3, 0.7, "csat",
      UP, "inbound_sales"),
    M("csat-sales-sale", f"{OUTCOMES}: sales_call (CSAT)", "csat.sale", 0.0, 0.4, "csat", UP,
      "inbound_sales"),
    M("csat-sales-calm", f"{OUTCOMES}: sales_call (CSAT)", "csat.sales_calm", 0.0, 0.4, "csat",
      UP, "inbound_sales"),
    M("sales-call-handle-factor", f"{OUTCOMES}: sales_call (handle time)",
      "sales.call_handle_factor", 0.4, 1.6, "aht_min", UP, "inbound_sales"),
    M("anger-lowers-conversion", f"{SALE}: sell (genuine)", "sales.anger_penalty", 0.0,
      1.0, "sales_genuine", DOWN, "upsell", customers__anger_mood=1.0),
    M("need-share", f"{OUTCOMES}: need", "sales.need_share", 0.1, 0.5, "sales_genuine", UP,
      "upsell"),
    M("sales-caller-need", f"{OUTCOMES}: need", "sales.sales_call_need", 0.2, 0.9,
      "sales_genuine", UP, "inbound_sales"),
    M("sale-value", f"{SALE}: revenue", "sales.sale_value", 60.0, 200.0,
      "revenue_genuine", UP, "upsell"),
    M("pitch-talk-time", f"{OUTCOMES}: pitch minutes", "sales.pitch_minutes", 0.0, 2.0,
      "aht_min", UP, "upsell"),
    M("pushed-sale-ceiling", f"{SALE}: sell (pushed)", "sales.push_max", 0.05, 0.4,
      "sales_harmful", UP, "upsell"),
    M("pushed-sale-pressure", f"{SALE}: sell (pushed)", "sales.push_pressure_gain", 0.0,
      8.0, "sales_harmful", UP, "upsell"),
    M("pushed-sale-low-morale", f"{SALE}: sell (pushed)", "sales.push_morale_gain", 0.0,
      8.0, "sales_harmful", DOWN, "upsell"),
    M("pushed-sale-bias", f"{SALE}: sell (pushed)", "sales.push_bias", -4.0, 0.0,
      "sales_harmful", UP, "upsell"),
    M("harmful-sales-cancelled", f"{SALE}: revenue", "sales.cancel_share", 0.2, 0.9,
      "revenue_harmful_net", DOWN, "upsell"),
    # ------------------------------------------------------------ warm-up (ODD 7)
    M("warmup-start", f"{SALE}: sell; model/agents.py: end_of_day reset", "warmup.start",
      0.1, 0.9, "sales_genuine", UP, "upsell"),
    M("warmup-rate", "model/workforce.py: new_rep (Beta rate); outcomes: sell",
      "warmup.rate_mean", 0.1, 0.9, "warmup_mean", UP, "discretionary"),
    M("warmup-switch-cost", f"{OUTCOMES}: switch cost", "warmup.switch_cost", 0.0, 1.0,
      "warmup_mean", DOWN, "discretionary", warmup__start=0.0),
    # ------------------------------------------------------------ morale (ODD 8, daily)
    M("morale-resolved", f"{OUTCOMES}: morale deltas", "morale.resolved", 0.0, 0.01,
      "morale_mean", UP, "service"),
    M("morale-unresolved", f"{OUTCOMES}: morale deltas", "morale.unresolved", 0.0, 0.01,
      "morale_mean", DOWN, "service"),
    M("morale-failed-pitch", f"{SALE}: morale deltas", "morale.failed_pitch", 0.0, 0.01,
      "morale_mean", DOWN, "upsell"),
    M("morale-angry-pitch", f"{SALE}: morale deltas", "morale.angry_pitch", 0.0, 0.02,
      "morale_mean", DOWN, "upsell"),
    M("morale-sale", f"{SALE}: morale deltas", "morale.sale", 0.0, 0.02, "morale_mean", UP,
      "upsell"),
    M("morale-abuse", f"{OUTCOMES}: morale deltas", "morale.abuse", 0.0, 0.01, "morale_mean",
      DOWN, "service"),
    M("morale-reversion", "model/agents.py: end_of_day", "morale.reversion", 0.02, 0.8,
      "morale_mean", UP, "upsell", regime__quota_penalty=0.3),
    M("morale-baseline", "model/workforce.py: new_rep", "morale.baseline_mean", 0.5, 0.8,
      "morale_mean", UP, "service"),
    M("morale-baseline-spread", "model/workforce.py: new_rep", "morale.baseline_sd", 0.0, 0.3,
      "morale_p10", DOWN, "service"),
    M("morale-frozen", f"{OUTCOMES}: deltas; model/agents.py", "morale.frozen", False, True,
      "morale_mean", UP, "upsell", regime__quota_penalty=0.3),
    # ------------------------------------------------------------ regimes (end of day)
    M("quota-pressure", "model/regimes.py: pressure", "regime.quota_stretch", 0.0, 1.0,
      "sales_harmful", UP, "upsell"),
    M("quota-stretch-attrition", "model/regimes.py: review (quota penalty)",
      "regime.quota_stretch", 0.8, 1.5, "morale_mean", DOWN, "upsell", regime__quota_penalty=0.3,
      run__days=12),
    M("goal-proximity", "model/regimes.py: goal_pressure", "regime.pressure_form", "monotone",
      "goal_proximity", "sales_harmful", DOWN, "upsell", regime__quota_stretch=3.0),
    M("quota-review-penalty", "model/regimes.py: MandatoryUpsell.review",
      "regime.quota_penalty", 0.0, 0.3, "morale_mean", DOWN, "upsell", regime__quota_stretch=3.0,
      run__days=12),
    M("recognition-strength", "model/regimes.py: DiscretionaryRewards.review",
      "regime.recognition_strength", 0.0, 0.2, "morale_mean", UP, "discretionary"),
    M("recognition-breadth", "model/regimes.py: DiscretionaryRewards.review",
      "regime.recognition_breadth", 0.1, 0.8, "morale_mean", UP, "discretionary"),
    M("commission-morale", f"{SALE}: sell (commission)", "regime.commission_morale", 0.0,
      0.05, "morale_mean", UP, "commission"),
    M("commission-pressure", "model/regimes.py: Commission.pressure",
      "regime.commission_pressure", 0.0, 1.0, "sales_harmful", UP, "commission"),
    M("commission-pay", f"{SALE}: sell (commission)", "regime.commission_per_sale", 10.0,
      20.0, "commission_paid", UP, "commission", regime__commission_discomfort=0.0),
    # ------------------------------------------------------------ skills
    M("learning-service", f"{OUTCOMES}: learning", "skills.learn_service", 0.0, 0.05,
      "service_skill_mean", UP, "service"),
    M("learning-sales", f"{SALE}: sell (learning)", "skills.learn_sales", 0.0, 0.05,
      "sales_skill_mean", UP, "upsell"),
    M("forgetting", "model/agents.py: end_of_day", "skills.forget", 0.0, 0.2,
      "sales_skill_mean", DOWN, "service"),
    M("forgetting-floor", "model/agents.py: end_of_day", "skills.floor", 0.1, 0.5,
      "sales_skill_mean", UP, "service", skills__forget=0.3),
    M("coupling-service-erodes-sales", f"{OUTCOMES}: coupling",
      "skills.coupling_service_erodes_sales", 0.0, 0.01, "sales_skill_mean", DOWN, "service",
      skills__forget=0.0),
    M("coupling-sales-erodes-service", f"{SALE}: sell (coupling)",
      "skills.coupling_sales_erodes_service", 0.0, 0.01, "service_skill_mean", DOWN, "upsell"),
    M("skill-ceiling-temperament", "model/workforce.py: new_rep (ceilings)",
      "skills.sales_ceiling_temperament", 0.0, 0.6, "sales_genuine", UP, "upsell",
      hiring__policy="sales_talent"),
    M("skills-frozen", f"{OUTCOMES}; model/agents.py", "skills.frozen", False, True,
      "sales_skill_mean", UP, "service"),
    # ------------------------------------------------------------ customers
    M("trust-harmful-sale", "model/customers.py: harm", "customers.harm_harmful_sale", 0.0,
      0.5, "trust_mean", DOWN, "customers"),
    M("trust-angry-pitch", "model/customers.py: harm", "customers.harm_angry_pitch", 0.0, 0.3,
      "trust_mean", DOWN, "customers"),
    M("trust-unresolved", "model/customers.py: harm", "customers.harm_unresolved", 0.0, 0.3,
      "trust_mean", DOWN, "customers"),
    M("trust-abandonment", "model/customers.py: harm (abandoned callers)",
      "customers.harm_abandonment", 0.0, 0.3, "trust_mean", DOWN, "customers",
      arrivals__rate=1.4),
    M("trust-recovery", "model/customers.py: end_of_day", "customers.trust_recovery", 0.0, 0.2,
      "trust_mean", UP, "customers"),
    M("trust-initial", "model/customers.py", "customers.trust_initial", 0.5, 0.9, "trust_mean",
      UP, "customers"),
    M("churn-base", "model/customers.py: churn", "customers.churn_base", 0.0, 0.01,
      "customer_churn", UP, "customers"),
    M("churn-rises-as-trust-falls", "model/customers.py: churn", "customers.churn_distrust",
      0.0, 0.2, "customer_churn", UP, "customers"),
    M("anger-mood", f"{OUTCOMES}: anger", "customers.anger_mood", 0.2, 1.0,
      "pitches_to_angry", UP, "upsell"),
    M("anger-grows-with-waiting", f"{OUTCOMES}: anger", "customers.anger_wait", 0.0, 5.0,
      "pitches_to_angry", UP, "upsell", arrivals__rate=1.4),
    M("anger-from-past-harm", f"{OUTCOMES}: anger", "customers.anger_harm", 0.0, 5.0,
      "pitches_to_angry", UP, "customers"),
    M("angry-threshold", f"{OUTCOMES}: anger", "customers.angry_threshold", 0.3, 0.8,
      "pitches_to_angry", DOWN, "upsell"),
    # ------------------------------------------------------------ workforce
    M("quit-hazard", "model/workforce.py: quit_hazard", "attrition.base_hazard", 0.005, 0.03,
      "quits", UP, "workforce"),
    M("quit-hazard-morale-sensitivity", "model/workforce.py: quit_hazard",
      "attrition.morale_sensitivity", 0.0, 10.0, "quits", UP, "workforce",
      attrition__reference_morale=0.9),
    M("quit-hazard-reference-morale", "model/workforce.py: quit_hazard",
      "attrition.reference_morale", 0.5, 0.9, "quits", UP, "workforce"),
    M("attrition-switch", "model/workforce.py: end_of_day", "attrition.enabled", False, True,
      "quits", UP, "workforce"),
    M("hiring-lag", "model/workforce.py: pipeline", "hiring.lag_days", 0, 15, "headcount_mean",
      DOWN, "workforce"),
    M("training-days", "model/workforce.py: new_rep (training)", "hiring.training_days", 0, 8,
      "training_cost", UP, "workforce"),
    M("training-cost", "model/workforce.py: end_of_day", "hiring.training_cost_per_day", 100.0,
      300.0, "training_cost", UP, "workforce"),
    M("hiring-cost", "model/workforce.py: end_of_day", "hiring.cost_per_hire", 1000.0, 5000.0,
      "hiring_cost", UP, "workforce"),
    M("skill-at-hire", "model/workforce.py: new_rep", "hiring.skill_at_hire", 0.1, 0.9,
      "service_skill_mean", UP, "workforce"),
    M("hire-for-talent", "model/workforce.py: draw_orientation", "hiring.policy",
      "service_talent", "sales_talent", "orientation_mean", UP, "workforce"),
    M("mixed-hiring-share", "model/workforce.py: draw_orientation",
      "hiring.sales_oriented_share", 0.1, 0.9, "orientation_mean", UP, "workforce",
      hiring__policy="mixed"),
    M("selected-sales-team", "model/workforce.py: draw_orientation",
      "hiring.select_sales_team", False, True, "orientation_mean", UP, "workforce",
      hiring__policy="service_talent", regime__name="specialised", org__sales_team_share=0.5),
    # ------------------------------------------------------------ organisation
    M("dedicated-teams", "model/workforce.py: initial_teams; model/calls/loop.py: SERVES",
      "org.design", "blended", "dedicated", "asa_s", UP, "service"),
    M("outbound-blending", f"{LOOP}: outbound", "blending.outbound", False, True,
      "upsell_attempts", UP, "upsell"),
    M("outbound-idle-reserve", f"{LOOP}: outbound", "blending.idle_reserve", 0, 4,
      "outbound_dials", DOWN, "outbound"),
    M("outbound-call-length", f"{OUTBOUND}: dial", "blending.outbound_minutes", 2.0, 8.0,
      "outbound_dials", DOWN, "outbound"),
    M("outbound-contact", f"{OUTBOUND}: dial", "blending.outbound_contact", 0.2, 0.8,
      "outbound_contacts", UP, "outbound"),
    M("outbound-dial-minutes", f"{OUTBOUND}: dial", "blending.dial_minutes",
      0.2, 2.0, "outbound_dials", DOWN, "outbound"),
    M("outbound-need", f"{OUTBOUND}: dial", "blending.outbound_need", 0.05, 0.5,
      "sales_genuine", UP, "outbound"),
    # ------------------------------------------------------------ brand harm
    M("brand-weight-harmful-sale", "model/kpis.py: brand index", "brand.weight_harmful_sale",
      0.0, 2.0, "brand_harm_index", UP, "upsell"),
    M("brand-weight-angry-pitch", "model/kpis.py: brand index", "brand.weight_angry_pitch",
      0.0, 2.0, "brand_harm_index", UP, "upsell"),
    M("brand-weight-abandonment", "model/kpis.py: brand index", "brand.weight_abandonment",
      0.0, 2.0, "brand_harm_index", UP, "service", arrivals__rate=1.4),
    M("brand-weight-unresolved", "model/kpis.py: brand index", "brand.weight_unresolved", 0.0,
      2.0, "brand_harm_index", UP, "service"),
    # ------------------------------------------------------------ levers: coaching
    M("coaching-sessions", "model/levers/coaching.py: coach", "coaching.supervisor_ratio", 0.0,
      0.2, "coaching_sessions", UP, "upsell"),
    M("coaching-speeds-learning", "model/levers/coaching.py: boost_learning",
      "coaching.supervisor_ratio", 0.0, 0.3, "sales_skill_mean", UP, "upsell"),
    M("coaching-sessions-per-day", "model/levers/coaching.py: coach",
      "coaching.sessions_per_day", 1.0, 5.0, "coaching_sessions", UP, "upsell",
      coaching__supervisor_ratio=0.1),
    M("peer-coaching", "model/levers/coaching.py: coach", "coaching.peer_tenure_days", 0, 1,
      "coaching_sessions", UP, "upsell"),
    M("peer-sessions-per-day", "model/levers/coaching.py: coach",
      "coaching.peer_sessions_per_day", 0.05, 0.5, "coaching_sessions", UP, "upsell",
      coaching__peer_tenure_days=1),
    M("peer-effect", "model/levers/coaching.py: session", "coaching.peer_effect", 0.0, 1.0,
      "morale_mean", UP, "upsell", coaching__peer_tenure_days=1,
      coaching__peer_sessions_per_day=0.5),
    M("coaching-learning-boost", "model/levers/coaching.py: boost_learning",
      "coaching.learning_boost", 0.0, 10.0, "sales_skill_mean", UP, "upsell",
      coaching__supervisor_ratio=0.2),
    M("coaching-boost-days", "model/levers/coaching.py: boost_learning",
      "coaching.boost_days", 1, 20, "sales_skill_mean", UP, "upsell",
      coaching__supervisor_ratio=0.1),
    M("coaching-morale-lift", "model/levers/coaching.py: session", "coaching.morale_lift", 0.0,
      0.2, "morale_mean", UP, "upsell", coaching__supervisor_ratio=0.2),
    M("coaching-cost", "model/levers/coaching.py: session", "coaching.cost_per_session", 30.0,
      90.0, "coaching_cost", UP, "upsell", coaching__supervisor_ratio=0.2),
    # ------------------------------------------------------------ levers: monitoring
    M("monitoring-review", "model/levers/coaching.py: review_calls", "monitoring.review_share",
      0.0, 0.5, "harmful_detected", UP, "upsell"),
    M("monitoring-detection", "model/levers/coaching.py: review_calls", "monitoring.detection",
      0.1, 1.0, "harmful_detected", UP, "upsell", monitoring__review_share=0.5),
    M("dismissal-threshold", "model/levers/coaching.py: review_calls",
      "monitoring.dismiss_after", 1, 10, "dismissals", DOWN, "upsell",
      monitoring__review_share=1.0),
    M("detection-morale", "model/levers/coaching.py: review_calls",
      "monitoring.detection_morale", 0.0, 0.3, "morale_mean", DOWN, "upsell",
      monitoring__review_share=1.0, monitoring__dismiss_after=100),
    M("monitoring-cost", "model/levers/coaching.py: review_calls", "monitoring.cost_per_review",
      1.0, 5.0, "monitoring_cost", UP, "upsell", monitoring__review_share=0.5),
    # ------------------------------------------------------------ levers: transition
    M("transition-day", "model/levers/transition.py: switch_regime", "transition.day", 0, 4,
      "upsell_attempts", UP, "service"),
    M("transition-regime", "model/levers/transition.py: switch_regime", "transition.regime",
      "discretionary_rewards", "mandatory_upsell", "upsell_attempts", UP, "service",
      transition__day=4),
    M("transition-design", "model/levers/transition.py: reassign_teams", "transition.design",
      "unchanged", "dedicated", "asa_s", UP, "service", transition__day=4),
    M("transition-shock", "model/levers/transition.py: switch_regime", "transition.shock", 0.0,
      0.4, "morale_mean", DOWN, "service", transition__day=4),
    M("prepared-managers", "model/levers/transition.py: switch_regime",
      "transition.prepared_managers", False, True, "morale_mean", UP, "service",
      transition__day=4),
    M("prepared-softening", "model/levers/transition.py: switch_regime",
      "transition.prepared_softening", 0.0, 1.0, "morale_mean", UP, "service",
      transition__day=4, transition__prepared_managers=True),
    # ------------------------------------------------------------ levers: cold calls
    M("cold-calls-irritate", f"{OUTBOUND}: dial (cold call)", "coldcalls.enabled", False, True,
      "cold_irritated", UP, "outbound"),
    M("cold-call-conversion", f"{OUTBOUND}: dial (cold call)", "coldcalls.conversion_multiplier",
      0.1, 1.0, "sales_genuine", UP, "outbound", coldcalls__enabled=True),
    M("cold-call-irritation", f"{OUTBOUND}: dial (cold call)", "coldcalls.irritation", 0.1, 0.9,
      "cold_irritated", UP, "outbound", coldcalls__enabled=True),
    M("cold-call-morale-cost", f"{OUTBOUND}: dial (cold call)", "coldcalls.morale_cost", 0.0,
      0.02, "morale_mean", DOWN, "outbound", coldcalls__enabled=True),
    M("cold-call-brand-weight", "model/kpis.py: brand index", "coldcalls.brand_weight", 0.0,
      5.0, "brand_harm_index", UP, "outbound", coldcalls__enabled=True),
    # ------------------------------------------------------------ levers: team effects
    M("scoreboard", "model/levers/teamwork.py: apply_scoreboard", "scoreboard.enabled", False,
      True, "morale_p10", DOWN, "upsell", scoreboard__top_lift=0.0),
    M("scoreboard-bottom-share", "model/levers/teamwork.py: apply_scoreboard",
      "scoreboard.bottom_share", 0.1, 0.5, "morale_mean", DOWN, "upsell",
      scoreboard__enabled=True),
    M("scoreboard-top-share", "model/levers/teamwork.py: apply_scoreboard",
      "scoreboard.top_share", 0.1, 0.5, "morale_mean", UP, "upsell", scoreboard__enabled=True),
    M("scoreboard-bottom-drop", "model/levers/teamwork.py: apply_scoreboard",
      "scoreboard.bottom_drop", 0.0, 0.05, "morale_mean", DOWN, "upsell",
      scoreboard__enabled=True),
    M("scoreboard-top-lift", "model/levers/teamwork.py: apply_scoreboard",
      "scoreboard.top_lift", 0.0, 0.05, "morale_mean", UP, "upsell", scoreboard__enabled=True),
    M("morale-contagion", "model/levers/teamwork.py: apply_contagion", "contagion.rate", 0.0,
      0.5, "morale_p10", UP, "service", morale__baseline_sd=0.3),
    M("walkout-share", "model/workforce.py: count_walkout", "contagion.walkout_share", 0.5,
      0.01, "walkouts", UP, "workforce", contagion__rate=0.1,
      attrition__base_hazard=0.15),
    # ------------------------------------------------------------ levers: call avoidance
    M("call-avoidance", f"{OUTCOMES}: avoidance", "avoidance.max_probability", 0.0, 1.0,
      "fcr", DOWN, "upsell"),
    M("avoidance-handle-share", f"{OUTCOMES}: avoidance", "avoidance.handle_share", 0.1, 1.0,
      "aht_min", UP, "upsell", avoidance__max_probability=1.0),
    M("avoidance-trust-loss", f"{OUTCOMES}: avoidance", "avoidance.trust_loss", 0.0, 0.5,
      "trust_mean", DOWN, "customers", avoidance__max_probability=1.0),
)
# fmt: on


def rep_means(centre: CallCentre) -> dict[str, float]:
    """Mean skills and temperament of the reps employed at the end of the run."""
    reps = list(centre.agents)
    n = max(len(reps), 1)
    return {
        "service_skill_mean": sum(r.service_skill for r in reps) / n,
        "sales_skill_mean": sum(r.sales_skill for r in reps) / n,
        "orientation_mean": sum(r.orientation for r in reps) / n,
    }


@functools.cache
def _run(items: tuple[tuple[str, Any], ...], seed: int) -> dict[str, float]:
    centre = CallCentre(Params().replace(**dict(items)), rng=seed)
    centre.run()
    return {**centre.summary(), **rep_means(centre)}


def outputs(scenario: str, overrides: dict[str, Any], seed: int) -> dict[str, float]:
    """Run-summary KPIs and rep means of ``scenario`` with ``overrides`` (cached per process)."""
    values = {**BASE, **SCENARIOS[scenario], **overrides}
    return _run(tuple(sorted(values.items())), seed)


def arm(m: Mechanism, value: Any) -> float:
    """The output of one arm, summed over the mechanism's seeds."""
    return sum(outputs(m.scenario, {**m.extra, m.param: value}, s)[m.output] for s in m.seeds)


def markdown() -> str:
    """The table of tests/MECHANISMS.md."""
    lines = [
        "# Mechanisms and the tests that pin them",
        "",
        "Generated from `tests/mechanisms.py`:",
        "`python tests/mechanisms.py > tests/MECHANISMS.md`.",
        "Each test runs the scenario twice on common seeds, with the parameter at *low* and at",
        "*high*, and asserts a strict change of the output in the predicted direction.",
        "Scenarios: small centres (8 reps, about 60 % occupancy, a few days); see `SCENARIOS`.",
        "",
        "| mechanism | code | test | parameter: low → high | output | predicted | scenario |",
        "|---|---|---|---|---|---|---|",
    ]
    for m in MECHANISMS:
        arrow = "rises" if m.direction > 0 else "falls"
        extra = "".join(f", {k}={v}" for k, v in m.extra.items())
        lines.append(
            f"| {m.name} | {m.where} | `test_mechanisms.py::{m.test_id}` "
            f"| `{m.param}`: {m.low!r} → {m.high!r} | {m.output} | {arrow} "
            f"| {m.scenario}{extra} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
