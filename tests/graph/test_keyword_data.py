"""graph/data/keywords.toml: the keyword vocabulary as data, and how graph/topics.py reads it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import resources

import pytest

from graph.topics import _build_index, _expand, _term, keyword_vocabulary, normalize_topic_name


def _entries() -> list[dict[str, object]]:
    raw = resources.files("graph").joinpath("data", "keywords.toml").read_text(encoding="utf-8")
    entries = tomllib.loads(raw)["term"]
    assert isinstance(entries, list)
    return entries


def test_every_entry_is_well_formed() -> None:
    entries = _entries()
    names = [e["name"] for e in entries]
    assert len(set(names)) == len(names)
    slugs = [normalize_topic_name(str(n)) for n in names]
    assert len(set(slugs)) == len(slugs)
    for entry in entries:
        assert set(entry) <= {"name", "phrases", "acronyms", "broader"}, entry
        name, phrases = entry["name"], entry["phrases"]
        assert isinstance(name, str) and name == name.strip() and name, entry
        assert isinstance(phrases, list) and phrases, entry
        for phrase in phrases:
            assert isinstance(phrase, str) and phrase == phrase.strip(), (name, phrase)
            # Phrases are matched on lower-cased word tokens: a capital would never match.
            assert phrase == phrase.lower(), (name, phrase)
            assert all(text.split() for text in _expand(phrase)), (name, phrase)
        acronyms = entry.get("acronyms", [])
        assert isinstance(acronyms, list), entry
        assert all(isinstance(a, str) and not a.islower() for a in acronyms), entry
        broader = entry.get("broader", [])
        assert isinstance(broader, list), entry
        assert all(b in names and b != name for b in broader), entry


def test_the_vocabulary_is_the_file_in_order() -> None:
    vocab = keyword_vocabulary()
    entries = _entries()
    assert [t.name for t in vocab] == [e["name"] for e in entries]
    for term, entry in zip(vocab, entries, strict=True):
        assert list(term.phrases) == entry["phrases"]
        assert list(term.acronyms) == entry.get("acronyms", [])
        assert list(term.broader) == entry.get("broader", [])
    _build_index(vocab)  # raises on any mistake the matcher would trip over


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"phrases": ["a"]}, "without a name"),
        ({"name": "A", "phrases": ["a"], "acronym": ["A"]}, "unknown keys"),
        ({"name": "A", "phrases": "a"}, "list of non-empty strings"),
        ({"name": "A", "phrases": ["a", ""]}, "list of non-empty strings"),
        ({"name": "A", "phrases": []}, "no phrases"),
    ],
)
def test_malformed_entries_are_refused(entry: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _term(entry)


def test_importing_the_resolver_reads_no_vocabulary() -> None:
    code = (
        "import graph.resolve, graph.topics as t;"
        "print(t.keyword_vocabulary.cache_info().currsize, t._index.cache_info().currsize)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["0", "0"]
