"""docs/cypher.md, run: every recipe against the real Neo4j holding the seeds, with the
parameters its ``:params`` line sets, gives the catalogue's answer."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from graph import queries
from graph.projection import Window
from graph.store.base import GraphStore
from graph.store.neo4j import Neo4jStore
from tests.conftest import ROOT

COOKBOOK = ROOT / "docs" / "cypher.md"
_RECIPE = re.compile(
    r"<!-- recipe: (\w+) -->\n(?:```\n:params (\{.*?\})\n```\n)?```cypher\n(.*?)```", re.S
)
Rows = list[dict[str, Any]]


def recipes() -> dict[str, tuple[str, str]]:
    found = {m[1]: (m[2] or "{}", m[3]) for m in _RECIPE.finditer(COOKBOOK.read_text("utf-8"))}
    assert found, "no recipe found in docs/cypher.md"
    return found


def _run(store: Neo4jStore, params_map: str, query: str) -> tuple[dict[str, Any], Rows]:
    with store.driver.session(database=store.database) as s:
        params = s.run(f"RETURN {params_map} AS p").single()["p"]  # the doc's :params
        rows = [r.data() for r in s.run(query, params)]
    return params, rows


def _names(store: GraphStore, ids: list[str]) -> list[str]:
    found = {a.id: a.name for a in store.get_authors(ids)}
    return [found[i] for i in ids]


def _path_names(answer: Any) -> list[str]:
    return [h.from_ for h in answer.hops] + [answer.hops[-1].to]


def check_resolve(store: GraphStore, p: dict[str, Any], rows: Rows) -> None:
    assert rows[0]["id"] == queries.resolve_name(store, p["key"]).id


def check_coauthors(store: GraphStore, p: dict[str, Any], rows: Rows) -> None:
    answer = queries.coauthors(store, p["id"], limit=1000, window=Window(p["since"], p["until"]))
    assert rows == [{"id": c.id, "name": c.name, "papers": len(c.papers)} for c in answer.data]


def check_shared(store: GraphStore, p: dict[str, Any], rows: Rows) -> None:
    answer = queries.shared_collaborators(store, p["ids"], window=Window(p["since"], p["until"]))
    assert rows and rows == [
        {"id": c.id, "name": c.name, "papers": len(c.papers)} for c in answer.shared_by_all
    ]


def check_topics(store: GraphStore, p: dict[str, Any], rows: Rows) -> None:
    answer = queries.topic_overlap(store, p["ids"])
    names = dict(zip(p["ids"], _names(store, p["ids"]), strict=True))
    assert [(r["id"], {names[a]: n for a, n in r["per_author"]}) for r in rows] == [
        (t.id, t.papers) for t in answer.shared_by_all
    ]


def check_topic_similarity(store: GraphStore, p: dict[str, Any], rows: Rows) -> None:
    (pair,) = queries.topic_overlap(store, [p["a"], p["b"]]).pairwise
    assert rows == [{"jaccard": pair.jaccard, "cosine": pair.cosine}]


def check_path(store: GraphStore, p: dict[str, Any], rows: Rows) -> None:
    answer = queries.collaboration_path(store, p["from"], p["to"])
    assert rows == [{"authors": _path_names(answer), "hops": answer.length}]


def check_hop_paper(store: GraphStore, p: dict[str, Any], rows: Rows) -> None:
    answer = queries.collaboration_path(store, p["a"], p["b"])
    (hop,) = answer.hops
    assert rows == [{"id": hop.paper.id, "title": hop.paper.title}]


def check_k_paths(store: GraphStore, p: dict[str, Any], rows: Rows) -> None:
    answer = queries.collaboration_paths(store, p["from"], p["to"], k=p["k"], max_hops=3)
    assert rows == [{"authors": _path_names(path), "hops": path.length} for path in answer.paths]


def check_strongest(store: GraphStore, p: dict[str, Any], rows: Rows) -> None:
    answer = queries.collaboration_path(store, p["from"], p["to"], 3, strongest=True)
    assert [r["authors"] for r in rows] == [_path_names(answer)]


def check_distances(store: GraphStore, p: dict[str, Any], rows: Rows) -> None:
    answer = queries.distances(store, p["id"])
    assert rows == [{"hops": d.hops, "authors": d.authors} for d in answer.distribution]


def check_second_degree(store: GraphStore, p: dict[str, Any], rows: Rows) -> None:
    answer = queries.second_degree(store, p["id"], limit=1000)
    assert [(r["id"], sorted(r["common_coauthors"])) for r in rows] == [
        (s.id, [c.id for c in s.common_coauthors]) for s in answer.data
    ]


def check_recommend(store: GraphStore, p: dict[str, Any], rows: Rows) -> None:
    answer = queries.recommend(store, p["ids"], top=p["top"])
    assert [
        (
            r["id"],
            r["score"],
            r["adamic_adar"],
            r["topic_similarity"],
            sorted(r["common_coauthors"]),
        )
        for r in rows
    ] == [
        (
            c.id,
            c.score,
            c.adamic_adar,
            c.topic_similarity,
            sorted(x.name for x in c.common_coauthors),
        )
        for c in answer.candidates
    ]


def check_degree(store: GraphStore, p: dict[str, Any], rows: Rows) -> None:
    answer = queries.central(store, "degree", top=p["top"])
    assert rows == [{"id": a.id, "name": a.name, "coauthors": a.coauthors} for a in answer.data]


def check_timeline(store: GraphStore, p: dict[str, Any], rows: Rows) -> None:
    answer = queries.timeline(store, [p["id"]])
    (name,) = _names(store, [p["id"]])
    assert rows == [
        {"year": y.year, "papers": y.papers[name], "new_coauthors": len(y.new_coauthors[name])}
        for y in answer.years
    ]


def check_timeline_pair(store: GraphStore, p: dict[str, Any], rows: Rows) -> None:
    answer = queries.timeline(store, [p["a"], p["b"]])
    assert rows and rows == [
        {"year": y.year, "joint_papers": y.joint_papers} for y in answer.years if y.joint_papers
    ]


def check_papers(store: GraphStore, p: dict[str, Any], rows: Rows) -> None:
    answer = queries.search_papers(store, p["text"], limit=1000)
    assert [r["id"] for r in rows] == sorted(h.id for h in answer.data)
    assert len(rows) == answer.count


def check_stats(store: GraphStore, p: dict[str, Any], rows: Rows) -> None:
    nodes = queries.stats(store).nodes
    assert {r["label"]: r["nodes"] for r in rows} == {k: n for k, n in nodes.items() if n}


CHECKS: dict[str, Callable[[GraphStore, dict[str, Any], Rows], None]] = {
    name.removeprefix("check_"): fn for name, fn in globals().items() if name.startswith("check_")
}


def test_every_recipe_has_a_check() -> None:
    assert set(recipes()) == set(CHECKS)


@pytest.mark.neo4j
@pytest.mark.parametrize("name", sorted(CHECKS))
def test_recipe_gives_the_catalogues_answer(seeded_neo4j: GraphStore, name: str) -> None:
    assert isinstance(seeded_neo4j, Neo4jStore)
    params_map, query = recipes()[name]
    params, rows = _run(seeded_neo4j, params_map, query)
    CHECKS[name](seeded_neo4j, params, rows)
