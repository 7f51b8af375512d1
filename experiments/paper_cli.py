"""``tightrope paper`` and ``tightrope demo``: sweeps, then figures (and the paper) from results.

The sweeps go through the ordinary engine, so finished runs are reused (the
store resumes) and a changed experiment file is refused as in ``sweep``.
This module is the one place that joins results with the model: it adds
exact Erlang values (``tightrope.model.validation.theory``) to the validation runs, because
``analysis`` only reads results and never imports the model.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import time
from pathlib import Path

import pandas as pd

from tightrope.analysis.warmup import warmup_positions
from tightrope.experiments import paths
from tightrope.experiments.errors import UserError
from tightrope.experiments.execute import sweep
from tightrope.experiments.spec import Experiment, load_experiment, parse_experiment
from tightrope.experiments.store import Store

PAPER_EXPERIMENTS: tuple[str, ...] = (
    "validation",
    "regimes",
    "quota_recognition",
    "specialised",
    "incentives",
    "screenpop",
    "blending",
    "levers",
    "seed002_factorial",
    "centre",
    "sensitivity",
)
"""The experiments the paper reads, cheapest first so a short budget finishes most."""
QUICK_REPLICATIONS = 2
QUICK_SOBOL_SAMPLES = 8
QUICK_HORIZON = 0.5
"""The quick build runs burn-in and measured window at this share of their length."""
QUICK_BANNER = (
    "> **Quick build** (`make paper-quick`): every section, but {reps} replications per "
    "design point, burn-in and measured window at half length, and a Sobol sample of "
    "N = {n}. Intervals are wide and verdicts mostly "
    "inconclusive, and a measured window that still trends is marked in the steady-state "
    "table instead of failing the build; this is a check that the paper builds, not a "
    "result. The paper of record is the full build (`make paper`).\n"
)


def add_paper_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register ``paper``."""
    p = subparsers.add_parser(
        "paper",
        help="run the paper's sweeps (resuming) and write paper/paper.md, figures and tables",
        description="Run every experiment the paper needs (finished runs are reused), "
        "then draw the figures, write the tables and render paper/paper.md.",
    )
    p.add_argument("-j", "--jobs", type=int, default=None, help="processes (default: all cores)")
    p.add_argument(
        "--only-build",
        action="store_true",
        help="run no sweeps; build from existing results and fail if any are missing",
    )
    p.add_argument("--out", type=Path, default=Path("paper"), help="output folder (./paper)")
    p.add_argument("--quiet", action="store_true", help="no progress bars (for logs)")
    p.add_argument(
        "--fresh",
        action="store_true",
        help="discard every paper experiment's earlier results first (once, after a model "
        "change: stores of other model code are refused); a resumed build omits it",
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help=f"same sections with {QUICK_REPLICATIONS} replications and a small Sobol sample, "
        "results under results/quick/, paper in results/quick/paper/ unless --out (with a "
        "'quick build' banner)",
    )
    p.set_defaults(handler=paper_command)

    d = subparsers.add_parser(
        "demo",
        help="run the smoke sweep (five regimes) and draw a few figures into results/demo/",
        description="Run the smoke experiment with a progress bar (finished runs are reused), "
        "then draw the tradeoff frontier and the time series into results/demo/.",
    )
    d.add_argument("-j", "--jobs", type=int, default=None, help="processes (default: all cores)")
    d.set_defaults(handler=demo_command)


def paper_command(args: argparse.Namespace) -> int:
    """Sweep (unless ``--only-build``), collect, and build the paper.

    ``--quick`` works in a separate store, ``<results>/quick``, so a quick build
    never mixes with (or overwrites) the full one.
    """
    args.explore_results = paths.results_root()  # make explore's outputs, read by both builds
    if not getattr(args, "quick", False):
        return _paper(args, quick=False)
    quick_root = paths.results_root() / "quick"
    if args.out == Path("paper"):
        args.out = quick_root / "paper"
    previous = os.environ.get(paths.RESULTS_ENV)
    os.environ[paths.RESULTS_ENV] = str(quick_root)  # worker processes inherit it
    try:
        with paths.use_results(quick_root):
            return _paper(args, quick=True)
    finally:
        if previous is None:
            os.environ.pop(paths.RESULTS_ENV, None)
        else:
            os.environ[paths.RESULTS_ENV] = previous


