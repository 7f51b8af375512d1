"""Exact queueing theory the simulated queue is validated against.

Erlang C (M/M/c) and Erlang A (M/M/c+M, exponential patience). Pure functions, no
simulation, minutes as the time unit. Erlang A is computed two independent ways so each
checks the other: a truncated birth-death chain (:func:`erlang_a`, the default) and the
Garnett-Mandelbaum-Reiman (2002) closed forms in incomplete-gamma functions
(:func:`erlang_a_gmr`).

Answered callers' waits in Erlang A: a caller who finds ``n >= c`` in the system joins
queue position ``j = n - c + 1``. At position ``i`` it moves up at rate ``c*mu + (i-1)*theta``
and abandons at rate ``theta``, so it is answered with probability
``c*mu / (c*mu + j*theta)`` (the product telescopes) and, given it is answered, its wait
is a sum of independent ``Exp(c*mu + i*theta)``, ``i = 1..j``, which equals
``-ln(U) / theta`` with ``U ~ Beta(c*mu/theta + 1, j)``. That gives ASA (digamma
differences) and the service level (regularised incomplete beta) exactly.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy import integrate, special

#: Birth-death truncation: the dropped tail holds less than this share of the mass.
TAIL_MASS = 1e-15


@dataclass(frozen=True)
class ErlangC:
    """Steady state of M/M/c: the infinitely patient limit of the model's queue."""

    agents: int
    arrival_rate: float
    aht: float
    p_wait: float
    asa: float

    @property
    def offered_load(self) -> float:
        """Offered load in Erlangs (arrival rate x AHT)."""
        return self.arrival_rate * self.aht

    def service_level(self, threshold_minutes: float) -> float:
        """P(wait <= t): every caller is answered, so this is over all arrivals."""
        t = _check_threshold(threshold_minutes)
        drain = self.agents / self.aht - self.arrival_rate
        return 1.0 - self.p_wait * math.exp(-drain * t)


@dataclass(frozen=True)
class ErlangA:
    """Steady state of M/M/c+M (Erlang A) with mean patience ``patience`` minutes.

    Attributes:
        p_wait: P(all agents busy at arrival) = P(N >= c) by PASTA.
        p_abandon: Share of arrivals who hang up before being answered.
        mean_wait: Mean time in queue over all arrivals, abandoners included (Lq / lambda).
        asa: Mean wait of answered callers, E[wait | answered].
    """

    agents: int
    arrival_rate: float
    aht: float
    patience: float
    p_wait: float
    p_abandon: float
    mean_wait: float
    asa: float
    _served_within: Callable[[float], float] = field(repr=False, compare=False)

    @property
    def offered_load(self) -> float:
        """Offered load in Erlangs (arrival rate x AHT)."""
        return self.arrival_rate * self.aht

    def service_level(self, threshold_minutes: float) -> float:
        """P(answered with wait <= t), over all arrivals (abandoners count as misses)."""
        return self._served_within(_check_threshold(threshold_minutes))


def has_steady_state(
    agents: int, arrival_rate: float, aht: float, patience: float | None = None
) -> bool:
    """Whether the queue settles: always with finite patience, else load < agents."""
    _check_inputs(agents, arrival_rate, aht)
    if patience is not None and math.isfinite(_check_patience(patience)):
        return True
    return arrival_rate * aht < agents


def erlang_c(agents: int, arrival_rate: float, aht: float) -> ErlangC:
    """Erlang C for ``agents`` servers, Poisson arrivals per minute, exponential AHT.

    Uses the Erlang B recursion, which never forms a factorial, so hundreds of agents
    are fine.

    Raises:
        ValueError: On bad inputs, or when offered load >= agents (no steady state).
    """
    _check_inputs(agents, arrival_rate, aht)
    load = arrival_rate * aht
    if load >= agents:
        raise ValueError(
            f"offered load arrival_rate * aht = {load:g} Erlangs >= agents = {agents}: "
            "an infinitely patient queue has no steady state (add patience for Erlang A)"
        )
    blocking = _erlang_b(agents, load)
    p_wait = agents * blocking / (agents - load * (1.0 - blocking))
    asa = p_wait / (agents / aht - arrival_rate)
    return ErlangC(agents, float(arrival_rate), float(aht), p_wait, asa)


