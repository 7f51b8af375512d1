"""Every documented mechanism moves the output it drives, in the predicted direction.

The table lives in tests/mechanisms.py (and, generated, in tests/MECHANISMS.md).
Each case is a paired low/high comparison on common seeds with a strict
inequality, so replacing the mechanism's code by a no-op fails its test.
"""

from pathlib import Path

import pytest
from mechanisms import MECHANISMS, SCENARIOS, arm, markdown

from tightrope.model.params import GROUPS

TABLE = Path(__file__).with_name("MECHANISMS.md")
KEYS = {f"{group}.{name}" for group, cls in GROUPS.items() for name, _, _ in cls.specs()}


@pytest.mark.parametrize("m", MECHANISMS, ids=[m.name for m in MECHANISMS])
def test_mechanism_moves_its_output(m):
    low, high = arm(m, m.low), arm(m, m.high)
    assert low == low and high == high, f"{m.output} is nan"
    if m.direction > 0:
        assert high > low, f"{m.param}: {m.low!r} -> {m.high!r} should raise {m.output}"
    else:
        assert high < low, f"{m.param}: {m.low!r} -> {m.high!r} should lower {m.output}"


def test_table_is_well_formed_and_current():
    """Unique names, known parameters and scenarios; MECHANISMS.md matches the table."""
    names = [m.name for m in MECHANISMS]
    assert len(names) == len(set(names))
    for m in MECHANISMS:
        assert m.param in KEYS and set(m.extra) <= KEYS, m.name
        assert m.scenario in SCENARIOS and m.low != m.high, m.name
    assert TABLE.read_text() == markdown(), "regenerate: python tests/mechanisms.py"
