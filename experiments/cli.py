"""The ``tightrope`` command line: assembles the subcommands and dispatches.

Each family of subcommands lives in its own module and registers itself
through an ``add_*_commands(subparsers)`` function that sets ``handler`` on
its parsers; a handler returns an exit code. Adding a family is one import
and one call in :func:`build_parser`. Errors a user can fix (a bad
parameter, a bad experiment file, a refused results store) print one line
to stderr and exit 2, without a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from tightrope.experiments import paths
from tightrope.experiments.errors import UserError
from tightrope.experiments.explore_cli import add_explore_commands
from tightrope.experiments.model_cli import add_model_commands
from tightrope.experiments.paper_cli import add_paper_commands
from tightrope.experiments.sweep_cli import add_sweep_commands
from tightrope.experiments.userfiles import describe_os_error
from tightrope.experiments.viz_cli import add_viz_commands

STORE_COMMANDS = ("sweep", "list", "collect", "paper", "demo")
"""Subcommands that read or write the results store; each takes ``--results DIR``."""


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser."""
    parser = argparse.ArgumentParser(
        prog="tightrope",
        description="Agent-based model of the sales-versus-service debate in call centres.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_model_commands(subparsers)
    add_sweep_commands(subparsers)
    add_paper_commands(subparsers)
    add_viz_commands(subparsers)
    for name in STORE_COMMANDS:
        subparsers.choices[name].add_argument(
            "--results",
            type=Path,
            default=None,
            metavar="DIR",
            help=f"results store (default: ${paths.RESULTS_ENV} or ./results)",
        )
    add_explore_commands(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with paths.use_results(getattr(args, "results", None)):
            return int(args.handler(args) or 0)
    except BrokenPipeError:  # ``tightrope list | head``: the reader left; not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (UserError, ValueError) as error:  # ParameterError is a ValueError
        return _fail(args.command, str(error))
    except OSError as error:  # the filesystem refused: one line naming the file
        return _fail(args.command, describe_os_error(error))
    except KeyboardInterrupt:
        print(f"tightrope {args.command}: interrupted; rerun to resume", file=sys.stderr)
        return 130


def _fail(command: str, message: str) -> int:
    """Print one line (whatever the message holds) and return the user-error status."""
    line = " ".join(message.split())
    print(f"tightrope {command}: error: {line}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
