"""The projection's life: built after a completed load, stamped with it, saved beside
the store, memory-mapped by the next process, rebuilt when the stamp moves."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from graph.ingest import load_paths
from graph.projection import Window, build, cache, load_stamp, projection_for
from graph.store.base import GraphStore
from graph.store.memory import MemoryStore
from tests.conftest import SEEDS

PUNICA = Path(__file__).resolve().parent.parent / "data" / "cross_source" / "punica.bib"


def test_the_projection_is_the_stream(seeded: GraphStore) -> None:
    proj = projection_for(seeded)
    blocks = list(seeded.iter_coauthorships())
    assert proj.ids_of(range(proj.n)) == [b.author.id for b in blocks]
    links = [link for b in blocks for link in b.links]
    assert proj.m == len(links)
    assert proj.e_papers.tolist() == [link.papers for link in links]
    for b in blocks[:40]:
        i = proj.index(b.author.id)
        nb, w = proj.neighbours(i)
        co = seeded.coauthor_papers(b.author.id)
        assert dict(zip(proj.ids_of(nb), w.tolist(), strict=True)) == {
            c: len(ps) for c, ps in co.items()
        }
    assert proj.index("Anot-an-author000") is None


def test_window_weights_count_the_joint_papers_inside(seeded: GraphStore) -> None:
    proj = projection_for(seeded)
    mao = "Abd9754a4a0518763"
    co = seeded.coauthor_papers(mao)
    year = {p.id: p.year for p in seeded.get_papers(sorted({p for ps in co.values() for p in ps}))}
    for window in (Window(2025, 2025), Window(None, 2021), Window(2026, None)):
        nb, w = proj.neighbours(proj.index(mao), window)
        expected = {
            c: n for c, ps in co.items() if (n := sum(1 for p in ps if window.holds(year[p])))
        }
        assert dict(zip(proj.ids_of(nb), w.tolist(), strict=True)) == expected


def test_saved_beside_the_store_and_mapped_by_the_next_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = MemoryStore(tmp_path)
    load_paths(store, [SEEDS])  # the load builds it
    folder = (tmp_path / "projection" / (tmp_path / "projection" / "CURRENT").read_text()).resolve()
    assert (folder / "nbr.npy").is_file() and (folder / "meta.json").is_file()

    def no_build(_store: object) -> None:
        raise AssertionError("built again instead of opened")

    monkeypatch.setattr(cache, "build_arrays", no_build)
    again = MemoryStore(tmp_path)  # a new process would do the same
    proj = projection_for(again)
    assert proj.where == folder
    assert isinstance(proj.nbr, np.memmap)
    assert proj.stamp == load_stamp(again)


def test_a_completed_load_rebuilds_it_and_drops_the_old_one(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path)
    load_paths(store, [SEEDS])
    before = projection_for(store)
    load_paths(store, [PUNICA])
    after = projection_for(store)
    assert after.stamp != before.stamp and after.n > before.n
    assert [p.name for p in (tmp_path / "projection").glob("g-*")] == [after.where.name]
    assert load_paths(store, [PUNICA]).documents[0].status == "unchanged"
    assert projection_for(store) is after


def test_a_stale_projection_is_rebuilt_from_the_store(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path)
    load_paths(store, [SEEDS])
    assert projection_for(store).n == 170
    store.clear()  # not through a load: only the stamp tells
    assert projection_for(store).n == 0
    assert projection_for(store, max_age_s=3600).n == 0


def test_an_in_memory_store_keeps_it_in_memory() -> None:
    store = MemoryStore(None)
    load_paths(store, [SEEDS])
    proj = projection_for(store)
    assert proj.where is None and proj.n == 170
    assert build.load_stamp(store) == proj.stamp
