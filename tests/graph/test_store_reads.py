"""The whole-graph stream and the typed detail records, on both stores: each agrees with
the primitive reads it summarises, and the two stores give equal records."""

from __future__ import annotations

import pytest

from graph import queries
from graph.schema import AUTHOR, PAPER, identifiers_of
from graph.store.base import GraphStore
from graph.store.records import (
    AuthorDetail,
    AuthorLinks,
    PaperAuthorship,
    PaperDetail,
    TopicDetail,
)

EVERYONE = 10**6
LLM = "kw:large-language-models"


def _papers(store: GraphStore) -> list[str]:
    ids, total = store.search_papers("", EVERYONE, 0)  # every title key contains ""
    assert len(ids) == total == store.counts()["nodes"]["Paper"]
    return ids


def test_iter_coauthorships_is_every_author_and_every_coauthorship_once(
    seeded: GraphStore,
) -> None:
    blocks = list(seeded.iter_coauthorships())
    assert all(isinstance(b, AuthorLinks) for b in blocks)
    assert [b.author for b in blocks] == seeded.search_authors("", EVERYONE)  # by id
    assert len(blocks) == seeded.counts()["nodes"]["Author"] == 170
    years = {p.id: p.year for p in seeded.get_papers(_papers(seeded))}
    edges = 0
    for block in blocks:
        a = block.author.id
        co = seeded.coauthor_papers(a)
        assert [link.target for link in block.links] == sorted(b for b in co if b > a)
        for link in block.links:
            assert link.source == a
            assert link.papers == len(co[link.target])
            known = [y for p in co[link.target] if (y := years[p]) is not None]
            assert link.first_year == min(known, default=None)
            assert link.last_year == max(known, default=None)
        edges += len(block.links)
    degrees = seeded.neighbours([b.author.id for b in blocks])
    assert 2 * edges == sum(len(nb) for nb in degrees.values())
    assert any(not b.links for b in blocks)  # listed without a co-author of a larger id


def test_iter_coauthorships_reads_in_pages(seeded: GraphStore, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Small pages (Neo4j reads the stream in pages; the embedded store has none) give
    the same stream, and the network built on it needs joint papers in chunks."""
    whole = list(seeded.iter_coauthorships())
    network = queries.coauthor_network(seeded, None)
    monkeypatch.setattr("graph.store.neo4j._COAUTHORSHIP_PAGE", 7)
    monkeypatch.setattr("graph.store.neo4j._JOINT_PAPERS_CHUNK", 5)
    assert list(seeded.iter_coauthorships()) == whole
    assert queries.coauthor_network(seeded, None) == network


def test_paper_detail_is_a_typed_record(seeded: GraphStore) -> None:
    props = {i.prop for i in identifiers_of(PAPER)}
    summaries = {p.id: p for p in seeded.get_papers(_papers(seeded))}
    with_ids = 0
    for pid, summary in summaries.items():
        d = seeded.paper_detail(pid)
        assert isinstance(d, PaperDetail)
        assert (d.id, d.title, d.year) == (summary.id, summary.title, summary.year)
        assert set(d.ids) <= props and all(isinstance(v, str) and v for v in d.ids.values())
        with_ids += bool(d.ids)
        assert all(isinstance(a, PaperAuthorship) for a in d.authors)
        placed = [a.position for a in d.authors if a.position is not None]
        assert placed == sorted(placed)
        assert [a.id for a in d.authors[len(placed) :]] == sorted(
            a.id for a in d.authors if a.position is None
        )
        for items in (d.venues, d.topics, d.sources):
            assert [x.id for x in items] == sorted(x.id for x in items)
        assert sorted(v.name for v in d.venues) == sorted(summary.venues)
    assert with_ids == 5  # the seeds' arXiv ids
    assert seeded.paper_detail("P0000000000000000") is None


def test_author_detail_is_a_typed_record(seeded: GraphStore) -> None:
    props = {i.prop for i in identifiers_of(AUTHOR)}
    for a in seeded.search_authors("", EVERYONE):
        d = seeded.author_detail(a.id)
        assert isinstance(d, AuthorDetail)
        assert (d.id, d.name, d.has_profile) == (a.id, a.name, a.has_profile)
        assert list(d.aliases) == sorted(d.aliases)
        assert list(d.affiliations) == sorted(d.affiliations)
        assert set(d.ids) <= props
    mao = seeded.author_detail(queries.resolve_name(seeded, "Ziming Mao").id)
    assert mao is not None and mao.profile_paper_count == 15
    assert seeded.author_detail("A0000000000000000") is None


def test_topic_detail_is_a_typed_record(seeded: GraphStore) -> None:
    d = seeded.topic_detail(LLM)
    assert isinstance(d, TopicDetail)
    (summary,) = seeded.get_topics([LLM])
    assert (d.id, d.name, d.kind, d.code) == (summary.id, summary.name, summary.kind, None)
    assert list(d.paper_ids) == sorted(d.paper_ids) and len(d.paper_ids) == summary.paper_count
    authors = set()
    for pid in d.paper_ids:
        paper = seeded.paper_detail(pid)
        assert paper is not None and LLM in {t.id for t in paper.topics}
        authors |= {a.id for a in paper.authors}
    assert d.author_ids == tuple(sorted(authors))
    assert seeded.topic_detail("kw:no-such-topic") is None


def test_ego_network_rings_are_breadth_first_levels(seeded: GraphStore) -> None:
    """Uncut, ring k is exactly the authors k hops away, and the edges are every
    co-authorship among the authors shown."""
    net = queries.ego_network(seeded, "Zhuo", depth=3)
    seen = {net.resolved.id}
    frontier = [net.resolved.id]
    for ring, reachable in zip(net.rings[1:], net.reachable[1:], strict=True):
        nb = seeded.neighbours(frontier)
        frontier = sorted({b for u in frontier for b in nb.get(u, ())} - seen)
        seen.update(frontier)
        assert sorted(ring) == frontier and reachable == len(frontier)
    shown = [a.id for a in net.authors]
    assert shown == [a for ring in net.rings for a in ring] and set(shown) == seen
    expected = {
        (a, b): papers
        for a in shown
        for b, papers in seeded.coauthor_papers(a).items()
        if a < b and b in seen
    }
    assert {(e.source, e.target): e.papers for e in net.edges} == expected
    cut = queries.ego_network(seeded, "Zhuo", depth=2, max_nodes=30)
    assert len(cut.authors) == 30 and cut.reachable[:2] == net.reachable[:2]


@pytest.mark.neo4j
def test_records_are_the_same_on_both_stores(
    seeded_embedded: GraphStore, seeded_neo4j: GraphStore
) -> None:
    assert list(seeded_embedded.iter_coauthorships()) == list(seeded_neo4j.iter_coauthorships())
    for pid in _papers(seeded_embedded):
        assert seeded_embedded.paper_detail(pid) == seeded_neo4j.paper_detail(pid)
    for a in seeded_embedded.search_authors("", EVERYONE):
        assert seeded_embedded.author_detail(a.id) == seeded_neo4j.author_detail(a.id)
    topics, _ = seeded_embedded.list_topics(EVERYONE, 0)
    for t in topics:
        assert seeded_embedded.topic_detail(t.id) == seeded_neo4j.topic_detail(t.id)
