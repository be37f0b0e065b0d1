"""Institutions and countries: collaboration between them (pairs, and the networks the
views and exports draw), where authors were, who was at one institution."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

from graph.answers import (
    AuthorInstitutions,
    CollaborationAnswer,
    CollaborationEdge,
    CollaborationNetwork,
    CollaborationPair,
    InstitutionNetwork,
    InstitutionRef,
    InstitutionsAnswer,
    InstitutionYear,
    Member,
    MembersAnswer,
    NamedNode,
    NetworkEdge,
    PlaceNode,
)
from graph.errors import AmbiguousNameError, InvalidQueryError, NotFoundError
from graph.model import title_key
from graph.queries.names import (
    MAX_ALTERNATIVES,
    MAX_AUTHORS,
    _could_be_id,
    _exact_matches,
    resolve_name,
)
from graph.queries.networks import communities
from graph.store.base import GraphReader
from graph.store.records import (
    Affiliation,
    InstitutionSummary,
)

# -- institutions and countries -----------------------------------------------------------

MAX_EXAMPLES = 5


def _check_level(level: str) -> None:
    if level not in ("institution", "country"):
        raise InvalidQueryError(
            f"level must be 'institution' or 'country', not {level!r}", details={"level": level}
        )


@dataclass(slots=True)
class _Places:
    """Who was on which paper, at one level: each institution's (or country's) name and
    papers, and the papers of each pair (``a`` < ``b``) found together on one."""

    names: dict[str, str] = field(default_factory=dict)
    countries: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    papers: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    pairs: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))


def _places(store: GraphReader, level: str) -> _Places:
    """One whole-graph read (``paper_institutions``) grouped by institution or country.
    A paper counts once per node and per pair however many of its authors are there; a
    country pair needs two different countries on one paper."""
    by_paper = store.paper_institutions()
    info = {
        i.id: i for i in store.get_institutions(sorted({i for v in by_paper.values() for i in v}))
    }
    out = _Places()
    for paper, insts in sorted(by_paper.items()):
        if level == "institution":
            nodes = sorted(i for i in insts if i in info)
            out.names.update((i, info[i].name) for i in nodes)
            out.countries.update((i, (info[i].country_code, info[i].country)) for i in nodes)
        else:
            countries = {info[i].country_code: info[i].country for i in insts if i in info}
            countries.pop(None, None)
            nodes = sorted(c for c in countries if c is not None)
            out.names.update((c, countries[c] or c) for c in nodes)
        for node in nodes:
            out.papers[node].append(paper)
        for a, b in combinations(nodes, 2):
            out.pairs[(a, b)].append(paper)
    return out


def collaboration(
    store: GraphReader, level: str = "institution", top: int = 50
) -> CollaborationAnswer:
    """Pairs of institutions (or countries) whose members wrote papers together: for each
    pair, how many papers list both, most first, with example paper ids. A paper counts
    once per pair however many of its authors are at either; a country pair needs two
    different countries on one paper (international collaboration)."""
    _check_level(level)
    if top < 1:
        raise InvalidQueryError("top must be at least 1", details={"top": top})
    places = _places(store, level)
    names = places.names
    ranked = sorted(places.pairs.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]
    return CollaborationAnswer(
        level="institution" if level == "institution" else "country",
        pairs=[
            CollaborationPair(
                a=NamedNode(id=a, name=names[a]),
                b=NamedNode(id=b, name=names[b]),
                papers=len(ps),
                examples=sorted(ps)[:MAX_EXAMPLES],
            )
            for (a, b), ps in ranked
        ],
    )


def collaboration_network(
    store: GraphReader, level: str = "institution", limit: int | None = 300
) -> CollaborationNetwork:
    """The collaboration network of institutions (or countries) as the co-author overview
    is of authors: the ``limit`` nodes with the most partners (ties: more papers, then
    name, then id; every node when None), the collaborations among them weighted by
    joint papers (the pairs of :func:`collaboration`), and their communities
    (graph.queries.networks.communities, the authors' own)."""
    _check_level(level)
    if limit is not None and limit < 1:
        raise InvalidQueryError("limit must be at least 1", details={"limit": limit})
    places = _places(store, level)
    partners: Counter[str] = Counter()
    for a, b in places.pairs:
        partners[a] += 1
        partners[b] += 1
    ranked = sorted(
        places.papers,
        key=lambda n: (-partners[n], -len(places.papers[n]), places.names[n], n),
    )
    shown = ranked if limit is None else ranked[:limit]
    ids = set(shown)
    kept = sorted((pair, ps) for pair, ps in places.pairs.items() if ids.issuperset(pair))
    found = communities(shown, ((a, b, len(ps)) for (a, b), ps in kept))
    community = {n: i for i, members in enumerate(found, start=1) for n in members}
    return CollaborationNetwork(
        level="institution" if level == "institution" else "country",
        nodes=[
            PlaceNode(
                id=n,
                name=places.names[n],
                country_code=places.countries.get(n, (None, None))[0],
                country=places.countries.get(n, (None, None))[1],
                papers=len(places.papers[n]),
                partners=partners[n],
                community=community[n],
            )
            for n in shown
        ],
        edges=[
            CollaborationEdge(
                source=a, target=b, papers=len(ps), examples=sorted(ps)[:MAX_EXAMPLES]
            )
            for (a, b), ps in kept
        ],
        total_nodes=len(ranked),
        limit=limit,
    )


def _papers_years(store: GraphReader, affs: Sequence[Affiliation]) -> dict[str, int | None]:
    """The year of each affiliation's paper: the paper's own, else the edge's."""
    years = {p.id: p.year for p in store.get_papers(sorted({a.paper_id for a in affs}))}
    return {a.paper_id: years.get(a.paper_id, a.year) for a in affs}


def institutions_of(store: GraphReader, queries: Sequence[str]) -> InstitutionsAnswer:
    """For each of 1..10 authors, the institutions on their bylines, year by year (the
    papers behind each), newest year first; papers without a year come last."""
    if not 1 <= len(queries) <= MAX_AUTHORS:
        raise InvalidQueryError(
            f"give between 1 and {MAX_AUTHORS} authors (got {len(queries)})",
            details={"count": len(queries)},
        )
    exact = _exact_matches(store, queries)
    resolved = [resolve_name(store, q, exact) for q in queries]
    affs = store.affiliations_of([r.id for r in resolved])
    info = {i.id: i for i in store.get_institutions(sorted({a.institution_id for a in affs}))}
    years = _papers_years(store, affs)
    grouped: dict[str, dict[int | None, dict[str, list[str]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for a in affs:
        grouped[a.author_id][years[a.paper_id]][a.institution_id].append(a.paper_id)
    out = []
    for r in resolved:
        by_year = grouped.get(r.id, {})
        ordered = sorted(by_year, key=lambda y: (y is None, -(y or 0)))
        out.append(
            AuthorInstitutions(
                id=r.id,
                name=r.name,
                by_year=[
                    InstitutionYear(
                        year=y,
                        institutions=[
                            _institution_ref(info[i], sorted(set(ps)))
                            for i, ps in sorted(by_year[y].items())
                            if i in info
                        ],
                    )
                    for y in ordered
                ],
            )
        )
    return InstitutionsAnswer(resolved=resolved, authors=out)


def _institution_ref(i: InstitutionSummary, papers: list[str] | None = None) -> InstitutionRef:
    return InstitutionRef(id=i.id, name=i.name, country=i.country, papers=papers or [])


def resolve_institution(
    store: GraphReader, query: str
) -> tuple[InstitutionSummary, list[InstitutionSummary]]:
    """An institution for an id or a name: the id itself, else the one institution whose
    folded name equals the query, else the only one containing it; several equally good
    matches are :class:`AmbiguousNameError` with the candidates."""
    by_id = store.get_institutions([query]) if _could_be_id(query) else []
    if by_id:
        return by_id[0], []
    key = title_key(query)
    if not key:
        raise InvalidQueryError("give an institution name or id", details={"query": query})
    hits = store.search_institutions(key, 50)
    exact = [i for i in hits if title_key(i.name) == key]
    chosen = exact if exact else hits
    if not chosen:
        raise NotFoundError(f"no institution matches {query!r}", details={"query": query})
    if len(chosen) > 1:
        raise AmbiguousNameError(
            f"{query!r} matches {len(chosen)} institutions "
            f"({', '.join(i.name for i in chosen[:5])}); use a fuller name or an id",
            details={
                "query": query,
                "candidates": [_institution_ref(i).model_dump() for i in chosen[:MAX_ALTERNATIVES]],
            },
        )
    return chosen[0], [i for i in hits if i.id != chosen[0].id][:MAX_ALTERNATIVES]


def institution_members(store: GraphReader, query: str) -> MembersAnswer:
    """The authors in the graph with a byline at one institution, with their papers
    there and the years they span; most papers first."""
    inst, others = resolve_institution(store, query)
    affs = store.institution_affiliations(inst.id)
    years = _papers_years(store, affs)
    papers: dict[str, set[str]] = defaultdict(set)
    for a in affs:
        papers[a.author_id].add(a.paper_id)
    people = {a.id: a for a in store.get_authors(sorted(papers))}
    members = []
    for aid, ps in papers.items():
        ys = [y for p in ps if (y := years[p]) is not None]
        members.append(
            Member(
                id=aid,
                name=people[aid].name if aid in people else aid,
                papers=sorted(ps),
                first_year=min(ys) if ys else None,
                last_year=max(ys) if ys else None,
            )
        )
    members.sort(key=lambda m: (-len(m.papers), m.name, m.id))
    return MembersAnswer(
        institution=_institution_ref(inst),
        alternatives=[_institution_ref(i) for i in others],
        members=members,
    )


def institution_network(
    store: GraphReader, query: str, *, members: int | None = 200, partners: int | None = 50
) -> InstitutionNetwork:
    """One institution as a network: the ``members`` with the most papers there (all when
    None; the order of :func:`institution_members`), the co-authorships among them on
    any paper, and the ``partners``: the institutions on the same papers, most joint
    papers first (ties: name, id), each with those papers (the pairs of
    :func:`collaboration` that include this institution)."""
    for name, value in (("members", members), ("partners", partners)):
        if value is not None and value < 1:
            raise InvalidQueryError(f"{name} must be at least 1", details={name: value})
    answer = institution_members(store, query)
    centre = answer.institution
    ours = sorted({p for m in answer.members for p in m.papers})
    by_paper = store.paper_institutions()
    joint: dict[str, list[str]] = defaultdict(list)
    for paper in ours:
        for other in by_paper.get(paper, []):
            if other != centre.id:
                joint[other].append(paper)
    info = {i.id: i for i in store.get_institutions(sorted(joint))}
    ranked = sorted(info, key=lambda i: (-len(joint[i]), info[i].name, i))

    shown = answer.members if members is None else answer.members[:members]
    keep = {m.id for m in shown}
    pairs: dict[tuple[str, str], list[str]] = {}
    for m in shown:
        for other, papers in store.coauthor_papers(m.id).items():
            if other in keep and m.id < other:
                pairs[(m.id, other)] = sorted(papers)
    years = {
        p.id: p.year
        for p in store.get_papers(sorted({p for ps in pairs.values() for p in ps}))
        if p.year is not None
    }
    coauthorships = []
    for (a, b), papers in sorted(pairs.items()):
        ys = [years[p] for p in papers if p in years]
        coauthorships.append(
            NetworkEdge(
                source=a,
                target=b,
                papers=papers,
                first_year=min(ys, default=None),
                last_year=max(ys, default=None),
            )
        )
    return InstitutionNetwork(
        institution=centre.model_copy(update={"papers": ours}),
        alternatives=answer.alternatives,
        members=shown,
        coauthorships=coauthorships,
        partners=[
            _institution_ref(info[i], joint[i])
            for i in (ranked if partners is None else ranked[:partners])
        ],
        total_members=len(answer.members),
        total_partners=len(ranked),
    )
