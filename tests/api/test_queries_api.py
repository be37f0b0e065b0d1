"""The API over both stores: the answers are the CLI's `--json` objects, byte for byte,
and every failure has the one error shape with the right status."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph import queries
from graph.schema import AUTHOR, PAPER, identifiers_of
from graph.store.base import GraphStore
from tests.api.conftest import run_cli

MAO_ID = "Abd9754a4a0518763"
SHIYI_ID = "Af07929d65d66d798"


@pytest.fixture
def cli(seeded: GraphStore, cli_data_dir: Path) -> Any:
    """`coauthor-kg ... --json` in a subprocess, on the same kind of store as ``seeded``."""
    return lambda *args: run_cli(seeded.kind, cli_data_dir, *args)


CASES = [
    (("query", "shared", "Mao", "Zhuo", "Zhang"), "/shared-collaborators", [
        ("author", "Mao"), ("author", "Zhuo"), ("author", "Zhang")]),
    (("query", "topics", "Mao", "Zhuo", "Zhang"), "/topic-overlap", [
        ("author", "Mao"), ("author", "Zhuo"), ("author", "Zhang")]),
    (("query", "path", "Mao", "Zhuo"), "/path", [("from", "Mao"), ("to", "Zhuo")]),
    (("query", "path", "Zhang", "Liu"), "/path", [("from", "Zhang"), ("to", "Liu")]),
    (("query", "authors", "Zhang"), "/authors", [("q", "Zhang")]),
    (("query", "papers", "serving"), "/papers", [("q", "serving")]),
    (("query", "coauthors", MAO_ID), f"/authors/{MAO_ID}/coauthors", []),
    (("explain", SHIYI_ID), f"/authors/{SHIYI_ID}/evidence", []),
    (("stats",), "/stats", []),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "url", "params"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_answers_are_the_cli_json(
    client: TestClient, cli: Any, argv: tuple[str, ...], url: str, params: list[Any]
) -> None:
    printed = cli(*argv)
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    # same values, same key order: re-serialise both the way the CLI prints
    assert json.dumps(r.json(), indent=2, ensure_ascii=False) + "\n" == printed


def test_shared_collaborators_of_the_demo_trio(client: TestClient) -> None:
    r = client.get(
        "/shared-collaborators", params=[("author", n) for n in ("Mao", "Zhuo", "Zhang")]
    )
    body = r.json()
    assert [x["name"] for x in body["resolved"]] == ["Ziming Mao", "Danyang Zhuo", "Zili Zhang"]
    pair = body["pairwise"][0]
    assert pair["authors"] == ["Ziming Mao", "Danyang Zhuo"]
    assert [c["name"] for c in pair["shared"]] == ["Shiyi Cao"]


def test_path_hops_are_keyed_from(client: TestClient) -> None:
    body = client.get("/path", params={"from": "Mao", "to": "Zhuo"}).json()
    assert body["length"] == 2
    assert [(h["from"], h["to"]) for h in body["hops"]] == [
        ("Ziming Mao", "Shiyi Cao"),
        ("Shiyi Cao", "Danyang Zhuo"),
    ]


def _error(r: Any, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert "Traceback" not in r.text
    return body["error"]


def test_ambiguous_name_is_409_with_candidates(client: TestClient) -> None:
    err = _error(client.get("/path", params={"from": "Wang", "to": "Mao"}), 409, "ambiguous_name")
    names = {c["name"] for c in err["details"]["candidates"]}
    assert len(names) >= 2
    assert all(n.endswith("Wang") for n in names)


def test_unknown_name_and_ids_are_404(client: TestClient) -> None:
    err = _error(
        client.get("/shared-collaborators", params=[("author", "Zhuoh"), ("author", "Mao")]),
        404,
        "not_found",
    )
    assert "Zhuohan Li" in {c["name"] for c in err["details"]["candidates"]}
    for url in ("/authors/A0000000000000000", "/authors/A0000000000000000/coauthors",
                "/papers/P0000000000000000", "/topics/kw:no-such-topic"):  # fmt: skip
        _error(client.get(url), 404, "not_found")
    _error(client.get("/no/such/route"), 404, "not_found")


@pytest.mark.parametrize("n", [0, 1, 11])
def test_author_count_outside_2_to_10_is_422(client: TestClient, n: int) -> None:
    names = [("author", f"Name{i}") for i in range(n)]
    for url in ("/shared-collaborators", "/topic-overlap"):
        err = _error(client.get(url, params=names), 422, "invalid_request")
        assert err["details"]["errors"][0]["loc"] == ["query", "author"]


def test_same_author_twice_is_422(client: TestClient) -> None:
    r = client.get("/shared-collaborators", params=[("author", "Mao"), ("author", MAO_ID)])
    _error(r, 422, "invalid_query")


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/authors", {"q": "Zhang", "limit": 0}),
        ("/authors", {"q": "Zhang", "limit": "many"}),
        ("/authors", {"q": "Zhang", "offset": -1}),
        ("/authors", {}),
        ("/authors", {"q": "..."}),  # nothing left once normalised
        ("/path", {"from": "Mao", "to": "Zhuo", "max_hops": 21}),
        ("/papers", {"q": ""}),
        ("/topics", {"limit": 1001}),
    ],
)
def test_invalid_parameters_are_422(client: TestClient, url: str, params: dict[str, Any]) -> None:
    r = client.get(url, params=params)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] in {"invalid_request", "invalid_query"}


def test_method_not_allowed_has_the_error_shape(client: TestClient) -> None:
    _error(client.delete("/stats"), 405, "method_not_allowed")


def test_author_search_pages_are_slices_of_one_ranking(client: TestClient) -> None:
    full = client.get("/authors", params={"q": "Zhang", "limit": 100}).json()
    assert full["data"][0]["name"] == "Zili Zhang"
    assert full["count"] == len(full["data"]) >= 10
    page = client.get("/authors", params={"q": "Zhang", "limit": 3, "offset": 2}).json()
    assert page["count"] == full["count"]
    assert page["data"] == full["data"][2:5]
    scores = [c["score"] for c in full["data"]]
    assert scores == sorted(scores, reverse=True)


def test_author_profile(client: TestClient, seeded: GraphStore) -> None:
    body = client.get(f"/authors/{MAO_ID}").json()
    assert body["name"] == "Ziming Mao"
    assert body["has_profile"] is True
    assert body["metrics"]["paper_count"] == 15 == len(body["papers"])
    assert body["metrics"]["profile_paper_count"] == 15
    years = [p["year"] or 0 for p in body["papers"]]
    assert years == sorted(years, reverse=True)
    co = queries.coauthors(seeded, MAO_ID, limit=1000)
    assert body["metrics"]["coauthor_count"] == co.count
    top = body["top_coauthors"]
    assert len(top) == 10
    assert [c["papers"] for c in top] == sorted((c["papers"] for c in top), reverse=True)
    assert top[0]["papers"] == len(co.data[0].papers)
    assert "Shiyi Cao" in {c["name"] for c in top}
    topics = {t["id"]: t["papers"] for t in body["topics"]}
    assert topics["kw:large-language-models"] == 6
    page = client.get(f"/authors/{MAO_ID}", params={"limit": 4, "offset": 4}).json()
    assert page["papers"] == body["papers"][4:8]
    assert page["metrics"]["paper_count"] == 15


def test_coauthors_page(client: TestClient) -> None:
    full = client.get(f"/authors/{MAO_ID}/coauthors", params={"limit": 1000}).json()
    page = client.get(f"/authors/{MAO_ID}/coauthors", params={"limit": 5, "offset": 5}).json()
    assert page["count"] == full["count"] == len(full["data"])
    assert page["data"] == full["data"][5:10]


def test_paper_detail(client: TestClient) -> None:
    hit = client.get("/papers", params={"q": "EnergonAI"}).json()
    assert hit["count"] == 1
    pid = hit["data"][0]["id"]
    p = client.get(f"/papers/{pid}").json()
    assert p["title"].startswith("EnergonAI")
    assert [a["position"] for a in p["authors"]] == list(range(1, 8))
    assert p["authors"][1]["name"] == "Ziming Liu"
    assert p["authors_truncated"] is False
    assert p["author_count"] == 7  # the listing's "7 authors" (003, line 249)
    # the listing (line 245) and Liu's CV (line 140) both carry it: one paper, two sources
    assert sorted((s["format"], s["line"]) for s in p["sources"]) == [
        ("cv", 140),
        ("listing", 245),
    ]
    # keywords of its abstract ("tensor parallelism and pipeline parallelism")
    assert {"kw:tensor-parallelism", "kw:pipeline-parallelism"} <= {t["id"] for t in p["topics"]}


def test_identifier_fields_come_from_the_schema(client: TestClient, seeded: GraphStore) -> None:
    """Every identifier graph/schema.py declares is a field of the paper and author
    responses, in the OpenAPI document too, filled from the record's ``ids``."""
    models = client.get("/openapi.json").json()["components"]["schemas"]
    for model, label in (("PaperDetail", PAPER), ("AuthorProfile", AUTHOR)):
        assert {i.prop for i in identifiers_of(label)} <= set(models[model]["properties"])
    ids, _ = seeded.search_papers("", 1000, 0)
    for pid in ids:
        record = seeded.paper_detail(pid)
        assert record is not None
        body = client.get(f"/papers/{pid}").json()
        assert {i.prop: body[i.prop] for i in identifiers_of(PAPER) if body[i.prop]} == record.ids
    mao = client.get(f"/authors/{MAO_ID}").json()
    assert all(mao[i.prop] is None for i in identifiers_of(AUTHOR))  # the seeds have none


