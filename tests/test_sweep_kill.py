"""A sweep killed with SIGKILL part-way resumes to exactly the uninterrupted table."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pyarrow.parquet as pq
import pytest
from sweep_helpers import behaviour, write

KILLABLE = """
name = "killable"
replications = 10
root_seed = 99
[run]
days = 25
burn_in_days = 5
[fixed]
"staffing.reps" = 30
[design]
kind = "grid"
[design.factors]
"arrivals.rate" = [3.5, 4.0, 4.5]
[outputs]
daily = true
"""


def _cli(toml, results, *extra):
    env = {**os.environ, "TIGHTROPE_RESULTS": str(results)}
    cmd = [
        sys.executable,
        "-m",
        "tightrope.experiments.cli",
        "sweep",
        str(toml),
        "--quiet",
        *extra,
    ]
    return subprocess.Popen(  # noqa: S603 - our own CLI, fixed arguments
        cmd, env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


@pytest.mark.slow
def test_killed_sweep_resumes_without_loss_or_duplicates(tmp_path):
    """SIGKILL after some batches landed; the rerun completes to the reference table."""
    toml = write(tmp_path / "killable.toml", KILLABLE)
    batches = tmp_path / "killed" / "killable" / "batches"
    proc = _cli(toml, tmp_path / "killed", "--jobs", "2", "--batch-size", "1")
    deadline = time.monotonic() + 60
    while len(list(batches.glob("runs-*.parquet"))) < 4:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    landed = len(list(batches.glob("runs-*.parquet")))
    assert 4 <= landed < 30, "the sweep must be killed part-way"
    assert not (tmp_path / "killed" / "killable" / "runs.parquet").exists()
    for path in batches.glob("*.parquet"):  # every committed file is whole
        pq.read_table(path)

    resumed = _cli(toml, tmp_path / "killed", "--jobs", "2")
    out, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, err
    assert f"ran {30 - landed} of 30 runs ({landed} already done)" in out.decode()
    assert not list(batches.glob("*.tmp"))

    reference = _cli(toml, tmp_path / "whole", "--jobs", "2")
    assert reference.wait(timeout=120) == 0
    for table in ("runs", "daily"):
        got = pd.read_parquet(tmp_path / "killed" / "killable" / f"{table}.parquet")
        want = pd.read_parquet(tmp_path / "whole" / "killable" / f"{table}.parquet")
        assert len(got) == len(want) and got["run_id"].nunique() == 30
        pd.testing.assert_frame_equal(behaviour(got), behaviour(want))
