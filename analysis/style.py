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

from tightrope.model.kpi_registry import KPIS as KPI_REGISTRY
from tightrope.model.regimes import REGIMES

FIGURE_DIR = Path("paper/figures")

# Sizes in inches for the paper's text width (A4/letter with 2.5 cm margins).
FULL_WIDTH = 6.5
HALF_WIDTH = 3.2
DPI = 200

PALETTE = sns.color_palette("colorblind")

# Regimes come from the model's registry (its order is the paper's order); colours
# are dealt in that order: grey for the service-only baseline, then green, red,
# orange, blue, then the rest of the palette.
_REGIME_PALETTE_ORDER = (7, 2, 3, 1, 0, 4, 5, 6, 8, 9)
REGIME_ORDER: tuple[str, ...] = tuple(REGIMES)
REGIME_LABELS: dict[str, str] = {name: cls.label for name, cls in REGIMES.items()}
REGIME_COLORS: dict[str, tuple[float, float, float]] = {
    name: PALETTE[_REGIME_PALETTE_ORDER[i % len(_REGIME_PALETTE_ORDER)]]
    for i, name in enumerate(REGIMES)
}
# The American spelling, which results tables written by hand sometimes use.
REGIME_LABELS["specialized"] = REGIME_LABELS["specialised"]
REGIME_COLORS["specialized"] = REGIME_COLORS["specialised"]
DESIGN_LABELS: dict[str, str] = {"blended": "Blended (cross-trained)", "dedicated": "Dedicated"}
DESIGN_COLORS = {"blended": PALETTE[1], "dedicated": PALETTE[0]}

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
    """Axis label for a KPI or daily series (from the model's KPI registry)."""
    kpi = KPI_REGISTRY.get(name)
    return kpi.label if kpi is not None else name.replace("_", " ").capitalize()


def is_share(name: str) -> bool:
    """Whether a KPI is a share, shown as a percentage."""
    kpi = KPI_REGISTRY.get(name)
    return kpi is not None and kpi.fmt.endswith("%")


def is_money(name: str) -> bool:
    """Whether a KPI is an amount of money large enough for k/M ticks (not a per-call rate)."""
    kpi = KPI_REGISTRY.get(name)
    return kpi is not None and kpi.unit in ("currency", "currency/day")


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