def erlang_a(agents: int, arrival_rate: float, aht: float, patience: float) -> ErlangA:
    """Erlang A from the birth-death chain on the number of callers in the system.

    States run from 0 until the tail mass falls below :data:`TAIL_MASS`; weights are kept
    in log space so heavy overload with long patience does not overflow.
    """
    _check_inputs(agents, arrival_rate, aht)
    patience = _check_patience(patience, finite=True)
    c, lam, mu, theta = agents, float(arrival_rate), 1.0 / aht, 1.0 / patience
    pi = _chain_distribution(c, lam, mu, theta)
    below, queued = pi[:c], pi[c:]
    j = np.arange(1, queued.size + 1, dtype=float)  # queue position on arrival
    p_answer = c * mu / (c * mu + j * theta)
    wait_if_answered = np.cumsum(1.0 / (c * mu + j * theta))
    lq = float(np.dot(j - 1.0, queued))
    p_abandon = theta * lq / lam
    answered_wait = float(np.dot(queued * p_answer, wait_if_answered))
    p_below = float(below.sum())
    shape = c * mu / theta + 1.0

    weight = queued * p_answer
    keep = weight > 1e-20  # betaincc is slow; states this rare cannot move the answer
    weight, j_kept = weight[keep], j[keep]

    def served_within(t: float) -> float:
        tail = special.betaincc(shape, j_kept, math.exp(-theta * t))
        return p_below + float(np.dot(weight, tail))

    return ErlangA(
        agents=c,
        arrival_rate=lam,
        aht=float(aht),
        patience=patience,
        p_wait=min(1.0, float(queued.sum())),
        p_abandon=p_abandon,
        mean_wait=lq / lam,
        asa=answered_wait / (1.0 - p_abandon),
        _served_within=served_within,
    )


def erlang_a_gmr(agents: int, arrival_rate: float, aht: float, patience: float) -> ErlangA:
    """Erlang A from the Garnett-Mandelbaum-Reiman (2002) incomplete-gamma closed forms.

    With ``x = c*mu/theta``, ``y = lambda/theta`` and ``A(x, y) = x e^y y^-x gamma(x, y)``,
    ``P(N = c + k) / P(N = c) = y^k / ((x+1)...(x+k))`` sums to ``A``. ASA has no
    incomplete-gamma form, so it is one numerical integral; use :func:`erlang_a` when
    speed matters and this function to cross-check it.
    """
    _check_inputs(agents, arrival_rate, aht)
    patience = _check_patience(patience, finite=True)
    c, lam, mu, theta = agents, float(arrival_rate), 1.0 / aht, 1.0 / patience
    x, y = c * mu / theta, lam / theta
    log_am1 = _log_a_minus_1(x, y)
    log_a = float(np.logaddexp(0.0, log_am1))
    log_below = _log_inv_erlang_b_minus_1(c, lam * aht)  # P(N < c) / P(N = c)
    log_pi_c = -float(np.logaddexp(log_below, log_a))
    p_wait = min(1.0, math.exp(log_pi_c + log_a))
    p_abandon = p_wait - (x / y) * math.exp(log_pi_c + log_am1)
    p_below = math.exp(log_pi_c + log_below)
    answered_wait = _gmr_answered_wait(c * mu, lam, theta, log_pi_c)

    def served_within(t: float) -> float:
        if math.isinf(t):
            return 1.0 - p_abandon
        s = math.exp(-theta * t)
        late = y * -math.expm1(-theta * t) - c * mu * t + _log_a_minus_1(x, y * s)
        answered_late = -math.expm1(min(0.0, late - log_am1))  # share answered after t
        return p_below + (x / y) * math.exp(log_pi_c + log_am1) * answered_late

    return ErlangA(
        agents=c,
        arrival_rate=lam,
        aht=float(aht),
        patience=patience,
        p_wait=p_wait,
        p_abandon=p_abandon,
        mean_wait=p_abandon / theta,
        asa=answered_wait / (1.0 - p_abandon),
        _served_within=served_within,
    )


def _erlang_b(agents: int, load: float) -> float:
    """Erlang B blocking by the recursion B_k = a B_{k-1} / (k + a B_{k-1})."""
    blocking = 1.0
    for k in range(1, agents + 1):
        blocking = load * blocking / (k + load * blocking)
    return blocking


def _log_inv_erlang_b_minus_1(agents: int, load: float) -> float:
    """log(1/B - 1) = log(P(N < c) / P(N = c)) via the inverse recursion in log space.

    1/B_k = 1 + (k/a) / B_{k-1}; logs keep it finite when B underflows (many agents, low
    load), which the plain recursion cannot.
    """
    log_inv = 0.0
    for k in range(1, agents + 1):
        log_inv = float(np.logaddexp(0.0, math.log(k / load) + log_inv))
    return log_inv + math.log(-math.expm1(-log_inv))


def _chain_distribution(c: int, lam: float, mu: float, theta: float) -> np.ndarray:
    """Stationary P(N = n) for n = 0..K, K where the dropped tail is < TAIL_MASS."""
    n = np.arange(c + 1)
    log_low = n * math.log(lam / mu) - special.gammaln(n + 1.0)  # P(n)/P(0), n <= c
    overload = max(0.0, (lam - c * mu) / theta)  # queue length where births = deaths
    size = int(2 * overload + 10 * math.sqrt(min(lam / theta, 1e4)) + 64)  # grows below
    while True:
        k = np.arange(1, size + 1)
        log_high = log_low[-1] + np.cumsum(math.log(lam) - np.log(c * mu + k * theta))
        logs = np.concatenate([log_low, log_high])
        log_total = special.logsumexp(logs)
        ratio = lam / (c * mu + (size + 1) * theta)
        if ratio < 1.0:
            # Beyond K every ratio is <= this one, so a geometric series bounds the tail.
            log_tail = log_high[-1] + math.log(ratio / (1.0 - ratio))
            if log_tail - log_total < math.log(TAIL_MASS):
                return np.exp(logs - log_total)
        size *= 2


