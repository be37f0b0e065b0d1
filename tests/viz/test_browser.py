"""The views in a real headless Chromium: they load with no console error and no
request leaving the page, hold the counts the queries give, draw something, respond to
hover, click, search, pan and zoom, and run nothing that hostile text smuggles in."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.store.memory import MemoryStore
from tests.viz.browser import Browser, PageLoad
from tests.viz.conftest import TIMINGS
from tests.viz.expect import ego_counts, overview_counts, shared_counts, topics_counts
from tests.viz.synthetic import HOSTILE
from viz import render, views

pytestmark = pytest.mark.browser

DEMO = ("Mao", "Zhuo", "Zhang")
INJECTED = "img, svg, iframe, a, b, object, embed, video, audio, form"


def _open(browser: Browser, view: views.GraphView, folder: Path, name: str) -> PageLoad:
    path = render.write_html(view, folder / f"{name}.html")
    return browser.open(path.resolve().as_uri())


def _assert_clean(load: PageLoad) -> None:
    assert load.errors == [], load.console
    assert load.outside_requests() == [], load.requests


def _page_counts(browser: Browser) -> tuple[int, int]:
    n, e = browser.js("return [window.__viz.nodes.length, window.__viz.edges.length]")
    return n, e


def _assert_drawn(browser: Browser) -> None:
    """The graph area of a real screenshot is not blank: many colours, many inked pixels."""
    from PIL import Image

    rect = browser.js(
        "const r = document.getElementById('graph').getBoundingClientRect();"
        "return [r.left, r.top, r.right, r.bottom, window.devicePixelRatio];"
    )
    img = Image.open(io.BytesIO(browser.screenshot())).convert("RGB")
    k = rect[4]
    graph = img.crop(tuple(int(v * k) for v in rect[:4]))
    colours = graph.getcolors(maxcolors=1 << 20) or []
    inked = sum(n for n, rgb in colours if sum(rgb) < 3 * 235)
    assert len(colours) > 40, f"only {len(colours)} colours in the graph area"
    assert inked / (graph.width * graph.height) > 0.002, "graph area is (nearly) blank"


# -- the demo views -----------------------------------------------------------------------

DEMO_VIEWS: dict[str, tuple[Callable[[MemoryStore], views.GraphView], Callable]] = {  # type: ignore[type-arg]
    "shared": (lambda s: views.shared_view(s, DEMO), lambda s: shared_counts(s, DEMO)),
    "topics": (lambda s: views.topics_view(s, DEMO), lambda s: topics_counts(s, DEMO)),
    "ego": (lambda s: views.ego_view(s, "Zhuo"), lambda s: ego_counts(s, "Zhuo")),
    "overview": (lambda s: views.overview_view(s, None), lambda s: overview_counts(s, None)),
}


@pytest.mark.parametrize("name", list(DEMO_VIEWS))
def test_view_loads_offline_with_the_query_counts(
    browser: Browser, seeded_embedded: MemoryStore, tmp_path: Path, name: str
) -> None:
    build, expected = DEMO_VIEWS[name]
    load = _open(browser, build(seeded_embedded), tmp_path, name)
    _assert_clean(load)
    assert load.requests == [(tmp_path / f"{name}.html").resolve().as_uri()]
    assert _page_counts(browser) == expected(seeded_embedded)
    _assert_drawn(browser)


# -- hostile text -------------------------------------------------------------------------


def _hover_everything(browser: Browser) -> list[str]:
    """Hover every node and every edge with the real mouse; the tooltip texts seen."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    canvas = browser.driver.find_element(By.CSS_SELECTOR, "#graph canvas")
    w, h = canvas.size["width"], canvas.size["height"]
    spots = browser.js(
        """const v = window.__viz, net = v.network, out = [];
        for (const id of v.nodes.getIds()) {
          out.push(["node", id, net.canvasToDOM(net.getPosition(id))]);
        }
        for (const id of v.edges.getIds()) {
          const p = net.body.edges[id].edgeType.getPoint(0.5);
          out.push(["edge", id, net.canvasToDOM(p)]);
        }
        return out;"""
    )
    seen = []
    for kind, ident, pos in spots:
        ActionChains(browser.driver).move_to_element_with_offset(
            canvas, int(pos["x"] - w / 2), int(pos["y"] - h / 2)
        ).perform()
        deadline = time.monotonic() + 3
        text = ""
        while time.monotonic() < deadline:
            text = browser.js(
                "const t = document.getElementById('tooltip');return t.hidden ? '' : t.textContent;"
            )
            if text:
                break
            time.sleep(0.02)
        assert text, f"no tooltip over {kind} {ident}"
        seen.append(text)
    ActionChains(browser.driver).move_to_element_with_offset(
        canvas, -w // 2 + 3, -h // 2 + 3
    ).perform()
    return seen


