"""The query catalogue on the seeds, run unchanged on both stores.

Facts pinned here were checked by hand against the documents:
- Profile paper counts: Mao 15, Zhuo 39, Zhang 16 entries (each page's "N Papers"
  header agrees); Ziming Liu's CV lists 9 papers (4 publications, 5 preprints).
- `grep -n "Shiyi Cao" seeds/*.txt` -> 2 author lines on Mao's page (lines 29, 71) and
  1 on Zhuo's (line 106): Shiyi Cao is the one visible collaborator Mao and Zhuo share.
  No name appears on both Zhang's page and either other page (author lines are cut
  after three names, so these are the collaborators the documents *show*).
- EnergonAI is in the listing (003, line 245) and the CV (004, line 140): one paper.
- "Zhuohan Li" appears on Zhuo's page (lines 155, 162, 281) and must not win "Zhuo".
"""

from __future__ import annotations

import json

import pytest

from graph import queries
from graph.errors import AmbiguousNameError, InvalidQueryError, NotFoundError
from graph.store.base import GraphStore

DEMO = ["Mao", "Zhuo", "Zhang"]


def test_names_resolve_to_profile_owners(seeded: GraphStore) -> None:
    zhang = queries.resolve_name(seeded, "Zhang")
    assert zhang.name == "Zili Zhang"
    assert zhang.match == "surname"
    alternatives = {a.name for a in zhang.alternatives}
    assert {"Hao Zhang", "Yihan Zhang", "Shenglong Zhang"} <= alternatives
    assert "Zili Zhang" not in alternatives

    zhuo = queries.resolve_name(seeded, "Zhuo")
    assert zhuo.name == "Danyang Zhuo"
    assert all(a.name != "Zhuohan Li" for a in zhuo.alternatives)
    assert queries.resolve_name(seeded, "Mao").name == "Ziming Mao"
    assert queries.resolve_name(seeded, "Liu").name == "Ziming Liu"
    assert queries.resolve_name(seeded, "ziming  MAO").match == "exact"


def test_resolution_by_id_and_initials(seeded: GraphStore) -> None:
    mao = queries.resolve_name(seeded, "Mao")
    assert queries.resolve_name(seeded, mao.id).match == "id"
    assert queries.resolve_name(seeded, "Z. Mao").name == "Ziming Mao"


def test_unknown_name_is_not_found_with_candidates(seeded: GraphStore) -> None:
    with pytest.raises(NotFoundError) as exc:
        queries.resolve_name(seeded, "Zhuoh")
    assert exc.value.status == 404
    assert "Zhuohan Li" in {c["name"] for c in exc.value.details["candidates"]}


def test_tie_is_an_error_listing_candidates(seeded: GraphStore) -> None:
    # Several one-paper "Wang"s and no Wang with a profile: a tie, never a guess.
    with pytest.raises(AmbiguousNameError) as exc:
        queries.resolve_name(seeded, "Wang")
    assert exc.value.status == 409
    assert len(exc.value.details["candidates"]) >= 2


def test_paper_counts_per_owner(seeded: GraphStore) -> None:
    counts = {
        q: seeded.get_authors([queries.resolve_name(seeded, q).id])[0].paper_count
        for q in ("Mao", "Zhuo", "Zhang", "Liu")
    }
    assert counts == {"Mao": 15, "Zhuo": 39, "Zhang": 16, "Liu": 9}


def test_seed_graph_counts(seeded: GraphStore) -> None:
    c = queries.stats(seeded)
    # 15 + 39 + 16 + 46 + 9 = 125 paper records; EnergonAI is in two of them.
    assert c.nodes["Paper"] == 124
    assert c.nodes["Source"] == 5
    assert c.relationships["FROM_SOURCE"] == 125 + 4  # + the 4 owners' person records


def test_shared_collaborators_of_mao_zhuo_zhang(seeded: GraphStore) -> None:
    answer = queries.shared_collaborators(seeded, DEMO)
    assert [r.name for r in answer.resolved] == ["Ziming Mao", "Danyang Zhuo", "Zili Zhang"]
    assert answer.shared_by_all == []
    pairs = {tuple(p.authors): p.shared for p in answer.pairwise}
    mao_zhuo = pairs[("Ziming Mao", "Danyang Zhuo")]
    assert [c.name for c in mao_zhuo] == ["Shiyi Cao"]
    # Shiyi Cao on Zhuo's page shares only topics with Shiyi Cao on Mao's: weak
    assert mao_zhuo[0].weak
    titles = {p.title for p in mao_zhuo[0].papers}
    assert "Fairness in Serving Large Language Models" in titles
    assert len(mao_zhuo[0].papers) == 3
    assert pairs[("Ziming Mao", "Zili Zhang")] == []
    assert pairs[("Danyang Zhuo", "Zili Zhang")] == []


