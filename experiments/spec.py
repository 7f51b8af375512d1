"""Experiment files: TOML -> a validated, immutable :class:`Experiment`.

Everything is checked when the file is loaded, before any run starts: every
design point is combined with the fixed values and built into a
:class:`~tightrope.model.params.Params`, so an unknown parameter, an out-of-range level
or a bad combination fails here with one line naming the key.

File shape::

    name = "smoke"                 # required; results go to results/<name>/
    description = "..."            # optional
    replications = 3               # required, >= 1
    root_seed = 20261124           # required, >= 0; all run seeds derive from it
    common_random_numbers = false  # optional: true seeds by replication only, so every
                                   # design point's replication r shares one seed (paired
                                   # contrasts across points then cancel the shared noise)

    [run]                          # optional: any run.* parameter (days, burn_in_days)
    days = 60
    burn_in_days = 10

    [fixed]                        # optional: dotted or nested parameter values
    "staffing.reps" = 20

    [design]                       # optional: without it the experiment is one point
    kind = "grid"                  # grid | points | lhs | sobol | morris
    [design.factors]               # grid: lists of levels (strings for named levels)
    "arrivals.rate" = [2.0, 3.0]
    # lhs / sobol / morris: "arrivals.rate" = {low = 2.0, high = 4.0} and
    # design.samples = N (sobol: power of 2; optional calc_second_order,
    # morris: optional num_levels); points: [[design.points]] tables.

    [outputs]
    daily = false                  # also keep one row per run and day

A parameter may be set in only one place (``[run]``, ``[fixed]`` or the
design). The content hash ignores comments and layout, so only a change of
meaning makes a results store refuse to resume.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tightrope.experiments.designs import Design, DesignPoints, build_points, parse_design
from tightrope.experiments.errors import ExperimentError
from tightrope.model.params import ParameterError, Params, flatten, split_key

_TOP_KEYS = {
    "name",
    "description",
    "replications",
    "root_seed",
    "common_random_numbers",
    "run",
    "fixed",
    "design",
    "outputs",
}
_OUTPUT_KEYS = {"daily"}
CHECK_ALL_POINTS = 2_000
"""Designs up to this many points are built and checked whole when the file loads;
bigger ones check every level or bound of each factor, and each remaining point
when a sweep reaches it (a point costs about a millisecond to build)."""
MAX_NAME = 100
"""Longest experiment name: it names the results folder (filesystems allow 255 bytes)."""
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class Experiment:
    """A validated experiment: what to run, how often, from which root seed.

    The design is lazy: its size is known at once (:attr:`n_points`), and its
    points and parameter objects are generated only when first used, so
    listing or refusing a huge experiment costs nothing.
    """

    name: str
    description: str
    replications: int
    root_seed: int
    fixed: Mapping[str, Any]
    design: Design
    daily: bool
    sha256: str
    text: str = field(repr=False)
    path: Path | None = None
    common_random_numbers: bool = False

    @property
    def n_points(self) -> int:
        """Number of design points (without generating them)."""
        return self.design.n_points

    @property
    def n_runs(self) -> int:
        """Design points times replications."""
        return self.n_points * self.replications

    @functools.cached_property
    def sampled(self) -> DesignPoints:
        """The generated design (SALib sample matrix included); built on first use."""
        return build_points(self.design, self.root_seed)

    @property
    def points(self) -> tuple[Mapping[str, Any], ...]:
        """Every design point, in ``point_id`` order."""
        return tuple(self.sampled.points)

    @functools.cached_property
    def params(self) -> tuple[Params, ...]:
        """Every design point's parameters; prefer :meth:`iter_params` for big designs."""
        return tuple(self.iter_params())

    def iter_params(self) -> Iterator[Params]:
        """Each design point's parameters in order, built one at a time."""
        if "params" in self.__dict__:
            yield from self.__dict__["params"]
            return
        for i, point in enumerate(self.sampled.points):
            yield _build(self.fixed, point, i)

    def representative_params(self) -> list[Params]:
        """Parameters of a few points standing for the design (every level, both bounds)."""
        return [_build(self.fixed, p, i) for i, p in enumerate(self.design.representatives())]


