"""NSGA-II over the unit cube with batch evaluation (pymoo's ask/tell interface).

The search sees only ``[0, 1]^d``; :mod:`tightrope.experiments.optimise`
decodes a point into manager levers (choices by equal slices, numbers
linearly). Evaluation is a callback that receives a whole generation, so the
model runs can go through the sweep engine in parallel and be stored per
generation. Every objective is minimised. ``pymoo`` is an optional
dependency (``pip install 'tightrope[explore]'``), imported only here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Evaluate = Callable[[int, np.ndarray], np.ndarray]
"""(generation, X of shape (n, d)) -> F of shape (n, m), to minimise."""


@dataclass(frozen=True)
class SearchResult:
    """Every evaluated point, its objectives and generation, and the non-dominated ones."""

    x: np.ndarray
    f: np.ndarray
    generation: np.ndarray
    front: np.ndarray
    """Indices into ``x`` of the points no other evaluated point dominates."""


def non_dominated(f: np.ndarray) -> np.ndarray:
    """Rows of ``f`` (minimised) that no other row dominates; a duplicate is kept once."""
    f = np.asarray(f, dtype=float)
    keep = []
    for i in range(len(f)):
        dominated = np.all(f <= f[i], axis=1) & np.any(f < f[i], axis=1)
        duplicate_before = np.all(f[:i] == f[i], axis=1).any()
        if not dominated.any() and not duplicate_before:
            keep.append(i)
    return np.asarray(keep, dtype=int)


def nsga2(
    evaluate: Evaluate,
    n_var: int,
    n_obj: int,
    *,
    population: int,
    generations: int,
    seed: int,
    progress: Callable[[int], None] | None = None,
) -> SearchResult:
    """Run NSGA-II for ``generations`` generations (the first is the initial sample).

    The same seed gives the same candidates, so a re-run whose evaluations
    are already stored re-derives every generation and evaluates nothing new.
    """
    try:
        from pymoo.algorithms.moo.nsga2 import NSGA2
        from pymoo.core.problem import Problem
    except ImportError:
        raise ImportError("the optimiser needs pymoo: pip install 'tightrope[explore]'") from None
    if n_var < 1 or n_obj < 2:
        raise ValueError(f"need at least one variable and two objectives, not {n_var}, {n_obj}")
    problem = Problem(n_var=n_var, n_obj=n_obj, xl=np.zeros(n_var), xu=np.ones(n_var))
    algorithm = NSGA2(pop_size=population, eliminate_duplicates=True)
    algorithm.setup(problem, termination=("n_gen", generations), seed=seed, verbose=False)
    xs, fs, gens = [], [], []
    for generation in range(generations):
        pop = algorithm.ask()
        x = pop.get("X")
        f = np.asarray(evaluate(generation, x), dtype=float)
        if f.shape != (len(x), n_obj):
            raise ValueError(f"evaluate returned shape {f.shape}, expected {(len(x), n_obj)}")
        if not np.isfinite(f).all():
            raise ValueError(f"generation {generation}: an objective is not finite")
        pop.set("F", f)
        algorithm.tell(infills=pop)
        xs.append(x)
        fs.append(f)
        gens.append(np.full(len(x), generation))
        if progress is not None:
            progress(generation)
    x_all, f_all = np.vstack(xs), np.vstack(fs)
    return SearchResult(x_all, f_all, np.concatenate(gens), non_dominated(f_all))
