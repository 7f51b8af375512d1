"""The paper's three exploration sections, written from what ``make explore`` left on disk.

``tightrope worlds``, ``tightrope discover`` and ``tightrope optimise`` write
their tables, sentences and figures under ``results/<name>/explore/``. This
module turns them into Markdown: the plausible worlds (how many tried and
kept, which targets bind, which parameters the calibration constrains), the
verdicts across worlds (share of worlds per outcome with Wilson intervals,
and PRIM's boxes in words), and the policy frontier (the Pareto table with
intervals, and the compromise policy). A section whose results are missing
says so and names the command that makes them, so the paper builds before
the exploration has been run, and never cites results it does not have.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from tightrope.analysis.numbers import estimate_text, number, unit
from tightrope.analysis.style import kpi_label, param_label, regime_label
from tightrope.analysis.tables import markdown_table
from tightrope.analysis.world_verdicts import OUTCOMES, wilson
from tightrope.model.params import Params
from tightrope.model.policy_levers import STRUCTURAL, inert_levers

WORLDS, DISCOVER, POLICY = "worlds", "discover", "policy"
SEED_CLAIMS = ("s000", "s001", "s002", "s003", "s004")


@dataclass(frozen=True)
class Part:
    """One section's Markdown and the figures it shows (PNG paths on disk)."""

    text: str
    figures: tuple[tuple[Path, str], ...] = field(default=())
    """(PNG written by the exploration, caption)."""


def _explore_dir(root: Path, name: str) -> Path:
    return root / name / "explore"


def _missing(what: str, command: str) -> Part:
    return Part(
        f"*Not run for this build:* no {what} results were found. "
        f"`{command}` (part of `make explore`) writes them; the next paper build reads them."
    )


def _pct(x: float) -> str:
    return "n/a" if not np.isfinite(x) else f"{100 * x:.0f} %"


# ---------------------------------------------------------------------- plausible worlds
def worlds_part(root: Path, name: str = WORLDS) -> Part:
    """How many worlds were tried and kept, the targets' pass rates, the constrained parameters."""
    where = _explore_dir(root, name)
    if not (where / "summary.json").exists():
        return _missing("plausible-worlds", f"tightrope worlds {name}")
    summary = json.loads((where / "summary.json").read_text(encoding="utf-8"))
    tried, kept = int(summary["tried"]), int(summary["kept"])
    lo, hi = wilson(kept, tried)
    parameters = summary.get("parameters", {})
    text = [
        f"Of {tried} worlds sampled over {len(parameters)} assumption parameters, "
        f"{kept} ({_pct(kept / tried if tried else np.nan)}, 95 % CI {_pct(lo)}–{_pct(hi)}) "
        "landed inside every published range and were kept.",
    ]
    rates_path = where / "pass_rates.csv"
    if rates_path.exists():
        rates = pd.read_csv(rates_path, keep_default_na=False)
        text += ["", markdown_table(_rates_table(rates))]
        single = rates[rates["target"] != "all targets"]
        if len(single):
            binding = single.sort_values("share", kind="stable").iloc[0]
            text += [
                "",
                f"The most restrictive target was {binding['target']} "
                f"({_pct(float(binding['share']))} of worlds inside it alone).",
            ]
    constrained = _constrained(where / "worlds.parquet", parameters)
    if constrained:
        text += [
            "",
            "The calibration constrains most (kept values furthest from the uniform draw): "
            + "; ".join(constrained)
            + ".",
        ]
    if kept == 0:
        text += ["", "No world was kept: the verdicts across worlds below cannot be computed."]
    fig = where / "worlds_marginals.png"
    figures = ((fig, "Kept worlds: parameter values on their sampled ranges"),)
    return Part("\n".join(text), figures if fig.exists() else ())


def _rates_table(rates: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "target": rates["target"],
            "worlds inside": [
                f"{n} ({_pct(float(s))})"
                for n, s in zip(rates["inside"], rates["share"], strict=True)
            ],
            "source": rates["source"],
        }
    )


def _constrained(path: Path, parameters: dict, top: int = 3) -> list[str]:
    """The ``top`` parameters whose kept values moved most, with their kept median."""
    if not path.exists() or not parameters:
        return []
    worlds = pd.read_parquet(path)
    kept = worlds[worlds["kept"]]
    if len(kept) < 2:
        return []
    from tightrope.analysis.explore_figures import most_constrained

    bounds = {k: tuple(v) for k, v in parameters.items() if k in kept}
    _, order = most_constrained(kept, bounds, top)
    return [
        f"{param_label(k)} (`{k}`, sampled {bounds[k][0]:g}–{bounds[k][1]:g}, "
        f"kept median {kept[k].median():.3g})"
        for k in order
    ]


# ---------------------------------------------------------------------- claims across worlds
PEEL_CIRCLE = (
    "The red circle is the box PRIM's density threshold picks, before its restrictions "
    "are tested; the text lists only the restrictions that pass"
)


