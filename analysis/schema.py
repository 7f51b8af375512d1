"""The results data contract: column names, and loud checks that they are present.

Analysis code works on any sweep table that follows the contract, so every
function checks its inputs here and names the missing column instead of
failing later with a bare ``KeyError`` deep inside pandas.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

ID_COLUMNS: tuple[str, ...] = ("run_id", "point_id", "replication", "seed")

KPIS: tuple[str, ...] = (
    "calls_offered",
    "calls_answered",
    "calls_abandoned",
    "service_level",
    "asa_s",
    "abandon_rate",
    "aht_min",
    "occupancy",
    "fcr",
    "upsell_attempts",
    "pitches_to_angry",
    "sales_genuine",
    "sales_harmful",
    "conversion_rate",
    "revenue_genuine",
    "revenue_per_call",
    "csat",
    "attrition_annual",
    "quits",
    "hires",
    "headcount_mean",
    "hiring_cost",
    "training_cost",
    "morale_mean",
    "morale_p10",
    "brand_harm_index",
    "harm_harmful_sales",
    "harm_angry_pitches",
    "harm_abandonment",
    "harm_unresolved",
    "customer_churn",
    "warmup_mean",
)

# Counts of rare events and indices built from them: right-skewed across
# replications, so their intervals are bootstrapped as well as t-based.
SKEWED_KPIS: frozenset[str] = frozenset(
    {
        "pitches_to_angry",
        "sales_harmful",
        "quits",
        "brand_harm_index",
        "harm_harmful_sales",
        "harm_angry_pitches",
        "harm_abandonment",
        "customer_churn",
    }
)

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
