"""Every KPI the model reports, declared once: name, label, unit, format, better, meaning.

The run summary (:meth:`tightrope.model.model.CallCentre.summary`) is ordered
and checked against :data:`KPIS`, and so are the daily series of Mesa's
DataCollector; the results schema, the figures' labels and the paper's output
table read the same entries, so a KPI is added (or renamed) in one place and a
test fails when code and registry disagree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from tightrope.model.calls.tally import RUN_POSITIONS

Better = Literal["higher", "lower", "neither"]


@dataclass(frozen=True)
class KPI:
    """One reported quantity and what a reader needs to read it."""

    name: str
    label: str
    unit: str
    fmt: str  # format spec for a value, e.g. ".1%" (a share shown as a percentage)
    better: Better
    doc: str
    summary: bool = True  # a column of the run summary
    daily: bool = False  # a daily series (DataCollector); same meaning, per day
    analysed: bool = False  # summarised by default in the analysis tables (results schema)
    skewed: bool = False  # rare-event counts: bootstrap intervals as well as t

    def format(self, value: float) -> str:
        """``value`` written the way tables show this KPI."""
        return format(value, self.fmt)

    @property
    def possible(self) -> tuple[float, float]:
        """The values a run can produce (from the unit): where a level's interval is cut."""
        return POSSIBLE.get(self.unit, (-math.inf, math.inf))


def _k(name: str, label: str, unit: str, fmt: str, better: Better, doc: str, **flags: bool) -> KPI:
    return KPI(name, label, unit, fmt, better, doc, **flags)


SHARE, COUNT, MONEY = ".1%", ",.0f", ",.0f"
#: Units whose values cannot leave a range: a share is between none and all; counts,
#: times, money and harm rates are not negative. Scores are left open (a CSAT cost can
#: take a contact's satisfaction below zero).
POSSIBLE: dict[str, tuple[float, float]] = {
    "share": (0.0, 1.0),
    "share/year": (0.0, 1.0),
    **dict.fromkeys(
        ("calls", "s", "min", "pitches", "sales", "currency", "currency/call", "currency/day",
         "reps", "quits/rep-year", "per 1,000 calls", "days", "sessions", "calls/s"),
        (0.0, math.inf),
    ),
}  # fmt: skip
PER_1000 = "per 1,000 calls"

_QUEUE = [
    _k("calls_offered", "Calls offered", "calls", COUNT, "neither",
       "Inbound calls arriving after the burn-in (warm transfers excluded).",
       daily=True, analysed=True),
    _k("calls_answered", "Calls answered", "calls", COUNT, "higher",
       "Offered calls a rep answered (warm-transfer legs are not calls answered).",
       daily=True, analysed=True),
    _k("calls_abandoned", "Calls abandoned", "calls", COUNT, "lower",
       "Offered calls whose caller hung up before an answer.", daily=True, analysed=True),
    _k("calls_still_queued", "Calls still queued", "calls", COUNT, "lower",
       "Callers without patience still waiting when the last rep went home."),
    _k("service_level", "Service level (20 s)", "share", SHARE, "higher",
       "Share of offered calls answered within service.sl_threshold.",
       daily=True, analysed=True),
    _k("p_wait", "P(wait)", "share", SHARE, "lower", "Share of offered calls that queued."),
    _k("asa_s", "Average speed of answer", "s", ".1f", "lower",
       "Mean wait of answered offered calls (transfer legs excluded).", daily=True, analysed=True),
    _k("mean_wait_s", "Mean wait", "s", ".1f", "lower",
       "Mean wait of offered calls, answered or abandoned."),
    _k("abandon_rate", "Abandonment rate", "share", SHARE, "lower",
       "Share of offered calls abandoned.", analysed=True),
    _k("aht_min", "Average handle time", "min", ".2f", "lower",
       "Mean handle time of answered legs: inbound calls (pitches included) and warm-"
       "transfer legs.", analysed=True),
    _k("occupancy", "Occupancy", "share", SHARE, "neither",
       "Handle time of every answered leg (transfers included) over the rep-minutes on "
       "the phones.", analysed=True),
]  # fmt: skip

