"""Tightrope's Mesa model of a call centre: parameters, reps, call flow, regimes.

``simulate(params, seed)`` is the entry point for experiments;
``CallCentre`` is the Mesa model itself.
"""

from model.centre import CallCentre
from model.params import ParameterError, Params
from model.simulate import RunResult, simulate

__all__ = ["CallCentre", "ParameterError", "Params", "RunResult", "simulate"]
