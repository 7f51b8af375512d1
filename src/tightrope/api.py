"""The Python API researchers call from a notebook: run, sweep, params, load.

Thin wrappers over the model (:mod:`tightrope.model`) and the sweep engine
(:mod:`tightrope.experiments`) that return pandas objects and take
parameters in any spelling: keywords with scikit-learn's double underscore
(``regime__quota_stretch=1.5``) or a dict of dotted names (``{"regime.quota_stretch": 1.5}``).
An argument of the wrong type raises ``TypeError`` naming the argument; a bad
value raises :class:`~tightrope.model.params.ParameterError` (a ``ValueError``)
naming the parameter and its allowed range. Numpy scalars (values taken from
DataFrame rows) are accepted wherever Python numbers or booleans are.
"""

from __future__ import annotations

import numbers
import operator
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tightrope.model.params import ParameterError, Params, parameter_table
from tightrope.model.params.overrides import normalise, with_overrides
from tightrope.model.simulate import daily_frame, timed_run


@dataclass(frozen=True)
class Result:
    """One run: KPIs after burn-in, the daily series, the reps at the end, the parameters."""

    summary: pd.Series
    """One float per KPI (after the burn-in); the Series is named after the regime."""
    daily: pd.DataFrame
    """One row per working day (``day`` = 1 ... ``run.days``)."""
    reps: pd.DataFrame
    """One row per rep employed on the last day: state, team, status, tenure."""
    params: Params
    seed: int

    def __repr__(self) -> str:
        return (
            f"Result(regime={self.params.regime.name!r}, days={self.params.run.days}, "
            f"seed={self.seed}, kpis={len(self.summary)}, reps={len(self.reps)})"
        )


def _expect(argument: str, value: Any, ok: bool, wanted: str) -> None:
    """Raise a TypeError naming ``argument`` unless ``ok``."""
    if not ok:
        raise TypeError(f"{argument} must be {wanted}, not {type(value).__name__} ({value!r})")


def _whole(argument: str, value: Any, *, optional: bool = False) -> int | None:
    """A Python int from an int or numpy integer (never a bool); None passes if ``optional``."""
    if value is None and optional:
        return None
    ok = isinstance(value, numbers.Integral) and not isinstance(value, bool | np.bool_)
    _expect(argument, value, ok, "a whole number (int)" + (" or None" if optional else ""))
    return operator.index(value)


def _flag(argument: str, value: Any) -> bool:
    """A bool from a bool or numpy bool."""
    _expect(argument, value, isinstance(value, bool | np.bool_), "True or False")
    return bool(value)


def _seed(seed: Any) -> int:
    """A whole number >= 0 as a Python int (Mesa 3.3 rejects numpy integers)."""
    value = _whole("seed", seed)
    if value < 0:
        raise ParameterError(f"seed = {value} must be a whole number >= 0")
    return int(value)


def resolve_params(
    overrides: Mapping[str, Any] | None = None,
    /,
    *,
    params: Params | None = None,
    regime: str | None = None,
    days: int | None = None,
    **kwargs: Any,
) -> Params:
    """Parameters from ``params`` (default: the defaults) and every override spelling.

    Raises:
        TypeError: an argument of the wrong type, named.
        ParameterError: a bad parameter name or value, named.
    """
    if regime is not None:
        _expect("regime", regime, isinstance(regime, str), "a regime name (str) or None")
    if days is not None:
        real = isinstance(days, numbers.Real) and not isinstance(days, bool | np.bool_)
        _expect("days", days, real, "a whole number of days (int) or None")
    values = normalise({} if overrides is None else overrides)
    for name, value in normalise(kwargs).items():
        if name in values:
            raise ParameterError(f"parameter {name!r} is given twice")
        values[name] = value
    for name, value in (("regime.name", regime), ("run.days", days)):
        if value is not None:
            if name in values:
                raise ParameterError(f"parameter {name!r} is given twice")
            values[name] = value
    return with_overrides(params, values)


