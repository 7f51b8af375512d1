"""Lint the paper's fixed text against the model's registries: no stale sentence.

The template's prose names parameters, regimes, KPIs and levers in
backticks, and sometimes says what the model lacks. :func:`unknown_names`
returns every backticked name that is none of the known ones, and
:func:`false_absences` every sentence that calls a lever absent although the
model has it. ``analysis`` never imports the model, so the caller passes the
registries in (the test does, from ``tightrope.model``).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable

CODE = re.compile(r"`([^`]+)`")
ABSENCE = re.compile(
    r"(?:\bno|\black(?:s|ing)?|\bwithout|\bnot part of)\b[^.;:]{0,60}?\b(?P<word>[a-z_]+)\s+"
    r"(?:lever|levers|mechanism|parameter)\b"
    r"|(?P<word2>[a-z_]+)[^.;:]{0,40}?\bis not part of (?:this|the) model",
    re.IGNORECASE,
)
ALLOWED_CODE: frozenset[str] = frozenset({"tightrope paper", "tightrope params", "make paper"})
"""Commands the text may quote."""


def unknown_names(text: str, known: Iterable[str], values: Iterable[str] = ()) -> list[str]:
    """Backticked names that are neither a known name (globs allowed) nor a known value.

    Args:
        text: template text; ``{{placeholders}}`` are ignored.
        known: dotted parameter names, KPI columns and lever names.
        values: allowed option values (regime names, hiring policies, ...).
    """
    known = set(known)
    values = set(values)
    out = []
    for name in CODE.findall(text):
        if "{{" in name or name in ALLOWED_CODE or name in values or name in known:
            continue
        if any(ch in name for ch in "*?[") and fnmatch.filter(known, name):
            continue
        out.append(name)
    return out


def false_absences(text: str, levers: Iterable[str]) -> list[str]:
    """Sentences saying the model has no <lever> when it does (case-insensitive)."""
    present = {lv.lower() for lv in levers}
    out = []
    for m in ABSENCE.finditer(text):
        word = (m.group("word") or m.group("word2") or "").lower()
        if word in present:
            out.append(m.group(0))
    return out
