"""The format table: every format fully declared, the samples sniffed as what they are,
and a new format reaching every consumer through its one table line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

import pytest

from graph.ingest import load_paths
from graph.store.memory import MemoryStore
from loaders import registry
from loaders.errors import ManifestError, UnknownFormatError
from loaders.format import Format
from loaders.records import AuthorRef, PaperRecord, ParsedDocument, RecordError
from loaders.registry import discover, format_names, get_format, read_manifest, sniff_format
from tests.conftest import REALDATA, ROOT, SEEDS

CROSS_SOURCE = ROOT / "tests" / "data" / "cross_source"


def test_every_format_is_fully_declared() -> None:
    names = format_names()
    assert len(set(names)) == len(names)
    for fmt in registry.FORMATS:
        assert fmt.name.isidentifier() and fmt.name.islower()
        assert fmt.description.strip() and "\n" not in fmt.description
        assert callable(fmt.sniff)
        readers = [fmt.parse, fmt.parse_group, fmt.stream]
        assert sum(r is not None for r in readers) == 1, fmt.name
        assert get_format(fmt.name) is fmt


@pytest.mark.parametrize("readers", [{}, {"parse": object(), "stream": object()}])
def test_a_format_reads_in_exactly_one_way(readers: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="exactly one of"):
        Format(name="odd", description="d", sniff=lambda head: False, **readers)  # type: ignore[arg-type]


def test_an_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(UnknownFormatError) as exc:
        get_format("resume")
    assert all(name in exc.value.message for name in format_names())


def _samples() -> Iterator[tuple[Path, str]]:
    for spec in read_manifest(SEEDS / "manifest.toml"):
        yield spec.path, spec.format
    for folder in ("bibtex", "dblp", "arxiv", "openalex"):  # named after their format
        for spec in discover([REALDATA / folder], folder):
            yield spec.path, folder
    yield CROSS_SOURCE / "punica.bib", "bibtex"
    yield CROSS_SOURCE / "fairness.xml", "dblp"


@pytest.mark.parametrize(
    ("path", "expected"), list(_samples()), ids=lambda v: getattr(v, "name", v)
)
def test_each_sample_is_sniffed_as_its_format(path: Path, expected: str) -> None:
    assert sniff_format(path) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # a .bib file whose first line is a markdown-ish title: the CV test says yes too
        ("# My Publications\n\n@article{k,\n  title = {T}\n}\n", "bibtex"),
        # JSON with arXiv's keys and OpenAlex's
        ('{"id": "https://openalex.org/W1", "authors_parsed": [["A", "B", ""]]}', "arxiv"),
        # a listing page header above profile-like lines
        ("Daily Papers\nh-index 3\n12 papers\n", "listing"),
    ],
)
def test_sniffing_takes_the_first_format_in_table_order(head: str, expected: str) -> None:
    saying_yes = [f.name for f in registry.FORMATS if f.sniff(head)]
    assert len(saying_yes) > 1 and saying_yes[0] == expected
    assert sniff_format(Path("x"), head.encode()) == expected


# ---------------------------------------------------------------- a toy format
# One line per paper, "title | author; author", under a "%TOY" first line. Defined here
# the way a loader module would, and registered only by adding it to the table.

TOY_TEXT = "%TOY 1\nRegistries Considered Helpful | Ada Lovelace; Alan Turing\nNo Authors Here\n"


def _toy_records(text: str, path: str) -> Iterator[PaperRecord | RecordError]:
    for number, line in enumerate(text.splitlines()[1:], start=2):
        title, _, names = line.partition(" | ")
        if not names:
            yield RecordError(path, number, "no authors")
            continue
        authors = tuple(AuthorRef(n, position=i) for i, n in enumerate(names.split("; "), 1))
        yield PaperRecord(title=title, line=number, authors=authors)


def _toy_document(text: str, path: str) -> ParsedDocument:
    doc = ParsedDocument(path=path, format="toy")
    for rec in _toy_records(text, path):
        doc.read += 1
        doc.add(rec)
    return doc


def _toy_parse(text: str, *, path: str, owner: str | None, captured: object) -> ParsedDocument:
    return _toy_document(text, path)


def _toy_parse_group(files: Sequence[tuple[str, str]]) -> list[ParsedDocument]:
    return [_toy_document(text, path) for path, text in files]


def _toy_stream(stream: BinaryIO, *, path: str) -> Iterator[PaperRecord | RecordError]:
    yield from _toy_records(stream.read().decode("utf-8"), path)


_TOY_READERS = {"parse": _toy_parse, "parse_group": _toy_parse_group, "stream": _toy_stream}


def toy_format(read: str = "parse") -> Format:
    """The toy format, read the given way (``parse``, ``parse_group`` or ``stream``)."""
    return Format(
        name="toy",
        description="a toy format for the registry's tests",
        sniff=lambda head: head.startswith("%TOY"),
        **{read: _TOY_READERS[read]},  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("read", sorted(_TOY_READERS))
def test_a_registered_format_is_sniffed_listed_and_loaded(
    read: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "FORMATS", (*registry.FORMATS, toy_format(read)))
    sniffed = tmp_path / "sniffed"
    sniffed.mkdir()
    (sniffed / "papers.txt").write_text(TOY_TEXT, encoding="utf-8")
    listed = tmp_path / "listed"
    listed.mkdir()
    (listed / "papers.txt").write_text(TOY_TEXT, encoding="utf-8")
    manifest = listed / "manifest.toml"
    manifest.write_text('[[document]]\nfile = "papers.txt"\nformat = "toy"\n', encoding="utf-8")

    assert "toy" in format_names()
    assert sniff_format(sniffed / "papers.txt") == "toy"
    assert [s.format for s in read_manifest(manifest)] == ["toy"]
    assert [s.format for s in discover([sniffed, listed])] == ["toy", "toy"]
    assert [s.format for s in discover([sniffed / "papers.txt"], "toy")] == ["toy"]
    manifest.write_text(manifest.read_text().replace('"toy"', '"yot"'), encoding="utf-8")
    with pytest.raises(ManifestError, match="toy"):  # the known names, toy among them
        read_manifest(manifest)

    store = MemoryStore(None)
    summary = load_paths(store, [sniffed])
    (doc,) = summary.documents
    assert (doc.format, doc.read, doc.loaded, doc.skipped) == ("toy", 2, 1, 1)
    assert store.counts()["nodes"]["Author"] == 2


_FRESH_INTERPRETER = """
import json, sys
from typing import get_args

