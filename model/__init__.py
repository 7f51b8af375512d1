"""Tightrope's Mesa model of a call centre: parameters, reps, call flow, regimes."""
