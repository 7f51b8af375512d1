"""`tightrope run`'s progress bar: per simulated day, stderr, terminal only, never --quiet."""

import json
import sys

import pytest

from tightrope.experiments import model_cli
from tightrope.experiments.cli import main

RUN = ["run", "--days", "5", "--reps", "6", "--set", "staffing.day_minutes=120", "--json"]
MACHINE = ("wall_s", "calls_per_s")


def _run(capsys, *extra):
    assert main([*RUN, *extra]) == 0
    captured = capsys.readouterr()
    row = {k: v for k, v in json.loads(captured.out).items() if k not in MACHINE}
    return row, captured.err


def test_no_bar_without_a_terminal(capsys):
    _, err = _run(capsys)
    assert err == ""


def test_forced_bar_counts_the_days_and_leaves_results_unchanged(capsys):
    plain, _ = _run(capsys)
    row, err = _run(capsys, "--progress")
    assert "5/5" in err and "day" in err
    assert row == plain
    assert _run(capsys, "--progress", "--quiet")[1] == ""


@pytest.mark.parametrize(("quiet", "shown"), [(False, True), (True, False)])
def test_on_a_terminal_the_bar_shows_unless_quiet(capsys, monkeypatch, quiet, shown):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr(model_cli, "BAR_DELAY_S", 0.0)  # a short run, shown at once
    _, err = _run(capsys, *(["--quiet"] if quiet else []))
    assert ("5/5" in err) is shown
