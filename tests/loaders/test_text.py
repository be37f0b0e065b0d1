"""Control characters are cleaned once, where records leave the loaders (the registry),
for every format, and each document that needed it says so in a warning."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from loaders.records import AuthorRef, PaperRecord, PersonRecord, RecordError, VenueRef
from loaders.registry import discover, iter_document, parse_document, parse_groups
from loaders.text import clean_record, clean_text, quote
from tests.hostile import CONTROL, write_hostile


def _strings(value: object) -> list[str]:
    """Every string inside a record, however deep."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple | list):
        return [s for v in value for s in _strings(v)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in _strings(getattr(value, f.name))]
    return []


def _unsafe(text: str) -> list[str]:
    return [c for c in text if c in CONTROL or 0xD800 <= ord(c) <= 0xDFFF or c in "\ufffe\uffff"]


@pytest.mark.parametrize("control", CONTROL)
def test_single_line_text_gets_a_space_for_each_run_of_controls(control: str) -> None:
    assert clean_text(f"Ziming{control}{control}Mao") == "Ziming Mao"
    assert clean_text(f"Ziming {control} Mao") == "Ziming Mao"
    assert clean_text(f"{control}Mao{control}") == "Mao"


def test_multi_line_text_keeps_newlines_and_tabs_only() -> None:
    assert clean_text("a\tb\nc\r\nd\x1b[2Je", multiline=True) == "a\tb\nc\nd [2Je"
    assert clean_text("a\tb\nc", multiline=False) == "a b c"


def test_lone_surrogates_and_noncharacters_are_replaced() -> None:
    assert clean_text("a\ud800b") == "a\ufffdb"
    assert clean_text("a\ufffeb\uffff") == "a b"


def test_clean_text_leaves_ordinary_text_identical() -> None:
    for text in ("Ziming Mao", "Gröbner  bases", "刘子铭", "a\u00a0b", "x – y", "A*B"):
        assert clean_text(text) is text


def test_clean_record_walks_every_nested_string() -> None:
    rec = PaperRecord(
        title="T\x1bitle",
        line=3,
        authors=(AuthorRef(name="A\x00B", affiliation="U\x9bni"),),
        venue=VenueRef(name="V\x07"),
        abstract="one\n\x1b[31mtwo",
        categories=("cs.DC\x1b",),
    )
    cleaned, changed = clean_record(rec)
    assert isinstance(cleaned, PaperRecord)
    assert cleaned.title == "T itle" and cleaned.authors[0].name == "A B"
    assert cleaned.authors[0].affiliation == "U ni" and cleaned.venue is not None
    assert cleaned.venue.name == "V" and cleaned.abstract == "one\n [31mtwo"
    assert cleaned.categories == ("cs.DC",)
    assert changed == 6
    same = PaperRecord(title="Fine", line=1, authors=(AuthorRef(name="A B"),))
    assert clean_record(same) == (same, 0)


def test_a_name_of_nothing_but_controls_makes_the_record_an_error() -> None:
    rec = PaperRecord(title="T", line=7, authors=(AuthorRef(name="\x1b\x07"),))
    cleaned, _ = clean_record(rec, path="x.bib")
    assert isinstance(cleaned, RecordError)
    assert cleaned.line == 7 and cleaned.reason == "authors[0].name has no letter or digit"
    person, _ = clean_record(PersonRecord(name="\x00", line=2), path="x")
    assert isinstance(person, RecordError)


def test_quote_bounds_and_escapes_document_text() -> None:
    assert quote("root:x:0:0:root:/root:/bin/bash" * 3, limit=12) == "'root:x:0:0:r…'"
    assert quote("a\x1b[2Jb") == "'a\\x1b[2Jb'"
    assert len(quote("x" * 10_000)) < 60


def test_every_format_hands_out_clean_records_with_a_warning(tmp_path: Path) -> None:
    files = write_hostile(tmp_path)
    specs = discover(list(files.values()))
    assert {s.format for s in specs} == set(files)
    grouped = parse_groups(specs)
    for spec in specs:
        docs = [grouped[spec.path]] if spec.path in grouped else [parse_document(spec)]
        if spec.path not in grouped and spec.format in ("arxiv", "openalex", "dblp"):
            stream = iter_document(spec)
            records = list(stream)
            assert records and stream.warnings, spec.format
            assert not [s for r in records for s in _strings(r) if _unsafe(s)], spec.format
        for doc in docs:
            strings = _strings(doc.papers) + _strings(doc.people) + _strings(doc.owner)
            assert not [s for s in strings if _unsafe(s)], spec.format
            assert len(doc.warnings) == 1, (spec.format, doc.warnings)
            assert "control characters" in doc.warnings[0]
