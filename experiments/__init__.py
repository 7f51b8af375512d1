"""Sweep engine, experiment definitions (TOML) and the ``tightrope`` command line."""
