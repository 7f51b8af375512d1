"""Huge designs are sized without being built; sweeps above the limit need confirming."""

import time

import pytest

from tightrope.experiments.catalog import catalog
from tightrope.experiments.errors import ExperimentError, UserError
from tightrope.experiments.execute import MAX_RUNS, sweep
from tightrope.experiments.spec import parse_experiment
from tightrope.model.params import ParameterError, Params

HEADER = (
    'name = "{name}"\nreplications = {reps}\nroot_seed = 1\n[run]\ndays = 2\nburn_in_days = 0\n'
)
# 10 x 10 x 10 x 11 x 10 x 10 x 10 = 11,000,000 points
HUGE_GRID = (
    '[design]\nkind = "grid"\n[design.factors]\n'
    '"arrivals.rate" = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4]\n'
    '"service.aht" = [3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5]\n'
    '"staffing.reps" = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14]\n'
    '"regime.quota_stretch" = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n'
    '"service.patience" = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]\n'
    '"arrivals.sales_rate" = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]\n'
    '"staffing.day_minutes" = [400.0, 410.0, 420.0, 430.0, 440.0, 450.0, 460.0, 470.0, '
    "480.0, 490.0]\n"
)
HUGE_SOBOL = (
    '[design]\nkind = "sobol"\nsamples = 1048576\n[design.factors]\n'
    '"arrivals.rate" = {low = 0.5, high = 2.0}\n"service.aht" = {low = 3.0, high = 6.0}\n'
)


def test_huge_grid_is_sized_without_building():
    start = time.perf_counter()
    exp = parse_experiment(HEADER.format(name="huge", reps=1) + HUGE_GRID)
    assert exp.n_points == 11_000_000
    assert "params" not in exp.__dict__ and "sampled" not in exp.__dict__
    assert time.perf_counter() - start < 5.0
    assert exp.design.grid_point(10_999_999)["staffing.day_minutes"] == 490.0
    assert exp.design.grid_point(1) == {**exp.design.grid_point(0), "staffing.day_minutes": 410.0}


def test_huge_sobol_is_sized_by_formula():
    exp = parse_experiment(HEADER.format(name="sob", reps=1) + HUGE_SOBOL)
    assert exp.n_points == 2**20 * (2 * 2 + 2)
    assert "sampled" not in exp.__dict__


def test_grid_point_decoding_matches_the_built_grid():
    text = HEADER.format(name="g", reps=1) + (
        '[design]\nkind = "grid"\n[design.factors]\n"arrivals.rate" = [1.0, 2.0, 3.0]\n'
        '"staffing.reps" = [4, 5]\n"regime.name" = ["service_only", "commission"]\n'
    )
    exp = parse_experiment(text)
    assert [exp.design.grid_point(i) for i in range(exp.n_points)] == list(exp.points)


def test_bad_level_in_a_huge_grid_is_caught_at_load():
    bad = HUGE_GRID.replace("[5, 6,", "[-5, 6,")
    with pytest.raises(ExperimentError, match="staffing.reps"):
        parse_experiment(HEADER.format(name="bad", reps=1) + bad)


def test_list_shows_a_huge_experiment_quickly(tmp_path, monkeypatch):
    monkeypatch.setenv("TIGHTROPE_RESULTS", str(tmp_path / "results"))
    (tmp_path / "huge.toml").write_text(HEADER.format(name="huge", reps=1) + HUGE_GRID)
    start = time.perf_counter()
    [entry] = catalog(tmp_path)
    assert time.perf_counter() - start < 5.0
    assert entry.points == 11_000_000 and entry.est_s is not None and entry.est_s > 0


def test_sweep_above_the_limit_is_refused_with_an_estimate(tmp_path):
    exp = parse_experiment(HEADER.format(name="huge", reps=1) + HUGE_GRID)
    with pytest.raises(UserError, match=r"11,000,000 runs .*about .*--allow-large"):
        sweep(exp, jobs=1, quiet=True, results_root=tmp_path)
    assert not (tmp_path / "huge").exists()  # refused before the store is touched
    assert MAX_RUNS == 100_000


@pytest.mark.parametrize(
    "fixed",
    [
        '[fixed]\n"staffing.reps" = 20\nstaffing = {reps = 3}\n',
        '[fixed]\n"staffing.reps" = 20\n[fixed.staffing]\nreps = 3\n',
    ],
)
def test_dotted_and_nested_duplicate_in_fixed_is_an_error(fixed):
    with pytest.raises(ExperimentError, match=r'staffing.reps is set twice, as "staffing.reps"'):
        parse_experiment(HEADER.format(name="dup", reps=1) + fixed)


def test_dotted_and_nested_duplicate_grid_factor_is_an_error():
    text = HEADER.format(name="dup", reps=1) + (
        '[design]\nkind = "grid"\n[design.factors]\n"arrivals.rate" = [1.0, 2.0]\n'
        "arrivals = {rate = [3.0]}\n"
    )
    with pytest.raises(ExperimentError, match=r"design.factors.arrivals.rate: given twice"):
        parse_experiment(text)


def test_duplicate_in_params_from_dict_names_both_spellings():
    with pytest.raises(ParameterError, match=r'"staffing.reps" and as staffing > reps'):
        Params.from_dict({"staffing.reps": 20, "staffing": {"reps": 3}})
