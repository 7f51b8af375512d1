"""The validated parameter object: every model input, declared once.

:class:`Params` nests the frozen parameter groups, declared with
:func:`tightrope.model.params.spec.param` in the modules of this package (the
levers' groups in :mod:`tightrope.model.levers`); :data:`GROUPS` is read from
its fields, so a group is added in one place. Flat dotted keys
(``"arrivals.rate"``) address a field from TOML, the CLI and result rows.
Parameters are frozen: a run never changes them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tightrope.model.levers.params_floor import Avoidance, ColdCalls, Contagion, Scoreboard
from tightrope.model.levers.params_management import Coaching, Monitoring, Transition
from tightrope.model.params.behaviour import Morale, Skills, Warmup
from tightrope.model.params.core import Arrivals, Run, Service, Staffing
from tightrope.model.params.csat import Csat
from tightrope.model.params.customers import Customers
from tightrope.model.params.org import Attrition, Blending, Brand, Hiring, Org, Regime, ScreenPop
from tightrope.model.params.sales import Sales
from tightrope.model.params.spec import ParameterError, ParamGroup, Spec, fmt_number

__all__ = ["GROUPS", "ParameterError", "Params", "Spec", "parameter_table_markdown"]


# --------------------------------------------------------------------------- top level
@dataclass(frozen=True)
class Params:
    """All parameters of one run, validated on construction."""

    arrivals: Arrivals = field(default_factory=Arrivals)
    service: Service = field(default_factory=Service)
    staffing: Staffing = field(default_factory=Staffing)
    run: Run = field(default_factory=Run)
    regime: Regime = field(default_factory=Regime)
    org: Org = field(default_factory=Org)
    sales: Sales = field(default_factory=Sales)
    warmup: Warmup = field(default_factory=Warmup)
    morale: Morale = field(default_factory=Morale)
    skills: Skills = field(default_factory=Skills)
    customers: Customers = field(default_factory=Customers)
    csat: Csat = field(default_factory=Csat)
    hiring: Hiring = field(default_factory=Hiring)
    attrition: Attrition = field(default_factory=Attrition)
    screenpop: ScreenPop = field(default_factory=ScreenPop)
    blending: Blending = field(default_factory=Blending)
    brand: Brand = field(default_factory=Brand)
    coaching: Coaching = field(default_factory=Coaching)
    monitoring: Monitoring = field(default_factory=Monitoring)
    transition: Transition = field(default_factory=Transition)
    coldcalls: ColdCalls = field(default_factory=ColdCalls)
    scoreboard: Scoreboard = field(default_factory=Scoreboard)
    contagion: Contagion = field(default_factory=Contagion)
    avoidance: Avoidance = field(default_factory=Avoidance)

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
        if self.transition.day > self.run.days:
            raise ParameterError(
                f"transition.day = {self.transition.day} must not exceed run.days = "
                f"{self.run.days}; allowed: [0, {self.run.days}] (day)"
            )

    # ----------------------------------------------------------------- dict I/O
    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> Params:
        """Build from nested ({"arrivals": {"rate": 7}}) or flat dotted keys.

        A key given twice (dotted and nested) is an error naming both spellings.
        """
        if not isinstance(values, Mapping):
            raise TypeError(
                "Params.from_dict(values): values must be a mapping of parameter names to "
                f"values, not {type(values).__name__}"
            )
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
            if isinstance(value, Mapping):
                raise ParameterError(f"{key} = {value!r}: a value, not a table, is needed here")
            group, name = split_key(key)
            changes.setdefault(group, {})[name] = value
        groups = {
            group: dataclasses.replace(getattr(self, group), **kw) for group, kw in changes.items()
        }
        return dataclasses.replace(self, **groups)


#: Parameter groups by name, in declaration order: read from the fields of :class:`Params`.
GROUPS: dict[str, type[ParamGroup]] = {
    f.name: f.default_factory  # type: ignore[misc]
    for f in dataclasses.fields(Params)
}
for _name, _group in GROUPS.items():
    if _group.group_name != _name:  # error messages name the group by group_name
        raise TypeError(
            f"Params.{_name} holds {_group.__name__}, whose group_name is "
            f"{_group.group_name!r}; they must match"
        )


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
    """Nested mapping -> dotted keys (lists stay values).

    Every key must be set in exactly one place: ``"staffing.reps" = 20`` next to
    ``staffing = {reps = 3}`` raises :class:`ParameterError` naming both spellings.
    """
    out: dict[str, Any] = {}
    _flatten_into(values, prefix, (), out, {})
    return out


def _flatten_into(
    values: Mapping[str, Any],
    prefix: str,
    path: tuple[str, ...],
    out: dict[str, Any],
    origin: dict[str, tuple[str, ...]],
) -> None:
    for key, value in values.items():
        dotted, here = f"{prefix}{key}", (*path, str(key))
        if isinstance(value, Mapping):
            _flatten_into(value, dotted + ".", here, out, origin)
            continue
        if dotted in origin:
            raise ParameterError(
                f"{dotted} is set twice, as {spelling(origin[dotted])} and as {spelling(here)}; "
                "set it in one place only"
            )
        out[dotted], origin[dotted] = value, here


def spelling(path: tuple[str, ...]) -> str:
    """How a key was written: ``"staffing.reps"`` or ``staffing > reps`` (nested)."""
    return " > ".join(f'"{p}"' if "." in p else p for p in path)


def spec_of(key: str) -> Spec:
    """The specification of one dotted parameter."""
    group, name = split_key(key)
    return next(spec for n, _, spec in GROUPS[group].specs() if n == name)


def parameter_table() -> list[dict[str, str]]:
    """One row per parameter: name, default, unit, range, source, meaning."""
    rows = []
    for group, cls in GROUPS.items():
        for name, default, spec in cls.specs():
            shown = ",".join(map(fmt_number, default)) if isinstance(default, tuple) else default
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
