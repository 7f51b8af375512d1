"""The model's code version: a hash of its source files, recorded with every run.

A results store must not mix runs of two versions of the model (say, a
changed default): ``runs.parquet`` would silently average them. The git
commit is not enough (uncommitted edits, installs without git), so the
version is the SHA-256 of every ``.py`` file of :mod:`tightrope.model`, with
one hash per file kept so a refusal can name what changed.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import tightrope.model

MODEL_DIR = Path(tightrope.model.__file__).resolve().parent


@cache
def file_hashes() -> dict[str, str]:
    """``{"model/params/core.py": sha256, ...}`` for every model source file."""
    return {
        f"model/{path.relative_to(MODEL_DIR).as_posix()}": hashlib.sha256(
            path.read_bytes()
        ).hexdigest()
        for path in sorted(MODEL_DIR.rglob("*.py"))
        if "__pycache__" not in path.parts
    }


@cache
def model_version() -> str:
    """One SHA-256 over every model file's name and hash (stable across machines)."""
    digest = hashlib.sha256()
    for name, sha in file_hashes().items():
        digest.update(f"{name}\0{sha}\n".encode())
    return digest.hexdigest()


def describe_change(old: dict[str, str], new: dict[str, str]) -> str:
    """``changed model/params/core.py; added model/x.py`` (at most three names each)."""
    parts = []
    for label, names in (
        ("changed", sorted(k for k in old.keys() & new.keys() if old[k] != new[k])),
        ("added", sorted(new.keys() - old.keys())),
        ("removed", sorted(old.keys() - new.keys())),
    ):
        if names:
            more = f" and {len(names) - 3} more" if len(names) > 3 else ""
            parts.append(f"{label} {', '.join(names[:3])}{more}")
    return "; ".join(parts) or "same files, different version"
