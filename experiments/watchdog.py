"""Worker processes that die with the sweep that started them.

A SIGTERM or Ctrl-C to ``tightrope sweep`` stops its workers (see
:mod:`tightrope.experiments.pool`), but a SIGKILL (or the OOM killer) gives
the parent no chance to: its workers kept computing their batch, for 16
minutes in one report, holding cores and memory. Each task therefore starts,
once per worker process, a daemon thread that polls the parent's pid and ends
the worker as soon as it has been re-parented (the parent died).

Polling ``os.getppid()`` rather than Linux's ``prctl(PR_SET_PDEATHSIG)``:
the latter fires when the *thread* that forked the worker exits, and a pool
may fork replacement workers from a helper thread, so a live sweep could
lose workers; polling is portable and immune to pid reuse (a re-parented
process's ``getppid()`` never returns the old value again).
"""

from __future__ import annotations

import os
import threading

POLL_S = 0.5
"""Seconds between checks: a worker outlives its parent by at most about this."""
EXIT_CODE = 75
"""Exit status of a worker ended by the watchdog (EX_TEMPFAIL: its runs are simply redone)."""

_watched: int | None = None
_lock = threading.Lock()


def watch_parent(parent: int | None) -> bool:
    """End this process when ``parent`` dies, if ``parent`` is this process's parent.

    Called by every task with the sweep's pid; a no-op when the task runs in the
    sweep's own process (``--jobs 1``) or on a dask worker (whose parent is its
    nanny, not the sweep), and after the first call in a worker. Returns whether
    a watchdog is active in this process.
    """
    global _watched
    with _lock:
        if _watched is not None:
            return True
        if parent is None or parent == os.getpid() or os.getppid() != parent:
            return False
        _watched = parent
    threading.Thread(target=_poll, args=(parent,), name="parent-watchdog", daemon=True).start()
    return True


def _poll(parent: int) -> None:
    event = threading.Event()
    while not event.wait(POLL_S):
        if os.getppid() != parent:
            os._exit(EXIT_CODE)  # no cleanup: the parent that would collect results is gone