def test_topics_and_venues(client: TestClient, seeded: GraphStore) -> None:
    counts = seeded.counts()["nodes"]
    topics = client.get("/topics", params={"limit": 1000}).json()
    assert topics["count"] == counts["Topic"] == len(topics["data"])
    page = client.get("/topics", params={"limit": 7, "offset": 3}).json()
    assert page["data"] == topics["data"][3:10]
    venues = client.get("/venues").json()
    assert venues["count"] == counts["Venue"] == len(venues["data"])
    assert (
        sum(v["paper_count"] for v in venues["data"])
        == seeded.counts()["relationships"]["PUBLISHED_IN"]
    )
    t = client.get("/topics/arxiv:cs.AI").json()
    listed = next(x for x in topics["data"] if x["id"] == "arxiv:cs.AI")
    assert t["paper_count"] == listed["paper_count"] == len(t["papers"])
    assert t["author_count"] == len(t["authors"]) > 0
    assert "Danyang Zhuo" in {a["name"] for a in t["authors"]}


def test_health_and_stats(client: TestClient, seeded: GraphStore) -> None:
    h = client.get("/health").json()
    assert h == {"status": "ok", "store": seeded.kind, "reachable": True, "message": None}
    assert client.get("/stats").json()["nodes"]["Paper"] == 124


@pytest.mark.neo4j
def test_both_stores_give_identical_answers(
    embedded_client: TestClient, neo4j_client: TestClient
) -> None:
    for url in (
        f"/authors/{MAO_ID}",
        "/topics/kw:large-language-models",
        "/venues",
        "/topics?limit=1000",
        "/papers/P00be5837a1c55b61",
    ):
        a, b = embedded_client.get(url), neo4j_client.get(url)
        assert a.status_code == b.status_code == 200, (url, a.text, b.text)
        assert a.json() == b.json(), url