def run(
    overrides: Mapping[str, Any] | None = None,
    /,
    *,
    regime: str | None = None,
    days: int | None = None,
    seed: int = 1,
    params: Params | None = None,
    **kwargs: Any,
) -> Result:
    """Run one centre and return its KPIs, daily series and reps.

    Args:
        overrides: dotted parameter names to values, e.g. ``{"regime.quota_stretch": 1.5}``.
        regime: shortcut for ``regime.name``.
        days: shortcut for ``run.days`` (the burn-in shrinks to fit a short run).
        seed: random seed (same seed, same run).
        params: base parameters (default: the model's defaults).
        **kwargs: double-underscore overrides, e.g. ``regime__quota_stretch=1.5``.

    Raises:
        TypeError: an argument of the wrong type, named (``seed`` and ``days``
            also take numpy integers).
        ParameterError: a bad parameter name or value, named with its allowed range.

    Example:
        >>> import tightrope
        >>> r = tightrope.run(regime="commission", days=30, seed=1, regime__quota_stretch=1.5)
        >>> r.summary["service_level"]  # doctest: +SKIP
    """
    p = resolve_params(overrides, params=params, regime=regime, days=days, **kwargs)
    seed = _seed(seed)
    centre, summary = timed_run(p, seed)
    return Result(
        summary=pd.Series(summary, name=p.regime.name, dtype=float),
        daily=daily_frame(centre),
        reps=centre.rep_snapshot(),
        params=p,
        seed=seed,
    )


def _experiment(experiment: Any) -> Any:
    """An Experiment from a name, a path, TOML text, or an Experiment."""
    from tightrope.experiments import paths
    from tightrope.experiments.spec import Experiment, load_experiment, parse_experiment

    if isinstance(experiment, Experiment):
        return experiment
    if isinstance(experiment, str) and "\n" in experiment:
        return parse_experiment(experiment)
    if isinstance(experiment, str | Path):
        return load_experiment(paths.experiment_file(experiment))
    raise TypeError(
        "experiment must be a name ('smoke'), a path to a .toml file, TOML text or an "
        f"Experiment, not {type(experiment).__name__}"
    )


def sweep(
    experiment: str | Path | Any,
    *,
    jobs: int | None = None,
    results: str | Path | None = None,
    replications: int | None = None,
    fresh: bool = False,
    quiet: bool = True,
) -> pd.DataFrame:
    """Run an experiment (resuming a finished part) and return its runs table.

    Args:
        experiment: a shipped name (``"smoke"``), a name in ``./experiments/``,
            a path to a ``.toml`` file, or the TOML text itself.
        jobs: processes (default: all cores; 1 runs in this process's workers).
        results: results store (default: ``$TIGHTROPE_RESULTS`` or ``./results``).
        replications: override the file's replications.
        fresh: discard this experiment's earlier results first.
        quiet: no progress bar.

    Raises:
        TypeError: an argument of the wrong type, named (numpy integers and
            booleans are accepted).
        ParameterError, UserError: a bad value or experiment file, named.
    """
    from tightrope.experiments import execute, paths

    exp = _experiment(experiment)
    jobs = _whole("jobs", jobs, optional=True)
    replications = _whole("replications", replications, optional=True)
    fresh, quiet = _flag("fresh", fresh), _flag("quiet", quiet)
    _results(results)
    with paths.use_results(results):
        execute.sweep(exp, jobs=jobs, replications=replications, fresh=fresh, quiet=quiet)
        return load(exp, results=results)


def _results(results: Any) -> None:
    """``results`` is a folder or None (a number here would become a folder named after it)."""
    ok = results is None or isinstance(results, str | os.PathLike)
    _expect("results", results, ok, "a folder (str or Path) or None")


def load(
    experiment: str | Path | Any, *, results: str | Path | None = None, table: str = "runs"
) -> pd.DataFrame:
    """The ``runs`` (or ``daily``) table of a store written by a sweep.

    ``experiment`` is the experiment's name (or anything :func:`sweep` takes).
    """
    from tightrope.experiments import paths
    from tightrope.experiments.store import open_existing

    _results(results)
    _expect("table", table, isinstance(table, str), "'runs' or 'daily'")
    if table not in ("runs", "daily"):
        raise ValueError(f"table = {table!r}: use 'runs' or 'daily'")
    if isinstance(experiment, str) and "\n" not in experiment and not experiment.endswith(".toml"):
        name = experiment
    else:
        name = _experiment(experiment).name
    with paths.use_results(results):
        return open_existing(name).table(table)


def params() -> pd.DataFrame:
    """Every parameter: default, unit, allowed range, source and meaning (index: dotted name)."""
    return pd.DataFrame(parameter_table()).set_index("parameter")
