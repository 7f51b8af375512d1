"""Shared test configuration: hypothesis profiles (CI, mutation runs), worker import path."""

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Mutation runs (tests/mutation.py): few, fixed examples, so a mutant's verdict is repeatable.
settings.register_profile(
    "mutation",
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("TIGHTROPE_HYPOTHESIS_PROFILE", "ci"))

# Worker processes (spawned or dask) must import tests/sweep_fakes.py by name.
_TESTS = str(Path(__file__).resolve().parent)
_parts = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
if _TESTS not in _parts:
    os.environ["PYTHONPATH"] = os.pathsep.join([_TESTS, *_parts])
