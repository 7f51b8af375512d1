"""One look for every figure: theme, colour-blind-safe colours, labels and sizes.

A regime keeps the same colour and name in every figure, so a reader who
learnt "orange is mandatory upsell" in the headline figure can read the rest
without a legend hunt. Styles are applied in a context, never globally, so
importing analysis does not change anyone else's matplotlib state.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import matplotlib as mpl
import seaborn as sns
from matplotlib.figure import Figure

FIGURE_DIR = Path("paper/figures")

# Sizes in inches for the paper's text width (A4/letter with 2.5 cm margins).
FULL_WIDTH = 6.5
HALF_WIDTH = 3.2
DPI = 200

PALETTE = sns.color_palette("colorblind")

REGIME_ORDER: tuple[str, ...] = (
    "service_only",
    "discretionary_rewards",
    "mandatory_upsell",
    "commission",
    "specialised",
)
REGIME_LABELS: dict[str, str] = {
    "service_only": "Service only",
    "discretionary_rewards": "Discretionary + rewards",
    "mandatory_upsell": "Mandatory upsell + quota",
    "commission": "Commission",
    "specialised": "Specialised sales team",
    "specialized": "Specialised sales team",
}
REGIME_COLORS: dict[str, tuple[float, float, float]] = {
    "service_only": PALETTE[7],
    "discretionary_rewards": PALETTE[2],
    "mandatory_upsell": PALETTE[3],
    "commission": PALETTE[1],
    "specialised": PALETTE[0],
    "specialized": PALETTE[0],
}
DESIGN_LABELS: dict[str, str] = {"blended": "Blended (cross-trained)", "dedicated": "Dedicated"}
DESIGN_COLORS = {"blended": PALETTE[1], "dedicated": PALETTE[0]}

KPI_LABELS: dict[str, str] = {
    "attrition_annual": "Annual attrition",
    "brand_harm_index": "Brand harm (per 1,000 calls)",
    "revenue_genuine": "Genuine revenue per run",
    "revenue_per_call": "Revenue per call",
    "morale_mean": "Mean morale",
    "morale_p10": "Morale, 10th percentile",
    "headcount": "Headcount",
    "cumulative_harmful_sales": "Cumulative harmful sales",
    "conversion_rate": "Conversion rate",
    "csat": "CSAT",
    "service_level": "Service level (20 s)",
    "sales_harmful": "Harmful sales",
    "customer_churn": "Customer churn",
}
PARAM_LABELS: dict[str, str] = {
    "regime.name": "Regime",
    "regime.quota_stretch": "Quota (x attainable sales)",
    "regime.recognition_strength": "Recognition strength",
    "hiring.sales_oriented_share": "Share of sales-oriented hires",
    "warmup.switch_cost": "Switch cost",
    "org.design": "Organisation",
    "hiring.policy": "Hiring",
    "staffing.routing": "Routing",
    "screenpop.enabled": "Screen-pop tool",
    "screenpop.hit_rate": "Screen-pop hit rate",
    "screenpop.false_positive_rate": "Screen-pop false-positive rate",
    "warmup.rate_mean": "Mean warm-up rate",
    "blending.idle_reserve": "Idle reserve (reps)",
}


def regime_label(name: str) -> str:
    """Display name of a regime; unknown names are shown tidied, not hidden."""
    return REGIME_LABELS.get(name, str(name).replace("_", " ").capitalize())


def regime_color(name: str, fallback: int = 4) -> tuple[float, float, float]:
    """The fixed colour of a regime (unknown regimes share one spare colour)."""
    return REGIME_COLORS.get(name, PALETTE[fallback % len(PALETTE)])


def regime_order(names: object) -> list[str]:
    """The regimes present, in the paper's fixed order, unknown ones last."""
    present = list(dict.fromkeys(names))  # type: ignore[call-overload]
    known = [r for r in REGIME_ORDER if r in present]
    return known + sorted(r for r in present if r not in known)


def kpi_label(name: str) -> str:
    """Axis label for a KPI or daily series."""
    return KPI_LABELS.get(name, name.replace("_", " ").capitalize())


def param_label(name: str) -> str:
    """Axis label for a dotted parameter column."""
    return PARAM_LABELS.get(name, name.split(".")[-1].replace("_", " ").capitalize())


def _rc() -> dict[str, object]:
    rc: dict[str, object] = {}
    rc.update(sns.axes_style("whitegrid"))
    rc.update(sns.plotting_context("paper", font_scale=1.0))
    rc.update(
        {
            "font.size": 8,
            "axes.labelsize": 8,
            "axes.titlesize": 9,
            "xtick.labelsize": 7,
            "ytick.labelsize": 7,
            "legend.fontsize": 7,
            "legend.title_fontsize": 7,
            "axes.prop_cycle": mpl.cycler(color=PALETTE),
            "savefig.dpi": DPI,
            "savefig.bbox": "tight",
            "pdf.fonttype": 42,
        }
    )
    return rc


@contextmanager
def paper_style() -> Iterator[None]:
    """Apply the paper's theme for the duration of a figure's construction and saving."""
    with mpl.rc_context(_rc()):
        yield


def new_figure(width: float = FULL_WIDTH, height: float = 3.0, **subplots: object) -> Figure:
    """A pyplot-free figure (no global figure registry, nothing to close)."""
    fig = Figure(figsize=(width, height), layout="constrained")
    if subplots:
        fig.subplots(**subplots)
    return fig


def save_figure(fig: Figure, name: str, out_dir: str | Path | None = None) -> tuple[Path, Path]:
    """Save ``name.png`` and ``name.pdf`` under ``out_dir`` (default ``paper/figures``)."""
    out = Path(FIGURE_DIR if out_dir is None else out_dir)
    out.mkdir(parents=True, exist_ok=True)
    png, pdf = out / f"{name}.png", out / f"{name}.pdf"
    fig.savefig(png, dpi=DPI)
    fig.savefig(pdf)
    return png, pdf
