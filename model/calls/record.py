"""The call record: what a call is, with its fields named once, here.

A call is a plain tuple (built by ``zip`` over vectorised columns in
:mod:`tightrope.model.calls.arrivals`): the hot loop reads millions of them, and
a tuple is the cheapest record CPython has. Its layout is :data:`FIELDS`; code
reads a field by the index constants below (``call[KIND]``) or unpacks the
whole tuple, never by a bare number. Queue-only calls stop after ``customer``;
with behaviour on, the per-call uniforms follow (drawn with the call, so a call
keeps its randomness when a parameter elsewhere changes).

A :class:`CallKind` is what a call is about; a rep's
:class:`~tightrope.model.agents.Team` is which calls it takes. They are
different enums on purpose: a blended rep takes two kinds.
"""

from __future__ import annotations

import math
from enum import IntEnum


class CallKind(IntEnum):
    """What a call is (an int in the tuple: the loop indexes lists by it)."""

    SERVICE = 0  # an inbound service call (may carry a pitch)
    SALES = 1  # an inbound sales call
    OUTBOUND = 2  # a rep dials a prospect (never queued)
    TRANSFER = 3  # a warm transfer from a service rep to the sales side


#: The call tuple's fields, in order.
FIELDS: tuple[str, ...] = (
    "time",  # arrival time, minutes since the day opened
    "deadline",  # time the caller hangs up if still waiting (inf: never)
    "handle_units",  # handle-time multiplier with mean 1 (times AHT and modifiers)
    "kind",  # a CallKind value
    "customer",  # index into the customer base, -1 when there is none
    "u_mood",  # uniform: the caller's mood (anger)
    "u_complex",  # uniform: is the issue complex (and, given that, is it avoided)
    "u_resolve",  # uniform: is it resolved
    "u_need",  # uniform: does the caller need a product (a transfer: 0.0 need, 1.0 none)
    "u_seen",  # uniform: does the rep perceive the need (a transfer: the anger it carries)
    "u_sale",  # uniform: does a pitch sell
    "u_pop",  # uniform: does the screen-pop tool flag the call
)
# Index of each field (plain ints, so the loop's tuple indexing stays a fast path).
(
    TIME,
    DEADLINE,
    HANDLE_UNITS,
    KIND,
    CUSTOMER,
    U_MOOD,
    U_COMPLEX,
    U_RESOLVE,
    U_NEED,
    U_SEEN,
    U_SALE,
    U_POP,
) = range(len(FIELDS))
QUEUE_FIELDS = U_MOOD  # a queue-only call stops here
UNIFORM_FIELDS = FIELDS[U_MOOD:]
#: Per-call uniforms drawn with each call when behaviour is on.
CALL_UNIFORMS = len(UNIFORM_FIELDS)


class RepeatCustomer(int):
    """The ``customer`` of a repeat contact in a call tuple (a scripted day, tests).

    It is the customer's index (an ``int``, so every use of the index is unchanged);
    its type marks the contact as a repeat, so that FCR can be counted per issue
    (issue 13). :func:`~tightrope.model.calls.loop.call_row` turns the mark into
    the row's ``REPEAT`` column; the model's own days carry the mark as that
    column from the start (:func:`~tightrope.model.calls.arrivals.call_rows`).
    """

    __slots__ = ()


def is_repeat(customer: int) -> bool:
    """Whether ``customer`` (a call's customer field) marks a repeat contact."""
    return type(customer) is RepeatCustomer


# Kinds as plain ints, for code that builds or compares tuples in the hot path.
SERVICE, SALES, OUTBOUND, TRANSFER = (int(kind) for kind in CallKind)

#: A transfer's ``u_need``: the transferring rep knows whether the caller needs the product.
TRANSFER_NEED, TRANSFER_NO_NEED = 0.0, 1.0
#: The sales side reads a transfer's need as ``u_need < TRANSFER_NEED_CUT``: any cut in
#: (0, 1] separates the two hints, so it is not a parameter.
TRANSFER_NEED_CUT = 0.5

#: The call log (``CallCentre(record_calls=True)``): one tuple per answered call.
LOG_FIELDS: tuple[str, ...] = ("day", "arrival", "start", "end", "rep")


def make_call(
    time: float = 0.0,
    deadline: float = math.inf,
    handle_units: float = 1.0,
    kind: int = SERVICE,
    customer: int = -1,
    **uniforms: float,
) -> tuple:
    """A call tuple from named fields; omitted uniforms are 0.5, none when all are omitted.

    For building a call outside the vectorised stream (a warm transfer, tests).
    """
    head = (time, deadline, handle_units, int(kind), customer)
    if not uniforms:
        return head
    unknown = set(uniforms) - set(UNIFORM_FIELDS)
    if unknown:
        raise ValueError(f"unknown call fields {sorted(unknown)}; known: {list(UNIFORM_FIELDS)}")
    return head + tuple(uniforms.get(name, 0.5) for name in UNIFORM_FIELDS)


def transfer_of(call: tuple, need_hint: float, anger: float = 0.0, u_sale: float = -1.0) -> tuple:
    """The warm transfer of ``call``: same caller, kind TRANSFER, no deadline.

    ``need_hint`` (:data:`TRANSFER_NEED` or :data:`TRANSFER_NO_NEED`) goes in ``u_need``
    and the caller's ``anger`` at the end of the service leg in ``u_seen`` (the caller
    keeps their mood; waiting for the sales side adds to it). ``u_sale`` (when >= 0)
    replaces the sale uniform, for a referral that consumed part of it. The loop sets
    the time with :func:`at_time` when the first call ends.
    """
    out = list(call)
    out[DEADLINE] = math.inf
    out[KIND] = TRANSFER
    out[U_NEED] = need_hint
    out[U_SEEN] = anger
    if u_sale >= 0.0:
        out[U_SALE] = u_sale
    return tuple(out)


def at_time(call: tuple, time: float) -> tuple:
    """``call`` arriving at ``time`` (a warm transfer reaches the sales side)."""
    out = list(call)
    out[TIME] = time
    return tuple(out)


def replace(call: tuple, **changes: float) -> tuple:
    """A copy of ``call`` with the named fields changed."""
    values = list(call)
    for name, value in changes.items():
        if name not in FIELDS:
            raise ValueError(f"unknown call field {name!r}; known: {list(FIELDS)}")
        values[FIELDS.index(name)] = value
    return tuple(values)


def as_dict(call: tuple) -> dict[str, float]:
    """The call's fields by name (for inspection and error messages)."""
    return dict(zip(FIELDS, call, strict=False))
