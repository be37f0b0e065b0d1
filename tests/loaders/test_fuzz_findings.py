"""What the fuzzing harness (tests/fuzz) found, each reduced to the smallest input that
showed it: every one was a traceback and is now a clean error or a clean record."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.dblp import parse_dblp
from loaders.errors import ParseError
from loaders.profile import parse_profile
from loaders.registry import DocumentSpec, parse_document
from tests.conftest import SEEDS


def test_dblp_with_an_encoding_expat_cannot_read_is_a_parse_error() -> None:
    data = b'<?xml version="1.0" encoding="UTF--1"?>\n<dblp></dblp>\n'
    with pytest.raises(ParseError, match="encoding") as info:
        parse_dblp(data, path="d.xml")
    assert info.value.line == 1


def test_dblp_naming_a_dtd_no_file_system_takes_is_read_with_the_shipped_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "d.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE dblp SYSTEM "{"x" * 5000}.dtd">\n'
        '<dblp><article key="a/1"><author>A B</author><title>T&ouml;</title></article></dblp>\n'
    )
    doc = parse_document(DocumentSpec(path, "dblp"))
    assert [p.title for p in doc.papers] == ["Tö"]


def test_a_url_urllib_cannot_split_is_no_identifier() -> None:
    doc = parse_dblp(
        '<?xml version="1.0"?>\n<dblp><article key="a/1"><author>A B</author><title>T</title>'
        "<ee>http://[document/x</ee></article></dblp>\n",
        path="d.xml",
    )
    assert [(p.doi, p.arxiv_id, p.url) for p in doc.papers] == [(None, None, "http://[document/x")]


def test_a_title_without_a_letter_or_digit_is_a_record_error(tmp_path: Path) -> None:
    """The resolver keys a paper by its normalized title: "***" normalizes to nothing
    (it crashed there). Refused where records leave the loaders, for every format."""
    path = tmp_path / "t.bib"
    path.write_text(
        "@article{a, author={A B}, title={***}}\n@article{b, author={A B}, title={T}}\n"
    )
    doc = parse_document(DocumentSpec(path, "bibtex"))
    assert [p.title for p in doc.papers] == ["T"]
    assert [(e.line, e.reason) for e in doc.errors] == [(1, "title has no letter or digit")]


def test_a_profile_with_metrics_and_no_entry_header_has_no_papers() -> None:
    text = (SEEDS / "000_9ef166dded082413.txt").read_text(encoding="utf-8")
    head, _, rest = text.partition("15 Papers\n")
    doc = parse_profile(head + "15 Papers\n\nnot an entry header\n", path="p.txt")
    assert doc.papers == [] and len(doc.errors) == 1 and rest


# From a longer run over the database-export loaders (python -m tests.fuzz --seconds 45,
# seed 1194143162): numbers of thousands of digits, which int() refuses, in fields
# every export has. Each is now no value or a record error naming the field.
HUGE = "9" * 5000


def test_huge_numbers_in_export_fields_are_no_value_or_a_record_error(tmp_path: Path) -> None:
    from loaders.identifiers import clean_pmcid, clean_pmid, clean_scopus_author_id
    from loaders.lens import parse_lens

    assert (clean_pmid(HUGE), clean_pmcid("PMC" + HUGE), clean_scopus_author_id(HUGE)) == (
        None,
        None,
        None,
    )
    header = "Lens ID,Title,Publication Year,Author/s\n"
    doc = parse_lens(header + f"000-000-000-000-001,A title,{HUGE},Ann Lee\n", path="l.csv")
    assert not doc.papers and [(e.line, e.reason) for e in doc.errors] == [
        (2, "Publication Year is not a number")
    ]


def test_a_pubmed_day_past_a_c_long_gives_the_year_alone() -> None:
    from loaders.pubmed import parse_pubmed

    xml = (
        '<?xml version="1.0"?>\n<PubmedArticleSet><PubmedArticle><MedlineCitation>'
        "<PMID>1</PMID><Article><Journal><JournalIssue><PubDate><Year>2020</Year>"
        "<Month>Jan</Month><Day>99999999999999999999</Day></PubDate></JournalIssue></Journal>"
        "<ArticleTitle>T</ArticleTitle><AuthorList><Author><LastName>Lee</LastName>"
        "<ForeName>Ann</ForeName></Author></AuthorList></Article></MedlineCitation>"
        "</PubmedArticle></PubmedArticleSet>\n"
    )
    doc = parse_pubmed(xml.encode(), path="p.xml")
    assert [(p.year, p.date) for p in doc.papers] == [(2020, None)]


def test_an_ieee_citation_count_of_thousands_of_digits_is_no_count() -> None:
    from loaders.ieee_csv import _int

    assert (_int(HUGE), _int(" 12 ")) == (None, 12)


def test_unclosed_brackets_in_a_reference_are_kept_as_text() -> None:
    """Fuzzing found "[" repeated tens of thousands of times in a Scopus/RIS reference
    (the bracket-tag pattern rescanned to the end from every "["; 20 s and more)."""
    from loaders.references import parse_scopus_ref

    ref = parse_scopus_ref("Lee A., " + "[" * 20000 + " Title, Journal, 1, pp. 1-2, (2020)")
    assert ref is not None and ref.year == 2020


def test_an_affiliation_of_one_long_word_is_kept_without_its_email() -> None:
    from loaders.affiliations import institution

    found = institution("Univ " + "x" * 50000 + ", Lund, Sweden. a.b@lu.se")
    assert found is not None and found.country == "Sweden" and "@" not in found.address
