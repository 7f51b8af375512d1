"""The call record's layout is declared once and every producer follows it."""

import math
import re
from pathlib import Path

import numpy as np
import pytest

from tightrope.model.agents import Team
from tightrope.model.calls import record
from tightrope.model.calls.arrivals import call_rows
from tightrope.model.calls.layout import REPEAT, ROW
from tightrope.model.calls.record import (
    CALL_UNIFORMS,
    CUSTOMER,
    DEADLINE,
    FIELDS,
    QUEUE_FIELDS,
    CallKind,
    make_call,
    transfer_of,
)

REPO = Path(__file__).resolve().parents[1]


def test_index_constants_follow_the_field_names():
    """``record.KIND`` is the position of ``"kind"`` in FIELDS, and so on for every field."""
    assert [getattr(record, name.upper()) for name in FIELDS] == list(range(len(FIELDS)))
    assert FIELDS[QUEUE_FIELDS] == "u_mood"  # a queue-only call ends before the uniforms


def test_call_kind_and_team_are_different_enums():
    """A team says which calls a rep takes; a kind what a call is: never interchangeable."""
    assert CallKind.SALES == Team.SALES == 1  # both ints, so the loop can index by them...
    assert CallKind.SALES is not Team.SALES  # ...but different types
    assert not isinstance(CallKind.SALES, Team)
    assert [int(k) for k in CallKind] == [record.SERVICE, record.SALES, 2, record.TRANSFER]


def test_arrival_rows_follow_the_layout():
    """Rows from the vectorised stream have the loop's width, sorted times and inbound kinds."""
    rng = np.random.default_rng(4)
    times = np.sort(rng.uniform(0.0, 100.0, 500))
    rows = call_rows(rng, times, "exponential", 1.0, 3.0, 0.3, np.arange(500), CALL_UNIFORMS)
    assert rows.shape == (500, ROW) and ROW == len(FIELDS) + 1 and REPEAT == len(FIELDS)
    fields = {name: rows[:, i].tolist() for i, name in enumerate(FIELDS)}
    assert fields["time"] == sorted(fields["time"])
    assert all(d > t for d, t in zip(fields["deadline"], fields["time"], strict=True))
    assert set(fields["kind"]) == {CallKind.SERVICE, CallKind.SALES}
    assert fields["customer"] == list(range(500))
    assert all(0.0 <= u < 1.0 for name in record.UNIFORM_FIELDS for u in fields[name])
    assert not rows[:, REPEAT].any()
    queue_only = call_rows(rng, times, "exponential", 1.0, None, 0.0, np.full(500, -1), 0)
    assert not queue_only[:, QUEUE_FIELDS:].any() and np.isinf(queue_only[:, DEADLINE]).all()
    marks = np.array([True, False])
    who = np.array([3, 4])
    again = call_rows(rng, times[:2], "exponential", 1.0, None, 0.0, who, 0, None, marks)
    assert again[:, REPEAT].tolist() == [1.0, 0.0] and again[:, CUSTOMER].tolist() == [3.0, 4.0]
    with pytest.raises(ValueError, match="extra_columns must be 0 or 7"):
        call_rows(rng, times, "exponential", 1.0, None, 0.0, np.full(500, -1), 3)


def test_make_call_and_transfer_set_fields_by_name():
    """Named construction lands each value in its field; a transfer keeps caller and uniforms."""
    call = make_call(time=5.0, deadline=9.0, kind=CallKind.SERVICE, customer=7, u_sale=0.25)
    assert len(call) == len(FIELDS)
    assert record.as_dict(call)["u_sale"] == 0.25 and record.as_dict(call)["u_need"] == 0.5
    moved = transfer_of(call, record.TRANSFER_NEED, anger=0.7)
    changed = {f for f, a, b in zip(FIELDS, call, moved, strict=True) if a != b}
    assert changed == {"deadline", "kind", "u_need", "u_seen"}  # u_seen: the anger carried
    assert moved[record.U_SEEN] == 0.7 and moved[record.U_SALE] == 0.25
    assert transfer_of(call, record.TRANSFER_NEED, 0.7, u_sale=0.1)[record.U_SALE] == 0.1
    assert moved[record.KIND] == CallKind.TRANSFER and moved[record.DEADLINE] == math.inf
    assert record.at_time(moved, 12.0)[record.TIME] == 12.0
    with pytest.raises(ValueError, match="unknown call fields"):
        make_call(u_sael=0.3)
    with pytest.raises(ValueError, match="unknown call field"):
        record.replace(call, colour=1.0)


def test_no_positional_indexing_of_call_tuples():
    """Code reads call fields by name (``call[KIND]``), never by a literal position."""
    pattern = re.compile(r"\b(call|nxt|transfer)\[\d")
    offenders = [
        f"{path.relative_to(REPO)}:{i}"
        for folder in ("model", "tests", "experiments", "analysis", "src")
        for path in (REPO / folder).rglob("*.py")
        for i, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
