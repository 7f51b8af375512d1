"""The four-outcome verdict rule, Holm correction and claim combination on constructed cases."""

import numpy as np
import pytest

from tightrope.analysis.claims import CLAIMS, MIN_EFFECTS
from tightrope.analysis.verdict import combine, holm, judge, moderated

NAN = float("nan")


@pytest.mark.parametrize(
    ("diff", "p", "eq", "sign", "margin", "expected"),
    [
        (0.10, 0.001, (0.05, 0.15), 1, 0.05, "supported"),
        (-0.10, 0.001, (-0.15, -0.05), -1, 0.05, "supported"),
        (-0.10, 0.001, (-0.15, -0.05), 1, 0.05, "reversed"),
        (0.10, 0.001, (0.05, 0.15), -1, 0.05, "reversed"),
        # significant but smaller than the minimum effect, and shown to be small
        (0.01, 0.001, (0.005, 0.015), 1, 0.05, "no effect"),
        # not significant and the interval inside ±δ: equivalence
        (0.00, 0.80, (-0.02, 0.02), 1, 0.05, "no effect"),
        # not significant, interval reaching beyond δ: inconclusive
        (0.03, 0.20, (-0.04, 0.10), 1, 0.05, "inconclusive"),
        # significant, point estimate below δ but the interval reaches past it
        (0.04, 0.01, (0.01, 0.07), 1, 0.05, "inconclusive"),
        # Holm-adjusted p just above alpha: not supported even though the effect is big
        (0.10, 0.051, (-0.01, 0.21), 1, 0.05, "inconclusive"),
        (NAN, NAN, (NAN, NAN), 1, 0.05, "inconclusive"),
    ],
)
def test_judge(diff, p, eq, sign, margin, expected):
    assert judge(diff, p, *eq, sign, margin) == expected


def test_judge_rejects_bad_sign_and_margin():
    with pytest.raises(ValueError, match="sign"):
        judge(0.1, 0.01, 0.0, 0.2, 0, 0.05)
    with pytest.raises(ValueError, match="minimum effect"):
        judge(0.1, 0.01, 0.0, 0.2, 1, 0.0)


def test_holm_known_values():
    adj = holm([0.01, 0.04, 0.03])
    assert adj == pytest.approx([0.03, 0.06, 0.06])  # 3*0.01, max(2*0.03, .03), max(1*0.04, .06)
    assert holm([0.5]) == pytest.approx([0.5])
    out = holm([0.01, NAN])
    assert out[0] == pytest.approx(0.02) and np.isnan(out[1])


def test_holm_turns_a_marginal_contrast_inconclusive():
    p = holm([0.001, 0.03])
    assert judge(0.1, p[1], -0.01, 0.2, 1, 0.05) == "supported"  # 0.03 survives step 2
    p = holm([0.03, 0.03, 0.001])
    assert judge(0.1, p[0], -0.01, 0.2, 1, 0.05) == "inconclusive"  # 2 * 0.03 > 0.05


def test_depends_needs_a_supported_and_a_reversed_level():
    assert moderated(["supported", "reversed", "no effect"], "no effect", "X") == "depends on X"
    assert moderated(["supported", "inconclusive"], "reversed", "X") == "reversed"
    assert moderated(["reversed", "no effect"], "supported", "X") == "supported"


def test_combine():
    assert combine(["supported", "supported"]) == "supported"
    assert combine(["supported", "reversed", "depends on X"]) == "reversed"
    assert combine(["supported", "depends on X", "depends on Y"]) == "depends on X and Y"
    assert combine(["supported", "no effect", "inconclusive"]) == "no effect"
    assert combine(["supported", "inconclusive"]) == "inconclusive"
    with pytest.raises(ValueError):
        combine([])


def test_every_claim_kpi_has_a_declared_minimum_effect():
    for claim in CLAIMS:
        for contrast in claim.contrasts:
            assert contrast.kpi in MIN_EFFECTS, contrast.key
            assert contrast.min_effect.margin(100.0) > 0
        assert claim.built_in and claim.emerges, claim.key
