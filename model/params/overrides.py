"""Parameter overrides in the spellings researchers type: dotted, double-underscore, nested.

``{"regime.quota_stretch": 1.5}`` (TOML, the CLI's ``--set``), ``regime__quota_stretch=1.5``
(keyword arguments, scikit-learn's convention, which is what
``mesa.batch_run`` and SolaraViz pass to ``CallCentre``) and
``{"regime": {"quota_stretch": 1.5}}`` all address the same field. One function turns
any of them into a validated :class:`~tightrope.model.params.Params`, so the
CLI, the Python API and the Mesa model agree on names and on errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from numbers import Integral
from typing import Any

from tightrope.model.params import Params, flatten
from tightrope.model.params.spec import ParameterError


def dotted(key: str) -> str:
    """``regime__quota_stretch`` -> ``regime.quota_stretch``; dotted keys pass through."""
    return key.replace("__", ".")


def normalise(overrides: Mapping[str, Any], argument: str = "overrides") -> dict[str, Any]:
    """Flat dotted keys from any mix of spellings; a field given twice is an error.

    Raises:
        TypeError: ``overrides`` is not a mapping with string keys (the message names
            ``argument``, the caller's name for it).
        ParameterError: a field is given twice.
    """
    if not isinstance(overrides, Mapping):
        raise TypeError(
            f"{argument} must be a mapping of parameter names to values, e.g. "
            f"{{'regime.quota_stretch': 1.5}}, not {type(overrides).__name__}"
        )
    for key in overrides:
        if not isinstance(key, str):
            raise TypeError(
                f"{argument}: parameter names must be strings such as 'regime.name', "
                f"not {type(key).__name__} ({key!r})"
            )
    out: dict[str, Any] = {}
    for key, value in flatten(overrides).items():
        name = dotted(key)
        if name in out:
            raise ParameterError(f"parameter {name!r} is given twice (as {key!r} and before)")
        out[name] = value
    return out


def with_overrides(base: Params | None, overrides: Mapping[str, Any]) -> Params:
    """``base`` (default parameters when None) with ``overrides`` applied and validated.

    Shortening the horizon below the default burn-in is the common case in
    notebooks and tests, so when ``run.days`` is set without
    ``run.burn_in_days`` the burn-in shrinks to ``days - 1`` if needed
    (as ``tightrope run --days`` does).

    Raises:
        TypeError: ``base`` is not Params or None, or ``overrides`` not a mapping.
        ParameterError: a value out of range or of the wrong kind, an unknown name.
    """
    if base is not None and not isinstance(base, Params):
        raise TypeError(f"params must be a Params object or None, not {type(base).__name__}")
    base = base or Params()
    values = normalise(overrides)
    if not values:
        return base
    if "run.days" in values and "run.burn_in_days" not in values:
        days = values["run.days"]
        if isinstance(days, Integral) and not isinstance(days, bool) and days >= 1:
            values["run.burn_in_days"] = min(base.run.burn_in_days, int(days) - 1)
    return base.replace(**values)
