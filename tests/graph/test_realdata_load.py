"""Every real sample in ../shared/realdata/ in the four formats loads, with summary
counts checked against SOURCES.md, into both stores, which end up with the same graph.

Per-file figures (read / papers): SOURCES.md gives the record counts; the loaders'
own tests pin how each file's records split into papers, people and volumes. Here:
read == loaded + merged + skipped for every file, the totals, and the cross-source
merges (zbMATH, Crossref BibTeX and OpenAlex describe the same author's works)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest import load_paths
from graph.store.base import GraphStore
from tests.conftest import REALDATA

pytestmark = pytest.mark.realdata

FOLDERS = ("bibtex", "dblp", "arxiv", "openalex")
# file name -> records read (SOURCES.md: entries / records / lines / works)
READ = {
    "FMuro_bibliographer__crossref-bibtex.bib": 42,
    "FMuro_bibliographer__zbmath.bib": 47,
    "biblio.bib": 1367,
    "crossref.bib": 429,
    "plai-group_bibliography__group_publications.bib": 85,
    "plk_biblatex__biblatex-examples.bib": 92,
    "Donnerdistel_JavaProjekt__dblp_test.xml": 754,
    "liopei19nn_18655_jena__dblp.xml": 10,
    "x1aoCui_dblp2neo__dblp_test.xml": 22,
    "wanng-ide_arxivSpider_mnbvc__arxiv-metadata-oai-snapshot.json": 200,
    "FMuro_bibliographer__openalex.json": 65,
    "b-vitamins_openalex-python__W2741809807.json": 1,
    "b-vitamins_openalex-python__A5023888391.json": 1,
}


@pytest.fixture
def loaded(empty_store: GraphStore) -> tuple[GraphStore, dict]:  # type: ignore[type-arg]
    summary = load_paths(empty_store, [REALDATA / f for f in FOLDERS], batch_size=500)
    return empty_store, summary.to_json()


def test_every_real_file_loads_and_is_accounted_for(loaded) -> None:  # type: ignore[no-untyped-def]
    _, summary = loaded
    docs = {Path(d["path"]).name: d for d in summary["documents"]}
    for name, read in READ.items():
        d = docs[name]
        assert d["status"] == "loaded"
        assert d["read"] == read, name
        assert d["read"] == d["loaded"] + d["merged"] + d["skipped"], name
    # the three faults in plai-group's file are reported with their lines, not dropped
    plai = docs["plai-group_bibliography__group_publications.bib"]
    assert len(plai["errors"]) == 3
    assert all(":" in e and "group_publications.bib:" in e for e in plai["errors"])
    assert summary["read"] == 3115
    assert summary["merged"] > 99  # IRIDIA duplicates and FMuro cross-source works


def test_same_works_from_three_sources_merge(loaded) -> None:  # type: ignore[no-untyped-def]
    _, summary = loaded
    docs = {Path(d["path"]).name: d for d in summary["documents"]}
    # FMuro's works: Crossref BibTeX first, then zbMATH and OpenAlex find most again
    assert docs["FMuro_bibliographer__zbmath.bib"]["merged"] >= 40
    assert docs["FMuro_bibliographer__openalex.json"]["merged"] >= 50


@pytest.mark.neo4j
def test_both_stores_hold_the_same_real_graph(
    seeded_embedded: GraphStore, neo4j_store_session: GraphStore
) -> None:
    from graph.store.memory import MemoryStore

    emb = MemoryStore(None)
    load_paths(emb, [REALDATA / f for f in FOLDERS], batch_size=500)
    neo4j_store_session.clear()
    load_paths(neo4j_store_session, [REALDATA / f for f in FOLDERS], batch_size=500)
    assert neo4j_store_session.counts() == emb.counts()


def test_resolution_does_not_depend_on_batch_size() -> None:
    """Records are matched one by one, each seeing the ones before it, whether they
    came in the same batch or an earlier one (IRIDIA lists some papers twice, once
    with a DOI and once without)."""
    from graph.store.memory import MemoryStore

    counts = []
    for batch_size in (2000, 7):
        store = MemoryStore(None)
        load_paths(store, [REALDATA / f for f in FOLDERS], batch_size=batch_size)
        counts.append(store.counts())
    assert counts[0] == counts[1]
