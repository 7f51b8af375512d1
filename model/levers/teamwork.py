"""Team effects on morale: a sales scoreboard (seed 001) and morale contagion (seed 002).

Both are simultaneous updates of a whole team, so both run in two phases:
every rep's standing (rank, team mean) is computed from the same snapshot
first, then every rep's morale moves. No rep's update sees another's, so
the order of reps cannot bias the result (Mesa's prisoner's-dilemma habit).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from tightrope.model.agents import Team

if TYPE_CHECKING:
    from tightrope.model.agents import Rep
    from tightrope.model.model import CallCentre


def by_team(reps: list[Rep]) -> dict[Team, list[Rep]]:
    """Reps grouped by team, each group in id order."""
    groups: dict[Team, list[Rep]] = {}
    for rep in sorted(reps, key=lambda r: r.unique_id):
        groups.setdefault(rep.team, []).append(rep)
    return groups


def apply_scoreboard(centre: CallCentre, board: dict[int, float], sales: list[float]) -> None:
    """Add today's sales to the period's board; the bottom group loses morale, the top gains.

    A rep is in the bottom group when fewer than ``bottom_share`` of the team
    sold less and somebody sold more (ties at zero all sit at the bottom, as
    on a real board); symmetrically for the top. A board with no spread moves
    nobody.
    """
    s = centre.params.scoreboard
    if centre.params.morale.frozen:
        return
    shown = [rep for rep in centre.agents if rep.on_phones and rep.can_pitch]
    for rep in shown:
        board[rep.unique_id] = board.get(rep.unique_id, 0.0) + sales[rep.slot]
    changes: list[tuple[Rep, float]] = []
    for team in by_team(shown).values():
        n = len(team)
        scores = sorted(board[rep.unique_id] for rep in team)
        for rep in team:
            mine = board[rep.unique_id]
            # Counts of strictly lower and higher scores, by bisection (O(n log n) a team).
            below = bisect_left(scores, mine)
            above = n - bisect_right(scores, mine)
            if below < s.bottom_share * n and above > 0:
                changes.append((rep, -s.bottom_drop))
            elif above < s.top_share * n and below > 0:
                changes.append((rep, s.top_lift))
    for rep, delta in changes:
        rep.morale = min(1.0, max(0.0, rep.morale + delta))


def apply_contagion(centre: CallCentre) -> None:
    """Every rep's morale moves toward the team mean at ``contagion.rate`` (two phases)."""
    if centre.params.morale.frozen:
        return
    rate = centre.params.contagion.rate
    teams = by_team(list(centre.agents))
    means = {team: sum(r.morale for r in reps) / len(reps) for team, reps in teams.items()}
    for team, reps in teams.items():
        for rep in reps:
            m = rep.morale + rate * (means[team] - rep.morale)
            rep.morale = min(1.0, max(0.0, m))
