"""Shared pieces of the sweep tests: a tiny experiment, table comparison, child processes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tightrope.experiments.runner import TIMING_COLUMNS

TINY = """
name = "tiny"
description = "a few milliseconds per run of the real model"
replications = 3
root_seed = 20261124

[run]
days = 4
burn_in_days = 1

[fixed]
"staffing.reps" = 5
"staffing.day_minutes" = 120.0

[design]
kind = "grid"

[design.factors]
"arrivals.rate" = [0.5, 1.0]
"staffing.routing" = ["longest_idle", "skills_based"]

[outputs]
daily = true
"""


def write(path: Path, text: str) -> Path:
    """Write an experiment file and return its path."""
    path.write_text(text)
    return path


def behaviour(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows sorted by run (and day), timing columns dropped: what must be reproducible."""
    keys = ["run_id", "day"] if "day" in frame else ["run_id"]
    kept = frame.drop(columns=[c for c in TIMING_COLUMNS if c in frame])
    return kept.sort_values(keys).reset_index(drop=True)


def child_pids(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    kids = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines())
        except (OSError, ValueError):
            continue
        if fields.get("PPid", "").strip() == str(pid):
            kids.append(int(status.parent.name))
    return kids
