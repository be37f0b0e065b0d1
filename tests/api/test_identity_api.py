"""GET /authors/{id}/evidence: the evidence of every merge, on both stores (the CLI's
`explain --json` gives the same object: tests/api/test_queries_api.py)."""

from __future__ import annotations

from fastapi.testclient import TestClient

SHIYI_ID = "Af07929d65d66d798"


def test_evidence_of_a_weak_merge(client: TestClient) -> None:
    r = client.get(f"/authors/{SHIYI_ID}/evidence")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["author"]["name"] == "Shiyi Cao" and body["weak"] == 1
    weak = [o for o in body["occurrences"] if o["weak"]]
    assert [o["paper"]["title"] for o in weak] == ["Fairness in Serving Large Language Models"]
    assert weak[0]["evidence"][0]["kind"] == "topic" and 0.9 <= weak[0]["strength"] < 1


def test_evidence_of_an_unknown_author_is_404(client: TestClient) -> None:
    r = client.get("/authors/Anot-an-author/evidence")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"
