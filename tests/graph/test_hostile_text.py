"""Hostile text loads clean: what is stored holds no control character, the load
summary warns once per document that needed cleaning, and every export parses back."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from graph.export import EXPORT_FORMATS, export_network
from graph.ingest import load_paths
from graph.store.base import GraphStore
from tests.conftest import SEEDS
from tests.hostile import CONTROL, write_hostile


@pytest.fixture
def hostile_store(empty_store: GraphStore, tmp_path: Path) -> GraphStore:
    files = write_hostile(tmp_path / "docs")
    summary = load_paths(empty_store, [SEEDS, *files.values()])
    out = summary.to_json()
    assert set(out) == {"read", "loaded", "merged", "skipped", "errors", "warnings", "documents"}
    warned = {Path(d["path"]).name for d in out["documents"] if d["warnings"]}
    assert warned == {p.name for p in files.values()}
    assert len(out["warnings"]) == len(files)
    assert all("control characters" in w for w in out["warnings"])
    return empty_store


def _clean(text: str) -> bool:
    return not any(c in CONTROL or 0xD800 <= ord(c) <= 0xDFFF for c in text)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_every_export_parses_back_after_hostile_text(
    hostile_store: GraphStore, tmp_path: Path, fmt: str
) -> None:
    written = export_network(hostile_store, fmt, tmp_path / f"net.{fmt}")
    labels: list[str] = []
    for path in written:
        data = path.read_bytes().decode("utf-8")  # strict: no lone surrogate got out
        assert _clean(data.replace("\n", "").replace("\t", "").replace("\r", "")), path
        if fmt in ("gexf", "graphml"):
            ET.parse(path)  # well-formed XML
            g = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
            labels += [str(d.get("label", "")) for _, d in g.nodes(data=True)]
        else:
            delimiter = "\t" if fmt == "vosviewer" else ","
            with path.open(encoding="utf-8", newline="") as fh:
                rows = list(csv.reader(fh, delimiter=delimiter))
            assert rows and len({len(r) for r in rows}) == 1, path  # one shape: no split row
            labels += [r[1] for r in rows[1:]] if "_network" not in path.name else []
    hostile = [name for name in labels if "Evil" in name or "Hostile" in name or "Person" in name]
    assert hostile, labels
    assert "Evil [/] Collab" in labels  # markup characters are text, kept as written


def test_stored_text_holds_no_control_character(hostile_store: GraphStore) -> None:
    from graph import queries

    for q in ("Clear", "Null", "Open", "title"):
        for paper in queries.search_papers(hostile_store, q, limit=50).data:
            assert _clean(paper.title), paper.title
            assert all(_clean(a.name) for a in paper.authors), paper.authors
