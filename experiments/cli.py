"""The ``tightrope`` command: assembles subcommands and reports user errors in one line.

Each group of subcommands lives in its own module with an
``add_*_commands(subparsers)`` function that sets ``handler`` on its
parsers; adding a group means one import and one call in
:func:`build_parser`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from experiments.errors import UserError
from experiments.sweep_cli import add_sweep_commands
from model.params import ParameterError


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="tightrope", description="Tightrope: sales versus service in call centres."
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_sweep_commands(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except (UserError, ParameterError) as err:
        print(f"tightrope: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("tightrope: interrupted; rerun the same command to resume", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
