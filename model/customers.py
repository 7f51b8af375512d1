"""The customer population: trust, harm, repeat calls, redials and churn, as numpy arrays.

Customers are not Mesa agents: a centre meets hundreds of thousands of them,
each touching the model a few times a year, so they are a struct of arrays.
The call loop only reads them (``trust``) and appends events to plain lists;
harm, recovery, repeat calls and churn are applied once a day, vectorised.
A churned customer's slot is refilled by a new customer, so demand stays
stationary while churn is counted.

Issues: a fresh call opens a customer issue; a call back about an unresolved
issue is a repeat contact, marked in its call row
(:data:`~tightrope.model.calls.layout.REPEAT`). FCR is counted per issue
(first contacts resolved over first contacts), from the day's service-call tally
minus the repeat contacts, which are counted here off the day's short arrays.
Scheduled repeat calls and redials are kept as arrays by day: a busy centre
schedules thousands a day, and one Python object each cost more than the call loop.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from tightrope.model.calls.layout import REPEAT
from tightrope.model.calls.record import CUSTOMER, KIND
from tightrope.model.params.customers import Customers as CustomerParams


@njit(cache=True)
def _recover_and_churn(trust, harm, u, clip, recovery, distrust, base, initial, gone):  # fmt: skip
    """Clip trust to [0, 1] (after harm), recover it, churn w.p. base + distrust (1 - trust)^2.

    A churned customer is replaced by a new one (initial trust, no harm). Returns
    the churned indices, in order (a view of ``gone``).
    """
    n = 0
    for i in range(trust.size):
        t = trust[i]
        if clip:
            t = 1.0 if t > 1.0 else (0.0 if t < 0.0 else t)
        t = t + (1.0 - t) * recovery
        x = 1.0 - t
        if u[i] < x * x * distrust + base:
            gone[n] = i
            n += 1
            t = initial
            harm[i] = 0.0
        trust[i] = t
    return gone[:n]


def _joined(
    arrays: list[tuple[np.ndarray, np.ndarray]], pairs: list[tuple[int, object]], dtype: type
) -> tuple[np.ndarray, np.ndarray]:
    """Customers and values of the loop's arrays, then of the pairs, in that order."""
    if pairs:
        who, values = zip(*pairs, strict=True)
        arrays = [*arrays, (np.array(who, dtype=np.int64), np.array(values, dtype=dtype))]
    if len(arrays) == 1:
        return arrays[0]
    return np.concatenate([w for w, _ in arrays]), np.concatenate([v for _, v in arrays])


def _due(schedule: dict[int, list[np.ndarray]], day: int, none: np.ndarray) -> np.ndarray:
    """What is scheduled for ``day`` (removed from ``schedule``), in the order it was added.

    ``none`` is the empty array of the right shape and type, for a day with nothing due.
    """
    parts = schedule.pop(day, None)
    if not parts:
        return none
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


