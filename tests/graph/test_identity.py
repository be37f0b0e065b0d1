"""Author identity on evidence (graph/author_identity.py, graph/evidence.py), on both
stores: namesakes stay apart without evidence, a shared co-author joins them, swapped
and initials-only spellings need strong evidence, and none of it depends on how a load
is cut into batches."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from graph.ingest import load_paths
from graph.model import SourceRow
from graph.occurrence import Occurrence
from graph.resolve import Resolver
from graph.store.base import GraphStore
from graph.store.memory import MemoryStore
from loaders.records import AuthorRef, PaperRecord, TopicRef, VenueRef
from tests.conftest import SEEDS

CROSS = SEEDS.parent / "tests" / "data" / "cross_source"


def _paper(
    title: str,
    year: int,
    names: Sequence[str],
    *,
    topics: Sequence[str] = (),
    venue: str | None = None,
    doi: str | None = None,
    initials: Sequence[str] = (),
) -> PaperRecord:
    return PaperRecord(
        title=title,
        line=1,
        year=year,
        doi=doi,
        venue=VenueRef(venue, kind="conference", year=year) if venue else None,
        topics=tuple(TopicRef(t, kind="author_keyword") for t in topics),
        authors=tuple(
            AuthorRef(n, position=i, initials_only=n in initials) for i, n in enumerate(names, 1)
        ),
    )


def _load(store: GraphStore, name: str, papers: Sequence[PaperRecord]) -> None:
    """One document of ``papers``, resolved against what the store holds."""
    for i, p in enumerate(papers):
        object.__setattr__(p, "line", i + 1)
    source = SourceRow(f"S{name}", f"{name}.txt", "test", name.ljust(64, "0"), "2026-01-01")
    resolver = Resolver(
        store, source, extract_keyword_topics=False, store_was_empty=store.is_empty()
    )
    batch, _ = resolver.resolve(papers)
    store.write(batch)
    store.mark_source_complete(source.id)
    store.flush()


def _people(store: GraphStore, name: str) -> list[str]:
    """Ids of the authors called ``name`` (by name key)."""
    key = " ".join(name.lower().replace(".", " ").split())
    return [a.id for a in store.authors_by_name([key], [])]


def test_namesakes_without_shared_evidence_stay_two(empty_store: GraphStore) -> None:
    _load(
        empty_store,
        "a",
        [
            _paper(
                "Sensor networks",
                2008,
                ["Wei Wang", "Ann Smith"],
                topics=["wireless sensing"],
                venue="SenSys",
            )
        ],
    )
    _load(
        empty_store,
        "b",
        [
            _paper(
                "Protein folding",
                2021,
                ["Wei Wang", "Bo Chen"],
                topics=["structural biology"],
                venue="RECOMB",
            )
        ],
    )
    assert len(_people(empty_store, "Wei Wang")) == 2


def test_a_shared_coauthor_makes_one(empty_store: GraphStore) -> None:
    _load(
        empty_store,
        "a",
        [
            _paper(
                "Sensor networks",
                2008,
                ["Wei Wang", "Ann Smith"],
                topics=["wireless sensing"],
                venue="SenSys",
            )
        ],
    )
    _load(
        empty_store,
        "b",
        [
            _paper(
                "Protein folding",
                2021,
                ["Wei Wang", "Ann Smith", "Bo Chen"],
                topics=["structural biology"],
                venue="RECOMB",
            )
        ],
    )
    (wei,) = _people(empty_store, "Wei Wang")
    rows = empty_store.authorships(wei)
    assert len(rows) == 2
    joined = [r for r in rows if r.evidence != "new"]
    assert [r.evidence for r in joined] == ["coauthor"]
    assert not joined[0].weak and 0.9 <= joined[0].strength <= 1.0


def test_a_rare_name_joins_on_topic_and_venue_and_says_it_is_weak(
    empty_store: GraphStore,
) -> None:
    _load(
        empty_store,
        "a",
        [
            _paper(
                "Paged attention",
                2023,
                ["Shiyi Cao", "Ann Smith"],
                topics=["llm serving", "kv cache"],
                venue="SOSP",
            )
        ],
    )
    _load(
        empty_store,
        "b",
        [
            _paper(
                "Fair scheduling",
                2024,
                ["Shiyi Cao", "Bo Chen"],
                topics=["llm serving", "fairness"],
                venue="SOSP",
            )
        ],
    )
    (cao,) = _people(empty_store, "Shiyi Cao")
    joined = [r for r in empty_store.authorships(cao) if r.evidence != "new"]
    assert [r.evidence for r in joined] == ["venue+topic"]
    assert joined[0].weak


def test_swapped_names_join_only_on_strong_evidence(empty_store: GraphStore) -> None:
    _load(
        empty_store,
        "a",
        [
            _paper(
                "Sensor networks",
                2008,
                ["Zili Zhang", "Ann Smith"],
                topics=["wireless sensing"],
                venue="SenSys",
            )
        ],
    )
    # same topic and venue, but family name first: not enough
    _load(
        empty_store,
        "b",
        [
            _paper(
                "Sensor fusion",
                2009,
                ["Zhang Zili", "Bo Chen"],
                topics=["wireless sensing"],
                venue="SenSys",
            )
        ],
    )
    assert len(_people(empty_store, "Zili Zhang")) == 1
    assert len(_people(empty_store, "Zhang Zili")) == 1
    # a shared co-author is
    _load(empty_store, "c", [_paper("Sensor power", 2010, ["Zhang Zili", "Ann Smith"])])
    zili = _people(empty_store, "Zili Zhang")[0]
    assert len(empty_store.authorships(zili)) == 2


def test_initials_only_never_joins_on_name_or_similarity(empty_store: GraphStore) -> None:
    _load(
        empty_store,
        "a",
        [
            _paper(
                "Sensor networks",
                2008,
                ["Zili Zhang", "Ann Smith"],
                topics=["wireless sensing"],
                venue="SenSys",
            )
        ],
    )
    _load(
        empty_store,
        "b",
        [
            _paper(
                "Sensor fusion",
                2009,
                ["Z. Zhang", "Bo Chen"],
                topics=["wireless sensing"],
                venue="SenSys",
                initials=["Z. Zhang"],
            )
        ],
    )
    assert len(_people(empty_store, "Zili Zhang")) == 1
    (z,) = _people(empty_store, "Z. Zhang")
    assert empty_store.authorships(z)[0].evidence == "new"


def test_initials_only_joins_a_full_name_on_a_shared_coauthor(empty_store: GraphStore) -> None:
    _load(empty_store, "a", [_paper("Sensor networks", 2008, ["Zili Zhang", "Ann Smith"])])
    _load(
        empty_store,
        "b",
        [_paper("Sensor power", 2010, ["Z. Zhang", "Ann Smith"], initials=["Z. Zhang"])],
    )
    (zili,) = _people(empty_store, "Zili Zhang")
    assert not _people(empty_store, "Z. Zhang")
    assert len(empty_store.authorships(zili)) == 2
    assert "Z. Zhang" in empty_store.author_detail(zili).aliases  # type: ignore[union-attr]


def test_a_full_name_replaces_the_initials_it_joins(empty_store: GraphStore) -> None:
    _load(
        empty_store,
        "a",
        [
            _paper(
                "Sensor networks",
                2008,
                ["Z. Zhang", "Ann Smith"],
                doi="10.1/x",
                initials=["Z. Zhang"],
            )
        ],
    )
    # the same work from a source that spells the name out
    _load(
        empty_store,
        "b",
        [_paper("Sensor networks", 2008, ["Zili Zhang", "Ann Smith"], doi="10.1/x")],
    )
    (zili,) = _people(empty_store, "Zili Zhang")
    assert not _people(empty_store, "Z. Zhang")
    assert empty_store.get_authors([zili])[0].name == "Zili Zhang"
    (row,) = empty_store.authorships(zili)
    kinds = [Occurrence.from_json(o).summary() for o in row.occurrences]
    assert kinds == ["new", "same_paper+coauthor"] and row.sources == ("Sa", "Sb")


def test_two_namesakes_on_one_paper_are_two_people(empty_store: GraphStore) -> None:
    _load(empty_store, "a", [_paper("Big team", 2020, ["Wei Wang", "Ann Smith", "Wei Wang"])])
    assert len(_people(empty_store, "Wei Wang")) == 2


@pytest.mark.parametrize("sizes", [(1, 2000), (5, 64)])
def test_identity_does_not_depend_on_batch_cuts(sizes: tuple[int, int]) -> None:
    """Seeds and the cross-source documents, cut in batches of different sizes: the same
    authors, the same authorships, the same evidence on each."""

    def graph(batch_size: int) -> set[tuple[str, str, str, float]]:
        store = MemoryStore(None)
        load_paths(store, [SEEDS, CROSS], batch_size=batch_size)
        return {
            (a, p, d["evidence"], d["strength"])
            for a, p, d in store.g.edges(data=True)
            if d["rel"] == "AUTHORED"
        }

    assert graph(sizes[0]) == graph(sizes[1])