_SALES = [
    _k("fcr", "First-contact resolution", "share", SHARE, "higher",
       "Per customer issue: first contacts of an issue resolved over first contacts (a "
       "repeat call about an unresolved issue is not a first contact).", analysed=True),
    _k("resolution_rate", "Resolution per contact", "share", SHARE, "higher",
       "Answered service contacts resolved over answered service contacts, repeat "
       "contacts included.", analysed=True),
    _k("upsell_attempts", "Pitches", "pitches", COUNT, "neither",
       "Pitches made: on service calls, inbound sales calls, warm transfers and outbound "
       "contacts.", daily=True, analysed=True),
    _k("pitches_to_angry", "Pitches to angry callers", "pitches", COUNT, "lower",
       "Pitches made to a caller whose anger passed customers.angry_threshold.",
       analysed=True, skewed=True),
    _k("angry_pitch_share", "Share of pitches to angry callers", "share", SHARE, "lower",
       "Pitches to angry callers over all pitches."),
    _k("sales_genuine", "Genuine sales", "sales", COUNT, "higher",
       "Sales to callers with a need.", analysed=True),
    _k("sales_harmful", "Harmful sales", "sales", COUNT, "lower",
       "Pushed sales to callers without a need.", analysed=True, skewed=True),
    _k("conversion_rate", "Conversion rate", "share", SHARE, "higher",
       "Sales (genuine and harmful) per pitch.", analysed=True),
    _k("revenue_genuine", "Genuine revenue per run", "currency", MONEY, "higher",
       "Value of genuine sales.", analysed=True),
    _k("revenue_harmful_net", "Revenue from harmful sales", "currency", MONEY, "neither",
       "Value of harmful sales net of cancellations (sales.cancel_share)."),
    _k("revenue_per_call", "Revenue per call", "currency/call", ".2f", "higher",
       "Genuine revenue per answered call.", analysed=True),
    _k("commission_paid", "Commission paid", "currency", MONEY, "lower",
       "Commission paid per sale under the commission regime."),
    _k("transfers", "Warm transfers", "calls", COUNT, "neither",
       "Perceived needs handed from service reps to the sales side (a second leg of an "
       "offered call, not an offered call)."),
    _k("outbound_dials", "Outbound dials", "calls", COUNT, "neither",
       "Dials by idle reps (blending.outbound)."),
    _k("outbound_contacts", "Outbound contacts", "calls", COUNT, "neither",
       "Dials that reached a prospect."),
    _k("csat", "CSAT", "score", ".3f", "higher",
       "Satisfaction proxy in [0, 1] per answered contact (service call, inbound sales "
       "call or warm-transfer leg; weights: the csat parameter group, with costs for a "
       "failed pitch or a pushed sale), summed and divided by answered contacts plus "
       "abandoned calls: an abandoned caller counts as the dissatisfied response 0.",
       analysed=True),
    _k("csat_answered", "CSAT of answered contacts", "score", ".3f", "higher",
       "Mean satisfaction proxy of answered contacts only (abandoned callers left out).",
       analysed=True),
]  # fmt: skip

_WORKFORCE = [
    _k("quits", "Quits", "reps", COUNT, "lower", "Reps who quit.",
       daily=True, analysed=True, skewed=True),
    _k("hires", "Hires", "reps", COUNT, "lower", "Reps who started training.",
       daily=True, analysed=True),
    _k("attrition_annual", "Annual attrition", "share/year", SHARE, "lower",
       "Survival-based: 1 - exp((250 / days) * sum over measured days of log(1 - quits / "
       "reps at risk)), the share of a cohort that would quit within a year at the "
       "window's daily quit rates (at most 100 %).", analysed=True),
    _k("quits_per_headcount_year", "Quits per headcount-year", "quits/rep-year", SHARE,
       "lower", "Quits per mean headcount, annualised (250 working days); can exceed "
       "100 % when seats turn over more than once a year.", analysed=True),
    _k("headcount_mean", "Mean headcount", "reps", ".1f", "neither",
       "Reps employed, training or active, averaged over days.", analysed=True),
    _k("headcount_end", "Headcount at the end", "reps", COUNT, "neither",
       "Reps employed on the last day."),
    _k("hiring_cost", "Hiring cost", "currency", MONEY, "lower",
       "Cost of the hires (hiring.cost_per_hire).", analysed=True),
    _k("training_cost", "Training cost", "currency", MONEY, "lower",
       "Cost of the trainees' days (hiring.training_cost_per_day).", analysed=True),
    _k("morale_mean", "Mean morale", "score", ".3f", "higher",
       "Mean morale of employed reps in [0, 1].", daily=True, analysed=True),
    _k("morale_p10", "Morale, 10th percentile", "score", ".3f", "higher",
       "10th percentile of morale (the unhappy tail that quits first).",
       daily=True, analysed=True),
    _k("warmup_mean", "Mean sales mode", "score", ".3f", "neither",
       "Mean warm-up of the day's reps at the close, in [0, 1].", daily=True, analysed=True),
]  # fmt: skip

