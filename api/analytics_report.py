"""Terminal renderings of the analytics answers (paths, distances, communities,
centrality, second-degree collaborators, recommendations, timelines). Names and titles
are printed as text: never as console markup."""

from __future__ import annotations

from rich.console import Console

from graph.answers import (
    CentralAnswer,
    CommunitiesAnswer,
    DistancesAnswer,
    PathsAnswer,
    RecommendAnswer,
    ResolvedName,
    SecondDegreeAnswer,
    TimelineAnswer,
)

__all__ = [
    "print_central",
    "print_communities",
    "print_distances",
    "print_paths",
    "print_recommend",
    "print_second_degree",
    "print_timeline",
]


def _line(console: Console, text: str) -> None:
    console.print(text, markup=False, highlight=False, soft_wrap=True)


def _window(since: int | None, until: int | None) -> str:
    if since is None and until is None:
        return ""
    return f" [{since if since is not None else '...'}-{until if until is not None else '...'}]"


def _resolved(console: Console, resolved: list[ResolvedName]) -> None:
    for r in resolved:
        _line(console, f"  {r.query!r} -> {r.name} ({r.id}, {r.match} match)")


def print_paths(console: Console, answer: PathsAnswer) -> None:
    _resolved(console, answer.resolved)
    a, b = answer.resolved[0].name, answer.resolved[1].name
    if not answer.paths:
        _line(console, f"  no collaboration path from {a} to {b}")
    for i, path in enumerate(answer.paths, 1):
        _line(console, f"  path {i}: {path.length} hop(s)")
        for hop in path.hops:
            _line(console, f'    {hop.from_} -> {hop.to}  via "{hop.paper.title}"')


def print_distances(console: Console, answer: DistancesAnswer) -> None:
    r = answer.resolved
    _line(
        console,
        f"{r.name}{_window(answer.since, answer.until)}: {answer.reachable:,} authors reachable, "
        f"{answer.unreachable:,} not; mean {answer.mean} hops, farthest {answer.max}",
    )
    for d in answer.distribution:
        _line(console, f"  {d.hops:>3} hops: {d.authors:,}")


def print_second_degree(console: Console, answer: SecondDegreeAnswer) -> None:
    _line(
        console,
        f"{answer.resolved.name}{_window(answer.since, answer.until)}: "
        f"{answer.count:,} second-degree collaborators",
    )
    for s in answer.data:
        via = ", ".join(c.name for c in s.common_coauthors[:5])
        more = len(s.common_coauthors) - 5
        _line(console, f"  {s.name}  via {via}" + (f" and {more} more" if more > 0 else ""))


def print_recommend(console: Console, answer: RecommendAnswer) -> None:
    _resolved(console, answer.resolved)
    if not answer.candidates:
        _line(console, "  no candidate: no co-author of a co-author outside their circle")
    for c in answer.candidates:
        via = ", ".join(x.name for x in c.common_coauthors[:3])
        topics = ", ".join(t.name for t in c.shared_topics[:3]) or "none"
        _line(
            console,
            f"  {c.score:.3f}  {c.name}  (Adamic-Adar {c.adamic_adar:.3f}, topics "
            f"{c.topic_similarity:.2f}; via {via}; shared topics: {topics})",
        )


def print_communities(console: Console, answer: CommunitiesAnswer) -> None:
    _line(
        console,
        f"{answer.count:,} communities among {answer.authors:,} authors"
        f"{_window(answer.since, answer.until)}, and {answer.singletons:,} authors alone",
    )
    for c in answer.communities:
        members = ", ".join(m.name for m in c.members)
        _line(console, f"  {c.rank:>3}. {c.size:,} authors: {members}")


def print_central(console: Console, answer: CentralAnswer) -> None:
    how = " (estimated)" if answer.estimated else ""
    _line(console, f"Most central by {answer.measure}{how}{_window(answer.since, answer.until)}:")
    for i, a in enumerate(answer.data, 1):
        _line(console, f"  {i:>3}. {a.name}  {a.score:g}  ({a.coauthors:,} co-authors)")


def print_timeline(console: Console, answer: TimelineAnswer) -> None:
    _resolved(console, answer.resolved)
    names = [r.name for r in answer.resolved]
    for y in answer.years:
        papers = ", ".join(f"{n} {y.papers.get(n, 0)}" for n in names)
        joint = f", together {y.joint_papers}" if y.joint_papers is not None else ""
        new = "; ".join(
            f"{n} +{len(y.new_coauthors.get(n, []))}" for n in names if y.new_coauthors.get(n)
        )
        _line(
            console,
            f"  {y.year}: papers {papers}{joint}" + (f"; new co-authors {new}" if new else ""),
        )
