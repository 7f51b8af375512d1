"""Who works here: initial staffing, hiring by policy, attrition, training and costs.

Quits follow a daily hazard ``h = h0 exp(beta (m_ref - m))``; dismissals
(quality monitoring, :mod:`tightrope.model.levers.coaching`) are counted apart. A vacancy is
refilled after a hiring lag by a new hire of the same team, drawn by the
hiring policy (seed 003: hire for talent), who trains before taking calls
and then ramps up through the learning curve from a lower starting skill.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from tightrope.model.agents import Rep, Status, Team
from tightrope.model.staffing import TeamPlan, steady_state_start

if TYPE_CHECKING:
    from tightrope.model.model import CallCentre


def orientation_shapes(policy: str, a: float, b: float) -> tuple[float, float]:
    """Beta shapes of a hire's orientation, by where the talent is sought."""
    return {"random": (1.0, 1.0), "service_talent": (a, b), "sales_talent": (b, a)}[policy]


def draw_orientation(centre: CallCentre, team: Team) -> float:
    """Temperament of a new rep (0 service, 1 sales), by hiring policy and team."""
    h = centre.params.hiring
    rng = centre.daily_rng
    policy = h.policy
    if team == Team.SALES and h.select_sales_team:
        policy = "sales_talent"
    elif policy == "mixed":
        policy = "sales_talent" if rng.random() < h.sales_oriented_share else "service_talent"
    a, b = orientation_shapes(policy, h.talent_shape_minor, h.talent_shape_major)
    return float(rng.beta(a, b))


def new_rep(centre: CallCentre, team: Team, status: Status, experience: float) -> Rep:
    """A rep with talent-driven skill ceilings, starting at ``experience`` of them."""
    p = centre.params
    rng = centre.daily_rng
    o = draw_orientation(centre, team)
    k = p.skills
    service_ceiling = k.service_ceiling_base + k.service_ceiling_temperament * (1.0 - o)
    sales_ceiling = k.sales_ceiling_base + k.sales_ceiling_temperament * o
    baseline = float(np.clip(rng.normal(p.morale.baseline_mean, p.morale.baseline_sd), 0.0, 1.0))
    mean, conc = p.warmup.rate_mean, p.warmup.rate_concentration
    rate = float(rng.beta(mean * conc, (1.0 - mean) * conc))
    rep = Rep(
        centre,
        team,
        status=status,
        training_days_left=p.hiring.training_days if status is Status.TRAINING else 0,
        service_skill=service_ceiling * experience,
        sales_skill=sales_ceiling * experience,
        service_ceiling=service_ceiling,
        sales_ceiling=sales_ceiling,
        orientation=o,
        morale=baseline,
        morale_baseline=baseline,
        warmup=p.warmup.start,
        warmup_rate=rate,
    )
    share = p.org.cross_trained_share
    rep.can_pitch = team == Team.SALES or (centre.regime.pitches and rng.random() < share)
    return rep


def initial_teams(centre: CallCentre) -> list[Team]:
    """Team of each starting rep: one blended pool, or service and sales teams.

    Under the service_level staffing policy the team sizes come from the
    centre's staffing plan (:mod:`tightrope.model.staffing`) instead.
    """
    p = centre.params
    if centre.staffing_plan:
        return [plan.team for plan in centre.staffing_plan for _ in range(plan.on_phones)]
    n = p.staffing.reps
    if p.org.design == "blended" and not centre.regime.dedicated:
        return [Team.BLENDED] * n
    n_sales = max(1, round(p.org.sales_team_share * n)) if n > 1 else 0
    return [Team.SALES] * n_sales + [Team.SERVICE] * (n - n_sales)