_CUSTOMERS = [
    _k("brand_harm_index", "Brand harm (per 1,000 calls)", PER_1000, ".2f", "lower",
       "Weighted harm events per 1,000 offered calls (brand.weight_*).",
       analysed=True, skewed=True),
    _k("harm_harmful_sales", "Harmful sales (per 1,000 calls)", PER_1000, ".2f", "lower",
       "Brand-harm component: harmful sales.", analysed=True, skewed=True),
    _k("harm_angry_pitches", "Pitches to angry callers (per 1,000 calls)", PER_1000, ".2f",
       "lower", "Brand-harm component: pitches to angry callers.", analysed=True, skewed=True),
    _k("harm_abandonment", "Abandonments (per 1,000 calls)", PER_1000, ".2f", "lower",
       "Brand-harm component: abandoned calls.", analysed=True, skewed=True),
    _k("harm_unresolved", "Unresolved issues (per 1,000 calls)", PER_1000, ".2f", "lower",
       "Brand-harm component: unresolved service calls.", analysed=True),
    _k("harm_cold_irritation", "Irritated prospects (per 1,000 calls)", PER_1000, ".2f",
       "lower", "Brand-harm component: cold calls that irritated (weighted only when on)."),
    _k("customer_churn", "Customer churn", "share/year", SHARE, "lower",
       "Customers lost per customer-year.", analysed=True, skewed=True),
    _k("trust_mean", "Mean customer trust", "score", ".3f", "higher",
       "Mean trust of current customers in [0, 1].", daily=True),
]  # fmt: skip


def _positions() -> list[KPI]:
    """Pitches and sales by position in a run of sales contacts (seed 001's warm-up)."""
    out = []
    for i in range(1, RUN_POSITIONS + 1):
        at = f"{i}+" if i == RUN_POSITIONS else str(i)
        out += [
            _k(f"pitches_at_{i}", f"Pitches at run position {at}", "pitches", COUNT, "neither",
               f"Pitches that were contact {at} of a rep's run of sales contacts."),
            _k(f"sales_at_{i}", f"Sales at run position {at}", "sales", COUNT, "neither",
               f"Sales made at contact {at} of a rep's run of sales contacts."),
        ]  # fmt: skip
    return out


_LEVERS = [
    _k("dismissals", "Dismissals", "reps", COUNT, "neither",
       "Reps dismissed after quality monitoring.", daily=True),
    _k("dismissals_annual", "Annual dismissals", "share/year", SHARE, "neither",
       "Dismissals per mean headcount, annualised."),
    _k("largest_daily_exit", "Largest daily exit", "reps", COUNT, "lower",
       "Most reps leaving one team on one day."),
    _k("walkouts", "Walk-outs", "days", COUNT, "lower",
       "Days whose exits from one team reached contagion.walkout_share."),
    _k("coaching_sessions", "Coaching sessions", "sessions", COUNT, "neither",
       "Coaching sessions given.", daily=True),
    _k("coaching_cost", "Coaching cost", "currency", MONEY, "lower",
       "Cost of coaching (coaching.cost_per_session)."),
    _k("calls_reviewed", "Calls reviewed", "calls", COUNT, "neither",
       "Calls reviewed by quality monitoring."),
    _k("harmful_detected", "Harmful sales detected", "sales", COUNT, "neither",
       "Harmful sales quality monitoring found."),
    _k("monitoring_cost", "Monitoring cost", "currency", MONEY, "lower",
       "Cost of the call reviews (monitoring.cost_per_review)."),
    _k("calls_avoided", "Calls avoided", "calls", COUNT, "lower",
       "Complex service calls a rep cut short (call avoidance).", daily=True),
    _k("cold_irritated", "Irritated prospects", "calls", COUNT, "lower",
       "Cold calls that irritated the prospect."),
]  # fmt: skip

