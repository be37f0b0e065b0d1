"""The batched primitive reads, on both stores: each agrees with its definition in terms
of the one-author reads, and the questions built on them take a fixed number of reads."""

from __future__ import annotations

from itertools import combinations
from typing import Any

from graph import queries
from graph.projection import projection_for
from graph.store.base import GraphStore

MAO, ZHUO, ZHANG = "Ziming Mao", "Danyang Zhuo", "Zili Zhang"


def _ids(store: GraphStore, *names: str) -> list[str]:
    return [queries.resolve_name(store, n).id for n in names]


def _busiest(store: GraphStore, n: int) -> list[str]:
    """The ``n`` authors with the most co-authors (ties by id): the prolific end."""
    everyone = [a.id for a in store.search_authors("", 10**6)]
    degree = {a: len(nb) for a, nb in store.neighbours(everyone).items()}
    return sorted(degree, key=lambda a: (-degree[a], a))[:n]


def test_shared_coauthor_papers_is_the_intersection_of_coauthor_lists(
    seeded: GraphStore,
) -> None:
    for ids in (_ids(seeded, MAO, ZHUO, ZHANG), _busiest(seeded, 4)):
        per = {a: seeded.coauthor_papers(a) for a in ids}
        expected: dict[str, dict[str, list[str]]] = {}
        for a in ids:
            for b, papers in per[a].items():
                if b not in ids:
                    expected.setdefault(b, {})[a] = papers
        expected = {b: j for b, j in expected.items() if len(j) >= 2}
        shared = seeded.shared_coauthor_papers(ids)
        assert {b: co.joint for b, co in shared.items()} == expected
        names = {a.id: a.name for a in seeded.get_authors(sorted(shared))}
        assert {b: co.name for b, co in shared.items()} == names
    mao, zhuo, _ = _ids(seeded, MAO, ZHUO, ZHANG)
    (co,) = seeded.shared_coauthor_papers([mao, zhuo]).values()
    assert co.name == "Shiyi Cao"
    assert len({p for papers in co.joint.values() for p in papers}) == 3


def test_author_topic_counts_counts_each_authors_papers_per_topic(seeded: GraphStore) -> None:
    ids = [*_ids(seeded, MAO, ZHUO, ZHANG), "A0000000000000000"]
    counts = seeded.author_topic_counts(ids)
    assert set(counts) == set(ids[:3])  # an unknown id has no entry
    for a in ids[:3]:
        assert counts[a] == {t: len(ps) for t, ps in seeded.author_topic_papers(a).items()}


def test_joint_papers_per_pair_in_order(seeded: GraphStore) -> None:
    ids = _ids(seeded, MAO, ZHUO, ZHANG, "Shiyi Cao")
    pairs = [*combinations(ids, 2), (ids[0], "A0000000000000000")]
    co = {a: seeded.coauthor_papers(a) for a in ids}
    expected = [co[a].get(b, []) for a, b in pairs]
    assert seeded.joint_papers(pairs) == expected
    assert expected[0] == []  # Mao and Zhuo never wrote together
    assert len(expected[2]) == 2  # Mao and Shiyi Cao did, twice


class _Counting:
    """A store that counts the reads a question makes (each is a round trip on Neo4j)."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._store, name)
        if not callable(attr):
            return attr

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(name)
            return attr(*args, **kwargs)

        return counted


def test_questions_take_a_fixed_number_of_reads(seeded: GraphStore) -> None:
    counting = _Counting(seeded)
    store: Any = counting
    queries.shared_collaborators(store, [MAO, ZHUO, ZHANG])
    # and one batched read of which shared authorships rest on a weak merge (issue 15)
    assert counting.calls == [
        "authors_by_name",
        "shared_coauthor_papers",
        "get_papers",
        "weak_authorships",
    ]
    counting.calls.clear()
    queries.shared_collaborators(store, [ZHUO, ZHANG])  # nobody shared: no paper read
    assert counting.calls == ["authors_by_name", "shared_coauthor_papers"]
    counting.calls.clear()
    queries.topic_overlap(store, [MAO, ZHUO, ZHANG])
    assert counting.calls == ["authors_by_name", "author_topic_counts", "get_topics"]
    counting.calls.clear()
    ids = _ids(seeded, MAO, ZHUO)
    queries.shared_collaborators(store, ids)  # ids need no name lookup
    assert counting.calls.count("get_authors") == 2  # the two id probes
    assert "authors_by_name" not in counting.calls
    # a path is searched on the projection, whatever its length: the names, the hops'
    # papers and which of their authorships rest on a weak merge are all that is read
    proj = projection_for(seeded)
    for far in ("Danyang Zhuo", "Zili Zhang"):
        counting.calls.clear()
        queries.collaboration_path(store, "Ziming Mao", far, projection=proj)
        assert counting.calls[0] == "authors_by_name"
        assert counting.calls[1:] in (
            [],
            ["get_authors", "joint_papers", "get_papers", "weak_authorships"],
        )
    counting.calls.clear()
    queries.recommend(store, ["Ziming Mao", "Danyang Zhuo"], projection=proj)
    assert counting.calls == ["authors_by_name", "author_topic_counts", "get_authors", "get_topics"]
