"""The export generators of the loader benchmark (benchmarks/exports/): each format's
file is read back by its loader record for record, and two copies of one sample
record are two works with authors of their own."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks.exports import GENERATORS, Samples, ensure_export
from loaders.records import PaperRecord, RecordError
from loaders.registry import discover, format_names, get_format, iter_document, parse_document
from tests.conftest import REALDATA

pytestmark = pytest.mark.realdata

ORIGINAL = {"profile", "listing", "cv", "bibtex", "dblp", "arxiv", "openalex"}
IDENTIFIERS = (
    "doi",
    "wos_ut",
    "scopus_eid",
    "pmid",
    "pmcid",
    "s2_id",
    "lens_id",
    "arxiv_id",
    "dblp_key",
)


def _read(path: Path) -> tuple[str, int, list[PaperRecord | RecordError]]:
    (spec,) = discover([path])
    if get_format(spec.format).streaming:
        stream = iter_document(spec)
        records = [r for r in stream if isinstance(r, PaperRecord | RecordError)]
        return spec.format, stream.read, records
    doc = parse_document(spec)
    return spec.format, doc.read, [*doc.papers, *doc.errors]


def test_every_new_format_has_a_generator() -> None:
    assert set(GENERATORS) == set(format_names()) - ORIGINAL


@pytest.mark.parametrize("fmt", sorted(GENERATORS))
def test_the_loader_reads_every_record_written(fmt: str, tmp_path: Path) -> None:
    made = ensure_export(tmp_path, fmt, 0.05, samples=REALDATA)
    sniffed, read, _ = _read(made.path)
    assert sniffed == fmt
    assert made.records > 0 and read == made.records
    assert made.bytes == made.path.stat().st_size >= 0.05 * 2**20
    again = ensure_export(tmp_path, fmt, 0.05, samples=REALDATA)
    assert again == made  # found in the cache, not written again


@pytest.mark.parametrize("fmt", sorted(GENERATORS))
def test_two_copies_of_a_record_are_two_works(fmt: str, tmp_path: Path) -> None:
    export = GENERATORS[fmt](Samples(REALDATA))
    rng = random.Random(7)
    index = next(  # the first sample record with a title and a DOI
        i
        for i, text in enumerate(
            export.record(1, j, random.Random(0)) for j in range(export.templates)
        )
        if "[copy 1]" in text and ".g1" in text
    )
    copies = [export.record(copy, index, rng) for copy in (1, 2)]
    path = tmp_path / f"two{export.suffix}"
    text = export.header() + export.separator.join(copies) + export.footer(len(copies))
    path.write_text(text, encoding="utf-8", newline="")
    _, read, records = _read(path)
    assert read == 2
    first, second = records
    assert isinstance(first, PaperRecord) and isinstance(second, PaperRecord)
    assert first.title.endswith("[copy 1]") and second.title.endswith("[copy 2]")
    assert first.doi and second.doi and first.doi != second.doi
    for kind in IDENTIFIERS:
        a, b = getattr(first, kind), getattr(second, kind)
        assert a is None or a != b, kind
    if first.authors:
        assert [a.name for a in first.authors] != [a.name for a in second.authors]