#: Reported for the measured days before and after a regime transition (``*_before``/``_after``).
TRANSITION_KPIS: tuple[str, ...] = (
    "attrition_annual",
    "brand_harm_index",
    "revenue_per_day",
    "morale_mean",
    "service_level",
)
_REVENUE_PER_DAY = _k("revenue_per_day", "Revenue per day", "currency/day", MONEY, "higher",
                      "Genuine and harmful revenue per measured day.")  # fmt: skip

_RUN = [
    _k("wall_s", "Wall time", "s", ".2f", "lower", "Seconds the run took (varies by machine)."),
    _k("calls_per_s", "Throughput", "calls/s", COUNT, "higher",
       "Calls and dials simulated per second of wall time."),
]  # fmt: skip

_DAILY_ONLY = [
    _k("headcount", "Headcount", "reps", COUNT, "neither",
       "Reps employed (training or active) at the end of the day."),
    _k("active_reps", "Reps on the phones", "reps", COUNT, "neither", "Reps who took calls."),
    _k("genuine_sales", "Genuine sales", "sales", COUNT, "higher", "Genuine sales today."),
    _k("harmful_sales", "Harmful sales", "sales", COUNT, "lower", "Harmful sales today."),
    _k("cumulative_harmful_sales", "Cumulative harmful sales", "sales", COUNT, "lower",
       "Harmful sales since the start of the run."),
    _k("exits", "Exits", "reps", COUNT, "lower", "Quits plus dismissals today."),
    _k("walkout", "Walk-out", "-", "", "lower",
       "Whether today's exits from one team reached the walk-out share."),
    _k("regime", "Regime", "-", "", "neither", "The regime in force today."),
]  # fmt: skip


def _windows(by_name: Mapping[str, KPI]) -> list[KPI]:
    """``*_before`` and ``*_after`` copies of the transition KPIs."""
    out = []
    for when in ("before", "after"):
        for name in TRANSITION_KPIS:
            base = by_name[name]
            out.append(replace(
                base, name=f"{name}_{when}", label=f"{base.label}, {when} the transition",
                doc=f"{base.doc} Measured days {when} transition.day.",
                daily=False, analysed=False, skewed=False,
            ))  # fmt: skip
    return out


def _build() -> dict[str, KPI]:
    core = [*_QUEUE, *_SALES, *_WORKFORCE, *_CUSTOMERS, *_positions(), *_LEVERS]
    by_name = {k.name: k for k in (*core, _REVENUE_PER_DAY)}
    daily_only = [replace(k, summary=False, daily=True) for k in _DAILY_ONLY]
    entries = [*core, *_windows(by_name), *_RUN, *daily_only]
    out: dict[str, KPI] = {}
    for kpi in entries:
        if kpi.name in out:
            raise ValueError(f"KPI {kpi.name!r} is registered twice")
        out[kpi.name] = kpi
    return out


#: Every KPI by name, in the order of the run summary.
KPIS: dict[str, KPI] = _build()
SUMMARY_COLUMNS: tuple[str, ...] = tuple(k.name for k in KPIS.values() if k.summary)
DAILY_SERIES: tuple[str, ...] = tuple(k.name for k in KPIS.values() if k.daily)


def ordered_summary(values: Mapping[str, float]) -> dict[str, float]:
    """``values`` in registry order; an unregistered column is an error, not a silent extra."""
    unknown = [name for name in values if name not in KPIS or not KPIS[name].summary]
    if unknown:
        raise KeyError(f"summary columns {unknown} are not in tightrope.model.kpi_registry.KPIS")
    return {name: values[name] for name in SUMMARY_COLUMNS if name in values}


def kpi_table_markdown(names: Iterable[str] | None = None) -> str:
    """A Markdown table of KPIs (default: those the analysis reports) for the paper."""
    chosen = [KPIS[n] for n in names] if names is not None else [
        k for k in KPIS.values() if k.analysed
    ]  # fmt: skip
    lines = ["| KPI | column | unit | better | meaning |", "|---|---|---|---|---|"]
    for k in chosen:
        cells = (k.label, f"`{k.name}`", k.unit, k.better, k.doc)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)
