"""The verdict rule on constructed cases, and a paper that fails loudly on gaps."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

from tightrope.analysis import synthetic
from tightrope.analysis.paper import TEMPLATE, build_paper
from tightrope.analysis.template import PaperError, placeholders, render
from tightrope.analysis.verdict import combine, verdict

PARAMS = "| parameter | default |\n|---|---|\n| arrivals.rate | 2 |"


def _levels(*intervals):
    return pd.DataFrame(intervals, columns=["ci_lo", "ci_hi"])


@pytest.mark.parametrize(
    ("lo", "hi", "sign", "expected"),
    [
        (0.1, 0.3, 1, "supported"),
        (-0.3, -0.1, -1, "supported"),
        (-0.1, 0.3, 1, "not supported"),  # includes zero
        (-0.3, -0.1, 1, "not supported"),  # wrong side
        (float("nan"), float("nan"), 1, "not supported"),
    ],
)
def test_verdict_pooled(lo, hi, sign, expected):
    assert verdict((lo + hi) / 2, lo, hi, sign) == expected


def test_verdict_depends_only_when_both_sides_exclude_zero():
    flips = _levels((0.1, 0.2), (-0.05, 0.05), (-0.3, -0.1))
    assert verdict(0.0, -0.1, 0.1, 1, flips, "regime.quota") == "depends on regime.quota"
    one_side = _levels((0.1, 0.2), (-0.3, 0.05))
    assert verdict(0.1, 0.05, 0.2, 1, one_side, "regime.quota") == "supported"
    with pytest.raises(ValueError, match="sign"):
        verdict(0.1, 0.05, 0.2, 0)


def test_combine_verdicts():
    assert combine(["supported", "supported"]) == "supported"
    assert combine(["supported", "depends on x", "not supported"]) == "depends on x"
    assert combine(["supported", "not supported"]) == "not supported"


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


def test_paper_is_complete(built):
    out, path = built
    text = path.read_text()
    assert "{{" not in text and "}}" not in text
    assert PARAMS in text
    assert text.count("*Verdict: ") == 5
    assert (out / "figures" / "tradeoff_frontier.png").stat().st_size > 1000
    assert (out / "tables" / "claim_s002.md").exists()
    assert "recorded no daily series" in text


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
