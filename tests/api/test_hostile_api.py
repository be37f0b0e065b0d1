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


def test_413_is_one_body_with_or_without_content_length(empty_client: TestClient) -> None:
    big = b'{"query": "' + b"a" * (2 << 20) + b'"}'

    def chunks() -> Iterator[bytes]:  # no Content-Length: cut off while reading
        for start in range(0, len(big), 1 << 16):
            yield big[start : start + (1 << 16)]

    headers = {"content-type": "application/json"}
    sized = empty_client.post("/cypher", content=big, headers=headers)
    streamed = empty_client.post("/cypher", content=chunks(), headers=headers)
    assert (sized.status_code, streamed.status_code) == (413, 413)
    assert sized.headers["content-type"] == streamed.headers["content-type"]
    assert sized.content == streamed.content
    assert sized.json()["error"]["code"] == "too_large"


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/path?from=Mao&from=Zhang&to=Zhuo", "from"),
        ("/path?from=Mao&to=Zhuo&to=Zhang", "to"),
        ("/path?from=Mao&to=Zhuo&max_hops=3&max_hops=4", "max_hops"),
        ("/authors?q=Mao&q=Zhuo", "q"),
        ("/authors?q=Mao&limit=1&limit=2", "limit"),
    ],
)
def test_a_repeated_single_valued_parameter_is_422(
    embedded_client: TestClient, url: str, name: str
) -> None:
    r = embedded_client.get(url)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "invalid_request"
    assert ["query", name] in [e["loc"] for e in error["details"]["errors"]]
    assert "more than once" in error["message"]


def test_a_list_parameter_may_repeat(embedded_client: TestClient) -> None:
    r = embedded_client.get("/shared-collaborators?author=Mao&author=Zhuo")
    assert r.status_code == 200, r.text


@pytest.fixture(scope="module")
def real_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`coauthor-kg serve` itself (api.serve.serve) on the loopback interface."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    from tests.api.conftest import cli_env
    from tests.conftest import ROOT

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = tmp_path_factory.mktemp("served")
    code = (
        "from pathlib import Path; from api.serve import serve; "
        f"serve(port={port}, data_dir=Path({str(data)!r}))"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        env=cli_env("embedded"),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/health", timeout=2):
                    break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(30)


@pytest.mark.parametrize("size", [70_000, 159_000, 900_000])
def test_a_long_url_is_414_not_a_reset_connection(real_server: str, size: int) -> None:
    import http.client
    import json
    from urllib.parse import urlsplit

    where = urlsplit(real_server)
    conn = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    try:
        conn.request("GET", "/authors?q=" + "a" * size)
        response = conn.getresponse()
        body = json.loads(response.read())
    finally:
        conn.close()
    assert response.status == 414
    assert body["error"]["code"] == "url_too_long"
    assert set(body["error"]) == {"code", "message", "details"}
