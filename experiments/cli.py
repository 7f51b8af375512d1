"""The ``tightrope`` command line: assembles the subcommands and dispatches.

Each family of subcommands registers itself through an ``add_*_commands``
function; a handler returns an exit code. Errors a user can fix (a bad
parameter, an unknown name) print one line to stderr and exit 2, without a
traceback.
"""

from __future__ import annotations

import argparse
import sys

from experiments.model_cli import add_model_commands
from model.params import ParameterError


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser."""
    parser = argparse.ArgumentParser(
        prog="tightrope",
        description="Agent-based model of the sales-versus-service debate in call centres.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_model_commands(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except (ParameterError, ValueError, FileNotFoundError) as error:
        print(f"tightrope {args.command}: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
