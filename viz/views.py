"""Which subgraph each view shows, and how it is styled.

Every view is drawn from answers of the query catalogue (graph/queries.py): which
authors, which co-authorships, which communities. The store's primitive reads only
fill in the details a tooltip needs (paper titles and venues, the papers behind an
author-topic edge); no view has a query of its own, so a view cannot disagree with the
CLI, the API or an export about who shares what. The result is a plain
:class:`GraphView`; viz/render.py turns it into a self-contained HTML page.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from graph import queries
from graph.answers import SharedAnswer, TopicsAnswer
from graph.errors import InvalidQueryError
from graph.store.base import GraphReader
from viz.layout import layout_engine, spring_positions

__all__ = [
    "DEFAULT_EGO_NODES",
    "DEFAULT_INSTITUTION_MEMBERS",
    "DEFAULT_INSTITUTION_PARTNERS",
    "DEFAULT_OVERVIEW_AUTHORS",
    "NO_PLACES",
    "PHYSICS_MAX_NODES",
    "GraphView",
    "LegendItem",
    "PaperInfo",
    "ViewEdge",
    "ViewNode",
    "countries_view",
    "ego_view",
    "institution_view",
    "overview_view",
    "shared_view",
    "shared_view_from",
    "topics_view",
    "topics_view_from",
]

PHYSICS_MAX_NODES = 300
"""Above this many nodes the browser gets precomputed positions and no physics: vis's
simulation takes ~2 s to settle 300 nodes in headless Chromium, ~7 s for 600 and ~14 s for
1,000, while a precomputed layout draws 1,000 nodes in 0.4 s."""
DEFAULT_EGO_NODES = 400
DEFAULT_OVERVIEW_AUTHORS = 300
DEFAULT_INSTITUTION_MEMBERS = 200
DEFAULT_INSTITUTION_PARTNERS = 50
MAX_VIEW_NODES = 20_000

# Tableau 10 (+2): distinct for the queried authors and the largest communities.
PALETTE = (
    "#4e79a7",
    "#e15759",
    "#59a14f",
    "#b07aa1",
    "#f28e2b",
    "#76b7b2",
    "#9c755f",
    "#ff9da7",
    "#edc948",
    "#86bcb6",
    "#d37295",
    "#8cd17d",
)
GOLD = "#ffc20a"
PALE_GOLD = "#f5dc9a"
GREY = "#cdd3db"
BLUE_GREY = "#a9b8cc"
INK = "#3b3f46"


@dataclass(slots=True)
class PaperInfo:
    title: str
    year: int | None
    venue: str | None


@dataclass(slots=True)
class ViewNode:
    """One node. ``label`` is drawn on the canvas; ``heading`` and ``facts`` fill the
    tooltip; the papers a tooltip lists are those of the node's edges in the view."""

    id: str
    label: str
    heading: str
    category: str
    color: str
    value: float
    shape: str = "dot"
    facts: list[str] = field(default_factory=list)
    x: float | None = None
    y: float | None = None


@dataclass(slots=True)
class ViewEdge:
    source: str
    target: str
    value: float
    color: str
    heading: str | None = None  # None: "source — target" (the page derives it)
    facts: list[str] = field(default_factory=list)
    papers: list[str] = field(default_factory=list)
    dashes: bool = False
    arrow: bool = False  # directed: an arrowhead at ``target`` (citations)


@dataclass(slots=True)
class LegendItem:
    label: str
    color: str
    shape: str = "dot"  # dot | star | square | diamond | line | dashed | arrow


@dataclass(slots=True)
class GraphView:
    kind: str
    title: str
    nodes: list[ViewNode]
    edges: list[ViewEdge]
    papers: dict[str, PaperInfo]
    legend: list[LegendItem]
    notes: list[str] = field(default_factory=list)
    subset: str | None = None
    physics: bool = True


# -- shared helpers -----------------------------------------------------------------------


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def _papers(store: GraphReader, ids: Iterable[str]) -> dict[str, PaperInfo]:
    wanted = sorted(set(ids))
    return {
        p.id: PaperInfo(p.title, p.year, "; ".join(p.venues) or None)
        for p in store.get_papers(wanted)
    }