def _log_a_minus_1(x: float, y: float) -> float:
    """log(A(x, y) - 1) = log(e^y y^-x gamma(x+1, y)), the queued mass over P(N = c).

    Where the regularised incomplete gamma underflows (y far below x) the power series
    sum_{k>=1} y^k / ((x+1)...(x+k)) converges geometrically and is used instead.
    """
    if y == 0.0:
        return -math.inf
    p = special.gammainc(x + 1.0, y)
    if p > 1e-100:
        return _log_gamma_prefactor(x, y) + math.log(p)
    size = 64
    while True:
        k = np.arange(1, size + 1)
        logs = np.cumsum(math.log(y) - np.log(x + k))
        total = float(special.logsumexp(logs))
        ratio = y / (x + size + 1.0)
        if ratio < 1.0 and logs[-1] + math.log(ratio / (1.0 - ratio)) < total - 37.0:
            return total
        size *= 2


def _log_gamma_prefactor(x: float, y: float) -> float:
    """log(e^y y^-x Gamma(x+1)) without the cancellation of its x*log(x)-sized terms.

    Writes y = x(1+d): the log is x(d - log1p(d)) + log(2 pi x)/2 + Stirling remainder.
    """
    if x < 10.0:
        return y - x * math.log(y) + float(special.gammaln(x + 1.0))
    d = (y - x) / x
    if abs(d) < 0.25:
        powers = d ** np.arange(2, 40)
        signs = (-1.0) ** np.arange(2, 40)
        d_minus_log1p = float(np.sum(signs * powers / np.arange(2, 40)))
    else:
        d_minus_log1p = d - math.log1p(d)
    inv = 1.0 / x
    stirling = inv * (
        1 / 12 - inv**2 * (1 / 360 - inv**2 * (1 / 1260 - inv**2 * (1 / 1680 - inv**2 / 1188)))
    )
    return x * d_minus_log1p + 0.5 * math.log(2.0 * math.pi * x) + stirling


def _gmr_answered_wait(service_rate: float, lam: float, theta: float, log_pi_c: float) -> float:
    """E[wait; answered] = P(N=c) c mu int_0^inf w exp(y(1 - e^-theta w) - (c mu + theta) w) dw.

    Substituting u = e^(-theta w) into the Beta-mixture density of answered waits,
    sum_j P(N=c+j-1)/B(x, j) u^x (1-u)^(j-1) = P(N=c) x u^(x-1) e^(y(1-u)), gives this.
    """
    y = lam / theta
    log_scale = log_pi_c + math.log(service_rate)

    def integrand(w: float) -> float:
        exponent = y * -math.expm1(-theta * w) - (service_rate + theta) * w
        return w * math.exp(log_scale + exponent)

    peak = max(0.0, math.log(lam / (service_rate + theta)) / theta)
    pieces = [(0.0, peak)] if peak > 0 else []
    pieces.append((peak, math.inf))
    return sum(
        integrate.quad(integrand, a, b, epsabs=0.0, epsrel=1e-12, limit=400)[0] for a, b in pieces
    )


def _check_inputs(agents: int, arrival_rate: float, aht: float) -> None:
    """Reject inputs with a message naming the argument, as the parameter object does."""
    if isinstance(agents, bool) or not isinstance(agents, int | np.integer) or agents < 1:
        raise ValueError(f"agents must be an integer >= 1, got {agents!r}")
    for name, value in (("arrival_rate", arrival_rate), ("aht", aht)):
        if not isinstance(value, int | float | np.number) or not (0 < value < math.inf):
            raise ValueError(f"{name} must be a finite number > 0, got {value!r}")


def _check_patience(patience: float, finite: bool = False) -> float:
    """Mean patience must be > 0; Erlang A also needs it finite (use Erlang C otherwise)."""
    ok = isinstance(patience, int | float | np.number) and patience > 0
    if not ok or (finite and not math.isfinite(patience)):
        need = "a finite number > 0 (use erlang_c for no abandonment)" if finite else "> 0"
        raise ValueError(f"patience must be {need}, got {patience!r}")
    return float(patience)


def _check_threshold(threshold_minutes: float) -> float:
    """A service-level threshold is a non-negative number of minutes."""
    if not isinstance(threshold_minutes, int | float | np.number) or not threshold_minutes >= 0:
        raise ValueError(f"threshold_minutes must be >= 0, got {threshold_minutes!r}")
    return float(threshold_minutes)
