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
