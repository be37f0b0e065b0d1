"""Citation networks for VOSviewer and Gephi: co-citation and coupling map and network
files, and GEXF with the citation edges (export --network ...)."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest

from graph.errors import InvalidQueryError
from graph.export import export_network
from graph.ingest import load_paths
from graph.store.memory import MemoryStore

DATA = Path(__file__).resolve().parent.parent / "data" / "citations"


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    s = MemoryStore(None)
    load_paths(s, [DATA])
    return s


def _tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.reader(fh, delimiter="\t"))


@pytest.mark.parametrize(
    ("network", "labels", "strength"),
    [
        ("cocitation", 2, "2"),  # Ahmad 2018 and Anderson 2010, cited together twice
        ("author-cocitation", 3, "2"),  # Ahmad, Dennehy and "anderson d"
        ("coupling", 2, "2"),  # the two citing papers share both references
        ("author-coupling", 2, "2"),
    ],
)
def test_vosviewer_map_and_network(
    store: MemoryStore, tmp_path: Path, network: str, labels: int, strength: str
) -> None:
    map_file, net_file = export_network(store, "vosviewer", tmp_path / network, network=network)
    rows = _tsv(map_file)
    assert rows[0][:3] == ["id", "label", "cluster"]
    assert len(rows) - 1 == labels
    links = _tsv(net_file)
    assert links and all(len(line) == 3 and line[2] == strength for line in links)
    numbers = {r[0] for r in rows[1:]}
    assert all(a in numbers and b in numbers for a, b, _ in links)


def test_gexf_holds_every_citation_directed(store: MemoryStore, tmp_path: Path) -> None:
    (path,) = export_network(store, "gexf", tmp_path / "citations.gexf", network="citation")
    g = nx.read_gexf(path)
    assert g.is_directed()
    assert g.number_of_edges() == store.counts()["relationships"]["CITES"] == 4
    flags = {d["label"]: d["cited_only"] for _, d in g.nodes(data=True)}
    assert flags["Kanban in software engineering: A systematic mapping study"] is False
    assert sum(flags.values()) == 1  # Anderson's book
    cited = {d["label"]: d["papers"] for _, d in g.nodes(data=True)}
    assert cited["Kanban in software engineering: A systematic mapping study"] == 2


def test_csv_of_a_citation_network(store: MemoryStore, tmp_path: Path) -> None:
    nodes, edges = export_network(store, "csv", tmp_path / "c", network="citation")
    with edges.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["citing", "cited"] and len(rows) == 5
    with nodes.open(encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == ["id", "label", "papers", "year", "cited_only"]
    pairs, _ = export_network(store, "csv", tmp_path / "p", network="cocitation")
    with pairs.open(encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == ["id", "label", "papers", "community"]


def test_one_authors_pairs_and_refusals(store: MemoryStore, tmp_path: Path) -> None:
    files = export_network(
        store, "vosviewer", tmp_path / "a", network="author-cocitation", author="Dennehy"
    )
    assert len(_tsv(files[1])) == 2  # Dennehy with Ahmad, and with "anderson d"
    with pytest.raises(InvalidQueryError, match="citation network"):
        export_network(store, "gexf", tmp_path / "x.gexf", network="citation", author="Lee")
    with pytest.raises(InvalidQueryError, match="unknown network"):
        export_network(store, "gexf", tmp_path / "x.gexf", network="venues")
