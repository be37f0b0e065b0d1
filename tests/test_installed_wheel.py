"""An installed wheel works outside the checkout: `coauthor-kg demo` reads the seeds the
wheel ships, and the bulk path's Neo4j script runs from where the wheel put it.

The wheel is built from a copy of the source tree (an in-tree build leaves build/ behind)
and installed without dependencies into a new virtualenv, which borrows this
environment's dependencies through a path line in a .pth file. A path line does not run
the .pth files of the folder it adds, so the checkout's editable install stays invisible:
every module of coauthor-kg the commands import comes from the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

_NOT_SHIPPED = shutil.ignore_patterns(
    ".git", ".venv", "build", "*.egg-info", "__pycache__", ".*_cache", "out", "docs", "tests"
)


def _run(argv: list[str | Path], cwd: Path, timeout: float = 300) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=_NOT_SHIPPED)
    wheels = tmp / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    _run([*pip, "wheel", "--no-deps", "-w", wheels, source], cwd=tmp)
    (wheel,) = wheels.glob("coauthor_kg-*.whl")
    env = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", env], cwd=tmp)
    python = env / "bin" / "python"
    _run([*pip, "--python", python, "install", "--no-deps", wheel], cwd=tmp)
    site = _run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp)
    (Path(site.strip()) / "test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return env


def test_demo_runs_from_an_installed_wheel(venv: Path, tmp_path: Path) -> None:
    site = _run([venv / "bin" / "python", "-c", "import graph; print(graph.__file__)"], tmp_path)
    assert site.startswith(str(venv))
    out = _run([venv / "bin" / "coauthor-kg", "demo"], cwd=tmp_path)
    assert f"Loaded 5 documents from {venv}" in " ".join(out.split())
    assert "Ziming Mao & Danyang Zhuo: Shiyi Cao (3)" in out
    assert (tmp_path / "out" / "shared.html").is_file()


def test_the_bulk_paths_neo4j_script_runs_from_an_installed_wheel(
    venv: Path, tmp_path: Path
) -> None:
    code = (
        "import pathlib, sys; from graph.bulk import LocalNeo4j, NEO4J_SCRIPT; "
        "done = LocalNeo4j(home=pathlib.Path(sys.argv[1])).run('status', timeout=60); "
        "print(NEO4J_SCRIPT, done.returncode, done.stdout.strip())"
    )
    script, status, text = _run(
        [venv / "bin" / "python", "-c", code, tmp_path / "home"], tmp_path
    ).split(" ", 2)
    assert script.startswith(str(venv))
    assert (Path(script).parent / "neo4j-server" / "pom.xml").is_file()
    assert (status, text.strip()) == ("3", "not running")  # a fresh home: nothing started
