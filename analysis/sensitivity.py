"""Sobol sensitivity indices computed from a finished sweep's results.

The sweep engine samples with SALib and stores the problem dict; this
module only reads the results back in sample order (``point_id``) and calls
``SALib.analyze.sobol.analyze``. Replications at one point are averaged
first, so the indices describe the expected KPI, not the noise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from SALib.analyze import sobol

from tightrope.analysis.schema import require

SOBOL_KPIS: tuple[str, ...] = ("attrition_annual", "brand_harm_index", "revenue_genuine")
SEED = 20240601


def _rows_expected(n_base: int, d: int, second_order: bool) -> int:
    return n_base * (2 * d + 2 if second_order else d + 2)


def sobol_indices(
    problem: Mapping[str, object],
    results: pd.DataFrame,
    kpis: Sequence[str] = SOBOL_KPIS,
    calc_second_order: bool = True,
    num_resamples: int = 200,
) -> pd.DataFrame:
    """First-order and total Sobol indices with 95 % confidence half-widths.

    Args:
        problem: SALib problem dict (``num_vars``, ``names``, ``bounds``).
        results: one row per run; ``point_id`` is the row of the sample matrix.
        kpis: outputs to analyse.
        calc_second_order: must match how the sample was drawn.
        num_resamples: bootstrap resamples SALib uses for the intervals.

    Returns:
        Tidy frame: ``kpi``, ``parameter``, ``S1``, ``S1_conf``, ``ST``, ``ST_conf``.
    """
    for key in ("num_vars", "names", "bounds"):
        if key not in problem:
            raise KeyError(f"SALib problem lacks {key!r}")
    require(results, ["point_id", *kpis], "Sobol results")
    names = list(problem["names"])  # type: ignore[call-overload]
    means = results.groupby("point_id", sort=True)[list(kpis)].mean()
    ids = means.index.to_numpy()
    if not np.array_equal(ids, np.arange(len(ids))):
        raise ValueError("Sobol results need point_id 0..N-1 with none missing (sample order)")
    d, rows = len(names), len(means)
    base = rows // (2 * d + 2 if calc_second_order else d + 2)
    if _rows_expected(base, d, calc_second_order) != rows or base == 0:
        other = not calc_second_order
        hint = (
            f"; it would fit calc_second_order={other}"
            if rows % (2 * d + 2 if other else d + 2) == 0
            else ""
        )
        raise ValueError(
            f"{rows} design points do not fit a Sobol sample of {d} parameters with "
            f"calc_second_order={calc_second_order}{hint}"
        )
    out = []
    for kpi in kpis:
        y = means[kpi].to_numpy(dtype=float)
        if np.isnan(y).any():
            raise ValueError(f"KPI {kpi!r} has missing values at some design points")
        res = sobol.analyze(
            dict(problem),
            y,
            calc_second_order=calc_second_order,
            num_resamples=num_resamples,
            seed=SEED,
        )
        for i, name in enumerate(names):
            out.append(
                (kpi, name, res["S1"][i], res["S1_conf"][i], res["ST"][i], res["ST_conf"][i])
            )
    return pd.DataFrame(out, columns=["kpi", "parameter", "S1", "S1_conf", "ST", "ST_conf"])
