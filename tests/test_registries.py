"""Names declared once: parameter groups, regimes, KPIs and lever counters agree with the code."""

import dataclasses

import pytest

from tightrope.analysis import schema, style
from tightrope.model import Params, simulate
from tightrope.model.calls.tally import LEVER_TALLY_FIELDS, TALLY_FIELDS
from tightrope.model.kpi_registry import DAILY_SERIES, KPIS, SUMMARY_COLUMNS, kpi_table_markdown
from tightrope.model.levers.kpis import LEVER_COUNTERS
from tightrope.model.model import CallCentre
from tightrope.model.params import GROUPS, spec_of
from tightrope.model.regimes import REGIMES

SHORT = {"staffing.reps": 10, "run.days": 6, "run.burn_in_days": 1}
ALL_LEVERS = {
    "coaching.supervisor_ratio": 0.1,
    "monitoring.review_share": 0.05,
    "transition.day": 3,
    "transition.regime": "mandatory_upsell",
    "scoreboard.enabled": True,
    "contagion.rate": 0.2,
    "avoidance.max_probability": 0.3,
    "blending.outbound": True,
    "coldcalls.enabled": True,
}


def test_parameter_groups_are_the_params_fields():
    """GROUPS is read from Params: same names, same order, matching group_name."""
    fields = dataclasses.fields(Params)
    assert list(GROUPS) == [f.name for f in fields]
    # (group_name == the field's name is checked when model.params is imported.)
    assert all(isinstance(getattr(Params(), name), cls) for name, cls in GROUPS.items())


def test_regime_names_come_from_the_registry():
    """Parameter choices, figure labels and colours cover exactly the registered regimes."""
    names = tuple(REGIMES)
    assert spec_of("regime.name").choices == names
    assert spec_of("transition.regime").choices == names
    assert style.REGIME_ORDER == names
    assert [style.regime_label(n) for n in names] == [REGIMES[n].label for n in names]
    colours = [style.regime_color(n) for n in names]
    assert len(set(colours)) == len(names)  # every regime keeps its own colour


def test_every_summary_column_is_registered_and_vice_versa():
    """A behaviour run with every lever on reports exactly the registered summary columns."""
    summary = simulate(Params().replace(**SHORT, **ALL_LEVERS), 1).summary
    assert list(summary) == list(SUMMARY_COLUMNS)  # same names, in the registry's order
    queue_only = simulate(Params().replace(**SHORT, **{"run.behaviour": False}), 1).summary
    assert set(queue_only) < set(SUMMARY_COLUMNS)
    assert {"calls_offered", "service_level", "wall_s"} <= set(queue_only)


def test_every_daily_series_is_registered_and_vice_versa():
    """Mesa's DataCollector collects exactly the registered daily series."""
    centre = CallCentre(Params().replace(**SHORT))
    assert set(centre.datacollector.model_reporters) == set(DAILY_SERIES)


def test_results_schema_and_labels_read_the_registry():
    """The analysed KPIs, skewed KPIs and daily series the analysis uses are all registered."""
    assert set(schema.KPIS) <= set(SUMMARY_COLUMNS)
    assert schema.SKEWED_KPIS <= set(schema.KPIS)
    assert set(schema.DAILY_SERIES) <= set(DAILY_SERIES)
    assert style.kpi_label("brand_harm_index") == KPIS["brand_harm_index"].label
    assert style.is_share("attrition_annual") and not style.is_share("csat")
    assert all(k.better in ("higher", "lower", "neither") and k.doc for k in KPIS.values())
    assert kpi_table_markdown().count("\n") == len(schema.KPIS) + 1


def test_lever_counters_are_declared_once():
    """Levers.today holds the declared counters; the lever tally fields are Tally fields."""
    centre = CallCentre(Params().replace(**SHORT, **ALL_LEVERS), rng=2)
    centre.step()
    assert centre.levers is not None and tuple(centre.levers.today) == LEVER_COUNTERS
    assert set(LEVER_TALLY_FIELDS) <= set(TALLY_FIELDS)
    assert set(LEVER_COUNTERS) | set(LEVER_TALLY_FIELDS) <= set(SUMMARY_COLUMNS)


def _hung_up_harm(harm: float) -> tuple[float, int]:
    """Cumulative customer harm and abandoned calls after one understaffed day."""
    values = {
        "staffing.reps": 3,
        "arrivals.rate": 2.0,
        "service.patience": 1.0,
        "customers.harm_abandonment": harm,
        "customers.harm_unresolved": 0.0,
        "customers.churn_base": 0.0,
        "customers.churn_distrust": 0.0,
        "run.days": 2,
        "run.burn_in_days": 0,
    }
    centre = CallCentre(Params().replace(**values), rng=5)
    centre.step()
    return float(centre.customers.harm.sum()), centre.today.abandoned


@pytest.mark.parametrize("harm", [0.0, 0.04, 0.2])
def test_abandonment_costs_the_caller_trust(harm):
    """customers.harm_abandonment is read: every caller who hung up loses exactly that much."""
    total, abandoned = _hung_up_harm(harm)
    assert abandoned > 20
    assert total == pytest.approx(harm * abandoned)
