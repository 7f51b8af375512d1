"""A level's interval is cut where the KPI's values end (no attrition above 100 %)."""

from __future__ import annotations

import math

from tightrope.analysis.numbers import estimate_text, possible_interval
from tightrope.model.kpi_registry import KPIS


def test_a_share_interval_stays_between_none_and_all():
    assert estimate_text(0.785, 0.497, 1.072, "attrition_annual") == (
        "78.5 % (95 % CI 49.7 to 100.0)"
    )
    assert possible_interval(-0.2, 0.4, "conversion_rate") == (0.0, 0.4)


def test_counts_and_harm_rates_do_not_go_below_zero_but_have_no_ceiling():
    assert estimate_text(122.0, -5.0, 250.0, "brand_harm_index") == "122 (95 % CI 0 to 250)"
    assert possible_interval(-3.0, 1e9, "revenue_genuine") == (0.0, 1e9)


def test_open_ended_kpis_and_unknown_names_are_left_alone():
    assert possible_interval(-0.3, 1.4, "csat") == (-0.3, 1.4)  # a score is not bounded
    assert possible_interval(-1.0, 2.0, "not_a_kpi") == (-1.0, 2.0)
    lo, hi = possible_interval(math.nan, math.nan, "attrition_annual")
    assert math.isnan(lo) and math.isnan(hi)  # missing stays missing


def test_every_bounded_unit_is_a_unit_some_kpi_uses():
    from tightrope.model.kpi_registry import POSSIBLE

    used = {k.unit for k in KPIS.values()}
    assert set(POSSIBLE) <= used
