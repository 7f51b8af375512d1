"""The quickstart notebook runs top to bottom, on a short horizon, from an empty directory."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="pip install -e '.[dev]'")
nbclient = pytest.importorskip("nbclient", reason="pip install -e '.[dev]'")

pytestmark = pytest.mark.slow

NOTEBOOK = Path(__file__).resolve().parents[1] / "examples" / "quickstart.ipynb"
SHORT = "DAYS = 8\nREPLICATIONS = 1"


def test_quickstart_notebook_runs(tmp_path, monkeypatch):
    monkeypatch.delenv("TIGHTROPE_RESULTS", raising=False)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    (params,) = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    params.source = SHORT
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    figures = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(figures) == 2  # the tradeoff scatter and the batch_run morale plot
    assert (tmp_path / "results" / "quickstart" / "runs.parquet").is_file()
