"""Routing policies: which idle rep takes a call.

The day loop keeps one pool of idle rep slots per team, in the order the reps
became idle: row ``team`` of ``pools``, a ring buffer starting at
``pool_head[team]`` and holding ``pool_n[team]`` slots.

- ``longest_idle``: the rep idle longest takes the call (the usual ACD
  default, FIFO over reps).
- ``skills_based`` (seed 003): the idle rep with the best skill for the call's
  kind takes it (service skill for service calls, sales skill for the rest);
  ties go to the rep idle longest, so the policy reduces to longest-idle among
  identical reps.

Compiled with numba as part of the day loop.
"""

from __future__ import annotations

from numba import njit

from tightrope.model.calls.layout import REP_SALES_SKILL, REP_SERVICE_SKILL
from tightrope.model.calls.record import SERVICE

#: Routing policies by name (``staffing.routing``); True: by skill.
ROUTINGS: dict[str, bool] = {"longest_idle": False, "skills_based": True}


def by_skill(name: str) -> bool:
    """Whether the named policy routes by skill (an unknown name fails with the list)."""
    try:
        return ROUTINGS[name]
    except KeyError:
        raise ValueError(
            f"unknown routing policy {name!r}; known: {', '.join(ROUTINGS)}"
        ) from None


@njit(cache=True)
def pool_add(pools, pool_head, pool_n, team, slot) -> None:
    """Rep ``slot`` becomes idle: it joins the back of its team's pool."""
    cap = pools.shape[1]
    pools[team, (pool_head[team] + pool_n[team]) % cap] = slot
    pool_n[team] += 1


@njit(cache=True)
def pool_take(pools, pool_head, pool_n, team, kind, skills, reps) -> int:
    """Remove and return the idle rep of ``team`` that takes a call of ``kind``."""
    cap = pools.shape[1]
    head = pool_head[team]
    n = pool_n[team]
    best = 0
    if skills:
        # The first position holding the highest skill: the best rep, ties to the longest idle.
        column = REP_SERVICE_SKILL if kind == SERVICE else REP_SALES_SKILL
        top = reps[column, pools[team, head]]
        for i in range(1, n):
            s = reps[column, pools[team, (head + i) % cap]]
            if s > top:
                top = s
                best = i
    slot = pools[team, (head + best) % cap]
    # Close the gap: the reps ahead of the taken one move back one place.
    for i in range(best, 0, -1):
        pools[team, (head + i) % cap] = pools[team, (head + i - 1) % cap]
    pool_head[team] = (head + 1) % cap
    pool_n[team] = n - 1
    return slot
