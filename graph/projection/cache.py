"""Which projection a question runs on: the one of the store's current load.

Each process keeps one projection per store object. It is taken from the files beside
the store when their stamp matches the store's (another process, or an earlier command,
built it), else built from the store and saved there (under a lock, so concurrent
processes build it once). A completed load rebuilds it straight away
(:func:`refresh_after_load`, called by graph/ingest.py), so the next command or
request opens it instead of building it.

How often the store's stamp is read again is the caller's choice (``max_age_s``): by
default every time, which costs a count of nodes and relationships; the API re-reads
it every few seconds on a store other processes write to, and relies on the load hook
otherwise.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
import time
import weakref
from dataclasses import dataclass, field

from graph.projection.build import build_arrays, load_stamp
from graph.projection.core import FORMAT_VERSION, Projection
from graph.projection.files import (
    build_lock,
    current_generation,
    read_generation,
    write_generation,
)
from graph.store.base import GraphReader

__all__ = ["build_projection", "projection_for", "refresh_after_load"]


@dataclass(slots=True)
class _Held:
    lock: threading.Lock = field(default_factory=threading.Lock)
    projection: Projection | None = None
    checked: float = -math.inf


_HELD: weakref.WeakKeyDictionary[GraphReader, _Held] = weakref.WeakKeyDictionary()
_HELD_LOCK = threading.Lock()


def _held(store: GraphReader) -> _Held:
    with _HELD_LOCK:
        held = _HELD.get(store)
        if held is None:
            held = _HELD[store] = _Held()
        return held


def _open_saved(store: GraphReader, stamp: str) -> Projection | None:
    home = store.derived_dir
    folder = current_generation(home) if home is not None else None
    found = read_generation(folder) if folder is not None else None
    if folder is None or found is None or found[0].get("stamp") != stamp:
        return None
    return Projection(found[1], stamp=stamp, where=folder)


def build_projection(store: GraphReader, stamp: str | None = None) -> Projection:
    """Build the projection of the store's graph now, and save it beside the store
    (when the store keeps derived data on disk)."""
    stamp = stamp if stamp is not None else load_stamp(store)
    home = store.derived_dir
    if home is None:
        return Projection(build_arrays(store), stamp=stamp, where=None)
    with build_lock(home):
        ready = _open_saved(store, stamp)
        if ready is not None:
            return ready
        t = time.perf_counter()
        arrays = build_arrays(store)
        meta = {
            "format": FORMAT_VERSION,
            "stamp": stamp,
            "authors": int(arrays["ids"].shape[0]),
            "coauthorships": int(arrays["e_papers"].shape[0]),
            "build_s": round(time.perf_counter() - t, 3),
            "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        folder = write_generation(home, arrays, meta)
    opened = _open_saved(store, stamp)
    return opened if opened is not None else Projection(arrays, stamp=stamp, where=folder)


def projection_for(store: GraphReader, *, max_age_s: float = 0.0) -> Projection:
    """The projection of the store's current graph. The stamp is re-read when the last
    check is older than ``max_age_s`` seconds (0: every call; ``math.inf``: once)."""
    held = _held(store)
    with held.lock:
        now = time.monotonic()
        if held.projection is not None and now - held.checked <= max_age_s:
            return held.projection
        stamp = load_stamp(store)
        held.checked = now
        if held.projection is None or held.projection.stamp != stamp:
            held.projection = _open_saved(store, stamp) or build_projection(store, stamp)
        return held.projection


def refresh_after_load(store: GraphReader) -> None:
    """A load completed: bring the projection up to date now (it is saved beside the
    store, for the next process), or, for a store that keeps nothing on disk, forget
    it so the next question builds it."""
    held = _held(store)
    with held.lock:
        if store.derived_dir is None:
            held.projection, held.checked = None, -math.inf
            return
        stamp = load_stamp(store)
        if held.projection is None or held.projection.stamp != stamp:
            held.projection = _open_saved(store, stamp) or build_projection(store, stamp)
        held.checked = time.monotonic()
