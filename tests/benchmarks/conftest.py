"""A throwaway Neo4j for the benchmark tests: a home and a port of its own for this test
session (never the server the rest of the suite shares, since these tests replace its
database, nor another session's), started through scripts/neo4j and removed at the end.
If it cannot be started the tests FAIL, as every Neo4j test does."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.server import BenchNeo4j

_CACHE = Path(os.environ.get("COAUTHOR_KG_CACHE", Path.home() / ".cache" / "coauthor-kg"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def bench_neo4j() -> Iterator[BenchNeo4j]:
    home = _CACHE / f"neo4j-benchtest-{os.getpid()}"
    server = BenchNeo4j(home, _free_port(), heap="1g", pagecache="512m")
    try:
        try:
            server.ensure_running()
        except Exception as exc:  # any failure to start is a test failure
            pytest.fail(f"the benchmark tests need their own Neo4j and it did not start: {exc}")
        yield server
    finally:
        server.local.stop()
        shutil.rmtree(home, ignore_errors=True)