def claims_part(root: Path, prefix: str = DISCOVER, claims: Sequence[str] = SEED_CLAIMS) -> Part:
    """Per claim: the share of worlds per outcome, and PRIM's boxes where it flips."""
    rows, sentences, figures = [], [], []
    for key in claims:
        where = _explore_dir(root, f"{prefix}-{key}")
        if not (where / "shares.csv").exists():
            continue
        shares = pd.read_csv(where / "shares.csv")
        for contrast, group in shares.groupby("contrast", sort=False):
            row = {"claim": key, "contrast": contrast, "worlds": int(group["n"].iloc[0])}
            for outcome in OUTCOMES:
                hit = group[group["outcome"] == outcome]
                row[outcome] = (
                    "–"
                    if hit.empty
                    else f"{_pct(float(hit['share'].iloc[0]))} "
                    f"({_pct(float(hit['ci_lo'].iloc[0]))}–{_pct(float(hit['ci_hi'].iloc[0]))})"
                )
            rows.append(row)
        boxes = where / "boxes.json"
        if boxes.exists():
            sentences += [f"- {key}: {s}" for s in json.loads(boxes.read_text())["sentences"]]
        fig = where / "prim_peeling.png"
        if fig.exists():
            figures.append((fig, f"Claim {key}: PRIM peeling trajectory. {PEEL_CIRCLE}"))
    if not rows:
        return _missing("claims-across-worlds", "tightrope discover s002")
    text = [
        "Share of plausible worlds in which each contrast is supported, shows no effect, "
        "is inconclusive or is reversed (95 % Wilson interval in brackets); each world "
        "judged by the paper's verdict rule on its paired replications (with a Bonferroni "
        "rather than Holm share of the error rate across the claim's contrasts).",
        "",
        markdown_table(pd.DataFrame(rows)),
    ]
    if sentences:
        text += ["", "Where each claim flips (PRIM boxes, restrictions with quasi-p < 0.05):", ""]
        text += sentences
    return Part("\n".join(text), tuple(figures))


# ---------------------------------------------------------------------- policy frontier
def frontier_part(root: Path, name: str = POLICY) -> Part:
    """The Pareto table with intervals, and the compromise policy in words."""
    where = _explore_dir(root, name)
    if not (where / "pareto.csv").exists():
        return _missing("policy-frontier", f"tightrope optimise {name}")
    pareto = pd.read_csv(where / "pareto.csv")
    meta = json.loads((where / "summary.json").read_text(encoding="utf-8"))
    objectives: dict[str, str] = meta["objectives"]
    levers = [lv["key"] for lv in meta["levers"]]
    text = [
        f"{meta['evaluated']} policies were evaluated, each in {meta['worlds']} plausible "
        f"world(s); {len(pareto)} are on the front (no other evaluated policy is at least "
        "as good on every objective and better on one). Objectives are means over worlds "
        "and replications with 95 % intervals. A dash marks a number that cannot act under "
        "that row's regime and organisation (a commission per sale outside the commission "
        "regime, say).",
        "",
        markdown_table(_front_table(pareto, levers, objectives)),
    ]
    if len(pareto):
        best = compromise(pareto, objectives)
        row = pareto.iloc[best]
        off = blank_levers(row, levers)
        said = ", ".join(
            f"{param_label(k).lower()} {_value(row[k], k)}" for k in levers if k not in off
        )
        got = "; ".join(
            f"{kpi_label(k).lower()} {estimate_text(row[k], row[f'{k}_lo'], row[f'{k}_hi'], k)}"
            for k in objectives
        )
        text += [
            "",
            "The compromise policy (the front policy closest to the ideal point once each "
            f"objective is scaled to its range on the front) is: {said}. It achieves {got}.",
        ]
        answer = selling_answer(pareto, objectives, int(meta["worlds"]))
        if answer:
            text += ["", answer]
    figures = [
        (where / f"{stem}.png", caption)
        for stem, caption in (
            ("frontier_parallel", "Policy frontier: levers and objectives of the front"),
            ("frontier_3d", "Policy frontier: every evaluated policy (grey) and the front"),
        )
        if (where / f"{stem}.png").exists()
    ]
    return Part("\n".join(text), tuple(figures))


