"""The API under hostile requests: uploads that probe the server's files or nest JSON
200,000 levels deep, oversized bodies with and without Content-Length, repeated
single-valued parameters. Each is a 4xx in the one error shape, never a 500, and
never tells anything about the server beyond the request itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graph.store.memory import MemoryStore
from tests.api.conftest import API_KEY, make_client


@pytest.fixture
def empty_client(tmp_path: Path) -> Iterator[TestClient]:
    with make_client(MemoryStore(tmp_path / "store")) as c:
        yield c


def _upload(client: TestClient, name: str, body: bytes, **form: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/documents", files={"file": (name, body)}, data=form, headers={"X-API-Key": API_KEY}
    )


def test_an_uploaded_manifest_does_not_tell_which_server_paths_exist(
    empty_client: TestClient, tmp_path: Path
) -> None:
    (tmp_path / "exists.bib").write_text("@article{k, author={A B}, title={T}}\n")
    answers = []
    for target in (tmp_path / "exists.bib", tmp_path / "missing.bib", Path("/etc/passwd")):
        manifest = f'[[document]]\nfile = "{target}"\nformat = "bibtex"\n'.encode()
        r = _upload(empty_client, "manifest.toml", manifest)
        answers.append((r.status_code, r.json()["error"]["code"]))
        assert str(target) not in r.text and "root:x" not in r.text
    assert len(set(answers)) == 1 and answers[0][0] == 422, answers
    relative = b'[[document]]\nfile = "../../../../etc/passwd"\nformat = "bibtex"\n'
    r = _upload(empty_client, "manifest.toml", relative, format="bibtex")
    assert r.status_code == 422 and "root:x" not in r.text


@pytest.mark.parametrize("fmt", [None, "arxiv", "openalex"])
def test_deeply_nested_json_is_422_naming_the_upload(
    empty_client: TestClient, fmt: str | None
) -> None:
    body = b'{"id": "https://openalex.org/W1", "authorships": ' + b"[" * 200_000 + b"]" * 200_000
    r = _upload(empty_client, "deep.json", body + b"}\n", **({"format": fmt} if fmt else {}))
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] in ("parse_error", "unknown_format")
    assert "deep.json" in error["message"]
