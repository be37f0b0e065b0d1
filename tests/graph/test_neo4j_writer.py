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
    PaperRow,
    SourceRow,
)
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
        cypher.MERGE_PAPERS,
        cypher.MERGE_SOURCES,
        cypher.MERGE_AUTHORED,
        cypher.MERGE_PAPER_SOURCE,
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
                "orcid": None,
                "dblp_pid": None,
                "openalex_id": None,
                "has_profile": False,
                "h_index": None,
                "citations": None,
                "profile_paper_count": None,
                "novelty": None,
                "ai_score": None,
                "affiliations": [],
            }
        ]
    }
    assert params[cypher.MERGE_AUTHORED] == {
        "rows": [
            {
                "author_id": "A1",
                "paper_id": "P1",
                "position": 1,
                "inferred": False,
                "equal_contribution": False,
            }
        ]
    }
    assert params[cypher.MERGE_PAPER_SOURCE] == {
        "rows": [{"node_id": "P1", "source_id": "S1", "line": 12}]
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
    ):
        assert stmt.lstrip().startswith("UNWIND $rows AS r")
        assert "MERGE" in stmt
        assert "CREATE" not in stmt.replace("ON CREATE SET", "")
        assert "'" not in stmt  # no literals: every value is a parameter


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