class Workforce:
    """Attrition, the hiring pipeline and their costs."""

    def __init__(self, centre: CallCentre) -> None:
        self.centre = centre
        self.pipeline: list[tuple[int, Team]] = []  # (start day, team) of hires on their way
        self.hired = self.quits = self.dismissals = 0
        self.quits_today = self.hires_today = self.dismissals_today = 0
        # Exits (quits and dismissals) per team today, against the team's size this morning:
        # a walk-out is many of one team leaving on one day (seed 002).
        self.exits_today: dict[Team, int] = {}
        self.team_size: dict[Team, int] = {}
        self.largest_exit_today = 0
        self.walkout_today = False
        self.hiring_cost = self.training_cost = 0.0

    def start_empty_seats(self, plan: TeamPlan) -> None:
        """Seats of a staffing plan that start empty: hires in training or on their way."""
        _, offsets = steady_state_start(plan, self.centre.params)
        training = self.centre.params.hiring.training_days
        for offset in offsets:
            if offset > 0:
                self.pipeline.append((offset, plan.team))
            else:
                rep = new_rep(
                    self.centre,
                    plan.team,
                    Status.TRAINING,
                    self.centre.params.hiring.skill_at_hire,
                )
                rep.training_days_left = max(1, training + offset)

    def quit_hazard(self, morale: float) -> float:
        """Daily probability of quitting at this morale."""
        a = self.centre.params.attrition
        return min(
            1.0, a.base_hazard * math.exp(a.morale_sensitivity * (a.reference_morale - morale))
        )

    def start_of_exits(self) -> None:
        """Count team sizes before today's exits (dismissals come first, then quits)."""
        self.dismissals_today = 0
        self.exits_today = {}
        teams = self.centre.table.team
        counts: dict[int, int] = {}
        for rep in self.centre.agents:
            team = teams[rep.slot]
            counts[team] = counts.get(team, 0) + 1
        self.team_size = {Team(team): n for team, n in counts.items()}

    def vacate(self, rep: Rep, day: int) -> Team:
        """``rep`` leaves: its slot is freed and a replacement enters the hiring pipeline."""
        team = rep.team
        self.pipeline.append((day + self.centre.params.hiring.lag_days, team))
        rep.leave()
        self.exits_today[team] = self.exits_today.get(team, 0) + 1
        return team

    def dismiss(self, rep: Rep, day: int) -> None:
        """Dismiss ``rep`` (quality monitoring); replaced like a quit, counted apart."""
        self.vacate(rep, day)
        self.dismissals += 1
        self.dismissals_today += 1

    def end_of_day(self, day: int) -> None:
        """Quits, then hires whose lag is over start training; costs and exits are counted."""
        centre = self.centre
        p = centre.params
        self.quits_today = self.hires_today = 0
        reps = sorted(centre.agents, key=lambda rep: rep.unique_id)
        self.training_cost += p.hiring.training_cost_per_day * sum(
            rep.status is Status.TRAINING for rep in reps
        )
        if p.attrition.enabled:
            draws = centre.daily_rng.random(len(reps))
            for rep, u in zip(reps, draws.tolist(), strict=True):
                if u < self.quit_hazard(rep.morale):
                    self.vacate(rep, day)
                    self.quits += 1
                    self.quits_today += 1
        due = [entry for entry in self.pipeline if entry[0] <= day]
        self.pipeline = [entry for entry in self.pipeline if entry[0] > day]
        for _, team in due:
            status = Status.TRAINING if p.hiring.training_days > 0 else Status.ACTIVE
            new_rep(centre, team, status, p.hiring.skill_at_hire)
            self.hired += 1
            self.hires_today += 1
            self.hiring_cost += p.hiring.cost_per_hire
        self.count_walkout()

    def count_walkout(self) -> None:
        """Today's largest exit from one team, and whether it was a walk-out.

        A walk-out is at least two reps and at least ``contagion.walkout_share``
        of one team leaving on the same day: one quit in a small team is not one.
        """
        share = self.centre.params.contagion.walkout_share
        self.largest_exit_today = max(self.exits_today.values(), default=0)
        self.walkout_today = any(
            exits >= 2 and exits >= share * self.team_size.get(team, 0)
            for team, exits in self.exits_today.items()
        )
