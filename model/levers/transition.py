"""A regime transition on a given day (seed 003: service-only to blended selling).

On ``transition.day`` the centre takes the new regime and, if asked, the new
organisation design: reps are reassigned (the most sales-minded to the sales
team under a dedicated design), trained to pitch as a hire would be, and
every rep takes a morale shock that managers prepared for the change soften.
Nothing here runs, and no random number is drawn, before that day, so every
KPI of the days before equals the unswitched run's.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np

from tightrope.model.agents import Team
from tightrope.model.regimes import make_regime

if TYPE_CHECKING:
    from tightrope.model.model import CallCentre


def switch_regime(centre: CallCentre, rng: np.random.Generator) -> None:
    """Switch regime and design, retrain, and apply the morale shock."""
    p = centre.params
    t = p.transition
    regime = make_regime(dataclasses.replace(p.regime, name=t.regime))
    centre.regime = regime
    design = p.org.design if t.design == "unchanged" else t.design
    reps = sorted(centre.agents, key=lambda r: r.unique_id)
    reassign_teams(centre, design == "dedicated" or regime.dedicated)
    draws = rng.random(len(reps)).tolist()
    share = p.org.cross_trained_share
    for rep, u in zip(reps, draws, strict=True):
        rep.can_pitch = rep.team is Team.SALES or (regime.pitches and (rep.can_pitch or u < share))
    if not p.morale.frozen:
        shock = t.shock * ((1.0 - t.prepared_softening) if t.prepared_managers else 1.0)
        for rep in reps:
            rep.morale = max(0.0, rep.morale - shock)


def reassign_teams(centre: CallCentre, dedicated: bool) -> None:
    """Move reps (and hires on their way) between one blended pool and two teams."""
    table = centre.table
    reps = sorted(centre.agents, key=lambda r: r.unique_id)
    is_dedicated = any(rep.team is not Team.BLENDED for rep in reps)
    workforce = centre.workforce
    if not dedicated:
        for rep in reps:
            table.team[rep.slot] = Team.BLENDED
        workforce.pipeline = [(start, Team.BLENDED) for start, _ in workforce.pipeline]
        return
    if is_dedicated:
        return
    n = len(reps)
    n_sales = max(1, round(centre.params.org.sales_team_share * n)) if n > 1 else 0
    ranked = sorted(reps, key=lambda r: (-r.orientation, r.unique_id))
    for i, rep in enumerate(ranked):
        table.team[rep.slot] = Team.SALES if i < n_sales else Team.SERVICE
    workforce.pipeline = [
        (start, Team.SERVICE if team is Team.BLENDED else team)
        for start, team in workforce.pipeline
    ]
