"""Tightrope's Mesa model of a call centre: parameters, reps, call flow, regimes.

``simulate(params, seed)`` is the entry point for experiments;
``CallCentre`` is the Mesa model itself.
"""

from tightrope.model.model import CallCentre
from tightrope.model.params import ParameterError, Params
from tightrope.model.simulate import RunResult, simulate

__all__ = ["CallCentre", "ParameterError", "Params", "RunResult", "simulate"]