def test_shared_collaborators_needs_2_to_10_distinct_authors(seeded: GraphStore) -> None:
    with pytest.raises(InvalidQueryError):
        queries.shared_collaborators(seeded, ["Mao"])
    with pytest.raises(InvalidQueryError):
        queries.shared_collaborators(seeded, ["Mao"] * 11)
    with pytest.raises(InvalidQueryError, match="same author"):
        queries.shared_collaborators(seeded, ["Mao", "Ziming Mao"])


def test_topic_overlap(seeded: GraphStore) -> None:
    answer = queries.topic_overlap(seeded, DEMO)
    shared = {t.id: t for t in answer.shared_by_all}
    assert {"arxiv:cs.DC", "arxiv:cs.LG", "arxiv:cs.CL", "kw:mixture-of-experts"} <= set(shared)
    dc = shared["arxiv:cs.DC"]
    assert dc.name == "Distributed, Parallel, and Cluster Computing"
    assert dc.code == "cs.DC"
    assert dc.papers == {"Ziming Mao": 5, "Danyang Zhuo": 9, "Zili Zhang": 3}
    for pair in answer.pairwise:
        assert 0 < pair.jaccard <= 1
        assert 0 < pair.cosine <= 1
    assert set(answer.topics) == {"Ziming Mao", "Danyang Zhuo", "Zili Zhang"}


def test_collaboration_path(seeded: GraphStore) -> None:
    answer = queries.collaboration_path(seeded, "Mao", "Zhuo")
    assert answer.length == 2
    assert [(h.from_, h.to) for h in answer.hops] == [
        ("Ziming Mao", "Shiyi Cao"),
        ("Shiyi Cao", "Danyang Zhuo"),
    ]
    assert answer.hops[1].paper.title == "Fairness in Serving Large Language Models"
    assert [h.weak for h in answer.hops] == [False, True]  # the hop through the weak merge
    none = queries.collaboration_path(seeded, "Zhuo", "Zhang")
    assert none.length is None
    assert none.hops == []


def test_path_json_uses_from_key(seeded: GraphStore) -> None:
    data = queries.collaboration_path(seeded, "Mao", "Zhuo").model_dump(by_alias=True)
    assert set(data["hops"][0]) == {"from", "to", "paper", "weak"}


def test_coauthors(seeded: GraphStore) -> None:
    answer = queries.coauthors(seeded, "Mao")
    assert answer.resolved.name == "Ziming Mao"
    # Counting names on Mao's author lines (awk/grep, see module doc): four people
    # appear twice, everyone else once; ties are ordered by name.
    twice = [c.name for c in answer.data if len(c.papers) == 2]
    assert twice == ["Ansong Ni", "Shiyi Cao", "Shu Liu", "Yichuan Wang"]
    assert all(len(c.papers) == 1 for c in answer.data[4:])
    assert answer.count == len(answer.data)


def test_search_authors_scores(seeded: GraphStore) -> None:
    answer = queries.search_authors(seeded, "Zhuo")
    assert answer.data[0].name == "Danyang Zhuo"
    assert answer.data[0].score > answer.data[1].score
    assert {"Zhuohan Li"} <= {c.name for c in answer.data}


@pytest.mark.neo4j
def test_both_stores_answer_identically(
    seeded_embedded: GraphStore, seeded_neo4j: GraphStore
) -> None:
    """The parity check: every catalogue answer, as JSON, is the same on both stores."""

    def answers(store: GraphStore) -> str:
        out = {
            "shared": queries.shared_collaborators(store, DEMO).model_dump(by_alias=True),
            "topics": queries.topic_overlap(store, DEMO).model_dump(by_alias=True),
            "path": queries.collaboration_path(store, "Mao", "Zhuo").model_dump(by_alias=True),
            "nopath": queries.collaboration_path(store, "Zhang", "Zhuo").model_dump(by_alias=True),
            "coauthors": queries.coauthors(store, "Zhuo").model_dump(by_alias=True),
            "search": queries.search_authors(store, "zhang").model_dump(by_alias=True),
            "stats": queries.stats(store).model_dump(),
        }
        return json.dumps(out, sort_keys=True, indent=1)

    assert answers(seeded_neo4j) == answers(seeded_embedded)


@pytest.mark.neo4j
def test_routing_uri_works_unchanged(
    seeded_neo4j: GraphStore, seeded_embedded: GraphStore, neo4j_settings
) -> None:  # type: ignore[no-untyped-def]
    """A routing ``neo4j://`` URI (what a cluster or Aura gives you) reads the same graph."""
    from graph.store.neo4j import Neo4jStore

    uri = neo4j_settings.neo4j_uri.replace("bolt://", "neo4j://")
    routed = Neo4jStore.from_settings(neo4j_settings.model_copy(update={"neo4j_uri": uri}))
    try:
        got = queries.shared_collaborators(routed, DEMO).model_dump(by_alias=True)
    finally:
        routed.close()
    assert got == queries.shared_collaborators(seeded_embedded, DEMO).model_dump(by_alias=True)
