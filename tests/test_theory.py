"""Erlang C / Erlang A: hand-checked values, two-method cross-checks, limits, bad inputs."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tightrope.model.validation.theory import erlang_a, erlang_a_gmr, erlang_c, has_steady_state

# Two Erlang A methods must agree to 1e-9 relative; probabilities below ABS_FLOOR are
# compared absolutely because the GMR forms subtract nearly equal terms there.
REL = 1e-9
ABS_FLOOR = 1e-12

agents_st = st.integers(1, 200)
utilisation_st = st.floats(0.1, 1.5)
aht_st = st.floats(0.5, 10.0)
patience_st = st.floats(0.1, 100.0)


def _close(a: float, b: float, rel: float = REL, abs_: float = ABS_FLOOR) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


def test_mm1_matches_hand_formulas() -> None:
    lam, mu = 0.6, 1.0
    rho = lam / mu
    result = erlang_c(1, lam, 1 / mu)
    assert result.p_wait == pytest.approx(rho, rel=1e-14)
    assert result.asa == pytest.approx(rho / (mu - lam), rel=1e-14)
    # M/M/1 waiting time: P(W > t) = rho e^{-(mu - lambda) t}.
    assert result.service_level(2.0) == pytest.approx(1 - rho * math.exp(-0.4 * 2.0), rel=1e-14)


def test_mm2_matches_hand_formulas() -> None:
    lam, mu = 1.5, 1.0
    rho = lam / (2 * mu)
    result = erlang_c(2, lam, 1 / mu)
    p_wait = 2 * rho**2 / (1 + rho)
    assert result.p_wait == pytest.approx(p_wait, rel=1e-14)
    assert result.asa == pytest.approx(p_wait / (2 * mu - lam), rel=1e-14)


def test_textbook_call_centre_value() -> None:
    # Textbook table value: 10 Erlangs offered (200 calls/h, 3 min AHT) to 11 agents.
    result = erlang_c(11, 10 / 3, 3.0)
    assert result.p_wait == pytest.approx(0.6821, abs=5e-4)


def test_erlang_c_many_agents_is_finite() -> None:
    result = erlang_c(500, 480.0, 1.0)
    assert 0.0 < result.p_wait < 1.0
    assert math.isfinite(result.asa)


def test_mm1_abandonment_by_hand() -> None:
    # M/M/1+M with theta = mu: the queue is M/M/inf-like, P(N = n) = e^-a a^n / n!.
    lam, mu = 0.5, 1.0
    a = lam / mu
    result = erlang_a(1, lam, 1 / mu, 1 / mu)
    assert result.p_wait == pytest.approx(1 - math.exp(-a), rel=1e-12)
    lq = sum((n - 1) * math.exp(-a) * a**n / math.factorial(n) for n in range(2, 60))
    assert result.mean_wait == pytest.approx(lq / lam, rel=1e-12)
    assert result.p_abandon == pytest.approx(mu * lq / lam, rel=1e-12)


@settings(deadline=None, max_examples=60)
@given(agents_st, utilisation_st, aht_st, patience_st)
def test_chain_and_gmr_agree(agents: int, util: float, aht: float, patience: float) -> None:
    rate = util * agents / aht
    chain = erlang_a(agents, rate, aht, patience)
    gmr = erlang_a_gmr(agents, rate, aht, patience)
    for name in ("p_wait", "p_abandon", "mean_wait", "asa"):
        assert _close(getattr(chain, name), getattr(gmr, name)), name
    for t in (0.0, 1 / 3, 2.0):
        assert _close(chain.service_level(t), gmr.service_level(t)), t


@settings(deadline=None, max_examples=40)
@given(agents_st, utilisation_st, aht_st, patience_st)
def test_erlang_a_identities(agents: int, util: float, aht: float, patience: float) -> None:
    rate = util * agents / aht
    r = erlang_a(agents, rate, aht, patience)
    # Little + abandonment: theta * Lq = lambda * P(abandon).
    assert _close(r.p_abandon, r.mean_wait / patience)
    # Total wait splits into answered callers' and abandoners' waits.
    assert r.asa * (1 - r.p_abandon) <= r.mean_wait * (1 + REL)
    assert 0.0 <= r.p_abandon <= r.p_wait <= 1.0
    # Service level rises from "answered at once" to "answered at all".
    assert _close(r.service_level(0.0), 1 - r.p_wait)
    assert _close(r.service_level(math.inf), 1 - r.p_abandon)
    assert r.service_level(0.1) <= r.service_level(1.0) + REL


@settings(deadline=None, max_examples=30)
@given(st.integers(1, 100), st.floats(0.1, 0.95), aht_st)
def test_erlang_a_tends_to_erlang_c(agents: int, util: float, aht: float) -> None:
    rate = util * agents / aht
    c = erlang_c(agents, rate, aht)
    patient = 1e9 * aht
    for a in (erlang_a(agents, rate, aht, patient), erlang_a_gmr(agents, rate, aht, patient)):
        assert a.p_wait == pytest.approx(c.p_wait, rel=1e-6, abs=1e-12)
        assert a.asa == pytest.approx(c.asa, rel=1e-6, abs=1e-12)
        assert a.service_level(1 / 3) == pytest.approx(c.service_level(1 / 3), rel=1e-6)


def test_abandonment_falls_as_patience_grows() -> None:
    results = [erlang_a(20, 19.0, 1.0, p).p_abandon for p in (0.5, 2.0, 10.0, 100.0)]
    assert results == sorted(results, reverse=True)


@settings(deadline=None, max_examples=30)
@given(st.integers(1, 150), utilisation_st, aht_st, patience_st)
def test_more_agents_wait_less(agents: int, util: float, aht: float, patience: float) -> None:
    rate = util * agents / aht
    fewer, more = erlang_a(agents, rate, aht, patience), erlang_a(agents + 1, rate, aht, patience)
    assert more.p_wait <= fewer.p_wait * (1 + REL)
    assert more.p_abandon <= fewer.p_abandon * (1 + REL)
    if rate * aht < agents:
        assert erlang_c(agents + 1, rate, aht).p_wait <= erlang_c(agents, rate, aht).p_wait


def test_steady_state() -> None:
    assert has_steady_state(10, 9.0, 1.0)
    assert not has_steady_state(10, 10.0, 1.0)
    assert has_steady_state(10, 50.0, 1.0, patience=2.0)
    assert not has_steady_state(10, 50.0, 1.0, patience=math.inf)


def test_overload_erlang_c_raises() -> None:
    with pytest.raises(ValueError, match="offered load"):
        erlang_c(10, 10.0, 1.0)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"agents": 0}, "agents"),
        ({"agents": 2.5}, "agents"),
        ({"agents": True}, "agents"),
        ({"arrival_rate": -1.0}, "arrival_rate"),
        ({"arrival_rate": math.nan}, "arrival_rate"),
        ({"aht": 0.0}, "aht"),
        ({"aht": math.inf}, "aht"),
        ({"patience": 0.0}, "patience"),
        ({"patience": math.inf}, "patience"),
    ],
)
def test_bad_inputs_name_the_argument(kwargs: dict, name: str) -> None:
    args = {"agents": 5, "arrival_rate": 3.0, "aht": 1.0, "patience": 2.0} | kwargs
    for fn in (erlang_a, erlang_a_gmr):
        with pytest.raises(ValueError, match=name):
            fn(**args)
    if name != "patience":
        args.pop("patience")
        with pytest.raises(ValueError, match=name):
            erlang_c(**args)


def test_bad_threshold_names_the_argument() -> None:
    with pytest.raises(ValueError, match="threshold_minutes"):
        erlang_c(5, 3.0, 1.0).service_level(-1.0)
    with pytest.raises(ValueError, match="threshold_minutes"):
        erlang_a(5, 3.0, 1.0, 2.0).service_level(math.nan)
