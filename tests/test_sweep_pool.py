"""The sweep's local pool: warm forked workers, chunks sized for a short tail, clean stops."""

from __future__ import annotations

import functools
import os
import sys
import time

import pandas as pd
import pytest
from sweep_fakes import fake
from sweep_helpers import TINY, child_pids, write

from tightrope.experiments import pool
from tightrope.experiments.execute import _BatchWriter, sweep
from tightrope.experiments.pool import chunk_size, local_pool
from tightrope.experiments.runner import RunRows, RunSpec, daily_table, plan_runs, run_spec
from tightrope.experiments.spec import load_experiment


def test_chunks_start_at_one_then_hold_about_chunk_s_of_work_and_shrink_at_the_end():
    assert chunk_size(None, 1000, 2) == 1  # nothing measured yet
    assert chunk_size(2.0, 1000, 2) == 1  # long runs: one a task
    assert chunk_size(pool.CHUNK_S / 10, 1000, 2) == 10
    assert chunk_size(1e-5, 100_000, 2) == pool.MAX_CHUNK
    assert chunk_size(pool.CHUNK_S / 10, 24, 2) == 3  # a quarter of each worker's share
    assert chunk_size(pool.CHUNK_S / 10, 3, 2) == 1


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork on Linux only")
def test_workers_fork_from_the_sweep_and_start_within_a_second(tmp_path):
    """Two workers share the runs; each starts well before a fresh one could import.

    A spawned worker imports tightrope for about 2 s before its first task.
    """
    assert pool.START_METHOD == "fork"
    exp = load_experiment(write(tmp_path / "tiny.toml", TINY))
    report = sweep(exp, jobs=2, quiet=True, results_root=tmp_path)
    runs = pd.read_parquet(report.table)
    assert runs["worker_pid"].nunique() == 2
    assert (runs["task_start"] <= runs["task_end"]).all()
    assert (runs["task_end"] - runs["task_start"] >= runs["run_s"]).all()
    first = runs.groupby("worker_pid")["task_start"].min() - report.started
    assert first.between(0, 1.0).all(), first
    assert report.started + report.wall_s >= runs["task_end"].max()
    assert set(report.parent_s) == {"load", "write", "collect", "cpu"}


def _boom(spec: RunSpec) -> RunRows:
    if spec.replication == 1:
        raise ArithmeticError(f"run {spec.run_id} failed")
    time.sleep(0.05)
    return run_spec(spec, runner=fake)


def test_a_failing_run_raises_its_error_and_no_worker_is_left(tmp_path):
    exp = load_experiment(write(tmp_path / "tiny.toml", TINY))
    specs = list(plan_runs(exp))
    # Other tests' idle workers (loky keeps its reusable pool alive) are not this pool's.
    before = set(child_pids_alive())
    with pytest.raises(ArithmeticError, match="failed"), local_pool(2) as run:
        for _ in run(_boom, specs, len(specs)):
            pass
    alive = set(child_pids_alive()) - before
    assert not alive, [open(f"/proc/{p}/cmdline").read() for p in alive]


def child_pids_alive() -> list[int]:
    """This process's running children (not zombies, not multiprocessing's resource tracker)."""
    alive = []
    for pid in child_pids(os.getpid()):
        try:
            with open(f"/proc/{pid}/stat") as stat, open(f"/proc/{pid}/cmdline") as cmd:
                zombie = stat.read().split(") ", 1)[1][0] == "Z"
                if not zombie and "resource_tracker" not in cmd.read():
                    alive.append(pid)
        except OSError:
            continue
    return alive


def test_every_run_comes_back_once_whatever_the_chunking(tmp_path, monkeypatch):
    monkeypatch.setattr(pool, "CHUNK_S", 10.0)  # fast fake runs: big chunks
    text = TINY.replace("replications = 3", "replications = 25")
    exp = load_experiment(write(tmp_path / "tiny.toml", text))
    specs = list(plan_runs(exp))
    task = functools.partial(run_spec, runner=fake)
    with local_pool(2) as run:
        ids = [rows.summary["run_id"] for rows in run(task, specs, len(specs))]
    assert sorted(ids) == sorted(s.run_id for s in specs) and len(ids) == 100


def test_once_a_worker_is_idle_each_run_is_written_as_it_comes():
    """From run 9 of 10 on (two workers, one idle) the buffer is written at once.

    A batch of 50 would have waited for the last run: nine runs' write at the end.
    """

    class Batches(list):
        prereads: list[int] = []

        def write_batch(self, rows: list[RunRows]) -> None:
            self.append(len(rows))

        def preread(self) -> None:  # the final collect's reading, done while a core is idle
            self.prereads.append(sum(self))

    store = Batches()
    writer = _BatchWriter(store, 50, idle_from=9)
    for _ in range(10):
        writer.add(RunRows({"run_s": 0.1}, None))
    writer.flush()
    assert store == [9, 1] and writer.committed == 10
    assert store.prereads == [9, 10]  # after each write of the idle phase, not before


def test_the_daily_table_puts_each_runs_ids_on_its_own_rows():
    """Ids are added once a batch: run a's two days carry a's ids, run b's three b's."""
    ids = [{"run_id": n, "point_id": p, "replication": 0, "seed": 2**62 + p} for n, p in
           (("a", 0), ("none", 1), ("b", 2))]  # fmt: skip
    frames = [pd.DataFrame({"day": [0, 1]}), None, pd.DataFrame({"day": [0, 1, 2]})]
    table = daily_table([RunRows(i, f) for i, f in zip(ids, frames, strict=True)])
    assert list(table.columns) == ["run_id", "point_id", "replication", "seed", "day"]
    assert table["run_id"].tolist() == ["a", "a", "b", "b", "b"]
    assert table["seed"].tolist() == [2**62] * 2 + [2**62 + 2] * 3
    assert table["day"].tolist() == [0, 1, 0, 1, 2]
    assert daily_table([RunRows(ids[1], None)]) is None


def test_a_worker_killed_mid_run_is_a_clear_error_and_the_sweep_resumes(tmp_path):
    """The OOM killer's SIGKILL: one line naming the cause; finished runs kept; rerun resumes."""
    from tightrope.experiments.errors import UserError
    from tightrope.experiments.store import Store

    text = TINY.replace('"staffing.reps" = 5\n', "").replace(
        '"arrivals.rate" = [0.5, 1.0]', '"arrivals.rate" = [0.5, 1.0]\n"staffing.reps" = [5, 7]'
    )
    exp = load_experiment(write(tmp_path / "tiny.toml", text))
    before = set(child_pids_alive())
    with pytest.raises(UserError, match="worker process died.*rerun to resume"):
        sweep(exp, jobs=2, quiet=True, runner="sweep_fakes:dies_on_reps", results_root=tmp_path)
    assert not set(child_pids_alive()) - before
    kept = len(Store(tmp_path / "tiny").finished_run_ids())
    assert kept < exp.n_runs
    report = sweep(exp, jobs=2, quiet=True, runner="sweep_fakes:fake", results_root=tmp_path)
    assert report.skipped == kept and report.ran == exp.n_runs - kept
