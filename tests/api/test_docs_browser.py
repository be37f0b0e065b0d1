"""/docs and /redoc in headless Chromium, served by uvicorn on the loopback interface:
the pages render the API and no request leaves the machine (the DevTools network log
of each page load lists every URL the page asked for, images and fonts included)."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from api.app import create_app
from graph.store.memory import MemoryStore
from tests.api.conftest import app_settings
from tests.viz.browser import Browser, PageLoad, missing_browser

pytestmark = pytest.mark.browser

# what shows that each page has rendered the API description, not only loaded
READY = {
    "/docs": "return document.querySelectorAll('.swagger-ui .opblock').length > 10",
    "/redoc": "return document.querySelectorAll('[data-section-id]').length > 10",
}
SETTLE_S = 2.0  # after rendering: late requests (lazy images, fonts) still count


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    reason = missing_browser()
    if reason is not None:
        pytest.fail(f"headless Chromium is required: {reason}")
    b = Browser()
    try:
        yield b
    finally:
        b.close()


@pytest.fixture(scope="module")
def base_url(seeded_embedded: MemoryStore) -> Iterator[str]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(app_settings(), store=seeded_embedded)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _requests(browser: Browser) -> list[str]:
    urls = []
    for entry in browser.driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message.get("method") == "Network.webSocketCreated":
            urls.append(message["params"]["url"])
    return urls


def _load(browser: Browser, url: str, ready: str, timeout: float = 90.0) -> PageLoad:
    browser.driver.get("about:blank")
    _requests(browser)
    browser.driver.get_log("browser")
    browser.driver.get(url)
    deadline = time.monotonic() + timeout
    while not browser.js(ready):
        assert time.monotonic() < deadline, f"{url} never rendered"
        time.sleep(0.1)
    time.sleep(SETTLE_S)
    with contextlib.suppress(Exception):
        browser.js("window.scrollTo(0, document.body.scrollHeight)")  # lazy content too
    time.sleep(0.5)
    return PageLoad(url, _requests(browser), list(browser.driver.get_log("browser")))


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_the_docs_render_without_reaching_outside(
    browser: Browser, base_url: str, page: str
) -> None:
    load = _load(browser, base_url + page, READY[page])
    assert any(u.endswith("/openapi.json") for u in load.requests), load.requests
    assert load.outside_requests() == [], load.outside_requests()
    assert not load.errors, load.errors
