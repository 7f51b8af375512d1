"""Sentences about what the model has are generated from its parameters, not typed in."""

from __future__ import annotations

import re

from tightrope.analysis.paper import TEMPLATE
from tightrope.analysis.paper_sections import (
    CSAT_TERMS,
    coupling_context,
    csat_context,
    param_default,
)
from tightrope.model.params import Params, parameter_table_markdown


def test_csat_sentence_states_every_weight_from_the_parameters():
    table = parameter_table_markdown()
    text = csat_context(table)["csat_scoring"]
    for key, _ in CSAT_TERMS:
        value = getattr(Params().csat, key)
        assert f"{value:g} (`csat.{key}`)" in text


def test_csat_sentence_follows_a_changed_weight():
    table = parameter_table_markdown().replace(
        "| csat.met_need | 0.1 |", "| csat.met_need | 0.4 |"
    )
    ctx = csat_context(table)
    assert "0.4 (`csat.met_need`)" in ctx["csat_scoring"]
    assert "need not lower satisfaction" in ctx["csat_selling"]


def test_without_csat_parameters_the_sentence_names_no_number():
    ctx = csat_context("| parameter | default |\n|---|---|\n| arrivals.rate | 2 |")
    assert not re.search(r"\d", ctx["csat_scoring"] + ctx["csat_selling"])


def test_coupling_sentence_reads_the_defaults():
    table = parameter_table_markdown()
    assert param_default(table, "skills.coupling_service_erodes_sales") == "0.0"
    assert coupling_context(table)["coupling_default"].startswith("off by default")
    on = table.replace(
        "| skills.coupling_service_erodes_sales | 0.0 |",
        "| skills.coupling_service_erodes_sales | 0.2 |",
    )
    assert coupling_context(on)["coupling_default"].startswith("on by default")


def test_template_types_no_csat_weight():
    """The template states the weights only through the generated sentence."""
    text = TEMPLATE.read_text()
    assert "{{csat_scoring}}" in text and "{{coupling_default}}" in text
    assert not re.search(r"adds a little \(0\.\d", text)


def test_regime_table_is_read_off_the_regime_classes():
    """Every regime has a row, and its flags are the class's (issue 13: no 'differ only in')."""
    from tightrope.analysis.paper_model import regime_table
    from tightrope.model.regimes import REGIMES

    table = regime_table().set_index("regime")
    assert table.loc["`mandatory_upsell`", "a service rep pitches"].startswith("on every call")
    assert table.loc["`specialised`", "a service rep pitches"].startswith("never (refers")
    for name, cls in REGIMES.items():
        row = table.loc[f"`{name}`"]
        assert row["judgement can fail"] == ("yes" if cls.judges else "no")
        assert row["sales team, warm transfer"] == ("yes" if cls.dedicated else "no")
        assert row["pushed sales possible"] == ("yes" if cls.pushes else "no")
    assert "recognition" in table.loc["`discretionary_rewards`", "incentive at the defaults"]
    assert "quota" in table.loc["`mandatory_upsell`", "incentive at the defaults"]
    assert "commission" in table.loc["`commission`", "incentive at the defaults"]
    assert table.loc["`service_only`", "incentive at the defaults"] == "none"


def test_call_kinds_sentence_names_every_call_kind():
    from tightrope.analysis.paper_model import CALL_KIND_WORDS, call_kinds_text
    from tightrope.model.calls.record import CallKind

    assert set(CALL_KIND_WORDS) == {k.name for k in CallKind}
    text = call_kinds_text()
    assert all(CALL_KIND_WORDS[k.name] in text for k in CallKind)


def test_template_says_no_regime_differs_only_in_one_thing():
    text = TEMPLATE.read_text()
    assert "differ only in" not in text
    assert "{{regime_table}}" in text and "{{call_kinds}}" in text


def test_fixed_share_comes_from_the_runs():
    import pandas as pd

    from tightrope.analysis.paper_sections import fixed_share_context

    runs = pd.DataFrame({"org.sales_team_share": [0.25, 0.25]})
    assert fixed_share_context({"blending": runs}) == {"blending_sales_team_pct": "25 %"}


def test_rule_text_states_the_alpha_the_rule_applies():
    from tightrope.analysis import verdict

    assert f"p < {verdict.ALPHA:g}" in verdict.RULE_TEXT
    assert f"α = {verdict.ALPHA:g}" in verdict.RULE_TEXT


