"""POST /cypher on the real Neo4j: reads answer, every kind of write is refused with
403 and changes nothing (counted before and after), a runaway query is cut off (504).
On the embedded store it is 501."""

from __future__ import annotations

import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.store.base import GraphStore
from tests.api.conftest import make_client

pytestmark = pytest.mark.neo4j

WRITES = [
    "CREATE (n:ApiProbe) RETURN n",
    "MATCH (a:Author) WITH a LIMIT 1 CREATE (n:ApiProbe) RETURN n",
    "/* comment first */ CREATE (n:ApiProbe)",
    "MERGE (n:ApiProbe {id: 1}) RETURN n",
    "MATCH (a:Author) WITH a LIMIT 1 MERGE (a)-[:KNOWS]->(:ApiProbe) RETURN a.id",
    "MATCH (a:Author) SET a.api_probe = 1",
    "MATCH (a:Author) WITH a LIMIT 1 SET a:ApiProbe RETURN a.id",
    "MATCH (a:Author) WITH a LIMIT 1 REMOVE a.name RETURN a.id",
    "MATCH (a:Author) WITH a LIMIT 1 REMOVE a:Author RETURN a.id",
    "MATCH (n) DETACH DELETE n",
    "MATCH (p:Paper) WITH p LIMIT 1 DELETE p",
    "MATCH ()-[r:AUTHORED]->() WITH r LIMIT 1 DELETE r",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "LOAD CSV WITH HEADERS FROM 'http://127.0.0.1:9/x.csv' AS row CREATE (:ApiProbe)",
    "CALL dbms.security.createUser('api_probe_user', 'password-123', false)",
    "CALL `dbms`.`security`.`createUser`('api_probe_user', 'password-123', false)",
    "CREATE USER api_probe_user SET PASSWORD 'password-123'",
    "USE system CREATE USER api_probe_user SET PASSWORD 'password-123'",
    "DROP DATABASE neo4j",
    "STOP DATABASE neo4j",
    "GRANT ROLE admin TO neo4j",
    "CALL db.createLabel('ApiProbe')",
    "CALL `db`.`createLabel`('ApiProbe')",
    "CALL /* hidden */ db.createProperty('api_probe')",
    "CALL db.clearQueryCaches()",
    "CALL { CREATE (n:ApiProbe) RETURN n } RETURN n",
    "CALL () { CREATE (:ApiProbe) } RETURN 1 AS one",
    "WITH 1 AS x CALL (x) { MATCH (a:Author) WITH a LIMIT 1 SET a.api_probe = x } RETURN x",
    "MATCH (a:Author) CALL (a) { SET a.api_probe = 1 } IN TRANSACTIONS OF 10 ROWS",
    "MATCH (a:Author) WITH collect(a) AS xs FOREACH (x IN xs | SET x.api_probe = 1)",
    "UNWIND [1, 2] AS i FOREACH (j IN [i] | CREATE (:ApiProbe {i: j}))",
    "CREATE INDEX api_probe IF NOT EXISTS FOR (n:ApiProbe) ON (n.id)",
    "CYPHER 5 CREATE (:ApiProbe)",
    "EXPLAIN CREATE (:ApiProbe)",
    "PROFILE CREATE (:ApiProbe)",
]

# Refused with 422 rather than 403 because Neo4j cannot even plan them, so they never run:
# the procedure does not exist in Neo4j 5, USE is not allowed before an admin command,
# EXPLAIN and PROFILE cannot be combined.
UNPLANNABLE = {
    "CALL `dbms`.`security`.`createUser`('api_probe_user', 'password-123', false)",
    "USE system CREATE USER api_probe_user SET PASSWORD 'password-123'",
    "PROFILE CREATE (:ApiProbe)",
}


def _snapshot(store: Any) -> dict[str, Any]:
    """Everything a refused write could have touched, read with the driver directly."""

    def one(query: str, db: str = "neo4j") -> Any:
        records, _, _ = store.driver.execute_query(query, database_=db)
        return records[0][0]

    return {
        "nodes": one("MATCH (n) RETURN count(n)"),
        "relationships": one("MATCH ()-[r]->() RETURN count(r)"),
        "probes": one("MATCH (n:ApiProbe) RETURN count(n)"),
        "probe_props": one("MATCH (n) WHERE n.api_probe IS NOT NULL RETURN count(n)"),
        "unnamed_authors": one("MATCH (a:Author) WHERE a.name IS NULL RETURN count(a)"),
        "labels": sorted(one("CALL db.labels() YIELD label RETURN collect(label)")),
        "indexes": sorted(one("SHOW INDEXES YIELD name RETURN collect(name)")),
        "users": sorted(one("SHOW USERS YIELD user RETURN collect(user)", "system")),
        "databases": sorted(one("SHOW DATABASES YIELD name RETURN collect(name)", "system")),
    }