def _click_every_node(browser: Browser) -> list[str]:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    canvas = browser.driver.find_element(By.CSS_SELECTOR, "#graph canvas")
    w, h = canvas.size["width"], canvas.size["height"]
    texts = []
    for ident in browser.js("return window.__viz.nodes.getIds()"):
        pos = browser.js(
            "const n = window.__viz.network; return n.canvasToDOM(n.getPosition(arguments[0]));",
            ident,
        )
        ActionChains(browser.driver).move_to_element_with_offset(
            canvas, int(pos["x"] - w / 2), int(pos["y"] - h / 2)
        ).click().perform()
        assert browser.js("return window.__viz.selected") == ident
        texts.append(browser.js("return document.getElementById('details').textContent"))
    return texts


@pytest.mark.parametrize(
    "kind", ["shared", "topics", "ego", "overview", "countries", "institution"]
)
def test_hostile_text_is_shown_and_runs_nothing(
    browser: Browser, hostile: tuple[MemoryStore, dict[str, str]], tmp_path: Path, kind: str
) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    store, ids = hostile
    queried = [ids["q1"], ids["q2"], ids["q3"]]
    view = {
        "shared": lambda: views.shared_view(store, queried),
        "topics": lambda: views.topics_view(store, queried),
        "ego": lambda: views.ego_view(store, ids["shared"]),
        "overview": lambda: views.overview_view(store, None),
        "countries": lambda: views.countries_view(store),
        "institution": lambda: views.institution_view(store, ids["inst"]),
    }[kind]()
    load = _open(browser, view, tmp_path, kind)
    _assert_clean(load)
    assert browser.driver.title == view.title

    tips = _hover_everything(browser)
    details = _click_every_node(browser)
    # search for a hostile name in the view: Enter selects its node (the countries are
    # named by the store's country names, one of them the link)
    attack, wanted = (HOSTILE["href"], "BR") if kind == "countries" else (HOSTILE["img"], ids["q1"])
    box = browser.driver.find_element(By.ID, "search")
    box.clear()
    box.send_keys(attack[:10])
    results = browser.js("return document.getElementById('search-results').textContent")
    box.send_keys(Keys.ENTER)
    assert browser.js("return window.__viz.selected") == wanted or kind == "ego"

    shown = "\n".join([*tips, *details, results])
    # the characters are on screen, as text ...
    assert HOSTILE["alert"] in shown  # the paper title, listed in tooltips and details
    assert HOSTILE["img"] in shown or HOSTILE["href"] in shown
    if kind != "ego":
        assert attack in results
    # ... and nothing ran, nothing was parsed into an element, nothing was fetched
    assert browser.js("return typeof window.__pwned") == "undefined"
    with pytest.raises(NoAlertPresentException):
        _ = browser.driver.switch_to.alert.text
    assert browser.js(f"return document.querySelectorAll('{INJECTED}').length") == 0
    requests, console = browser._drain()
    assert [c for c in console if c["level"] == "SEVERE"] == []
    assert requests == []


# -- interaction --------------------------------------------------------------------------


