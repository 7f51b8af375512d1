"""The sweep engine gives the same tables whatever the jobs or backend, and guards its store."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sweep_helpers import TINY, behaviour, write

from tightrope.experiments.errors import StoreError
from tightrope.experiments.execute import sweep
from tightrope.experiments.runner import plan_runs, run_one, seed_for
from tightrope.experiments.spec import load_experiment, parse_experiment
from tightrope.experiments.store import Store
from tightrope.model import Params


def _tables(root, name="tiny"):
    store = Store(root / name)
    return behaviour(store.table("runs")), behaviour(store.table("daily"))


@pytest.mark.slow
def test_jobs_and_dask_give_identical_tables(tmp_path):
    """jobs=1, two forked workers, two loky workers and a dask cluster give the same rows."""
    from dask.distributed import LocalCluster

    exp = load_experiment(write(tmp_path / "tiny.toml", TINY))
    sweep(exp, jobs=1, quiet=True, results_root=tmp_path / "j1")
    sweep(exp, jobs=2, quiet=True, batch_size=1, results_root=tmp_path / "j2")
    sweep(exp, jobs=2, backend="loky", quiet=True, results_root=tmp_path / "loky")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True) as cluster:
        sweep(
            exp,
            backend="dask",
            scheduler=cluster.scheduler_address,
            quiet=True,
            results_root=tmp_path / "dask",
        )
    runs1, daily1 = _tables(tmp_path / "j1")
    assert len(runs1) == exp.n_runs == 12
    assert runs1["calls_offered"].gt(0).all()
    for other in ("j2", "loky", "dask"):
        runs, daily = _tables(tmp_path / other)
        pd.testing.assert_frame_equal(runs1, runs)
        pd.testing.assert_frame_equal(daily1, daily)


def test_rows_carry_ids_seed_and_flat_parameters(tmp_path):
    """Each row has run id, point, replication, seed, every dotted parameter and the KPIs."""
    exp = load_experiment(write(tmp_path / "tiny.toml", TINY))
    report = sweep(exp, jobs=1, quiet=True, results_root=tmp_path)
    runs = pd.read_parquet(report.table)
    assert list(runs.columns[:4]) == ["run_id", "point_id", "replication", "seed"]
    assert set(Params().to_flat()) <= set(runs.columns)
    assert runs["run_id"].is_unique
    row = runs.iloc[0]
    params = exp.params[int(row["point_id"])]
    again = run_one(params, int(row["seed"]), run_id=row["run_id"])
    assert again.summary["calls_offered"] == row["calls_offered"]
    assert row["seed"] == seed_for(exp.root_seed, int(row["point_id"]), int(row["replication"]))


def test_seeds_follow_the_spawn_tree_and_survive_more_replications():
    """Run (p, r) gets SeedSequence(root).spawn(P)[p].spawn(R)[r], whatever R is."""
    exp = parse_experiment(TINY)
    points = np.random.SeedSequence(exp.root_seed).spawn(exp.n_points)
    tree = [point.spawn(exp.replications) for point in points]
    for spec in plan_runs(exp):
        child = tree[spec.point_id][spec.replication]
        assert spec.seed == int(child.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))
        assert type(spec.seed) is int
    more = {s.run_id: s.seed for s in plan_runs(exp, replications=5)}
    assert all(more[s.run_id] == s.seed for s in plan_runs(exp))
    assert len(set(more.values())) == len(more)


def test_resume_skips_finished_runs_and_extends_replications(tmp_path):
    """A second sweep runs nothing; more replications run only the new ones."""
    exp = load_experiment(write(tmp_path / "tiny.toml", TINY))
    assert sweep(exp, jobs=1, quiet=True, results_root=tmp_path).ran == 12
    again = sweep(exp, jobs=1, quiet=True, results_root=tmp_path)
    assert (again.ran, again.skipped) == (0, 12)
    more = sweep(exp, jobs=1, replications=4, quiet=True, results_root=tmp_path)
    assert (more.ran, more.skipped) == (4, 12)
    runs = pd.read_parquet(more.table)
    assert len(runs) == 16 and runs["run_id"].is_unique
    manifest = Store(tmp_path / "tiny").manifest()
    assert [s["runs_done"] for s in manifest["sessions"]] == [12, 0, 4]
    assert all(s["status"] == "finished" for s in manifest["sessions"])
    assert {"git_commit", "git_dirty"} <= set(manifest["sessions"][0]["code"])
    assert manifest["sessions"][0]["packages"]["mesa"].startswith("3.3")


def test_changed_experiment_is_refused_without_fresh(tmp_path):
    """Editing the file under an existing store is refused; --fresh starts over."""
    path = write(tmp_path / "tiny.toml", TINY)
    sweep(load_experiment(path), jobs=1, quiet=True, results_root=tmp_path)
    write(path, TINY + "\n# a comment is not a change\n")
    assert sweep(load_experiment(path), jobs=1, quiet=True, results_root=tmp_path).ran == 0
    write(path, TINY.replace("days = 4", "days = 5"))
    changed = load_experiment(path)
    with pytest.raises(StoreError, match="--fresh"):
        sweep(changed, jobs=1, quiet=True, results_root=tmp_path)
    fresh = sweep(changed, jobs=1, fresh=True, quiet=True, results_root=tmp_path)
    assert (fresh.ran, fresh.skipped) == (12, 0)
    assert pd.read_parquet(fresh.table)["run.days"].eq(5).all()


def test_cli_refuses_changed_experiment_in_one_line(tmp_path, monkeypatch, capsys):
    """The CLI reports the refusal as one line on stderr and a non-zero exit."""
    from tightrope.experiments.cli import main

    monkeypatch.setenv("TIGHTROPE_RESULTS", str(tmp_path / "results"))
    path = write(tmp_path / "tiny.toml", TINY)
    assert main(["sweep", str(path), "--jobs", "1", "--quiet"]) == 0
    write(path, TINY.replace("root_seed = 20261124", "root_seed = 1"))
    capsys.readouterr()
    assert main(["sweep", str(path), "--jobs", "1", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--fresh" in err
    assert main(["sweep", str(path), "--jobs", "1", "--quiet", "--fresh"]) == 0


def test_list_and_collect_commands(tmp_path, monkeypatch, capsys):
    """`list` shows size and estimate (and flags invalid files); `collect` rebuilds the table."""
    from tightrope.experiments.cli import main

    monkeypatch.setenv("TIGHTROPE_RESULTS", str(tmp_path / "results"))
    write(tmp_path / "tiny.toml", TINY)
    write(tmp_path / "broken.toml", "name = 'broken'\n")
    assert main(["list", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    tiny_line = next(line for line in out.splitlines() if line.startswith("tiny"))
    assert tiny_line.split()[1:5] == ["grid", "4", "3", "12"] and "(guess)" in tiny_line
    assert "INVALID" in out and "replications: missing" in out
    assert main(["sweep", str(tmp_path / "tiny.toml"), "-j", "1", "--quiet"]) == 0
    (tmp_path / "results" / "tiny" / "runs.parquet").unlink()
    assert main(["collect", "tiny"]) == 0
    assert "tiny: 12 runs" in capsys.readouterr().out
    assert len(pd.read_parquet(tmp_path / "results" / "tiny" / "runs.parquet")) == 12
    assert main(["collect", "nothing-here"]) == 2
    assert main(["sweep", str(tmp_path / "tiny.toml"), "--backend", "dask"]) == 2
