"""API fixtures: the app in-process (TestClient) over each store.

The store is injected (``create_app(settings, store=...)``), so the seeded stores of
tests/conftest.py are shared with the graph tests and the app never closes them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings
from graph.store.base import GraphStore
from tests.conftest import SEEDS

API_KEY = "test-key-0123456789"
CLI = [sys.executable, "-c", "from api.cli import main; main()"]


def cli_env(kind: str) -> dict[str, str]:
    """The environment for a subprocess on that kind of store: NEO4J_* only for neo4j."""
    return {k: v for k, v in os.environ.items() if kind == "neo4j" or not k.startswith("NEO4J_")}


def run_cli(kind: str, data_dir: Path, *args: str) -> str:
    """What the real `coauthor-kg ARGS --json` prints (embedded: from ``data_dir``)."""
    argv = [*CLI, *args, "--json"]
    if kind == "embedded":
        argv += ["--data-dir", str(data_dir)]
    out = subprocess.run(argv, env=cli_env(kind), capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.fixture(scope="session")
def cli_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded store loaded by the real CLI, from the same seed path as the store
    fixtures (paths appear in paper answers)."""
    data = tmp_path_factory.mktemp("cli-store")
    subprocess.run(
        [*CLI, "load", str(SEEDS), "--data-dir", str(data), "--json"],
        env=cli_env("embedded"),
        check=True,
        capture_output=True,
        timeout=300,
    )
    return data


def app_settings(**overrides: object) -> Settings:
    """Settings for an app whose store is injected (NEO4J_URI does not matter then)."""
    values: dict[str, object] = {"COAUTHOR_KG_API_KEY": API_KEY}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def make_client(store: GraphStore, **overrides: object) -> TestClient:
    app: FastAPI = create_app(app_settings(**overrides), store=store)
    return TestClient(app)


@pytest.fixture
def client(seeded: GraphStore) -> Iterator[TestClient]:
    """The API over the seeds, once per store kind."""
    with make_client(seeded) as c:
        yield c


@pytest.fixture
def embedded_client(seeded_embedded: GraphStore) -> Iterator[TestClient]:
    with make_client(seeded_embedded) as c:
        yield c


@pytest.fixture
def neo4j_client(seeded_neo4j: GraphStore) -> Iterator[TestClient]:
    with make_client(seeded_neo4j, COAUTHOR_KG_CYPHER_TIMEOUT=2) as c:
        yield c
