"""The page itself: self-contained, and document text never becomes markup (no browser)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from graph.store.memory import MemoryStore
from tests.viz.synthetic import HOSTILE
from viz import render, views

STATIC = Path(render.__file__).parent / "static"
VIS_SHA256 = "32254756d04ccd33782762a584cf0ba8841755c8e99a1e9320b47e283be29f3b"
PAGE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p",
    "main", "div", "aside", "section", "label", "input", "ul", "ol", "li", "span", "script",
}  # fmt: skip


class Page(HTMLParser):
    """Every start tag with its attributes, the text of <title>, and the inline scripts."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.title = ""
        self._in: str | None = None
        self._attrs: dict[str, str | None] = {}
        self._buf: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "title"):
            self._in, self._attrs, self._buf = tag, dict(attrs), []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            text = "".join(self._buf)
            if tag == "script":
                self.scripts.append((self._attrs, text))
            else:
                self.title = text
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buf.append(data)


def _data(page: Page) -> dict:  # type: ignore[type-arg]
    (block,) = [text for attrs, text in page.scripts if attrs.get("type") == "application/json"]
    return json.loads(block)  # type: ignore[no-any-return]


def test_vendored_vis_network_is_the_documented_file() -> None:
    js = (STATIC / "vis-network.min.js").read_bytes()
    assert hashlib.sha256(js).hexdigest() == VIS_SHA256
    assert VIS_SHA256 in (STATIC / "README.md").read_text()
    assert b"</script" not in js.lower() and b"sourceMappingURL" not in js
    assert (STATIC / "vis-network.LICENSE-MIT.txt").read_text().startswith("The MIT License")


def test_page_is_self_contained(seeded_embedded: MemoryStore) -> None:
    html = render.render_html(views.topics_view(seeded_embedded, ("Mao", "Zhuo", "Zhang")))
    page = Page(html)
    assert {tag for tag, _ in page.tags} <= PAGE_TAGS
    for tag, attrs in page.tags:
        assert "src" not in attrs and "href" not in attrs, (tag, attrs)
    assert not any(tag == "link" for tag, _ in page.tags)
    assert "@import" not in html and "url(http" not in html
    # exactly the two inline scripts run, and the policy allows those two and no network
    code = [text for attrs, text in page.scripts if "type" not in attrs]
    assert len(code) == 2
    (csp,) = [
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp is not None and "default-src 'none'" in csp and "connect-src 'none'" in csp
    for text in code:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


EXPECTED_NODES = {
    "shared": {HOSTILE["img"], "Grace " + HOSTILE["script"], HOSTILE["href"]},
    "topics": {HOSTILE["img"], "Grace " + HOSTILE["script"], HOSTILE["iframe"]},
    "ego": {HOSTILE["href"], HOSTILE["img"], "Grace " + HOSTILE["script"]},
    "overview": {HOSTILE["img"], "Grace " + HOSTILE["script"], HOSTILE["href"], HOSTILE["amp"]},
    # country names (as a store may hold them), and institution names
    "countries": {HOSTILE["href"], HOSTILE["amp"], HOSTILE["script"]},
    "institution": {HOSTILE["svg"] + " Univ", HOSTILE["img"], "Grace " + HOSTILE["script"]},
}


@pytest.mark.parametrize("kind", list(EXPECTED_NODES))
def test_hostile_text_stays_text(hostile: tuple[MemoryStore, dict[str, str]], kind: str) -> None:
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
    html = render.render_html(view)
    page = Page(html)
    # no element from the documents: the parser sees only the template's own tags
    assert {tag for tag, _ in page.tags} <= PAGE_TAGS
    assert page.title == view.title
    for attack in HOSTILE.values():
        assert attack not in html
    # yet the page's data holds every string exactly as the documents spell it
    data = _data(page)
    headings = {n["h"] for n in data["info"]["nodes"].values()}
    assert EXPECTED_NODES[kind] <= headings
    titles = {p[0] for p in data["papers"].values()}
    assert {HOSTILE["alert"], HOSTILE["script"] + " title", HOSTILE["amp"]} <= titles
    assert {p[2] for p in data["papers"].values()} == {HOSTILE["svg"]}  # the venue


def test_script_json_cannot_close_its_element() -> None:
    text = render._script_json({"x": "</script><!-- <script> & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"x": "</script><!-- <script> & \u2028"}


def test_demo_views_are_written(seeded_embedded: MemoryStore, tmp_path: Path) -> None:
    paths = render.write_demo_views(seeded_embedded, ("Mao", "Zhuo", "Zhang"), tmp_path / "out")
    assert [p.name for p in paths] == ["shared.html", "topics.html"]
    for p in paths:
        text = p.read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>")
        assert re.search(r'<h1 id="title">(Shared collaborators:|Topics of) Ziming Mao, ', text)
