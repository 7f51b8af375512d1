"""Parameter group of the customer population: trust, harm, anger, repeat calls, redials, churn."""

from __future__ import annotations

import typing
from dataclasses import dataclass

from tightrope.model.params.spec import ASSUMPTION, ParamGroup, param

SEED_002 = "seed 002 (Fluss)"


@dataclass(frozen=True)
class Customers(ParamGroup):
    """A persistent customer population: trust, harm, anger, repeat calls, churn."""

    group_name: typing.ClassVar[str] = "customers"

    population: int = param(
        100000,
        unit="customers",
        low=0,
        high=10_000_000,
        source=ASSUMPTION,
        doc="Customers who call (0 = anonymous callers, no trust or churn).",
    )
    trust_initial: float = param(
        0.8,
        unit="-",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Trust of a new customer.",
    )
    trust_recovery: float = param(
        0.01,
        unit="1/day",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="rho: daily recovery of trust toward 1.",
    )
    harm_harmful_sale: float = param(
        0.3,
        unit="trust",
        low=0.0,
        high=1.0,
        source="seed 002 (Wells Fargo)",
        doc="Trust lost by a customer sold something they did not need.",
    )
    harm_angry_pitch: float = param(
        0.08,
        unit="trust",
        low=0.0,
        high=1.0,
        source=SEED_002,
        doc="Trust lost when pitched to while angry.",
    )
    harm_abandonment: float = param(
        0.03,
        unit="trust",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Trust lost when hanging up unanswered.",
    )
    harm_unresolved: float = param(
        0.05,
        unit="trust",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Trust lost when an issue is left unresolved.",
    )
    churn_base: float = param(
        0.0004,
        unit="1/day",
        low=0.0,
        high=1.0,
        source="about 10%/year background churn",
        doc="Daily churn probability at full trust.",
    )
    churn_distrust: float = param(
        0.004,
        unit="1/day",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Extra daily churn probability times (1 - trust)^2.",
    )
    repeat_probability: float = param(
        0.8,
        unit="probability",
        low=0.0,
        high=1.0,
        source="repeat-call studies; assumption",
        doc="Chance an unresolved customer calls again (repeat_delay_min to repeat_delay_max "
        "days later).",
    )
    repeat_delay_min: int = param(
        1,
        unit="days",
        low=1,
        high=250,
        source=ASSUMPTION + " (repeat calls come within days)",
        doc="Earliest day after an unresolved call that the customer calls back.",
    )
    repeat_delay_max: int = param(
        3,
        unit="days",
        low=1,
        high=250,
        source=ASSUMPTION + " (repeat calls come within days)",
        doc="Latest day after an unresolved call that the customer calls back (uniform).",
    )
    redial_share: float = param(
        0.33,
        unit="probability",
        low=0.0,
        high=1.0,
        source="industry rule of thumb: a third of abandoning callers retry (Response "
        "Design Corp., 'Caller retry behavior'); assumption",
        doc="Chance a caller who hung up unanswered calls again (off in queue-only mode).",
    )
    redial_delay_days: int = param(
        1,
        unit="days",
        low=1,
        high=250,
        source=ASSUMPTION + " (next working day; same-day redials are not modelled)",
        doc="Working days after hanging up that a redialling caller calls again.",
    )
    anger_mood: float = param(
        0.6,
        unit="-",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Scale of callers' own anger (mood u^3 times this).",
    )
    anger_wait: float = param(
        0.5,
        unit="-",
        low=0.0,
        high=10.0,
        source="Erlang A patience (wait relative to patience)",
        doc="Anger added per mean patience waited.",
    )
    anger_harm: float = param(
        1.0,
        unit="-",
        low=0.0,
        high=10.0,
        source=SEED_002,
        doc="Anger added per unit of trust below a new customer's (harm not yet forgiven).",
    )
    angry_threshold: float = param(
        0.5,
        unit="-",
        low=0.0,
        high=1.0,
        source=ASSUMPTION,
        doc="Anger at or above which a caller counts as angry.",
    )

    def _check_combination(self) -> None:
        if self.repeat_delay_min > self.repeat_delay_max:
            from tightrope.model.params.spec import ParameterError

            raise ParameterError(
                f"customers.repeat_delay_min = {self.repeat_delay_min} exceeds "
                f"customers.repeat_delay_max = {self.repeat_delay_max}; allowed: min <= max"
            )
