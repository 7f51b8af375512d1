"""Runs free their memory: Mesa 3.3.1's agent-id registry leak is worked around."""

import gc
import subprocess
import sys
import textwrap
import weakref
from pathlib import Path

import mesa
import pytest

from tightrope.model.agents import Rep
from tightrope.model.model import CallCentre
from tightrope.model.params import Params

SHORT = Params().replace(**{"run.days": 2, "run.burn_in_days": 0})


def test_finished_model_is_freed():
    """A finished run leaves no entry behind in the id registries (others' models may live)."""
    gc.collect()
    rep_models_before = len(Rep._ids)
    mesa_models_before = sum(isinstance(m, CallCentre) for m in mesa.Agent._ids)
    centre = CallCentre(SHORT, rng=1)
    centre.run()
    ref = weakref.ref(centre)
    assert ref() in Rep._ids
    del centre
    gc.collect()
    assert ref() is None
    assert len(Rep._ids) == rep_models_before  # nothing kept alive by the id counters
    assert sum(isinstance(m, CallCentre) for m in mesa.Agent._ids) == mesa_models_before


def test_agent_ids_still_count_from_one_per_model():
    first, second = CallCentre(SHORT, rng=1), CallCentre(SHORT, rng=2)
    for centre in (first, second):
        ids = sorted(a.unique_id for a in centre.agents)
        assert ids == list(range(1, len(ids) + 1))


RSS_SCRIPT = textwrap.dedent(
    """
    import resource
    from tightrope.model import simulate
    from tightrope.model.params import Params

    def rss_mb():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * resource.getpagesize() / 2**20

    p = Params().replace(**{"run.days": 2, "run.burn_in_days": 0})
    for seed in range(20):  # warm-up: imports, caches, allocator arenas
        simulate(p, seed)
    before = rss_mb()
    for seed in range(300):
        simulate(p, seed)
    print(rss_mb() - before)
    """
)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads /proc (Linux)")
def test_300_runs_grow_memory_by_less_than_50_mb():
    out = subprocess.run(  # noqa: S603 - fixed script, this interpreter
        [sys.executable, "-c", RSS_SCRIPT], capture_output=True, text=True, check=True
    )
    growth = float(out.stdout.strip())
    assert growth < 50.0, f"300 two-day runs grew resident memory by {growth:.0f} MB"