def _by_recency(ids: Iterable[str], papers: dict[str, PaperInfo]) -> list[str]:
    known = [i for i in set(ids) if i in papers]
    return sorted(known, key=lambda i: (-(papers[i].year or 0), papers[i].title, i))


def _short(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _lay_out(view: GraphView) -> GraphView:
    """Precompute positions (and switch physics off) when the view is too big for the
    browser to settle it."""
    if len(view.nodes) <= PHYSICS_MAX_NODES:
        view.physics = True
        return view
    edges = [(e.source, e.target, e.value) for e in view.edges]
    pos = spring_positions([n.id for n in view.nodes], edges)
    for n in view.nodes:
        n.x, n.y = pos[n.id]
    view.physics = False
    view.notes.append(
        f"Positions precomputed ({layout_engine()} Fruchterman–Reingold); physics is off."
    )
    return view


# -- ego ----------------------------------------------------------------------------------


def ego_view(
    store: GraphReader, author: str, *, depth: int = 1, max_nodes: int = DEFAULT_EGO_NODES
) -> GraphView:
    """One author and their co-authors (depth 1), or also the co-authors' co-authors
    (depth 2), with every co-authorship among the shown authors; edge width is the
    number of joint papers. The strongest collaborators are kept when ``max_nodes``
    cuts the view."""
    if depth not in (1, 2):
        raise InvalidQueryError("depth must be 1 or 2", details={"depth": depth})
    if not 2 <= max_nodes <= MAX_VIEW_NODES:
        raise InvalidQueryError(
            f"max_nodes must be between 2 and {MAX_VIEW_NODES}", details={"max_nodes": max_nodes}
        )
    net = queries.ego_network(store, author, depth=depth, max_nodes=max_nodes)
    ego = net.resolved
    ring1 = net.rings[1]
    ring_of = {a: i for i, ring in enumerate(net.rings) for a in ring}
    joint = {(e.source, e.target): e.papers for e in net.edges}
    papers = _papers(store, (p for ps in joint.values() for p in ps))

    style = {0: ("ego", PALETTE[1]), 1: ("coauthor", PALETTE[0]), 2: ("coauthor2", BLUE_GREY)}
    nodes = []
    for a in net.authors:
        category, color = style[ring_of[a.id]]
        facts = [f"{_plural(a.paper_count, 'paper')} in the graph"]
        if ring_of[a.id] == 1:
            with_ego = joint[min(a.id, ego.id), max(a.id, ego.id)]
            facts.append(f"{_plural(len(with_ego), 'joint paper')} with {ego.name}")
        elif ring_of[a.id] == 2:
            via = sum(1 for c in ring1 if (min(a.id, c), max(a.id, c)) in joint)
            facts.append(f"co-author of {_plural(via, 'co-author')} of {ego.name}")
        else:
            facts.append(f"{_plural(net.reachable[1], 'co-author')}")
        nodes.append(
            ViewNode(a.id, _short(a.name), a.name, category, color, a.paper_count, facts=facts)
        )

    edges = []
    for (u, v), ps in joint.items():
        touches_ego = ego.id in (u, v)
        edges.append(
            ViewEdge(
                u,
                v,
                len(ps),
                PALETTE[1] if touches_ego else "#8896aa",
                facts=[_plural(len(ps), "joint paper")],
                papers=_by_recency(ps, papers),
            )
        )

    legend = [
        LegendItem(ego.name, PALETTE[1]),
        LegendItem("co-author", PALETTE[0]),
    ]
    if depth == 2:
        legend.append(LegendItem("co-author of a co-author", BLUE_GREY))
    legend.append(LegendItem("joint papers (width)", "#8896aa", "line"))
    notes = ["Node size: papers in the graph. Edge width: joint papers."]
    view = GraphView(
        kind="ego",
        title=f"Co-authors of {ego.name}" + (" (depth 2)" if depth == 2 else ""),
        nodes=nodes,
        edges=edges,
        papers=papers,
        legend=legend,
        notes=notes,
    )
    if any(len(ring) < n for ring, n in zip(net.rings, net.reachable, strict=True)):
        view.subset = (
            f"Showing {_plural(len(net.authors), 'author')}: the "
            f"{_plural(len(ring1), 'co-author')} with the most joint papers "
            f"(of {net.reachable[1]:,})"
            + (
                f" and {len(net.rings[2]):,} of {net.reachable[2]:,} at depth 2"
                if depth == 2
                else ""
            )
            + f"; limit {max_nodes:,}."
        )
    return _lay_out(view)


# -- shared collaborators -----------------------------------------------------------------


def shared_view(store: GraphReader, authors: Sequence[str]) -> GraphView:
    """The queried authors, each in their own colour, and the collaborators they share:
    stars for those shared by all, dots for those shared by some pair. Dashed edges join
    queried authors who wrote papers together."""
    answer = queries.shared_collaborators(store, authors)
    return shared_view_from(store, answer)


def shared_view_from(store: GraphReader, answer: SharedAnswer) -> GraphView:
    """The shared view of an answer already in hand (the store supplies paper details)."""
    resolved = answer.resolved
    colour = {r.id: PALETTE[i % len(PALETTE)] for i, r in enumerate(resolved)}
    by_name = {r.name: r.id for r in resolved}

    collab_name: dict[str, str] = {}
    links: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in [*answer.shared_by_all, *(c for pair in answer.pairwise for c in pair.shared)]:
        collab_name[c.id] = c.name
        for p in c.papers:
            for name in p.authors:
                if name in by_name:
                    links[(by_name[name], c.id)].add(p.id)
    all_ids = {c.id for c in answer.shared_by_all}
    sharers: dict[str, set[str]] = defaultdict(set)
    for q, cid in links:
        sharers[cid].add(q)

    direct: dict[tuple[str, str], list[str]] = {}
    for i, a in enumerate(resolved):
        theirs = store.coauthor_papers(a.id)
        for b in resolved[i + 1 :]:
            if b.id in theirs:
                direct[(a.id, b.id)] = theirs[b.id]

    papers = _papers(
        store,
        [*(p for ps in links.values() for p in ps), *(p for ps in direct.values() for p in ps)],
    )
    people = {a.id: a for a in store.get_authors([*(r.id for r in resolved), *sorted(collab_name)])}
    name_of = {r.id: r.name for r in resolved} | collab_name

    nodes = []
    for r in resolved:
        count = people[r.id].paper_count if r.id in people else 0
        facts = [f"queried as {r.query!r}", f"{_plural(count, 'paper')} in the graph"]
        shared_here = sum(1 for (q, _c) in links if q == r.id)
        facts.append(f"{_plural(shared_here, 'shared collaborator')} in this view")
        nodes.append(
            ViewNode(r.id, _short(r.name), r.name, "queried", colour[r.id], 40, "diamond", facts)
        )
    n_all = len(resolved)
    for cid in sorted(collab_name, key=lambda c: (-len(sharers[c]), collab_name[c], c)):
        everyone = cid in all_ids
        with_whom = ", ".join(name_of[q] for q in sorted(sharers[cid], key=list(colour).index))
        facts = [
            f"shared by all {n_all}" if everyone else f"shared by {len(sharers[cid])} of {n_all}",
            f"with {with_whom}",
        ]
        count = people[cid].paper_count if cid in people else 0
        nodes.append(
            ViewNode(
                cid,
                _short(collab_name[cid]),
                collab_name[cid],
                "shared_all" if everyone else "shared_some",
                GOLD if everyone else BLUE_GREY,
                10 + count,
                "star" if everyone else "dot",
                facts,
            )
        )

    edges = []
    for (q, cid), joint in sorted(
        links.items(), key=lambda kv: (list(colour).index(kv[0][0]), kv[0][1])
    ):
        edges.append(
            ViewEdge(
                q,
                cid,
                len(joint),
                colour[q],
                f"{name_of[q]} — {collab_name[cid]}",
                [_plural(len(joint), "joint paper")],
                _by_recency(joint, papers),
            )
        )
    for (qa, qb), ps in direct.items():
        edges.append(
            ViewEdge(
                qa,
                qb,
                len(ps),
                INK,
                f"{name_of[qa]} — {name_of[qb]}",
                [f"co-authors: {_plural(len(ps), 'joint paper')}"],
                _by_recency(ps, papers),
                dashes=True,
            )
        )

    legend = [LegendItem(r.name, colour[r.id], "diamond") for r in resolved]
    legend += [
        LegendItem("shared by all", GOLD, "star"),
        LegendItem("shared by some pair", BLUE_GREY),
        LegendItem("queried authors wrote together", INK, "dashed"),
    ]
    notes = ["Edge width: joint papers. Collaborator size: papers in the graph."]
    if not answer.shared_by_all:
        notes.append(f"No collaborator is shared by all {n_all} authors.")
    if not collab_name:
        notes.append("No collaborator is shared by any pair.")
    names = ", ".join(r.name for r in resolved)
    view = GraphView(
        "shared", f"Shared collaborators: {names}", nodes, edges, papers, legend, notes
    )
    return _lay_out(view)


# -- topics -------------------------------------------------------------------------------


def topics_view(store: GraphReader, authors: Sequence[str]) -> GraphView:
    """Authors and the topics they publish in as two kinds of node; edge width is the
    number of papers; topics shared by all authors are gold, by some pale gold."""
    return topics_view_from(store, queries.topic_overlap(store, authors))


def topics_view_from(store: GraphReader, answer: TopicsAnswer) -> GraphView:
    """The topic view of an answer already in hand (the store supplies the papers)."""
    resolved = answer.resolved
    colour = {r.id: PALETTE[i % len(PALETTE)] for i, r in enumerate(resolved)}
    topic_papers = {r.id: store.author_topic_papers(r.id) for r in resolved}

    topic_name: dict[str, str] = {}
    topic_label: dict[str, str] = {}
    topic_kind: dict[str, str] = {}
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for r in resolved:
        for t in answer.topics.get(r.name, []):
            topic_name[t.id] = f"{t.code}: {t.name}" if t.code else t.name
            topic_label[t.id] = t.code or _short(t.name, 28)
            topic_kind[t.id] = t.kind.replace("_", " ")
            counts[t.id][r.id] = t.papers
    all_shared = {t.id for t in answer.shared_by_all}
    papers = _papers(
        store,
        (p for r in resolved for t, ps in topic_papers[r.id].items() if t in counts for p in ps),
    )

    nodes = []
    pairs = {tuple(p.authors): p for p in answer.pairwise}
    for r in resolved:
        facts = [
            f"queried as {r.query!r}",
            f"{_plural(len(answer.topics.get(r.name, [])), 'topic')}",
        ]
        for other in resolved:
            pair = pairs.get((r.name, other.name)) or pairs.get((other.name, r.name))
            if pair is not None:
                facts.append(
                    f"vs {other.name}: {len(pair.shared)} shared, Jaccard {pair.jaccard:.2f}, "
                    f"cosine {pair.cosine:.2f}"
                )
        nodes.append(
            ViewNode(r.id, _short(r.name), r.name, "author", colour[r.id], 40, "diamond", facts)
        )
    order = sorted(counts, key=lambda k: (-len(counts[k]), -sum(counts[k].values()), k))
    name_of = {r.id: r.name for r in resolved}
    for tid in order:
        per = counts[tid]
        shared_all = tid in all_shared
        category = "topic_all" if shared_all else "topic_some" if len(per) > 1 else "topic_one"
        color = {"topic_all": GOLD, "topic_some": PALE_GOLD, "topic_one": GREY}[category]
        facts = [topic_kind[tid]] + [f"{name_of[a]}: {_plural(n, 'paper')}" for a, n in per.items()]
        nodes.append(
            ViewNode(
                tid,
                topic_label[tid],
                topic_name[tid],
                category,
                color,
                sum(per.values()),
                "square",
                facts,
            )
        )

    edges = []
    for r in resolved:
        for t in answer.topics.get(r.name, []):
            ps = topic_papers[r.id].get(t.id, [])
            edges.append(
                ViewEdge(
                    r.id,
                    t.id,
                    t.papers,
                    colour[r.id],
                    f"{r.name} — {topic_name[t.id]}",
                    [_plural(t.papers, "paper")],
                    _by_recency(ps, papers),
                )
            )

    legend = [LegendItem(r.name, colour[r.id], "diamond") for r in resolved]
    legend += [
        LegendItem("topic shared by all", GOLD, "square"),
        LegendItem("topic shared by some", PALE_GOLD, "square"),
        LegendItem("topic of one author", GREY, "square"),
    ]
    notes = ["Edge width: the author's papers in the topic. Topic size: papers, all authors."]
    if not all_shared:
        notes.append(f"No topic is shared by all {len(resolved)} authors.")
    names = ", ".join(r.name for r in resolved)
    view = GraphView("topics", f"Topics of {names}", nodes, edges, papers, legend, notes)
    return _lay_out(view)


# -- communities --------------------------------------------------------------------------


def _community_colour(ranked: list[list[str]], i: int) -> str:
    """The colour of community ``i`` (largest first); colours repeat past the palette,
    as neighbouring communities rarely share one; a node alone is grey."""
    return PALETTE[i % len(PALETTE)] if len(ranked[i]) > 1 else GREY


def _community_legend(
    ranked: list[list[str]], names: dict[str, str], degree: Counter[str], noun: str, alone: str
) -> list[LegendItem]:
    """One legend line per coloured community, named by its best-connected node."""
    legend = []
    for i, members in enumerate(ranked[: len(PALETTE)]):
        if len(members) < 2:
            break
        hub = max(members, key=lambda a: (degree[a], a))
        legend.append(
            LegendItem(
                f"community {i + 1}: {len(members):,} {noun}, e.g. {names[hub]}",
                _community_colour(ranked, i),
            )
        )
    more = sum(1 for c in ranked[len(legend) :] if len(c) > 1)
    if more:
        legend.append(LegendItem(f"{more:,} more communities (colours repeat)", PALETTE[0], "dots"))
    if any(len(c) == 1 for c in ranked):
        legend.append(LegendItem(alone, GREY))
    return legend


def _degrees(edges: Iterable[tuple[str, str]]) -> Counter[str]:
    degree: Counter[str] = Counter()
    for a, b in edges:
        degree[a] += 1
        degree[b] += 1
    return degree


# -- overview -----------------------------------------------------------------------------


def overview_view(store: GraphReader, limit: int | None = DEFAULT_OVERVIEW_AUTHORS) -> GraphView:
    """The co-authorship graph of the top ``limit`` authors by number of co-authors (all
    when None), coloured by Louvain community (graph.queries.communities, the exports'),
    sized by papers."""
    if limit is not None and not 1 <= limit <= MAX_VIEW_NODES:
        raise InvalidQueryError(
            f"limit must be between 1 and {MAX_VIEW_NODES}", details={"limit": limit}
        )
    net = queries.coauthor_network(store, limit)
    papers = _papers(store, (p for e in net.edges for p in e.papers))

    ranked = queries.communities(
        (a.id for a in net.authors), ((e.source, e.target, len(e.papers)) for e in net.edges)
    )
    community_of = {a: i for i, c in enumerate(ranked) for a in c}
    names = {a.id: a.name for a in net.authors}
    degree_in_view = _degrees((e.source, e.target) for e in net.edges)

    nodes = [
        ViewNode(
            a.id,
            _short(a.name),
            a.name,
            f"community_{community_of[a.id]}",
            _community_colour(ranked, community_of[a.id]),
            a.paper_count,
            facts=[
                f"{_plural(a.paper_count, 'paper')}",
                f"{_plural(a.coauthors, 'co-author')} in the graph, "
                f"{degree_in_view[a.id]:,} in this view",
                f"community {community_of[a.id] + 1} of {len(ranked)}",
            ],
        )
        for a in net.authors
    ]
    edges = [
        ViewEdge(
            e.source,
            e.target,
            len(e.papers),
            "#9aa5b4",
            facts=[_plural(len(e.papers), "joint paper")],
            papers=_by_recency(e.papers, papers),
        )
        for e in net.edges
    ]

    legend = _community_legend(
        ranked, names, degree_in_view, "authors", "no co-author among the authors shown"
    )
    legend.append(LegendItem("joint papers (width)", "#9aa5b4", "line"))
    notes = ["Node size: papers. Colour: Louvain community of the authors shown."]
    if not net.authors:
        notes.append("The graph has no authors yet: load some documents first.")
    view = GraphView("overview", "Co-authorship overview", nodes, edges, papers, legend, notes)
    if len(net.authors) < net.total_authors:
        view.subset = (
            f"Showing the top {len(net.authors):,} of {net.total_authors:,} authors by number "
            f"of co-authors, and the {len(net.edges):,} co-authorships among them."
        )
    return _lay_out(view)


# -- countries ----------------------------------------------------------------------------

NO_PLACES = (
    "No paper in the graph names a country: load database exports with affiliations "
    "(Web of Science, Scopus, PubMed, OpenAlex, Crossref) first."
)


def countries_view(store: GraphReader, limit: int | None = None) -> GraphView:
    """Countries as nodes sized by their papers and coloured by Louvain community (the
    country export's), joined by the papers with authors in both (edge width); tooltips
    list an edge's example papers. The top ``limit`` countries by number of partner
    countries, all when None."""
    if limit is not None and not 1 <= limit <= MAX_VIEW_NODES:
        raise InvalidQueryError(
            f"limit must be between 1 and {MAX_VIEW_NODES}", details={"limit": limit}
        )
    net = queries.collaboration_network(store, "country", limit)
    papers = _papers(store, (p for e in net.edges for p in e.examples))
    ranked: list[list[str]] = [[] for _ in {n.community for n in net.nodes}]
    for n in sorted(net.nodes, key=lambda n: n.id):
        ranked[n.community - 1].append(n.id)
    names = {n.id: n.name for n in net.nodes}
    degree_in_view = _degrees((e.source, e.target) for e in net.edges)

    nodes = [
        ViewNode(
            n.id,
            _short(n.name),
            n.name,
            f"community_{n.community - 1}",
            _community_colour(ranked, n.community - 1),
            n.papers,
            facts=[
                f"{_plural(n.papers, 'paper')} with an author there",
                f"papers with {_plural(n.partners, 'other country', 'other countries')}, "
                f"{degree_in_view[n.id]:,} in this view",
                f"community {n.community} of {len(ranked)}",
            ],
        )
        for n in net.nodes
    ]
    edges = []
    for e in net.edges:
        facts = [_plural(e.papers, "joint paper")]
        if e.papers > len(e.examples):
            facts.append(f"{len(e.examples)} listed as examples")
        edges.append(
            ViewEdge(
                e.source,
                e.target,
                e.papers,
                "#9aa5b4",
                facts=facts,
                papers=_by_recency(e.examples, papers),
            )
        )

    legend = _community_legend(
        ranked, names, degree_in_view, "countries", "no joint paper with the countries shown"
    )
    legend.append(LegendItem("papers with authors in both (width)", "#9aa5b4", "line"))
    notes = [
        "Node size: papers with an author in the country. Edge width: papers with authors "
        "in both. Colour: Louvain community of the countries shown."
    ]
    if not net.nodes:
        notes.append(NO_PLACES)
    view = GraphView("countries", "Country collaboration", nodes, edges, papers, legend, notes)
    if len(net.nodes) < net.total_nodes:
        view.subset = (
            f"Showing the top {len(net.nodes):,} of {net.total_nodes:,} countries by number "
            f"of partner countries, and the {len(net.edges):,} collaborations among them."
        )
    return _lay_out(view)


# -- one institution ----------------------------------------------------------------------


def institution_view(
    store: GraphReader,
    institution: str,
    *,
    members: int = DEFAULT_INSTITUTION_MEMBERS,
    partners: int = DEFAULT_INSTITUTION_PARTNERS,
) -> GraphView:
    """One institution (a gold square), its members highlighted (dots sized by their
    papers there, joined where they wrote together), and the institutions they wrote
    with (squares sized by joint papers; at home or abroad). The members with the most
    papers there and the partners with the most joint papers are kept when the limits
    cut the view."""
    for name, value in (("members", members), ("partners", partners)):
        if not 1 <= value <= MAX_VIEW_NODES:
            raise InvalidQueryError(
                f"{name} must be between 1 and {MAX_VIEW_NODES}", details={name: value}
            )
    net = queries.institution_network(store, institution, members=members, partners=partners)
    centre = net.institution
    home = centre.country
    papers = _papers(
        store,
        [
            *(p for m in net.members for p in m.papers),
            *(p for e in net.coauthorships for p in e.papers),
            *(p for i in net.partners for p in i.papers),
        ],
    )
    joint_with = _degrees((e.source, e.target) for e in net.coauthorships)

    facts = [
        centre.country or "country unknown",
        f"{_plural(len(centre.papers), 'paper')} with an author there",
        f"{_plural(net.total_members, 'member')} in the graph",
        f"papers with {_plural(net.total_partners, 'other institution')}",
    ]
    nodes = [
        ViewNode(
            centre.id,
            _short(centre.name),
            centre.name,
            "institution",
            GOLD,
            max(len(centre.papers), 1),
            "square",
            facts,
        )
    ]
    edges = []
    for m in net.members:
        years = (
            f"{m.first_year}–{m.last_year}" if m.first_year != m.last_year else f"{m.first_year}"
        )
        member_facts = [f"{_plural(len(m.papers), 'paper')} at {centre.name}"]
        if m.first_year is not None:
            member_facts.append(f"there in {years}")
        member_facts.append(f"{_plural(joint_with[m.id], 'co-author')} among the members shown")
        nodes.append(
            ViewNode(
                m.id,
                _short(m.name),
                m.name,
                "member",
                PALETTE[1],
                len(m.papers),
                facts=member_facts,
            )
        )
        edges.append(
            ViewEdge(
                m.id,
                centre.id,
                len(m.papers),
                PALETTE[1],
                f"{m.name} at {centre.name}",
                [_plural(len(m.papers), "paper")],
                _by_recency(m.papers, papers),
            )
        )
    for e in net.coauthorships:
        edges.append(
            ViewEdge(
                e.source,
                e.target,
                len(e.papers),
                INK,
                facts=[f"members who wrote together: {_plural(len(e.papers), 'joint paper')}"],
                papers=_by_recency(e.papers, papers),
                dashes=True,
            )
        )
    for i in net.partners:
        at_home = home is not None and i.country == home
        colour = PALETTE[0] if at_home else PALETTE[2]
        nodes.append(
            ViewNode(
                i.id,
                _short(i.name),
                i.name,
                "partner_home" if at_home else "partner_abroad",
                colour,
                len(i.papers),
                "square",
                [
                    i.country or "country unknown",
                    f"{_plural(len(i.papers), 'joint paper')} with {centre.name}",
                ],
            )
        )
        edges.append(
            ViewEdge(
                centre.id,
                i.id,
                len(i.papers),
                colour,
                f"{centre.name} — {i.name}",
                [_plural(len(i.papers), "joint paper")],
                _by_recency(i.papers, papers),
            )
        )

    legend = [
        LegendItem(centre.name, GOLD, "square"),
        LegendItem(f"member of {centre.name}", PALETTE[1]),
    ]
    if net.coauthorships:
        legend.append(LegendItem("members who wrote together", INK, "dashed"))
    categories = {n.category for n in nodes}
    if "partner_home" in categories:
        legend.append(LegendItem(f"partner institution in {home}", PALETTE[0], "square"))
    if "partner_abroad" in categories:
        where = " abroad" if home else ""
        legend.append(LegendItem(f"partner institution{where}", PALETTE[2], "square"))
    notes = ["Member size: papers at the institution. Partner size and edge width: joint papers."]
    if not net.partners:
        notes.append(f"No other institution appears on the papers of {centre.name}.")
    if net.alternatives:
        notes.append(
            "Other institutions matching "
            f"{institution!r}: {', '.join(a.name for a in net.alternatives)}."
        )
    view = GraphView(
        "institution",
        f"{centre.name}: members and partner institutions",
        nodes,
        edges,
        papers,
        legend,
        notes,
    )
    if len(net.members) < net.total_members or len(net.partners) < net.total_partners:
        view.subset = (
            f"Showing the {_plural(len(net.members), 'member')} with the most papers there "
            f"(of {net.total_members:,}) and the {_plural(len(net.partners), 'partner')} with "
            f"the most joint papers (of {net.total_partners:,})."
        )
    return _lay_out(view)
