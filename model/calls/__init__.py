"""Calls: the call record, arrivals, routing, the event loop of a day and call outcomes.

The day loop is compiled by numba with ``cache=True``. Numba invalidates a
function's cached machine code only when the function's own file changes,
not when a compiled function it calls (in another file) or a constant it reads
changes; so the cache directory is keyed here by a hash of the source files
the compiled functions are built from (:data:`COMPILED`), set before any of
them is defined. A change to any
of them compiles afresh (once: later processes, joblib's workers included, load
the new cache). ``NUMBA_CACHE_DIR``, when set, is the parent of that directory.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numba

#: The modules of compiled functions and of the constants they read (numba bakes
#: globals in as constants).
COMPILED = ("kernel", "outcomes", "sale", "outbound", "routing", "layout", "record", "tally")


def _cache_dir() -> str:
    """A numba cache directory for exactly this package's sources."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in COMPILED:
        digest.update((here / f"{name}.py").read_bytes())
    parent = os.environ.get("NUMBA_CACHE_DIR") or str(here / "__pycache__")
    return os.path.join(parent, f"tightrope-{digest.hexdigest()[:16]}")


numba.config.CACHE_DIR = _cache_dir()
