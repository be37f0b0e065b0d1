"""Regenerate docs/screenshots/*.png from the seeds in headless Chromium.

    .venv/bin/python -m tests.viz.screenshots [OUT_DIR]

The demo's shared-collaborator and topic views of Mao, Zhuo and Zhang, the ego view of
Zhuo with one co-author clicked (neighbours highlighted, papers listed), and the
overview; the topic view is shown with a tooltip open.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from graph.ingest import load_paths
from graph.store.memory import MemoryStore
from tests.conftest import ROOT, SEEDS
from tests.viz.browser import Browser
from viz import render, views

DEMO = ("Mao", "Zhuo", "Zhang")


def _mouse_to_node(browser: Browser, node_id: str, *, click: bool = False) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    canvas = browser.driver.find_element(By.CSS_SELECTOR, "#graph canvas")
    w, h = canvas.size["width"], canvas.size["height"]
    pos = browser.js(
        "const n = window.__viz.network; return n.canvasToDOM(n.getPosition(arguments[0]));",
        node_id,
    )
    chain = ActionChains(browser.driver).move_to_element_with_offset(
        canvas, int(pos["x"] - w / 2), int(pos["y"] - h / 2)
    )
    (chain.click() if click else chain).perform()
    time.sleep(0.3)


def main(out: Path) -> list[Path]:
    store = MemoryStore(None)
    load_paths(store, [SEEDS])
    shots = []
    browser = Browser(1400, 900)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)

            def show(view: views.GraphView, name: str) -> None:
                page = render.write_html(view, folder / f"{name}.html")
                load = browser.open(page.as_uri())
                assert not load.errors and not load.outside_requests(), load

            show(views.shared_view(store, DEMO), "shared")
            shots.append(out / "shared.png")
            browser.screenshot(shots[-1])

            topics = views.topics_view(store, DEMO)
            show(topics, "topics")
            hub = max((n for n in topics.nodes if n.category == "topic_all"), key=lambda n: n.value)
            _mouse_to_node(browser, hub.id)
            shots.append(out / "topics.png")
            browser.screenshot(shots[-1])

            ego = views.ego_view(store, "Zhuo")
            show(ego, "ego")
            strongest = max(
                (e for e in ego.edges if ego.nodes[0].id in (e.source, e.target)),
                key=lambda e: (e.value, e.target),
            )
            other = strongest.target if strongest.source == ego.nodes[0].id else strongest.source
            _mouse_to_node(browser, other, click=True)
            shots.append(out / "ego.png")
            browser.screenshot(shots[-1])

            show(views.overview_view(store, None), "overview")
            shots.append(out / "overview.png")
            browser.screenshot(shots[-1])
    finally:
        browser.close()
    return shots


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    for path in main(target):
        print(path)
