"""The projection on disk, beside its store (``store.derived_dir``).

::

    <derived_dir>/CURRENT           the name of the generation in use
    <derived_dir>/.lock             held while a generation is built
    <derived_dir>/g-<stamp>/        meta.json and one .npy file per array

A new generation is written in full, then CURRENT is replaced atomically, then older
generations are deleted: a process that mapped an older one keeps reading it (Linux
keeps an unlinked file's pages until the last mapping goes), and one that opens next
gets the new one. Derived results (communities, centralities) are added to the
generation's folder as they are first computed, each file written atomically.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from graph.projection.core import ARRAYS, FORMAT_VERSION, Array

__all__ = ["build_lock", "current_generation", "read_generation", "save_array", "write_generation"]

_CURRENT = "CURRENT"


@contextlib.contextmanager
def build_lock(home: Path) -> Iterator[None]:
    """One builder at a time per store, across processes."""
    home.mkdir(parents=True, exist_ok=True)
    with (home / ".lock").open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def current_generation(home: Path) -> Path | None:
    try:
        name = (home / _CURRENT).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    folder = home / name
    return folder if name and folder.is_dir() else None


def read_generation(folder: Path) -> tuple[dict[str, Any], dict[str, Array]] | None:
    """Meta and memory-mapped arrays of a generation; None when it is not one this
    version can read (another format, or a file missing)."""
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT_VERSION:
            return None
        arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in ARRAYS}
    except (OSError, ValueError):
        return None
    return meta, arrays


def _write_npy(path: Path, value: Array) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".npy", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            np.save(fh, np.ascontiguousarray(value))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def save_array(folder: Path, name: str, value: Array) -> None:
    """Add a derived array to a generation (atomically: a reader sees all or nothing)."""
    _write_npy(folder / f"{name}.npy", value)


def write_generation(home: Path, arrays: Mapping[str, Array], meta: dict[str, Any]) -> Path:
    """Write a complete generation, make it current, delete the others. Call with
    :func:`build_lock` held."""
    folder = home / f"g-{meta['stamp']}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in ARRAYS:
        _write_npy(folder / f"{name}.npy", arrays[name])
    (folder / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    fd, tmp = tempfile.mkstemp(prefix=".current-", dir=home)
    with os.fdopen(fd, "w") as fh:
        fh.write(folder.name)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, home / _CURRENT)
    for old in home.glob("g-*"):
        if old != folder:
            shutil.rmtree(old, ignore_errors=True)
    return folder
