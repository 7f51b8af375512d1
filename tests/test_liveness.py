"""Parameter liveness: moving any declared parameter within its range changes some output.

A parameter is live when a small scenario that enables it gives a different
run summary (or final rep state) after the move. Most parameters are proven
live, with a direction, by their mechanism test (tests/mechanisms.py): the same
cached runs, so nothing runs twice. The rest have a liveness case here, and an
exemption needs a one-line reason.
"""

import math

import pytest
from mechanisms import BASE, MECHANISMS, SCENARIOS, outputs

from tightrope.model.params import GROUPS, Params

SPECS = {
    f"{group}.{name}": (default, spec)
    for group, cls in GROUPS.items()
    for name, default, spec in cls.specs()
}
# Parameters without a directional mechanism: (scenario, overrides of both arms, moved value).
LIVENESS = {
    "run.days": ("service", {}, 10),
    "run.burn_in_days": ("service", {}, 3),
    "run.behaviour": ("service", {}, False),
    "run.burn_in_minutes": ("service", {}, 60.0),
    "regime.review_days": ("upsell", {}, 2),
    "warmup.rate_concentration": ("upsell", {}, 100.0),
    "customers.population": ("service", {}, 0),
    "org.sales_team_share": ("specialised", {}, 0.4),
    "regime.proximity_scale": ("upsell", {}, 2.0),
    "skills.service_ceiling_base": ("service", {}, 0.3),
    "skills.service_ceiling_temperament": ("service", {}, 0.2),
    "skills.sales_ceiling_base": ("upsell", {}, 0.2),
    "customers.repeat_delay_min": ("customers", {}, 2),
    # Redials arrive another day (an overloaded centre: callers abandon, a third redial).
    "customers.redial_delay_days": ("customers", {"arrivals.rate": 1.4}, 3),
    "hiring.start_experience": ("service", {}, 0.5),
    "hiring.talent_shape_minor": ("workforce", {"hiring.policy": "service_talent"}, 0.5),
    "hiring.talent_shape_major": ("workforce", {"hiring.policy": "service_talent"}, 20.0),
    "staffing.target_sl": (
        "service",
        {"staffing.policy": "service_level", "staffing.pilot_days": 4},
        0.97,
    ),
    # A pilot of 2 days measures 1 (the first half is warm-up) and plans another headcount
    # than one of 4 (both short: the service_level policy runs two pilots per run).
    "staffing.pilot_days": (
        "service",
        {"staffing.policy": "service_level", "staffing.pilot_days": 4},
        2,
    ),
}
EXEMPT: dict[str, str] = {}
"""Parameters no scenario can move, each with a one-line reason (none at present)."""
COVERED = {m.param for m in MECHANISMS}


def test_every_parameter_is_covered_once():
    """Each declared parameter has a mechanism test, a liveness case or a justified exemption."""
    declared = set(SPECS)
    uncovered = declared - COVERED - set(LIVENESS) - set(EXEMPT)
    assert not uncovered, f"parameters with no liveness check: {sorted(uncovered)}"
    assert not (set(LIVENESS) | set(EXEMPT)) - declared, "stale entries"
    assert not COVERED & set(LIVENESS) and not COVERED & set(EXEMPT)
    assert all(reason.strip() for reason in EXEMPT.values())


@pytest.mark.parametrize("key", sorted(LIVENESS))
def test_parameter_changes_an_output(key):
    scenario, overrides, moved = LIVENESS[key]
    default, spec = SPECS[key]
    # The moved value is allowed (validation refuses anything out of range).
    Params().replace(**{**BASE, **SCENARIOS[scenario], **overrides, key: moved})
    assert moved != default
    before = outputs(scenario, overrides, 0)
    after = outputs(scenario, {**overrides, key: moved}, 0)
    changed = [
        name
        for name in before.keys() & after.keys() - {"wall_s", "calls_per_s"}
        if not _same(before[name], after[name])
    ]
    assert changed or before.keys() != after.keys(), f"{key} changed no output"


def _same(a: float, b: float) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


def test_mechanism_arms_stay_in_range():
    """The low and high arm of every mechanism test is an allowed value of its parameter."""
    for m in MECHANISMS:
        for value in (m.low, m.high):
            Params().replace(**{**BASE, **SCENARIOS[m.scenario], **m.extra, m.param: value})
