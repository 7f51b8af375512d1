"""Every filesystem location the project uses, derived from the repository root.

One module so that scripts, tests and the CLI never build paths by hand
(cookiecutter-data-science habit). Tests point the results store elsewhere
with the ``TIGHTROPE_RESULTS`` environment variable instead of patching code.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT: Path = Path(__file__).resolve().parents[1]
EXPERIMENTS_DIR: Path = REPO_ROOT / "experiments"
PAPER_DIR: Path = REPO_ROOT / "paper"
FIGURES_DIR: Path = PAPER_DIR / "figures"
BENCH_DIR: Path = REPO_ROOT / "bench"

RESULTS_ENV = "TIGHTROPE_RESULTS"


def results_root() -> Path:
    """Root of the results store; read at call time so tests can redirect it."""
    override = os.environ.get(RESULTS_ENV)
    return Path(override) if override else REPO_ROOT / "results"


def results_dir(name: str) -> Path:
    """Store directory of one experiment."""
    return results_root() / name


def experiment_file(name_or_path: str | Path) -> Path:
    """Resolve ``smoke`` or ``experiments/smoke.toml`` to the experiment file."""
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        return path
    return EXPERIMENTS_DIR / f"{path.name}.toml"
