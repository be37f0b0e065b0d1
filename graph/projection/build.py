"""Building the projection from the store's one whole-graph read, and its stamp."""

from __future__ import annotations

import hashlib
import json
from array import array

import numpy as np

from graph.projection.core import FORMAT_VERSION, Array
from graph.store.base import GraphReader

__all__ = ["build_arrays", "load_stamp"]


def load_stamp(store: GraphReader) -> str:
    """What the graph a projection reflects is identified by: the completed loads
    (their Sources' sha256) and the node and relationship counts. Any completed load
    that changes the graph changes it, and so does a reset."""
    state = {
        "format": FORMAT_VERSION,
        "sources": store.completed_sources(),
        "counts": store.counts(),
    }
    blob = json.dumps(state, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:24]


def build_arrays(store: GraphReader) -> dict[str, Array]:
    """The projection's arrays (graph/projection/core.py) from ``iter_coauthorships``.

    The stream comes in author-id order with each co-authorship once (from its smaller
    id), so the author numbering and the co-authorship numbering follow from it alone;
    targets are numbered once every id is known."""
    ids: list[str] = []
    paper_count = array("i")
    src = array("i")
    targets: list[str] = []
    papers = array("i")
    first = array("h")
    last = array("h")
    y_len = array("i")
    y_year = array("h")
    y_count = array("i")
    for block in store.iter_coauthorships():
        i = len(ids)
        ids.append(block.author.id)
        paper_count.append(block.author.paper_count)
        links = block.links
        if not links:
            continue
        # one comprehension per column: per-link appends were most of the Python time
        src.extend([i] * len(links))
        targets.extend([link.target for link in links])
        papers.extend([link.papers for link in links])
        first.extend([link.first_year or 0 for link in links])
        last.extend([link.last_year or 0 for link in links])
        y_len.extend([len(link.years) for link in links])
        y_year.extend([y for link in links for y, _ in link.years])
        y_count.extend([c for link in links for _, c in link.years])
    width = max((len(x) for x in ids), default=1)
    id_arr = np.array([x.encode("ascii") for x in ids], dtype=f"S{width}")
    n, m = len(ids), len(targets)
    s = np.frombuffer(src, dtype=np.int32).astype(np.int64)
    t = (
        np.searchsorted(id_arr, np.array([x.encode("ascii") for x in targets], dtype="S"))
        if m
        else np.empty(0, dtype=np.int64)
    )
    rows = np.concatenate([s, t])
    cols = np.concatenate([t, s])
    eid = np.concatenate([np.arange(m), np.arange(m)])
    order = np.lexsort((cols, rows))
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    y_ptr = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(np.frombuffer(y_len, dtype=np.int32), out=y_ptr[1:])
    return {
        "ids": id_arr,
        "paper_count": np.frombuffer(paper_count, dtype=np.int32).copy(),
        "indptr": indptr,
        "nbr": cols[order].astype(np.int32),
        "eid": eid[order].astype(np.int32),
        "e_papers": np.frombuffer(papers, dtype=np.int32).copy(),
        "e_first": np.frombuffer(first, dtype=np.int16).copy(),
        "e_last": np.frombuffer(last, dtype=np.int16).copy(),
        "y_ptr": y_ptr,
        "y_year": np.frombuffer(y_year, dtype=np.int16).copy(),
        "y_count": np.frombuffer(y_count, dtype=np.int32).copy(),
    }
