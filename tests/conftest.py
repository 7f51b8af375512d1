"""Test setup: worker processes (loky, dask) must import tests/sweep_fakes.py."""

import os
from pathlib import Path

_TESTS = str(Path(__file__).resolve().parent)
_parts = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
if _TESTS not in _parts:
    os.environ["PYTHONPATH"] = os.pathsep.join([_TESTS, *_parts])
