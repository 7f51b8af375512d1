"""The benchmark's SimPy and Ciw peers simulate the same queue that theory describes.

Guards that ``make bench`` compares like with like: each peer's mean wait, over a few
independent seeds, must cover the exact value within a 99% t-interval. No timings here.
"""

import statistics
import sys
from pathlib import Path

import pytest
from scipy import stats

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/ is not installed

from bench.peers import ciw_queue, simpy_queue  # noqa: E402
from tightrope.model.validation.theory import erlang_a, erlang_c  # noqa: E402

AGENTS, RATE, AHT, MINUTES = 5, 4.0, 1.0, 3000.0
SEEDS = range(5)


def _covers(samples: list[float], exact: float) -> bool:
    half = stats.t.ppf(0.995, len(samples) - 1) * statistics.stdev(samples)
    return abs(statistics.mean(samples) - exact) <= half / len(samples) ** 0.5


@pytest.mark.parametrize("peer", [simpy_queue, ciw_queue])
def test_peer_matches_erlang_c(peer) -> None:  # noqa: ANN001
    runs = [peer(AGENTS, RATE, AHT, None, MINUTES, seed) for seed in SEEDS]
    exact = erlang_c(AGENTS, RATE, AHT)
    assert all(r["abandoned"] == 0 for r in runs)
    assert _covers([r["mean_wait"] for r in runs], exact.asa)


@pytest.mark.parametrize("peer", [simpy_queue, ciw_queue])
def test_peer_matches_erlang_a(peer) -> None:  # noqa: ANN001
    patience = 2.0
    runs = [peer(AGENTS, RATE, AHT, patience, MINUTES, seed) for seed in SEEDS]
    exact = erlang_a(AGENTS, RATE, AHT, patience)
    assert _covers([r["mean_wait"] for r in runs], exact.mean_wait)
    assert _covers([r["p_abandon"] for r in runs], exact.p_abandon)
