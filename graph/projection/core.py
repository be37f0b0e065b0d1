"""The co-authorship projection: every author and co-authorship as flat arrays.

Authors are numbered 0..n-1 in id order, so "the smallest id" is "the smallest index"
and both stores, which stream the same graph in the same order, give the same numbers.
Co-authorships are numbered 0..m-1 in (source, target) order. The adjacency is CSR:
the neighbours of author ``i`` are ``nbr[indptr[i]:indptr[i+1]]`` (ascending), and
``eid`` gives the co-authorship of each entry, whose weight (joint papers), first and
last year and joint papers per year (``y_*``, CSR again) are per co-authorship.

The arrays are numpy arrays: in memory for a store that keeps nothing on disk, and
memory-mapped from the files beside the store otherwise, so every process serving the
same store shares one copy in the page cache and opens it in milliseconds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from graph.projection.window import WHOLE, Window

__all__ = ["ARRAYS", "FORMAT_VERSION", "Projection"]

FORMAT_VERSION = 1
ARRAYS = (
    "ids",  # author ids, bytes, ascending
    "paper_count",  # papers of each author
    "indptr",  # CSR row offsets (n + 1)
    "nbr",  # neighbour index of each entry (2m)
    "eid",  # co-authorship of each entry (2m)
    "e_papers",  # joint papers of each co-authorship (m)
    "e_first",  # year of the first joint paper (0: none known)
    "e_last",  # year of the last joint paper (0: none known)
    "y_ptr",  # per co-authorship offsets into y_year / y_count (m + 1)
    "y_year",
    "y_count",
)

Array = np.ndarray[Any, Any]


class Projection:
    """One load's co-authorship graph. Immutable; derived results (per-window weights,
    whole-graph communities and centralities) are memoized on the object, and saved
    beside its arrays when it has a folder (``where``)."""

    def __init__(self, arrays: Mapping[str, Array], *, stamp: str, where: Path | None) -> None:
        self.stamp = stamp
        self.where = where
        self.ids: Array = arrays["ids"]
        self.paper_count: Array = arrays["paper_count"]
        self.indptr: Array = arrays["indptr"]
        self.nbr: Array = arrays["nbr"]
        self.eid: Array = arrays["eid"]
        self.e_papers: Array = arrays["e_papers"]
        self.e_first: Array = arrays["e_first"]
        self.e_last: Array = arrays["e_last"]
        self.y_ptr: Array = arrays["y_ptr"]
        self.y_year: Array = arrays["y_year"]
        self.y_count: Array = arrays["y_count"]
        self._memo: dict[Any, Any] = {}
        self._memo_lock = threading.Lock()

    @property
    def n(self) -> int:
        return int(self.ids.shape[0])

    @property
    def m(self) -> int:
        return int(self.e_papers.shape[0])

    # -- ids <-> indices ---------------------------------------------------------------

    def index(self, author_id: str) -> int | None:
        try:
            key = author_id.encode("ascii")
        except UnicodeEncodeError:
            return None
        i = int(np.searchsorted(self.ids, key))
        return i if i < self.n and self.ids[i] == key else None

    def id_of(self, i: int) -> str:
        return bytes(self.ids[i]).decode("ascii")

    def ids_of(self, idx: Sequence[int] | Array) -> list[str]:
        return [bytes(x).decode("ascii") for x in self.ids[np.asarray(idx, dtype=np.int64)]]

    # -- weights in a window -----------------------------------------------------------

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per key for this projection (thread-safe)."""
        with self._memo_lock:
            if key in self._memo:
                return self._memo[key]
        value = compute()
        with self._memo_lock:
            return self._memo.setdefault(key, value)

    def weights(self, window: Window = WHOLE) -> Array:
        """Joint papers of each co-authorship inside the window (0: not a co-authorship
        there)."""
        if window.whole:
            return self.e_papers
        return self.memo(("weights", window), lambda: self._window_weights(window))

    def _window_weights(self, window: Window) -> Array:
        lo, hi = window.bounds
        inside = np.where((self.y_year >= lo) & (self.y_year <= hi), self.y_count, 0)
        total = np.concatenate([[0], np.cumsum(inside, dtype=np.int64)])
        return (total[self.y_ptr[1:]] - total[self.y_ptr[:-1]]).astype(np.int32)

    def degree(self, window: Window = WHOLE) -> Array:
        """Co-authors of each author inside the window."""
        if window.whole:
            return np.diff(self.indptr).astype(np.int32)

        def count() -> Array:
            live = self.weights(window)[self.eid] > 0
            rows = np.repeat(np.arange(self.n, dtype=np.int32), np.diff(self.indptr))
            return np.bincount(rows[live], minlength=self.n).astype(np.int32)

        return self.memo(("degree", window), count)

    # -- adjacency ---------------------------------------------------------------------

    def neighbours(self, i: int, window: Window = WHOLE) -> tuple[Array, Array]:
        """Co-authors of author ``i`` inside the window (ascending) and the joint papers
        with each."""
        lo, hi = int(self.indptr[i]), int(self.indptr[i + 1])
        w = self.weights(window)[self.eid[lo:hi]]
        nb = self.nbr[lo:hi]
        if window.whole:
            return np.asarray(nb), np.asarray(w)
        live = w > 0
        return nb[live], w[live]

    def expand(self, frontier: Array, edge_ok: Array | None) -> tuple[Array, Array, Array]:
        """Every adjacency entry of the frontier authors: (neighbour, frontier author,
        co-authorship), keeping only co-authorships where ``edge_ok`` (None: all)."""
        f = np.asarray(frontier, dtype=np.int64)
        starts = self.indptr[f]
        lens = self.indptr[f + 1] - starts
        total = int(lens.sum())
        if total == 0:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty, empty
        offsets = np.cumsum(lens) - lens
        pos = np.arange(total, dtype=np.int64) + np.repeat(starts - offsets, lens)
        nb = self.nbr[pos].astype(np.int64)
        parent = np.repeat(f, lens)
        edge = self.eid[pos].astype(np.int64)
        if edge_ok is not None:
            keep = edge_ok[edge]
            return nb[keep], parent[keep], edge[keep]
        return nb, parent, edge

    def edge_between(self, a: int, b: int) -> int | None:
        """The co-authorship of two authors, if any."""
        lo, hi = int(self.indptr[a]), int(self.indptr[a + 1])
        j = lo + int(np.searchsorted(self.nbr[lo:hi], b))
        return int(self.eid[j]) if j < hi and int(self.nbr[j]) == b else None
