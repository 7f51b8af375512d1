"""`tightrope paper` refuses missing or partial results and adds exact Erlang values."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from sweep_helpers import TINY

from tightrope.experiments.cli import main
from tightrope.experiments.errors import UserError
from tightrope.experiments.execute import sweep
from tightrope.experiments.paper_cli import PAPER_EXPERIMENTS, load_complete, with_exact_erlang
from tightrope.experiments.spec import parse_experiment
from tightrope.model.validation import theory


def test_paper_only_build_fails_loudly_without_results(tmp_path, monkeypatch, capsys):
    """No results store: exit 2, one line naming the experiment, and no paper written."""
    monkeypatch.setenv("TIGHTROPE_RESULTS", str(tmp_path / "results"))
    out = tmp_path / "paper"
    assert main(["paper", "--only-build", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"no results for experiment {PAPER_EXPERIMENTS[0]!r}" in err
    assert "--only-build" in err
    assert not (out / "paper.md").exists()


def test_partial_results_are_refused(tmp_path):
    """A store with fewer runs than the experiment plans is an error, not a thinner paper."""
    exp = parse_experiment(TINY)
    sweep(exp, jobs=1, replications=1, quiet=True, results_root=tmp_path)
    with pytest.raises(UserError, match=r"has 4 of 12 runs"):
        load_complete_at(exp, tmp_path)
    sweep(exp, jobs=1, quiet=True, results_root=tmp_path)
    runs, daily = load_complete_at(exp, tmp_path)
    assert len(runs) == exp.n_runs and daily is not None and len(daily)


def load_complete_at(exp, root):
    """``load_complete`` against a results root other than the default."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TIGHTROPE_RESULTS", str(root))
        return load_complete(exp)


def test_exact_erlang_values_come_from_theory():
    """Erlang C rows get no abandonment comparison; Erlang A rows get all four metrics."""
    runs = pd.DataFrame(
        {
            "replication": [0, 0],
            "staffing.reps": [10, 10],
            "arrivals.rate": [1.8, 2.0],
            "service.aht": [5.0, 5.0],
            "service.abandonment": [False, True],
            "service.patience": [3.0, 4.0],
            "p_wait": [0.6, 0.5],
            "mean_wait_s": [200.0, 30.0],
            "abandon_rate": [0.0, 0.13],
            "service_level": [0.4, 0.6],
        }
    )
    table = with_exact_erlang(runs)
    c, a = theory.erlang_c(10, 1.8, 5.0), theory.erlang_a(10, 2.0, 5.0, 4.0)
    assert math.isnan(table.loc[0, "patience"]) and table.loc[1, "patience"] == 4.0
    assert table.loc[0, "exact_p_wait"] == pytest.approx(c.p_wait)
    assert math.isnan(table.loc[0, "exact_p_abandon"])
    assert table.loc[1, "exact_p_abandon"] == pytest.approx(a.p_abandon)
    assert table.loc[1, "exact_service_level_20s"] == pytest.approx(a.service_level(20 / 60))
    assert table.loc[0, "mean_wait"] == pytest.approx(200 / 60)
    assert table["case"].str.startswith(("C:", "A:")).all()


def test_quick_build_caps_replications_and_sobol_samples():
    """The quick variant keeps every design point but few replications and a small Sobol N."""
    from tightrope.experiments import paths
    from tightrope.experiments.paper_cli import (
        QUICK_REPLICATIONS,
        QUICK_SOBOL_SAMPLES,
        quick_experiment,
    )
    from tightrope.experiments.spec import load_experiment

    for name in ("regimes", "sensitivity"):
        full, quick = load_experiment(paths.experiment_file(name)), quick_experiment(name)
        assert quick.replications == min(full.replications, QUICK_REPLICATIONS)
        assert quick.sha256 != full.sha256 or full.replications <= QUICK_REPLICATIONS
    assert (
        quick_experiment("regimes").n_points
        == load_experiment(paths.experiment_file("regimes")).n_points
    )
    assert quick_experiment("sensitivity").design.samples == QUICK_SOBOL_SAMPLES


def test_fresh_reaches_every_paper_sweep_and_refuses_only_build(tmp_path, monkeypatch, capsys):
    """--fresh discards each paper experiment's old store; refused with --only-build.

    The sweep is stubbed: it records its arguments and stops the build.
    """
    import tightrope.experiments.paper_cli as paper_cli

    monkeypatch.setenv("TIGHTROPE_RESULTS", str(tmp_path / "results"))
    seen = []

    class Stop(Exception):
        pass

    def recorder(exp, **kwargs):
        seen.append((exp.name, kwargs.get("fresh")))
        raise Stop

    monkeypatch.setattr(paper_cli, "sweep", recorder)
    with pytest.raises(Stop):
        main(["paper", "--fresh", "--quiet", "--out", str(tmp_path / "paper")])
    assert seen == [(PAPER_EXPERIMENTS[0], True)]
    with pytest.raises(Stop):
        main(["paper", "--quiet", "--out", str(tmp_path / "paper")])
    assert seen[-1] == (PAPER_EXPERIMENTS[0], False)
    assert main(["paper", "--fresh", "--only-build", "--out", str(tmp_path / "paper")]) == 2
    assert "--fresh discards the results --only-build would read" in capsys.readouterr().err
