"""Errors the command line reports as one line, without a traceback.

Anything a user can fix by editing an input (an experiment file, a CLI
argument, a results store) raises a :class:`UserError`; ``tightrope`` prints
its message and exits non-zero. Bugs still raise ordinary exceptions.
"""


class UserError(Exception):
    """A problem with the user's input, reported without a traceback."""


class ExperimentError(UserError):
    """An experiment file is malformed or names a bad parameter or value."""


class StoreError(UserError):
    """A results store cannot be used as asked (changed experiment, locked, corrupt)."""
