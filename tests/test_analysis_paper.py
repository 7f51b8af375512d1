"""The verdict rule on constructed cases, and a paper that fails loudly on gaps."""

import matplotlib

matplotlib.use("Agg")

import pytest

from tightrope.analysis import synthetic
from tightrope.analysis.paper import TEMPLATE, build_paper
from tightrope.analysis.template import PaperError, placeholders, render
from tightrope.analysis.verdict import RULE_TEXT

PARAMS = (
    "| parameter | default | source |\n|---|---|---|\n| arrivals.rate | 2 | assumption |\n"
    "| attrition.base_hazard | 0.002 | calibrated: 35 % a year |"
)


def test_render_names_every_missing_number():
    with pytest.raises(PaperError, match="'b'.*'c'") as err:
        render("{{a}} and {{ b }} and {{c}}", {"a": 1})
    assert isinstance(err.value, KeyError)
    assert render("x = {{ a }}", {"a": "1.5"}) == "x = 1.5"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setattr("tightrope.analysis.style.DPI", 50)  # tests check files, not sharpness
    out = tmp_path_factory.mktemp("paper")
    results = synthetic.experiments(replications=3)
    path = build_paper(results, PARAMS, out, warmup=synthetic.warmup(replications=3))
    mp.undo()
    return out, path


@pytest.mark.slow
def test_paper_is_complete(built):
    out, path = built
    text = path.read_text()
    assert "{{" not in text and "}}" not in text
    assert PARAMS in text
    assert text.count("*Verdict: ") == 5
    assert (out / "figures" / "tradeoff_frontier.png").stat().st_size > 1000
    assert (out / "tables" / "claim_s002.md").exists()
    assert "recorded no daily series" in text
    assert RULE_TEXT in text and text.count("*Built in:* ") == 6  # five claims + seed 002 parts
    assert "| published |  | 25-50 |" in text and "mandatory_upsell (fixed 50)" in text
    assert "sign built in" in text and (out / "tables" / "seed002_factorial.md").exists()
    assert "Management levers (exploration)" in text and "coaching − no lever" in text
    assert "Quick build" not in text
    # No exploration results given: each of Section 7's parts says so instead of citing any.
    assert text.count("*Not run for this build:*") == 3


@pytest.mark.slow
def test_template_uses_only_known_names(built):
    """Every template placeholder was filled, so the context covers the template."""
    assert placeholders(TEMPLATE.read_text())


def test_paper_fails_loudly_without_an_experiment(tmp_path):
    results = synthetic.experiments(replications=2)
    del results["screenpop"]
    with pytest.raises(PaperError, match="screenpop"):
        build_paper(results, PARAMS, tmp_path)


def test_paper_fails_loudly_without_a_kpi(tmp_path):
    results = synthetic.experiments(replications=2)
    results["incentives"] = results["incentives"].drop(columns="csat")
    with pytest.raises(PaperError, match="csat"):
        build_paper(results, PARAMS, tmp_path)


def test_paper_fails_loudly_on_a_number_the_template_needs(tmp_path):
    template = tmp_path / "t.md"
    template.write_text("{{regime_mandatory_upsell_attrition}} {{regime_unknown_harm}}")
    with pytest.raises(PaperError, match="regime_unknown_harm"):
        build_paper(synthetic.experiments(replications=2), PARAMS, tmp_path, template=template)
