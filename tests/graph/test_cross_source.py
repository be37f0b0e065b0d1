"""The same paper from a profile page, a BibTeX file and DBLP is one node with the full
author list, and the answers change accordingly (tests/data/cross_source/README.md)."""

from __future__ import annotations

from pathlib import Path

from graph import queries
from graph.ingest import load_paths
from graph.store.base import GraphStore
from graph.store.records import PaperDetail
from tests.conftest import SEEDS

CROSS = Path(__file__).resolve().parent.parent / "data" / "cross_source"


def _paper(store: GraphStore, title: str) -> PaperDetail:
    hits = queries.search_papers(store, title)
    assert hits.count == 1, [h.title for h in hits.data]
    detail = store.paper_detail(hits.data[0].id)
    assert detail is not None
    return detail


def test_profile_bibtex_and_dblp_become_one_paper(empty_store: GraphStore) -> None:
    load_paths(empty_store, [SEEDS])
    before = queries.shared_collaborators(empty_store, ["Mao", "Zhuo"])
    assert [c.name for c in before.shared_by_all] == ["Shiyi Cao"]
    papers_before = empty_store.counts()["nodes"]["Paper"]

    summary = load_paths(empty_store, [CROSS])
    assert summary.totals()["merged"] == 2
    assert empty_store.counts()["nodes"]["Paper"] == papers_before

    fairness = _paper(empty_store, "Fairness in Serving Large Language Models")
    assert fairness.authors_truncated is False
    assert [a.name for a in fairness.authors] == [
        "Ying Sheng",
        "Shiyi Cao",
        "Dacheng Li",
        "Banghua Zhu",
        "Zhuohan Li",
        "Danyang Zhuo",
        "Joseph E. Gonzalez",
        "Ion Stoica",
    ]
    zhuo = next(a for a in fairness.authors if a.name == "Danyang Zhuo")
    assert zhuo.position == 6 and zhuo.inferred is False  # was inferred from the page
    # the publication year (OSDI '24, from DBLP) beats the profile page's preprint date,
    # which stays the paper's date
    assert fairness.year == 2024 and fairness.date == "2023-12-31"
    assert fairness.ids["dblp_key"] == "conf/osdi/ShengCLZLZGS24"
    assert {s.format for s in fairness.sources} == {"profile", "dblp"}
    assert {v.name for v in fairness.venues} == {"OSDI"}

    punica = _paper(empty_store, "Punica: Multi-Tenant LoRA Serving")
    assert punica.authors_truncated is False
    assert len(punica.authors) == 6
    assert {s.format for s in punica.sources} == {"profile", "bibtex"}

    after = queries.shared_collaborators(empty_store, ["Mao", "Zhuo"])
    # Shiyi Cao: 2 papers on Mao's page + 1 on Zhuo's + Fairness (now on both lists)
    assert [(c.name, len(c.papers)) for c in after.shared_by_all] == [
        ("Shiyi Cao", 3),
        ("Joseph E. Gonzalez", 2),
    ]

    # and a repeated load changes nothing
    counts = empty_store.counts()
    load_paths(empty_store, [SEEDS, CROSS])
    assert empty_store.counts() == counts
