"""Files a user names on the command line: read or checked with one-line errors.

Every failure (missing, a directory, unreadable, not UTF-8, read-only, a full
disk) becomes a :class:`~tightrope.experiments.errors.UserError` naming the
flag and the file, and output paths are checked *before* a simulation starts,
so a long run's result is never lost to a typo in ``--out``.
"""

from __future__ import annotations

import os
from pathlib import Path

from tightrope.experiments.errors import UserError


def read_text(path: str | Path, flag: str) -> str:
    """The UTF-8 text of a user's input file."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise UserError(f"{flag} {path}: cannot read ({err.strerror or err})") from None
    except UnicodeDecodeError as err:
        raise UserError(f"{flag} {path}: not UTF-8 text (byte {err.start})") from None


def check_writable(path: str | Path, flag: str) -> Path:
    """Refuse an output path that cannot be written, before any work is done."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path()
    if path.is_dir():
        raise UserError(f"{flag} {path}: is a directory; give a file name")
    if not parent.is_dir():
        raise UserError(f"{flag} {path}: directory {parent} does not exist")
    if path.exists() and not os.access(path, os.W_OK):
        raise UserError(f"{flag} {path}: not writable")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UserError(f"{flag} {path}: directory {parent} is not writable")
    return path


def describe_os_error(err: OSError) -> str:
    """``/x/y: No space left on device`` (the file first, as the CLI prints it)."""
    where = err.filename if err.filename is not None else ""
    reason = err.strerror or str(err)
    return f"{where}: {reason}" if where else reason
