"""The day's counters of call outcomes, written by the call hooks on the hot path."""

from __future__ import annotations

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


class Tally:
    """Day counters of call outcomes (attributes, reset each day)."""

    __slots__ = (*TALLY_FIELDS, "pitches_at", "sales_at")

    def __init__(self) -> None:
        for name in TALLY_FIELDS:
            setattr(self, name, 0.0)
        # Pitches and sales by position in the rep's current run of sales contacts
        # (seed 001's warm-up, measured the way a floor manager would see it).
        self.pitches_at = [0] * RUN_POSITIONS
        self.sales_at = [0] * RUN_POSITIONS

    def as_dict(self) -> dict[str, float]:
        """Counters by name (positions as ``pitches_at_1`` ... ``sales_at_8``)."""
        out = {name: getattr(self, name) for name in TALLY_FIELDS}
        for i in range(RUN_POSITIONS):
            out[f"pitches_at_{i + 1}"] = self.pitches_at[i]
            out[f"sales_at_{i + 1}"] = self.sales_at[i]
        return out
