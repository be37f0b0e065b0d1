"""Users' identity corrections (graph/corrections.py) on both stores: applied when made,
kept in a file, and applied again by every load, so they survive a reset and reload."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph import queries
from graph.corrections import Corrections, Merge, apply_merge, apply_split, make_split
from graph.errors import InvalidQueryError, NotFoundError
from graph.ingest import load_paths
from graph.store.base import GraphStore
from graph.store.memory import MemoryStore
from tests.conftest import SEEDS

NAMESAKES = {
    "a.bib": "@inproceedings{wang2008, author = {Wei Wang and Ann Smith},\n"
    "title = {Energy harvesting for wireless sensor networks}, booktitle = {SenSys},"
    " year = {2008}}\n",
    "b.bib": "@inproceedings{wang2021, author = {Wei Wang and Bo Chen},\n"
    "title = {Protein structure alignment with graph kernels}, booktitle = {RECOMB},"
    " year = {2021}}\n",
}


def namesake_files(folder: Path) -> Path:
    """Two BibTeX files naming a Wei Wang each, with nothing else in common: two people
    to the resolver, one to the user who corrects it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in NAMESAKES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _wei_wang(store: GraphStore) -> list[str]:
    return [a.id for a in store.authors_by_name(["wei wang"], [])]


def _evidence(store: GraphStore, query: str) -> str:
    return json.dumps(queries.explain(store, query).model_dump(), sort_keys=True)


def test_a_merge_survives_reset_and_reload(empty_store: GraphStore, tmp_path: Path) -> None:
    bib = namesake_files(tmp_path / "bib")
    load_paths(empty_store, [bib])
    first, second = _wei_wang(empty_store)
    merge = Merge(first, second, ("Wei Wang", "Wei Wang"), "same person, says the user")
    apply_merge(empty_store, merge)
    assert _wei_wang(empty_store) == [first]
    assert len(empty_store.authorships(first)) == 2
    corrections = Corrections()
    corrections.add(merge)
    corrections.write(tmp_path / "corrections.toml")

    empty_store.clear()  # `coauthor-kg reset`
    kept = Corrections.read(tmp_path / "corrections.toml")
    load_paths(empty_store, [bib], corrections=kept)
    assert _wei_wang(empty_store) == [first]
    kinds = [[c.kind for c in o.evidence] for o in queries.explain(empty_store, first).occurrences]
    assert sorted(kinds) == [["new"], ["new", "correction"]]


def test_a_split_survives_reset_and_reload(empty_store: GraphStore, tmp_path: Path) -> None:
    load_paths(empty_store, [SEEDS])
    cao = queries.resolve_name(empty_store, "Shiyi Cao").id
    weak = [o.paper.id for o in queries.explain(empty_store, cao).occurrences if o.weak]
    assert len(weak) == 1  # Fairness, on Zhuo's page: joined on topics alone
    split = make_split(empty_store, cao, weak, "two people")
    apply_split(empty_store, split)
    shared = queries.shared_collaborators(empty_store, ["Mao", "Zhuo"])
    assert shared.shared_by_all == []
    path = tmp_path / "corrections.toml"
    corrections = Corrections()
    corrections.add(split)
    corrections.write(path)

    empty_store.clear()
    load_paths(empty_store, [SEEDS], corrections=Corrections.read(path))
    assert sorted(a.id for a in empty_store.authors_by_name(["shiyi cao"], [])) == sorted(
        [cao, split.new_id]
    )
    assert [p.id for p in _papers(empty_store, split.new_id)] == weak
    assert queries.shared_collaborators(empty_store, ["Mao", "Zhuo"]).shared_by_all == []


def _papers(store: GraphStore, author_id: str) -> list:  # type: ignore[type-arg]
    return store.get_papers(store.author_papers(author_id))


@pytest.mark.neo4j
def test_corrections_give_the_same_graph_on_both_stores(
    neo4j_store_session: GraphStore, tmp_path: Path
) -> None:
    bib = namesake_files(tmp_path / "bib")
    embedded = MemoryStore(None)
    neo4j_store_session.clear()
    stores = (embedded, neo4j_store_session)
    for store in stores:
        load_paths(store, [SEEDS, bib])
    first, second = _wei_wang(embedded)
    cao = queries.resolve_name(embedded, "Shiyi Cao").id
    weak = [o.paper.id for o in queries.explain(embedded, cao).occurrences if o.weak]
    corrections = Corrections()
    corrections.add(Merge(first, second))
    corrections.add(make_split(embedded, cao, weak))
    for store in stores:
        apply_merge(store, corrections.merges[0])
        apply_split(store, corrections.splits[0])
    now = [(_evidence(s, first), _evidence(s, cao), s.counts()) for s in stores]
    assert now[0] == now[1]
    for store in stores:
        store.clear()
        load_paths(store, [SEEDS, bib], corrections=corrections)
    reloaded = [(_evidence(s, first), _evidence(s, cao), s.counts()) for s in stores]
    assert reloaded[0] == reloaded[1]
    assert [r[2] for r in reloaded] == [n[2] for n in now]


def test_the_corrections_file_round_trips(tmp_path: Path) -> None:
    store = MemoryStore(None)
    load_paths(store, [SEEDS])
    cao = queries.resolve_name(store, "Shiyi Cao").id
    paper = store.author_papers(cao)[0]
    corrections = Corrections()
    assert corrections.add(Merge("A1", "A2", ('Ann "The" Lee', "A. Lee"), "note\nwith lines"))
    assert not corrections.add(Merge("A1", "A2"))  # the same merge once
    corrections.add(make_split(store, cao, [paper]))
    path = tmp_path / "c.toml"
    corrections.write(path)
    assert Corrections.read(path) == corrections
    assert Corrections.read(tmp_path / "missing.toml") == Corrections()
    with pytest.raises(InvalidQueryError, match="not a corrections file"):
        Corrections.parse("[[merge]]\ninto = 1", "bad.toml")


def test_corrections_refuse_what_cannot_be(tmp_path: Path) -> None:
    store = MemoryStore(None)
    load_paths(store, [SEEDS])
    mao = queries.resolve_name(store, "Mao").id
    with pytest.raises(NotFoundError):
        apply_merge(store, Merge(mao, "Anot-an-author"))
    with pytest.raises(InvalidQueryError):
        apply_merge(store, Merge(mao, mao))
    with pytest.raises(InvalidQueryError, match="at least one paper"):
        apply_split(store, make_split(store, mao, store.author_papers(mao)))
    with pytest.raises(InvalidQueryError, match="has no paper"):
        apply_split(store, make_split(store, mao, ["Pnot-a-paper"]))
