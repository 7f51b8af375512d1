"""Synthetic result tables that follow the data contract, for tests and figure previews.

These are toy numbers with plausible shapes (regime effects, common random
numbers across regimes, skewed harm counts); they are never model output and
the paper is never built from them outside tests.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from tightrope.analysis.schema import KPIS

# (attrition, brand harm, revenue, morale) per regime: made-up but ordered as the seeds argue.
_BASE = {
    "service_only": (0.31, 1.0, 0.0, 0.62),
    "discretionary_rewards": (0.29, 1.4, 900.0, 0.64),
    "mandatory_upsell": (0.46, 6.0, 1150.0, 0.45),
    "commission": (0.37, 3.4, 1050.0, 0.55),
    "specialised": (0.28, 1.2, 1000.0, 0.63),
}


_WEIGHTS = {
    "brand.weight_harmful_sale": 1.0,
    "brand.weight_angry_pitch": 1.0,
    "brand.weight_abandonment": 0.0,
    "brand.weight_unresolved": 1.0,
}


def runs(
    grid: Mapping[str, Sequence[object]] | None = None,
    replications: int = 5,
    seed: int = 1,
) -> pd.DataFrame:
    """One row per run over a full grid of parameter columns (default: the five regimes)."""
    grid = dict(grid or {"regime.name": list(_BASE)})
    grid.setdefault("regime.name", ["service_only"])
    rng = np.random.default_rng(seed)
    common = rng.normal(size=(replications, 4))  # common random numbers per replication
    rows = []
    names = list(grid)
    for point_id, values in enumerate(itertools.product(*grid.values())):
        p = dict(zip(names, values, strict=True))
        att, harm, rev, mor = _BASE.get(str(p["regime.name"]), _BASE["service_only"])
        quota = float(p.get("regime.quota_stretch", 0.0))
        recog = float(p.get("regime.recognition_strength", 0.0))
        share = float(p.get("hiring.sales_oriented_share", 0.5))
        dedicated = p.get("org.design", "blended") == "dedicated"
        att += 0.02 * quota - 0.05 * recog + (0.0 if dedicated else 0.04 * (share - 0.5))
        harm *= 1 + 0.15 * quota
        rev *= (1 + 0.3 * share) * (1.1 if dedicated else 1.0) * (1 + 0.02 * quota)
        mor += 0.05 * recog - 0.01 * quota
        for rep in range(replications):
            e = common[rep] + 0.3 * rng.normal(size=4)
            kpi = dict.fromkeys(KPIS, np.nan)
            kpi.update(
                attrition_annual=max(att + 0.03 * e[0], 0.0),
                brand_harm_index=harm * np.exp(0.35 * e[1]),
                revenue_genuine=max(rev * (1 + 0.08 * e[2]), 0.0),
                morale_mean=float(np.clip(mor + 0.03 * e[3], 0, 1)),
                calls_offered=5000.0,
            )
            kpi.update(
                revenue_per_call=kpi["revenue_genuine"] / 5000.0,
                csat=float(np.clip(0.8 - 0.02 * kpi["brand_harm_index"], 0, 1)),
                conversion_rate=0.0 if rev == 0 else 0.12 * rev / 1000 * (1 + 0.05 * e[2]),
                sales_harmful=float(rng.poisson(harm * 5)),
                morale_p10=kpi["morale_mean"] - 0.15,
                quits_per_headcount_year=1.1 * kpi["attrition_annual"],
                transfers=300.0 if p["regime.name"] == "specialised" else 0.0,
                harm_harmful_sales=0.4 * kpi["brand_harm_index"],
                harm_angry_pitches=0.1 * kpi["brand_harm_index"],
                harm_abandonment=2.0,
                harm_unresolved=0.5 * kpi["brand_harm_index"],
                service_level=0.8 + 0.02 * e[0],
                abandon_rate=0.03 + 0.005 * e[1],
                fcr=0.77 + 0.01 * e[2],
                aht_min=6.0 + 0.2 * e[3],
                occupancy=0.88 + 0.01 * e[0],
                headcount_mean=50.0 + e[1],
            )
            rows.append(
                {
                    **_WEIGHTS,
                    "run_id": f"p{point_id}r{rep}",
                    "point_id": point_id,
                    "replication": rep,
                    "seed": 1000 + rep,
                    **p,
                    **kpi,
                }
            )
    return pd.DataFrame(rows)


def daily(
    regimes: Sequence[str] = tuple(_BASE), days: int = 120, replications: int = 4
) -> pd.DataFrame:
    """Daily series per regime and replication (headcount, morale, cumulative harm...)."""
    rng = np.random.default_rng(2)
    rows = []
    for point_id, regime in enumerate(regimes):
        att, harm, _, mor = _BASE.get(regime, _BASE["service_only"])
        for rep in range(replications):
            morale = mor + 0.1 * np.exp(-np.arange(days) / 20) + 0.01 * rng.normal(size=days)
            head = 50 - np.cumsum(rng.random(days) < att / 250 * 50) + np.arange(days) // 30 * 2
            cum = np.cumsum(rng.poisson(harm * 0.2, size=days))
            for d in range(days):
                rows.append(
                    {
                        "run_id": f"p{point_id}r{rep}",
                        "point_id": point_id,
                        "replication": rep,
                        "regime.name": regime,
                        "day": d,
                        "headcount": float(head[d]),
                        "morale_mean": float(morale[d]),
                        "morale_p10": float(morale[d] - 0.15),
                        "cumulative_harmful_sales": float(cum[d]),
                        "service_level": 0.8,
                        "warmup_mean": 0.5,
                    }
                )
    return pd.DataFrame(rows)


def warmup(
    switch_costs: Sequence[float] = (0.0, 0.3, 0.6), positions: int = 6, replications: int = 5
) -> pd.DataFrame:
    """Conversion per pitch by position in a run of consecutive sales calls."""
    rng = np.random.default_rng(3)
    rows = []
    for s, design, rep in itertools.product(
        switch_costs, ("blended", "dedicated"), range(replications)
    ):
        w0 = 0.3 * (1 - s) if design == "blended" else 0.5
        for pos in range(1, positions + 1):
            w = 1 - (1 - w0) * (0.6 ** (pos - 1))
            conversion = max(0.25 * w + 0.02 * rng.normal(), 0.0)
            rows.append(
                {
                    "position": pos,
                    "pitches": 400,
                    "sales": round(400 * conversion),
                    "conversion": conversion,
                    "design": design,
                    "warmup.switch_cost": s,
                    "replication": rep,
                }
            )
    return pd.DataFrame(rows)


def validation(replications: int = 8) -> pd.DataFrame:
    """Erlang C and A cases: simulated values scattered around made-up exact ones."""
    rng = np.random.default_rng(4)
    cases = [
        ("C1", 10, 2.0, 4.0, np.nan, 0.45, 0.55, 0.0, 0.62),
        ("C2", 12, 2.0, 4.0, np.nan, 0.18, 0.15, 0.0, 0.86),
        ("A1", 10, 2.5, 4.0, 3.0, 0.52, 0.40, 0.12, 0.58),
        ("A2", 14, 3.0, 4.0, 5.0, 0.30, 0.20, 0.05, 0.76),
    ]
    rows = []
    for case, n, lam, aht, pat, pw, mw, pa, sl in cases:
        for rep in range(replications):
            e = rng.normal(size=4) * 0.02
            rows.append(
                {
                    "case": case,
                    "replication": rep,
                    "agents": n,
                    "arrival_rate": lam,
                    "aht": aht,
                    "patience": pat,
                    "p_wait": pw + e[0],
                    "mean_wait": mw * (1 + 5 * e[1]),
                    "p_abandon": max(pa + e[2], 0.0) if not np.isnan(pat) else 0.0,
                    "service_level_20s": sl + e[3],
                    "exact_p_wait": pw,
                    "exact_mean_wait": mw,
                    "exact_p_abandon": pa,
                    "exact_service_level_20s": sl,
                }
            )
    return pd.DataFrame(rows)


def sobol(problem: Mapping[str, object], n: int = 64, replications: int = 1) -> pd.DataFrame:
    """KPIs of a toy function over SALib's Sobol sample, rows ordered by ``point_id``."""
    from SALib.sample import sobol as sobol_sample

    x = sobol_sample.sample(dict(problem), n, calc_second_order=True, seed=5)
    rows = []
    for point_id, xi in enumerate(x):
        for rep in range(replications):
            a, b, *rest = xi
            c = rest[0] if rest else 0.0
            rows.append(
                {
                    "point_id": point_id,
                    "replication": rep,
                    **dict(zip(problem["names"], xi, strict=True)),  # type: ignore[call-overload]
                    "attrition_annual": 0.3 + 0.2 * a + 0.05 * a * b,
                    "brand_harm_index": 2 + 3 * b**2 + 0.5 * c,
                    "revenue_genuine": 1000 + 300 * c + 100 * a,
                }
            )
    return pd.DataFrame(rows)


