"""Golden run summaries: refactors must not change what the model computes.

The summaries in ``tests/golden/summaries.json`` were recorded by
``tests/golden/record.py``; a change meant to alter results re-records them in
the same commit and says why.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from tightrope.model import Params, simulate

GOLDEN = json.loads((Path(__file__).parent / "golden" / "summaries.json").read_text())
VOLATILE = ("wall_s", "calls_per_s")


@pytest.mark.parametrize(
    "entry", GOLDEN, ids=[f"{e['case']['regime.name']}-{i}" for i, e in enumerate(GOLDEN)]
)
def test_summary_matches_golden(entry):
    """Same parameters and seed give bit-identical KPIs to the recorded run."""
    got = simulate(Params.from_dict(entry["case"]), entry["seed"]).summary
    expected = entry["summary"]
    assert set(expected) <= set(got), f"KPIs lost: {set(expected) - set(got)}"
    for key, want in expected.items():
        value = got[key]
        if want is None:
            assert isinstance(value, float) and math.isnan(value), key
        else:
            assert value == want, f"{key}: {value!r} != golden {want!r}"