def _paper(args: argparse.Namespace, quick: bool) -> int:
    from tightrope.analysis.paper import build_paper
    from tightrope.model.params import parameter_table_markdown

    if args.fresh and args.only_build:
        raise UserError("--fresh discards the results --only-build would read; use one of them")
    start = time.perf_counter()
    banner = ""
    if quick:
        banner = QUICK_BANNER.format(reps=QUICK_REPLICATIONS, n=QUICK_SOBOL_SAMPLES)
        experiments = {name: quick_experiment(name) for name in PAPER_EXPERIMENTS}
    else:
        experiments = {
            name: load_experiment(paths.experiment_file(name)) for name in PAPER_EXPERIMENTS
        }
    if not args.only_build:
        for exp in experiments.values():
            report = sweep(exp, jobs=args.jobs, quiet=args.quiet, fresh=args.fresh)
            print(
                f"{exp.name}: ran {report.ran} of {report.planned} runs in {report.wall_s:.0f} s"
            )
            if exp.name == "regimes" and not quick:
                check_regimes_steady(exp)  # fail before the long sweeps, not after them
    results, daily = {}, {}
    for name, exp in experiments.items():
        results[name], daily[name] = load_complete(exp)
    results["validation"] = with_exact_erlang(results["validation"])
    sensitivity = experiments["sensitivity"]
    problem = dict(sensitivity.sampled.problem or {})
    problem["calc_second_order"] = sensitivity.design.calc_second_order
    results["sensitivity"].attrs["salib_problem"] = problem
    regime_daily = daily["regimes"]
    if regime_daily is not None:
        keep = results["regimes"][["run_id", "regime.name"]]
        regime_daily = regime_daily.merge(keep, on="run_id", how="left", validate="many_to_one")
    warmup = warmup_positions(results["blending"])
    path = build_paper(
        results,
        parameter_table_markdown(),
        args.out,
        daily=regime_daily,
        warmup=warmup,
        sobol_problem=problem,
        banner=banner,
        strict_steady=not quick,
        explore_results=getattr(args, "explore_results", None),
    )
    took = time.perf_counter() - start
    print(f"paper: {path} (figures in {path.parent / 'figures'}) in {took:.0f} s")
    return 0


def demo_command(args: argparse.Namespace) -> int:
    """Smoke sweep, a per-regime summary and two figures; prints where the figures are."""
    from tightrope.analysis import figures as fg
    from tightrope.analysis.aggregate import estimate
    from tightrope.analysis.numbers import estimate_text
    from tightrope.analysis.style import regime_label, regime_order

    exp = load_experiment(paths.experiment_file("smoke"))
    sweep(exp, jobs=args.jobs)
    runs, daily = load_complete(exp)
    out = paths.results_root() / "demo"
    days = int(runs["run.days"].iloc[0])
    print(f"\n{exp.name}: {len(runs)} runs of {days} days; means with 95 % CIs")
    kpis = {
        "attrition_annual": "attrition",
        "brand_harm_index": "harm",
        "revenue_genuine": "revenue",
    }
    ests = {k: estimate(runs, k, ["regime.name"]).set_index("regime.name") for k in kpis}
    for regime in regime_order(ests["attrition_annual"].index):
        cells = [
            f"{short} {estimate_text(*ests[k].loc[regime, ['mean', 'ci_lo', 'ci_hi']], k)}"
            for k, short in kpis.items()
        ]
        print(f"  {regime_label(regime):<26}" + "; ".join(cells))
    fg.tradeoff_frontier(runs, out)
    if daily is not None:
        daily = daily.merge(runs[["run_id", "regime.name"]], on="run_id", validate="many_to_one")
        fg.regime_timeseries(daily, out)
    print(f"figures: {', '.join(sorted(p.name for p in out.glob('*.png')))} in {out}")
    return 0


def check_regimes_steady(exp: Experiment) -> None:
    """Raise (as a user error) when the regimes sweep's measured window still trends."""
    from tightrope.analysis.steady import SteadyStateError, check_steady, steady_table

    runs, daily = load_complete(exp)
    if daily is None:
        return
    daily = daily.merge(runs[["run_id", "regime.name"]], on="run_id", validate="many_to_one")
    try:
        check_steady(steady_table(daily, int(runs["run.burn_in_days"].iloc[0])))
    except SteadyStateError as err:
        raise UserError(f"{err}; lengthen run.burn_in_days in {exp.name}.toml") from None


