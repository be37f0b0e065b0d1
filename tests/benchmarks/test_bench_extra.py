"""`python -m benchmarks run` without the `bench` extra: a message naming it, no traceback."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from benchmarks.__main__ import BENCH_EXTRA, main
from tests.conftest import ROOT


def test_run_without_the_extra_names_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "httpx", None)  # import httpx now raises ImportError
    with pytest.raises(SystemExit) as exit_:
        main(["run", "--papers", "10", "--out", str(tmp_path / "out")])
    message = str(exit_.value.code)
    assert "httpx" in message and "pip install 'coauthor-kg[bench]'" in message
    assert not (tmp_path / "out").exists()  # refused before anything ran


def test_the_extra_lists_what_the_check_imports() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    names = {req.split(">")[0].split("=")[0].split("[")[0].strip() for req in extras["bench"]}
    assert names == set(BENCH_EXTRA)
