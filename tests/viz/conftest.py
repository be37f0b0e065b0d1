"""Fixtures for the view tests: one headless Chromium per session, the hostile graph,
the 5,000-author graph, and the API served on the loopback interface."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from graph.store.base import GraphStore
from graph.store.memory import MemoryStore
from tests.viz.browser import Browser, missing_browser
from tests.viz.synthetic import big_store, hostile_store


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium. Missing it is a failure, never a skip: `scripts/test` installs
    Debian's chromium and chromium-driver."""
    reason = missing_browser()
    if reason is not None:
        pytest.fail(f"headless Chromium is required (run scripts/test to install it): {reason}")
    b = Browser()
    try:
        yield b
    finally:
        b.close()


@pytest.fixture(scope="session")
def hostile() -> tuple[MemoryStore, dict[str, str]]:
    return hostile_store()


@pytest.fixture(scope="session")
def big() -> MemoryStore:
    return big_store(5000)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def serve(store: GraphStore) -> Iterator[str]:
    """The real app over ``store`` (api.app.create_app, which includes the views router),
    served by uvicorn on 127.0.0.1 in a thread; yields its base URL."""
    import uvicorn

    from api.app import create_app
    from graph.settings import Settings

    app = create_app(Settings(), store=store)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                pytest.fail("uvicorn did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def api_url(seeded_embedded: MemoryStore) -> Iterator[str]:
    """The API over the seeds (embedded store), served on the loopback interface."""
    with serve(seeded_embedded) as url:
        yield url


TIMINGS: list[str] = []
"""Measured figures the browser tests report at the end of the run."""


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TIMINGS:
        terminalreporter.section("view timings (headless Chromium)")
        for line in TIMINGS:
            terminalreporter.write_line(line)
