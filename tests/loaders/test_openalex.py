"""loaders.openalex on the real OpenAlex files in /work/shared/realdata/openalex/.

Counts taken from the files without the loader: ``grep -c '^    {$'`` on the
pretty-printed list response (65 result objects, first at line 26),
``grep -c '"orcid": "https://orcid.org/'`` (98 authorships with an ORCID),
``grep -c '"abstract_inverted_index": null'`` (20, so 45 abstracts), and ``json.load``
for the rest: 116 authorships; primary_location.source non-null on 63 (35 journal,
27 repository, 1 book series); 54 DOIs; 40 works with an arXiv location or arXiv DOI;
1,042 distinct (casefolded) topic + concept names summed over works; the single work has
9 authorships, 3 topics, 19 concepts and 258 abstract word positions.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from loaders.errors import ParseError
from loaders.openalex import iter_openalex, looks_like_openalex, parse_openalex, rebuild_abstract
from loaders.records import OwnerMetrics, PaperRecord, ParsedDocument
from tests.conftest import REALDATA

OPENALEX = REALDATA / "openalex"
LIST = OPENALEX / "FMuro_bibliographer__openalex.json"
WORK = OPENALEX / "b-vitamins_openalex-python__W2741809807.json"
AUTHOR = OPENALEX / "b-vitamins_openalex-python__A5023888391.json"


def _load(path: Path) -> ParsedDocument:
    return parse_openalex(path.read_bytes(), path=str(path))


@pytest.fixture(scope="module")
def listing() -> ParsedDocument:
    return _load(LIST)


@pytest.fixture(scope="module")
def work() -> ParsedDocument:
    return _load(WORK)


def _results() -> list[dict[str, object]]:
    results: list[dict[str, object]] = json.loads(LIST.read_text())["results"]
    return results


@pytest.mark.realdata
def test_list_response_counts(listing: ParsedDocument) -> None:
    assert listing.read == 65
    assert len(listing.papers) == 65
    assert listing.errors == [] and listing.people == []
    papers = listing.papers
    assert sum(len(p.authors) for p in papers) == 116
    assert sum(1 for p in papers for a in p.authors if a.orcid) == 98
    assert {p.year for p in papers} == set(range(2003, 2027)) - {2013}
    assert Counter(p.kind for p in papers) == {
        "article": 43,
        "preprint": 18,
        "conference-paper": 1,
        "book": 1,
        "erratum": 1,
        "book-chapter": 1,
    }
    assert Counter(p.venue.kind for p in papers if p.venue) == {
        "journal": 35,
        "preprint": 27,
        "other": 1,
    }
    assert sum(1 for p in papers if p.doi) == 54
    assert sum(1 for p in papers if p.arxiv_id) == 40
    assert sum(1 for p in papers if p.abstract) == 45
    assert sum(len(p.topics) for p in papers) == 1042
    assert all(p.topics for p in papers)  # topics on all 65
    assert all(p.date is not None for p in papers)


@pytest.mark.realdata
def test_list_response_lines(listing: ParsedDocument) -> None:
    lines = [p.line for p in listing.papers]
    assert lines[:3] == [26, 595, 1334]
    assert len(set(lines)) == 65 and lines == sorted(lines)


@pytest.mark.realdata
def test_list_response_pinned(listing: ParsedDocument) -> None:
    p = listing.papers[0]
    assert p.openalex_id == "W3122893125"
    assert p.title == "Homotopy theory of non-symmetric operads"
    assert p.doi is None
    assert p.date == dt.date(2011, 1, 1)
    a = p.authors[0]
    assert (a.name, a.orcid, a.openalex_id, a.affiliation) == (
        "Fernando Muro",
        "0000-0001-8457-9889",
        "A5015527081",
        "Universidad de Sevilla",
    )
    assert p.venue is not None and p.venue.kind == "preprint"
    # every work of the page is the ORCID's
    assert all(any(a.orcid == "0000-0001-8457-9889" for a in p.authors) for p in listing.papers)
    arxiv_ids = {p.openalex_id: p.arxiv_id for p in listing.papers}
    assert arxiv_ids["W1975575198"] == "math/0603544"  # http://arxiv.org/abs/math/0603544
    assert arxiv_ids["W3122258942"] == "1111.2723"  # only the DOI 10.48550/arxiv.1111.2723


@pytest.mark.realdata
def test_single_work(work: ParsedDocument) -> None:
    assert (work.read, len(work.papers), len(work.people)) == (1, 1, 0)
    p = work.papers[0]
    assert p.line == 1
    assert p.openalex_id == "W2741809807"
    assert p.title == (
        "The state of OA: a large-scale analysis of the prevalence and impact of Open "
        "Access articles"
    )
    assert p.doi == "10.7717/peerj.4375"
    assert (p.year, p.date) == (2018, dt.date(2018, 2, 13))
    assert p.venue is not None
    assert (p.venue.name, p.venue.kind, p.venue.year) == ("PeerJ", "journal", 2018)
    assert p.kind == "article"
    assert p.arxiv_id is None
    assert not p.authors_truncated
    assert [a.position for a in p.authors] == list(range(1, 10))
    priem = p.authors[1]
    assert (priem.name, priem.openalex_id, priem.orcid) == (
        "Jason Priem",
        "A5023888391",
        "0000-0001-6187-6610",
    )
    alperin = p.authors[3]
    assert (alperin.name, alperin.raw) == ("Juan Pablo Alperín", "Juan Pablo Alperin")
    assert alperin.affiliation == "Simon Fraser University"
    assert len(p.topics) == 3 + 19
    assert p.topics[0].name == "scientometrics and bibliometrics research"
    assert p.topics[0].code == "T10102"
    assert {t.kind for t in p.topics} == {"concept"}
    assert p.abstract is not None
    assert p.abstract.startswith("Despite growing interest in Open Access (OA) to scholarly")
    assert len(p.abstract.split(" ")) == 258


@pytest.mark.realdata
def test_single_author() -> None:
    doc = _load(AUTHOR)
    assert (doc.read, len(doc.papers), len(doc.people), doc.errors) == (1, 0, 1, [])
    person = doc.people[0]
    assert person.name == "Jason Priem"
    assert person.aliases == ("Priem Jason",)
    assert person.orcid == "0000-0001-6187-6610"
    assert person.openalex_id == "A5023888391"
    assert person.affiliations[0] == "OurResearch"
    assert person.metrics == OwnerMetrics(h_index=17, paper_count=62, citations=3890)


@pytest.mark.realdata
def test_json_lines_with_a_bad_line() -> None:
    works = [json.dumps(w) for w in _results()[:5]]
    works.insert(2, works[2][:-10])  # a cut line 3
    data = "\n".join(works) + "\n\n" + AUTHOR.read_text().strip() + "\n"
    doc = parse_openalex(data, path="works.jsonl")
    assert [p.line for p in doc.papers] == [1, 2, 4, 5, 6]
    assert [(e.line, e.reason[:8]) for e in doc.errors] == [(3, "not JSON")]
    assert [p.line for p in doc.people] == [8]
    assert doc.read == 7


@pytest.mark.realdata
def test_one_line_list_page_and_bare_array() -> None:
    page = json.dumps({"meta": {"count": 3}, "results": _results()[:3]})
    assert [p.line for p in parse_openalex(page, path="p.json").papers] == [1, 1, 1]
    bare = json.dumps(_results()[:2], indent=1)
    doc = parse_openalex(bare, path="a.json")
    assert [p.openalex_id for p in doc.papers] == ["W3122893125", "W2156296681"]
    assert doc.papers[0].line == 2


@pytest.mark.realdata
def test_bad_works_are_errors() -> None:
    first = _results()[0]
    untitled = {**first, "display_name": None, "title": None}
    truncated = {**first, "is_authors_truncated": True}
    not_a_work = {"id": "https://openalex.org/S1983995261", "display_name": "PeerJ"}
    data = "\n".join(json.dumps(o) for o in (first, untitled, not_a_work, truncated))
    doc = parse_openalex(data, path="w.jsonl")
    assert [(e.line, e.reason) for e in doc.errors] == [
        (2, "work W3122893125 has no title"),
        (3, "not an OpenAlex work, author or list response"),
    ]
    assert [p.authors_truncated for p in doc.papers] == [False, True]


@pytest.mark.parametrize("data", [b"", b"\n  \n"])
def test_empty_file(data: bytes) -> None:
    with pytest.raises(ParseError, match="empty"):
        parse_openalex(data, path="empty.json")


def test_not_openalex() -> None:
    with pytest.raises(ParseError, match="not JSON") as info:
        parse_openalex(b'{\n  "meta": {\n  oops\n', path="broken.json")
    assert info.value.line == 3
    s2 = b'{"paperId": "abc", "title": "Computing Machinery and Intelligence"}'
    with pytest.raises(ParseError, match="not an OpenAlex work"):
        parse_openalex(s2, path="s2.json")
    with pytest.raises(ParseError, match="not JSON"):
        parse_openalex(b"@article{x, title={T}}", path="x.bib")


@pytest.mark.realdata
def test_iter_streams_json_lines() -> None:
    data = "\n".join(json.dumps(w) for w in _results()).encode()
    items = list(iter_openalex(io.BytesIO(data), path="w.jsonl"))
    ids = [p.openalex_id for p in items if isinstance(p, PaperRecord)]
    assert len(ids) == 65 and ids[0] == "W3122893125"


def test_rebuild_abstract_orders_by_position() -> None:
    assert rebuild_abstract({"b": [1, 3], "a": [0], "c": [2]}) == "a b c b"


@pytest.mark.realdata
def test_sniffing() -> None:
    for path in (LIST, WORK, AUTHOR):
        assert looks_like_openalex(path.read_bytes()[:4096])
    assert not looks_like_openalex(b'{"id":"0704.0001","submitter":"P"}')
