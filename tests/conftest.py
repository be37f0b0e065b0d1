"""Shared fixtures. The store fixtures run every store test on both stores.

The Neo4j half runs against a real server. If ``NEO4J_URI`` is not set, the fixture
starts one with ``scripts/neo4j start`` (the same script the test command uses); if the
server cannot be had, the tests FAIL: a missing server is never a silent skip.

Every test that reaches Neo4j carries the ``neo4j`` mark and every test that drives
Chromium the ``browser`` mark (a parametrized store fixture marks its Neo4j parameter),
so ``pytest -m "not neo4j and not browser"`` needs neither a JVM nor Chromium. That is
enforced, not hoped for: collection refuses a test that requests a Neo4j or browser
fixture without the mark, and the fixtures that pick a store at run time refuse an
unmarked test.

Tests marked ``realdata`` read the samples in ``../shared/realdata``. Without them the
tests are skipped on a developer's machine and FAIL when ``CI=true``.
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
STORE_KINDS = ("embedded", pytest.param("neo4j", marks=pytest.mark.neo4j))

NEO4J_FIXTURES = frozenset(
    {"neo4j_settings", "neo4j_store_session", "seeded_neo4j", "neo4j_client", "bench_neo4j"}
)
BROWSER_FIXTURES = frozenset({"browser"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Refuse a test that requests a Neo4j or browser fixture without the matching mark:
    it would start a server (or fail for want of one) in the fast loop."""
    unmarked = [
        f"{item.nodeid}: uses {', '.join(sorted(used))} without the {mark} mark"
        for item in items
        for mark, fixtures in (("neo4j", NEO4J_FIXTURES), ("browser", BROWSER_FIXTURES))
        if (used := fixtures.intersection(getattr(item, "fixturenames", ())))
        and item.get_closest_marker(mark) is None
    ]
    if unmarked:
        raise pytest.UsageError("\n".join(unmarked))


def neo4j_fixture(request: pytest.FixtureRequest, name: str) -> GraphStore:
    """``request.getfixturevalue(name)`` for a Neo4j fixture chosen at run time (which
    collection cannot see), refused to a test without the ``neo4j`` mark."""
    if request.node.get_closest_marker("neo4j") is None:
        pytest.fail(f"{request.node.nodeid} reaches Neo4j ({name}) without the neo4j mark")
    store: GraphStore = request.getfixturevalue(name)
    return store


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A ``realdata`` test without ../shared/realdata: skipped locally, failed on CI."""
    if item.get_closest_marker("realdata") is None or REALDATA.is_dir():
        return
    message = f"the shared real data is not present at {REALDATA}"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (CI=true: real-data tests must run)", pytrace=False)
    pytest.skip(message)


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
    store = neo4j_fixture(request, "neo4j_store_session")
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
    if request.param == "embedded":
        store: GraphStore = request.getfixturevalue("seeded_embedded")
        return store
    return neo4j_fixture(request, "seeded_neo4j")