SOBOL_PROBLEM: dict[str, object] = {
    "num_vars": 3,
    "names": ["regime.quota_stretch", "warmup.switch_cost", "hiring.sales_oriented_share"],
    "bounds": [[0.0, 6.0], [0.0, 1.0], [0.0, 1.0]],
}


def levers(replications: int = 4) -> pd.DataFrame:
    """The levers sweep's shape: a baseline and one lever at a time, under two regimes."""
    arms = [
        {},
        {"coaching.supervisor_ratio": 0.067},
        {"monitoring.review_share": 0.05},
        {"transition.day": 125, "transition.prepared_managers": False},
        {"transition.day": 125, "transition.prepared_managers": True},
        {"blending.outbound": True},
        {"blending.outbound": True, "coldcalls.enabled": True},
        {"scoreboard.enabled": True},
        {"contagion.rate": 0.2},
        {"avoidance.max_probability": 0.3},
    ]
    defaults = {
        "coaching.supervisor_ratio": 0.0,
        "monitoring.review_share": 0.0,
        "transition.day": 0,
        "transition.prepared_managers": False,
        "blending.outbound": False,
        "coldcalls.enabled": False,
        "scoreboard.enabled": False,
        "contagion.rate": 0.0,
        "avoidance.max_probability": 0.0,
    }
    parts = []
    for i, arm in enumerate(arms):
        for regime in ("service_only", "mandatory_upsell"):
            grid = {"regime.name": [regime], **{k: [v] for k, v in {**defaults, **arm}.items()}}
            part = runs(grid, replications, seed=10 + i)
            part["revenue_genuine"] *= 1 + 0.05 * i
            part["run_id"] = [f"l{i}{regime[:3]}{r}" for r in part["run_id"]]
            parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out["point_id"] = out.groupby(["regime.name", *defaults], sort=False).ngroup()
    return out


