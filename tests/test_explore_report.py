"""The paper's exploration sections, written from planted exploration outputs."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from tightrope.analysis.explore_report import (
    claims_part,
    compromise,
    explore_context,
    frontier_part,
    selling_answer,
    worlds_part,
)


def _out(root, name):
    path = root / name / "explore"
    path.mkdir(parents=True)
    return path


@pytest.fixture
def results(tmp_path):
    """Worlds, one claim's discovery and a policy front, as the commands write them."""
    root = tmp_path / "results"
    rng = np.random.default_rng(0)
    worlds = _out(root, "worlds")
    n = 40
    a, b = rng.uniform(0, 1, n), rng.uniform(2, 4, n)
    kept = a > 0.75  # the calibration keeps only high values of `a`
    pd.DataFrame(
        {"point_id": range(n), "morale.reversion": a, "sales.push_bias": b, "kept": kept}
    ).to_parquet(worlds / "worlds.parquet")
    summary = {
        "tried": n,
        "kept": int(kept.sum()),
        "parameters": {"morale.reversion": [0, 1], "sales.push_bias": [2, 4]},
    }
    (worlds / "summary.json").write_text(json.dumps(summary))
    pd.DataFrame(
        {
            "target": ["annual attrition 25–50 %", "service level 70–90 %", "all targets"],
            "inside": [int(kept.sum()), n, int(kept.sum())],
            "source": ["Holman et al. 2007", "80/20", ""],
            "share": [kept.mean(), 1.0, kept.mean()],
        }
    ).to_csv(worlds / "pass_rates.csv", index=False)
    (worlds / "worlds_marginals.png").write_bytes(b"png")

    disc = _out(root, "discover-s002")
    pd.DataFrame(
        {
            "contrast": ["s002_attrition"] * 3,
            "outcome": ["supported", "no effect", "reversed"],
            "worlds": [6, 3, 1],
            "n": [10] * 3,
            "share": [0.6, 0.3, 0.1],
            "ci_lo": [0.31, 0.11, 0.02],
            "ci_hi": [0.83, 0.6, 0.4],
        }
    ).to_csv(disc / "shares.csv", index=False)
    sentence = "“Mandatory upselling raises attrition” does not hold when the push bias > 3."
    (disc / "boxes.json").write_text(json.dumps({"sentences": [sentence]}))

    policy = _out(root, "policy")
    objectives = {"revenue_genuine": "max", "attrition_annual": "min", "brand_harm_index": "min"}
    front = pd.DataFrame(
        {
            "regime.name": ["mandatory_upsell", "discretionary_rewards", "service_only"],
            "regime.quota_stretch": [1.5, 0.8, 1.0],
            "revenue_genuine": [10.0, 6.0, 1.0],
            "attrition_annual": [0.5, 0.2, 0.1],
            "brand_harm_index": [0.5, 0.2, 0.1],
        }
    )
    for kpi in objectives:
        front[f"{kpi}_lo"] = front[kpi] * 0.9
        front[f"{kpi}_hi"] = front[kpi] * 1.1
    front.to_csv(policy / "pareto.csv", index=False)
    meta = {
        "levers": [{"key": "regime.name"}, {"key": "regime.quota_stretch"}],
        "objectives": objectives,
        "worlds": 2,
        "evaluated": 160,
    }
    (policy / "summary.json").write_text(json.dumps(meta))
    return root


def test_missing_results_say_so_and_name_the_command(tmp_path):
    for part, command in (
        (worlds_part(tmp_path), "tightrope worlds worlds"),
        (claims_part(tmp_path), "tightrope discover"),
        (frontier_part(tmp_path), "tightrope optimise policy"),
    ):
        assert part.text.startswith("*Not run for this build:*")
        assert command in part.text and not part.figures


def test_worlds_part_reports_counts_targets_and_the_constrained_parameter(results):
    text = worlds_part(results).text
    kept = int(pd.read_parquet(results / "worlds" / "explore" / "worlds.parquet")["kept"].sum())
    assert f"Of 40 worlds sampled over 2 assumption parameters, {kept} (" in text
    assert "most restrictive target was annual attrition" in text
    # The planted constraint (kept only where morale.reversion > 0.75) is named first.
    constrained = text.split("constrains most")[1]
    assert constrained.index("morale.reversion") < constrained.index("sales.push_bias")


