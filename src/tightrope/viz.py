"""An interactive page for the call centre, built on Mesa's SolaraViz (``tightrope viz``).

The sidebar holds the levers (regime, organisation design, quota,
recognition, commission, screen-pop, coaching, monitoring, hiring and the
rest), generated from the parameter declarations so ranges and labels
cannot drift; changing one and pressing *Reset* builds a new centre with
it, because SolaraViz passes the controls to ``CallCentre`` as
double-underscore keywords. One step is one working day. The page shows
a KPI card, live plots (queue and service level, morale distribution,
headcount and quits, cumulative genuine and harmful sales, brand harm) and
a per-rep table.

Run it with ``tightrope viz`` (or ``solara run tightrope.viz_app``, the module that
builds the page, so importing this one creates no model); it needs
the optional ``viz`` dependencies (``pip install 'tightrope[viz]'``).
"""

from __future__ import annotations

import math
import statistics
from typing import Any

import mesa
import solara
from matplotlib.figure import Figure
from mesa.visualization import SolaraViz, make_plot_component
from mesa.visualization.utils import update_counter

from tightrope.model import kpis
from tightrope.model.model import CallCentre
from tightrope.model.params import spec_of

# (parameter, slider min, slider max, step); bounds are the page's, inside the declared range.
CONTROLS: tuple[tuple[str, float | None, float | None, float | None], ...] = (
    ("regime.name", None, None, None),
    ("org.design", None, None, None),
    ("regime.quota_stretch", 0, 3, 0.1),
    ("regime.recognition_strength", 0, 0.3, 0.01),
    ("regime.recognition_breadth", 0, 1, 0.05),
    ("regime.commission_per_sale", 0, 60, 1),
    ("screenpop.enabled", None, None, None),
    ("screenpop.hit_rate", 0, 1, 0.05),
    ("coaching.supervisor_ratio", 0, 0.2, 0.01),
    ("coaching.peer_tenure_days", 0, 500, 10),
    ("monitoring.review_share", 0, 0.2, 0.01),
    ("hiring.policy", None, None, None),
    ("blending.outbound", None, None, None),
    ("scoreboard.enabled", None, None, None),
    ("contagion.rate", 0, 0.5, 0.01),
    ("avoidance.max_probability", 0, 1, 0.05),
    ("staffing.reps", 10, 150, 1),
    ("arrivals.rate", 1, 20, 0.1),
    ("run.days", 20, 1000, 10),
)
FIXED: dict[str, Any] = {"run__burn_in_days": 0}
"""The page measures from day 1 (no burn-in) so its KPIs move from the first step."""


def _label(key: str) -> str:
    return key.split(".", 1)[1].replace("_", " ").capitalize() + f" ({key.split('.')[0]})"


def model_params(defaults: dict[str, Any] | None = None) -> dict[str, Any]:
    """SolaraViz's ``model_params``: one control per lever, read from the declarations."""
    base = CallCentre().params.to_flat()
    chosen = {key.replace("__", "."): v for key, v in (defaults or {}).items()}
    out: dict[str, Any] = {
        "rng": {"type": "SliderInt", "value": 1, "min": 0, "max": 99, "step": 1, "label": "Seed"}
    }
    for key, low, high, step in CONTROLS:
        spec = spec_of(key)
        value = chosen.get(key, base[key])
        name = key.replace(".", "__")
        if spec.choices is not None:
            control = {"type": "Select", "values": list(spec.choices)}
        elif isinstance(value, bool):
            control = {"type": "Checkbox"}
        else:
            is_int = isinstance(value, int)
            control = {
                "type": "SliderInt" if is_int else "SliderFloat",
                "min": int(low) if is_int else low,
                "max": int(high) if is_int else high,
                "step": int(step) if is_int else step,
            }
        out[name] = {**control, "value": value, "label": _label(key)}
    return out | FIXED


class VizCentre(CallCentre):
    """The call centre with two more daily series for the page (brand harm, genuine sales)."""

    def __init__(self, params: Any = None, rng: Any = None, **kwargs: Any) -> None:
        super().__init__(params, rng, **kwargs)
        reporters = dict(self.datacollector.model_reporters)
        reporters.update(brand_harm_index=brand_harm_index, genuine_to_date=genuine_to_date)
        self.datacollector = mesa.DataCollector(model_reporters=reporters)
        self.datacollector.collect(self)


def brand_harm_index(model: CallCentre) -> float:
    """Brand-harm index over the measured days so far (the run summary's definition)."""
    if not model.behaviour or not model.measured.days:
        return math.nan
    return kpis.behaviour_summary(model)["brand_harm_index"]


