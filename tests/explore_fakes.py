"""A cheap stand-in for ``simulate`` with the KPIs the exploration reads (tests only).

Attrition rises with the morale sensitivity of quits, so the calibration
keeps a known slice of worlds; mandatory upselling raises attrition only
where ``sales.push_bias`` is below -1.5, a box PRIM should find; revenue,
attrition and harm trade off along the quota for the optimiser.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tightrope.model.params import Params


@dataclass
class FakeResult:
    """Same shape as the model's RunResult."""

    summary: dict[str, float]
    daily: pd.DataFrame | None


def fake(params: Params, seed: int, *, daily: bool = False) -> FakeResult:
    """KPIs as simple functions of the parameters plus small seeded noise."""
    rng = np.random.default_rng(seed)
    noise = rng.normal(0.0, 0.002, size=4)
    mandatory = params.regime.name == "mandatory_upsell"
    flips = params.sales.push_bias >= -1.5
    effect = (-0.05 if flips else 0.05) if mandatory else 0.0
    quota = params.regime.quota_stretch
    summary = {
        "attrition_annual": 0.05 * params.attrition.morale_sensitivity + effect + noise[0],
        "service_level": 0.8 + noise[1],
        "abandon_rate": 0.05,
        "fcr": 0.78,
        "aht_min": 6.0,
        "brand_harm_index": 10.0 + (5.0 if mandatory else 0.0) + 2.0 * quota + noise[2],
        "revenue_genuine": 1000.0 * np.sqrt(quota) + noise[3],
        "wall_s": 0.0,
        "calls_per_s": 0.0,
    }
    return FakeResult(summary, None)
