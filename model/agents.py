"""Reps: Mesa agents whose state lives in a struct-of-lists table.

The call loop reads and writes rep state millions of times a run, so the
numbers live in plain Python lists indexed by a rep's ``slot`` (list
indexing is the fastest access CPython has). Each :class:`Rep` agent owns
one slot and exposes its state as properties, so ``tightrope.model.agents`` is the
inspectable, Mesa-native view of the same data. A slot is reused by the next
hire after its rep leaves.
"""

from __future__ import annotations

import math
from enum import Enum, IntEnum
from typing import TYPE_CHECKING

import mesa

from tightrope.model.memory import ModelCounters

if TYPE_CHECKING:
    from tightrope.model.model import CallCentre


class Team(IntEnum):
    """Which calls a rep takes (an int: the call loop indexes by it)."""

    SERVICE = 0
    SALES = 1
    BLENDED = 2


class Status(Enum):
    """Where a rep is in the employment life cycle."""

    TRAINING = "training"
    ACTIVE = "active"


STATE_FIELDS = (
    "service_skill",
    "sales_skill",
    "service_ceiling",
    "sales_ceiling",
    "orientation",
    "morale",
    "morale_baseline",
    "warmup",
    "warmup_rate",
    "pressure",
)
COUNTER_FIELDS = (
    "service_calls",
    "sales_contacts",
    "pitches",
    "sales",
    "harmful_sales",
    "resolved",
)


class RepTable:
    """Struct-of-lists holding every rep's numeric state, indexed by slot."""

    def __init__(self) -> None:
        for name in STATE_FIELDS + COUNTER_FIELDS:
            setattr(self, name, [])
        self.team: list[int] = []
        self.can_pitch: list[bool] = []
        self.streak: list[int] = []  # consecutive sales contacts in the current run
        self.free_slots: list[int] = []

    def allocate(self, team: Team, **state: float) -> int:
        """Give a new rep a slot (reusing a vacated one) and set its state."""
        if self.free_slots:
            slot = self.free_slots.pop()
        else:
            slot = len(self.team)
            for name in STATE_FIELDS + COUNTER_FIELDS:
                getattr(self, name).append(0.0)
            self.team.append(int(team))
            self.can_pitch.append(False)
            self.streak.append(0)
        self.team[slot] = int(team)
        self.can_pitch[slot] = False
        self.streak[slot] = 0
        for name in STATE_FIELDS:
            getattr(self, name)[slot] = float(state.get(name, 0.0))
        self.reset_counters(slot)
        return slot

    def release(self, slot: int) -> None:
        """Free a slot when its rep leaves."""
        self.free_slots.append(slot)

    def reset_counters(self, slot: int) -> None:
        """Zero a rep's day counters."""
        for name in COUNTER_FIELDS:
            getattr(self, name)[slot] = 0.0


def _table_property(name: str) -> property:
    def get(self: Rep) -> float:
        return getattr(self.model.table, name)[self.slot]

    def set_(self: Rep, value: float) -> None:
        getattr(self.model.table, name)[self.slot] = float(value)

    return property(get, set_, doc=f"The rep's {name.replace('_', ' ')} (from the rep table).")


class Rep(mesa.Agent):
    """A call-centre rep: skills, temperament, morale, sales mode, tenure, team."""

    model: CallCentre
    _ids = ModelCounters()
    """Unique-id counters held weakly per model (works around mesa#3179's leak)."""

    service_skill = _table_property("service_skill")
    sales_skill = _table_property("sales_skill")
    orientation = _table_property("orientation")
    morale = _table_property("morale")
    morale_baseline = _table_property("morale_baseline")
    warmup = _table_property("warmup")
    warmup_rate = _table_property("warmup_rate")
    service_ceiling = _table_property("service_ceiling")
    sales_ceiling = _table_property("sales_ceiling")
    pressure = _table_property("pressure")

    def __init__(
        self,
        model: CallCentre,
        team: Team,
        status: Status = Status.ACTIVE,
        training_days_left: int = 0,
        **state: float,
    ) -> None:
        super().__init__(model)
        self.slot = model.table.allocate(team, **state)
        self.status = status
        self.training_days_left = training_days_left
        self.tenure_days = 0
        self.period_sales = 0.0
        self.period_genuine = 0.0
        self.period_days = 0
        self.period_resolved = 0.0
        self.previous_score = 0.0
        self.recognitions = 0

    @property
    def can_pitch(self) -> bool:
        """Whether the rep is trained and allowed to pitch."""
        return self.model.table.can_pitch[self.slot]

    @can_pitch.setter
    def can_pitch(self, value: bool) -> None:
        self.model.table.can_pitch[self.slot] = bool(value)

    def score(self) -> float:
        """This period's performance: sales plus resolved service calls (selling is service)."""
        return self.period_sales + self.period_resolved / 10.0

    def improvement(self) -> float:
        """Score gained over the rep's own previous period (what broad recognition rewards)."""
        return self.score() - self.previous_score

    def close_period(self) -> None:
        """Start a new review period."""
        self.previous_score = self.score()
        self.period_sales = self.period_genuine = self.period_resolved = 0.0
        self.period_days = 0

    @property
    def team(self) -> Team:
        """The rep's team."""
        return Team(self.model.table.team[self.slot])

    @property
    def on_phones(self) -> bool:
        """Whether the rep takes calls today."""
        return self.status is Status.ACTIVE

    def end_of_day(self) -> None:
        """Tenure and training advance; morale reverts; unused skills fade; sales mode resets."""
        p = self.model.params
        table, slot = self.model.table, self.slot
        self.tenure_days += 1
        worked = self.status is Status.ACTIVE
        if self.status is Status.TRAINING:
            self.training_days_left -= 1
            if self.training_days_left <= 0:
                self.status = Status.ACTIVE
        elif not p.skills.frozen:
            keep = math.exp(-p.skills.forget)
            floor = p.skills.floor
            if table.service_calls[slot] == 0 and table.service_skill[slot] > floor:
                table.service_skill[slot] = floor + (table.service_skill[slot] - floor) * keep
            if table.sales_contacts[slot] == 0 and table.sales_skill[slot] > floor:
                table.sales_skill[slot] = floor + (table.sales_skill[slot] - floor) * keep
        if not p.morale.frozen:
            m = table.morale[slot]
            m += p.morale.reversion * (table.morale_baseline[slot] - m)
            table.morale[slot] = min(1.0, max(0.0, m))
        if worked:
            self.period_days += 1
        self.period_sales += table.sales[slot]
        self.period_genuine += table.sales[slot] - table.harmful_sales[slot]
        self.period_resolved += table.resolved[slot]
        table.warmup[slot] = p.warmup.start
        table.streak[slot] = 0
        table.reset_counters(slot)

    def leave(self) -> None:
        """Quit or be dismissed: free the slot and deregister from the model."""
        self.model.table.release(self.slot)
        self.remove()
