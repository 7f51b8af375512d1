"""The module ``solara run`` serves: builds the page (and its first model) on import."""

from tightrope.viz import page_for

page = page_for()
