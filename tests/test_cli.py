"""The command line: JSON outputs, readable errors without tracebacks."""

import json

import pytest

from tightrope.experiments.cli import main


def test_queue_json_has_the_promised_keys(capsys):
    """`tightrope queue --json` prints one object with the validation and speed keys."""
    assert main(["queue", "--agents", "5", "--arrival-rate", "0.8", "--aht", "5",
                 "--patience", "3", "--minutes", "600", "--seed", "2", "--json"]) == 0  # fmt: skip
    out = json.loads(capsys.readouterr().out)
    for key in ("calls", "answered", "abandoned", "p_wait", "mean_wait", "p_abandon",
                "service_level_20s", "wall_s", "calls_per_s", "exact_p_wait"):  # fmt: skip
        assert key in out


def test_queue_without_steady_state_says_so(capsys):
    """Offered load >= agents without patience runs but shows no Erlang column."""
    assert main(["queue", "--agents", "2", "--arrival-rate", "1", "--aht", "3",
                 "--minutes", "200"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "no steady state" in out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["queue", "--agents", "0", "--arrival-rate", "1", "--aht", "3"], "--agents"),
        (["queue", "--agents", "3", "--arrival-rate", "-1", "--aht", "3"], "--arrival-rate"),
        (["run", "--regime", "bogus", "--days", "3"], "regime.name"),
        (["run", "--set", "regime.quota_stretch=-1", "--days", "3"], "regime.quota_stretch"),
        (["run", "--set", "nope.x=1", "--days", "3"], "nope.x"),
    ],
)
def test_bad_input_is_one_clear_line(argv, needle, capsys):
    """Bad input exits 2 with one line naming the parameter, no traceback."""
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert needle in err and "Traceback" not in err and len(err.splitlines()) == 1


def test_run_json_row(capsys):
    """`tightrope run --json` prints the result row, including calls and throughput."""
    assert main(["run", "--regime", "commission", "--days", "4", "--reps", "6",
                 "--set", "arrivals.rate=0.8", "--json"]) == 0  # fmt: skip
    row = json.loads(capsys.readouterr().out)
    assert row["regime"] == "commission"
    assert {"calls", "wall_s", "calls_per_s", "brand_harm_index"} <= set(row)


def test_params_prints_every_group(capsys):
    """`tightrope params` prints the Markdown table with sources."""
    assert main(["params"]) == 0
    out = capsys.readouterr().out
    for name in (
        "arrivals.rate",
        "regime.quota_stretch",
        "warmup.switch_cost",
        "attrition.base_hazard",
    ):
        assert f"| {name} |" in out
