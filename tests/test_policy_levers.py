"""Each policy parameter the front table blanks cannot change a run; every other one does.

Both directions are checked by running the model: a short run with the parameter
at two values gives the same summary exactly when ``inert_levers`` says it cannot act.
"""

from __future__ import annotations

import pytest

from tightrope.model import Params, simulate
from tightrope.model.policy_levers import TUNING, inert_levers
from tightrope.model.regimes import REGIMES

#: Two values of each parameter far enough apart to change a run where it acts.
TWO_VALUES = {
    "regime.commission_per_sale": (2.0, 40.0),
    "regime.recognition_strength": (0.0, 0.2),
    "regime.recognition_breadth": (0.1, 0.6),
    "regime.quota_stretch": (0.5, 2.0),
    "org.sales_team_share": (0.1, 0.4),
}
SHORT = {"staffing.reps": 12, "run.days": 12, "run.burn_in_days": 1, "regime.review_days": 3}
CASES = [(regime, design) for regime in REGIMES for design in ("blended", "dedicated")]


def _summary(values: dict[str, object]) -> dict[str, float]:
    out = simulate(Params().replace(**values), seed=5).summary
    # nan marks a KPI without data (no pitch, no transition): equal to itself here.
    return {
        k: "nan" if v != v else v for k, v in out.items() if k not in ("wall_s", "calls_per_s")
    }


@pytest.mark.parametrize(("regime", "design"), CASES, ids=[f"{r}-{d}" for r, d in CASES])
def test_a_parameter_is_inert_exactly_when_declared(regime: str, design: str) -> None:
    base = {**SHORT, "regime.name": regime, "org.design": design}
    inert = inert_levers(Params().replace(**base))
    assert set(TWO_VALUES) == set(TUNING)
    for key, (low, high) in TWO_VALUES.items():
        same = _summary({**base, key: low}) == _summary({**base, key: high})
        assert same == (key in inert), (
            f"{key} under {regime}/{design}: changes the run: {not same}"
        )


def test_a_transition_makes_the_later_regimes_parameters_act() -> None:
    before = Params().replace(**{"regime.name": "service_only"})
    assert "regime.commission_per_sale" in inert_levers(before)
    switched = before.replace(**{"transition.day": 5, "transition.regime": "commission"})
    assert "regime.commission_per_sale" not in inert_levers(switched)