from loaders import registry
from tests.loaders.test_registry import toy_format

registry.FORMATS = (*registry.FORMATS, toy_format())  # the table line, before any import

from typer.testing import CliRunner

from api.app import create_app
from api.cli import app
from graph.settings import Settings
from graph.store.memory import MemoryStore

toy_file, data_dir = sys.argv[1:]
cli = CliRunner()
loaded = cli.invoke(app, ["load", toy_file, "--format", "toy", "--data-dir", data_dir, "--json"])
refused = cli.invoke(app, ["load", toy_file, "--format", "yot", "--data-dir", data_dir])
schemas = create_app(Settings(), store=MemoryStore(None)).openapi()["components"]["schemas"]
upload = next(s for s in schemas.values() if "format" in s.get("properties", {}))
print(json.dumps({
    "help": cli.invoke(app, ["load", "--help"], terminal_width=200).output,
    "loaded": [loaded.exit_code, json.loads(loaded.output)["documents"]],
    "refused": [refused.exit_code, refused.output],
    "enum": upload["properties"]["format"]["anyOf"][0]["enum"],
}))
"""


def test_a_registered_format_reaches_the_cli_and_the_upload_route(tmp_path: Path) -> None:
    """The CLI's ``--format`` and the upload route's ``format`` take their choices from
    the table when they are imported (typer and FastAPI fix a parameter's type where the
    command or route is declared), so the toy format is added in a fresh interpreter
    before they are imported, which is what its line in the table does."""
    toy_file = tmp_path / "papers.txt"
    toy_file.write_text(TOY_TEXT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEO4J_URI": ""}
    run = subprocess.run(
        [sys.executable, "-c", _FRESH_INTERPRETER, str(toy_file), str(tmp_path / "store")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    assert "|cv|toy>" in seen["help"]
    assert "toy: a toy format for the registry's tests" in seen["help"]
    exit_code, (doc,) = seen["loaded"]
    assert exit_code == 0 and (doc["format"], doc["loaded"]) == ("toy", 1)
    exit_code, message = seen["refused"]
    assert exit_code == 2 and "'yot' is not one of" in message and "'toy'" in message
    assert seen["enum"] == [*format_names(), "toy"]