def genuine_to_date(model: CallCentre) -> float:
    """Genuine sales since the first measured day."""
    return model.measured.tally.get("sales_genuine", 0.0) if model.behaviour else 0.0


def kpi_rows(model: CallCentre) -> list[tuple[str, str]]:
    """(label, value) pairs of the KPI card, from the model's own counters."""
    frame = model.datacollector.get_model_vars_dataframe()
    last = frame.iloc[-1]
    service = last["service_level"]
    return [
        ("Regime", str(last["regime"])),
        ("Service level today", "-" if service != service else f"{service:.1%}"),
        ("Mean wait today", f"{last['asa_s']:.0f} s"),
        ("Headcount", f"{int(last['headcount'])}"),
        ("Quits to date", f"{int(frame['quits'].sum())}"),
        ("Genuine sales to date", f"{int(last['genuine_to_date'])}"),
        ("Harmful sales to date", f"{int(last['cumulative_harmful_sales'])}"),
        ("Brand-harm index", _fmt(last["brand_harm_index"], ".2f")),
        ("Mean morale", _fmt(last["morale_mean"], ".3f")),
        ("Morale by team", team_morale(model)),
    ]


def team_morale(model: CallCentre) -> str:
    """Mean morale per team, e.g. ``blended 0.74`` or ``service 0.71, sales 0.80``."""
    means = model.agents.groupby(lambda rep: rep.team.name.lower()).agg("morale", statistics.mean)
    return ", ".join(f"{team} {value:.2f}" for team, value in sorted(means.items())) or "-"


def _fmt(value: float, spec: str) -> str:
    return "-" if value != value else format(value, spec)


def KpiCard(model: CallCentre) -> solara.Element:
    """Day counter and today's KPIs as a small Markdown table."""
    update_counter.get()
    rows = "\n".join(f"| {label} | {value} |" for label, value in kpi_rows(model))
    text = (
        f"### Day {model.steps} of {model.params.run.days}\n\n| KPI | value |\n|---|---|\n{rows}"
    )
    return solara.Markdown(text)


def MoraleHistogram(model: CallCentre) -> solara.Element:
    """Distribution of morale across the reps employed now."""
    update_counter.get()
    fig = Figure(figsize=(5, 3.2))
    ax = fig.subplots()
    ax.hist(model.agents.get("morale"), bins=20, range=(0, 1), color="tab:purple")
    ax.set(xlabel="morale", ylabel="reps", title=f"Morale on day {model.steps}")
    return solara.FigureMatplotlib(fig, format="png", bbox_inches="tight")


def SalesPlot(model: CallCentre) -> solara.Element:
    """Cumulative genuine and harmful sales."""
    update_counter.get()
    frame = model.datacollector.get_model_vars_dataframe()
    fig = Figure(figsize=(5, 3.2))
    ax = fig.subplots()
    ax.plot(frame["genuine_to_date"], label="genuine", color="tab:green")
    ax.plot(frame["cumulative_harmful_sales"], label="harmful", color="tab:red")
    ax.set(xlabel="day", ylabel="sales to date", title="Cumulative sales")
    ax.legend(loc="upper left")
    return solara.FigureMatplotlib(fig, format="png", bbox_inches="tight")


def RepTable(model: CallCentre) -> solara.Element:
    """One row per rep: team, status, tenure, morale, warm-up, skills."""
    update_counter.get()
    columns = ["rep", "team", "status", "tenure_days", "morale", "warmup"]
    columns += ["service_skill", "sales_skill", "orientation"]
    frame = model.rep_snapshot()[columns].round(3)
    return solara.DataFrame(frame, items_per_page=15)


def _plot(measure: dict[str, str], title: str) -> tuple[Any, int]:
    """Mesa's plot component for DataCollector series, titled, x axis in days."""
    return make_plot_component(measure, post_process=lambda ax: ax.set_title(title))


def page_for(defaults: dict[str, Any] | None = None) -> solara.Element:
    """The SolaraViz page, starting from ``defaults`` (double-underscore or dotted names)."""
    params = model_params(defaults)
    start = {k: (v["value"] if isinstance(v, dict) else v) for k, v in params.items()}
    model = VizCentre(**start)
    components = [
        KpiCard,
        _plot({"service_level": "tab:blue"}, "Service level (share answered within 20 s)"),
        _plot({"asa_s": "tab:orange"}, "Mean wait to answer (s)"),
        MoraleHistogram,
        _plot({"headcount": "tab:gray", "quits": "tab:red", "hires": "tab:green"}, "Workforce"),
        SalesPlot,
        _plot({"brand_harm_index": "tab:brown"}, "Brand-harm index (to date)"),
        (RepTable, 1),
    ]
    return SolaraViz(model, components=components, model_params=params, name="Tightrope")
