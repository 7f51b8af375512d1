"""Subcommands that run the model directly: ``queue`` (Erlang validation mode)."""

from __future__ import annotations

import argparse
import math
import sys

from tqdm import tqdm

from tightrope.experiments import jsonout
from tightrope.experiments.errors import UserError
from tightrope.experiments.userfiles import check_writable, read_text
from tightrope.model.params import ParameterError, Params, flatten, parameter_table_markdown
from tightrope.model.params.overrides import with_overrides
from tightrope.model.validation.queue_mode import queue_params, run_queue

BAR_DELAY_S = 2.0
"""A run's progress bar appears on a terminal only after this many seconds."""
QUEUE_FLAGS = {
    "staffing.reps": "--agents",
    "arrivals.rate": "--arrival-rate",
    "service.aht": "--aht",
    "service.patience": "--patience",
    "staffing.day_minutes": "--minutes",
    "run.burn_in_minutes": "--burn-in",
}


def add_model_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register ``queue``, ``run`` and ``params``."""
    q = subparsers.add_parser(
        "queue",
        help="queue-only mode: the model with behaviour off, beside exact Erlang C/A",
        description="Run the real model with all behaviour off, identical reps and one long "
        "shift (M/M/c, or M/M/c+M with --patience), and compare with Erlang C / Erlang A.",
    )
    q.add_argument("--agents", type=int, required=True, help="number of reps (c)")
    q.add_argument("--arrival-rate", type=float, required=True, help="calls per minute (lambda)")
    q.add_argument("--aht", type=float, required=True, help="mean handle time, minutes")
    q.add_argument("--patience", type=float, default=None, help="mean patience, minutes")
    q.add_argument("--minutes", type=float, default=20000.0, help="length of the shift")
    q.add_argument("--burn-in", type=float, default=None, help="minutes excluded at the start")
    q.add_argument("--seed", type=int, default=1, help="random seed")
    q.add_argument("--json", action="store_true", help="print one JSON object")
    q.set_defaults(handler=queue_command)

    run = subparsers.add_parser(
        "run",
        help="run one centre under a regime and print its KPIs",
        description="Run the full model once and print the KPI summary (after burn-in).",
    )
    run.add_argument("--regime", default=None, help="regime name (regime.name)")
    run.add_argument("--days", type=int, default=None, help="working days (run.days)")
    run.add_argument("--reps", type=int, default=None, help="reps on the roster (staffing.reps)")
    run.add_argument("--seed", type=int, default=1, help="random seed")
    run.add_argument("--config", default=None, help="TOML file of parameters (nested or dotted)")
    run.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE",
        help="set one parameter, e.g. --set regime.quota_stretch=3 (repeatable)",
    )  # fmt: skip
    run.add_argument("--out", default=None, help="write the daily series to this parquet file")
    run.add_argument("--json", action="store_true", help="print one JSON object")
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    run.add_argument(
        "--progress", action="store_true",
        help="show the progress bar (per simulated day) even when stderr is not a terminal",
    )  # fmt: skip
    run.set_defaults(handler=run_command)

    params = subparsers.add_parser("params", help="print the parameter table (Markdown)")
    params.add_argument(
        "--kpis", action="store_true", help="print the KPI registry (every output column) instead"
    )
    params.set_defaults(handler=params_command)

    centre = subparsers.add_parser(
        "centre",
        help="the default-centre table: KPIs per regime against published ranges",
        description="Run every regime staffed to 80/20 (staffing.policy = service_level), and "
        "mandatory upsell at the fixed headcount, and print their KPIs beside the published "
        "ranges (attrition, service level, abandonment, FCR, AHT, occupancy).",
    )
    centre.add_argument("--days", type=int, default=250, help="working days per run")
    centre.add_argument("--seeds", type=int, default=3, help="seeds per regime (1..N)")
    centre.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE",
        help="change one default parameter for every row (repeatable)",
    )  # fmt: skip
    centre.add_argument("--json", action="store_true", help="print the rows as JSON")
    centre.set_defaults(handler=centre_command)


def exact_values(
    agents: int, rate: float, aht: float, patience: float | None
) -> dict[str, float] | None:
    """Exact Erlang C / Erlang A values, or None when no steady state exists."""
    from tightrope.model.validation import theory

    if not theory.has_steady_state(agents, rate, aht, patience):
        return None
    if patience is None:
        c = theory.erlang_c(agents, rate, aht)
        return {
            "p_wait": c.p_wait,
            "mean_wait": c.asa,
            "p_abandon": 0.0,
            "service_level_20s": c.service_level(20.0 / 60.0),
        }
    a = theory.erlang_a(agents, rate, aht, patience)
    return {"p_wait": a.p_wait, "mean_wait": a.mean_wait, "p_abandon": a.p_abandon}


def queue_command(args: argparse.Namespace) -> int:
    """Run the queue-only mode and print the result."""
    # Validate through the parameter object first, so errors name the parameter.
    try:
        queue_params(
            args.agents, args.arrival_rate, args.aht, args.patience, args.minutes, args.burn_in
        )
    except ParameterError as error:
        message = str(error)
        for key, flag in QUEUE_FLAGS.items():
            message = message.replace(key, f"{flag} ({key})")
        raise ParameterError(message) from None
    result = run_queue(
        args.agents,
        args.arrival_rate,
        args.aht,
        args.patience,
        args.minutes,
        args.seed,
        args.burn_in,
    )
    exact = exact_values(args.agents, args.arrival_rate, args.aht, args.patience)
    if args.json:
        out = dict(result)
        out["steady_state"] = exact is not None
        if exact is not None:
            out.update({f"exact_{k}": v for k, v in exact.items()})
        print(jsonout.dumps(out))
        return 0
    model = "M/M/c+M (Erlang A)" if args.patience is not None else "M/M/c (Erlang C)"
    print(
        f"{model}: c={args.agents}, lambda={args.arrival_rate:g}/min, AHT={args.aht:g} min, "
        f"{args.minutes:g} min, seed {args.seed}"
    )
    if exact is None:
        print(
            "Offered load >= agents without abandonment: no steady state exists, so no Erlang "
            "values; the queue grows without bound over the shift."
        )
    rows = ["p_wait", "mean_wait", "p_abandon", "service_level_20s"]
    print(f"{'measure':<20}{'simulated':>12}{'exact':>12}")
    for key in rows:
        exact_cell = "" if exact is None or key not in exact else f"{exact[key]:>12.4f}"
        print(f"{key:<20}{result[key]:>12.4f}{exact_cell}")
    print(f"{'calls':<20}{result['calls']:>12d}")
    print(f"{'calls/s':<20}{result['calls_per_s']:>12,.0f}")
    return 0 if not math.isnan(result["wall_s"]) else 1


def parse_value(text: str) -> object:
    """A ``--set`` value: TOML syntax (numbers, true/false, lists), else a bare string."""
    import tomllib

    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def run_params(args: argparse.Namespace) -> Params:
    """Parameters from --config, then the shortcut flags, then each --set, in that order."""
    import tomllib

    values: dict[str, object] = {}
    if args.config:
        try:
            values.update(flatten(tomllib.loads(read_text(args.config, "--config"))))
        except (tomllib.TOMLDecodeError, ParameterError) as err:
            raise UserError(f"--config {args.config}: {err}") from None
    shortcuts = {"regime.name": args.regime, "run.days": args.days, "staffing.reps": args.reps}
    values.update({k: v for k, v in shortcuts.items() if v is not None})
    for item in args.set:
        name, sep, text = item.partition("=")
        if not sep:
            raise ParameterError(f"--set {item!r} is not NAME=VALUE")
        values[name.strip()] = parse_value(text.strip())
    return with_overrides(None, values)


def run_command(args: argparse.Namespace) -> int:
    """Run the model once; print the KPIs as a table or JSON; optionally save the daily series."""
    from tightrope.model import simulate

    params = run_params(args)
    if args.out:
        check_writable(args.out, "--out")  # before the run, so its result is never lost
    with day_bar(params.run.days, quiet=args.quiet, forced=args.progress) as bar:
        tick = None if bar.disable else bar.update
        result = simulate(params, args.seed, daily=args.out is not None, on_day=tick)
    summary = {"regime": params.regime.name, "seed": args.seed, **result.summary}
    summary["calls"] = summary["calls_offered"]
    if args.out:
        try:
            result.daily.to_parquet(args.out, index=False)
        except OSError as err:
            raise UserError(f"--out {args.out}: cannot write ({err.strerror or err})") from None
    if args.json:
        print(jsonout.dumps(summary))
        return 0
    for key, value in summary.items():
        cell = f"{value:>16.4f}" if isinstance(value, float) else f"{value!s:>16}"
        print(f"{key:<22}{cell}")
    return 0


def day_bar(days: int, *, quiet: bool, forced: bool) -> tqdm:
    """Progress bar of one run, on stderr: shown on a terminal (or ``forced``), never ``quiet``.

    On a terminal it appears only once a run has taken ``BAR_DELAY_S``, so the
    usual short runs print nothing but their table; a 100,000-day run shows
    its rate and time left instead of nothing.
    """
    shown = not quiet and (forced or sys.stderr.isatty())
    return tqdm(
        total=days, unit="day", desc="run", file=sys.stderr, disable=not shown,
        delay=0 if forced else BAR_DELAY_S, dynamic_ncols=True, smoothing=0.1,
    )  # fmt: skip


def params_command(args: argparse.Namespace) -> int:
    """Print every parameter with unit, default, range and source (or every KPI)."""
    if args.kpis:
        from tightrope.model.kpi_registry import KPIS, kpi_table_markdown

        print(kpi_table_markdown(KPIS))
    else:
        print(parameter_table_markdown())
    return 0


def centre_command(args: argparse.Namespace) -> int:
    """Print the default-centre table (Markdown) or its rows (JSON)."""
    from tightrope.analysis.centre import centre_markdown, centre_rows

    if args.days < 2 or args.seeds < 1:
        raise ParameterError("--days must be >= 2 and --seeds >= 1")
    values: dict[str, object] = {}
    for item in args.set:
        name, sep, text = item.partition("=")
        if not sep:
            raise ParameterError(f"--set {item!r} is not NAME=VALUE")
        values[name.strip()] = parse_value(text.strip())
    rows = centre_rows(args.days, args.seeds, Params.from_dict(values))
    if args.json:
        print(jsonout.dumps(rows))
        return 0
    print(centre_markdown(rows, args.days, args.seeds))
    return 0
