"""Loading: idempotent re-runs, interrupted loads, and bad input that changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.ingest import load_paths
from graph.store.base import GraphStore
from graph.store.memory import MemoryStore
from loaders.errors import CoauthorKGError, ManifestError, ParseError, UnknownFormatError
from tests.conftest import SEEDS


def _counts(store: GraphStore) -> dict[str, dict[str, int]]:
    return store.counts()


def test_loading_twice_changes_no_count(empty_store: GraphStore) -> None:
    first = load_paths(empty_store, [SEEDS])
    before = _counts(empty_store)
    second = load_paths(empty_store, [SEEDS])
    assert _counts(empty_store) == before
    assert first.totals()["read"] == 125
    assert all(d.status == "unchanged" for d in second.documents)


def test_interrupted_load_reruns_to_the_same_graph(empty_store: GraphStore, tmp_path: Path) -> None:
    """A load killed after its first batches is re-run to completion: same graph."""
    reference = MemoryStore(None)
    load_paths(reference, [SEEDS], batch_size=7)

    calls = 0
    real_write = empty_store.write

    def dying_write(batch):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 6:
            raise KeyboardInterrupt("killed")
        real_write(batch)

    empty_store.write = dying_write  # type: ignore[method-assign]
    with pytest.raises(KeyboardInterrupt):
        load_paths(empty_store, [SEEDS], batch_size=7)
    empty_store.write = real_write  # type: ignore[method-assign]
    if isinstance(empty_store, MemoryStore):
        # the embedded store rolled back to its last save: nothing half-written
        assert _counts(empty_store)["nodes"]["Paper"] == 0
    else:
        assert 0 < _counts(empty_store)["nodes"]["Paper"] < 124
    load_paths(empty_store, [SEEDS], batch_size=7)
    assert _counts(empty_store) == _counts(reference)


def test_load_summary_accounts_for_every_record(empty_store: GraphStore) -> None:
    summary = load_paths(empty_store, [SEEDS]).to_json()
    assert summary["read"] == summary["loaded"] + summary["merged"] + summary["skipped"]
    assert summary["merged"] == 1  # EnergonAI, listed in 003 and in the CV
    by_file = {Path(d["path"]).name: d for d in summary["documents"]}
    assert by_file["004_7cdff91c2d4c5189.txt"]["merged"] == 1


def _seed_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.mark.parametrize(
    ("content", "error", "expect"),
    [
        (b"", ParseError, "empty"),
        (b"\x00\x01\x02\x89PNG\x00binary", UnknownFormatError, "binary"),
        (b"just some words\nnothing else\n", UnknownFormatError, "cannot tell"),
    ],
)
def test_bad_file_names_itself_and_changes_nothing(
    empty_store: GraphStore, tmp_path: Path, content: bytes, error: type, expect: str
) -> None:
    load_paths(empty_store, [SEEDS])
    before = _counts(empty_store)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(error) as exc:
        load_paths(empty_store, [bad])
    assert str(bad) in str(exc.value)
    assert expect in str(exc.value)
    assert _counts(empty_store) == before


def test_truncated_profile_entry_reported_with_line(tmp_path: Path) -> None:
    folder = _seed_copy(tmp_path)
    page = folder / "000_9ef166dded082413.txt"
    lines = page.read_text(encoding="utf-8").splitlines()
    # cut the file right after the last entry's header line: a header with no title
    header = max(i for i, ln in enumerate(lines) if ln.startswith(("DC", "LG", "CL", "DB")))
    page.write_text("\n".join(lines[: header + 1]) + "\n", encoding="utf-8")
    store = MemoryStore(tmp_path / "store")
    summary = load_paths(store, [page])
    errors = summary.totals()["errors"]
    assert len(errors) == 1
    assert f"{page}:{header + 1}" in errors[0]
    assert summary.totals()["skipped"] == 1
    with pytest.raises(ParseError) as exc:
        load_paths(MemoryStore(None), [page], strict=True)
    assert exc.value.line == header + 1


def test_manifest_naming_a_missing_file(tmp_path: Path) -> None:
    folder = _seed_copy(tmp_path)
    (folder / "002_a9866fff10fb78b2.txt").unlink()
    store = MemoryStore(tmp_path / "store")
    with pytest.raises(ManifestError) as exc:
        load_paths(store, [folder])
    message = str(exc.value)
    assert "manifest.toml:" in message and "002_a9866fff10fb78b2.txt" in message
    assert store.counts()["nodes"]["Paper"] == 0


def test_manifest_unknown_format(tmp_path: Path) -> None:
    folder = _seed_copy(tmp_path)
    manifest = folder / "manifest.toml"
    manifest.write_text(
        manifest.read_text().replace('format = "cv"', 'format = "resume"'), encoding="utf-8"
    )
    with pytest.raises(ManifestError, match="unknown format 'resume'"):
        load_paths(MemoryStore(None), [folder])


def test_failed_load_leaves_persisted_store_as_it_was(tmp_path: Path) -> None:
    data = tmp_path / "store"
    store = MemoryStore(data)
    load_paths(store, [SEEDS / "000_9ef166dded082413.txt"])
    saved = (data / "graph.pickle").read_bytes()
    folder = _seed_copy(tmp_path)
    (folder / "004_7cdff91c2d4c5189.txt").write_text("", encoding="utf-8")
    with pytest.raises(CoauthorKGError):
        load_paths(store, [folder])
    assert (data / "graph.pickle").read_bytes() == saved
    assert MemoryStore(data).counts() == store.counts()


def test_embedded_store_persists_between_opens(tmp_path: Path) -> None:
    data = tmp_path / "store"
    store = MemoryStore(data)
    load_paths(store, [SEEDS])
    reopened = MemoryStore(data)
    assert reopened.counts() == store.counts()
    assert not list(data.glob(".graph-*.tmp"))  # atomic save left no temp file


def test_corrupt_store_file_is_a_clear_error(tmp_path: Path) -> None:
    data = tmp_path / "store"
    data.mkdir()
    (data / "graph.pickle").write_bytes(b"not a pickle")
    with pytest.raises(CoauthorKGError, match="reset"):
        MemoryStore(data)


def test_author_ids_do_not_depend_on_batch_cuts_with_dblp_person_records(
    tmp_path: Path,
) -> None:
    """A dblp file mixes papers with homepage (person) records that carry an author's
    pid; identity is decided in document order, so cutting the file into batches of
    5, 97 or 2000 records gives the same authors with the same ids (before, a batch's
    person records were taken before its papers, and this corpus gave different ids)."""
    from benchmarks.generate import GenParams, ensure_corpus

    corpus, _ = ensure_corpus(tmp_path, "dblp", GenParams(3000, seed=7))
    graphs = []
    for size in (5, 97, 2000):
        store = MemoryStore(None)
        load_paths(store, [corpus], batch_size=size)
        authors = sorted(n for n, a in store.g.nodes(data=True) if a["label"] == "Author")
        graphs.append((authors, store.counts()))
    assert graphs[0] == graphs[1] == graphs[2]
    assert graphs[0][1]["nodes"]["Author"] > 1000
