"""The citation questions (graph/queries/citations.py) and the store reads they are made
of, on both stores: exact answers on the hand-written Kanban exports, an author's pairs
equal to the whole graph's pairs of theirs, and the same citation graph and answers from
either store on the real samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import queries
from graph.answers import CocitationAnswer, CouplingAnswer
from graph.errors import InvalidQueryError
from graph.ingest import load_paths
from graph.store.base import GraphStore
from graph.store.memory import MemoryStore
from tests.conftest import REALDATA, neo4j_fixture

DATA = Path(__file__).resolve().parent.parent / "data" / "citations"
KANBAN_FILES = [DATA / "citing_wos.txt", DATA / "citing_scopus.csv", DATA / "work_wos.txt"]
KANBAN = "Kanban in software engineering: A systematic mapping study"
LEE, KIM = "Kanban at a small software startup", "Flow metrics for agile teams"
ANDERSON = "Anderson DJ, 2010, KANBAN SUCCESSFUL EV"  # as the first reference wrote it

EXPORTS = REALDATA / "exports"
REAL = [
    EXPORTS / "wos-plaintext",
    EXPORTS / "metaknowledge__savedrecs.txt",
    EXPORTS / "scopus-csv",
    EXPORTS / "ris",
    REALDATA / "openalex",
    REALDATA / "semanticscholar",
]


def _labels(answer: CocitationAnswer | CouplingAnswer) -> list[tuple[str, str, int]]:
    return [(p.a.label, p.b.label, p.count) for p in answer.pairs]


def test_answers_on_the_kanban_exports(empty_store: GraphStore) -> None:
    store = empty_store
    load_paths(store, KANBAN_FILES)
    lee, kim = (queries.search_papers(store, t).data[0].id for t in (LEE, KIM))

    cocited = queries.cocitation(store, min_count=1)
    assert [(*sorted([a, b]), n) for a, b, n in _labels(cocited)] == [(ANDERSON, KANBAN, 2)]
    assert cocited.pairs[0].citing == sorted([lee, kim])
    # Anderson's book is cited-only: its first author, folded, stands for it
    authors = queries.cocitation(store, level="author", min_count=1)
    assert sorted(tuple(sorted([a, b])) for a, b, _ in _labels(authors)) == [
        ("Denis Dennehy", "Muhammad Ovais Ahmad"),
        ("Denis Dennehy", "anderson d"),
        ("Muhammad Ovais Ahmad", "anderson d"),
    ]
    assert {p.b.id for p in authors.pairs if p.b.label == "anderson d"} == {"name:anderson d"}
    assert all(p.count == 2 for p in authors.pairs)

    coupled = queries.coupling(store, min_count=1)
    assert [(sorted([a, b]), n) for a, b, n in _labels(coupled)] == [(sorted([LEE, KIM]), 2)]
    assert len(coupled.pairs[0].shared) == 2
    by_author = queries.coupling(store, level="author", min_count=1)
    assert [(sorted([a, b]), n) for a, b, n in _labels(by_author)] == [(["Ann Lee", "B. Kim"], 2)]

    local = queries.most_cited(store, top=5)  # a tie: by id
    found = {w.title: w for w in local.data}
    assert [(w.local_citations, w.global_citations, w.cited_only) for w in found.values()] == [
        (2, 120 if t == KANBAN else None, t != KANBAN) for t in found
    ]
    assert set(found) == {ANDERSON, KANBAN}
    assert found[ANDERSON].authors == ["Anderson DJ"]
    assert found[KANBAN].authors == ["Muhammad Ovais Ahmad", "Denis Dennehy"]
    by_global = queries.most_cited(store, top=2, by="global")
    assert [(w.title, w.global_citations) for w in by_global.data] == [(KANBAN, 120), (LEE, 3)]

    among = queries.citations_among(store, ["Ann Lee", "Muhammad Ovais Ahmad"])
    assert [(c.citing.label, c.cited.label, c.count) for c in among.links] == [
        ("Ann Lee", "Muhammad Ovais Ahmad", 1)
    ]
    assert among.links[0].links[0].citing == lee
    assert among.common == []  # Ahmad's paper cites nothing here
    both = queries.citations_among(store, ["Ann Lee", "B. Kim"])
    assert both.links == []
    assert sorted(c.title for c in both.common) == sorted([ANDERSON, KANBAN])
    assert all(c.by == {"Ann Lee": [lee], "B. Kim": [kim]} for c in both.common)


def test_one_authors_pairs_are_the_whole_graphs_pairs_of_theirs(empty_store: GraphStore) -> None:
    store = empty_store
    load_paths(store, KANBAN_FILES)
    whole = queries.cocitation(store, level="author", min_count=1)
    for name in ("Muhammad Ovais Ahmad", "Denis Dennehy"):
        mine = queries.cocitation(store, level="author", min_count=1, author=name)
        assert mine.resolved is not None and mine.resolved.name == name
        expected = sorted(
            (p.b.id if p.a.id == mine.resolved.id else p.a.id, p.count, p.citing)
            for p in whole.pairs
            if mine.resolved.id in (p.a.id, p.b.id)
        )
        assert sorted((p.b.id, p.count, p.citing) for p in mine.pairs) == expected
        assert all(p.a.id == mine.resolved.id for p in mine.pairs)
    papers = queries.coupling(store, min_count=1, author="Ann Lee")
    assert [(p.a.label, p.b.label, p.count) for p in papers.pairs] == [(LEE, KIM, 2)]


@pytest.mark.parametrize(
    ("ask", "error"),
    [
        (lambda s: queries.cocitation(s, level="venue"), "level"),
        (lambda s: queries.coupling(s, min_count=0), "min"),
        (lambda s: queries.cocitation(s, top=0), "top"),
        (lambda s: queries.most_cited(s, by="h-index"), "by"),
    ],
)
def test_bad_parameters_are_refused(ask, error) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidQueryError, match=error):
        ask(MemoryStore(None))


# -- the real samples ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_embedded() -> MemoryStore:
    store = MemoryStore(None)
    load_paths(store, REAL)
    return store


def _busiest_cited_authors(store: GraphStore, n: int) -> list[str]:
    top = queries.cocitation(store, level="author", top=200)
    ids = [x.id for p in top.pairs for x in (p.a, p.b) if not x.id.startswith("name:")]
    return list(dict.fromkeys(ids))[:n]


@pytest.mark.realdata
def test_on_real_data_an_authors_pairs_are_the_whole_graphs(real_embedded: MemoryStore) -> None:
    store = real_embedded
    authors = _busiest_cited_authors(store, 4)
    assert len(authors) == 4
    for ask in (queries.cocitation, queries.coupling):
        for level, least in (("paper", 2), ("author", 5)):
            whole = ask(store, level=level, min_count=least, top=queries.citations.MAX_TOP)
            assert len(whole.pairs) < queries.citations.MAX_TOP  # all of them
            for a in authors:
                mine = ask(
                    store, level=level, min_count=least, top=queries.citations.MAX_TOP, author=a
                )
                own = set(store.author_papers(a)) if level == "paper" else {a}

                def pair(x: str, y: str) -> tuple[str, ...]:
                    return tuple(sorted((x, y)))

                behind = "citing" if ask is queries.cocitation else "shared"
                got = {pair(p.a.id, p.b.id): getattr(p, behind) for p in mine.pairs}
                expected = {
                    pair(p.a.id, p.b.id): getattr(p, behind)
                    for p in whole.pairs
                    if p.a.id in own or p.b.id in own
                }
                assert got == expected, (ask.__name__, level, a)
                assert all(p.a.id in own for p in mine.pairs)


def _citation_graph(store: GraphStore) -> tuple[object, ...]:
    refs = dict(store.iter_references())
    ids = sorted({*refs, *(q for qs in refs.values() for q in qs)})
    return store.counts(), refs, store.cited_works(ids), store.citing_papers(ids)


def _answers(store: GraphStore) -> list[dict[str, object]]:
    authors = _busiest_cited_authors(store, 3)
    answers = [
        queries.most_cited(store, top=30),
        queries.most_cited(store, top=30, by="global"),
        queries.cocitation(store, top=100),
        queries.cocitation(store, level="author", top=100),
        queries.coupling(store, top=100),
        queries.coupling(store, level="author", top=100),
        queries.citations_among(store, authors),
    ]
    for a in authors:
        answers += [
            queries.cocitation(store, author=a, min_count=1),
            queries.coupling(store, level="author", author=a, min_count=1),
        ]
    return [x.model_dump() for x in answers]


@pytest.mark.realdata
@pytest.mark.neo4j
def test_both_stores_hold_the_same_citation_graph_and_answer_alike(
    request: pytest.FixtureRequest, real_embedded: MemoryStore
) -> None:
    neo = neo4j_fixture(request, "neo4j_store_session")
    neo.clear()
    load_paths(neo, REAL)
    try:
        assert _citation_graph(neo) == _citation_graph(real_embedded)
        assert _answers(neo) == _answers(real_embedded)
    finally:
        neo.clear()