def experiments(replications: int = 4) -> dict[str, pd.DataFrame]:
    """A synthetic result table for every experiment the paper reads (see analysis.paper)."""
    regimes = ("mandatory_upsell", "discretionary_rewards")
    qr = {"regime.quota_stretch": [0, 2, 4], "regime.recognition_strength": [0.0, 1.0]}
    sens = sobol(SOBOL_PROBLEM, 16)
    sens.attrs["salib_problem"] = SOBOL_PROBLEM
    designs = ["blended", "dedicated"]
    return {
        "regimes": runs(replications=replications),
        "quota_recognition": runs({"regime.name": list(regimes), **qr}, replications),
        "specialised": runs(
            {
                "regime.name": ["discretionary_rewards", "specialised"],
                "hiring.sales_oriented_share": [0.0, 0.5, 1.0],
            },
            replications,
        ),
        "blending": runs(
            {
                "regime.name": ["discretionary_rewards"],
                "org.sales_team_share": [0.1],
                "org.design": designs,
                "warmup.rate_mean": [0.2, 0.8],
                "warmup.switch_cost": [0.0, 0.5, 1.0],
            },
            replications,
        ),
        "incentives": runs(
            {
                "regime.name": ["discretionary_rewards", "commission"],
                "hiring.policy": ["random", "sales_talent"],
                "staffing.routing": ["longest_idle", "skills_based"],
            },
            replications,
        ),
        "screenpop": runs(
            {
                "regime.name": ["discretionary_rewards"],
                "screenpop.enabled": [False, True],
                "screenpop.hit_rate": [0.4, 0.8],
                "screenpop.false_positive_rate": [0.0, 0.3],
            },
            replications,
        ),
        "sensitivity": sens,
        "validation": validation(replications),
        "levers": levers(replications),
        "seed002_factorial": runs(
            {"regime.name": list(regimes), "regime.quota_stretch": [0.0, 0.8, 1.5]},
            replications,
        ),
        "centre": centre(replications),
    }


def centre(replications: int = 4) -> pd.DataFrame:
    """The centre experiment's shape: every regime at service_level, mandatory also fixed."""
    parts = [
        runs({"regime.name": list(_BASE), "staffing.policy": ["service_level"]}, replications),
        runs({"regime.name": ["mandatory_upsell"], "staffing.policy": ["fixed"]}, replications),
    ]
    out = pd.concat(parts, ignore_index=True)
    out["point_id"] = out.groupby(["regime.name", "staffing.policy"], sort=False).ngroup()
    out["run_id"] = [f"c{p}r{r}" for p, r in zip(out["point_id"], out["replication"], strict=True)]
    return out.assign(**{"staffing.reps": 50, "run.days": 450, "run.burn_in_days": 200})
