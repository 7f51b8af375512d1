"""``tightrope viz``: serve the interactive SolaraViz page and open it in the browser.

The page itself is :mod:`tightrope.viz`; this only starts Solara's server
on a loopback address (it runs the model, so it is not meant for a public
interface) and needs the optional ``viz`` dependencies.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys

from tightrope.experiments.errors import UserError

VIZ_HINT = "the page needs the optional viz dependencies: pip install 'tightrope[viz]'"


def add_viz_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register ``viz``."""
    p = subparsers.add_parser(
        "viz",
        help="interactive page (Mesa SolaraViz): levers, live plots, per-rep view",
        description="Serve the SolaraViz page of the call centre (one step = one working "
        "day) and open it in the browser. Stop with Ctrl-C.",
    )
    p.add_argument("--port", type=int, default=8765, help="port (0: any free one)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (loopback)")
    p.add_argument("--no-open", action="store_true", help="do not open a browser")
    p.set_defaults(handler=viz_command)


def server_command(host: str, port: int, *, open_browser: bool) -> list[str]:
    """The ``solara run`` command line serving the page of :mod:`tightrope.viz`."""
    return [
        sys.executable, "-m", "solara", "run", "tightrope.viz_app",
        "--host", host, "--port", str(port), "--open" if open_browser else "--no-open",
    ]  # fmt: skip


def viz_command(args: argparse.Namespace) -> int:
    """Run the page server until interrupted."""
    if importlib.util.find_spec("solara") is None:
        raise UserError(VIZ_HINT)
    if not 0 <= args.port <= 65535:
        raise UserError(f"--port {args.port}: use 0-65535")
    print(f"tightrope viz: serving on http://{args.host}:{args.port} (Ctrl-C stops)")
    cmd = server_command(args.host, args.port, open_browser=not args.no_open)
    return subprocess.call(cmd)  # noqa: S603 - our own interpreter and module
