"""Tightrope: an agent-based model (Mesa) of the sales-versus-service debate in call centres.

The public API for notebooks and scripts::

    import tightrope
    r = tightrope.run(regime="commission", days=60, seed=1, regime__quota_stretch=1.5)
    r.summary, r.daily, r.reps, r.params
    runs = tightrope.sweep("smoke", jobs=2)      # results in ./results/smoke/
    tightrope.params()                            # the parameter table
    tightrope.load("smoke")                       # a finished store's runs table

``CallCentre`` is the Mesa model (``mesa.batch_run`` works with
double-underscore parameters such as ``regime__name``). The model is
:mod:`tightrope.model`, the sweep engine and command line
:mod:`tightrope.experiments`, results to tables, figures and the paper
:mod:`tightrope.analysis`.
"""

from tightrope.api import Result, load, params, run, sweep
from tightrope.model import CallCentre, ParameterError, Params, RunResult, simulate

__all__ = [
    "CallCentre",
    "ParameterError",
    "Params",
    "Result",
    "RunResult",
    "load",
    "params",
    "run",
    "simulate",
    "sweep",
]
