"""Strict JSON for every ``--json``: NaN and infinities become ``null``.

Python's ``json`` writes ``NaN`` and ``Infinity`` by default, which is not
JSON: ``jq``, JavaScript and most parsers reject it. A KPI with no defined
value (a service level on a day without calls) is missing, so ``null``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

import numpy as np


def plain(value: Any) -> Any:
    """``value`` with numpy scalars made Python and non-finite floats made None."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def dumps(value: Any) -> str:
    """Strict JSON text (``allow_nan=False`` proves no NaN slipped through)."""
    return json.dumps(plain(value), allow_nan=False, default=str)
