"""graph/schema.py is the one declaration of identifiers: everything that needs them is
derived from it, so these tests walk every declared identifier through every place
that must know it (a new declaration is covered without a new test here)."""

from __future__ import annotations

import dataclasses

import pytest

from graph.bulk import RowAccumulator, csv_header
from graph.model import (
    AuthorRow,
    GraphBatch,
    InstitutionRow,
    PaperRow,
    flat_prop_names,
    flat_props,
)
from graph.resolve import (
    author_keys,
    institution_row,
    merge_author,
    merge_institution,
    merge_paper,
    paper_keys,
)
from graph.schema import (
    AUTHOR,
    IDENTIFIERS,
    INDEXED_PROPERTIES,
    INSTITUTION,
    NODE_LABELS,
    PAPER,
    Identifier,
    identifiers_of,
)
from graph.store import cypher
from graph.store.memory import MemoryStore
from loaders.identifiers import (
    clean_arxiv_id,
    clean_doi,
    clean_openalex_id,
    clean_orcid,
    doi_in_text,
)
from loaders.records import AuthorRef, InstitutionRef, PaperRecord, PersonRecord

_RECORDS = {
    PAPER: (PaperRecord,),
    AUTHOR: (AuthorRef, PersonRecord),
    INSTITUTION: (InstitutionRef,),
}
_ROWS = {PAPER: PaperRow, AUTHOR: AuthorRow, INSTITUTION: InstitutionRow}
# a value each normalizer accepts, as a document would write it, and its normal form
_SAMPLES = {
    "doi": ("https://doi.org/10.1145/ABC.1", "10.1145/abc.1"),
    "arxiv_id": ("arXiv:2309.06180v3", "2309.06180"),
    "dblp_key": ("conf/sosp/KwonLZ0ZY0S23", "conf/sosp/KwonLZ0ZY0S23"),
    "openalex_id": ("https://openalex.org/W2741809807", "W2741809807"),
    "orcid": ("https://orcid.org/0000-0002-1825-009x", "0000-0002-1825-009X"),
    "dblp_pid": ("Wei  Wang 0001", "Wei Wang 0001"),
    "wos_ut": ("WOS:000456789012345", "WOS:000456789012345"),
    "scopus_eid": ("2-s2.0-85091234567", "2-s2.0-85091234567"),
    "pmid": ("PMID: 31452104", "31452104"),
    "pmcid": ("pmc6712345", "PMC6712345"),
    "s2_id": (
        "https://www.semanticscholar.org/paper/649def34f8be52c8b66281af98ae884c09aef38b",
        "649def34f8be52c8b66281af98ae884c09aef38b",
    ),
    "scopus_author_id": ("57209571323", "57209571323"),
    "s2_author_id": ("1741101", "1741101"),
    "researcher_id": ("a-1234-2010", "A-1234-2010"),
    "ror": ("https://ror.org/01an7q238", "01an7q238"),
    "lens_id": ("https://www.lens.org/000-129-062-968-365", "000-129-062-968-365"),
}


def _sample(kind: Identifier) -> tuple[str, str]:
    if kind.prop not in _SAMPLES:
        pytest.fail(f"add a sample value for the new identifier {kind.prop!r} to _SAMPLES")
    raw, normal = _SAMPLES[kind.prop]
    if kind.label == AUTHOR and kind.prop == "openalex_id":
        return raw.replace("W", "A"), normal.replace("W", "A")
    return raw, normal


def test_declarations_are_consistent() -> None:
    for label in (PAPER, AUTHOR, INSTITUTION):
        kinds = identifiers_of(label)
        assert len({k.key for k in kinds}) == len(kinds), "one key prefix per kind and label"
        assert len({k.prop for k in kinds}) == len(kinds)
        for kind in kinds:
            assert kind.label in NODE_LABELS
            assert kind.key not in ("title", "name"), "reserved for the fallback keys"
            for record in _RECORDS[label]:
                names = {f.name for f in dataclasses.fields(record)}
                assert kind.prop in names, f"{record.__name__} needs a field {kind.prop!r}"