class CustomerBase:
    """Trust in [0, 1] and cumulative harm per customer, plus scheduled repeat calls."""

    def __init__(self, params: CustomerParams, rng: np.random.Generator, population: int) -> None:
        self.params = params
        self.repeat_delays = tuple(range(params.repeat_delay_min, params.repeat_delay_max + 1))
        self.rng = rng
        n = population
        self.trust = np.full(n, params.trust_initial)
        self.harm = np.zeros(n)
        # Today's harm events and unresolved callers come as arrays (customers, then
        # amounts or repeat marks), in the order they happened; ``harm_events`` takes
        # single events added by hand, applied after the arrays.
        self.harm_arrays: list[tuple[np.ndarray, np.ndarray]] = []
        self.harm_events: list[tuple[int, float]] = []
        self.unresolved_arrays: list[tuple[np.ndarray, np.ndarray]] = []
        # Customers who call back about an unresolved issue, by day.
        self.repeats: dict[int, list[np.ndarray]] = {}
        # Callers who hung up and call again, by day: rows of (customer, kind, repeat
        # mark); a repeat contact keeps its mark through the redial.
        self.redials: dict[int, list[np.ndarray]] = {}
        self.churned_total = 0
        self.churned_today = 0
        # Today's repeat contacts: dialled, not answered (hung up or unserved), unresolved.
        self.repeats_today = 0
        self.repeats_unanswered_today = 0
        self.repeats_unresolved_today = 0
        self._scratch = np.empty(n, dtype=np.int64)  # churned indices of the day

    @property
    def size(self) -> int:
        """Number of customers (0 = anonymous callers)."""
        return self.trust.size

    def repeat_callers(self, day: int) -> np.ndarray:
        """Customers who call back on ``day`` about an unresolved issue (all repeat contacts).

        Starts the day's count of repeat contacts (:meth:`redialers` adds the redials).
        """
        out = _due(self.repeats, day, np.zeros(0, dtype=np.int64))
        self.repeats_today = out.size
        self.repeats_unanswered_today = self.repeats_unresolved_today = 0
        return out

    def redialers(self, day: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Customers who call again on ``day`` after hanging up, their kinds and repeat marks.

        Call after :meth:`repeat_callers`: a redial of a repeat contact is a repeat contact.
        """
        due = _due(self.redials, day, np.zeros((0, 3)))  # customer, kind, repeat mark
        repeat = due[:, 2] != 0
        self.repeats_today += int(np.count_nonzero(repeat))
        return due[:, 0].astype(np.int64), due[:, 1].astype(np.int64), repeat

    def hung_up(self, calls: np.ndarray, day: int = 0) -> None:
        """Callers who hung up unanswered lose trust (an abandonment is a harm event).

        ``calls`` are their call rows (:data:`~tightrope.model.calls.layout.ROW`
        wide). A share ``redial_share`` of them (anonymous callers too) call again
        ``redial_delay_days`` later, about the same issue and with the same kind.
        """
        self.unserved(calls)
        p = self.params
        customer = calls[:, CUSTOMER].astype(np.int64)
        if p.redial_share > 0.0:
            again = self.rng.random(len(calls)) < p.redial_share
            due = self.redials.setdefault(day + p.redial_delay_days, [])
            due.append(calls[again][:, [CUSTOMER, KIND, REPEAT]])
        harm = p.harm_abandonment
        if harm > 0.0:
            known = customer[customer >= 0]
            self.harm_arrays.append((known, np.full(known.size, harm)))

    def unserved(self, calls: np.ndarray) -> None:
        """Count the repeat contacts among today's calls no rep answered (call rows)."""
        self.repeats_unanswered_today += int(np.count_nonzero(calls[:, REPEAT]))

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

        A day touches every customer: the element-wise work is one compiled pass
        (:func:`_recover_and_churn`) after one vectorised uniform per customer.
        """
        p = self.params
        trust = self.trust
        harmed = bool(self.harm_arrays or self.harm_events)
        if harmed:
            who, amount = _joined(self.harm_arrays, self.harm_events, np.float64)
            np.add.at(self.harm, who, amount)
            np.subtract.at(trust, who, amount)  # clipped to [0, 1] in the pass below
            self.harm_arrays.clear()
            self.harm_events.clear()
        if self.unresolved_arrays:
            callers, repeat = _joined(self.unresolved_arrays, [], np.bool_)
            self.repeats_unresolved_today = int(repeat.sum())
            self.unresolved_arrays.clear()
            again = callers[self.rng.random(callers.size) < p.repeat_probability]
            delays = self.rng.choice(self.repeat_delays, again.size)
            for delay in self.repeat_delays:  # each day's callers in the order they hung up
                chosen = again[delays == delay]
                if chosen.size:
                    self.repeats.setdefault(day + delay, []).append(chosen)
        u = self.rng.random(self.size)
        gone = _recover_and_churn(
            trust, self.harm, u, harmed, p.trust_recovery, p.churn_distrust, p.churn_base,
            p.trust_initial, self._scratch,
        )  # fmt: skip
        self.churned_today = gone.size
        self.churned_total += gone.size

    def mean_trust(self) -> float:
        """Average trust of the current customers."""
        return float(self.trust.mean()) if self.size else float("nan")
