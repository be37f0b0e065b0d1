"""The app as a whole: startup from settings (failing fast on bad ones), the real
server (`serve`) answering with the CLI's JSON, the store lock, and the catch-all that
keeps tracebacks out of responses."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.app import create_app
from api.serve import serve
from graph.errors import StoreUnavailableError
from graph.settings import Settings
from graph.store.base import GraphStore
from graph.store.memory import MemoryStore
from tests.api.conftest import API_KEY, app_settings, cli_env, make_client, run_cli
from tests.conftest import ROOT, neo4j_fixture

DEMO = "/shared-collaborators?author=Mao&author=Zhuo&author=Zhang"


def test_bad_settings_fail_at_create_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "http://127.0.0.1:7474")
    with pytest.raises(ValidationError, match="NEO4J_URI must start with"):
        create_app()


def test_serve_with_bad_settings_exits_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEO4J_URI", "http://127.0.0.1:7474")
    monkeypatch.setenv("COAUTHOR_KG_CYPHER_TIMEOUT", "-1")
    with pytest.raises(SystemExit) as exc:
        serve(port=1)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "bad setting NEO4J_URI: Value error, NEO4J_URI must start with" in err
    assert "bad setting COAUTHOR_KG_CYPHER_TIMEOUT" in err
    assert "Traceback" not in err


def test_serve_with_a_corrupt_store_exits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    (tmp_path / "graph.pickle").write_bytes(b"not a pickle")
    with pytest.raises(SystemExit) as exc:
        serve(port=1, data_dir=tmp_path)
    assert exc.value.code == 2
    assert "cannot be read" in capsys.readouterr().err


@pytest.mark.neo4j
def test_serve_with_wrong_neo4j_credentials_exits(
    neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password")
    with pytest.raises(SystemExit) as exc:
        serve(port=1)
    assert exc.value.code == 3
    assert "refused the credentials" in capsys.readouterr().err


@pytest.mark.neo4j
def test_a_missing_neo4j_database_fails_at_startup(neo4j_settings: Settings) -> None:
    settings = neo4j_settings.model_copy(update={"neo4j_database": "nosuchdb"})
    app = create_app(settings)
    with pytest.raises(StoreUnavailableError, match="no database 'nosuchdb'"), TestClient(app):
        pass


def test_neo4j_down_at_startup_starts_and_answers_503() -> None:
    """A server that is merely not up yet is not a bad setting: the API starts, says so
    on /health and answers 503 until it is up."""
    settings = Settings(NEO4J_URI="bolt://127.0.0.1:1", NEO4J_PASSWORD="x")
    with TestClient(create_app(settings)) as c:
        assert c.get("/health").json()["reachable"] is False
        r = c.get("/stats")
        assert r.status_code == 503
        assert r.json()["error"]["code"] == "store_unavailable"


def test_lifespan_opens_and_closes_the_embedded_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    settings = Settings(COAUTHOR_KG_DATA_DIR=tmp_path, COAUTHOR_KG_API_KEY=API_KEY)
    app = create_app(settings)
    with TestClient(app) as c:
        assert c.get("/health").json() == {
            "status": "ok",
            "store": "embedded",
            "reachable": True,
            "message": None,
        }
        bib = ROOT / "tests" / "data" / "cross_source" / "punica.bib"
        with bib.open("rb") as fh:
            r = c.post("/documents", files={"file": ("p.bib", fh)}, headers={"X-API-Key": API_KEY})
        assert r.status_code == 200, r.text
    assert app.state.access is None  # closed
    # what the app loaded was saved where the settings say
    assert MemoryStore(tmp_path).counts()["nodes"]["Paper"] == 1


def test_unexpected_errors_are_a_generic_500(seeded_embedded: GraphStore) -> None:
    app = create_app(app_settings(), store=seeded_embedded)

    def boom() -> None:
        raise RuntimeError("secret internals /etc/passwd")

    app.add_api_route("/boom", boom)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/boom")
    assert r.status_code == 500
    assert r.json() == {
        "error": {
            "code": "internal",
            "message": "internal error; see the server log",
            "details": {},
        }
    }
    assert "secret" not in r.text and "Traceback" not in r.text


def test_an_upload_waits_for_reads_and_reads_wait_for_it(tmp_path: Path) -> None:
    """The embedded store's lock: a load starts only when the reads in flight are done,
    and reads arriving during a load wait for it."""
    store = MemoryStore(tmp_path / "store")
    bib = ROOT / "tests" / "data" / "cross_source" / "punica.bib"
    with make_client(store) as c:
        access = c.app.state.access  # type: ignore[attr-defined]
        done: dict[str, int] = {}

        def upload() -> None:
            with bib.open("rb") as fh:
                done["upload"] = c.post(
                    "/documents", files={"file": ("p.bib", fh)}, headers={"X-API-Key": API_KEY}
                ).status_code

        with access.read():  # a read in flight
            t = threading.Thread(target=upload)
            t.start()
            t.join(1.0)
            assert t.is_alive() and "upload" not in done
            assert store.counts()["nodes"]["Paper"] == 0
        t.join(30)
        assert done["upload"] == 200
        assert store.counts()["nodes"]["Paper"] == 1

        def read() -> None:
            done["read"] = c.get("/stats").status_code

        with access.write():  # a load in flight
            t = threading.Thread(target=read)
            t.start()
            t.join(1.0)
            assert t.is_alive() and "read" not in done
        t.join(30)
        assert done["read"] == 200


@pytest.mark.neo4j
def test_neo4j_reads_do_not_wait_for_a_load(seeded_neo4j: GraphStore) -> None:
    with make_client(seeded_neo4j) as c, c.app.state.access.write():  # type: ignore[attr-defined]
        assert c.get("/stats").status_code == 200


# -- the real server ---------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(
    params=[
        "embedded",
        pytest.param("neo4j", marks=pytest.mark.neo4j),
        pytest.param("neo4j-3-workers", marks=pytest.mark.neo4j),
    ]
)
def server(request: pytest.FixtureRequest, cli_data_dir: Path) -> Iterator[tuple[str, str]]:
    """`serve()` in a subprocess on a free port: (store kind, base URL)."""
    kind, _, workers = request.param.partition("-")
    if kind == "neo4j":
        neo4j_fixture(request, "seeded_neo4j")
    port = _free_port()
    data_dir = f"Path({str(cli_data_dir)!r})" if kind == "embedded" else "None"
    code = (
        "from pathlib import Path; from api.serve import serve; "
        f"serve(port={port}, data_dir={data_dir}, workers={int(workers[:1] or 1)})"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        env=cli_env(kind),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError as exc:
                if proc.poll() is not None or time.monotonic() > deadline:
                    output = proc.stdout.read() if proc.stdout else ""
                    raise AssertionError(f"serve did not start:\n{output}") from exc
                time.sleep(0.3)
        yield kind, base
    finally:
        proc.terminate()
        proc.wait(30)


def test_serve_answers_the_demo_with_the_cli_json(
    server: tuple[str, str], cli_data_dir: Path
) -> None:
    kind, base = server
    with urllib.request.urlopen(base + DEMO, timeout=60) as r:
        assert r.status == 200
        assert r.headers["content-type"] == "application/json"
        served = json.loads(r.read())
    printed = run_cli(kind, cli_data_dir, "query", "shared", "Mao", "Zhuo", "Zhang")
    assert json.dumps(served, indent=2, ensure_ascii=False) + "\n" == printed
    assert served["pairwise"][0]["shared"][0]["name"] == "Shiyi Cao"
    with urllib.request.urlopen(base + "/health", timeout=10) as r:
        assert json.loads(r.read())["store"] == kind


def test_several_workers_need_neo4j(cli_data_dir: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "api.cli",
            "serve",
            "--workers",
            "2",
            "--port",
            "1",
            "--data-dir",
            str(cli_data_dir),
        ],
        env=cli_env("embedded"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    assert "--workers above 1 needs the Neo4j store" in proc.stderr
