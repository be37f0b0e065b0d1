"""A record whose fields have the wrong types is skipped with a RecordError that says
which field and why, in every loader; it never loads as a thinner record, and never
escapes as a traceback. JSON loaders check JSON types; the text formats check the
values their fields are typed as (numbers, dates, identifiers)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from loaders.arxiv import parse_arxiv
from loaders.bibtex import parse_bibtex
from loaders.dblp import parse_dblp
from loaders.errors import ParseError
from loaders.listing import parse_listing
from loaders.openalex import parse_openalex
from loaders.profile import parse_profile
from tests.conftest import SEEDS

WORK: dict[str, Any] = {
    "id": "https://openalex.org/W1",
    "display_name": "A work",
    "publication_year": 2020,
    "publication_date": "2020-05-01",
    "doi": "https://doi.org/10.1/x",
    "type": "article",
    "is_authors_truncated": False,
    "ids": {"arxiv": "2001.00001"},
    "abstract_inverted_index": {"Hello": [0], "world": [1]},
    "primary_location": {
        "landing_page_url": "https://example.org/w1",
        "source": {"display_name": "J", "type": "journal"},
    },
    "locations": [{"landing_page_url": "https://arxiv.org/abs/2001.00001", "pdf_url": None}],
    "authorships": [
        {
            "author": {
                "display_name": "Ziming Mao",
                "orcid": None,
                "id": "https://openalex.org/A1",
            },
            "raw_author_name": "Z. Mao",
            "institutions": [{"display_name": "UC Berkeley"}],
            "raw_affiliation_strings": ["Berkeley"],
        }
    ],
    "topics": [{"display_name": "Systems", "id": "https://openalex.org/T1"}],
    "concepts": [{"display_name": "Computing", "id": "https://openalex.org/C1"}],
}
AUTHOR: dict[str, Any] = {
    "id": "https://openalex.org/A2",
    "display_name": "Danyang Zhuo",
    "display_name_alternatives": ["D. Zhuo"],
    "affiliations": [{"institution": {"display_name": "Duke"}}],
    "last_known_institutions": [{"display_name": "Duke"}],
    "summary_stats": {"h_index": 20},
    "works_count": 100,
    "cited_by_count": 1000,
    "orcid": None,
}


def _set(obj: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    out = copy.deepcopy(obj)
    node: Any = out
    *parents, last = path.split(".")
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[int(last) if last.isdigit() else last] = value
    return out


def _one_error(doc: Any, member: str) -> str:
    assert not doc.papers and not doc.people, (doc.papers, doc.people)
    assert len(doc.errors) == 1, doc.errors
    reason: str = doc.errors[0].reason
    assert member in reason, reason
    return reason


def test_the_openalex_samples_load_as_they_are() -> None:
    doc = parse_openalex(json.dumps(WORK) + "\n" + json.dumps(AUTHOR) + "\n", path="w.jsonl")
    assert len(doc.papers) == 1 and len(doc.people) == 1 and not doc.errors
    assert doc.papers[0].authors[0].affiliation == "UC Berkeley"


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("authorships", "Ziming Mao"),
        ("authorships.0", "Ziming Mao"),
        ("authorships.0.author", ["Ziming Mao"]),
        ("authorships.0.author.display_name", 7),
        ("authorships.0.author.orcid", 1),
        ("authorships.0.raw_author_name", ["x"]),
        ("authorships.0.institutions", "UC Berkeley"),
        ("authorships.0.institutions.0.display_name", {}),
        ("authorships.0.raw_affiliation_strings", "Berkeley"),
        ("display_name", ["A", "work"]),
        ("publication_year", "2020"),
        ("publication_year", True),
        ("publication_date", 20200501),
        ("doi", 10.1),
        ("type", 1),
        ("is_authors_truncated", "no"),
        ("ids", "W1"),
        ("ids.arxiv", 2001.00001),
        ("abstract_inverted_index", "Hello world"),
        ("abstract_inverted_index.Hello", 0),
        ("abstract_inverted_index.Hello", ["0"]),
        ("primary_location", "https://example.org"),
        ("primary_location.landing_page_url", 3),
        ("primary_location.source", "J"),
        ("primary_location.source.display_name", ["J"]),
        ("locations", {}),
        ("locations.0", "https://arxiv.org"),
        ("topics", "Systems"),
        ("topics.0.display_name", 1),
        ("concepts.0", None),
    ],
)
def test_openalex_work_with_a_wrong_type_is_an_error(path: str, value: Any) -> None:
    member = path.split(".")[-1] if not path.split(".")[-1].isdigit() else path.split(".")[-2]
    doc = parse_openalex(json.dumps(WORK) + "\n" + json.dumps(_set(WORK, path, value)), path="w")
    assert len(doc.papers) == 1, doc.errors  # the good first line
    doc.papers.clear()
    _one_error(doc, member)
    assert doc.errors[0].line == 2


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("display_name", 1),
        ("display_name_alternatives", "D. Zhuo"),
        ("display_name_alternatives.0", 1),
        ("affiliations", "Duke"),
        ("affiliations.0.institution", "Duke"),
        ("summary_stats", 20),
        ("summary_stats.h_index", "20"),
        ("works_count", 1.5),
        ("cited_by_count", "many"),
    ],
)
def test_openalex_author_with_a_wrong_type_is_an_error(path: str, value: Any) -> None:
    member = path.split(".")[-1] if not path.split(".")[-1].isdigit() else path.split(".")[-2]
    doc = parse_openalex(json.dumps(WORK) + "\n" + json.dumps(_set(AUTHOR, path, value)), path="a")
    doc.papers.clear()
    _one_error(doc, member)


ARXIV: dict[str, Any] = {
    "id": "0704.0001",
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


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("authors", ["A. One"]),
        ("versions", "v1"),
        ("versions.0", "v1"),
        ("versions.0.created", 20070402),
        ("categories", ["cs.DL"]),
        ("journal-ref", 7),
        ("doi", {}),
        ("authors_parsed", "One, A."),
        ("authors_parsed.0", "One"),
    ],
)
def test_arxiv_record_with_a_wrong_type_is_an_error(path: str, value: Any) -> None:
    member = path.split(".")[-1] if not path.split(".")[-1].isdigit() else path.split(".")[-2]
    data = json.dumps(ARXIV) + "\n" + json.dumps(_set(ARXIV, path, value)) + "\n"
    doc = parse_arxiv(data, path="a.json")
    assert len(doc.papers) == 1
    doc.papers.clear()
    _one_error(doc, member)


def _dblp(body: str) -> str:
    return f'<?xml version="1.0"?>\n<dblp>\n{body}\n</dblp>\n'


def test_dblp_values_of_the_wrong_type_are_errors() -> None:
    doc = parse_dblp(
        _dblp(
            '<article key="a/1"><author orcid="not-an-orcid">A B</author><title>T</title>'
            "</article>\n"
            '<article key="a/2"><author>A B</author><title>T</title><year>20x0</year></article>'
        ),
        path="d.xml",
    )
    assert not doc.papers
    assert ["orcid" in doc.errors[0].reason, "year" in doc.errors[1].reason] == [True, True]


def test_bibtex_values_of_the_wrong_type_are_errors() -> None:
    doc = parse_bibtex(
        "@article{a, author = 2020, title={T}}\n"
        "@article{b, author = {A B}, title={T}, date={2020-13-45}}\n"
        "@article{c, author = {A B}, title={T}, month={13}, year=2020}\n"
        "@article{d, author = {A B}, title={T}, year={in press}}\n",
        path="b.bib",
    )
    assert [p.title for p in doc.papers] == ["T"]  # "in press" is a status, not a year
    assert [e.line for e in doc.errors] == [1, 2, 3]
    for error, member in zip(doc.errors, ("author", "date", "month"), strict=True):
        assert member in error.reason, error.reason


def test_listing_numbers_that_are_not_counts_are_errors() -> None:
    text = (SEEDS / "003_4f30bac281d78a11.txt").read_text(encoding="utf-8")
    huge = "9" * 5000
    bad = text.replace("• 4 authors", f"• {huge} authors", 1)
    assert bad != text
    doc = parse_listing(bad, path="l.txt")
    assert len(doc.errors) == 1 and "author count" in doc.errors[0].reason
    assert huge not in doc.errors[0].reason  # bounded


def test_profile_metrics_that_are_not_numbers_are_parse_errors() -> None:
    text = (SEEDS / "000_9ef166dded082413.txt").read_text(encoding="utf-8")
    bad = text.replace("h-index136", "h-index" + "9" * 5000, 1)
    assert bad != text
    with pytest.raises(ParseError, match="h-index") as info:
        parse_profile(bad, path="p.txt")
    assert info.value.line == 4 and len(str(info.value)) < 200


def test_a_cv_error_never_echoes_the_first_line_of_the_file() -> None:
    from loaders.cv import parse_cv

    passwd = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
    with pytest.raises(ParseError) as info:
        parse_cv(passwd, path="passwd")
    assert "root:x" not in str(info.value) and "not a CV" in str(info.value)
    assert info.value.line == 1


def test_record_errors_quote_document_text_bounded_and_escaped() -> None:
    from loaders.cv import parse_cv

    long_title = "Evil\x1b[2J " + "very long title " * 40
    cv = f"# Ziming Liu\n\n## Publications\n\n{long_title}\n"
    doc = parse_cv(cv, path="cv.md")
    assert doc.errors
    reason = doc.errors[0].reason
    assert "\x1b" not in reason and "\\x1b" in reason and len(reason) < 120, reason


def test_json_error_text_reads_properly_in_the_loaders() -> None:
    from loaders.arxiv import parse_arxiv
    from loaders.openalex import parse_openalex

    good = '{"id": "0704.0001", "submitter": "S", "title": "T", "authors_parsed": [["A", "B"]]}'
    doc = parse_arxiv(good + '\n{"id": "x\x01"}\n', path="a.json")
    assert [e.reason for e in doc.errors] == ["not JSON: invalid control character at column 10"]
    work = '{"id": "https://openalex.org/W1", "display_name": "T"}'
    doc = parse_openalex(work + '\n{"id": "x\x01"}\n', path="w.json")
    assert [e.reason for e in doc.errors] == ["not JSON: invalid control character at column 10"]
