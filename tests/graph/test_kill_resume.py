"""A load killed with SIGKILL half-way is re-run to the same graph as an uninterrupted
one, on both stores. The input is a DBLP file made from the real sample's records with
fresh keys, large enough that the kill lands mid-load."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.ingest import load_paths
from graph.store.base import GraphStore
from graph.store.memory import MemoryStore
from tests.conftest import REALDATA

pytestmark = [pytest.mark.realdata, pytest.mark.slow]  # loads of tens of thousands of records

COPIES = 12  # x 754 records: enough for several Neo4j batches
EMBEDDED_COPIES = 80  # the embedded load is faster: ~60k records take several seconds


def _make_dblp(folder: Path, copies: int = COPIES) -> Path:
    src = (REALDATA / "dblp" / "Donnerdistel_JavaProjekt__dblp_test.xml").read_text(
        encoding="latin-1"
    )
    body = src[src.index("<dblp>") + len("<dblp>") : src.rindex("</dblp>")]
    head = src[: src.index("<dblp>") + len("<dblp>")]
    parts = [head]
    for n in range(copies):
        # new keys and titles, same people: every copy is new papers by known authors
        copy = re.sub(r'key="([^"]*)"', lambda m, n=n: f'key="{m.group(1)}-{n}"', body)
        copy = copy.replace("<title>", f"<title>[{n}] ")
        copy = re.sub(r"<ee\b[^>]*>.*?</ee>", "", copy)  # a DOI would merge the copies
        parts.append(copy)
    parts.append("</dblp>\n")
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "big.xml"
    out.write_text("".join(parts), encoding="latin-1")
    (folder / "dblp.dtd").write_bytes((REALDATA / "dblp" / "dblp.dtd").read_bytes())
    return out


def _cli_load(path: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "api.cli", "load", str(path), "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill_when(proc: subprocess.Popen[str], landed: object) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail("the load finished before it could be killed; make the input larger")
        if landed():  # type: ignore[operator]
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return
        time.sleep(0.05)
    proc.kill()
    pytest.fail("no batch landed within 300 s")


@pytest.fixture(scope="module")
def big_dblp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_dblp(tmp_path_factory.mktemp("killdblp"))


@pytest.fixture(scope="module")
def bigger_dblp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_dblp(tmp_path_factory.mktemp("killdblp80"), EMBEDDED_COPIES)


@pytest.fixture(scope="module")
def reference(big_dblp: Path) -> dict[str, dict[str, int]]:
    store = MemoryStore(None)
    load_paths(store, [big_dblp])
    return store.counts()


@pytest.mark.neo4j
def test_killed_neo4j_load_reruns_to_the_same_graph(
    neo4j_store_session: GraphStore, big_dblp: Path, reference: dict[str, dict[str, int]]
) -> None:
    store = neo4j_store_session
    store.clear()
    env = {**os.environ, "COAUTHOR_KG_DATA_DIR": "/nonexistent"}
    proc = _cli_load(big_dblp, env)
    _kill_when(proc, lambda: store.counts()["nodes"]["Paper"] > 0)
    partial = store.counts()["nodes"]["Paper"]
    assert 0 < partial < reference["nodes"]["Paper"]
    rerun = _cli_load(big_dblp, env)
    _out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert store.counts() == reference
    store.clear()


def test_killed_embedded_load_leaves_the_old_store_and_reruns(
    tmp_path: Path, bigger_dblp: Path
) -> None:
    big_dblp = bigger_dblp
    data = tmp_path / "store"
    seeds_only = MemoryStore(data)
    load_paths(seeds_only, [REALDATA / "dblp" / "liopei19nn_18655_jena__dblp.xml"])
    before = (data / "graph.pickle").read_bytes()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["COAUTHOR_KG_DATA_DIR"] = str(data)
    proc = _cli_load(big_dblp, env)
    # the embedded store saves once, at the end, by an atomic rename
    time.sleep(2.0)
    if proc.poll() is not None:
        pytest.fail("the load finished before it could be killed; make the input larger")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    expected = MemoryStore(None)
    load_paths(expected, [REALDATA / "dblp" / "liopei19nn_18655_jena__dblp.xml", big_dblp])
    # whatever the moment of the kill: the old store, whole, or the new one, whole
    after = (data / "graph.pickle").read_bytes()
    assert after == before or MemoryStore(data).counts() == expected.counts()
    rerun = _cli_load(big_dblp, env)
    _out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert MemoryStore(data).counts() == expected.counts()
