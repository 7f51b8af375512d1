"""Results where the user works, experiment files found by name, strict JSON output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import tightrope
from tightrope.experiments import paths
from tightrope.experiments.cli import STORE_COMMANDS, build_parser, main
from tightrope.model.params import spec_of

TINY = """
name = "tiny"
replications = 2
root_seed = 7

[run]
days = 3
burn_in_days = 1

[fixed]
"staffing.reps" = 8
"arrivals.rate" = 0.9

[design]
kind = "grid"

[design.factors]
"regime.name" = ["service_only", "commission"]

[outputs]
daily = true
"""


def _reject_nan(token: str) -> None:
    raise ValueError(f"invalid JSON constant {token}")


def strict_loads(text: str) -> object:
    """Parse JSON the way jq and JavaScript do: NaN and Infinity are errors."""
    return json.loads(text, parse_constant=_reject_nan)


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """An empty working directory with no results override in the environment."""
    monkeypatch.delenv(paths.RESULTS_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_store_defaults_to_results_under_the_working_directory(workdir):
    (workdir / "experiments").mkdir()
    (workdir / "experiments" / "tiny.toml").write_text(TINY)
    assert main(["sweep", "tiny", "--jobs", "1", "--quiet"]) == 0
    assert (workdir / "results" / "tiny" / "runs.parquet").is_file()
    runs = tightrope.load("tiny")
    assert len(runs) == 4 and set(runs["regime.name"]) == {"service_only", "commission"}
    daily = tightrope.load("tiny", table="daily")
    assert sorted(daily["day"].unique()) == [1, 2, 3]


def test_results_flag_and_environment_choose_the_store(workdir, monkeypatch):
    exp = workdir / "tiny.toml"
    exp.write_text(TINY)
    assert main(["sweep", str(exp), "--jobs", "1", "--quiet", "--results", "elsewhere"]) == 0
    assert (workdir / "elsewhere" / "tiny" / "runs.parquet").is_file()
    assert not (workdir / "results").exists()
    assert main(["collect", "tiny", "--results", "elsewhere"]) == 0
    assert main(["collect", "tiny"]) == 2  # nothing in ./results
    monkeypatch.setenv(paths.RESULTS_ENV, str(workdir / "elsewhere"))
    assert main(["collect", "tiny"]) == 0
    assert paths.results_root() == workdir / "elsewhere"


def test_every_store_command_takes_results():
    parser = build_parser()
    for name in STORE_COMMANDS:
        args = parser.parse_args([name, *(["x"] if name in ("sweep", "collect") else [])])
        assert args.results is None
        assert hasattr(args, "handler")


def test_api_sweep_takes_toml_text_and_a_results_dir(workdir):
    runs = tightrope.sweep(TINY, jobs=1, results=workdir / "store")
    assert len(runs) == 4 and (workdir / "store" / "tiny" / "manifest.json").is_file()
    again = tightrope.load("tiny", results=workdir / "store")
    assert again["run_id"].tolist() == runs["run_id"].tolist()
    assert not (workdir / "results").exists()


def test_experiment_lookup_order(workdir):
    """A path first, then ./experiments/<name>.toml, then the shipped file."""
    assert paths.experiment_file("smoke") == paths.SHIPPED_EXPERIMENTS / "smoke.toml"
    (workdir / "experiments").mkdir()
    (workdir / "experiments" / "smoke.toml").write_text(TINY)
    assert paths.experiment_file("smoke") == workdir / "experiments" / "smoke.toml"
    assert paths.experiment_file("smoke.toml") == workdir / "experiments" / "smoke.toml"
    (workdir / "mine.toml").write_text(TINY)
    assert paths.experiment_file("mine.toml") == Path("mine.toml")
    with pytest.raises(Exception, match="no experiment 'nothing'.*shipped experiment"):
        paths.experiment_file("nothing")


@pytest.mark.parametrize("regime", spec_of("regime.name").choices)
def test_run_json_is_strict_for_every_regime(regime, capsys):
    """``--json`` prints NaN/inf as null: a NaN-rejecting parser reads it."""
    argv = ["run", "--json", "--regime", regime, "--days", "2", "--reps", "6"]
    assert main([*argv, "--set", "arrivals.rate=0.5"]) == 0
    data = strict_loads(capsys.readouterr().out)
    assert data["regime"] == regime
    assert any(value is None for value in data.values())  # a 2-day run leaves KPIs undefined


def test_queue_json_is_strict(capsys):
    argv = ["queue", "--agents", "2", "--arrival-rate", "1", "--aht", "3", "--minutes", "200"]
    assert main([*argv, "--json"]) == 0
    data = strict_loads(capsys.readouterr().out)
    assert data["steady_state"] is False


def test_cli_json_from_a_shell_pipe(workdir):
    """The issue's check, as a user runs it: the console script piped into a strict parser."""
    script = Path(sys.executable).with_name("tightrope")
    out = subprocess.run(  # noqa: S603 - our own console script, fixed arguments
        [str(script), "run", "--json", "--days", "2", "--reps", "6", "--regime", "commission"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ},
    )
    assert strict_loads(out.stdout)["regime"] == "commission"
