"""The SolaraViz page's pieces without a browser: controls, model, KPI card, command."""

from __future__ import annotations

import pytest

pytest.importorskip("solara", reason="optional viz dependencies: pip install -e '.[viz]'")

from tightrope.experiments.cli import main  # noqa: E402
from tightrope.experiments.viz_cli import server_command  # noqa: E402
from tightrope.model.params import spec_of  # noqa: E402
from tightrope.viz import CONTROLS, VizCentre, kpi_rows, model_params  # noqa: E402


def _start(**changes):
    params = model_params()
    start = {k: (v["value"] if isinstance(v, dict) else v) for k, v in params.items()}
    return {**start, **changes}


def test_controls_are_declared_parameters_within_their_ranges():
    params = model_params()
    for key, low, high, _ in CONTROLS:
        control = params[key.replace(".", "__")]
        spec = spec_of(key)
        if control["type"] == "Select":
            assert control["values"] == list(spec.choices) and control["value"] in spec.choices
        elif control["type"] != "Checkbox":
            assert spec.low is None or control["min"] >= spec.low, key
            assert spec.high is None or control["max"] <= spec.high, key
            assert low <= control["value"] <= high, key


def test_page_model_steps_a_day_and_reports_the_regime():
    centre = VizCentre(**_start(regime__name="commission", staffing__reps=12, arrivals__rate=1.4))
    frame = centre.datacollector.get_model_vars_dataframe()
    assert len(frame) == 1  # the initial state, before any day
    centre.step()
    centre.step()
    rows = dict(kpi_rows(centre))
    assert rows["Regime"] == "commission" and rows["Headcount"] == "12"
    assert rows["Morale by team"].startswith("blended 0.")
    assert int(rows["Genuine sales to date"]) > 0
    plain = VizCentre(**_start(regime__name="service_only", staffing__reps=12, arrivals__rate=1.4))
    plain.step()
    assert dict(kpi_rows(plain))["Genuine sales to date"] == "0"
    split = VizCentre(**_start(regime__name="specialised", staffing__reps=12, arrivals__rate=1.4))
    assert set(dict(kpi_rows(split))["Morale by team"].replace(",", "").split()[::2]) == {
        "service",
        "sales",
    }


def test_viz_command_serves_the_page_on_loopback():
    cmd = server_command("127.0.0.1", 0, open_browser=False)
    assert cmd[1:5] == ["-m", "solara", "run", "tightrope.viz_app"]
    assert "--no-open" in cmd and "127.0.0.1" in cmd


def test_viz_rejects_a_bad_port(capsys):
    assert main(["viz", "--port", "70000", "--no-open"]) == 2
    assert "--port 70000" in capsys.readouterr().err
