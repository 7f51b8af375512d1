"""How a parameter is declared and validated: ``param(...)`` and ``ParamGroup``.

Each field carries its unit, default, allowed range and source in its
metadata, so validation, the CLI's ``--set``, experiment files and the
paper's parameter table all read the same declaration (SALib's
``ProblemSpec`` habit). Groups are frozen dataclasses validated on build.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import numbers
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np


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
    switch: bool = False
    """An on/off parameter: true or false, no range."""

    def allowed(self) -> str:
        """Human-readable allowed values, for errors and the table."""
        if self.switch:
            return "true or false"
        if self.choices is not None:
            return "one of " + ", ".join(self.choices)
        low = "-inf" if self.low is None else fmt_number(self.low)
        high = "inf" if self.high is None else fmt_number(self.high)
        return f"[{low}, {high}]"


def fmt_number(x: float) -> str:
    """Compact number for tables and messages."""
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
    spec = Spec(
        unit=unit, low=low, high=high, source=source, doc=doc, choices=choices,
        switch=isinstance(default, bool),
    )  # fmt: skip
    return field(default=default, metadata={"spec": spec})


def _base_type(annotation: Any) -> Any:
    """Resolve a resolved field annotation to int, float, bool, str or tuple."""
    return tuple if typing.get_origin(annotation) is tuple else annotation


@functools.cache
def _field_kinds(cls: type) -> tuple[tuple[dataclasses.Field, Any], ...]:
    """Each field with its base type, resolved once per class (``get_type_hints`` is slow)."""
    hints = typing.get_type_hints(cls)
    return tuple((f, _base_type(hints[f.name])) for f in fields(cls))


class ParamGroup:
    """Base for a frozen group of parameters: validates every field on build."""

    group_name: typing.ClassVar[str] = ""

    def __post_init__(self) -> None:
        for f, kind in _field_kinds(type(self)):
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
        if not isinstance(value, bool | np.bool_):
            fail("is not true/false")
        return bool(value)
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
    # numbers.Real also admits numpy scalars (values taken from DataFrame rows).
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        fail("is not a number")
    value = int(value) if isinstance(value, numbers.Integral) else float(value)
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


ASSUMPTION = "assumption"