def test_claims_part_tabulates_shares_and_prints_the_boxes(results):
    text = claims_part(results).text
    assert "| s002 | s002_attrition | 10 | 60 % (31 %–83 %) | 30 % (11 %–60 %) |" in text
    assert "push bias > 3" in text


def test_peeling_caption_says_the_circle_is_before_the_significance_test(results):
    (results / "discover-s002" / "explore" / "prim_peeling.png").write_bytes(b"png")
    [(_, caption)] = claims_part(results).figures
    assert caption.startswith("Claim s002: PRIM peeling trajectory.")
    assert "before its restrictions are tested" in caption


def test_compromise_is_the_front_policy_nearest_the_ideal_point(results):
    pareto = pd.read_csv(results / "policy" / "explore" / "pareto.csv")
    objectives = {"revenue_genuine": "max", "attrition_annual": "min", "brand_harm_index": "min"}
    assert compromise(pareto, objectives) == 1  # distances 2, 0.32, 1
    assert compromise(pareto, {"revenue_genuine": "max"}) == 0
    text = frontier_part(results).text
    assert "160 policies were evaluated, each in 2 plausible world(s); 3 are on the front" in text
    assert "compromise policy" in text and "Discretionary + rewards" in text.split("compromise")[1]


def test_context_copies_figures_and_links_them_relative_to_the_paper(results, tmp_path):
    out_dir = tmp_path / "paper"
    ctx = explore_context(results, out_dir / "figures", out_dir)
    assert set(ctx) == {"explore_worlds", "explore_claims", "explore_frontier"}
    assert "(figures/worlds_worlds_marginals.png)" in ctx["explore_worlds"]
    assert (out_dir / "figures" / "worlds_worlds_marginals.png").read_bytes() == b"png"


@pytest.mark.slow
def test_the_paper_prints_the_exploration_it_is_given(results, tmp_path):
    from tightrope.analysis import synthetic
    from tightrope.analysis.paper import build_paper
    from tightrope.model.params import parameter_table_markdown

    out = tmp_path / "paper"
    path = build_paper(
        synthetic.experiments(replications=2),
        parameter_table_markdown(),
        out,
        warmup=synthetic.warmup(replications=2),
        explore_results=results,
    )
    text = path.read_text()
    assert "Of 40 worlds sampled over 2 assumption parameters" in text
    assert "push bias > 3" in text and "compromise policy" in text
    assert "Not run for this build" not in text


def _front(revenue, attrition, harm):
    return pd.DataFrame(
        {
            "regime.name": ["service_only", "commission", "discretionary_rewards"],
            "revenue_genuine": revenue,
            "attrition_annual": attrition,
            "brand_harm_index": harm,
        }
    )


OBJECTIVES = {"revenue_genuine": "max", "attrition_annual": "min", "brand_harm_index": "min"}


def test_selling_answer_names_selling_policies_within_the_non_selling_costs():
    front = _front([0.0, 5.0, 3.0], [0.40, 0.38, 0.45], [50.0, 49.0, 60.0])
    text = selling_answer(front, OBJECTIVES, 2)
    assert "Against the front's 1 non-selling policies" in text
    assert "1 of the 2 selling policies keep every cost objective within that range" in text
    assert "Commission" in text and "Discretionary" not in text.split("range:")[1]


def test_selling_answer_says_none_and_names_the_least_harmful_seller():
    front = _front([0.0, 5.0, 3.0], [0.40, 0.50, 0.45], [50.0, 70.0, 55.0])
    text = selling_answer(front, OBJECTIVES, 2)
    assert "none of the 2 selling policies" in text
    assert "lowest brand harm (per 1,000 calls) is Discretionary + rewards" in text
    assert "built in" in text


def test_selling_answer_without_a_non_selling_policy_says_the_front_cannot_answer(results):
    pareto = pd.read_csv(results / "policy" / "explore" / "pareto.csv")
    assert "Every policy on this front sells" in selling_answer(pareto, OBJECTIVES, 2)
    assert "cannot" in frontier_part(results).text


def test_front_table_blanks_a_quota_stretch_where_no_quota_exists(results):
    """Only mandatory upselling works to a quota (by default): other rows show a dash."""
    text = frontier_part(results).text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "+" in line]
    mandatory = next(r for r in rows if r.startswith("| Mandatory upsell"))
    discretionary = next(r for r in rows if r.startswith("| Discretionary"))
    assert mandatory.split(" | ")[1] == "1.5"
    assert discretionary.split(" | ")[1] == "–"
    assert "A dash marks a number that cannot act" in text
