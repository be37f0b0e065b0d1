"""Institutions and countries from bylines, on both stores: the rows the resolver makes
from affiliation records, and the three questions over them. The expected answers are
worked out by hand from the records below."""

from __future__ import annotations

import pytest

from graph import queries
from graph.errors import AmbiguousNameError, InvalidQueryError, NotFoundError
from graph.model import SourceRow
from graph.resolve import Resolver
from graph.store.base import GraphStore
from loaders.records import AuthorRef, InstitutionRef, PaperRecord

UF = InstitutionRef("Univ Florida", address="Univ Florida, Dept Biol, Gainesville, FL 32611 USA")
USP = InstitutionRef("Univ Sao Paulo", address="Univ Sao Paulo, Sao Paulo, Brazil")
INPA = InstitutionRef("Inst Nacl Pesquisas Amazonia", country="Brazil")
OX = InstitutionRef("Univ Oxford", address="Univ Oxford, Oxford OX1 3PS, England")
OX_ROR = InstitutionRef("University of Oxford", country="United Kingdom", ror="052gg0110")
OX_ROR2 = InstitutionRef("Oxford Univ", country="UK", ror="https://ror.org/052gg0110")


def _paper(title: str, year: int, *authors: tuple[str, tuple[InstitutionRef, ...]]) -> PaperRecord:
    refs = tuple(
        AuthorRef(name, position=i, institutions=insts)
        for i, (name, insts) in enumerate(authors, 1)
    )
    return PaperRecord(title=title, line=1, year=year, authors=refs)


PAPERS = [
    _paper("Forest fragments", 2010, ("Emilio Bruna", (UF,)), ("Ana Silva", (USP, INPA))),
    _paper("Seed dispersal", 2012, ("Emilio Bruna", (UF,)), ("Ana Silva", (USP,))),
    _paper("Herbivory", 2015, ("Emilio Bruna", (UF, OX)), ("Jon Smith", (OX,))),
    _paper("Plants alone", 2016, ("Ana Silva", (INPA,)), ("Rui Costa", (USP,))),
    _paper("Oxford by ROR", 2018, ("Jon Smith", (OX_ROR,)), ("Kim Lee", (OX_ROR2,))),
]


@pytest.fixture
def store(empty_store: GraphStore) -> GraphStore:
    source = SourceRow("S1", "bylines.txt", "test", "0" * 64, "2026-01-01T00:00:00+00:00")
    batch, _ = Resolver(empty_store, source).resolve(PAPERS)
    empty_store.write(batch)
    empty_store.flush()
    return empty_store


def test_institution_nodes_and_affiliations(store: GraphStore) -> None:
    counts = store.counts()
    # UF, USP, INPA, Oxford (name + England), Oxford (ROR; both ROR spellings one node)
    assert counts["nodes"]["Institution"] == 5
    # one AFFILIATED_WITH per (author, institution, paper)
    assert counts["relationships"]["AFFILIATED_WITH"] == 12
    uf = queries.resolve_institution(store, "Univ Florida")[0]
    assert (uf.country_code, uf.country) == ("US", "United States")
    ox = queries.resolve_institution(store, "University of Oxford")[0]
    assert ox.country_code == "GB"


def test_country_collaboration(store: GraphStore) -> None:
    answer = queries.collaboration(store, "country")
    pairs = {(p.a.id, p.b.id): p for p in answer.pairs}
    # papers 1 and 2: US-BR; paper 3: US-GB; paper 4 BR only; paper 5 GB only
    assert {k: p.papers for k, p in pairs.items()} == {("BR", "US"): 2, ("GB", "US"): 1}
    assert answer.pairs[0].a.name == "Brazil" and answer.pairs[0].b.name == "United States"
    assert len(answer.pairs[0].examples) == 2


def test_institution_collaboration(store: GraphStore) -> None:
    answer = queries.collaboration(store, "institution", top=3)
    assert len(answer.pairs) == 3
    # UF-USP (papers 1, 2) and INPA-USP (papers 1, 4) tie on two papers, ids break it
    twos = {frozenset((p.a.name, p.b.name)) for p in answer.pairs if p.papers == 2}
    assert twos == {
        frozenset(("Univ Florida", "Univ Sao Paulo")),
        frozenset(("Inst Nacl Pesquisas Amazonia", "Univ Sao Paulo")),
    }
    assert answer.pairs[2].papers == 1
    with pytest.raises(InvalidQueryError):
        queries.collaboration(store, "planet")


def test_institutions_of_authors_by_year(store: GraphStore) -> None:
    answer = queries.institutions_of(store, ["Emilio Bruna"])
    (bruna,) = answer.authors
    assert [y.year for y in bruna.by_year] == [2015, 2012, 2010]
    assert sorted(i.name for i in bruna.by_year[0].institutions) == ["Univ Florida", "Univ Oxford"]
    assert [i.name for i in bruna.by_year[2].institutions] == ["Univ Florida"]


def test_members_of_an_institution(store: GraphStore) -> None:
    answer = queries.institution_members(store, "Univ Sao Paulo")
    assert [(m.name, len(m.papers)) for m in answer.members] == [
        ("Ana Silva", 2),
        ("Rui Costa", 1),
    ]
    assert answer.members[0].first_year == 2010 and answer.members[0].last_year == 2012
    with pytest.raises(NotFoundError):
        queries.institution_members(store, "Univ Nowhere")
    with pytest.raises(AmbiguousNameError):
        queries.institution_members(store, "Oxford")  # two Oxford nodes contain it


def test_both_stores_answer_the_same(empty_store: GraphStore, store: GraphStore) -> None:
    del empty_store
    dumped = queries.collaboration(store, "institution").model_dump()
    assert dumped == _embedded_answer("institution")


def _embedded_answer(level: str) -> dict:  # type: ignore[type-arg]
    from graph.store.memory import MemoryStore

    mem = MemoryStore(None)
    source = SourceRow("S1", "bylines.txt", "test", "0" * 64, "2026-01-01T00:00:00+00:00")
    batch, _ = Resolver(mem, source).resolve(PAPERS)
    mem.write(batch)
    return queries.collaboration(mem, level).model_dump()
