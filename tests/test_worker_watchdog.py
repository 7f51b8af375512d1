"""Workers die with the sweep that started them, even when it is SIGKILLed (issue 16)."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sweep_helpers import child_pids

from tightrope.experiments import watchdog
from tightrope.experiments.execute import sweep
from tightrope.experiments.spec import parse_experiment
from tightrope.experiments.store import Store

LINUX = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
FAKE = "sweep_fakes:fake"
LONG = """
name = "orphans"
replications = 20
root_seed = 3
[run]
days = 3
burn_in_days = 0
[design]
kind = "grid"
[design.factors]
"arrivals.rate" = [0.5, 1.0]
"""
# A middle process starts a worker that watches it, prints the worker's pid, then waits.
# The watchdog module is loaded by path so the processes start in well under a second.
MIDDLE = """
import subprocess, sys, time
worker = subprocess.Popen([sys.executable, "-c", sys.argv[1], sys.argv[2]])
print(worker.pid, flush=True)
time.sleep(600)
"""
WORKER = """
import importlib.util, os, sys, time
spec = importlib.util.spec_from_file_location("watchdog", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
assert module.watch_parent(os.getppid())
time.sleep(600)
"""


def _alive(pid: int) -> bool:
    """Whether ``pid`` is a live process (not gone, not a zombie)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _gone_within(pids: list[int], seconds: float) -> list[int]:
    """Poll until every pid has ended; return those still alive after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = [p for p in pids if _alive(p)]
        if not alive:
            return []
        time.sleep(0.1)
    return [p for p in pids if _alive(p)]


def test_no_watchdog_in_the_sweeps_own_process_or_for_a_foreign_parent():
    assert not watchdog.watch_parent(None)
    assert not watchdog.watch_parent(os.getpid())  # --jobs 1: the task runs in the sweep
    assert not watchdog.watch_parent(os.getppid() + 10**7)  # a dask worker: parent is its nanny
    assert watchdog._watched is None


@LINUX
def test_a_watched_worker_ends_soon_after_its_parent_is_killed():
    middle = subprocess.Popen(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", MIDDLE, WORKER, watchdog.__file__],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        worker = int(middle.stdout.readline())
        time.sleep(1.0)  # let the worker load the module and start its watchdog
        assert _alive(worker)
        middle.kill()
        middle.wait()
        assert not _gone_within([worker], 5 * watchdog.POLL_S + 2), "worker outlived its parent"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(middle.pid, signal.SIGKILL)


@pytest.mark.slow
@LINUX
def test_sigkill_to_a_sweep_leaves_no_worker_and_the_next_start_marks_it_interrupted(tmp_path):
    toml = tmp_path / "orphans.toml"
    toml.write_text(LONG)
    # Each run takes 8 s, so a worker is mid-run when its sweep is killed; without the
    # watchdog it would finish that run (and the rest of its batch) before noticing.
    env = {**os.environ, "TIGHTROPE_RESULTS": str(tmp_path / "r"), "FAKE_RUN_SECONDS": "8"}
    cmd = [sys.executable, "-m", "tightrope.experiments.cli", "sweep", str(toml), "--quiet",
           "--jobs", "2", "--batch-size", "1", "--runner", FAKE]  # fmt: skip
    proc = subprocess.Popen(  # noqa: S603 - our own CLI, fixed arguments
        cmd, env=env, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        batches = tmp_path / "r" / "orphans" / "batches"
        deadline = time.monotonic() + 180
        while not list(batches.glob("runs-*.parquet")):  # a first run is done: workers are busy
            assert proc.poll() is None, proc.communicate()[1]
            assert time.monotonic() < deadline, "no run finished in 180 s"
            time.sleep(0.1)
        workers = child_pids(proc.pid)
        assert workers, "no worker processes found"
        proc.kill()  # SIGKILL to the sweep alone: nothing can run in it to stop the workers
        proc.wait()
        alive = _gone_within(workers, 5.0)
        assert not alive, f"workers {alive} outlived the SIGKILLed sweep"
    finally:
        with contextlib.suppress(ProcessLookupError):  # so a failure leaks nothing
            os.killpg(proc.pid, signal.SIGKILL)
    # The next start (in-process, fast runs) resumes and records the killed session.
    report = sweep(parse_experiment(LONG), jobs=1, quiet=True, runner=FAKE,
                   results_root=tmp_path / "r")  # fmt: skip
    assert report.skipped >= 1 and report.skipped + report.ran == 40
    statuses = [s["status"] for s in Store(tmp_path / "r" / "orphans").manifest()["sessions"]]
    assert statuses == ["interrupted", "finished"]
