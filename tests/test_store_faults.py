"""Store faults: damaged or missing manifests, a read-only store, kills at random moments."""

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sweep_helpers import TINY, behaviour, child_pids, write

from tightrope.experiments import store as store_module
from tightrope.experiments.cli import main
from tightrope.experiments.errors import StoreError
from tightrope.experiments.execute import sweep
from tightrope.experiments.spec import load_experiment, parse_experiment
from tightrope.experiments.store import Store

FAKE = "sweep_fakes:fake"
SMALL = """
name = "faulty"
replications = 3
root_seed = 7
[run]
days = 3
burn_in_days = 0
[design]
kind = "grid"
[design.factors]
"arrivals.rate" = [0.5, 1.0]
"""


def _sweep(tmp_path, **kw):
    exp = parse_experiment(kw.pop("text", SMALL))
    return sweep(exp, jobs=1, quiet=True, runner=FAKE, results_root=tmp_path, **kw)


DAMAGE = {
    "missing": None,
    "not json": "{oops",
    "a list": "[1, 2]",
    "no sessions": '{"experiment_sha256": "x"}',
    "empty object": "{}",
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_damaged_or_missing_manifest_is_rebuilt_from_batches(tmp_path, damage):
    _sweep(tmp_path, replications=1, batch_size=1)
    manifest = tmp_path / "faulty" / "manifest.json"
    if DAMAGE[damage] is None:
        manifest.unlink()
    else:
        manifest.write_text(DAMAGE[damage])
    report = _sweep(tmp_path)
    assert report.skipped == 2 and report.ran == 4  # the 2 finished runs were kept
    rebuilt = Store(tmp_path / "faulty").manifest()["rebuilt"]
    assert rebuilt["runs_found"] == 2 and rebuilt["reason"].startswith("manifest ")
    assert len(pd.read_parquet(report.table)) == 6


def test_rebuild_refuses_runs_of_another_experiment(tmp_path):
    _sweep(tmp_path, replications=1)
    directory = tmp_path / "faulty"
    (directory / "manifest.json").unlink()
    (directory / "experiment.toml").unlink()
    other = SMALL.replace("[0.5, 1.0]", "[0.7, 1.0]")
    with pytest.raises(StoreError, match=r"run p00000-r000 has arrivals.rate unlike"):
        _sweep(tmp_path, text=other)


def test_session_left_running_by_a_kill_is_marked_interrupted(tmp_path):
    _sweep(tmp_path, replications=1)
    path = tmp_path / "faulty" / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["sessions"][-1]["status"] = "running"  # as a SIGKILL leaves it
    path.write_text(json.dumps(manifest))
    _sweep(tmp_path)
    statuses = [s["status"] for s in Store(tmp_path / "faulty").manifest()["sessions"]]
    assert statuses == ["interrupted", "finished"]


def _read_only(monkeypatch):
    def refuse(path, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(store_module, "_atomic_write_parquet", refuse)
    monkeypatch.setattr(store_module, "_atomic_write_text", refuse)


@pytest.mark.parametrize("command", ["sweep", "collect"])
def test_read_only_store_is_one_line_exit_2(tmp_path, monkeypatch, capsys, command):
    path = tmp_path / "faulty.toml"
    path.write_text(SMALL)
    results = str(tmp_path / "r")
    base = ["--results", results]
    assert main(["sweep", str(path), "--jobs", "1", "--quiet", "--runner", FAKE,
                 "--replications", "1", *base]) == 0  # fmt: skip
    capsys.readouterr()
    _read_only(monkeypatch)
    args = {"sweep": ["sweep", str(path), "--jobs", "1", "--quiet", "--runner", FAKE],
            "collect": ["collect", "faulty"]}[command]  # fmt: skip
    assert main([*args, *base]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Read-only file system" in err and "Traceback" not in err
    assert len(list((tmp_path / "r" / "faulty" / "batches").glob("runs-*"))) >= 1


def test_full_disk_mid_sweep_keeps_committed_runs(tmp_path, monkeypatch, capsys):
    path = tmp_path / "faulty.toml"
    path.write_text(SMALL)
    real = store_module._atomic_write_parquet
    writes = []

    def fill_up(target, frame):
        writes.append(target)
        if len(writes) > 3:  # design + two batches fit, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        real(target, frame)

    monkeypatch.setattr(store_module, "_atomic_write_parquet", fill_up)
    code = main(["sweep", str(path), "--jobs", "1", "--quiet", "--runner", FAKE,
                 "--batch-size", "1", "--results", str(tmp_path / "r")])  # fmt: skip
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1
    assert "No space left on device" in err and "2 runs committed" in err and "kept" in err
    monkeypatch.setattr(store_module, "_atomic_write_parquet", real)
    report = _sweep(tmp_path / "r")
    assert report.skipped == 2 and report.ran == 4


def _cli(toml, results, env_extra):
    env = {**os.environ, "TIGHTROPE_RESULTS": str(results), **env_extra}
    cmd = [sys.executable, "-m", "tightrope.experiments.cli", "sweep", str(toml), "--quiet",
           "--jobs", "1", "--batch-size", "1", "--runner", FAKE]  # fmt: skip
    return subprocess.Popen(  # noqa: S603 - our own CLI, fixed arguments
        cmd, env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


@pytest.mark.slow
def test_kill_at_random_moments_then_resume_gives_the_whole_table(tmp_path):
    toml = tmp_path / "faulty.toml"
    toml.write_text(SMALL.replace("replications = 3", "replications = 10"))
    slow = {"FAKE_RUN_SECONDS": "0.05"}
    moments = np.random.default_rng(16).uniform(0.5, 4.0, size=3)  # seconds after start
    for moment in moments:
        proc = _cli(toml, tmp_path / "killed", slow)
        time.sleep(moment)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    resumed = _cli(toml, tmp_path / "killed", {})
    assert resumed.wait(timeout=300) == 0, resumed.communicate()[1]
    reference = _cli(toml, tmp_path / "whole", {})
    assert reference.wait(timeout=300) == 0
    got = pd.read_parquet(tmp_path / "killed" / "faulty" / "runs.parquet")
    want = pd.read_parquet(tmp_path / "whole" / "faulty" / "runs.parquet")
    assert got["run_id"].is_unique and len(got) == 20
    pd.testing.assert_frame_equal(behaviour(got), behaviour(want))
    sessions = Store(tmp_path / "killed" / "faulty").manifest()["sessions"]
    assert sessions[-1]["status"] == "finished"
    assert all(s["status"] in ("interrupted", "finished") for s in sessions)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_sigterm_stops_the_workers_and_keeps_finished_runs(tmp_path):
    toml = tmp_path / "faulty.toml"
    toml.write_text(SMALL.replace("replications = 3", "replications = 40"))
    env = {**os.environ, "TIGHTROPE_RESULTS": str(tmp_path / "r"), "FAKE_RUN_SECONDS": "0.5"}
    cmd = [sys.executable, "-m", "tightrope.experiments.cli", "sweep", str(toml), "--quiet",
           "--jobs", "2", "--batch-size", "1", "--runner", FAKE]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE)  # noqa: S603
    batches = tmp_path / "r" / "faulty" / "batches"
    deadline = time.monotonic() + 120
    while len(list(batches.glob("runs-*.parquet"))) < 2:
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.1)
    workers = child_pids(proc.pid)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 130
    time.sleep(2)
    alive = [w for w in workers if Path(f"/proc/{w}").exists()]
    assert not alive, f"workers {alive} outlived the sweep"
    assert Store(tmp_path / "r" / "faulty").manifest()["sessions"][-1]["status"] == "interrupted"


def test_collect_during_a_sweep_says_the_table_is_partial(tmp_path, capsys):
    import fcntl

    path = tmp_path / "faulty.toml"
    path.write_text(SMALL)
    results = ["--results", str(tmp_path / "r")]
    assert main(["sweep", str(path), "--jobs", "1", "--quiet", "--runner", FAKE, *results]) == 0
    capsys.readouterr()
    with open(tmp_path / "r" / "faulty" / ".lock", "w") as held:  # as a running sweep holds it
        fcntl.flock(held, fcntl.LOCK_EX)
        assert main(["collect", "faulty", *results]) == 0
    assert "still writing" in capsys.readouterr().err
    assert main(["collect", "faulty", *results]) == 0
    assert "still writing" not in capsys.readouterr().err


def test_sweep_line_counts_runs_beyond_the_plan(tmp_path, capsys):
    path = tmp_path / "faulty.toml"
    path.write_text(SMALL)
    args = ["sweep", str(path), "--jobs", "1", "--quiet", "--runner", FAKE,
            "--results", str(tmp_path / "r")]  # fmt: skip
    assert main(args) == 0
    capsys.readouterr()
    assert main([*args, "--replications", "2"]) == 0
    out = capsys.readouterr().out
    assert "ran 0 of 4 runs (4 already done)" in out and "(6 runs in all" in out


def test_collect_after_a_preread_gives_the_same_tables(tmp_path):
    """Batches read while the last runs finish are not read again, and change nothing."""
    exp = load_experiment(write(tmp_path / "tiny.toml", TINY))
    sweep(exp, jobs=1, quiet=True, batch_size=4, runner=FAKE, results_root=tmp_path)
    fresh = Store(tmp_path / "tiny")
    warm = Store(tmp_path / "tiny")
    warm.preread()
    assert len(warm._frames) == 2 * len(list(warm.batches.glob("runs-*.parquet")))
    for kind in ("runs", "daily"):
        pd.testing.assert_frame_equal(fresh.table(kind), warm.table(kind))
