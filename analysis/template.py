"""A tiny ``{{name}}`` template engine that refuses to leave a gap.

The paper's numbers must come from results, so a placeholder without a
value is an error (:class:`PaperError`, a ``KeyError``), never silently
rendered as blank or as the placeholder itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


class PaperError(KeyError):
    """The paper needs a number (or text) that the results did not provide."""

    def __str__(self) -> str:
        return f"the paper needs {self.args[0]}, which the results did not provide"


def placeholders(template: str) -> list[str]:
    """Names used by a template, in order of first use."""
    return list(dict.fromkeys(PLACEHOLDER.findall(template)))


def render(template: str, context: Mapping[str, object]) -> str:
    """Fill every ``{{name}}``; raise :class:`PaperError` naming all missing names."""
    missing = [name for name in placeholders(template) if name not in context]
    if missing:
        raise PaperError(", ".join(repr(m) for m in missing))
    out = PLACEHOLDER.sub(lambda m: str(context[m.group(1)]), template)
    if "{{" in out or "}}" in out:
        raise PaperError("a well-formed placeholder (found stray '{{' or '}}' in the template)")
    return out
