"""The overview view against tests/viz/expect.overview_graph, which works the overview
out from every paper's author list instead of calling the catalogue the view uses."""

from __future__ import annotations

import pytest

from graph.store.base import GraphStore
from tests.viz.expect import overview_graph
from viz import views


@pytest.mark.parametrize("limit", [None, views.DEFAULT_OVERVIEW_AUTHORS, 20, 5, 1])
def test_overview_shows_the_top_authors_and_their_joint_papers(
    seeded: GraphStore, limit: int | None
) -> None:
    expected = overview_graph(seeded, limit)
    view = views.overview_view(seeded, limit)
    assert {n.id for n in view.nodes} == set(expected.nodes)
    weights = {frozenset((e.source, e.target)): e.value for e in view.edges}
    assert len(weights) == len(view.edges)
    assert weights == {frozenset((a, b)): w for a, b, w in expected.edges(data="weight")}