def load_experiment(path: str | Path) -> Experiment:
    """Read and validate an experiment file; errors name the file and the key."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ExperimentError(f"{path}: cannot read ({err.strerror})") from None
    except UnicodeDecodeError as err:
        raise ExperimentError(f"{path}: not UTF-8 text (byte {err.start})") from None
    try:
        return parse_experiment(text, path)
    except ExperimentError as err:
        raise ExperimentError(f"{path}: {err}") from None


def parse_experiment(text: str, path: Path | None = None) -> Experiment:
    """Validate experiment TOML text (see the module docstring for the shape)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ExperimentError(f"not valid TOML: {err}") from None
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise ExperimentError(
            f"{unknown[0]}: unknown field; allowed: {', '.join(sorted(_TOP_KEYS))}"
        )
    name = _required(data, "name", str)
    if not _NAME.match(name):
        raise ExperimentError(f"name = {name!r}: use letters, digits, '_', '-' or '.'")
    if len(name) > MAX_NAME:
        raise ExperimentError(f"name: {len(name)} characters; at most {MAX_NAME} (a folder name)")
    description = data.get("description", "")
    if not isinstance(description, str):
        raise ExperimentError("description: must be a string")
    replications = _required(data, "replications", int)
    if replications < 1:
        raise ExperimentError(f"replications = {replications}: must be >= 1")
    root_seed = _required(data, "root_seed", int)
    if root_seed < 0:
        raise ExperimentError(f"root_seed = {root_seed}: must be >= 0")
    crn = data.get("common_random_numbers", False)
    if not isinstance(crn, bool):
        raise ExperimentError(f"common_random_numbers = {crn!r}: must be true or false")
    fixed = _fixed(data)
    design = parse_design(data.get("design"))
    clash = sorted(set(fixed) & design.keys())
    if clash:
        raise ExperimentError(f"design: {clash[0]} is also fixed; set it in one place only")
    experiment = Experiment(
        name=name,
        description=description,
        replications=replications,
        root_seed=root_seed,
        fixed=fixed,
        design=design,
        daily=_outputs(data.get("outputs", {})),
        sha256=content_hash(data),
        common_random_numbers=crn,
        text=text,
        path=path,
    )
    if experiment.n_points <= CHECK_ALL_POINTS:
        experiment.params  # noqa: B018 - builds (so validates) every point now
    else:
        experiment.representative_params()  # every level / bound; the rest when swept
    return experiment


def content_hash(data: Mapping[str, Any]) -> str:
    """SHA-256 of the parsed content, so comments and layout do not count as changes."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _required(data: Mapping[str, Any], key: str, kind: type) -> Any:
    if key not in data:
        raise ExperimentError(f"{key}: missing required field")
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, kind):
        raise ExperimentError(f"{key} = {value!r}: must be a {kind.__name__}")
    return value


def _fixed(data: Mapping[str, Any]) -> dict[str, Any]:
    """Merge ``[run]`` and ``[fixed]`` into dotted keys, refusing unknown or repeated keys."""
    run, fixed = data.get("run", {}), data.get("fixed", {})
    for key, table in (("run", run), ("fixed", fixed)):
        if not isinstance(table, Mapping):
            raise ExperimentError(f"{key}: must be a table")
    merged: dict[str, Any] = {}
    for key, value in run.items():
        if isinstance(value, Mapping):
            raise ExperimentError(f"run.{key}: must be a value, not a table")
        merged[f"run.{key}"] = value
    try:
        flat = flatten(fixed)
    except ParameterError as err:
        raise ExperimentError(f"fixed: {err}") from None
    for key, value in flat.items():
        if key in merged:
            raise ExperimentError(f"fixed.{key}: already set in [run]")
        merged[key] = value
    for key in merged:
        try:
            split_key(key)
        except ParameterError as err:
            where = (
                key
                if key.startswith("run.") and key.removeprefix("run.") in run
                else f"fixed.{key}"
            )
            raise ExperimentError(f"{where}: {err}") from None
    return merged


def _build(fixed: Mapping[str, Any], point: Mapping[str, Any], point_id: int) -> Params:
    try:
        return Params.from_dict({**fixed, **point})
    except ParameterError as err:
        key = str(err).split(" ", 1)[0]
        where = f"design point {point_id} ({_describe(point)})" if key in point else "fixed"
        raise ExperimentError(f"{where}: {err}") from None


def _describe(point: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in point.items())


def _outputs(table: Any) -> bool:
    if not isinstance(table, Mapping):
        raise ExperimentError("outputs: must be a table")
    unknown = sorted(set(table) - _OUTPUT_KEYS)
    if unknown:
        raise ExperimentError(f"outputs.{unknown[0]}: unknown field; allowed: daily")
    daily = table.get("daily", False)
    if not isinstance(daily, bool):
        raise ExperimentError(f"outputs.daily = {daily!r}: must be true or false")
    return daily
