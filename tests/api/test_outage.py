"""Neo4j going away mid-run: the API answers 503 in the error shape (never a 500), and
answers again by itself once the server is back, with no restart of the app.

The server is stopped and started with scripts/neo4j (same data, same password); it is
started again even when the test fails.
"""

from __future__ import annotations

import os
import subprocess
import time
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from graph.store.base import GraphStore
from tests.conftest import ROOT

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

SCRIPT = ROOT / "scripts" / "neo4j"


def _script(command: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    # `start` writes the Bolt port into the server's conf: keep the one the tests use
    env["NEO4J_BOLT_PORT"] = str(urlsplit(os.environ["NEO4J_URI"]).port or 7687)
    return subprocess.run(
        [str(SCRIPT), command], env=env, capture_output=True, text=True, timeout=600
    )


def test_outage_gives_503_and_the_api_recovers(
    neo4j_client: TestClient, seeded_neo4j: GraphStore
) -> None:
    status = _script("status")
    port = urlsplit(os.environ["NEO4J_URI"]).port or 7687
    assert status.returncode == 0 and f":{port}," in status.stdout, (
        f"the Neo4j of NEO4J_URI is not the one scripts/neo4j manages: {status.stdout}"
    )
    names = [("author", "Mao"), ("author", "Zhuo"), ("author", "Zhang")]
    before = neo4j_client.get("/shared-collaborators", params=names)
    stats_before = neo4j_client.get("/stats")
    assert before.status_code == stats_before.status_code == 200

    stopped = _script("stop")
    try:
        assert stopped.returncode == 0, stopped.stderr
        for method, url, kwargs in (
            ("GET", "/stats", {}),
            ("GET", "/shared-collaborators", {"params": names}),
            ("GET", "/authors", {"params": {"q": "Zhang"}}),
            ("POST", "/cypher", {"json": {"query": "RETURN 1"}}),
        ):
            t0 = time.monotonic()
            r = neo4j_client.request(method, url, **kwargs)
            waited = time.monotonic() - t0
            print(f"\noutage: {method} {url} -> {r.status_code} in {waited:.1f} s")
            assert r.status_code == 503, (url, r.text)
            assert waited < 30  # the driver's retries are bounded (max_transaction_retry_time)
            err = r.json()["error"]
            assert err["code"] == "store_unavailable"
            assert "not reachable" in err["message"]
            assert "Traceback" not in r.text
        health = neo4j_client.get("/health")
        assert health.status_code == 200
        assert health.json()["reachable"] is False
        assert health.json()["status"] == "unavailable"
    finally:
        started = _script("start")
    assert started.returncode == 0, started.stderr

    # the same app and driver: no restart, the driver reconnects on its own
    t0 = time.monotonic()
    deadline = t0 + 60
    r = neo4j_client.get("/stats")
    while r.status_code != 200 and time.monotonic() < deadline:
        time.sleep(1)
        r = neo4j_client.get("/stats")
    assert r.status_code == 200, r.text
    print(f"recovered: first 200 {time.monotonic() - t0:.1f} s after `scripts/neo4j start`")
    assert r.json() == stats_before.json()
    after = neo4j_client.get("/shared-collaborators", params=names)
    assert after.status_code == 200
    assert after.json() == before.json()
    assert neo4j_client.get("/health").json()["reachable"] is True