@pytest.mark.parametrize("query", WRITES)
def test_writes_are_refused_and_change_nothing(
    neo4j_client: TestClient, seeded_neo4j: GraphStore, query: str
) -> None:
    before = _snapshot(seeded_neo4j)
    assert before["nodes"] > 0 and before["probes"] == 0
    r = neo4j_client.post("/cypher", json={"query": query})
    after = _snapshot(seeded_neo4j)
    assert after == before
    if query in UNPLANNABLE:
        assert (r.status_code, r.json()["error"]["code"]) == (422, "invalid_query"), r.text
    else:
        assert (r.status_code, r.json()["error"]["code"]) == (403, "write_forbidden"), r.text


def test_reads_answer_with_columns_and_rows(neo4j_client: TestClient) -> None:
    r = neo4j_client.post(
        "/cypher",
        json={
            "query": "MATCH (a:Author {name: $name})-[:AUTHORED]->(p:Paper) "
            "RETURN a.name AS name, count(p) AS papers",
            "params": {"name": "Ziming Mao"},
        },
    )
    assert r.status_code == 200, r.text
    assert r.json() == {
        "columns": ["name", "papers"],
        "rows": [["Ziming Mao", 15]],
        "truncated": False,
    }
    nodes = neo4j_client.post(
        "/cypher",
        json={"query": "MATCH (a:Author {name: 'Ziming Mao'}) RETURN a, duration('P2D') AS d"},
    ).json()
    author, duration = nodes["rows"][0]
    assert author["labels"] == ["Author"]
    assert author["properties"]["h_index"] == 136
    assert duration == "P2D"
    labels = neo4j_client.post("/cypher", json={"query": "CALL db.labels()"}).json()
    assert {row[0] for row in labels["rows"]} >= {"Author", "Paper", "Topic"}


def test_rows_are_capped(seeded_neo4j: GraphStore) -> None:
    with make_client(seeded_neo4j, COAUTHOR_KG_CYPHER_ROW_CAP=5) as c:
        r = c.post("/cypher", json={"query": "UNWIND range(1, 10) AS x RETURN x"})
        assert r.json() == {"columns": ["x"], "rows": [[1], [2], [3], [4], [5]], "truncated": True}
        r = c.post("/cypher", json={"query": "UNWIND range(1, 5) AS x RETURN x"})
        assert r.json()["truncated"] is False


def test_a_query_past_the_timeout_is_cut_off(neo4j_client: TestClient) -> None:
    # the fixture's app has COAUTHOR_KG_CYPHER_TIMEOUT=2
    t0 = time.monotonic()
    r = neo4j_client.post(
        "/cypher",
        json={
            "query": "UNWIND range(1, 100000000) AS x UNWIND range(1, 100000000) AS y "
            "RETURN count(*) AS n"
        },
    )
    elapsed = time.monotonic() - t0
    assert r.status_code == 504, r.text
    assert r.json()["error"]["code"] == "query_timeout"
    assert elapsed < 20
    # the server is free again right after
    ok = neo4j_client.post("/cypher", json={"query": "RETURN 1 AS one"})
    assert ok.json()["rows"] == [[1]]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"query": "MATCH (n RETURN n"}, "invalid_query"),
        ({"query": "CALL no.such.procedure()"}, "write_forbidden"),
        ({"query": "CALL `no`.`such`()"}, "invalid_query"),
        ({"query": "RETURN $x", "params": {"x": 2**64}}, "invalid_query"),
        ({"query": ""}, "invalid_request"),
        ({"params": {}}, "invalid_request"),
        ({"query": "RETURN 1", "params": [1]}, "invalid_request"),
    ],
)
def test_bad_queries_are_client_errors(
    neo4j_client: TestClient, body: dict[str, Any], code: str
) -> None:
    r = neo4j_client.post("/cypher", json=body)
    assert r.status_code in {403, 422}, r.text
    assert r.json()["error"]["code"] == code


def test_cypher_on_the_embedded_store_is_501(embedded_client: TestClient) -> None:
    r = embedded_client.post("/cypher", json={"query": "MATCH (n) RETURN count(n)"})
    assert r.status_code == 501
    err = r.json()["error"]
    assert err["code"] == "not_supported"
    assert "Neo4j" in err["message"]
