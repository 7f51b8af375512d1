"""Record the golden run summaries that pin the model's behaviour across refactors.

Run ``python tests/golden/record.py`` only when a change is *meant* to alter the
model's results, and say why in the commit that re-records them.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from tightrope.model import Params, simulate

HERE = Path(__file__).parent
GOLDEN = HERE / "summaries.json"

# Short runs that exercise every regime, both routings, outbound calls and the levers.
CASES: list[dict[str, object]] = [
    {"regime.name": name, "staffing.reps": 20, "run.days": 30, "run.burn_in_days": 5}
    for name in (
        "service_only",
        "mandatory_upsell",
        "discretionary_rewards",
        "commission",
        "specialised",
    )
] + [
    {
        "regime.name": "discretionary_rewards",
        "staffing.reps": 20,
        "staffing.routing": "skills_based",
        "screenpop.enabled": True,
        "run.days": 30,
        "run.burn_in_days": 5,
    },
    {
        "regime.name": "mandatory_upsell",
        "staffing.reps": 20,
        "run.days": 40,
        "run.burn_in_days": 5,
        "coaching.supervisor_ratio": 0.1,
        "monitoring.review_share": 0.05,
        "transition.day": 20,
        "transition.regime": "commission",
        "scoreboard.enabled": True,
        "contagion.rate": 0.3,
        "avoidance.max_probability": 0.3,
    },
    {
        "regime.name": "commission",
        "staffing.reps": 20,
        "run.days": 30,
        "run.burn_in_days": 5,
        "blending.outbound": True,
        "coldcalls.enabled": True,
    },
]
SEEDS = (1, 2)
VOLATILE = ("wall_s", "calls_per_s")


def summaries() -> list[dict[str, object]]:
    """Every case's summary for every seed, NaN as None, timing columns dropped."""
    out = []
    for case in CASES:
        for seed in SEEDS:
            summary = simulate(Params.from_dict(case), seed).summary
            row = {
                k: (None if isinstance(v, float) and math.isnan(v) else v)
                for k, v in summary.items()
                if k not in VOLATILE
            }
            out.append({"case": case, "seed": seed, "summary": row})
    return out


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(summaries(), indent=1, sort_keys=True) + "\n")
    print(f"wrote {GOLDEN}")
