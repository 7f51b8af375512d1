"""Giving a finished run's memory back, so long sweeps in one process stay flat.

Two separate effects made a process grow with every run:

- Mesa 3.3.1 numbers agents from a class-level ``Agent._ids`` dict keyed by
  the model, so every model ever built stayed referenced (about 1.5 MB per
  run; upstream mesa#3179, fixed after 3.3.1). :class:`ModelCounters` keeps
  Mesa's numbering (1, 2, ... per model) but holds models weakly; agent
  classes opt in with ``_ids = ModelCounters()``, which
  ``mesa.Agent.__init__`` reads as ``self._ids[model]``.
- Once models are freed, glibc keeps the freed heap pages (its trim threshold
  adapts upwards after large numpy/pandas frees), about 0.3 MB per run.
  :func:`release_memory` asks the C allocator to return free pages
  (``malloc_trim``) after each run; it costs well under a millisecond against
  runs of a tenth of a second or more. The models are reference cycles
  (agents and helpers point back at them), freed only by the cyclic garbage
  collector, whose full passes are otherwise rare; a full pass costs a large
  fraction of a short run, so it runs every ``COLLECT_EVERY`` runs.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import itertools
import weakref
from functools import cache
from typing import Any


class ModelCounters(weakref.WeakKeyDictionary):
    """A weak-keyed ``defaultdict(lambda: itertools.count(1))``."""

    def __getitem__(self, model: Any) -> itertools.count:
        try:
            return super().__getitem__(model)
        except KeyError:
            counter = itertools.count(1)
            self[model] = counter
            return counter


@cache
def _malloc_trim() -> Any:
    """The C library's ``malloc_trim`` (glibc only), else None (macOS, musl)."""
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None


COLLECT_EVERY = 16
"""Runs between full garbage collections (a full collection costs about a third
of a short run; every 16th run bounds the garbage to 16 models, about 25 MB)."""

_runs = itertools.count(1)


def release_memory() -> None:
    """Free finished models (every ``COLLECT_EVERY`` runs) and return free pages to the OS."""
    if next(_runs) % COLLECT_EVERY == 0:
        gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
