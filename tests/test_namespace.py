"""One import namespace: nothing outside ``tightrope`` is claimed, so user files cannot collide."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _decoys(where: Path) -> None:
    """A Mesa-style ``model.py`` and an ``analysis`` package, as a notebook folder has."""
    (where / "model.py").write_text("raise ImportError('decoy model.py was imported')\n")
    (where / "analysis").mkdir()
    (where / "analysis" / "__init__.py").write_text("raise ImportError('decoy analysis')\n")
    (where / "experiments").mkdir()
    (where / "experiments" / "__init__.py").write_text("raise ImportError('decoy')\n")


def _env(decoys: Path) -> dict[str, str]:
    path = os.pathsep.join([str(decoys), os.environ.get("PYTHONPATH", "")])
    return {**os.environ, "PYTHONPATH": path}


def test_no_generic_top_level_name_is_installed(tmp_path):
    """From a neutral directory, ``model``/``analysis``/``experiments`` are not importable."""
    code = (
        "import importlib.util as u, tightrope.model; "
        "print([n for n in ('model', 'analysis', 'experiments') if u.find_spec(n)])"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


@pytest.mark.slow
def test_api_and_cli_work_beside_decoy_packages(tmp_path):
    """With decoy ``model``/``analysis``/``experiments`` first on sys.path, the CLI still runs."""
    _decoys(tmp_path)
    env = _env(tmp_path)
    code = "import tightrope, tightrope.analysis; print(tightrope.Params().run.days)"
    out = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    run = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "tightrope.experiments.cli", "run", "--days", "3", "--reps", "5"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "service_level" in run.stdout
