"""The layers contract (pyproject.toml [tool.importlinter]) holds, so `pytest` alone
catches a wrong-way import; and it does bite: the same check on a copy of the packages
with a loader importing the api fails."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["benchmarks", "api", "viz", "graph", "loaders"]
# the `lint-imports` entry point, run with this interpreter so it sees the same packages
LINT_IMPORTS = [
    sys.executable,
    "-c",
    "from importlinter.cli import lint_imports_command; lint_imports_command()",
    "--no-cache",
    "--no-logo",
]


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        LINT_IMPORTS, cwd=root, env=env, capture_output=True, text=True, timeout=120
    )


def test_each_layer_imports_only_the_layers_below_it() -> None:
    out = _lint_imports(ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "1 kept, 0 broken" in out.stdout


def test_a_wrong_way_import_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=_not_python)
    init = tmp_path / "loaders" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8") + "\nimport api\n", encoding="utf-8")
    out = _lint_imports(tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "loaders is not allowed to import api" in out.stdout, out.stdout


def _not_python(folder: str, names: list[str]) -> list[str]:
    return [
        n
        for n in names
        if n == "__pycache__" or not (n.endswith(".py") or Path(folder, n).is_dir())
    ]
