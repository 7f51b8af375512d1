"""The customer population: trust, harm, repeat calls and churn, as numpy arrays.

Customers are not Mesa agents: a centre meets hundreds of thousands of them,
each touching the model a few times a year, so they are a struct of arrays.
The call loop only reads them (``trust``) and appends events to plain lists;
harm, recovery, repeat calls and churn are applied once a day, vectorised.
A churned customer's slot is refilled by a new customer, so demand stays
stationary while churn is counted.
"""

from __future__ import annotations

import numpy as np

from tightrope.model.calls.record import CUSTOMER
from tightrope.model.params.customers import Customers as CustomerParams


class CustomerBase:
    """Trust in [0, 1] and cumulative harm per customer, plus scheduled repeat calls."""

    def __init__(self, params: CustomerParams, rng: np.random.Generator, population: int) -> None:
        self.params = params
        self.repeat_delays = tuple(range(params.repeat_delay_min, params.repeat_delay_max + 1))
        self.rng = rng
        n = population
        self.trust = np.full(n, params.trust_initial)
        self.harm = np.zeros(n)
        self.harm_events: list[tuple[int, float]] = []
        self.unresolved: list[int] = []
        self.repeats: dict[int, list[int]] = {}
        self.churned_total = 0
        self.churned_today = 0
        self._scratch = np.empty(n)

    @property
    def size(self) -> int:
        """Number of customers (0 = anonymous callers)."""
        return self.trust.size

    def repeat_callers(self, day: int) -> np.ndarray:
        """Customers who call back on ``day`` about an unresolved issue."""
        return np.asarray(self.repeats.pop(day, []), dtype=np.int64)

    def hung_up(self, calls: list[tuple]) -> None:
        """Callers who hung up unanswered lose trust (an abandonment is a harm event)."""
        harm = self.params.harm_abandonment
        if harm > 0.0:
            self.harm_events.extend(
                (call[CUSTOMER], harm) for call in calls if call[CUSTOMER] >= 0
            )

    def end_of_day(self, day: int) -> None:
        """Apply today's harm, schedule repeats, recover trust, churn and replace.

        Element-wise work runs in place in a scratch array: a day touches every
        customer, so temporaries cost more than the arithmetic (same operations, same
        results).
        """
        p = self.params
        trust, scratch = self.trust, self._scratch
        if self.harm_events:
            who, amount = zip(*self.harm_events, strict=True)
            who = np.array(who, dtype=np.int64)
            amount = np.array(amount, dtype=float)
            np.add.at(self.harm, who, amount)
            np.subtract.at(trust, who, amount)
            np.clip(trust, 0.0, 1.0, out=trust)
            self.harm_events.clear()
        if self.unresolved:
            callers = np.asarray(self.unresolved, dtype=np.int64)
            self.unresolved.clear()
            again = callers[self.rng.random(callers.size) < p.repeat_probability]
            delays = self.rng.choice(self.repeat_delays, again.size)
            for delay, customer in zip(delays.tolist(), again.tolist(), strict=True):
                self.repeats.setdefault(day + delay, []).append(customer)
        # trust += recovery * (1 - trust)
        np.subtract(1.0, trust, out=scratch)
        scratch *= p.trust_recovery
        trust += scratch
        # churn probability = base + distrust * (1 - trust)^2
        np.subtract(1.0, trust, out=scratch)
        np.square(scratch, out=scratch)
        scratch *= p.churn_distrust
        scratch += p.churn_base
        gone = np.flatnonzero(self.rng.random(self.size) < scratch)
        self.churned_today = gone.size
        self.churned_total += gone.size
        trust[gone] = p.trust_initial
        self.harm[gone] = 0.0

    def mean_trust(self) -> float:
        """Average trust of the current customers."""
        return float(self.trust.mean()) if self.size else float("nan")
