"""The compiled day loop hands control back to Python and resumes without changing anything.

The loop (``model/calls/kernel.py``) returns to its driver (``model/calls/loop.py``)
for the next block of calls, more outbound uniforms, an output flush or bigger
queues. Tiny buffers force every one of those returns many times a day; the run
must be the same, value for value, as with the usual buffers.
"""

from __future__ import annotations

import pytest

from tightrope.model.calls import loop
from tightrope.model.model import CallCentre
from tightrope.model.params import Params
from tightrope.model.simulate import daily_frame

CASE = {
    "regime.name": "specialised",  # warm transfers: held arrivals and transfer legs
    "staffing.reps": 6,
    "arrivals.rate": 1.6,  # overloaded: long queues, hang-ups, callers left at the close
    "blending.outbound": True,
    "blending.idle_reserve": 0,
    "coldcalls.enabled": True,
    "run.days": 4,
    "run.burn_in_days": 1,
}


def _run(**values: object) -> tuple[dict, object, list]:
    centre = CallCentre(Params().replace(**{**CASE, **values}), rng=3, record_calls=True)
    centre.run_model()
    return centre.summary(), daily_frame(centre), centre.call_log


def _uniforms_drawn(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    drawn: list[int] = []
    original = loop._Day.run

    def run(self: loop._Day) -> None:
        original(self)
        drawn.append(int(self.ist[loop.I_UNIFORM_POS]))

    monkeypatch.setattr(loop._Day, "run", run)
    return drawn


def test_tiny_buffers_give_the_same_run(monkeypatch):
    """Queues of 4 rows, flushes every 8 events, uniforms 16 at a time: the same run."""
    usual = _run()
    monkeypatch.setattr(loop, "_START_QUEUE", 4)
    monkeypatch.setattr(loop, "_BUFFER", 8)
    monkeypatch.setattr(loop, "_REFILL", 16)
    drawn = _uniforms_drawn(monkeypatch)
    summary, daily, log = _run()
    assert summary.pop("wall_s", 0) is not None and usual[0].pop("wall_s", 0) is not None
    summary.pop("calls_per_s", None), usual[0].pop("calls_per_s", None)
    assert summary == usual[0]
    assert daily.equals(usual[1])
    assert log == usual[2]
    # More outbound uniforms than the first fill (6 reps: 5 x 7 = 35, rounded to 48).
    assert max(drawn) > 48


def test_queue_mode_arrives_in_blocks():
    """The queue-only mode's long day is read block by block (memory flat in the horizon)."""
    values = {"run.behaviour": False, "staffing.day_minutes": 3000.0, "arrivals.rate": 9.0,
              "run.days": 1, "run.burn_in_days": 0}  # fmt: skip
    params = Params().replace(**values)
    centre = CallCentre(params, rng=1)
    blocks = centre.day_calls()
    first = next(iter(blocks))
    assert first.shape[0] == 4096  # arrivals.BLOCK: the rest are drawn when the loop needs them


def test_the_compiled_cache_is_keyed_by_every_compiled_source():
    """Each module with compiled functions (or constants they read) feeds the cache key."""
    import ast
    from pathlib import Path

    from tightrope.model import calls

    folder = Path(calls.__file__).parent
    compiled = set()
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text())
        if any(isinstance(n, ast.Name) and n.id == "njit" for n in ast.walk(tree)):
            compiled.add(path.stem)
            imported = {
                n.module.rsplit(".", 1)[-1]
                for n in ast.walk(tree)
                if isinstance(n, ast.ImportFrom) and (n.module or "").startswith(calls.__name__)
            }
            compiled |= imported
    assert compiled == set(calls.COMPILED)


def test_the_loop_as_python_gives_the_same_run():
    """``NUMBA_DISABLE_JIT=1`` runs the same source as Python: the same summary, bit for bit."""
    import json
    import os
    import subprocess
    import sys

    from tightrope.model import simulate

    case = {"regime.name": "specialised", "staffing.reps": 8, "run.days": 3,
            "run.burn_in_days": 1, "blending.outbound": True, "coldcalls.enabled": True,
            "staffing.routing": "skills_based"}  # fmt: skip
    script = (
        "import json, sys\n"
        "from tightrope.model import Params, simulate\n"
        "s = simulate(Params.from_dict(json.loads(sys.argv[1])), 1).summary\n"
        "print(json.dumps({k: v for k, v in s.items() if k not in ('wall_s', 'calls_per_s')}))\n"
    )
    env = {**os.environ, "NUMBA_DISABLE_JIT": "1"}
    out = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", script, json.dumps(case)], env=env, capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    compiled = simulate(Params.from_dict(case), 1).summary
    expected = {k: v for k, v in compiled.items() if k not in ("wall_s", "calls_per_s")}
    assert out.stdout.strip() == json.dumps(expected)  # same text: NaN-safe, exact floats


def test_the_loops_team_and_queue_indices_are_the_enums():
    """The compiled loop indexes pools by Team value and queues by inbound CallKind value."""
    from tightrope.model.agents import Team
    from tightrope.model.calls import layout
    from tightrope.model.calls.record import LOG_FIELDS, CallKind

    assert (layout.SERVICE_TEAM, layout.SALES_TEAM, layout.BLENDED_TEAM) == tuple(Team)
    assert (layout.SERVICE_QUEUE, layout.SALES_QUEUE) == (CallKind.SERVICE, CallKind.SALES)
    columns = (layout.LOG_DAY, layout.LOG_ARRIVAL, layout.LOG_START, layout.LOG_END)
    assert [LOG_FIELDS[i] for i in (*columns, layout.LOG_REP)] == list(LOG_FIELDS)
