"""The customer population: trust, harm, repeat calls, redials and churn, as numpy arrays.

Customers are not Mesa agents: a centre meets hundreds of thousands of them,
each touching the model a few times a year, so they are a struct of arrays.
The call loop only reads them (``trust``) and appends events to plain lists;
harm, recovery, repeat calls and churn are applied once a day, vectorised.
A churned customer's slot is refilled by a new customer, so demand stays
stationary while churn is counted.

Issues: a fresh call opens a customer issue; a call back about an unresolved
issue is a repeat contact, its customer field a
:class:`~tightrope.model.calls.record.RepeatCustomer`. FCR is counted per issue
(first contacts resolved over first contacts), from the day's service-call tally
minus the repeat contacts, which are counted here off the day's short lists.
"""

from __future__ import annotations

import numpy as np

from tightrope.model.calls.record import CUSTOMER, KIND, RepeatCustomer, is_repeat
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
        # Callers who hung up and call again, by day: (customer, kind); a repeat
        # contact's customer keeps its RepeatCustomer mark through the redial.
        self.redials: dict[int, list[tuple[int, int]]] = {}
        self.churned_total = 0
        self.churned_today = 0
        # Today's repeat contacts: dialled, not answered (hung up or unserved), unresolved.
        self.repeats_today = 0
        self.repeats_unanswered_today = 0
        self.repeats_unresolved_today = 0
        self._scratch = np.empty(n)

    @property
    def size(self) -> int:
        """Number of customers (0 = anonymous callers)."""
        return self.trust.size

    def repeat_callers(self, day: int) -> list[int]:
        """Customers who call back on ``day`` about an unresolved issue (repeat contacts).

        Starts the day's count of repeat contacts (:meth:`redialers` adds the redials).
        """
        out = [RepeatCustomer(c) for c in self.repeats.pop(day, ())]
        self.repeats_today = len(out)
        self.repeats_unanswered_today = self.repeats_unresolved_today = 0
        return out

    def redialers(self, day: int) -> tuple[list[int], list[int]]:
        """Customers (and their calls' kinds) who call again on ``day`` after hanging up.

        Call after :meth:`repeat_callers`: a redial of a repeat contact is a repeat contact.
        """
        due = self.redials.pop(day, ())
        self.repeats_today += sum(is_repeat(customer) for customer, _ in due)
        return [customer for customer, _ in due], [kind for _, kind in due]

    def hung_up(self, calls: list[tuple], day: int = 0) -> None:
        """Callers who hung up unanswered lose trust (an abandonment is a harm event).

        A share ``redial_share`` of them (anonymous callers too) call again
        ``redial_delay_days`` later, about the same issue and with the same kind.
        """
        self.unserved(calls)
        p = self.params
        if p.redial_share > 0.0:
            again = (self.rng.random(len(calls)) < p.redial_share).tolist()
            due = self.redials.setdefault(day + p.redial_delay_days, [])
            due.extend(
                (call[CUSTOMER], call[KIND]) for call, yes in zip(calls, again, strict=True) if yes
            )
        harm = p.harm_abandonment
        if harm > 0.0:
            self.harm_events.extend(
                (call[CUSTOMER], harm) for call in calls if call[CUSTOMER] >= 0
            )

    def unserved(self, calls: list[tuple]) -> None:
        """Count the repeat contacts among today's calls no rep answered."""
        self.repeats_unanswered_today += sum(is_repeat(call[CUSTOMER]) for call in calls)

    def first_contacts(self, service_calls: float, unresolved: float) -> tuple[float, float]:
        """Today's first contacts of an issue and how many were resolved.

        ``service_calls`` and ``unresolved`` are the day's tally: every answered
        service contact, and those left unresolved (repeat contacts included).
        """
        answered_repeats = self.repeats_today - self.repeats_unanswered_today
        first = service_calls - answered_repeats
        return first, first - (unresolved - self.repeats_unresolved_today)

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
            self.repeats_unresolved_today = sum(map(is_repeat, self.unresolved))
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
