"""Headless Chromium for the view tests (and for regenerating docs/screenshots/).

Debian's ``chromium`` and ``chromium-driver`` are driven by Selenium. Every page load is
checked the same way: the browser console (errors), the DevTools network events of the
page (every URL it asked for), and the page's own ``window.__viz`` state.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

__all__ = [
    "CHROMEDRIVER",
    "CHROMIUM",
    "PageLoad",
    "Browser",
    "missing_browser",
]

CHROMIUM = os.environ.get("COAUTHOR_KG_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("COAUTHOR_KG_CHROMEDRIVER", "/usr/bin/chromedriver")
LOCAL_SCHEMES = {"file", "data", "blob", "about"}
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (Path(path).is_file() and os.access(path, os.X_OK)):
            return f"{path} not found: apt-get install -y chromium chromium-driver"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed: pip install -e '.[test]'"
    return None


@dataclass
class PageLoad:
    url: str
    requests: list[str] = field(default_factory=list)
    console: list[dict[str, Any]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def errors(self) -> list[str]:
        return [e["message"] for e in self.console if e.get("level") == "SEVERE"]

    def outside_requests(self) -> list[str]:
        """Requests that left the page: anything but file/data/blob/about and loopback."""
        out = []
        for url in self.requests:
            parsed = urlparse(url)
            if parsed.scheme in LOCAL_SCHEMES:
                continue
            if parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname in LOOPBACK:
                continue
            out.append(url)
        return out


class Browser:
    """One headless Chromium for a whole test session (starting one costs ~1 s)."""

    def __init__(self, width: int = 1280, height: int = 800) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.profile = tempfile.mkdtemp(prefix="coauthor-kg-chromium-")
        opts = webdriver.ChromeOptions()
        opts.binary_location = CHROMIUM
        for arg in (
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            f"--window-size={width},{height}",
            f"--user-data-dir={self.profile}",
        ):
            opts.add_argument(arg)
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        self.driver = webdriver.Chrome(options=opts, service=Service(CHROMEDRIVER))
        self.driver.set_page_load_timeout(120)
        self.driver.set_script_timeout(120)

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)

    def _drain(self) -> tuple[list[str], list[dict[str, Any]]]:
        requests = []
        for entry in self.driver.get_log("performance"):
            msg = json.loads(entry["message"])["message"]
            method = msg.get("method", "")
            params = msg.get("params", {})
            if method == "Network.requestWillBeSent":
                requests.append(params["request"]["url"])
            elif method == "Network.webSocketCreated":
                requests.append(params["url"])
        return requests, list(self.driver.get_log("browser"))

    def open(self, url: str, *, timeout: float = 90.0) -> PageLoad:
        """Load a page and wait until its graph is drawn and interactive."""
        self._drain()
        self.driver.get("about:blank")
        self._drain()
        self.driver.get(url)
        deadline = time.monotonic() + timeout
        while True:
            ready = self.driver.execute_script("return !!(window.__viz && window.__viz.ready)")
            if ready:
                break
            if time.monotonic() > deadline:
                requests, console = self._drain()
                raise AssertionError(f"{url} never became ready; console: {console}")
            time.sleep(0.05)
        timings = self.driver.execute_script(
            "const t = window.__viz.timings; return {scriptStart: t.scriptStart, "
            "firstDraw: t.firstDraw, stabilized: t.stabilized || null, "
            "interactive: t.interactive};"
        )
        requests, console = self._drain()
        return PageLoad(url, requests, console, {k: v for k, v in timings.items() if v is not None})

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def screenshot(self, path: Path | None = None) -> bytes:
        png: bytes = self.driver.get_screenshot_as_png()
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(png)
        return png
