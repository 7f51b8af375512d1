"""The SolaraViz page in a real browser: it renders, steps a day at a time, reacts to levers.

Starts ``tightrope viz``'s server on a free loopback port and drives it with
headless Chromium (Debian's ``chromium`` package through Playwright; no
browser is downloaded). Skips with an install hint where Chromium or the
optional packages are missing. The screenshot is kept in pytest's temporary
directory (or ``$TIGHTROPE_SCREENSHOT``) for a person to look at.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("solara", reason="optional viz dependencies: pip install -e '.[viz]'")
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[dev]'")

from tightrope.experiments.viz_cli import server_command  # noqa: E402

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 90_000


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def page_server(tmp_path: Path) -> Iterator[str]:
    """``tightrope viz``'s server on a free loopback port; stopped on exit."""
    port = _free_port()
    log = (tmp_path / "server.log").open("w")
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        server_command("127.0.0.1", port, open_browser=False),
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 - loopback
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"page server did not start:\n{(tmp_path / 'server.log').read_text()}")
            time.sleep(1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _kpi(page, label: str) -> str:
    """The value cell of one row of the KPI card."""
    return page.locator(f"tr:has(td:text-is('{label}')) td").nth(1).inner_text().strip()


def _step_to(page, day: int) -> None:
    """Press Step until the day counter reads ``day``."""
    heading = page.get_by_text(re.compile(r"^Day \d+ of \d+$"))
    current = int(heading.inner_text().split()[1])
    for _ in range(day - current):
        before = heading.inner_text()
        page.get_by_role("button", name="Step").click()
        page.wait_for_function(
            "before => [...document.querySelectorAll('h3')].some("
            "h => /^Day \\d+ of/.test(h.innerText) && h.innerText !== before)",
            arg=before,
            timeout=TIMEOUT_MS,
        )
    assert heading.inner_text().startswith(f"Day {day} of")


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="needs Debian's chromium: sudo apt-get install -y chromium (CI installs it as root)",
)
def test_page_renders_steps_and_reacts_to_the_regime(tmp_path):
    shot = Path(os.environ.get("TIGHTROPE_SCREENSHOT", tmp_path / "viz.png"))
    with page_server(tmp_path) as url, sync_api.sync_playwright() as play:
        browser = play.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1300})
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(url)
            page.get_by_text("Day 0 of 250").wait_for()
            assert page.get_by_role("button", name="Reset").is_visible()
            assert _kpi(page, "Regime") == "service_only"

            _step_to(page, 3)
            assert _kpi(page, "Genuine sales to date") == "0"  # service only: nobody pitches
            assert page.locator("img").count() >= 5  # the live plots

            page.locator(".v-select").filter(has_text="Name (regime)").click()
            page.get_by_role("option", name="commission").click()
            page.get_by_role("button", name="Reset").click()
            page.get_by_text("Day 0 of 250").wait_for()
            page.wait_for_function(
                "() => [...document.querySelectorAll('td')].some(td => td.innerText === "
                "'commission')"
            )
            _step_to(page, 3)
            assert _kpi(page, "Regime") == "commission"
            assert int(_kpi(page, "Genuine sales to date")) > 0  # commission: reps pitch
            page.wait_for_timeout(1500)  # let the plots of the last step arrive
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert shot.stat().st_size > 10_000
