"""The citation view: who cites whom among a few authors, with arrows.

Drawn from the catalogue's answer (graph.queries.citations_among), like every view: the
queried authors as diamonds, an arrow from an author to each author whose papers theirs
cite (width: citations), and the works every one of them cites as gold squares, each
with an arrow from every author (width: their papers citing it). Edge tooltips list the
papers behind an arrow, citing and cited.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph import queries
from graph.answers import CitationsAnswer
from graph.store.base import GraphReader
from viz.views import (
    GOLD,
    PALETTE,
    GraphView,
    LegendItem,
    ViewEdge,
    ViewNode,
    _by_recency,
    _lay_out,
    _papers,
    _plural,
    _short,
)

__all__ = ["citation_view", "citation_view_from"]

_COMMON_EDGE = "#b8a25c"


def citation_view(store: GraphReader, authors: Sequence[str]) -> GraphView:
    """Who cites whom among 2-10 authors, and the works all of them cite."""
    return citation_view_from(store, queries.citations_among(store, authors))


def citation_view_from(store: GraphReader, answer: CitationsAnswer) -> GraphView:
    """The citation view of an answer already in hand (the store supplies paper titles)."""
    resolved = answer.resolved
    colour = {r.id: PALETTE[i % len(PALETTE)] for i, r in enumerate(resolved)}
    name = {r.id: r.name for r in resolved}
    papers = _papers(
        store,
        [
            *(x for link in answer.links for c in link.links for x in (c.citing, c.cited)),
            *(p for w in answer.common for ps in w.by.values() for p in ps),
        ],
    )
    given = {r.id: sum(c.count for c in answer.links if c.citing.id == r.id) for r in resolved}
    got = {r.id: sum(c.count for c in answer.links if c.cited.id == r.id) for r in resolved}

    nodes = [
        ViewNode(
            r.id,
            _short(r.name),
            r.name,
            "queried",
            colour[r.id],
            40,
            "diamond",
            [
                f"queried as {r.query!r}",
                f"cites the others {_plural(given[r.id], 'time')}",
                f"cited by the others {_plural(got[r.id], 'time')}",
            ],
        )
        for r in resolved
    ]
    edges = [
        ViewEdge(
            link.citing.id,
            link.cited.id,
            link.count,
            colour[link.citing.id],
            f"{link.citing.label} → {link.cited.label}",
            [_plural(link.count, "citation")],
            _by_recency({x for c in link.links for x in (c.citing, c.cited)}, papers),
            arrow=True,
        )
        for link in answer.links
    ]
    for w in answer.common:
        citing = sorted({p for ps in w.by.values() for p in ps})
        facts = ["cited only (not in the corpus)" if w.cited_only else "in the corpus"]
        facts += [f"{who}: {_plural(len(ps), 'citing paper')}" for who, ps in w.by.items()]
        nodes.append(
            ViewNode(
                w.id, _short(w.title, 28), w.title, "common", GOLD, len(citing), "square", facts
            )
        )
        by_id = {r.id: w.by.get(r.name, []) for r in resolved}
        for aid, ps in by_id.items():
            edges.append(
                ViewEdge(
                    aid,
                    w.id,
                    len(ps),
                    _COMMON_EDGE,
                    f"{name[aid]} → {w.title}",
                    [_plural(len(ps), "citing paper")],
                    _by_recency(ps, papers),
                    arrow=True,
                )
            )

    legend = [LegendItem(r.name, colour[r.id], "diamond") for r in resolved]
    legend += [
        LegendItem("cites (width: citations)", PALETTE[0], "arrow"),
        LegendItem("a work all of them cite", GOLD, "square"),
    ]
    notes = ["An arrow points from the citing author to the cited one."]
    if not answer.links:
        notes.append("None of these authors cites another.")
    if not answer.common:
        notes.append("No work is cited by all of them.")
    names = ", ".join(r.name for r in resolved)
    view = GraphView("citations", f"Citations among {names}", nodes, edges, papers, legend, notes)
    return _lay_out(view)