def test_sentence_leads_follow_the_direction_of_the_results():
    """Direction words ("pays for", "does not pay") are printed only as the results go."""
    import pandas as pd

    from tightrope.analysis.paper_sections import direction_context

    def runs(factor_levels, kpi, values):
        return pd.DataFrame(
            {
                "regime.name": [lv for lv in factor_levels for _ in (0, 1)],
                "replication": [0, 1] * len(factor_levels),
                kpi: [v for v in values for _ in (0, 1)],
            }
        )

    spec = runs(["specialised", "discretionary_rewards"], "service_level", [0.5, 0.8])
    inc = runs(["commission", "discretionary_rewards"], "sales_harmful", [10.0, 2.0])
    ctx = direction_context({"specialised": spec, "incentives": inc})
    assert "pays for its sales team" in ctx["specialised_queue_lead"]
    assert ctx["commission_harm_lead"].startswith("Commission also pays")
    spec = runs(["specialised", "discretionary_rewards"], "service_level", [0.9, 0.8])
    inc = runs(["commission", "discretionary_rewards"], "sales_harmful", [1.0, 2.0])
    ctx = direction_context({"specialised": spec, "incentives": inc})
    assert "does not pay" in ctx["specialised_queue_lead"]
    assert "does not pay" in ctx["commission_harm_lead"]


def test_tradeoff_lead_admits_a_regime_that_wins_everything():
    import pandas as pd

    from tightrope.analysis.paper_sections import regime_context

    rows = []
    for rep in range(3):
        for regime, att, harm, rev in (
            ("service_only", 0.3, 1.0, 0.0),
            ("mandatory_upsell", 0.5, 5.0, 100.0),
        ):
            rows.append(
                {
                    "regime.name": regime,
                    "replication": rep,
                    "attrition_annual": att + 0.01 * rep,
                    "quits_per_headcount_year": 1.2 * att,
                    "brand_harm_index": harm + 0.1 * rep,
                    "revenue_genuine": rev + rep,
                    "morale_mean": 0.7,
                    "csat": 0.7,
                }
            )
    ctx, table = regime_context(pd.DataFrame(rows))
    assert ctx["tradeoff_lead"] == "No regime is best on every axis."
    assert "Quits per headcount-year" in table.columns  # Section 5.3 says it is beside attrition
    assert ctx["top_revenue_note"] == ""  # the intervals separate: the ranking stands
    df = pd.DataFrame(rows)
    df.loc[df["regime.name"] == "service_only", "revenue_genuine"] = 500.0
    ctx, _ = regime_context(df)
    assert "one regime" in ctx["tradeoff_lead"] and "Service only" in ctx["tradeoff_lead"]


def test_top_revenue_regime_is_qualified_when_intervals_overlap():
    import pandas as pd

    from tightrope.analysis.paper_sections import regime_context

    rows = [
        {
            "regime.name": regime,
            "replication": rep,
            "attrition_annual": 0.3,
            "quits_per_headcount_year": 0.35,
            "brand_harm_index": 1.0 + rep,
            "revenue_genuine": rev + 50.0 * rep,
            "morale_mean": 0.7,
            "csat": 0.7,
        }
        for rep in range(3)
        for regime, rev in (("commission", 100.0), ("mandatory_upsell", 110.0))
    ]
    ctx, _ = regime_context(pd.DataFrame(rows))
    assert ctx["top_revenue_regime"] == "Mandatory upsell + quota"
    assert (
        ctx["top_revenue_note"] == " on the means, though its interval overlaps that of Commission"
    )


def test_csat_sentence_promises_no_sensitivity_the_design_lacks():
    from tightrope.analysis.paper_checks import csat_sensitivity_text
    from tightrope.experiments import paths
    from tightrope.experiments.spec import load_experiment

    names = list(load_experiment(paths.experiment_file("sensitivity")).sampled.problem["names"])
    text = csat_sensitivity_text(names)
    assert ("varies none of them" in text) == (not any(n.startswith("csat.") for n in names))
    assert "varies `csat.met_need`" in csat_sensitivity_text(["csat.met_need"], ("csat",))


def test_worlds_per_claim_are_read_from_the_discover_config(tmp_path):
    import tomllib

    from tightrope.analysis.paper import DISCOVER_CONFIG, discover_worlds_text

    cap = tomllib.loads(DISCOVER_CONFIG.read_text())["max_worlds"]
    assert discover_worlds_text() == f"up to {cap}"
    (tmp_path / "d.toml").write_text('name = "d"\n')
    assert discover_worlds_text(tmp_path / "d.toml") == "all of them"
