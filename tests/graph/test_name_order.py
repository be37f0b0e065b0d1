"""Names resolve in "Family, Given" and "Family Given" order as well as "Given Family";
a given name alone resolves when it names one author and is a 409 listing the
candidates when it names several, never a 404. Every other answer stays as it was
(tests/graph/test_queries_seeds.py)."""

from __future__ import annotations

import pytest

from graph import queries
from graph.errors import AmbiguousNameError, NotFoundError
from graph.store.base import GraphStore


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("You Yang", "Yang You"),  # family name first, as the CV's advisor lines
        ("Mao, Ziming", "Ziming Mao"),
        ("Liu Ziming", "Ziming Liu"),
        ("Liu, Z.", "Ziming Liu"),
        ("Zhuo Danyang", "Danyang Zhuo"),
        ("  zhang ,  ZILI ", "Zili Zhang"),
    ],
)
def test_names_in_family_first_order_resolve(seeded: GraphStore, query: str, name: str) -> None:
    resolved = queries.resolve_name(seeded, query)
    assert resolved.name == name
    assert resolved.query == query


def test_the_order_as_written_wins(seeded: GraphStore) -> None:
    assert queries.resolve_name(seeded, "Yang You").match == "exact"
    assert queries.resolve_name(seeded, "You Yang").match == "reordered"
    assert queries.resolve_name(seeded, "Mao, Ziming").match == "exact"


def test_a_given_name_of_several_authors_is_ambiguous(seeded: GraphStore) -> None:
    with pytest.raises(AmbiguousNameError) as info:
        queries.resolve_name(seeded, "Ziming")
    assert info.value.status == 409
    names = {c["name"] for c in info.value.details["candidates"]}
    assert names == {"Ziming Liu", "Ziming Mao"}
    assert {c["match"] for c in info.value.details["candidates"]} == {"given"}


def test_a_given_name_of_one_author_resolves(seeded: GraphStore) -> None:
    resolved = queries.resolve_name(seeded, "Danyang")
    assert (resolved.name, resolved.match) == ("Danyang Zhuo", "given")


def test_a_surname_still_comes_first(seeded: GraphStore) -> None:
    assert queries.resolve_name(seeded, "Yang").name == "Chengxu Yang"  # as before
    assert queries.resolve_name(seeded, "You").name == "Yang You"


def test_nothing_like_it_is_still_not_found(seeded: GraphStore) -> None:
    for query in ("Nobody Atall", "Atall, Nobody", "Zhuoh"):
        with pytest.raises(NotFoundError):
            queries.resolve_name(seeded, query)


def test_search_lists_given_name_matches(seeded: GraphStore) -> None:
    answer = queries.search_authors(seeded, "Ziming")
    assert {c.name for c in answer.data if c.match == "given"} == {"Ziming Liu", "Ziming Mao"}
    assert queries.search_authors(seeded, "Liu Ziming").data[0].name == "Ziming Liu"
