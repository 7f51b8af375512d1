"""Parameter group of the CSAT proxy: what satisfies a caller, per call.

A service call scores ``base + resolved * [resolved] + calm * (1 - anger)``,
then a pitch moves it: a failed pitch costs ``failed_pitch`` (``failed_angry_pitch``
to an angry caller), a sale adds ``met_need`` when it met a need and costs
``unwanted_sale`` when it was pushed; the result is clipped to [0, 1]. A sales
call or warm transfer scores ``sales_base + sale * [sold] + sales_calm * (1 - anger)``.
Every weight is an assumption: with them, whether selling can raise CSAT
(seeds 003 and 004) is a question the sensitivity analysis can move, not a
constant in the code.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass

from tightrope.model.params.spec import ASSUMPTION, ParamGroup, param

SEED_003 = ASSUMPTION + " (seed 003: selling is service)"


def _weight(default: float, doc: str, source: str = ASSUMPTION) -> typing.Any:
    return param(default, unit="CSAT", low=0.0, high=1.0, source=source, doc=doc)


@dataclass(frozen=True)
class Csat(ParamGroup):
    """Weights of the per-call CSAT proxy (service calls; sales calls and transfers)."""

    group_name: typing.ClassVar[str] = "csat"

    base: float = _weight(0.3, "Score of an unresolved service call from a furious caller.")
    resolved: float = _weight(0.5, "Added when the service call is resolved.")
    calm: float = _weight(0.2, "Added times (1 - anger) on a service call.")
    failed_pitch: float = _weight(0.15, "Cost of a pitch that did not sell.")
    failed_angry_pitch: float = _weight(
        0.3,
        "Cost of a pitch that did not sell, to an angry caller.",
        ASSUMPTION + " (seed 002: pitching to angry callers)",
    )
    met_need: float = _weight(0.1, "Added by a sale that met a genuine need.", SEED_003)
    unwanted_sale: float = _weight(0.2, "Cost of a pushed (harmful) sale.")
    sales_base: float = _weight(0.5, "Score of a sales call or transfer that did not sell.")
    sale: float = _weight(0.3, "Added on a sales call or transfer that sold.")
    sales_calm: float = _weight(0.2, "Added times (1 - anger) on a sales call or transfer.")
