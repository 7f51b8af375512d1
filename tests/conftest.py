"""Shared test configuration: a small hypothesis profile for CI, worker import path."""

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci")

# Worker processes (loky, dask) must import tests/sweep_fakes.py by name.
_TESTS = str(Path(__file__).resolve().parent)
_parts = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
if _TESTS not in _parts:
    os.environ["PYTHONPATH"] = os.pathsep.join([_TESTS, *_parts])
