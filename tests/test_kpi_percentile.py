"""The daily reporters' percentile equals numpy's, bit for bit (it replaces it for speed)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tightrope.model.kpis import percentile_linear

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_subnormal=False)


@given(
    values=st.lists(finite, min_size=1, max_size=300),
    q=st.one_of(st.just(10.0), st.sampled_from([0.0, 50.0, 90.0, 100.0]), st.floats(0, 100)),
)
def test_percentile_matches_numpy_exactly(values: list[float], q: float) -> None:
    assert percentile_linear(sorted(values), q) == float(np.percentile(values, q))


@given(st.lists(st.floats(0, 1), min_size=1, max_size=60))
def test_morale_like_values_match_numpy_at_the_tenth_percentile(values: list[float]) -> None:
    # The reporters' case: morale in [0, 1] of a few dozen reps; ties included.
    values = values + values[: len(values) // 3]
    assert percentile_linear(sorted(values), 10) == float(np.percentile(values, 10))
