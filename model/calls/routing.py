"""Routing policies: which idle rep takes a call.

A policy is a pool of idle reps with ``add(slot)``, ``take(kind)`` and
``len()``; the call loop keeps one pool per team. Pools hold rep slots
(ints), never agents, to keep the loop free of attribute look-ups.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from typing import Protocol

from tightrope.model.calls.record import CallKind


class IdlePool(Protocol):
    """Idle reps of one team, in the order a policy picks them."""

    def add(self, slot: int) -> None:
        """A rep becomes idle."""

    def take(self, kind: int) -> int:
        """Remove and return the rep that takes a call of ``kind``."""

    def __len__(self) -> int:
        """Number of idle reps."""


class LongestIdle(deque):
    """The rep idle longest takes the call (the usual ACD default, FIFO over reps)."""

    add = deque.append

    def take(self, kind: int) -> int:
        """Pop the longest-idle rep."""
        return self.popleft()


class SkillsBased(list):
    """The idle rep with the best skill for the call's kind takes it (seed 003).

    Ties go to the rep idle longest, so the policy reduces to longest-idle
    among identical reps.
    """

    def __init__(self, service_skill: Sequence[float], sales_skill: Sequence[float]) -> None:
        super().__init__()
        # Indexed by call kind: service skill for service calls, sales skill for the rest.
        self.skill_for_kind = tuple(
            service_skill if kind is CallKind.SERVICE else sales_skill for kind in CallKind
        )

    add = list.append

    def take(self, kind: int) -> int:
        """Pop the best-skilled idle rep for this kind of call."""
        skill = self.skill_for_kind[kind]
        # The first position holding the highest skill: the best rep, ties to the
        # longest idle (one C-level max and index instead of a keyed max).
        skills = [skill[slot] for slot in self]
        return self.pop(skills.index(max(skills)))


def pool_factory(name: str, table: object) -> Callable[[], IdlePool]:
    """Return a constructor of empty pools for the named policy."""
    match name:
        case "longest_idle":
            return LongestIdle
        case "skills_based":
            return lambda: SkillsBased(table.service_skill, table.sales_skill)  # type: ignore[attr-defined]
        case _:
            raise ValueError(f"unknown routing policy {name!r}; known: longest_idle, skills_based")
