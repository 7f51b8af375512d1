"""The ``worlds``, ``discover`` and ``optimise`` subcommands of ``tightrope``.

Each reads a configuration from ``experiments/explore/`` (a name or a path),
validates it completely before any run, then runs its experiments through
the results store, so an interrupted command resumes when repeated.
"""

from __future__ import annotations

import argparse

from tightrope.experiments.execute import BACKENDS, DEFAULT_BACKEND
from tightrope.experiments.explore_common import RunOptions
from tightrope.experiments.runner import DEFAULT_RUNNER


def add_explore_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register ``worlds``, ``discover`` and ``optimise``."""
    p = subparsers.add_parser(
        "worlds",
        help="sample plausible worlds and keep those inside the calibration targets",
        description="Simulate sampled worlds as service-only centres; keep those whose KPIs "
        "land in the published ranges (experiments/explore/targets.toml).",
    )
    p.add_argument("config", nargs="?", default="worlds-small", help="explore/<name>.toml or path")
    _run_options(p)
    p.set_defaults(handler=_worlds)

    p = subparsers.add_parser(
        "discover",
        help="a claim's verdict across plausible worlds, and PRIM boxes where it flips",
        description="Re-run a seed claim's contrasts in every kept world; report the share "
        "of worlds where it is supported / no effect / reversed, and where it flips.",
    )
    p.add_argument("claim", help="seed claim key, e.g. s002")
    p.add_argument("--config", default="discover-small", help="explore/<name>.toml or path")
    _run_options(p)
    p.set_defaults(handler=_discover)

    p = subparsers.add_parser(
        "optimise",
        help="NSGA-II policy frontier over manager levers",
        description="Search manager levers for the revenue / attrition / brand-harm front.",
    )
    p.add_argument("policy", nargs="?", default="policy-small", help="explore/<name>.toml or path")
    _run_options(p)
    p.set_defaults(handler=_optimise)


def _run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("-j", "--jobs", type=int, default=None, help="processes (default: all cores)")
    p.add_argument(
        "--backend", choices=BACKENDS, default=DEFAULT_BACKEND,
        help="local: forked workers (default); loky: joblib's fresh workers; dask: a cluster",
    )  # fmt: skip
    p.add_argument("--scheduler", metavar="ADDR", help="dask scheduler, e.g. tcp://host:8786")
    p.add_argument("--fresh", action="store_true", help="discard stored results first")
    p.add_argument("--quiet", action="store_true", help="no progress bars (for logs)")
    p.add_argument(
        "--runner", default=DEFAULT_RUNNER, metavar="MODULE:FUNC", help="model function"
    )


def _options(args: argparse.Namespace) -> RunOptions:
    return RunOptions(
        jobs=args.jobs,
        backend="dask" if args.scheduler else args.backend,
        scheduler=args.scheduler,
        fresh=args.fresh,
        quiet=args.quiet,
        runner=args.runner,
    )


def _worlds(args: argparse.Namespace) -> int:
    from tightrope.experiments.worlds import load_worlds_config, run_worlds

    config = load_worlds_config(args.config)
    report = run_worlds(config, _options(args))
    print(
        f"{config.name}: kept {report.kept} of {report.tried} worlds "
        f"({len(config.bounds)} parameters sampled) -> {report.table}"
    )
    return 0


def _discover(args: argparse.Namespace) -> int:
    from tightrope.analysis.world_verdicts import share_text
    from tightrope.experiments.discover import find_claim, load_discover_config, run_discover

    find_claim(args.claim)
    config = load_discover_config(args.config)
    report = run_discover(args.claim, config, _options(args))
    claim_rows = report.shares[report.shares["contrast"] == args.claim]
    for _, row in claim_rows.iterrows():
        print(f"{args.claim} {row['outcome']}: {share_text(row)}")
    for sentence in report.sentences:
        print(sentence)
    print(f"-> {report.out_dir}")
    return 0


def _optimise(args: argparse.Namespace) -> int:
    from tightrope.experiments.optimise import load_policy, run_optimise

    config = load_policy(args.policy)
    report = run_optimise(config, _options(args))
    print(
        f"{config.name}: {report.evaluated} policies evaluated, {len(report.front)} on the "
        f"front -> {report.out_dir / 'pareto.csv'}"
    )
    return 0
