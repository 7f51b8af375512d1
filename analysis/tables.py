"""Writing result tables as CSV (for machines) and Markdown (for the paper).

``DataFrame.to_markdown`` needs ``tabulate``, which the project does not
install; the few lines below are all the paper needs.
"""

from __future__ import annotations

import math
from numbers import Integral, Number
from pathlib import Path

import pandas as pd


def format_cell(value: object, digits: int = 3) -> str:
    """A cell as text: numbers to ``digits`` significant figures, NaN as empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Number):
        x = float(value)
        return f"{x:,.0f}" if abs(x) >= 10**digits else f"{x:.{digits}g}"
    return str(value).replace("|", "\\|").replace("\n", " ")


def markdown_table(df: pd.DataFrame, digits: int = 3) -> str:
    """A GitHub-flavoured Markdown table; numeric columns right-aligned."""
    cols = list(df.columns)
    numeric = [pd.api.types.is_numeric_dtype(df[c]) for c in cols]
    header = "| " + " | ".join(format_cell(c) for c in cols) + " |"
    rule = "|" + "|".join("---:" if n else "---" for n in numeric) + "|"
    body = [
        "| " + " | ".join(format_cell(v, digits) for v in row) + " |"
        for row in df.itertuples(index=False, name=None)
    ]
    return "\n".join([header, rule, *body])


def write_table(
    df: pd.DataFrame, out_dir: str | Path, name: str, digits: int = 3
) -> tuple[Path, Path]:
    """Write ``name.csv`` (full precision) and ``name.md``; return both paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    csv, md = out / f"{name}.csv", out / f"{name}.md"
    df.to_csv(csv, index=False)
    md.write_text(markdown_table(df, digits) + "\n")
    return csv, md
