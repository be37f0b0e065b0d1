"""The views as `coauthor-kg serve` serves them: api.app.create_app includes the views
router, so these requests go to the real app over the seeds (and the institutions of
tests/bylines.py, which the seeds lack), through uvicorn on the loopback interface, on
both stores; and the OpenAPI document says what they answer."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote, urlencode

import httpx
import pytest

from graph.ingest import load_paths
from graph.store.base import GraphStore
from graph.store.memory import MemoryStore
from tests.bylines import load_bylines
from tests.conftest import SEEDS, STORE_KINDS, neo4j_fixture
from tests.viz.conftest import serve
from tests.viz.expect import ego_counts, overview_counts, shared_counts, topics_counts
from viz import views
from viz.citations import citation_view
from viz.render import render_html

DEMO = ["Mao", "Zhuo", "Zhang"]
AUTHOR_ERRORS = {"404", "409", "422", "503"}
VIEWS: dict[str, tuple[str, set[str]]] = {
    # path in the OpenAPI document: (a request for the seeds, error statuses documented)
    "/views/ego/{author}": ("/views/ego/Zhuo", AUTHOR_ERRORS),
    "/views/shared": ("/views/shared?" + urlencode({"author": DEMO}, doseq=True), AUTHOR_ERRORS),
    "/views/topics": ("/views/topics?" + urlencode({"author": DEMO}, doseq=True), AUTHOR_ERRORS),
    "/views/overview": ("/views/overview", {"422", "503"}),
    "/views/countries": ("/views/countries", {"422", "503"}),
    "/views/institutions/{institution}": ("/views/institutions/Univ%20Florida", AUTHOR_ERRORS),
    "/views/citations": (
        "/views/citations?" + urlencode({"author": DEMO}, doseq=True),
        AUTHOR_ERRORS,
    ),
}


@pytest.fixture(scope="module")
def places_embedded() -> MemoryStore:
    store = MemoryStore(None)
    load_paths(store, [SEEDS])
    load_bylines(store)
    return store


@pytest.fixture(params=STORE_KINDS)
def served(request: pytest.FixtureRequest, places_embedded: MemoryStore) -> GraphStore:
    """The seeds and tests/bylines.py in one store of each kind (read-only tests only);
    Neo4j is reloaded only when its counts show it holds something else."""
    if request.param == "embedded":
        return places_embedded
    store = neo4j_fixture(request, "neo4j_store_session")
    if store.counts() != places_embedded.counts():
        store.clear()
        load_paths(store, [SEEDS])
        load_bylines(store)
    return store


@pytest.fixture
def http(served: GraphStore) -> Iterator[httpx.Client]:
    """A client of the API served over the seeds and bylines, once per store kind."""
    with serve(served) as url, httpx.Client(base_url=url, timeout=120) as client:
        yield client


def _counts(html: str) -> tuple[int, int]:
    m = re.search(r'<p id="counts">([\d,]+) nodes · ([\d,]+) edges</p>', html)
    assert m, "no counts line in the page"
    return int(m.group(1).replace(",", "")), int(m.group(2).replace(",", ""))


def test_each_view_is_served_as_a_page(http: httpx.Client, served: GraphStore) -> None:
    expected: dict[str, tuple[Callable[[], Any], tuple[int, int]]] = {
        "/views/ego/{author}": (lambda: views.ego_view(served, "Zhuo"), ego_counts(served, "Zhuo")),
        "/views/shared": (lambda: views.shared_view(served, DEMO), shared_counts(served, DEMO)),
        "/views/topics": (lambda: views.topics_view(served, DEMO), topics_counts(served, DEMO)),
        "/views/overview": (
            lambda: views.overview_view(served),
            overview_counts(served, views.DEFAULT_OVERVIEW_AUTHORS),
        ),
        # by hand from tests/bylines.py: 6 countries, 8 pairs; Univ Florida, its 2
        # members and 6 partners, 2 + 6 edges to it and the members' joint papers
        "/views/countries": (lambda: views.countries_view(served), (6, 8)),
        "/views/institutions/{institution}": (
            lambda: views.institution_view(served, "Univ Florida"),
            (9, 9),
        ),
        # the seeds and bylines cite nothing: the three authors alone
        "/views/citations": (lambda: citation_view(served, DEMO), (len(DEMO), 0)),
    }
    assert set(expected) == set(VIEWS)
    for path, (url, _) in VIEWS.items():
        r = http.get(url)
        assert r.status_code == 200, (url, r.text[:300])
        assert r.headers["content-type"] == "text/html; charset=utf-8", url
        assert r.headers["x-frame-options"] == "SAMEORIGIN", url
        view, counts = expected[path]
        assert _counts(r.text) == counts, url
        # the very page `coauthor-kg viz ...` writes for the same arguments
        assert r.text == render_html(view()), url


def _error(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text[:300]
    assert r.headers["content-type"] == "application/json"
    body: dict[str, Any] = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code, body
    return body["error"]


def test_unknown_author_is_a_404_error_body(http: httpx.Client) -> None:
    for url in ["/views/ego/Nobody Atall", "/views/topics?author=Zhuo&author=Nobody+Atall"]:
        error = _error(http.get(url), 404, "not_found")
        assert error["message"] == "no author matches 'Nobody Atall'"
        assert error["details"]["query"] == "Nobody Atall"


def test_ambiguous_name_is_a_409_listing_the_candidates(http: httpx.Client) -> None:
    for url in ["/views/ego/Wang", "/views/shared?author=Wang&author=Zhuo"]:
        error = _error(http.get(url), 409, "ambiguous_name")
        assert "'Wang' matches" in error["message"]
        names = [c["name"] for c in error["details"]["candidates"]]
        assert len(names) >= 2 and all(n.split()[-1] == "Wang" for n in names), names
        assert {"Bruce Wang", "Yichuan Wang"} <= set(names)


def test_shared_needs_two_authors(http: httpx.Client) -> None:
    error = _error(http.get("/views/shared?author=Zhuo"), 422, "invalid_request")
    assert error["details"]["errors"][0]["loc"] == ["query", "author"]
    error = _error(http.get("/views/shared"), 422, "invalid_request")
    assert error["details"]["errors"][0]["loc"] == ["query", "author"]


def test_openapi_documents_a_page_or_the_error_body(http: httpx.Client) -> None:
    """200 is text/html and nothing else; every error is the JSON error body (FastAPI
    would document errors in the 200's media type if the route's response class were
    HTMLResponse), and the statuses listed are the ones the view can answer with."""
    paths = http.get("/openapi.json").json()["paths"]
    assert {p for p in paths if p.startswith("/views")} == set(VIEWS)
    for path, (_, errors) in VIEWS.items():
        op = paths[path]["get"]
        assert op["summary"], path
        # every route can meet a URL too long (api/app.py answers 414 before routing)
        assert set(op["responses"]) == {"200", "414", *errors}, path
        assert op["responses"]["200"]["content"] == {"text/html": {"schema": {"type": "string"}}}
        for status in {"414", *errors}:
            content = op["responses"][status]["content"]
            assert content == {
                "application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}
            }, (path, status)


def _url(path: str, values: dict[str, Any]) -> str:
    query = {}
    for name, value in values.items():
        if f"{{{name}}}" in path:
            path = path.replace(f"{{{name}}}", quote(str(value), safe=""))
        else:
            query[name] = value
    return path + ("?" + urlencode(query, doseq=True) if query else "")


def test_documented_examples_are_requests_that_work(http: httpx.Client) -> None:
    """Every parameter has examples, and each example (with the first example of each
    required parameter) gets the page."""
    paths = http.get("/openapi.json").json()["paths"]
    sent = 0
    for path in VIEWS:
        params = paths[path]["get"]["parameters"]
        for p in params:
            assert p.get("examples"), (path, p["name"])
            for example in p["examples"].values():
                values = {
                    q["name"]: next(iter(q["examples"].values()))["value"]
                    for q in params
                    if q["required"]
                }
                values[p["name"]] = example["value"]
                r = http.get(_url(path, values))
                assert r.status_code == 200, (path, values, r.text[:300])
                assert r.headers["content-type"] == "text/html; charset=utf-8"
                sent += 1
    # ego: author (2), depth, max_nodes; shared, topics, overview, countries, citations: 1
    # each; institutions: institution, members, partners
    assert sent == 12


def test_importing_the_views_first_works() -> None:
    """The views' routes are in ROUTERS whichever module is imported first, the views'
    own module (which needs api.routes.examples) included."""
    for first in ["api.routes.views", "api.routes", "api.app"]:
        code = (
            f"import {first}\n"
            "from api.routes import ROUTERS\n"
            "paths = {r.path for router in ROUTERS for r in router.routes}\n"
            "print(sorted(p for p in paths if p.startswith('/views')))\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
        )
        assert out.returncode == 0, (first, out.stderr[-2000:])
        assert out.stdout.split("\n")[0] == str(
            [
                "/views/citations",
                "/views/countries",
                "/views/ego/{author}",
                "/views/institutions/{institution}",
                "/views/overview",
                "/views/shared",
                "/views/topics",
            ]
        ), first
