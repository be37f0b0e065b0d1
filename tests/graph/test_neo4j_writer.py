"""The Neo4j writer's exact Cypher and parameters (fast: no server), and the errors a
user sees when the server is missing."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from graph.errors import StoreUnavailableError
from graph.model import (
    AuthoredRow,
    AuthorRow,
    FromSourceRow,
    GraphBatch,
    HasTopicRow,
    PaperRow,
    PublishedInRow,
    SourceRow,
    TopicRow,
    VenueRow,
)
from graph.schema import AUTHOR, PAPER, identifiers_of
from graph.settings import Settings
from graph.store import cypher
from graph.store.neo4j import Neo4jStore


def _batch() -> GraphBatch:
    return GraphBatch(
        authors=[AuthorRow("A1", "Ziming Mao", "ziming mao", "mao", aliases=["Ziming Mao"])],
        papers=[PaperRow("P1", "UCCL-EP", "uccl ep", year=2025, authors_truncated=True)],
        sources=[SourceRow("S1", "seeds/000.txt", "profile", "abc", "2026-06-18T00:00:00+00:00")],
        authored=[AuthoredRow("A1", "P1", 1, False)],
        from_source=[FromSourceRow("P1", "S1", 12), FromSourceRow("A1", "S1", 1)],
    )


def test_batch_statements_exact_cypher_and_parameters() -> None:
    statements = Neo4jStore.batch_statements(_batch())
    assert [s for s, _ in statements] == [
        cypher.MERGE_AUTHORS,
        cypher.MERGE_SOURCES,
        cypher.MERGE_PAPER_GRAPH,
        cypher.MERGE_AUTHOR_SOURCE,
    ]
    params = dict(statements)
    assert params[cypher.MERGE_AUTHORS] == {
        "rows": [
            {
                "id": "A1",
                "name": "Ziming Mao",
                "name_key": "ziming mao",
                "surname_key": "mao",
                "aliases": ["Ziming Mao"],
                **{kind.prop: None for kind in identifiers_of(AUTHOR)},
                "has_profile": False,
                "h_index": None,
                "citations": None,
                "profile_paper_count": None,
                "novelty": None,
                "ai_score": None,
                "affiliations": [],
                "initial_key": "z mao",
                "given_key": "ziming",
                "initials_only": False,
                "created_by": None,
                "emails": (),
            }
        ]
    }
    # one row per paper: its properties and its relationship rows, without the paper id
    assert params[cypher.MERGE_PAPER_GRAPH] == {
        "rows": [
            {
                "paper": {
                    "id": "P1",
                    "title": "UCCL-EP",
                    "title_key": "uccl ep",
                    "year": 2025,
                    "date": None,
                    "abstract": None,
                    **{kind.prop: None for kind in identifiers_of(PAPER)},
                    "url": None,
                    "code_url": None,
                    "has_code": False,
                    "author_count": None,
                    "authors_truncated": True,
                    "score": None,
                    "upvotes": None,
                    "organization": None,
                    "cited_by": None,
                    "year_published": False,
                    "cited_only": False,
                    "cited_key": None,
                    "first_author": None,
                },
                "authored": [
                    {
                        "author_id": "A1",
                        "position": 1,
                        "inferred": False,
                        "equal_contribution": False,
                        "sources": (),
                        "evidence": "new",
                        "strength": 1.0,
                        "weak": False,
                        "occurrences": (),
                    }
                ],
                "published_in": [],
                "has_topic": [],
                "from_source": [{"source_id": "S1", "line": 12}],
            }
        ]
    }
    assert params[cypher.MERGE_AUTHOR_SOURCE] == {
        "rows": [{"node_id": "A1", "source_id": "S1", "line": 1}]
    }


def test_writes_are_unwind_merge_with_parameters_only() -> None:
    for stmt in (
        cypher.MERGE_AUTHORS,
        cypher.MERGE_PAPERS,
        cypher.MERGE_VENUES,
        cypher.MERGE_TOPICS,
        cypher.MERGE_SOURCES,
        cypher.MERGE_AUTHORED,
        cypher.MERGE_PUBLISHED_IN,
        cypher.MERGE_HAS_TOPIC,
        cypher.MERGE_PAPER_SOURCE,
        cypher.MERGE_AUTHOR_SOURCE,
        cypher.MERGE_PAPER_GRAPH,
    ):
        assert stmt.lstrip().startswith("UNWIND $rows AS r")
        assert "MERGE" in stmt
        if stmt is not cypher.MERGE_PAPER_GRAPH:
            assert "CREATE" not in stmt.replace("ON CREATE SET", "")
        assert "'" not in stmt  # no literals: every value is a parameter


def test_paper_graph_restates_the_per_relationship_merge_rules() -> None:
    """The paper-centric statement carries each per-label statement's MERGE ... ON
    CREATE/ON MATCH text verbatim (the parity tests hold those to graph/resolve.py)."""
    graph = cypher.MERGE_PAPER_GRAPH
    tails = {
        cypher.MERGE_PAPERS: "MERGE (p:Paper",
        cypher.MERGE_AUTHORED: "MERGE (a)-[e:AUTHORED]",
        cypher.MERGE_PUBLISHED_IN: "MERGE (p)-[e:PUBLISHED_IN]",
        cypher.MERGE_HAS_TOPIC: "MERGE (p)-[e:HAS_TOPIC]",
        cypher.MERGE_PAPER_SOURCE: "MERGE (n)-[e:FROM_SOURCE]",
    }
    for stmt, start in tails.items():
        tail = stmt[stmt.index(start) :]
        assert tail.strip() and tail in graph
    # a relationship is CREATEd only for a paper that did not exist before the statement
    assert "OPTIONAL MATCH (old:Paper {id: r.id})\nWITH row, r, old IS NULL AS fresh\n" in graph
    subqueries = graph.split("CALL (p, row, fresh) {")[1:]
    assert len(subqueries) == 8
    for sub in subqueries:
        created = "CREATE" in sub.replace("ON CREATE SET", "")
        assert sub.startswith("\nWITH * WHERE fresh\n" if created else "\nWITH * WHERE NOT fresh\n")
    # the CREATE branch sets exactly what the MERGE's ON CREATE branch sets
    assert (
        "CREATE (a)-[e:AUTHORED]->(p)\nSET e.position = r.position, e.inferred = r.inferred,\n"
        "  e.equal_contribution = r.equal_contribution, e.sources = r.sources,\n"
        "  e.evidence = r.evidence, e.strength = r.strength, e.weak = r.weak,\n"
        "  e.occurrences = r.occurrences\n}"
    ) in graph
    assert "CREATE (p)-[e:PUBLISHED_IN]->(v)\nSET e.year = r.year\n}" in graph
    assert "CREATE (p)-[e:HAS_TOPIC]->(t)\nSET e.source = r.source\n}" in graph
    assert "CREATE (n)-[e:FROM_SOURCE]->(s)\nSET e.line = r.line\n}" in graph


def _orphan_batch() -> GraphBatch:
    """P1 has a row; P0 (written by an earlier batch) has only relationship rows; P1 is
    listed twice, and so are A1's authorship of P1 and P1's source line."""
    return GraphBatch(
        papers=[
            PaperRow("P1", "One", "one", year=2021),
            PaperRow("P1", "One", "one", year=2020, ids={"doi": "10.1/x"}),
        ],
        sources=[SourceRow("S1", "a.xml", "dblp", "abc", "2026-06-18T00:00:00+00:00")],
        authored=[
            AuthoredRow("A1", "P0", None, True),
            AuthoredRow("A1", "P1", 2, False),
            AuthoredRow("A1", "P1", None, True, equal_contribution=True),
        ],
        published_in=[PublishedInRow("P0", "V1", 2020), PublishedInRow("P1", "V1", 2021)],
        has_topic=[HasTopicRow("P0", "T1", "keyword"), HasTopicRow("P1", "T1", "keyword")],
        from_source=[
            FromSourceRow("P0", "S1", 3),
            FromSourceRow("P1", "S1", 4),
            FromSourceRow("P1", "S1", 9),
        ],
    )


def test_relationship_rows_without_a_paper_row_keep_their_own_statements() -> None:
    statements = Neo4jStore.batch_statements(_orphan_batch())
    assert [s for s, _ in statements] == [
        cypher.MERGE_SOURCES,
        cypher.MERGE_PAPER_GRAPH,
        cypher.MERGE_PAPERS,
        cypher.MERGE_AUTHORED,
        cypher.MERGE_PUBLISHED_IN,
        cypher.MERGE_HAS_TOPIC,
        cypher.MERGE_PAPER_SOURCE,
    ]
    params = dict(statements)
    (row,) = params[cypher.MERGE_PAPER_GRAPH]["rows"]
    assert row["paper"]["year"] == 2021  # the first row; the second merges after it
    # one row per relationship, folded as merging them in order would
    assert row["authored"] == [
        {
            "author_id": "A1",
            "position": 2,
            "inferred": False,
            "equal_contribution": True,
            "sources": (),
            "evidence": "new",
            "strength": 1.0,
            "weak": False,
            "occurrences": (),
        }
    ]
    assert row["published_in"] == [{"venue_id": "V1", "year": 2021}]
    assert row["has_topic"] == [{"topic_id": "T1", "source": "keyword"}]
    assert row["from_source"] == [{"source_id": "S1", "line": 4}]  # the first line wins
    assert [r["year"] for r in params[cypher.MERGE_PAPERS]["rows"]] == [2020]
    assert [r["paper_id"] for r in params[cypher.MERGE_AUTHORED]["rows"]] == ["P0"]
    assert [r["paper_id"] for r in params[cypher.MERGE_PUBLISHED_IN]["rows"]] == ["P0"]
    assert [r["paper_id"] for r in params[cypher.MERGE_HAS_TOPIC]["rows"]] == ["P0"]
    assert params[cypher.MERGE_PAPER_SOURCE] == {
        "rows": [{"node_id": "P0", "source_id": "S1", "line": 3}]
    }


def _first_batch() -> GraphBatch:
    return GraphBatch(
        authors=[
            AuthorRow("A1", "Ann Lee", "ann lee", "lee"),
            AuthorRow("A2", "Bo Li", "bo li", "li"),
        ],
        papers=[PaperRow("P0", "Zero", "zero", year=2020)],
        venues=[VenueRow("V1", "ICML", "ICML", "conference")],
        topics=[TopicRow("T1", "graphs", "keyword"), TopicRow("T2", "cs.LG", "arxiv_category")],
        sources=[SourceRow("S1", "a.xml", "dblp", "abc", "2026-06-18T00:00:00+00:00")],
        authored=[AuthoredRow("A2", "P0", 1, True)],
        has_topic=[HasTopicRow("P0", "T2", "arxiv_category")],
        from_source=[FromSourceRow("P0", "S1", 1), FromSourceRow("A1", "S1", 2)],
    )


def test_relationship_rows_of_a_paper_written_earlier_land(empty_store) -> None:  # type: ignore[no-untyped-def]
    """A batch whose relationship rows name a paper with no row in the batch (written by
    an earlier batch): every row lands, and writing both batches again changes nothing."""
    store = empty_store
    store.write(_first_batch())
    store.write(_orphan_batch())
    counts = store.counts()
    assert counts == {
        "nodes": {"Author": 2, "Paper": 2, "Venue": 1, "Topic": 2, "Source": 1, "Institution": 0},
        "relationships": {
            "AUTHORED": 3,
            "PUBLISHED_IN": 2,
            "HAS_TOPIC": 3,
            "FROM_SOURCE": 3,
            "AFFILIATED_WITH": 0,
            "CITES": 0,
        },
        "cited_only": {"Paper": 0},
    }
    p0 = store.paper_detail("P0")
    assert [(a.id, a.position, a.inferred) for a in p0.authors] == [
        ("A2", 1, True),
        ("A1", None, True),
    ]
    assert [(v.id, v.year) for v in p0.venues] == [("V1", 2020)]
    assert [(t.id, t.source) for t in p0.topics] == [
        ("T1", "keyword"),
        ("T2", "arxiv_category"),
    ]
    assert [(s.id, s.line) for s in p0.sources] == [("S1", 1)]
    p1 = store.paper_detail("P1")
    assert (p1.year, p1.ids.get("doi")) == (2020, "10.1/x")
    assert [(s.id, s.line) for s in p1.sources] == [("S1", 4)]
    assert [(a.id, a.position, a.inferred, a.equal_contribution) for a in p1.authors] == [
        ("A1", 2, False, True)
    ]
    details = {pid: store.paper_detail(pid) for pid in ("P0", "P1")}
    store.write(_first_batch())
    store.write(_orphan_batch())
    assert store.counts() == counts
    assert {pid: store.paper_detail(pid) for pid in ("P0", "P1")} == details


def test_empty_batch_sends_nothing() -> None:
    assert Neo4jStore.batch_statements(GraphBatch()) == []


def test_schema_is_idempotent_ddl() -> None:
    assert all("IF NOT EXISTS" in s for s in cypher.SCHEMA)
    labels = {"Author", "Paper", "Venue", "Topic", "Source"}
    assert all(any(f"(n:{lb}) REQUIRE n.id IS UNIQUE" in s for s in cypher.SCHEMA) for lb in labels)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_neo4j_names_the_uri() -> None:
    uri = f"bolt://127.0.0.1:{_free_port()}"
    store = Neo4jStore.from_settings(Settings(NEO4J_URI=uri, NEO4J_PASSWORD="x" * 8))
    with pytest.raises(StoreUnavailableError) as exc:
        store.counts()
    assert uri in exc.value.message
    assert exc.value.status == 503
    store.close()


def test_cli_with_unreachable_neo4j_prints_a_message_not_a_traceback(tmp_path) -> None:  # type: ignore[no-untyped-def]
    uri = f"neo4j://127.0.0.1:{_free_port()}"
    env = {"NEO4J_URI": uri, "NEO4J_PASSWORD": "whatever1", "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-m", "api.cli", "stats"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 3
    assert uri in run.stderr
    assert "Traceback" not in run.stderr + run.stdout


def test_bad_neo4j_uri_is_refused_by_settings() -> None:
    with pytest.raises(ValueError, match="NEO4J_URI must start with"):
        Settings(NEO4J_URI="http://localhost:7474")
