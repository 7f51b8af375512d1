"""The validated parameter object: every model input, declared once.

Each field carries its unit, default, allowed range and source in its
metadata, so validation, the CLI's ``--set``, experiment files and the
paper's parameter table all read the same declaration (SALib's
``ProblemSpec`` habit). Parameters are frozen: a run never changes them.

Groups are frozen dataclasses; :class:`Params` nests them. Flat dotted keys
(``"arrivals.rate"``) address a field from TOML, the CLI and result rows.
"""

from __future__ import annotations

import dataclasses
import math
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any


class ParameterError(ValueError):
    """A parameter value, name or combination is not allowed."""


@dataclass(frozen=True)
class Spec:
    """What a researcher needs to know about one parameter."""

    unit: str
    low: float | None
    high: float | None
    source: str
    doc: str
    choices: tuple[str, ...] | None = None

    def allowed(self) -> str:
        """Human-readable allowed values, for errors and the table."""
        if self.choices is not None:
            return "one of " + ", ".join(self.choices)
        low = "-inf" if self.low is None else _fmt(self.low)
        high = "inf" if self.high is None else _fmt(self.high)
        return f"[{low}, {high}]"


def _fmt(x: float) -> str:
    return f"{x:g}"


def param(
    default: Any,
    *,
    unit: str,
    source: str,
    doc: str,
    low: float | None = None,
    high: float | None = None,
    choices: tuple[str, ...] | None = None,
) -> Any:
    """Declare one parameter field with its specification."""
    spec = Spec(unit=unit, low=low, high=high, source=source, doc=doc, choices=choices)
    return field(default=default, metadata={"spec": spec})


def _base_type(annotation: Any) -> Any:
    """Resolve a resolved field annotation to int, float, bool, str or tuple."""
    return tuple if typing.get_origin(annotation) is tuple else annotation


class ParamGroup:
    """Base for a frozen group of parameters: validates every field on build."""

    group_name: typing.ClassVar[str] = ""

    def __post_init__(self) -> None:
        hints = typing.get_type_hints(type(self))
        for f in fields(self):  # type: ignore[arg-type]
            kind = _base_type(hints[f.name])
            value = _check_field(self.group_name, f, kind, getattr(self, f.name))
            object.__setattr__(self, f.name, value)
        self._check_combination()

    def _check_combination(self) -> None:
        """Cross-field checks; groups override where fields constrain each other."""

    @classmethod
    def specs(cls) -> Iterator[tuple[str, Any, Spec]]:
        """Yield (name, default, spec) for each field."""
        for f in fields(cls):  # type: ignore[arg-type]
            yield f.name, f.default, f.metadata["spec"]


def _check_field(group: str, f: dataclasses.Field, kind: Any, value: Any) -> Any:
    """Coerce and range-check one value; raise naming the field and the range."""
    spec: Spec = f.metadata["spec"]
    name = f"{group}.{f.name}"

    def fail(reason: str) -> typing.NoReturn:
        raise ParameterError(
            f"{name} = {value!r} {reason}; allowed: {spec.allowed()} ({spec.unit})"
        )

    if kind is bool:
        if not isinstance(value, bool):
            fail("is not true/false")
        return value
    if kind is str:
        if not isinstance(value, str) or (spec.choices and value not in spec.choices):
            fail("is not a recognised choice")
        return value
    if kind is tuple:
        if isinstance(value, str) or not isinstance(value, typing.Iterable):
            fail("is not a list of numbers")
        items = tuple(value)
        for item in items:
            _check_number(item, float, spec, fail)
        return tuple(float(x) for x in items)
    return _check_number(value, kind, spec, fail)


