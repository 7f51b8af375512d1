"""Scenario discovery: PRIM boxes of parameter space where a claim flips, in plain words.

Wraps the EMA workbench's PRIM (Friedman & Fisher 1999; Bryant & Lempert
2010): it peels the parameter space towards the worlds of interest (here,
those where a claim fails), and each step of the peeling trajectory trades
*coverage* (share of all interesting worlds inside the box) against
*density* (share of the box's worlds that are interesting). We pick, on the
trajectory, the box of highest coverage whose density reaches the
threshold (else the densest), then describe it in a sentence a manager can
act on. ``ema_workbench`` is an optional dependency (``pip install
'tightrope[explore]'``), imported only here.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tightrope.analysis.style import param_label


@dataclass(frozen=True)
class Limit:
    """A box's range on one restricted parameter; a side is ``None`` when unrestricted."""

    parameter: str
    low: float | None
    high: float | None


@dataclass(frozen=True)
class Box:
    """One PRIM box: its limits and statistics, and the trajectory it was chosen from."""

    limits: tuple[Limit, ...]
    coverage: float
    density: float
    mass: float
    n: int
    k: int
    trajectory: pd.DataFrame
    chosen: int

    def table(self) -> pd.DataFrame:
        """One row per restricted parameter, with the box's statistics repeated."""
        return pd.DataFrame(
            [
                {"parameter": lim.parameter, "low": lim.low, "high": lim.high,
                 "coverage": self.coverage, "density": self.density, "mass": self.mass}
                for lim in self.limits
            ]
        )  # fmt: skip


def _prim_class():
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # optional back-ends (ipyparallel) it cannot find
            from ema_workbench.analysis import prim
    except ImportError:
        raise ImportError(
            "scenario discovery needs the EMA workbench: pip install 'tightrope[explore]'"
        ) from None
    logging.getLogger("EMA").setLevel(logging.WARNING)
    return prim.Prim


def find_boxes(
    x: pd.DataFrame,
    y: np.ndarray,
    *,
    threshold: float = 0.8,
    peel_alpha: float = 0.05,
    mass_min: float = 0.05,
    max_boxes: int = 1,
    alpha: float = 0.05,
) -> list[Box]:
    """PRIM boxes (at most ``max_boxes``) around the worlds where ``y`` is true.

    Raises:
        ValueError: ``x`` and ``y`` differ in length, or ``y`` has no true entry.
    """
    y = np.asarray(y, dtype=bool)
    if len(x) != y.size:
        raise ValueError(f"{len(x)} worlds but {y.size} outcomes")
    if not y.any():
        raise ValueError("no world of interest: nothing for PRIM to find")
    x = x.reset_index(drop=True).astype(float)
    prim = _prim_class()(x, y, threshold=threshold, peel_alpha=peel_alpha, mass_min=mass_min)
    init = prim.box_init
    boxes = []
    for _ in range(max_boxes):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = prim.find_box()
        if found is None:
            break
        trajectory = found.peeling_trajectory.reset_index(drop=True)
        chosen = choose(trajectory, threshold)
        limits = significant_limits(found.box_lims[chosen], init, found.qp[chosen], alpha)
        if boxes and not limits:
            break  # a later box without a significant restriction adds nothing
        boxes.append(box_stats(x, y, limits, trajectory, chosen))
        if boxes[-1].coverage >= 1.0:
            break
    return boxes


def significant_limits(
    lims: pd.DataFrame, init: pd.DataFrame, qp: dict[str, list[float]], alpha: float
) -> tuple[Limit, ...]:
    """The box's restrictions whose quasi-p-value is below ``alpha`` (Bryant & Lempert 2010).

    PRIM also peels parameters that only chance separates; a restriction
    kept only when the binomial test of its side is significant drops them.
    """
    out = []
    for name in lims.columns:
        low, high = float(lims[name].iloc[0]), float(lims[name].iloc[1])
        lo_q, hi_q = (list(qp.get(name, [-1.0, -1.0])) + [-1.0, -1.0])[:2]
        keep_low = low > float(init[name].iloc[0]) and 0 <= lo_q < alpha
        keep_high = high < float(init[name].iloc[1]) and 0 <= hi_q < alpha
        if keep_low or keep_high:
            out.append(Limit(name, low if keep_low else None, high if keep_high else None))
    return tuple(out)


def box_stats(
    x: pd.DataFrame,
    y: np.ndarray,
    limits: tuple[Limit, ...],
    trajectory: pd.DataFrame,
    chosen: int,
) -> Box:
    """Coverage, density and mass of the box the limits define, counted on the data."""
    inside = np.ones(len(x), dtype=bool)
    for lim in limits:
        if lim.low is not None:
            inside &= x[lim.parameter].to_numpy() >= lim.low
        if lim.high is not None:
            inside &= x[lim.parameter].to_numpy() <= lim.high
    n, k = int(inside.sum()), int((inside & y).sum())
    return Box(limits, k / max(int(y.sum()), 1), k / n if n else float("nan"), n / len(x),
               n, k, trajectory, chosen)  # fmt: skip


def choose(trajectory: pd.DataFrame, threshold: float) -> int:
    """Trajectory row of highest coverage with density >= threshold, else the densest."""
    ok = trajectory[trajectory["density"] >= threshold]
    if ok.empty:
        return int(trajectory["density"].to_numpy().argmax())
    best = ok.sort_values(["coverage", "res_dim"], ascending=[False, True], kind="stable")
    return int(best.index[0])


def condition(limit: Limit, meaning: str = "") -> str:
    """``Quota is above 6.2`` / ``between a and b`` / ``below b`` for one restricted parameter."""
    name = param_label(limit.parameter).lower()
    if meaning:
        name = f"{name} ({meaning})"
    if limit.low is not None and limit.high is not None:
        return f"{name} is between {limit.low:.3g} and {limit.high:.3g}"
    if limit.low is not None:
        return f"{name} is above {limit.low:.3g}"
    return f"{name} is below {limit.high:.3g}"


def box_sentence(
    box: Box, subject: str, failure: str = "does not hold", meanings: dict[str, str] | None = None
) -> str:
    """The box in words: where the claim fails, how often, and how much it explains.

    ``subject`` is the claim as a practitioner would say it ("mandatory
    upselling drives attrition"); ``meanings`` optionally glosses parameters.
    """
    meanings = meanings or {}
    if not box.limits:
        where = "across the whole plausible range (PRIM found no narrower box)"
    else:
        where = "when " + " and ".join(
            condition(lim, meanings.get(lim.parameter, "")) for lim in box.limits
        )
    return (
        f"“{subject[0].upper()}{subject[1:]}” {failure} {where}: there it {failure} in "
        f"{box.density:.0%} of plausible worlds ({box.k} of {box.n}); these worlds are "
        f"{box.mass:.0%} of all plausible ones and hold {box.coverage:.0%} of the worlds "
        f"where it {failure}."
    )