def quick_experiment(name: str) -> Experiment:
    """The quick variant: few replications, a small Sobol N, shorter horizons.

    At most :data:`QUICK_REPLICATIONS` replications and :data:`QUICK_SOBOL_SAMPLES`
    Sobol samples; burn-in, window and transition days scaled by :data:`QUICK_HORIZON`.

    Edits the file's text, so the quick variant has its own hash and never
    mixes with the full build's store (which lives elsewhere anyway).
    """
    path = paths.experiment_file(name)
    text = path.read_text()
    days = re.search(r"^days\s*=\s*(\d+)", text, flags=re.M)
    burn = re.search(r"^burn_in_days\s*=\s*(\d+)", text, flags=re.M)
    if days and burn:
        d, b = int(days.group(1)), int(burn.group(1))
        short_b = int(b * QUICK_HORIZON)
        short_d = short_b + max(1, int((d - b) * QUICK_HORIZON))
        text = re.sub(r"^days\s*=\s*\d+", f"days = {short_d}", text, count=1, flags=re.M)
        text = re.sub(
            r"^burn_in_days\s*=\s*\d+", f"burn_in_days = {short_b}", text, count=1, flags=re.M
        )
        text = re.sub(
            r'^"transition\.day"\s*=\s*(\d+)',
            lambda m: f'"transition.day" = {int(int(m.group(1)) * QUICK_HORIZON)}',
            text,
            flags=re.M,
        )
    text = re.sub(
        r"^replications\s*=\s*(\d+)",
        lambda m: f"replications = {min(int(m.group(1)), QUICK_REPLICATIONS)}",
        text,
        count=1,
        flags=re.M,
    )
    text = re.sub(
        r"^samples\s*=\s*(\d+)",
        lambda m: f"samples = {min(int(m.group(1)), QUICK_SOBOL_SAMPLES)}",
        text,
        count=1,
        flags=re.M,
    )
    return parse_experiment(text, path)


def load_complete(exp: Experiment) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Every run of ``exp`` (and its daily rows if kept); fail loudly if any are missing.

    Raises:
        UserError: no store, a store of another version of the file, or missing runs.
    """
    directory = paths.results_dir(exp.name)
    hint = f"run `tightrope paper` without --only-build, or `tightrope sweep {exp.name}`"
    if not (directory / "manifest.json").exists():
        raise UserError(f"no results for experiment {exp.name!r} in {directory}; {hint}")
    store = Store(directory)
    if store.manifest()["experiment_sha256"] != exp.sha256:
        raise UserError(
            f"results in {directory} are from another version of experiments/{exp.name}.toml; "
            f"rerun with `tightrope sweep {exp.name} --fresh`"
        )
    runs = store.table("runs")
    if len(runs) < exp.n_runs:
        raise UserError(f"experiment {exp.name!r} has {len(runs)} of {exp.n_runs} runs; {hint}")
    daily = store.table("daily") if exp.daily else None
    return runs, daily


def with_exact_erlang(runs: pd.DataFrame) -> pd.DataFrame:
    """Validation runs in the shape :mod:`tightrope.analysis.validation` reads, with exact values.

    Adds ``case``, ``agents``, ``arrival_rate``, ``aht``, ``patience`` (NaN for
    Erlang C), the simulated ``p_wait``, ``mean_wait`` (minutes), ``p_abandon``,
    ``service_level_20s`` and their ``exact_`` twins from ``tightrope.model.validation.theory``.
    """
    from tightrope.model.validation import theory

    out = pd.DataFrame(
        {
            "replication": runs["replication"],
            "agents": runs["staffing.reps"].astype(int),
            "arrival_rate": runs["arrivals.rate"].astype(float),
            "aht": runs["service.aht"].astype(float),
            "patience": runs["service.patience"].where(runs["service.abandonment"].astype(bool)),
            "p_wait": runs["p_wait"],
            "mean_wait": runs["mean_wait_s"] / 60.0,
            "p_abandon": runs["abandon_rate"],
            "service_level_20s": runs["service_level"],
        }
    )
    threshold = 20.0 / 60.0
    keys = [
        (int(a), float(r), float(h), None if math.isnan(p) else float(p))
        for a, r, h, p in out[["agents", "arrival_rate", "aht", "patience"]].itertuples(
            index=False, name=None
        )
    ]
    exact: dict[tuple, dict[str, float]] = {}
    for key in dict.fromkeys(keys):
        agents, rate, aht, patience = key
        if patience is None:  # Erlang C: nobody abandons, so no abandonment comparison
            c = theory.erlang_c(agents, rate, aht)
            vals = {"p_wait": c.p_wait, "mean_wait": c.asa, "p_abandon": math.nan}
            vals["service_level_20s"] = c.service_level(threshold)
        else:
            a = theory.erlang_a(agents, rate, aht, patience)
            vals = {"p_wait": a.p_wait, "mean_wait": a.mean_wait, "p_abandon": a.p_abandon}
            vals["service_level_20s"] = a.service_level(threshold)
        exact[key] = vals
    for metric in ("p_wait", "mean_wait", "p_abandon", "service_level_20s"):
        out[f"exact_{metric}"] = [exact[k][metric] for k in keys]
    out["case"] = [
        f"{'C' if p is None else 'A'}: c={a}, λ={r:g}/min, AHT {h:g} min" for a, r, h, p in keys
    ]
    return out