def _check_number(value: Any, kind: Any, spec: Spec, fail: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        fail("is not a number")
    if kind is int:
        if isinstance(value, float) and not value.is_integer():
            fail("is not a whole number")
        value = int(value)
    else:
        value = float(value)
        if math.isnan(value):
            fail("is not a number")
    if (spec.low is not None and value < spec.low) or (
        spec.high is not None and value > spec.high
    ):
        fail("is out of range")
    return value


# --------------------------------------------------------------------------- groups
ASSUMPTION = "assumption"


@dataclass(frozen=True)
class Arrivals(ParamGroup):
    """Inbound demand."""

    group_name: typing.ClassVar[str] = "arrivals"

    rate: float = param(
        7.0,
        unit="calls/min",
        low=0.0,
        high=1000.0,
        source="assumption: sized so 50 reps give about 80/20 service",
        doc="Mean arrival rate of fresh inbound service calls (Poisson).",
    )
    profile: tuple[float, ...] = param(
        (),
        unit="multiplier",
        low=0.0,
        high=100.0,
        source="assumption; empty = flat day",
        doc="Intraday rate multipliers over equal slices of the day (mean rescaled to 1).",
    )

    def _check_combination(self) -> None:
        if self.profile and sum(self.profile) <= 0:
            raise ParameterError(
                f"arrivals.profile = {list(self.profile)} has no positive entry; "
                "allowed: multipliers >= 0 with a positive sum"
            )


@dataclass(frozen=True)
class Service(ParamGroup):
    """Handle times and caller patience."""

    group_name: typing.ClassVar[str] = "service"

    aht: float = param(
        6.0,
        unit="min",
        low=0.05,
        high=240.0,
        source="industry benchmark: AHT 5-7 min for inbound service",
        doc="Mean handle time of a plain service call by a fully skilled rep.",
    )
    handle_time_distribution: str = param(
        "lognormal",
        unit="-",
        choices=("lognormal", "exponential"),
        source="Brown et al. 2005 (JASA): handle times are close to lognormal",
        doc="Distribution of handle times around the mean.",
    )
    handle_time_cv: float = param(
        0.8,
        unit="-",
        low=0.05,
        high=5.0,
        source="Brown et al. 2005: coefficient of variation near 1",
        doc="Coefficient of variation of lognormal handle times.",
    )
    abandonment: bool = param(
        True,
        unit="-",
        source="Erlang A (Garnett, Mandelbaum & Reiman 2002)",
        doc="Whether callers hang up when their patience runs out.",
    )
    patience: float = param(
        4.0,
        unit="min",
        low=0.01,
        high=1.0e6,
        source="Brown et al. 2005; Garnett et al. 2002 (exponential patience)",
        doc="Mean of the exponential patience of a caller.",
    )
    sl_threshold: float = param(
        20.0,
        unit="s",
        low=0.0,
        high=3600.0,
        source="industry 80/20 service-level convention",
        doc="Answer-time threshold of the service level.",
    )


@dataclass(frozen=True)
class Staffing(ParamGroup):
    """Headcount, the working day and how calls are routed."""

    group_name: typing.ClassVar[str] = "staffing"

    reps: int = param(
        50,
        unit="reps",
        low=1,
        high=10000,
        source="assumption: a mid-sized inbound centre",
        doc="Reps on the roster at the start (the hiring target).",
    )
    day_minutes: float = param(
        480.0,
        unit="min",
        low=1.0,
        high=1.0e7,
        source="an eight-hour opening day",
        doc="Length of the opening day: calls arrive in [0, day_minutes).",
    )
    routing: str = param(
        "longest_idle",
        unit="-",
        choices=("longest_idle", "skills_based"),
        source="longest-idle is the ACD default; skills-based after seed 003",
        doc="Which idle rep takes a call.",
    )


@dataclass(frozen=True)
class Run(ParamGroup):
    """Horizon and measurement window."""

    group_name: typing.ClassVar[str] = "run"

    days: int = param(
        250,
        unit="days",
        low=1,
        high=100000,
        source="about one working year",
        doc="Working days simulated (one Mesa step each).",
    )
    burn_in_days: int = param(
        20,
        unit="days",
        low=0,
        high=100000,
        source="DESIGN.md default",
        doc="Days excluded from the run summary.",
    )
    burn_in_minutes: float = param(
        0.0,
        unit="min",
        low=0.0,
        high=1.0e7,
        source="0 for working days (the centre opens empty); queue mode uses a warm-up",
        doc="Minutes at the start of each day excluded from the summary.",
    )


# --------------------------------------------------------------------------- top level
GROUPS: dict[str, type[ParamGroup]] = {
    "arrivals": Arrivals,
    "service": Service,
    "staffing": Staffing,
    "run": Run,
}


@dataclass(frozen=True)
class Params:
    """All parameters of one run, validated on construction."""

    arrivals: Arrivals = field(default_factory=Arrivals)
    service: Service = field(default_factory=Service)
    staffing: Staffing = field(default_factory=Staffing)
    run: Run = field(default_factory=Run)

    def __post_init__(self) -> None:
        if self.run.burn_in_days >= self.run.days:
            raise ParameterError(
                f"run.burn_in_days = {self.run.burn_in_days} must be below run.days = "
                f"{self.run.days}; allowed: [0, {self.run.days - 1}] (days)"
            )
        if self.run.burn_in_minutes >= self.staffing.day_minutes:
            raise ParameterError(
                f"run.burn_in_minutes = {self.run.burn_in_minutes:g} must be below "
                f"staffing.day_minutes = {self.staffing.day_minutes:g} (min)"
            )

    # ----------------------------------------------------------------- dict I/O
    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> Params:
        """Build from nested ({"arrivals": {"rate": 7}}) or flat dotted keys."""
        return cls().replace(**flatten(values))

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """Nested plain dict (TOML-ready; tuples become lists)."""
        return {
            name: {
                k: list(v) if isinstance(v, tuple) else v
                for k, v in dataclasses.asdict(getattr(self, name)).items()
            }
            for name in GROUPS
        }

    def to_flat(self) -> dict[str, Any]:
        """Flat dotted keys, for result rows (tuples become strings)."""
        out: dict[str, Any] = {}
        for group, values in self.to_dict().items():
            for key, value in values.items():
                out[f"{group}.{key}"] = (
                    ",".join(map(str, value)) if isinstance(value, list) else value
                )
        return out

    def replace(self, **dotted: Any) -> Params:
        """Return a copy with dotted keys changed (``replace(**{"arrivals.rate": 5})``)."""
        changes: dict[str, dict[str, Any]] = {}
        for key, value in dotted.items():
            group, name = split_key(key)
            changes.setdefault(group, {})[name] = value
        groups = {
            group: dataclasses.replace(getattr(self, group), **kw) for group, kw in changes.items()
        }
        return dataclasses.replace(self, **groups)


def split_key(key: str) -> tuple[str, str]:
    """Split and check a dotted key; unknown names get the list of valid ones."""
    group, _, name = key.partition(".")
    if group not in GROUPS:
        raise ParameterError(f"unknown parameter {key!r}; groups are: {', '.join(GROUPS)}")
    names = [n for n, _, _ in GROUPS[group].specs()]
    if name not in names:
        raise ParameterError(f"unknown parameter {key!r}; {group} has: {', '.join(names)}")
    return group, name


def flatten(values: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested mapping -> dotted keys (lists stay values)."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flatten(value, dotted + "."))
        else:
            out[dotted] = value
    return out


def spec_of(key: str) -> Spec:
    """The specification of one dotted parameter."""
    group, name = split_key(key)
    return next(spec for n, _, spec in GROUPS[group].specs() if n == name)


def parameter_table() -> list[dict[str, str]]:
    """One row per parameter: name, default, unit, range, source, meaning."""
    rows = []
    for group, cls in GROUPS.items():
        for name, default, spec in cls.specs():
            shown = ",".join(map(_fmt, default)) if isinstance(default, tuple) else default
            rows.append(
                {
                    "parameter": f"{group}.{name}",
                    "default": str(shown) if shown != "" else "(flat)",
                    "unit": spec.unit,
                    "allowed": spec.allowed(),
                    "source": spec.source,
                    "meaning": spec.doc,
                }
            )
    return rows


def parameter_table_markdown() -> str:
    """The parameter table as Markdown (the paper includes it verbatim)."""
    rows = parameter_table()
    cols = list(rows[0])
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in rows:
        cells = [str(row[c]).replace("|", "\\|") for c in cols]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
