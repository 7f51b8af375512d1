"""A store refuses to mix runs of two versions of the model code."""

import pandas as pd
import pytest

from tightrope.experiments import codeversion, store
from tightrope.experiments.cli import main
from tightrope.experiments.errors import StoreError
from tightrope.experiments.execute import sweep
from tightrope.experiments.spec import parse_experiment

FAKE = "sweep_fakes:fake"
SMALL = """
name = "versioned"
replications = 2
root_seed = 5
[run]
days = 2
burn_in_days = 0
[design]
kind = "grid"
[design.factors]
"arrivals.rate" = [0.5, 1.0]
"""


def _edit_a_model_file(monkeypatch):
    """Pretend model/params/core.py changed since the store was written."""
    files = dict(codeversion.file_hashes())
    files["model/params/core.py"] = "0" * 64
    monkeypatch.setattr(store, "file_hashes", lambda: files)
    monkeypatch.setattr(store, "model_version", lambda: "f" * 64)


def test_every_run_records_the_model_code_version(tmp_path):
    report = sweep(parse_experiment(SMALL), jobs=1, quiet=True, runner=FAKE, results_root=tmp_path)
    runs = pd.read_parquet(report.table)
    assert set(runs["model_code"]) == {codeversion.model_version()[:16]}
    manifest = store.Store(tmp_path / "versioned").manifest()
    assert manifest["model_code"]["sha256"] == codeversion.model_version()
    assert "model/params/core.py" in manifest["model_code"]["files"]


def test_resume_after_a_model_change_is_refused_naming_the_file(tmp_path, monkeypatch):
    exp = parse_experiment(SMALL)
    sweep(exp, jobs=1, quiet=True, runner=FAKE, results_root=tmp_path, replications=1)
    _edit_a_model_file(monkeypatch)
    with pytest.raises(StoreError, match=r"other model code \(changed model/params/core.py\)"):
        sweep(exp, jobs=1, quiet=True, runner=FAKE, results_root=tmp_path)
    report = sweep(exp, jobs=1, quiet=True, runner=FAKE, results_root=tmp_path, fresh=True)
    assert report.ran == 4 and report.skipped == 0


def test_cli_refusal_is_one_line_exit_2(tmp_path, monkeypatch, capsys):
    path = tmp_path / "versioned.toml"
    path.write_text(SMALL)
    args = ["sweep", str(path), "--jobs", "1", "--quiet", "--runner", FAKE]
    assert main([*args, "--results", str(tmp_path / "r"), "--replications", "1"]) == 0
    _edit_a_model_file(monkeypatch)
    capsys.readouterr()
    assert main([*args, "--results", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "model/params/core.py" in err and "--fresh" in err


def test_describe_change_names_added_and_removed_files():
    old = {"model/a.py": "1", "model/b.py": "2"}
    new = {"model/a.py": "9", "model/c.py": "3"}
    assert codeversion.describe_change(old, new) == (
        "changed model/a.py; added model/c.py; removed model/b.py"
    )
