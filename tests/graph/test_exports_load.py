"""Every database export in ../shared/realdata/exports/ and semanticscholar/ loads into
both stores, each record accounted for, and loading it all again changes nothing.

Records read per file: exports/counts.json ``records`` for the second collection,
SOURCES.md's tables for the first (litstudy, metaknowledge) and for Semantic Scholar
(Paper.json: the paper, its 1,000 citing papers and Turing's embedded author object;
Author.json: the author and 60 papers)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.ingest import load_paths
from graph.store.base import GraphStore
from tests.conftest import REALDATA

pytestmark = pytest.mark.realdata

FOLDERS = ("exports", "semanticscholar")


def _documents() -> list[Path]:
    """Every sample file (counts.json describes them; it is not one)."""
    return sorted(
        p
        for folder in FOLDERS
        for p in (REALDATA / folder).rglob("*")
        if p.is_file() and p.name != "counts.json"
    )


FIRST_COLLECTION = {  # SOURCES.md, "RIS, Scopus CSV, IEEE/Springer CSV and Web of Science"
    "litstudy__example.ris": 25,
    "litstudy__scopus.csv": 58,
    "litstudy__ieee.csv": 10,
    "litstudy__springer.csv": 18,
    "metaknowledge__savedrecs.txt": 32,
    "danielnsilva_semanticscholar__Paper.json": 1002,
    "danielnsilva_semanticscholar__Author.json": 61,
}


def _expected_reads() -> dict[str, int]:
    counts = json.loads((REALDATA / "exports" / "counts.json").read_text(encoding="utf-8"))
    reads = {Path(path).name: entry["records"] for path, entry in counts.items()}
    return {**reads, **FIRST_COLLECTION}


@pytest.fixture
def loaded(empty_store: GraphStore) -> tuple[GraphStore, dict]:  # type: ignore[type-arg]
    summary = load_paths(empty_store, _documents(), batch_size=500)
    return empty_store, summary.to_json()


def test_every_export_loads_and_every_record_is_accounted_for(loaded) -> None:  # type: ignore[no-untyped-def]
    store, summary = loaded
    docs = {Path(d["path"]).name: d for d in summary["documents"]}
    expected = _expected_reads()
    assert set(docs) == set(expected), "a sample is not loaded, or not counted here"
    for name, read in expected.items():
        d = docs[name]
        assert d["status"] == "loaded", (name, d["errors"][:3])
        assert d["read"] == read, name
        assert d["read"] == d["loaded"] + d["merged"] + d["skipped"], name

    again = load_paths(store, _documents(), batch_size=500).to_json()
    assert {d["status"] for d in again["documents"]} == {"unchanged"}
    assert again["read"] == 0 and store.counts() == _counts_of_a_fresh_load(batch_size=97)


def _counts_of_a_fresh_load(batch_size: int) -> dict[str, dict[str, int]]:
    """The same files into a new embedded store cut into other batches: the graph must
    not depend on where batches were cut."""
    from graph.store.memory import MemoryStore

    fresh = MemoryStore(None)
    load_paths(fresh, _documents(), batch_size=batch_size)
    return fresh.counts()
