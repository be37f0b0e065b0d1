"""Shared fixtures. The store fixtures run every store test on both stores.

The Neo4j half runs against a real server. If ``NEO4J_URI`` is not set, the fixture
starts one with ``scripts/neo4j start`` (the same script the test command uses); if the
server cannot be had, the tests FAIL: a missing server is never a silent skip.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.ingest import load_paths
from graph.store.base import GraphStore
from graph.store.memory import MemoryStore

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
REALDATA = ROOT.parent / "shared" / "realdata"
STORE_KINDS = ("embedded", "neo4j")


def _neo4j_env() -> dict[str, str]:
    """NEO4J_* settings of a running server, starting one if none is configured."""
    if os.environ.get("NEO4J_URI"):
        return {k: v for k, v in os.environ.items() if k.startswith("NEO4J_")}
    script = ROOT / "scripts" / "neo4j"
    start = subprocess.run([str(script), "start"], capture_output=True, text=True, timeout=900)
    if start.returncode != 0:
        pytest.fail(
            "Neo4j is required for these tests and `scripts/neo4j start` failed:\n"
            + start.stdout[-3000:]
            + start.stderr[-3000:]
        )
    out = subprocess.run([str(script), "env"], capture_output=True, text=True, check=True)
    env: dict[str, str] = {}
    for line in out.stdout.splitlines():
        if line.startswith("export "):
            key, _, value = line[len("export ") :].partition("=")
            env[key] = shlex.split(value)[0] if value else ""
    os.environ.update(env)
    return env


@pytest.fixture(scope="session")
def neo4j_settings():  # type: ignore[no-untyped-def]
    from graph.settings import Settings

    env = _neo4j_env()
    return Settings(
        NEO4J_URI=env["NEO4J_URI"],
        NEO4J_USERNAME=env.get("NEO4J_USERNAME", "neo4j"),
        NEO4J_PASSWORD=env.get("NEO4J_PASSWORD"),
        NEO4J_DATABASE=env.get("NEO4J_DATABASE", "neo4j"),
    )


@pytest.fixture(scope="session")
def neo4j_store_session(neo4j_settings) -> Iterator[GraphStore]:  # type: ignore[no-untyped-def]
    from graph.store.neo4j import Neo4jStore

    store = Neo4jStore.from_settings(neo4j_settings)
    store.ensure_schema()
    # Start from nothing: a database seeded by another checkout has the same counts
    # (which `seeded_neo4j` compares) but other source paths.
    store.clear()
    yield store
    store.close()


def _fresh(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> GraphStore:
    if kind == "embedded":
        return MemoryStore(tmp_path / "store")
    store: GraphStore = request.getfixturevalue("neo4j_store_session")
    store.clear()
    return store


@pytest.fixture(params=STORE_KINDS)
def empty_store(request: pytest.FixtureRequest, tmp_path: Path) -> GraphStore:
    """An empty store of each kind."""
    return _fresh(request.param, request, tmp_path)


@pytest.fixture(scope="session")
def seeded_embedded() -> MemoryStore:
    store = MemoryStore(None)
    load_paths(store, [SEEDS])
    return store


@pytest.fixture
def seeded_neo4j(neo4j_store_session: GraphStore, seeded_embedded: MemoryStore) -> GraphStore:
    """Neo4j holding exactly the seeds. Tests that need an empty store share the one
    database, so reload only when the counts show someone changed it."""
    if neo4j_store_session.counts() != seeded_embedded.counts():
        neo4j_store_session.clear()
        load_paths(neo4j_store_session, [SEEDS])
    return neo4j_store_session


@pytest.fixture(params=STORE_KINDS)
def seeded(request: pytest.FixtureRequest) -> GraphStore:
    """The seeds loaded once per session into each store (read-only tests only)."""
    fixture = "seeded_embedded" if request.param == "embedded" else "seeded_neo4j"
    store: GraphStore = request.getfixturevalue(fixture)
    return store
