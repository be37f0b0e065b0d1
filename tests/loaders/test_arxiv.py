"""loaders.arxiv on the real 200-line slice of the arXiv metadata snapshot.

Counts taken from the file without the loader: ``wc -l`` (200 lines),
``grep -c '"doi":null'`` (83, so 117 DOIs), ``grep -c '"journal-ref":null'`` (91, so 109
journal refs), ``grep -o '"authors_parsed":\\[.*\\]\\]' F | grep -o '\\["' | wc -l`` (537
authors_parsed entries), the categories fields split on spaces (305 codes), and
``json.loads`` per line for the rest (2 ``authors`` strings ending in "et al", 42
authors_parsed entries with a fourth, affiliation slot, 68 titles containing a newline).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest

from loaders.arxiv import iter_arxiv, journal_name, looks_like_arxiv, parse_arxiv
from loaders.errors import ParseError
from loaders.records import PaperRecord, ParsedDocument, RecordError
from tests.conftest import REALDATA

SNAPSHOT = REALDATA / "arxiv" / "wanng-ide_arxivSpider_mnbvc__arxiv-metadata-oai-snapshot.json"


@pytest.fixture(scope="module")
def doc() -> ParsedDocument:
    return parse_arxiv(SNAPSHOT.read_bytes(), path=str(SNAPSHOT))


@pytest.fixture(scope="module")
def by_id(doc: ParsedDocument) -> dict[str, PaperRecord]:
    return {p.arxiv_id or "": p for p in doc.papers}


def _line(arxiv_id: str, **fields: object) -> str:
    rec: dict[str, object] = {
        "id": arxiv_id,
        "submitter": "S",
        "authors": "A. One",
        "title": "T",
        "journal-ref": None,
        "doi": None,
        "categories": "cs.DL",
        "abstract": "x",
        "versions": [{"version": "v1", "created": "Mon, 2 Apr 2007 19:18:42 GMT"}],
        "authors_parsed": [["One", "A.", ""]],
    }
    rec.update(fields)
    return json.dumps(rec)


@pytest.mark.realdata
def test_counts(doc: ParsedDocument) -> None:
    assert doc.read == 200
    assert len(doc.papers) == 200
    assert doc.errors == [] and doc.people == []
    assert sum(len(p.authors) for p in doc.papers) == 537
    assert sum(1 for p in doc.papers if p.authors_truncated) == 2
    assert sum(1 for p in doc.papers if p.doi) == 117
    assert Counter(p.venue.kind for p in doc.papers if p.venue) == {"journal": 109, "preprint": 91}
    assert sum(len(p.categories) for p in doc.papers) == 305
    assert sum(1 for p in doc.papers for a in p.authors if a.affiliation) == 42
    assert [p.arxiv_id for p in doc.papers][:2] == ["0704.0001", "0704.0002"]
    assert doc.papers[-1].arxiv_id == "0704.0200"
    assert [p.line for p in doc.papers] == list(range(1, 201))
    assert not any("\n" in p.title or "  " in p.title for p in doc.papers)
    assert {p.year for p in doc.papers} == {2007}
    assert all(p.doi == p.doi.lower() for p in doc.papers if p.doi)


@pytest.mark.realdata
def test_pinned_first_record(by_id: dict[str, PaperRecord]) -> None:
    p = by_id["0704.0001"]
    assert p.title == (
        "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies"
    )
    assert [a.name for a in p.authors] == [
        "C. Balázs",
        "E. L. Berger",
        "P. M. Nadolsky",
        "C. -P. Yuan",
    ]
    assert [a.position for a in p.authors] == [1, 2, 3, 4]
    assert p.date == dt.date(2007, 4, 2)
    assert p.doi == "10.1103/physrevd.76.013009"
    assert p.categories == ("hep-ph",)
    assert p.venue is not None
    assert (p.venue.name, p.venue.kind, p.venue.year) == ("Phys.Rev.D", "journal", 2007)
    assert (p.abstract or "").startswith("A fully differential calculation in perturbative")
    assert p.url == "https://arxiv.org/abs/0704.0001"


@pytest.mark.realdata
def test_no_journal_ref_is_an_arxiv_preprint(by_id: dict[str, PaperRecord]) -> None:
    p = by_id["0704.0002"]
    assert p.categories == ("math.CO", "cs.CG")
    assert p.venue is not None
    assert (p.venue.name, p.venue.kind) == ("arXiv", "preprint")
    assert p.doi is None


@pytest.mark.realdata
def test_suffix_slot(by_id: dict[str, PaperRecord]) -> None:
    names = [a.name for a in by_id["0704.0009"].authors]
    assert names[5] == "Neal J. Evans II"
    assert len(names) == 7


@pytest.mark.realdata
def test_collaboration_and_et_al(by_id: dict[str, PaperRecord]) -> None:
    p = by_id["0704.0020"]
    assert [(a.name, a.raw, a.position) for a in p.authors] == [
        ("BABAR Collaboration", "The BABAR Collaboration", 1),
        ("B. Aubert", "B. Aubert", 2),
    ]
    assert p.authors_truncated
    aharonian = by_id["0704.0171"]
    assert [a.name for a in aharonian.authors] == ["F. Aharonian"]
    assert aharonian.authors_truncated


@pytest.mark.realdata
def test_affiliations(by_id: dict[str, PaperRecord]) -> None:
    # markers "1 and 2" resolved through "((1) CREST, Japan Science ..., (2) ...)"
    p = by_id["0704.0025"]
    assert [a.affiliation for a in p.authors] == [
        "CREST, Japan Science and Technology Agency",
        "CREST, Japan Science and Technology Agency",
    ]
    q = by_id["0704.0044"]
    assert [a.affiliation for a in q.authors][:3] == [
        "Oxford",
        "Culham",
        "Maryland",
    ]
    r = by_id["0704.0066"]  # newline inside the affiliation slot
    assert r.authors[0].affiliation == (
        "Institute for Nuclear Research and Nuclear Energy, Bulgarian Academy of Sciences, "
        "Sofia, Bulgaria"
    )


@pytest.mark.realdata
def test_mononym_and_latex_title(by_id: dict[str, PaperRecord]) -> None:
    assert by_id["0704.0147"].authors[0].name == "Sudha"
    assert by_id["0704.0019"].title.endswith("based on the Gröbner basis")
    assert by_id["0704.0073"].title == "A transcendental approach to Kollár's injectivity theorem"
    # math stays as written
    assert by_id["0704.0159"].title == "Evidence for an excitonic insulator phase in 1T-TiSe$_{2}$"


@pytest.mark.parametrize(
    ("ref", "name"),
    [
        ("Phys.Rev.D76:013009,2007", "Phys.Rev.D"),
        ("Illinois J. Math. 52 (2008) no.2, 681-689", "Illinois J. Math."),
        ("JHEP 0705:034,2007", "JHEP"),
        ("Physica A, V. 387, Issues 2-3 (2008), Pages 385-406", "Physica A"),
        ("RIMS Kokyuroku, No.1551, pp.57-62 (2007)", "RIMS Kokyuroku"),
        ("Phys. Rev. B77, 075325 (2008)", "Phys. Rev. B"),
        ("Phys.Part.Nucl.Lett.4:11-17,2007;\n  PismaFiz.Elem.Chast", "Phys.Part.Nucl.Lett."),
        ("3D Research 1 (2010)", "3D Research 1 (2010)"),
    ],
)
def test_journal_name(ref: str, name: str) -> None:
    assert journal_name(ref) == name


def test_latex_in_authors_parsed_and_et_al_entry() -> None:
    line = _line(
        "0704.0001",
        authors="C. Bal\\'azs, et al.",
        authors_parsed=[["Bal\\'azs", "C.", ""], ["al.", "et", ""]],
    )
    p = parse_arxiv(line, path="t.json").papers[0]
    assert [(a.name, a.raw) for a in p.authors] == [("C. Balázs", "C. Bal\\'azs")]
    assert p.authors_truncated


@pytest.mark.realdata
def test_bad_json_line_is_an_error_and_reading_goes_on() -> None:
    lines = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    lines[9] = lines[9][:-40]  # cut the 10th record
    doc = parse_arxiv("\n".join(lines[:20]) + "\n\n", path="cut.json")
    assert doc.read == 20
    assert len(doc.papers) == 19
    assert [(e.line, e.reason.split(":")[0]) for e in doc.errors] == [(10, "not JSON")]
    assert doc.papers[9].arxiv_id == "0704.0011"


def test_bad_records() -> None:
    data = "\n".join(
        [
            _line("0704.0001"),
            json.dumps({"id": "0704.0002", "title": "No authors"}),
            _line("0704.0003", versions=[{"created": "someday"}]),
            "[1, 2]",
            _line("0704.0004", title="  "),
            _line("math/0701234", versions=[]),
        ]
    )
    doc = parse_arxiv(data, path="bad.json")
    assert [e.line for e in doc.errors] == [2, 3, 4, 5]
    assert "authors_parsed" in doc.errors[0].reason
    assert "RFC 2822" in doc.errors[1].reason
    assert "not an object" in doc.errors[2].reason
    assert "no title" in doc.errors[3].reason
    assert [(p.arxiv_id, p.year) for p in doc.papers] == [
        ("0704.0001", 2007),
        ("math/0701234", 2007),
    ]
    assert doc.read == 6


@pytest.mark.parametrize("data", [b"", b"\n\n  \n"])
def test_empty_file(data: bytes) -> None:
    with pytest.raises(ParseError, match="empty"):
        parse_arxiv(data, path="empty.json")


def test_not_arxiv() -> None:
    with pytest.raises(ParseError, match="not arXiv JSON lines") as info:
        parse_arxiv(b"[\n", path="array.json")
    assert info.value.line == 1
    openalex = b'{"id": "https://openalex.org/W1", "title": "T", "authorships": []}\n'
    with pytest.raises(ParseError, match="not an arXiv metadata record"):
        parse_arxiv(openalex, path="w.jsonl")


def test_first_line_broken_is_a_record_error() -> None:
    data = '{"id": "0704.0001", "authors_parsed": [\n' + _line("0704.0002") + "\n"
    doc = parse_arxiv(data, path="x.json")
    assert [e.line for e in doc.errors] == [1]
    assert [p.arxiv_id for p in doc.papers] == ["0704.0002"]


@pytest.mark.realdata
def test_iter_streams_from_file() -> None:
    with SNAPSHOT.open("rb") as f:
        items = iter_arxiv(f, path=str(SNAPSHOT))
        first = next(items)
        assert not isinstance(first, RecordError)
        assert first.arxiv_id == "0704.0001"
        assert sum(1 for _ in items) == 199


@pytest.mark.realdata
def test_sniffing() -> None:
    assert looks_like_arxiv(SNAPSHOT.read_bytes()[:4096])
    assert not looks_like_arxiv(b'{"meta": {"count": 65}, "results": [')
    assert not looks_like_arxiv(b"<?xml version='1.0'?><dblp>")