@pytest.mark.parametrize("kind", IDENTIFIERS, ids=lambda k: f"{k.label}.{k.prop}")
def test_every_identifier_reaches_every_derived_place(kind: Identifier) -> None:
    raw, normal = _sample(kind)
    assert kind.normalize(raw) == normal
    assert kind.normalize(normal) == normal, "normalizing twice changes nothing"

    # Neo4j: an index, a branch of the identity lookup, a first-seen merge clause
    assert (kind.label, kind.prop) in INDEXED_PROPERTIES
    assert f"CREATE INDEX {kind.label.lower()}_{kind.prop} " in "\n".join(cypher.SCHEMA)
    merge = {
        PAPER: cypher.MERGE_PAPERS,
        AUTHOR: cypher.MERGE_AUTHORS,
        INSTITUTION: cypher.MERGE_INSTITUTIONS,
    }[kind.label]
    # (a paper's first seen is the corpus description when one side is cited-only)
    assert f".{kind.prop} = coalesce(" in merge or (
        f"ELSE coalesce(p.{kind.prop}, r.{kind.prop}) END" in merge
    )
    if kind.label in (PAPER, AUTHOR):
        lookup = cypher.MATCH_PAPER_KEYS if kind.label == PAPER else cypher.MATCH_AUTHOR_KEYS
        assert f".{kind.prop} IN ${kind.key} " in lookup
        assert f"RETURN '{kind.key}:' + " in lookup

    # the bulk importer's CSV header and the flat node properties
    row_type = _ROWS[kind.label]
    assert kind.prop in csv_header(row_type)
    assert kind.prop in flat_prop_names(row_type)

    # the resolver's keys from a record that carries it
    if kind.label == PAPER:
        rec = PaperRecord(title="A Title", line=1, **{kind.prop: raw})  # type: ignore[arg-type]
        assert paper_keys(rec) == [kind.key_of(normal), "title:a title"]
    elif kind.label == INSTITUTION:
        a = institution_row(InstitutionRef("Univ A", "USA", **{kind.prop: raw}))  # type: ignore[arg-type]
        b = institution_row(InstitutionRef("Other Name", None, **{kind.prop: raw}))  # type: ignore[arg-type]
        assert a and b and a.id == b.id and a.ids == {kind.prop: normal}
    else:
        ref = AuthorRef(name="Ann Lee", **{kind.prop: raw})  # type: ignore[arg-type]
        assert author_keys(ref) == [kind.key_of(normal), "name:ann lee"]


@pytest.mark.parametrize("kind", IDENTIFIERS, ids=lambda k: f"{k.label}.{k.prop}")
def test_stores_index_and_merge_every_identifier(kind: Identifier) -> None:
    _, normal = _sample(kind)
    if kind.label == INSTITUTION:
        first_i = InstitutionRow("I1", "Univ A", ids={kind.prop: normal})
        later_i = InstitutionRow("I1", "Univ A", ids={kind.prop: "other"})
        assert merge_institution(first_i, later_i).ids == {kind.prop: normal}
        store = MemoryStore(None)
        store.write(GraphBatch(institutions=[first_i]))
        store.write(GraphBatch(institutions=[later_i]))
        assert store.g.nodes["I1"][kind.prop] == normal
        return
    if kind.label == PAPER:
        first = PaperRow("P1", "T", "t", ids={kind.prop: normal})
        later = PaperRow("P1", "T", "t", ids={kind.prop: "other"})
        batch, again = GraphBatch(papers=[first]), GraphBatch(papers=[later])
        assert merge_paper(first, later).ids == {kind.prop: normal}, "first seen wins"
    else:
        first_a = AuthorRow("A1", "Ann", "ann", "ann", ids={kind.prop: normal})
        later_a = AuthorRow("A1", "Ann", "ann", "ann", ids={kind.prop: "other"})
        batch, again = GraphBatch(authors=[first_a]), GraphBatch(authors=[later_a])
        assert merge_author(first_a, later_a).ids == {kind.prop: normal}
    key = kind.key_of(normal)
    for store in (MemoryStore(None), RowAccumulator()):
        store.write(batch)
        store.write(again)
        if kind.label == PAPER:
            assert store.match_paper_keys([key]) == {key: ["P1"]}
        else:
            (match,) = store.match_author_keys([key], source="S1")[key]
            assert (match.id, dict(match.ids)) == ("A1", {kind.prop: normal})
    assert flat_props(batch.papers[0] if batch.papers else batch.authors[0])[kind.prop] == normal


def test_normalizers_agree_on_what_documents_write() -> None:
    assert {
        clean_doi(x)
        for x in (
            "10.1145/3600006.3613165",
            "https://doi.org/10.1145/3600006.3613165",
            "http://dx.doi.org/10.1145/3600006.3613165",
            "doi: 10.1145/3600006.3613165",
            "DOI:10.1145/3600006.3613165 ",
        )
    } == {"10.1145/3600006.3613165"}
    assert doi_in_text("see https://doi.org/10.1000/xyz123.") == "10.1000/xyz123"
    assert doi_in_text("https://example.org/paper") is None
    assert {
        clean_arxiv_id(x)
        for x in ("2309.06180", "arXiv:2309.06180v2", "https://arxiv.org/pdf/2309.06180v1.pdf")
    } == {"2309.06180"}
    assert clean_arxiv_id("hep-th/9901001v2") == "hep-th/9901001"
    assert clean_orcid("not an orcid") is None
    assert clean_openalex_id("https://openalex.org/A5023888391") == "A5023888391"
    assert clean_openalex_id("nonsense") is None
