"""loaders.crossref on the real Crossref work responses in realdata/exports/crossref-json/.

The counts each file must give are read from exports/counts.json (records, author slots,
authors with affiliation / ORCID, cited refs, refs with a DOI, refs that are only an
``unstructured`` string); single records are checked by hand against the source, quoted
in the comments.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graph.ingest import load_paths
from graph.store.memory import MemoryStore
from loaders.crossref import looks_like_crossref, parse_crossref
from loaders.errors import ParseError
from loaders.records import CitedRef, InstitutionRef, ParsedDocument, VenueRef
from loaders.registry import sniff_format
from tests.conftest import REALDATA

EXPORTS = REALDATA / "exports"
CROSSREF = EXPORTS / "crossref-json"
TEST1 = CROSSREF / "yongrenjie_abbotsbury__test1.json"
TEST2 = CROSSREF / "yongrenjie_abbotsbury__test2.json"
SAMPLES = [TEST1, TEST2]
OXFORD = "Chemistry Research Laboratory, 12 Mansfield Road, Oxford, OX1 3TA, U.K."


def _load(path: Path) -> ParsedDocument:
    return parse_crossref(path.read_bytes(), path=str(path))


def _parse(text: str) -> ParsedDocument:
    return parse_crossref(text, path="works.json")


def _counts(path: Path) -> dict[str, Any]:
    counts: dict[str, Any] = json.loads((EXPORTS / "counts.json").read_text())
    return counts[str(path.relative_to(REALDATA))]


@pytest.mark.realdata
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_counts_match_counts_json(path: Path) -> None:
    counts = _counts(path)
    doc = _load(path)
    assert doc.read == len(doc.papers) == counts["records"]
    assert doc.errors == [] and doc.people == []
    authors = [a for p in doc.papers for a in p.authors]
    refs = [r for p in doc.papers for r in p.references]
    assert len(authors) == counts["author_slots"]
    assert sum(1 for a in authors if a.institutions) == counts["authors_with_affiliation"]
    assert sum(1 for a in authors if a.orcid) == counts["authors_with_orcid"]
    assert sum(1 for p in doc.papers if p.references) == counts["records_with_refs"]
    assert len(refs) == counts["cited_refs"] == sum(counts["reference_count_field"])
    assert sum(1 for r in refs if r.doi) == counts["refs_with_DOI"]
    # counts.json's "unstructured only": a citation string, no DOI
    assert sum(1 for r in refs if not r.doi) == counts["refs_unstructured_only"]
    assert sum(1 for p in doc.papers if p.doi) == counts["records_with_doi"]


@pytest.mark.realdata
def test_org_lett_work_by_hand() -> None:
    (work,) = _load(TEST1).papers
    # "DOI": "10.1021\/acs.orglett.9b00971", "type": "journal-article",
    # "title": ["A General Copper-Catalyzed Synthesis of Ynamides from 1,2-Dichloroenamides"],
    # "container-title": ["Organic Letters"], "short-container-title": ["Org. Lett."],
    # "issued": {"date-parts": [[2019, 4, 3]]}, "is-referenced-by-count": 9,
    # "subject": ["Physical and Theoretical Chemistry", "Organic Chemistry", "Biochemistry"]
    assert (
        work.title == "A General Copper-Catalyzed Synthesis of Ynamides from 1,2-Dichloroenamides"
    )
    assert work.doi == "10.1021/acs.orglett.9b00971"
    assert work.kind == "journal-article"
    assert work.venue == VenueRef(
        name="Organic Letters", acronym="Org. Lett.", kind="journal", year=2019
    )
    assert (work.year, work.date and work.date.isoformat()) == (2019, "2019-04-03")
    assert work.cited_by == 9
    assert [t.name for t in work.topics] == [
        "Physical and Theoretical Chemistry",
        "Organic Chemistry",
        "Biochemistry",
    ]
    assert {t.kind for t in work.topics} == {"subject_category"}
    # {"given": "Steven J.", "family": "Mansfield", "sequence": "first", "affiliation":
    # [{"name": "Chemistry Research Laboratory, 12 Mansfield Road, Oxford, OX1 3TA, U.K."}]}
    first = work.authors[0]
    assert (first.name, first.raw, first.position) == (
        "Steven J. Mansfield",
        "Mansfield, Steven J.",
        1,
    )
    assert first.institutions == (
        InstitutionRef(name="Chemistry Research Laboratory", country="U.K.", address=OXFORD),
    )
    assert first.affiliation == "Chemistry Research Laboratory"
    # {"given": "Russell C.", "family": "Smith", "affiliation": [{"name": "Janssen PRD,
    # 3210 Merryfield Row, San Diego, California 92121, United States"}]}
    smith = work.authors[1]
    assert smith.institutions[0].name == "Janssen PRD"
    assert smith.institutions[0].country == "United States"
    # {"ORCID": "http:\/\/orcid.org\/0000-0002-4149-0494", "authenticated-orcid": true,
    # "given": "Edward A.", "family": "Anderson", ...}
    last = work.authors[-1]
    assert (last.name, last.orcid, last.position) == (
        "Edward A. Anderson",
        "0000-0002-4149-0494",
        5,
    )
    # {"key": "ref1\/cit1a", "DOI": "10.1002\/anie.201813143", "doi-asserted-by": "publisher"}
    assert work.references[0] == CitedRef(
        raw="DOI 10.1002/anie.201813143", doi="10.1002/anie.201813143"
    )


@pytest.mark.realdata
def test_nature_reviews_work_by_hand() -> None:
    (work,) = _load(TEST2).papers
    # "published-print": {"date-parts": [[2021, 12]]}, "issued": {"date-parts": [[2021, 4, 8]]}
    assert (work.year, work.date and work.date.isoformat()) == (2021, "2021-04-08")
    assert work.venue is not None and work.venue.acronym == "Nat Rev Methods Primers"
    # {"ORCID": "http:\/\/orcid.org\/0000-0002-2366-0269", "authenticated-orcid": false,
    # "given": "\u0112riks", "family": "Kup\u010de", "sequence": "first", "affiliation": []}
    kupce = work.authors[0]
    assert (kupce.name, kupce.orcid, kupce.institutions) == (
        "Ēriks Kupče",
        "0000-0002-2366-0269",
        (),
    )
    assert [a.name for a in work.authors] == [
        "Ēriks Kupče",
        "Lucio Frydman",
        "Andrew G. Webb",
        "Jonathan R. J. Yong",
        "Tim D. W. Claridge",
    ]
    # {"key": "24_CR1", "doi-asserted-by": "crossref", "first-page": "142", "DOI":
    # "10.1016\/j.ajhg.2009.06.022", "volume": "85", "author": "T Tucker", "year": "2009",
    # "unstructured": "Tucker, T., Marra, M. & Friedman, J. M. Massively parallel
    # sequencing: the next big thing in genetic medicine. Am. J. Hum. Genet. 85,
    # 142\u2013154 (2009).", "journal-title": "Am. J. Hum. Genet."}
    assert work.references[0] == CitedRef(
        raw=(
            "Tucker, T., Marra, M. & Friedman, J. M. Massively parallel sequencing: the next "
            "big thing in genetic medicine. Am. J. Hum. Genet. 85, 142–154 (2009)."
        ),
        doi="10.1016/j.ajhg.2009.06.022",
        first_author="T Tucker",
        year=2009,
        source="Am. J. Hum. Genet.",
        volume="85",
        page="142",
    )
    # {"key": "24_CR5", "unstructured": "Webb, A. G., Sweedler, J. V. & Raftery, D. in
    # On-Line LC-NMR and Related Techniques (ed. Albert, K.) 259\u2013279 (Wiley, 2002)."}
    cr5 = work.references[4]
    assert cr5.raw.startswith("Webb, A. G., Sweedler, J. V. & Raftery, D. in On-Line LC-NMR")
    assert (cr5.doi, cr5.year, cr5.first_author) == (None, None, None)
    # six references are only {"key", "unstructured"}: CR5, CR8, CR17, CR18, CR38, CR72
    assert sum(1 for r in work.references if r.doi is None and r.first_author is None) == 6


# ---------------------------------------------------------------- the other shapes


def _work(**fields: Any) -> dict[str, Any]:
    return {"DOI": "10.1/A", "title": ["A work"], "type": "journal-article", **fields}


def test_work_list_keeps_each_item_line() -> None:
    first, second = json.dumps(_work()), json.dumps(_work(DOI="10.1/B", title=["B"]))
    text = "\n".join(
        [
            "{",
            '  "status": "ok",',
            '  "message-type": "work-list",',
            '  "message": {',
            '    "total-results": 2,',
            '    "items": [',
            f"      {first},",
            f"      {second}",
            "    ]",
            "  }",
            "}",
        ]
    )
    doc = _parse(text)
    assert [(p.doi, p.line) for p in doc.papers] == [("10.1/a", 7), ("10.1/b", 8)]


@pytest.mark.parametrize(
    "text",
    [
        json.dumps(_work()),
        json.dumps([_work()]),
        json.dumps({"items": [_work()]}),
        json.dumps({"status": "ok", "message-type": "work", "message": _work()}) + "\n",
    ],
    ids=["bare", "array", "data-file", "response-line"],
)
def test_every_shape_gives_the_work(text: str) -> None:
    (paper,) = _parse(text).papers
    assert (paper.doi, paper.title) == ("10.1/a", "A work")


def test_authors_organisations_initials_suffixes_and_ror() -> None:
    work = _work(
        title=["Synthesis of <i>N</i>-aryl CO<sub>2</sub> &amp; more"],
        author=[
            {"given": "S J", "family": "Mansfield", "suffix": "III"},
            {"name": "The Consortium", "sequence": "additional"},
            {
                "given": "Ana",
                "family": "Lima",
                "affiliation": [
                    {
                        "name": "Universidade de São Paulo",
                        "id": [{"id": "https://ror.org/036rp1748", "id-type": "ROR"}],
                    }
                ],
            },
        ],
        issued={"date-parts": [[None]]},
        **{"published-online": {"date-parts": [[2020, 5]]}},
    )
    (paper,) = _parse(json.dumps(work)).papers
    assert paper.title == "Synthesis of N-aryl CO2 & more"
    mansfield, consortium, lima = paper.authors
    assert (mansfield.name, mansfield.raw, mansfield.initials_only) == (
        "S. J. Mansfield III",
        "Mansfield, S J",
        True,
    )
    assert (consortium.name, consortium.position) == ("The Consortium", 2)
    assert lima.institutions == (
        InstitutionRef(
            name="Universidade de São Paulo", address="Universidade de São Paulo", ror="036rp1748"
        ),
    )
    assert (paper.year, paper.date) == (2020, None)


# ---------------------------------------------------------------- hostile documents


def test_deep_nesting_is_a_parse_error_naming_the_file() -> None:
    for text in ("[" * 200_000, '{"message": ' + "[" * 200_000 + "\n}"):
        with pytest.raises(ParseError) as exc:
            _parse(text)
        assert exc.value.path == "works.json" and "nested too deeply" in exc.value.message


def test_fields_of_the_wrong_type_skip_the_record() -> None:
    lines = [
        _work(author="Mansfield, S. J."),
        _work(reference=["10.1/x"]),
        _work(issued={"date-parts": [["2019", 4]]}),
        _work(title=[{"value": "T"}]),
        _work(**{"is-referenced-by-count": "9"}),
        _work(),
    ]
    doc = _parse("\n".join(json.dumps(x) for x in lines))
    assert [p.doi for p in doc.papers] == ["10.1/a"]
    assert [(e.line, e.reason) for e in doc.errors] == [
        (1, "author is a string, not a list"),
        (2, "reference[0] is a string, not an object"),
        (3, "issued.date-parts is not a list of numbers"),
        (4, "title[0] is an object, not a string"),
        (5, "is-referenced-by-count is a string, not a whole number"),
    ]


def test_what_is_not_a_work_is_refused() -> None:
    failed = {"status": "failed", "message-type": "validation-failure", "message": [{"type": "x"}]}
    with pytest.raises(ParseError, match="not a Crossref work"):
        _parse(json.dumps(failed))
    with pytest.raises(ParseError, match="empty file"):
        _parse("")
    with pytest.raises(ParseError, match="not JSON"):
        _parse('{\n  "status": "ok",\n  "message": {\n')
    doc = _parse(json.dumps(_work(title=[])) + "\n" + json.dumps({"total": 1}) + "\n")
    assert [e.reason for e in doc.errors] == [
        "title is missing (DOI 10.1/a)",
        "not a Crossref work or work list",
    ]


# ---------------------------------------------------------------- registry and ingest


@pytest.mark.realdata
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sniffed_and_loaded_end_to_end(path: Path) -> None:
    assert sniff_format(path) == "crossref"
    summary = load_paths(MemoryStore(None), [path])
    (doc,) = summary.documents
    assert doc.format == "crossref" and doc.status == "loaded"
    assert doc.read == doc.loaded + doc.merged + doc.skipped == _counts(path)["records"]


@pytest.mark.realdata
def test_counts_json_itself_is_not_taken_for_crossref() -> None:
    # it holds "envelope": {"status": "ok", "message-type": "work", ...} as data
    head = (EXPORTS / "counts.json").read_text()[:8192]
    assert not looks_like_crossref(head)