def test_click_highlights_neighbours_and_search_focuses(
    browser: Browser, seeded_embedded: MemoryStore, tmp_path: Path
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    view = views.ego_view(seeded_embedded, "Zhuo")
    _assert_clean(_open(browser, view, tmp_path, "ego"))
    ego = view.nodes[0].id
    neighbours = {
        e.target if e.source == ego else e.source for e in view.edges if ego in (e.source, e.target)
    }
    papers = {p for e in view.edges if ego in (e.source, e.target) for p in e.papers}

    canvas = browser.driver.find_element(By.CSS_SELECTOR, "#graph canvas")
    w, h = canvas.size["width"], canvas.size["height"]
    pos = browser.js(
        "const n = window.__viz.network; return n.canvasToDOM(n.getPosition(arguments[0]));", ego
    )
    ActionChains(browser.driver).move_to_element_with_offset(
        canvas, int(pos["x"] - w / 2), int(pos["y"] - h / 2)
    ).click().perform()
    assert browser.js("return window.__viz.selected") == ego
    assert browser.js("return window.__viz.highlighted") == 1 + len(neighbours)
    dimmed = browser.js(
        "return window.__viz.nodes.get().filter(n => n.color.background === '#eceef1').length"
    )
    assert dimmed == len(view.nodes) - 1 - len(neighbours)
    assert (
        browser.js("return document.getElementById('details-heading').textContent")
        == "Danyang Zhuo"
    )
    assert browser.js("return document.getElementById('details-papers').children.length") == len(
        papers
    )
    assert browser.js("return document.getElementById('details-links').children.length") == len(
        neighbours
    )

    # a click on empty canvas clears it all
    ActionChains(browser.driver).move_to_element_with_offset(
        canvas, -w // 2 + 4, -h // 2 + 4
    ).click().perform()
    assert browser.js("return window.__viz.highlighted") == 0
    assert browser.js("return document.getElementById('details').hidden") is True

    # search, Enter: the first match is selected and brought to the middle
    box = browser.driver.find_element(By.ID, "search")
    box.send_keys("shiyi")
    assert browser.js("return document.getElementById('search-results').textContent") == "Shiyi Cao"
    box.send_keys(Keys.ENTER)
    (shiyi,) = [n.id for n in view.nodes if n.heading == "Shiyi Cao"]
    assert browser.js("return window.__viz.selected") == shiyi
    # the focus animation takes about half a second; a loaded machine may need longer
    deadline = time.monotonic() + 15
    while True:
        pos = browser.js(
            "const n = window.__viz.network; return n.canvasToDOM(n.getPosition(arguments[0]));",
            shiyi,
        )
        centred = abs(pos["x"] - w / 2) < 5 and abs(pos["y"] - h / 2) < 5
        if centred or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert centred, pos


# -- served by the API --------------------------------------------------------------------


def test_views_served_by_the_api(
    browser: Browser, api_url: str, seeded_embedded: MemoryStore
) -> None:
    q = "author=Mao&author=Zhuo&author=Zhang"
    for path, expected in [
        (f"/views/shared?{q}", shared_counts(seeded_embedded, DEMO)),
        (f"/views/topics?{q}", topics_counts(seeded_embedded, DEMO)),
        ("/views/ego/Zhuo", ego_counts(seeded_embedded, "Zhuo")),
        ("/views/overview", overview_counts(seeded_embedded, views.DEFAULT_OVERVIEW_AUTHORS)),
    ]:
        load = browser.open(api_url + path)
        _assert_clean(load)
        assert load.requests == [api_url + path]
        assert _page_counts(browser) == expected


# -- countries and one institution --------------------------------------------------------


def test_place_views_load_offline_and_are_drawn(browser: Browser, tmp_path: Path) -> None:
    from tests.bylines import load_bylines

    store = load_bylines(MemoryStore(None))
    for name, view, counts in [
        ("countries", views.countries_view(store), (6, 8)),
        ("institution", views.institution_view(store, "Univ Florida"), (9, 9)),
    ]:
        load = _open(browser, view, tmp_path, name)
        _assert_clean(load)
        assert load.requests == [(tmp_path / f"{name}.html").resolve().as_uri()]
        assert _page_counts(browser) == counts
        _assert_drawn(browser)
    # the members stand out: one colour, the centre's, for exactly its two members
    colours = browser.js(
        "return window.__viz.nodes.get().map(n => [window.__viz.describe('node', n.id).h,"
        " n.color.background])"
    )
    red = {h for h, c in colours if c == views.PALETTE[1]}
    assert red == {"Emilio Bruna", "Mei Lee"}


def test_place_views_served_by_the_api(browser: Browser) -> None:
    from tests.bylines import load_bylines
    from tests.viz.conftest import serve

    with serve(load_bylines(MemoryStore(None))) as url:
        for path, counts in [
            ("/views/countries", (6, 8)),
            ("/views/institutions/Univ%20Florida?partners=3", (6, 6)),
        ]:
            load = browser.open(url + path)
            _assert_clean(load)
            assert load.requests == [url + path]
            assert _page_counts(browser) == counts


# -- 5,000 authors ------------------------------------------------------------------------


def test_5000_author_overview_opens_pans_and_zooms(
    browser: Browser, big: MemoryStore, tmp_path: Path
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
    from selenium.webdriver.common.by import By

    t0 = time.perf_counter()
    view = views.overview_view(big, None)
    built = time.perf_counter() - t0
    assert view.physics is False
    load = _open(browser, view, tmp_path, "overview-5000")
    _assert_clean(load)
    assert _page_counts(browser) == overview_counts(big, None) == (5000, len(view.edges))
    _assert_drawn(browser)
    interactive = load.timings["interactive"]
    assert interactive < 30_000, load.timings

    canvas = browser.driver.find_element(By.CSS_SELECTOR, "#graph canvas")
    w, h = canvas.size["width"], canvas.size["height"]
    before = browser.js(
        "return [window.__viz.network.getViewPosition(), window.__viz.network.getScale()]"
    )
    # pan: drag from an empty corner (a drag that starts on a node moves the node)
    ActionChains(browser.driver).move_to_element_with_offset(
        canvas, -w // 2 + 6, -h // 2 + 6
    ).click_and_hold().move_by_offset(150, 100).move_by_offset(100, 50).release().perform()
    moved = browser.js("return window.__viz.network.getViewPosition()")
    dx = (moved["x"] - before[0]["x"]) * before[1]
    dy = (moved["y"] - before[0]["y"]) * before[1]
    assert abs(dx + 250) < 15 and abs(dy + 150) < 15, (before, moved)
    # zoom: the mouse wheel, then time one redraw at the new scale
    ActionChains(browser.driver).scroll_from_origin(
        ScrollOrigin.from_element(canvas), 0, -400
    ).perform()
    time.sleep(0.3)
    assert browser.js("return window.__viz.network.getScale()") > before[1] * 1.05
    redraw = browser.driver.execute_async_script(
        """const done = arguments[arguments.length - 1], net = window.__viz.network;
        const t = performance.now();
        net.once('afterDrawing', () => done(performance.now() - t));
        net.moveTo({scale: net.getScale() * 1.5});"""
    )
    line = (
        f"5,000-author overview ({len(view.edges):,} edges): view built in {built:.2f} s; "
        f"Chromium: script start {load.timings['scriptStart']:.0f} ms, interactive (first draw) "
        f"{interactive:.0f} ms after navigation; zoom redraw {redraw:.0f} ms"
    )
    TIMINGS.append(line)
