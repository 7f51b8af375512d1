"""Subcommands that run the model directly: ``queue`` (Erlang validation mode)."""

from __future__ import annotations

import argparse
import json
import math

from model.params import ParameterError
from model.queue_mode import queue_params, run_queue

QUEUE_FLAGS = {
    "staffing.reps": "--agents",
    "arrivals.rate": "--arrival-rate",
    "service.aht": "--aht",
    "service.patience": "--patience",
    "staffing.day_minutes": "--minutes",
    "run.burn_in_minutes": "--burn-in",
}


def add_model_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register ``queue``."""
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

    demo = subparsers.add_parser("demo", help="run the default centre for a year and summarise")
    demo.add_argument("--seed", type=int, default=1, help="random seed")
    demo.set_defaults(handler=demo_command)


def demo_command(args: argparse.Namespace) -> int:
    """Run the default centre for one working year and print its KPIs."""
    from model import Params, simulate

    result = simulate(Params(), args.seed)
    for key, value in result.summary.items():
        print(f"{key:<22}{value:>14.4f}" if isinstance(value, float) else f"{key:<22}{value:>14}")
    return 0


def exact_values(
    agents: int, rate: float, aht: float, patience: float | None
) -> dict[str, float] | None:
    """Exact Erlang C / Erlang A values, or None when no steady state exists."""
    from model import theory

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
        print(json.dumps(out))
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
