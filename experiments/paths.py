"""Every filesystem location the project uses, in one module.

Results belong where the user works, never inside the installed package: the
store is ``./results`` under the current directory, or ``TIGHTROPE_RESULTS``,
or the directory given by ``--results`` / ``results=`` (:func:`use_results`).
Run from the repository root (``make paper``, ``make demo``) that is the
repository's ``results/``. Experiment files are found by path, then by name
in ``./experiments/``, then among the files shipped with the package.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from tightrope.experiments.errors import UserError

REPO_ROOT: Path = Path(__file__).resolve().parents[1]
SHIPPED_EXPERIMENTS: Path = Path(__file__).resolve().parent
EXPERIMENTS_DIR: Path = SHIPPED_EXPERIMENTS
"""The shipped experiment files (the repository's ``experiments/`` in a checkout)."""
PAPER_DIR: Path = REPO_ROOT / "paper"
FIGURES_DIR: Path = PAPER_DIR / "figures"
BENCH_DIR: Path = REPO_ROOT / "bench"

RESULTS_ENV = "TIGHTROPE_RESULTS"
_results_override: Path | None = None


def results_root() -> Path:
    """Root of the results store, read at call time: override, env, else ./results."""
    if _results_override is not None:
        return _results_override
    override = os.environ.get(RESULTS_ENV)
    return Path(override) if override else Path.cwd() / "results"


@contextlib.contextmanager
def use_results(directory: str | Path | None) -> Iterator[Path]:
    """Point the results store at ``directory`` for the duration (None: leave it)."""
    global _results_override  # one process-wide setting, restored on exit
    previous = _results_override
    if directory is not None:
        _results_override = Path(directory).expanduser()
    try:
        yield results_root()
    finally:
        _results_override = previous


def results_dir(name: str) -> Path:
    """Store directory of one experiment."""
    return results_root() / name


def experiment_file(name_or_path: str | Path) -> Path:
    """Resolve an experiment: a path, else ``./experiments/<name>.toml``, else a shipped one.

    Raises:
        UserError: nothing of that name, with the places looked in.
    """
    path = Path(name_or_path)
    if path.is_file():
        return path
    if path.suffix == ".toml" and path.parent != Path():
        raise UserError(f"{path}: no such experiment file")
    stem = path.stem if path.suffix == ".toml" else path.name
    local = Path.cwd() / "experiments" / f"{stem}.toml"
    for candidate in (local, SHIPPED_EXPERIMENTS / f"{stem}.toml"):
        if candidate.is_file():
            return candidate
    shipped = ", ".join(sorted(p.stem for p in SHIPPED_EXPERIMENTS.glob("*.toml")))
    raise UserError(
        f"no experiment {str(name_or_path)!r}: not a file, not in {local.parent}, "
        f"and not a shipped experiment ({shipped})"
    )
