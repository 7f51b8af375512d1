"""The day's counters of call outcomes, written by the compiled call loop.

A :class:`Tally` wraps one float64 vector (``values``) that the loop writes by
the indices of :mod:`tightrope.model.calls.layout`; Python code reads the
counters by name (``tally.pitches``), as plain floats.
"""

from __future__ import annotations

import numpy as np

#: Call-hook counters of the management levers (zero while their lever is off).
LEVER_TALLY_FIELDS = (
    "calls_avoided",  # long service calls cut short (call avoidance)
    "cold_irritated",  # prospects irritated by a cold call (cold calls)
)
TALLY_FIELDS = (
    "service_calls",
    "sales_calls",
    "resolved",
    "unresolved",
    "angry_calls",
    "pitches",
    "angry_pitches",
    "sales_genuine",
    "sales_harmful",
    "transfers",
    "revenue_genuine",
    "revenue_harmful",
    "commission_paid",
    "csat_sum",
    "csat_n",
    "outbound_dials",
    "outbound_contacts",
    *LEVER_TALLY_FIELDS,
)
RUN_POSITIONS = 8  # pitches are binned by position in a run of sales contacts: 1..7, 8+


def _counter(i: int) -> property:
    def get(self: Tally) -> float:
        return float(self.values[i])

    def set_(self: Tally, value: float) -> None:
        self.values[i] = value

    return property(get, set_, doc=f"Today's {TALLY_FIELDS[i].replace('_', ' ')}.")


class Tally:
    """Day counters of call outcomes (one vector, read by name; reset each day)."""

    __slots__ = ("values",)

    def __init__(self) -> None:
        n = len(TALLY_FIELDS)
        self.values = np.zeros(n + 2 * RUN_POSITIONS)

    @property
    def pitches_at(self) -> list[int]:
        """Pitches by position in the rep's current run of sales contacts: 1..7, 8+.

        Seed 001's warm-up, measured the way a floor manager would see it.
        """
        n = len(TALLY_FIELDS)
        return [int(x) for x in self.values[n : n + RUN_POSITIONS].tolist()]

    @property
    def sales_at(self) -> list[int]:
        """Sales by the position of their pitch in the run (as :attr:`pitches_at`)."""
        n = len(TALLY_FIELDS) + RUN_POSITIONS
        return [int(x) for x in self.values[n : n + RUN_POSITIONS].tolist()]

    def as_dict(self) -> dict[str, float]:
        """Counters by name (positions as ``pitches_at_1`` ... ``sales_at_8``)."""
        values = self.values.tolist()
        out = dict(zip(TALLY_FIELDS, values, strict=False))
        pitches_at, sales_at = self.pitches_at, self.sales_at
        for i in range(RUN_POSITIONS):
            out[f"pitches_at_{i + 1}"] = pitches_at[i]
            out[f"sales_at_{i + 1}"] = sales_at[i]
        return out


for _i, _name in enumerate(TALLY_FIELDS):
    setattr(Tally, _name, _counter(_i))
