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
