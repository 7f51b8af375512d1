"""The results data contract: column names, and loud checks that they are present.

Analysis code works on any sweep table that follows the contract, so every
function checks its inputs here and names the missing column instead of
failing later with a bare ``KeyError`` deep inside pandas.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from tightrope.model.kpi_registry import KPIS as KPI_REGISTRY

ID_COLUMNS: tuple[str, ...] = ("run_id", "point_id", "replication", "seed")

# KPI columns come from the model's registry (tightrope.model.kpi_registry): the
# ones analysed by default, and the right-skewed counts of rare events and indices
# built from them, whose intervals are bootstrapped as well as t-based.
KPIS: tuple[str, ...] = tuple(k.name for k in KPI_REGISTRY.values() if k.analysed)
SKEWED_KPIS: frozenset[str] = frozenset(k.name for k in KPI_REGISTRY.values() if k.skewed)

REGIME = "regime.name"
DESIGN = "org.design"
DAILY_SERIES: tuple[str, ...] = (
    "headcount",
    "morale_mean",
    "morale_p10",
    "cumulative_harmful_sales",
    "service_level",
    "warmup_mean",
)


class MissingColumnError(KeyError):
    """A results table lacks a column the analysis needs."""

    def __str__(self) -> str:
        return str(self.args[0])


def require(df: pd.DataFrame, columns: Iterable[str], what: str = "results table") -> None:
    """Raise :class:`MissingColumnError` naming every required column that is absent."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        names = ", ".join(repr(c) for c in missing)
        raise MissingColumnError(
            f"{what} lacks column(s) {names}; it has: {', '.join(map(str, df.columns))}"
        )


def parameter_columns(df: pd.DataFrame) -> list[str]:
    """Flat parameter columns: dotted names that are neither ids nor KPIs."""
    return [c for c in df.columns if "." in str(c) and c not in KPIS and c not in ID_COLUMNS]


def design_columns(df: pd.DataFrame) -> list[str]:
    """The parameter columns a sweep varied (more than one distinct value)."""
    return [c for c in parameter_columns(df) if df[c].nunique(dropna=False) > 1]


def load_results(path: str | Path) -> pd.DataFrame:
    """Read a sweep's combined parquet table; fail clearly if it lacks run ids."""
    df = pd.read_parquet(path)
    require(df, ("run_id", "replication"), what=f"results table {path}")
    return df