def selling_answer(pareto: pd.DataFrame, objectives: dict[str, str], worlds: int) -> str:
    """The paper's answer to "is there a policy that sells without burning people or customers?".

    Selling policies on the front (genuine revenue above zero) are held against the
    front's non-selling ones: a selling policy answers yes when each cost objective's
    mean is no worse than the worst non-selling policy's. Means only; the table's
    intervals say how firm that is.
    """
    gains = [k for k, sense in objectives.items() if sense == "max"]
    costs = [k for k, sense in objectives.items() if sense == "min"]
    if len(gains) != 1 or not costs or not len(pareto):
        return ""
    gain = gains[0]
    selling = pareto[pareto[gain] > 0]
    baseline = pareto[pareto[gain] <= 0]
    question = "*Is there a policy that sells without burning people or customers?* "
    caveat = (
        f" These are means over {worlds} plausible world(s) and a few replications, and the "
        "intervals in the table are wide: the front is a screen for a larger evaluation, "
        "not a ranking."
    )
    if selling.empty or baseline.empty:
        which = "sells" if baseline.empty else "sells nothing"
        return (
            f"{question}Every policy on this front {which}, so the front itself cannot "
            "answer it against a non-selling baseline." + caveat
        )
    ranges = ", ".join(
        f"{kpi_label(k).lower()} {_format(baseline[k].min(), k)} to "
        f"{_format(baseline[k].max(), k)}"
        for k in costs
    )
    within = selling[np.all([selling[k] <= baseline[k].max() for k in costs], axis=0)]
    head = f"{question}Against the front's {len(baseline)} non-selling policies ({ranges}), "
    if len(within):
        names = "; ".join(
            f"{regime_label(str(r['regime.name'])) if 'regime.name' in r else 'policy'} "
            f"({kpi_label(gain).lower()} {_format(r[gain], gain)})"
            for _, r in within.iterrows()
        )
        return (
            head + f"{len(within)} of the {len(selling)} selling policies keep every cost "
            f"objective within that range: {names}." + caveat
        )
    first = costs[-1]
    best = selling.loc[selling[first].idxmin()]
    label = regime_label(str(best["regime.name"])) if "regime.name" in best else "a policy"
    costs_text = ", ".join(f"{kpi_label(k).lower()} {_format(best[k], k)}" for k in costs)
    return (
        head + f"none of the {len(selling)} selling policies keeps every cost objective "
        f"within that range. The selling policy with the lowest {kpi_label(first).lower()} "
        f"is {label} ({costs_text}; {kpi_label(gain).lower()} {_format(best[gain], gain)})."
        " Part of this is built in: harmful sales and pitches to angry callers, two of the "
        "brand-harm index's components, occur only where somebody sells." + caveat
    )


def _format(value: float, kpi: str) -> str:
    """A KPI value as the tables print it, without an interval."""
    return number(value, kpi) + unit(kpi)


def compromise(pareto: pd.DataFrame, objectives: dict[str, str]) -> int:
    """Index of the front row nearest the ideal point, objectives scaled to [0, 1] on the front."""
    distance = np.zeros(len(pareto))
    for kpi, sense in objectives.items():
        values = pareto[kpi].to_numpy(float)
        span = values.max() - values.min()
        scaled = (values - values.min()) / span if span > 0 else np.zeros_like(values)
        distance += (1.0 - scaled if sense == "max" else scaled) ** 2
    return int(np.argmin(distance))


def _value(v: object, key: str = "") -> str:
    if key == "regime.name":
        return regime_label(str(v))
    return f"{v:.3g}" if isinstance(v, float) else str(v)


def blank_levers(row: pd.Series, levers: list[str]) -> frozenset[str]:
    """The levers of a front row that cannot act under its regime and organisation."""
    structure = {k: row[k] for k in levers if k in STRUCTURAL}
    return inert_levers(Params().replace(**structure)) & frozenset(levers)


def _front_table(pareto: pd.DataFrame, levers: list[str], objectives: dict[str, str]):
    blank = [blank_levers(row, levers) for _, row in pareto.iterrows()]
    out = pd.DataFrame(
        {
            param_label(k): [
                "–" if k in off else _value(v, k) for v, off in zip(pareto[k], blank, strict=True)
            ]
            for k in levers
        }
    )
    for kpi in objectives:
        out[kpi_label(kpi)] = [
            estimate_text(m, lo, hi, kpi)
            for m, lo, hi in zip(
                pareto[kpi], pareto[f"{kpi}_lo"], pareto[f"{kpi}_hi"], strict=True
            )
        ]
    return out


# ---------------------------------------------------------------------- the paper's context
def explore_context(root: Path, fig_dir: Path, out_dir: Path) -> dict[str, str]:
    """``explore_worlds``, ``explore_claims`` and ``explore_frontier`` for the template.

    Figures are copied into the paper's figure folder and linked relative to
    ``out_dir``, the folder of the paper itself.
    """
    ctx = {}
    parts = {
        "explore_worlds": worlds_part(root),
        "explore_claims": claims_part(root),
        "explore_frontier": frontier_part(root),
    }
    for key, part in parts.items():
        text = [part.text]
        for png, caption in part.figures:
            fig_dir.mkdir(parents=True, exist_ok=True)
            target = fig_dir / f"{png.parent.parent.name}_{png.name}"
            shutil.copyfile(png, target)
            text += ["", f"![{caption}]({target.relative_to(out_dir).as_posix()})"]
        ctx[key] = "\n".join(text)
    return ctx
