"""Tightrope: an agent-based model (Mesa) of the sales-versus-service debate in call centres.

One import namespace. The model is :mod:`tightrope.model` (``CallCentre``,
``Params``, ``simulate``), the sweep engine and command line
:mod:`tightrope.experiments`, results to tables, figures and the paper
:mod:`tightrope.analysis`.
"""

from tightrope.model import CallCentre, ParameterError, Params, RunResult, simulate

__all__ = ["CallCentre", "ParameterError", "Params", "RunResult", "simulate"]
