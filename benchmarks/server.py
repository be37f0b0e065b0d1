"""The benchmark's own Neo4j: a separate NEO4J_HOME and Bolt port, never the test server.

The runner empties its database between phases, so it must never point at the server
the test suite (or a user) keeps data in: it refuses the default home. Memory settings
go through scripts/neo4j's environment (NEO4J_HEAP_MAX, NEO4J_PAGECACHE).
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from graph.bulk import LocalNeo4j
from graph.settings import Settings
from graph.store.neo4j import Neo4jStore

__all__ = ["DEFAULT_BENCH_HOME", "DEFAULT_BENCH_PORT", "BenchNeo4j"]

_CACHE = Path(os.environ.get("COAUTHOR_KG_CACHE", Path.home() / ".cache" / "coauthor-kg"))
DEFAULT_BENCH_HOME = _CACHE / "neo4j-bench"
DEFAULT_BENCH_PORT = 7697
_SHARED_HOME = _CACHE / "neo4j-home"


@dataclass
class BenchNeo4j:
    """Start/stop/empty the benchmark server; remembers whether this run started it."""

    home: Path = DEFAULT_BENCH_HOME
    port: int = DEFAULT_BENCH_PORT
    heap: str = "4g"
    pagecache: str = "4g"
    started_here: bool = False
    _local: LocalNeo4j = field(init=False)

    def __post_init__(self) -> None:
        if self.home.resolve() == _SHARED_HOME.resolve():
            raise ValueError(
                f"{self.home} is the shared Neo4j home the tests use; the benchmark empties "
                "its database, so give it a home of its own (--neo4j-home)"
            )
        self._local = LocalNeo4j(
            home=self.home,
            bolt_port=self.port,
            env={
                "NEO4J_HEAP_INITIAL": self.heap,
                "NEO4J_HEAP_MAX": self.heap,
                "NEO4J_PAGECACHE": self.pagecache,
            },
        )

    @property
    def local(self) -> LocalNeo4j:
        return self._local

    def ensure_running(self) -> None:
        if not self._local.running():
            self._local.start()
            self.started_here = True

    def settings(self) -> Settings:
        return self._local.settings()

    def store(self) -> Neo4jStore:
        return Neo4jStore.from_settings(self.settings())

    def empty(self) -> float:
        """Make the database empty: stop, delete its store and transaction files, start
        (Neo4j creates an empty store on start). Seconds taken. Far faster than deleting
        a million nodes through Cypher."""
        t = time.perf_counter()
        self._local.stop()
        data = self.home / "data"
        for sub in ("databases/neo4j", "transactions/neo4j"):
            shutil.rmtree(data / sub, ignore_errors=True)
        self._local.start()
        return time.perf_counter() - t

    def stop_if_started(self) -> None:
        if self.started_here and self._local.running():
            self._local.stop()
            self.started_here = False
