"""Exploration machinery: calibration filter, verdict shares, PRIM, NSGA-II, the three commands."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from tightrope.analysis.calibration import Target, calibrate, inside, load_targets
from tightrope.analysis.world_verdicts import classify, combine_world, shares, wilson
from tightrope.experiments import paths
from tightrope.experiments.cli import main
from tightrope.experiments.errors import ExperimentError
from tightrope.experiments.explore_common import EXPLORE_DIR
from tightrope.experiments.nsga import non_dominated, nsga2
from tightrope.experiments.optimise import load_policy
from tightrope.experiments.worlds import load_worlds_config, uncertain_parameters
from tightrope.model.params import parameter_table

TARGETS = (
    Target("attrition_annual", "attrition", 0.25, 0.5, "/yr", "s"),
    Target("service_level", "SL", 0.7, 0.9, "-", "s"),
)


def test_calibration_keeps_exactly_the_worlds_inside_the_ranges():
    """Inclusive bounds, any KPI outside or missing rejects the world."""
    table = pd.DataFrame(
        {
            "attrition_annual": [0.25, 0.5, 0.3, 0.2499, 0.3, np.nan, 0.51],
            "service_level": [0.7, 0.9, 0.8, 0.8, 0.95, 0.8, 0.8],
        }
    )
    flags = inside(table, TARGETS)
    assert flags["kept"].tolist() == [True, True, True, False, False, False, False]
    assert flags["in:service_level"].tolist() == [True, True, True, True, False, True, True]


def test_calibration_averages_replications_before_filtering():
    """A world is judged on its mean over replications, not on any single run."""
    runs = pd.DataFrame(
        {
            "point_id": [0, 0, 1, 1],
            "attrition_annual": [0.2, 0.4, 0.2, 0.22],
            "service_level": [0.8, 0.8, 0.8, 0.8],
        }
    )
    out = calibrate(runs, TARGETS)
    assert out["kept"].tolist() == [True, False]
    assert out["attrition_annual"].tolist() == pytest.approx([0.3, 0.21])


def test_shipped_targets_have_sources_and_the_five_kpis():
    """The targets file names every KPI of issue 15 with a source."""
    targets = load_targets(EXPLORE_DIR / "targets.toml")
    assert {t.kpi for t in targets} == {
        "attrition_annual", "service_level", "abandon_rate", "fcr", "aht_min"
    }  # fmt: skip
    assert all(len(t.source) > 20 and t.low < t.high for t in targets)


def test_uncertain_parameters_are_exactly_the_numeric_assumptions():
    """Sampled parameters all have an "assumption" source, and defaults lie in their bounds."""
    bounds, skipped = uncertain_parameters(0.5, set(), {})
    sources = {r["parameter"]: r["source"] for r in parameter_table()}
    assert bounds and all(sources[k].lower().startswith("assumption") for k in bounds)
    assert "arrivals.profile" in skipped  # a tuple: not sampled
    assert "service.aht" not in bounds  # sourced from a benchmark, not an assumption
    assert bounds["morale.baseline_mean"] == pytest.approx((0.35, 1.0))  # clipped at 1


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('colour = "red"', "colour"),
        ('sampler = "grid"', "sampler"),
        ('exclude = ["nope.nothing"]', "exclude.nope.nothing"),
        ('[bounds]\n"morale.reversion" = {low = 0.5, high = 2.0}', "bounds.morale.reversion"),
        ('[bounds]\n"service.aht" = {low = 4.0, high = 8.0}', "bounds.service.aht"),
        ('[fixed]\n"staffing.reps" = -3', "staffing.reps"),
    ],
)
def test_bad_worlds_config_is_refused_naming_the_key(tmp_path, text, key):
    """Every bad field fails at load time with its name in the message."""
    path = tmp_path / "w.toml"
    path.write_text(
        'name = "w"\ntargets = "targets.toml"\nsamples = 4\nreplications = 1\n'
        f"root_seed = 1\n{text}\n"
    )
    with pytest.raises(ExperimentError, match=key.replace(".", r"\.")):
        load_worlds_config(path)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[levers]\n"regime.name" = ["service_only", "nonsense"]', "levers.regime.name"),
        ('[levers]\n"regime.quota" = {low = 5.0, high = 1.0}', "levers.regime.quota"),
        ('[levers]\n"screenpop.enabled" = {low = 0, high = 1}', "levers.screenpop.enabled"),
        ('[objectives]\nrevenue_genuine = "up"\ncsat = "max"', "objectives.revenue_genuine"),
    ],
)
def test_bad_policy_file_is_refused_naming_the_key(tmp_path, text, key):
    """Levers and objectives are checked before the search starts."""
    base = {
        "levers": '[levers]\n"regime.quota_stretch" = {low = 0.5, high = 2.0}',
        "objectives": '[objectives]\nrevenue_genuine = "max"\ncsat = "max"',
    }
    base[text.split("]")[0][1:]] = text
    path = tmp_path / "p.toml"
    path.write_text(
        'name = "p"\nreplications = 1\nroot_seed = 1\npopulation = 4\ngenerations = 1\n'
        + "\n".join(base.values())
        + "\n"
    )
    with pytest.raises(ExperimentError, match=key.replace(".", r"\.")):
        load_policy(path)


def test_shipped_configs_load():
    """Every configuration under experiments/explore/ validates."""
    from tightrope.experiments.discover import load_discover_config

    loaders = {"worlds": load_worlds_config, "discover": load_discover_config,
               "policy": load_policy}  # fmt: skip
    files = sorted(p for p in EXPLORE_DIR.glob("*.toml") if p.stem != "targets")
    assert len(files) >= 6
    for path in files:
        loaders[path.stem.split("-")[0]](path)


def test_world_outcome_adapter_and_wilson_interval():
    """Sides of the paired interval map to supported / reversed / no effect; Wilson is exact."""
    assert classify([1.0, 1.2, 0.9, 1.1], sign=1) == "supported"
    assert classify([1.0, 1.2, 0.9, 1.1], sign=-1) == "reversed"
    assert classify([1.0, -1.2, 0.9, -1.1], sign=1) == "no effect"
    assert combine_world(["supported", "no effect", "reversed"]) == "reversed"
    assert combine_world(["supported", "supported"]) == "supported"
    lo, hi = wilson(0, 10)
    assert lo == 0.0 and hi == pytest.approx(0.2775, abs=1e-4)  # textbook value for 0/10
    table = shares(
        pd.DataFrame({"contrast": ["a"] * 4, "outcome": ["supported"] * 3 + ["reversed"]})
    )
    row = table[table["outcome"] == "supported"].iloc[0]
    assert (row["worlds"], row["n"], row["share"]) == (3, 4, 0.75)
    assert row["ci_lo"] < 0.75 < row["ci_hi"]


@pytest.mark.slow  # importing the EMA workbench alone takes ~10-20 s
def test_prim_recovers_a_planted_box():
    """Outcome true in a box (a > 0.6, b < 0.3) plus 5 % label noise: PRIM finds a and b only."""
    from tightrope.analysis.prim import find_boxes

    rng = np.random.default_rng(20261124)
    x = pd.DataFrame(rng.random((800, 5)), columns=["a.a", "b.b", "c.c", "d.d", "e.e"])
    y = ((x["a.a"] > 0.6) & (x["b.b"] < 0.3)).to_numpy()
    y = np.where(rng.random(800) < 0.05, ~y, y)
    box = find_boxes(x, y, threshold=0.8, peel_alpha=0.05)[0]
    limits = {lim.parameter: lim for lim in box.limits}
    assert set(limits) == {"a.a", "b.b"}
    assert limits["a.a"].low == pytest.approx(0.6, abs=0.075) and limits["a.a"].high is None
    assert limits["b.b"].high == pytest.approx(0.3, abs=0.075) and limits["b.b"].low is None
    assert box.density >= 0.8 and box.coverage > 0.5


def test_non_dominated_on_a_known_set():
    """Dominated and duplicate rows are dropped."""
    f = np.array([[1, 4], [2, 2], [4, 1], [3, 3], [2, 2], [5, 5]])
    assert non_dominated(f).tolist() == [0, 1, 2]


def test_nsga2_finds_the_known_front_of_zdt1():
    """ZDT1 (3 variables): the front is f2 = 1 - sqrt(f1) for f1 in [0, 1]."""

    def zdt1(_generation, x):
        f1 = x[:, 0]
        g = 1 + 9 * x[:, 1:].mean(axis=1)
        return np.column_stack([f1, g * (1 - np.sqrt(f1 / g))])

    result = nsga2(zdt1, 3, 2, population=40, generations=40, seed=7)
    front = result.f[result.front]
    assert np.abs(front[:, 1] - (1 - np.sqrt(front[:, 0]))).max() < 0.05
    assert front[:, 0].min() < 0.05 and front[:, 0].max() > 0.95  # it spans the front
    again = nsga2(zdt1, 3, 2, population=40, generations=40, seed=7)
    assert np.array_equal(result.x, again.x)  # same seed, same candidates: resumable


# ---------------------------------------------------------------------- commands end to end
def _write(tmp_path, name, text):
    path = tmp_path / f"{name}.toml"
    path.write_text(text)
    return str(path)


@pytest.mark.slow
def test_commands_run_end_to_end_and_resume(tmp_path, monkeypatch, capsys):
    """Worlds -> discover -> optimise on a fake model; a repeat runs nothing new."""
    monkeypatch.setenv(paths.RESULTS_ENV, str(tmp_path / "results"))
    fake = ["--runner", "explore_fakes:fake", "-j", "1", "--quiet"]
    targets = EXPLORE_DIR / "targets.toml"
    worlds = _write(tmp_path, "w", (
        f'name = "w"\ntargets = "{targets}"\nsamples = 60\nreplications = 1\nroot_seed = 3\n'
        'only = ["attrition.morale_sensitivity", "sales.push_bias", "morale.reversion"]\n'
        "[run]\ndays = 3\nburn_in_days = 1\n"
        '[bounds]\n"attrition.morale_sensitivity" = {low = 2.0, high = 12.0}\n'
        '"sales.push_bias" = {low = -3.0, high = 0.0}\n'
    ))  # fmt: skip
    assert main(["worlds", worlds, *fake]) == 0
    out = capsys.readouterr().out
    table = pd.read_parquet(tmp_path / "results" / "w" / "explore" / "worlds.parquet")
    sens = table["attrition.morale_sensitivity"]
    assert table["kept"].tolist() == table["attrition_annual"].between(0.25, 0.5).tolist()
    assert sens[table["kept"]].between(4.8, 10.2).all() and table["kept"].sum() >= 20
    assert f"kept {table['kept'].sum()} of 60 worlds" in out
    assert (tmp_path / "results" / "w" / "explore" / "worlds_marginals.png").exists()

    discover = _write(tmp_path, "d", (
        'name = "d"\nworlds = "w"\nreplications = 2\nroot_seed = 4\nthreshold = 0.8\n'
        "mass_min = 0.05\n[run]\ndays = 3\nburn_in_days = 1\n"
    ))  # fmt: skip
    assert main(["discover", "s002", "--config", discover, *fake]) == 0
    out_dir = tmp_path / "results" / "d-s002" / "explore"
    outcomes = pd.read_parquet(out_dir / "outcomes.parquet")
    att = outcomes[outcomes["contrast"] == "s002_attrition"].set_index("world")["outcome"]
    bias = table.set_index("point_id").loc[att.index, "sales.push_bias"]
    assert (att == "reversed").tolist() == (bias >= -1.5).tolist()
    boxes = pd.read_csv(out_dir / "boxes.csv")
    assert "sales.push_bias" in boxes["parameter"].tolist()
    assert json.loads((out_dir / "boxes.json").read_text())["sentences"]

    policy = _write(tmp_path, "p", (
        'name = "p"\nworlds = "w"\nn_worlds = 2\nreplications = 2\nroot_seed = 5\n'
        "population = 6\ngenerations = 2\n[run]\ndays = 3\nburn_in_days = 1\n"
        '[objectives]\nrevenue_genuine = "max"\nattrition_annual = "min"\n'
        'brand_harm_index = "min"\n[levers]\n'
        '"regime.name" = ["mandatory_upsell", "discretionary_rewards"]\n'
        '"regime.quota_stretch" = {low = 0.5, high = 2.0}\n'
    ))  # fmt: skip
    assert main(["optimise", policy, *fake]) == 0
    pareto = pd.read_csv(tmp_path / "results" / "p" / "explore" / "pareto.csv")
    assert len(pareto) >= 2 and {"revenue_genuine_lo", "revenue_genuine_hi"} <= set(pareto)
    assert (pareto["runs"] == 4).all()  # 2 worlds x 2 replications
    capsys.readouterr()
    assert main(["optimise", policy, *fake]) == 0  # resumes: every run already stored
    manifest = json.loads((tmp_path / "results" / "p-g001" / "manifest.json").read_text())
    assert manifest["sessions"][-1]["runs_skipped"] == manifest["sessions"][-1]["runs_planned"]


def test_worlds_run_the_real_model_on_a_tiny_centre(tmp_path, monkeypatch):
    """Two tiny worlds through the real simulate: KPIs present, flags consistent."""
    monkeypatch.setenv(paths.RESULTS_ENV, str(tmp_path / "results"))
    path = _write(tmp_path, "tiny", (
        'name = "tiny"\ntargets = "targets.toml"\nsamples = 2\nreplications = 1\nroot_seed = 9\n'
        'exclude = ["arrivals.rate", "staffing.reps", "customers.population", '
        '"skills.sales_ceiling_base", "skills.sales_ceiling_temperament", '
        '"skills.service_ceiling_base", "skills.service_ceiling_temperament", '
        '"customers.repeat_delay_min", "customers.repeat_delay_max"]\n'
        "[run]\ndays = 3\nburn_in_days = 1\n"
        '[fixed]\n"staffing.reps" = 6\n"arrivals.rate" = 0.8\n"customers.population" = 2000\n'
    ))  # fmt: skip
    assert main(["worlds", path, "-j", "2", "--quiet"]) == 0  # workers: no model left here
    table = pd.read_parquet(tmp_path / "results" / "tiny" / "explore" / "worlds.parquet")
    assert len(table) == 2 and table["service_level"].between(0, 1).all()
    expected = inside(table, load_targets(EXPLORE_DIR / "targets.toml"))["kept"]
    assert table["kept"].tolist() == expected.tolist()


def test_bad_config_fails_before_any_run(tmp_path, monkeypatch, capsys):
    """A bad key exits 2 with the key named and leaves no results behind."""
    monkeypatch.setenv(paths.RESULTS_ENV, str(tmp_path / "results"))
    path = _write(tmp_path, "bad", 'name = "bad"\nreplications = 1\nroot_seed = 1\nsampels = 3\n')
    assert main(["worlds", path]) == 2
    assert "sampels" in capsys.readouterr().err
    assert not (tmp_path / "results").exists()
    assert main(["discover", "s999"]) == 2
    assert "s999" in capsys.readouterr().err


def test_claim_subject_names_the_factor_of_an_on_off_contrast():
    from tightrope.analysis.claims import CLAIMS
    from tightrope.experiments.discover import claim_subject

    subjects = {c.key: claim_subject(c) for c in CLAIMS}
    assert subjects["s004"].startswith("Screen-pop tool on instead of off raises")
    assert subjects["s002"].startswith("Mandatory upsell + quota instead of discretionary")
