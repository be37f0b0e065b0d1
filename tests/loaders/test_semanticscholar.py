"""loaders.semanticscholar on the real S2 responses in realdata/semanticscholar/.

Counts per SOURCES.md: Paper.json is 1 paper (Turing 1950) with 16 references and 1,000
citing papers holding 2,872 author slots; Author.json is 1 author (A. Turing, 6 aliases)
with 60 papers holding 138 author slots. Counted from the files with ``json.load``: 9 of
the 16 references have a paperId (9 a DOI, 1 a PubMed id); 999 citing papers have a
paperId, 26 have no authors, 1 author slot (Thomas Müller) has no authorId.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from graph.ingest import load_paths
from graph.store.memory import MemoryStore
from loaders.errors import ParseError
from loaders.records import CitedRef, OwnerMetrics, ParsedDocument, TopicRef, VenueRef
from loaders.registry import sniff_format
from loaders.semanticscholar import iter_semanticscholar, parse_semanticscholar
from tests.conftest import REALDATA

S2 = REALDATA / "semanticscholar"
PAPER = S2 / "danielnsilva_semanticscholar__Paper.json"
AUTHOR = S2 / "danielnsilva_semanticscholar__Author.json"
TURING_1950 = "2d5673caa9e6af3a7b82a43f19ee920992db07ad"


def _load(path: Path) -> ParsedDocument:
    return parse_semanticscholar(path.read_bytes(), path=str(path))


def _parse(text: str) -> ParsedDocument:
    return parse_semanticscholar(text, path="s2.json")


@pytest.fixture(scope="module")
def paper_doc() -> ParsedDocument:
    return _load(PAPER)


@pytest.fixture(scope="module")
def author_doc() -> ParsedDocument:
    return _load(AUTHOR)


# ---------------------------------------------------------------- Paper.json


@pytest.mark.realdata
def test_paper_response_counts(paper_doc: ParsedDocument) -> None:
    # 1 paper + 1,000 citing papers; its one author is a full author object (aliases)
    assert (paper_doc.read, len(paper_doc.papers), len(paper_doc.people)) == (1002, 1001, 1)
    assert paper_doc.errors == []
    main, *citing = paper_doc.papers
    assert main.s2_id == TURING_1950
    assert len(citing) == 1000
    assert sum(len(p.authors) for p in citing) == 2872
    assert sum(1 for p in citing if not p.authors) == 26
    assert sum(1 for p in citing for a in p.authors if a.s2_author_id) == 2871
    assert sum(1 for p in citing if p.s2_id) == 999


@pytest.mark.realdata
def test_the_paper_itself(paper_doc: ParsedDocument) -> None:
    # "paperId": "2d5673ca...", "externalIds": {"MAG": "3030363341", "DBLP":
    # "journals/x/Turing50", "DOI": "10.1093/MIND/LIX.236.433", "CorpusId": 14636783},
    # "year": 1950, "citationCount": 8419, "publicationDate": "1950-10-01",
    # "journal": {"name": "Mind", "pages": "433-460", "volume": "LIX"},
    # "publicationTypes": ["JournalArticle", "Review"]
    main = paper_doc.papers[0]
    assert main.title == "Computing Machinery and Intelligence"
    assert main.doi == "10.1093/mind/lix.236.433"
    assert main.dblp_key == "journals/x/Turing50"
    assert (main.year, main.date and main.date.isoformat()) == (1950, "1950-10-01")
    assert main.cited_by == 8419
    assert main.venue == VenueRef(name="Mind", kind="journal", year=1950)
    assert main.kind == "JournalArticle"
    assert main.line == 1
    # fieldsOfStudy ["Computer Science", "Sociology"] + s2FieldsOfStudy adds "Philosophy"
    assert main.topics == tuple(
        TopicRef(n, kind="subject_category")
        for n in ("Computer Science", "Sociology", "Philosophy")
    )
    (turing,) = main.authors
    assert (turing.name, turing.raw, turing.position) == ("A. Turing", "A. Turing", 1)
    assert turing.s2_author_id == "2262347" and turing.initials_only
    assert turing.dblp_pid == "Alan M. Turing"  # "externalIds": {"DBLP": ["Alan M. Turing"]}


@pytest.mark.realdata
def test_a_full_author_object_is_also_a_person(paper_doc: ParsedDocument) -> None:
    (person,) = paper_doc.people
    assert person.s2_author_id == "2262347"
    assert person.aliases == (
        "A Turing",
        "A M Turing",
        "A. M. Turing",
        "Alan M. Turing",
        "Alan Turing",
        "Alan Mathison Turing",
    )
    # "paperCount": 60, "citationCount": 12233, "hIndex": 23
    assert person.metrics == OwnerMetrics(h_index=23, paper_count=60, citations=12233)


@pytest.mark.realdata
def test_references_become_cited_refs(paper_doc: ParsedDocument) -> None:
    refs = paper_doc.papers[0].references
    assert len(refs) == 16
    assert sum(1 for r in refs if r.s2_id) == 9
    assert sum(1 for r in refs if r.doi) == 9
    assert sum(1 for r in refs if r.pmid) == 1
    # {"paperId": "55ddf1b6...", "externalIds": {"MAG": "1991116412", "DOI":
    # "10.1136/bmj.1.4616.1105", "CorpusId": 5252434, "PubMed": "18153422"},
    # "title": "The Mind of Mechanical Man*", "year": 1949, "journal": {"name": "British
    # Medical Journal", "volume": "1", "pages": "1105 - 1110"},
    # "authors": [{"authorId": "...", "name": "G. Jefferson"}]}
    jefferson = next(r for r in refs if r.s2_id == "55ddf1b6cbe79b963a5a9d4da6e0a15e0d6761b5")
    assert jefferson == CitedRef(
        raw="The Mind of Mechanical Man*",
        doi="10.1136/bmj.1.4616.1105",
        pmid="18153422",
        s2_id="55ddf1b6cbe79b963a5a9d4da6e0a15e0d6761b5",
        first_author="G. Jefferson",
        year=1949,
        title="The Mind of Mechanical Man*",
        source="British Medical Journal",
        volume="1",
        page="1105",
    )
    # a reference S2 did not match: {"paperId": null, "title": "The Book of the
    # ,IIachines", "year": 1865, "authors": []}
    book = next(r for r in refs if r.year == 1865)
    assert (book.raw, book.s2_id, book.first_author) == ("The Book of the ,IIachines", None, None)


@pytest.mark.realdata
def test_citing_papers_cite_the_paper(paper_doc: ParsedDocument) -> None:
    main, *citing = paper_doc.papers
    for paper in citing:
        assert paper.references[-1].s2_id == TURING_1950
        assert paper.references[-1].doi == main.doi
    # citations[0]: {"paperId": "de6e3d9e...", "externalIds": {"DOI":
    # "10.1016/j.epsr.2022.108887", ...}, "title": "Deep learning for power quality",
    # "year": 2023, "authors": [{"authorId": "49442361", "name": "R. Oliveira"},
    # {"authorId": "46525078", "name": "M. Bollen"}]}
    first = citing[0]
    assert first.title == "Deep learning for power quality"
    assert first.doi == "10.1016/j.epsr.2022.108887"
    assert [(a.name, a.s2_author_id, a.position) for a in first.authors] == [
        ("R. Oliveira", "49442361", 1),
        ("M. Bollen", "46525078", 2),
    ]
    # the one author slot without an id: {"authorId": null, "name": "Thomas Müller"}
    oman = next(p for p in citing if p.s2_id == "9d563538a42b05872301267be2cdb6dc2475f815")
    assert oman.arxiv_id == "2209.10103"
    assert (oman.authors[-1].name, oman.authors[-1].s2_author_id) == ("Thomas Müller", None)
    assert oman.authors[-1].position == 8 and not oman.authors[-1].initials_only
    # the citing paper S2 has no id for is kept, citing by its title alone; its title is
    # written with combining marks ("recec\u0327a\u0303o"), kept as written
    (no_id,) = [p for p in citing if p.s2_id is None]
    assert no_id.title.startswith("Data de recec\u0327a\u0303o") and no_id.year == 2021


# ---------------------------------------------------------------- Author.json


@pytest.mark.realdata
def test_author_response(author_doc: ParsedDocument) -> None:
    assert (author_doc.read, len(author_doc.papers), len(author_doc.people)) == (61, 60, 1)
    assert author_doc.errors == []
    (person,) = author_doc.people
    assert (person.name, person.s2_author_id) == ("A. Turing", "2262347")
    assert len(person.aliases) == 6 and "Alan Mathison Turing" in person.aliases
    assert person.metrics == OwnerMetrics(h_index=23, paper_count=60, citations=12415)
    assert person.dblp_pid == "Alan M. Turing"
    assert sum(len(p.authors) for p in author_doc.papers) == 138
    # every paper lists him: nobody had to be inferred
    for paper in author_doc.papers:
        assert [a.s2_author_id for a in paper.authors].count("2262347") == 1
        assert not any(a.inferred for a in paper.authors)
    assert sum(1 for p in author_doc.papers if p.doi) == 32
    assert sum(1 for p in author_doc.papers if p.dblp_key) == 11


@pytest.mark.realdata
def test_author_paper_checked_by_hand(author_doc: ParsedDocument) -> None:
    # {"paperId": "6b7b392d...", "externalIds": {"DBLP": "journals/cryptologia/X20", "DOI":
    # "10.1080/01611194.2019.1650846"}, "title": "Review of two collections of essays
    # about Alan Turing", "venue": "Cryptologia", "year": 2020, "publicationTypes":
    # ["JournalArticle", "Review"], "journal": {"volume": "44", "pages": "82 - 86",
    # "name": "Cryptologia"}, "authors": [{"authorId": "2262347", "name": "A. Turing"},
    # {"authorId": "1772040", "name": "Jonathan P. Bowen"}, {"authorId": "3075367",
    # "name": "Mark D. Sprevak"}, {"authorId": "2109033245", "name": "Robin J. Wilson"},
    # {"authorId": "2085428", "name": "A. Bokulich"}]}
    review = next(p for p in author_doc.papers if p.dblp_key == "journals/cryptologia/X20")
    assert review.doi == "10.1080/01611194.2019.1650846"
    assert review.venue == VenueRef(name="Cryptologia", kind="journal", year=2020)
    assert [(a.name, a.initials_only) for a in review.authors] == [
        ("A. Turing", True),
        ("Jonathan P. Bowen", False),
        ("Mark D. Sprevak", False),
        ("Robin J. Wilson", False),
        ("A. Bokulich", True),
    ]
    # "publicationVenue": {"name": "M.D.Computing", "type": "journal", ...}
    lecture = next(p for p in author_doc.papers if p.pmid == "7564963")
    assert lecture.venue == VenueRef(name="M.D.Computing", kind="journal", year=1995)


# ---------------------------------------------------------------- the other shapes


def test_a_list_page_keeps_each_item_line() -> None:
    page = """{
  "offset": 0,
  "next": 2,
  "data": [
    {"paperId": "%s", "title": "One", "authors": [{"authorId": "1", "name": "A B"}]},
    {"authorId": "7", "name": "Ada Lovelace", "aliases": ["A. Lovelace"]}
  ]
}
""" % ("a" * 40)
    doc = _parse(page)
    assert (doc.read, [p.line for p in doc.papers], [p.line for p in doc.people]) == (2, [5], [6])
    assert doc.papers[0].authors[0].name == "A. B"
    assert doc.people[0].aliases == ("A. Lovelace",)


def test_citation_pages_are_unwrapped() -> None:
    page = {"data": [{"contexts": [], "citingPaper": {"paperId": "b" * 40, "title": "Citer"}}]}
    doc = _parse(json.dumps(page))
    assert [(p.title, p.s2_id) for p in doc.papers] == [("Citer", "b" * 40)]


def test_batch_nulls_are_reported() -> None:
    doc = _parse(json.dumps([{"paperId": "c" * 40, "title": "Found"}, None]))
    assert [p.title for p in doc.papers] == ["Found"]
    assert [e.reason for e in doc.errors] == ["null: an id the batch request did not find"]


def test_dataset_lines_with_lowercase_keys() -> None:
    line = {
        "corpusid": 14636783,
        "externalids": {"DOI": "10.1093/MIND/LIX.236.433", "CorpusId": "14636783"},
        "url": "https://www.semanticscholar.org/paper/" + TURING_1950,
        "title": "Computing Machinery and Intelligence",
        "authors": [{"authorId": "2262347", "name": "A. Turing"}],
        "year": 1950,
        "citationcount": 8419,
        "s2fieldsofstudy": [{"category": "Philosophy", "source": "s2-fos-model"}],
        "publicationdate": "1950-10-01",
    }
    doc = _parse(json.dumps(line) + "\n" + json.dumps({**line, "title": "Second"}) + "\n")
    first, second = doc.papers
    assert (first.s2_id, first.doi, first.cited_by) == (
        TURING_1950,
        "10.1093/mind/lix.236.433",
        8419,
    )
    assert first.topics == (TopicRef("Philosophy", kind="subject_category"),)
    assert (first.line, second.line) == (1, 2)


def test_an_author_missing_from_their_paper_is_inferred() -> None:
    author = {
        "authorId": "9",
        "name": "Ada Lovelace",
        "papers": [{"paperId": "d" * 40, "title": "Notes"}],
    }
    doc = _parse(json.dumps(author))
    (paper,) = doc.papers
    (ada,) = paper.authors
    assert (ada.name, ada.s2_author_id, ada.inferred, ada.position) == (
        "Ada Lovelace",
        "9",
        True,
        None,
    )


# ---------------------------------------------------------------- hostile documents


def test_deep_nesting_is_a_parse_error_naming_the_file() -> None:
    for text in ("[" * 200_000, '{"paperId": ' + "[" * 200_000, "{\n" + '"data": ' + "[" * 200_000):
        with pytest.raises(ParseError) as exc:
            _parse(text)
        assert exc.value.path == "s2.json" and "nested too deeply" in exc.value.message


def test_a_deep_later_line_is_one_bad_record() -> None:
    ok = json.dumps({"paperId": "e" * 40, "title": "Fine"})
    doc = _parse(ok + "\n" + "[" * 200_000 + "\n" + ok + "\n")
    assert len(doc.papers) == 2
    (error,) = doc.errors
    assert (error.line, error.reason) == (2, "not readable JSON: nested too deeply")


def test_a_number_too_long_to_read_is_one_bad_record() -> None:
    paper = json.dumps({"paperId": "f" * 40, "title": "T"})
    doc = _parse(paper + '\n{"year": ' + "9" * 5000 + "}\n")
    assert len(doc.papers) == 1
    assert doc.errors[0].reason == "not readable JSON: a number with too many digits"


def test_fields_of_the_wrong_type_skip_the_record() -> None:
    good = {"paperId": "1" * 40, "title": "Good", "authors": [{"authorId": "1", "name": "A B"}]}
    lines = [
        {**good, "authors": "A. Turing"},
        {**good, "year": "1950"},
        {**good, "authors": [{"authorId": "1", "name": ["A", "B"]}]},
        {**good, "externalIds": {"DOI": ["10.1/x"]}},
        good,
    ]
    doc = _parse("\n".join(json.dumps(x) for x in lines))
    assert [p.title for p in doc.papers] == ["Good"]
    assert [(e.line, e.reason) for e in doc.errors] == [
        (1, "authors is a string, not a list"),
        (2, "year is a string, not a whole number"),
        (3, "authors[0].name is a list, not a string"),
        (4, "externalIds.DOI is a list, not an id"),
    ]


def test_a_bad_citing_paper_is_skipped_alone() -> None:
    paper = {
        "paperId": TURING_1950,
        "title": "Computing Machinery and Intelligence",
        "citations": [{"paperId": "2" * 40, "title": "Bad", "authors": 3}, {"title": "Good"}],
    }
    doc = _parse(json.dumps(paper))
    assert [p.title for p in doc.papers] == ["Computing Machinery and Intelligence", "Good"]
    assert [e.reason for e in doc.errors] == ["citations[0].authors is a number, not a list"]
    assert doc.read == 3


def test_what_is_not_semantic_scholar_is_refused() -> None:
    with pytest.raises(ParseError, match="empty file"):
        _parse("\n\n")
    with pytest.raises(ParseError, match="not JSON"):
        _parse("{\n  oops\n}")
    with pytest.raises(ParseError, match="not a Semantic Scholar paper"):
        _parse('{"id": "https://openalex.org/W1"}')
    doc = _parse(json.dumps({"paperId": "3" * 40, "title": "T"}) + '\n{"id": 1}\n')
    assert doc.errors[0].reason == "not a Semantic Scholar paper, author or list page"


def test_streaming_reads_one_line_at_a_time() -> None:
    lines = b"".join(
        json.dumps({"paperId": f"{n:040x}", "title": f"P{n}"}).encode() + b"\n" for n in range(3)
    )
    records = iter_semanticscholar(io.BytesIO(lines), path="s2.jsonl")
    assert next(records).title == "P0"  # type: ignore[union-attr]


# ---------------------------------------------------------------- registry and ingest


@pytest.mark.realdata
@pytest.mark.parametrize("path", [PAPER, AUTHOR], ids=lambda p: p.name)
def test_sniffed_and_loaded_end_to_end(path: Path) -> None:
    assert sniff_format(path) == "s2"
    summary = load_paths(MemoryStore(None), [path])
    (doc,) = summary.documents
    assert doc.format == "s2" and doc.status == "loaded"
    assert doc.read == doc.loaded + doc.merged + doc.skipped == _load(path).read
