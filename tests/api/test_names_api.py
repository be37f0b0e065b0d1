"""Name lookups over HTTP and in the CLI: a given name of several authors is a 409
with candidates; `query authors` with no match says so and exits non-zero."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.cli import app


def test_a_given_name_of_several_authors_is_409(embedded_client: TestClient) -> None:
    r = embedded_client.get("/path", params={"from": "Ziming", "to": "Zhuo"})
    assert r.status_code == 409, r.text
    error = r.json()["error"]
    assert error["code"] == "ambiguous_name"
    assert {c["name"] for c in error["details"]["candidates"]} == {"Ziming Liu", "Ziming Mao"}


def test_family_first_names_resolve_over_http(embedded_client: TestClient) -> None:
    r = embedded_client.get("/path", params={"from": "Mao, Ziming", "to": "Zhuo Danyang"})
    assert r.status_code == 200, r.text
    assert [x["name"] for x in r.json()["resolved"]] == ["Ziming Mao", "Danyang Zhuo"]


def test_query_authors_without_a_match_says_so_and_fails(cli_data_dir: Path) -> None:
    runner = CliRunner()
    args = ["query", "authors", "Nobody Atall", "--data-dir", str(cli_data_dir)]
    for extra in ([], ["--json"]):
        result = runner.invoke(app, args + extra, env={"NEO4J_URI": ""})
        print(result.output)
        assert result.exit_code != 0
        assert "no author matches 'Nobody Atall'" in result.output
    found = runner.invoke(
        app,
        ["query", "authors", "Liu Ziming", "--data-dir", str(cli_data_dir)],
        env={"NEO4J_URI": ""},
    )
    assert found.exit_code == 0 and "Ziming Liu" in found.output
