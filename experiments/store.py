"""The results store: ``results/<experiment>/``, written so a killed sweep loses nothing.

Layout::

    manifest.json          provenance: experiment hash, design, one entry per session
    experiment.toml        the experiment file as first run
    design.parquet         point_id + factor values, in SALib sample order
    batches/runs-*.parquet one summary row per finished run, one file per batch
    batches/daily-*.parquet daily rows of the same batch (when kept)
    runs.parquet, daily.parquet   combined tables written by ``collect``
    .lock                  held while a sweep writes (flock; freed if the process dies)

Every file is written to a temporary name, flushed and renamed
(``os.replace`` is atomic), so a file either exists whole or not at all.
A batch's daily file is renamed before its runs file: the runs file is the
commit record, and a daily file without one is an orphan removed on resume.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import platform
import shutil
import subprocess
import tomllib
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from tightrope.experiments import paths
from tightrope.experiments.codeversion import describe_change, file_hashes, model_version
from tightrope.experiments.errors import StoreError
from tightrope.experiments.runner import RunRows, daily_table
from tightrope.experiments.spec import Experiment, content_hash

PACKAGES = ("tightrope", "mesa", "numpy", "pandas", "joblib", "SALib", "pyarrow", "dask")


def now() -> str:
    """UTC timestamp for the manifest."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """One experiment's results directory."""

    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self.batches = directory / "batches"
        self.manifest_path = directory / "manifest.json"
        # Batch files already read (a file never changes once written): see preread().
        self._frames: dict[Path, pd.DataFrame] = {}

    # ------------------------------------------------------------------ opening
    @classmethod
    @contextlib.contextmanager
    def open(
        cls, experiment: Experiment, *, fresh: bool = False, root: Path | None = None
    ) -> Iterator[Store]:
        """Lock the store for writing; refuse a store made by a different experiment."""
        directory = (root or paths.results_root()) / experiment.name
        directory.mkdir(parents=True, exist_ok=True)
        store = cls(directory)
        with store._lock():
            if fresh:
                store._wipe()
            store._check_or_init(experiment)
            store._clean_partial()
            yield store

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        with open(self.dir / ".lock", "w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreError(f"{self.dir}: another sweep is writing here") from None
            yield

    def busy(self) -> bool:
        """Whether a sweep holds this store's lock right now (its tables are then partial)."""
        try:
            fd = os.open(self.dir / ".lock", os.O_RDONLY)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)  # also releases a lock taken here
        return False

    def _wipe(self) -> None:
        for child in self.dir.iterdir():
            if child.name == ".lock":
                continue
            shutil.rmtree(child) if child.is_dir() else child.unlink()

    def _check_or_init(self, experiment: Experiment) -> None:
        has_runs = self.batches.is_dir() and any(self.batches.glob("runs-*.parquet"))
        try:
            manifest = self.manifest() if self.manifest_path.exists() else None
        except StoreError as err:
            manifest, damage = None, str(err)
        else:
            damage = "missing" if manifest is None else ""
        if manifest is None:
            if has_runs or damage != "missing":
                self._rebuild(experiment, damage)
            else:
                self._init(experiment)
            return
        old = manifest["experiment_sha256"]
        if old != experiment.sha256:
            raise StoreError(
                f"{self.dir} holds results of a different version of experiment "
                f"{experiment.name!r} (sha256 {old[:12]} != {experiment.sha256[:12]}); "
                "use --fresh to discard them or give the experiment a new name"
            )
        self._check_model_code(manifest)
        self._mark_interrupted(manifest)

    def _init(self, experiment: Experiment, **extra: Any) -> None:
        self.batches.mkdir(exist_ok=True)
        _atomic_write_text(self.dir / "experiment.toml", experiment.text)
        self._write_design(experiment)
        manifest = {
            "experiment": experiment.name,
            "description": experiment.description,
            "experiment_file": str(experiment.path) if experiment.path else None,
            "experiment_sha256": experiment.sha256,
            "root_seed": experiment.root_seed,
            "design": {
                "kind": experiment.design.kind,
                "n_points": experiment.n_points,
                "problem": experiment.sampled.problem,
                "sampler": experiment.sampled.sampler,
                "point_order": "point_id = row of the sample matrix (design.parquet)",
            },
            "created": now(),
            "model_code": {"sha256": model_version(), "files": file_hashes()},
            "sessions": [],
            **extra,
        }
        self._write_manifest(manifest)

    def _rebuild(self, experiment: Experiment, damage: str) -> None:
        """Recreate a missing or damaged manifest from the batch files, if they are ours.

        The runs must come from this experiment (its stored ``experiment.toml``, or
        else the parameter columns of the stored rows) and this model code (the
        rows' ``model_code``); the old session history is lost and recorded so.
        """
        stored = self.dir / "experiment.toml"
        if stored.exists():
            try:
                same = content_hash(tomllib.loads(stored.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                same = None
            if same != experiment.sha256:
                raise StoreError(
                    f"{self.dir}: manifest {damage}, and its experiment.toml is not this "
                    f"experiment; use --fresh to discard the runs or give a new name"
                )
        runs = self.table("runs")
        self._check_rows(experiment, runs, damage)
        if damage != "missing" and self.manifest_path.exists():
            os.replace(self.manifest_path, self.dir / f"manifest.damaged-{uuid.uuid4().hex[:6]}")
        self._init(
            experiment,
            rebuilt={"at": now(), "reason": f"manifest {damage}", "runs_found": len(runs)},
        )

    def _check_rows(self, experiment: Experiment, runs: pd.DataFrame, damage: str) -> None:
        """Refuse rows made by other model code or other parameters than ``experiment``."""
        if runs.empty:
            return
        if "model_code" in runs:
            codes = set(runs["model_code"].astype(str))
            if codes != {model_version()[:16]}:
                raise StoreError(
                    f"{self.dir}: manifest {damage}, and its runs were made by other model "
                    "code; use --fresh to discard them or give the experiment a new name"
                )
        sample = runs.drop_duplicates("point_id").head(20)
        for _, row in sample.iterrows():
            pid = int(row["point_id"])
            if pid >= experiment.n_points:
                mismatch = "point_id"
            else:
                expected = experiment.params[pid].to_flat()
                mismatch = next(
                    (k for k, v in expected.items() if k in row and str(row[k]) != str(v)), ""
                )
            if mismatch:
                raise StoreError(
                    f"{self.dir}: manifest {damage}, and run {row['run_id']} has {mismatch} "
                    "unlike this experiment; use --fresh to discard the runs or give a new name"
                )

    def _mark_interrupted(self, manifest: dict[str, Any]) -> None:
        """Sessions still "running" while we hold the lock were killed: say so."""
        stale = [s for s in manifest["sessions"] if s.get("status") == "running"]
        for session in stale:
            session["status"] = "interrupted"
            session.setdefault("ended", None)
        if stale:
            self._write_manifest(manifest)

    def _check_model_code(self, manifest: dict[str, Any]) -> None:
        """Refuse to add runs of different model code to a store (results would mix).

        Stores written before code versions were recorded get the current
        version on their next sweep.
        """
        recorded = manifest.get("model_code")
        if not isinstance(recorded, dict) or "sha256" not in recorded:
            manifest["model_code"] = {"sha256": model_version(), "files": file_hashes()}
            self._write_manifest(manifest)
            return
        if recorded["sha256"] != model_version():
            change = describe_change(recorded.get("files") or {}, file_hashes())
            raise StoreError(
                f"{self.dir}: its runs were made by other model code ({change}); "
                "use --fresh to discard them or give the experiment a new name"
            )

    def _write_design(self, experiment: Experiment) -> None:
        design = pd.DataFrame([dict(p) for p in experiment.points])
        design.insert(0, "point_id", range(experiment.n_points))
        matrix = experiment.sampled.matrix
        if matrix is not None:
            for j, name in enumerate(experiment.sampled.problem["names"]):
                design[f"sample:{name}"] = matrix[:, j]
        _atomic_write_parquet(self.dir / "design.parquet", design)

    def _clean_partial(self) -> None:
        """Drop temporary files and daily files whose batch never committed."""
        for tmp in [*self.dir.glob("*.tmp"), *self.batches.glob("*.tmp")]:
            tmp.unlink()
        for daily in self.batches.glob("daily-*.parquet"):
            if not (self.batches / daily.name.replace("daily-", "runs-", 1)).exists():
                daily.unlink()

    # ------------------------------------------------------------------ manifest
    def manifest(self) -> dict[str, Any]:
        """The manifest as a dict; a damaged one (bad JSON or shape) raises StoreError."""
        try:
            manifest = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise StoreError(f"{self.manifest_path}: unreadable manifest ({err})") from None
        if not (
            isinstance(manifest, dict)
            and isinstance(manifest.get("experiment_sha256"), str)
            and isinstance(manifest.get("sessions"), list)
            and all(isinstance(s, dict) for s in manifest["sessions"])
        ):
            raise StoreError(f"{self.manifest_path}: damaged manifest (not a manifest's shape)")
        return manifest

    def _write_manifest(self, manifest: dict[str, Any]) -> None:
        _atomic_write_text(self.manifest_path, json.dumps(manifest, indent=2, default=str) + "\n")

    def begin_session(self, **info: Any) -> None:
        """Record who runs what with which code, before the first run."""
        manifest = self.manifest()
        session = {"started": now(), "ended": None, "status": "running", **info}
        session |= provenance()
        manifest["sessions"].append(session)
        self._write_manifest(manifest)

    def end_session(self, status: str, **info: Any) -> None:
        """Close the current session entry."""
        manifest = self.manifest()
        manifest["sessions"][-1] |= {"ended": now(), "status": status, **info}
        self._write_manifest(manifest)

    # ------------------------------------------------------------------ rows
    def finished_run_ids(self) -> set[str]:
        """Run ids already committed; a duplicate means the store is corrupt."""
        seen: set[str] = set()
        for path in sorted(self.batches.glob("runs-*.parquet")):
            ids = _read(path, columns=["run_id"])["run_id"].tolist()
            dup = seen.intersection(ids)
            if dup or len(set(ids)) != len(ids):
                raise StoreError(f"{path}: run {sorted(dup or ids)[0]} stored twice")
            seen.update(ids)
        return seen

    def write_batch(self, rows: Sequence[RunRows]) -> Path:
        """Commit a batch of finished runs atomically (daily rows first)."""
        batch = f"{rows[0].summary['run_id']}-{uuid.uuid4().hex[:8]}"
        daily = daily_table(rows)
        if daily is not None:
            _atomic_write_parquet(self.batches / f"daily-{batch}.parquet", daily)
        target = self.batches / f"runs-{batch}.parquet"
        _atomic_write_parquet(target, pd.DataFrame([r.summary for r in rows]))
        return target

    def preread(self) -> None:
        """Read the batch files written so far, so :meth:`collect` reads only newer ones.

        A sweep calls this while its last runs finish (a core is idle then), not at
        its end, when every core waits for the collect.
        """
        for kind in ("runs", "daily"):
            for path in self.batches.glob(f"{kind}-*.parquet"):
                if path not in self._frames:
                    self._frames[path] = _read(path)

    def table(self, kind: str = "runs") -> pd.DataFrame:
        """All committed rows of ``runs`` or ``daily``, sorted by run (and day)."""
        files = sorted(self.batches.glob(f"{kind}-*.parquet"))
        if not files:
            return pd.DataFrame()
        frame = pd.concat(
            [self._frames[f] if f in self._frames else _read(f) for f in files], ignore_index=True
        )
        keys = ["run_id", "day"] if kind == "daily" and "day" in frame else ["run_id"]
        return frame.sort_values(keys, kind="stable").reset_index(drop=True)

    def collect(self) -> Path:
        """Write ``runs.parquet`` (and ``daily.parquet``) combining all batches."""
        runs = self.table("runs")
        if runs.empty:
            raise StoreError(f"{self.dir}: no finished runs to collect")
        if runs["run_id"].duplicated().any():
            raise StoreError(f"{self.dir}: duplicated run ids; the store is corrupt")
        _atomic_write_parquet(self.dir / "runs.parquet", runs)
        daily = self.table("daily")
        if not daily.empty:
            _atomic_write_parquet(self.dir / "daily.parquet", daily)
        return self.dir / "runs.parquet"


def open_existing(name: str, root: Path | None = None) -> Store:
    """A store for reading (``collect``, ``list``); it must exist."""
    directory = (root or paths.results_root()) / name
    if not (directory / "manifest.json").exists():
        raise StoreError(f"{directory}: no results for experiment {name!r}")
    return Store(directory)


# ---------------------------------------------------------------------- provenance
def provenance() -> dict[str, Any]:
    """Code version, interpreter and package versions of this process."""
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "code": git_state(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
    }


def git_state() -> dict[str, Any]:
    """Commit and dirty flag of the checkout the code runs from (None outside git)."""

    def git(*args: str) -> str | None:
        try:
            out = subprocess.run(  # noqa: S603 - fixed git arguments, no shell
                ["git", "-C", str(paths.REPO_ROOT), *args],  # noqa: S607
                capture_output=True,
                text=True,
                timeout=10,
                check=True,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return out.stdout.strip()

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain")
    return {"git_commit": commit, "git_dirty": None if status is None else bool(status)}


# ---------------------------------------------------------------------- atomic IO
def _atomic_write_parquet(path: Path, frame: pd.DataFrame) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    frame.to_parquet(tmp, index=False)
    _fsync_and_replace(tmp, path)


def _atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    _fsync_and_replace(tmp, path)


def _fsync_and_replace(tmp: Path, path: Path) -> None:
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _read(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    try:
        return pq.read_table(path, columns=columns).to_pandas()
    except Exception as err:  # noqa: BLE001 - any unreadable file is the same user problem
        raise StoreError(f"{path}: unreadable parquet file ({err})") from None
