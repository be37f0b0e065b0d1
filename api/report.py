"""Readable terminal renderings of the catalogue's answers, and the demo report.

Each prints on the console it is given: the CLI's, from api/terminal.py, which shows
names and titles (table cells included) as text, never as markup."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.table import Table

from graph import queries
from graph.answers import (
    CoauthorsAnswer,
    CollaborationAnswer,
    InstitutionsAnswer,
    MembersAnswer,
    PapersAnswer,
    PathAnswer,
    ResolvedName,
    SearchAnswer,
    SharedAnswer,
    TopicsAnswer,
)
from graph.ingest import load_paths
from graph.store.memory import MemoryStore
from loaders.errors import ManifestError

__all__ = ["default_seeds", "print_path", "print_shared", "print_topics", "run_demo"]

DEMO_AUTHORS = ("Mao", "Zhuo", "Zhang")


def default_seeds() -> Path:
    """The seed documents shipped with coauthor-kg (the ``seeds`` package's folder), so
    the demo works from an installed wheel as from a checkout."""
    folder = resources.files("seeds")
    if not isinstance(folder, Path):  # a zipped install: the loaders read real files
        raise ManifestError("the shipped seeds are not on the file system; pass --seeds PATH")
    return folder


def _print_resolved(console: Console, resolved: list[ResolvedName]) -> None:
    for r in resolved:
        alts = ", ".join(a.name for a in r.alternatives[:5])
        more = f"; alternatives: {alts}" if alts else ""
        console.print(f"  {r.query!r} -> {r.name} ({r.id}, {r.match} match{more})", markup=False)


def print_shared(console: Console, answer: SharedAnswer) -> None:
    _print_resolved(console, answer.resolved)
    names = " & ".join(r.name for r in answer.resolved)
    table = Table(title=f"Shared by all: {names}", show_lines=False)
    table.add_column("collaborator")
    table.add_column("papers", justify="right")
    table.add_column("e.g.")
    for c in answer.shared_by_all:
        table.add_row(c.name, str(len(c.papers)), c.papers[0].title if c.papers else "")
    if not answer.shared_by_all:
        table.add_row("(none)", "", "")
    console.print(table)
    for pair in answer.pairwise:
        shared = ", ".join(f"{c.name} ({len(c.papers)})" for c in pair.shared) or "(none)"
        console.print(f"  {pair.authors[0]} & {pair.authors[1]}: {shared}", markup=False)


def print_topics(console: Console, answer: TopicsAnswer) -> None:
    _print_resolved(console, answer.resolved)
    table = Table(title="Topics shared by all")
    table.add_column("topic")
    table.add_column("kind")
    for r in answer.resolved:
        table.add_column(r.name, justify="right")
    for t in answer.shared_by_all:
        label = f"{t.code} {t.name}" if t.code else t.name
        table.add_row(label, t.kind, *(str(t.papers.get(r.name, 0)) for r in answer.resolved))
    if not answer.shared_by_all:
        table.add_row("(none)", "", *("" for _ in answer.resolved))
    console.print(table)
    for pair in answer.pairwise:
        console.print(
            f"  {pair.authors[0]} & {pair.authors[1]}: {len(pair.shared)} shared topics, "
            f"Jaccard {pair.jaccard:.3f}, cosine {pair.cosine:.3f}",
            markup=False,
        )


def print_path(console: Console, answer: PathAnswer) -> None:
    _print_resolved(console, answer.resolved)
    a, b = answer.resolved[0].name, answer.resolved[1].name
    if answer.length is None:
        console.print(f"  no collaboration path from {a} to {b}", markup=False)
        return
    console.print(f"  {a} -> {b}: {answer.length} hop(s)", markup=False)
    for hop in answer.hops:
        console.print(f'    {hop.from_} -> {hop.to}  via "{hop.paper.title}"', markup=False)


def print_coauthors(console: Console, answer: CoauthorsAnswer) -> None:
    console.print(f"{answer.resolved.name}: {answer.count} co-authors", markup=False)
    for c in answer.data:
        console.print(f"  {c.name} ({len(c.papers)} papers)", markup=False)


def print_collaboration(console: Console, answer: CollaborationAnswer) -> None:
    table = Table(title=f"Collaboration between {answer.level} pairs")
    table.add_column(answer.level)
    table.add_column(answer.level)
    table.add_column("papers", justify="right")
    for p in answer.pairs:
        table.add_row(p.a.name, p.b.name, str(p.papers))
    if not answer.pairs:
        table.add_row("(none)", "", "")
    console.print(table)


def print_institutions(console: Console, answer: InstitutionsAnswer) -> None:
    _print_resolved(console, answer.resolved)
    for a in answer.authors:
        console.print(f"{a.name}:", markup=False)
        for y in a.by_year:
            where = "; ".join(
                f"{i.name}" + (f" ({i.country})" if i.country else "") for i in y.institutions
            )
            console.print(f"  {y.year or '----'}  {where}", markup=False)
        if not a.by_year:
            console.print("  (no affiliation on record)", markup=False)


def print_members(console: Console, answer: MembersAnswer) -> None:
    inst = answer.institution
    country = f" ({inst.country})" if inst.country else ""
    console.print(f"{inst.name}{country}: {len(answer.members)} member(s)", markup=False)
    for m in answer.members:
        span = f"{m.first_year}-{m.last_year}" if m.first_year else "----"
        console.print(f"  {m.name}  {len(m.papers)} paper(s), {span}", markup=False)


def print_search(console: Console, answer: SearchAnswer) -> None:
    for c in answer.data:
        console.print(
            f"{c.score:.2f}  {c.name}  ({c.id}, {c.paper_count} papers, {c.match}"
            f"{', profile' if c.has_profile else ''})",
            markup=False,
        )


def print_papers(console: Console, answer: PapersAnswer) -> None:
    for p in answer.data:
        more = " et al." if p.authors_truncated else ""
        names = ", ".join(a.name for a in p.authors)
        console.print(f"{p.year or '----'}  {p.title}\n      {names}{more}", markup=False)
    console.print(f"{answer.count} paper(s)", markup=False)


def run_demo(console: Console, seeds: Path | None, out: Path | None) -> None:
    """Load the seeds into a fresh in-memory store and print the report on the three
    profile owners: resolution, paper counts, shared collaborators, topics, paths."""
    folder = seeds or default_seeds()
    if not folder.is_dir():
        raise ManifestError(f"{folder}: seed folder not found; pass --seeds PATH")
    store = MemoryStore(None)
    summary = load_paths(store, [folder])
    t = summary.totals()
    console.rule("coauthor-kg demo")
    console.print(
        f"Loaded {len(summary.documents)} documents from {folder}: read {t['read']} records, "
        f"{t['loaded']} new, {t['merged']} merged, {t['skipped']} skipped",
        markup=False,
    )
    counts = queries.stats(store)
    console.print(
        "Graph: " + ", ".join(f"{n} {label}" for label, n in counts.nodes.items()), markup=False
    )

    console.rule("Who is who")
    for q in DEMO_AUTHORS:
        r = queries.resolve_name(store, q)
        papers = len({p for ps in store.coauthor_papers(r.id).values() for p in ps})
        own = len(store.author_topic_papers(r.id))
        detail = store.author_detail(r.id)
        console.print(
            f"{q!r} -> {r.name}: h-index {detail.h_index if detail else None}, "
            f"{store.get_authors([r.id])[0].paper_count} papers in the graph "
            f"({papers} with co-authors), {own} topics",
            markup=False,
        )
        if r.alternatives:
            console.print(
                "    also matched: " + ", ".join(a.name for a in r.alternatives[:8]), markup=False
            )

    console.rule("Shared collaborators")
    print_shared(console, queries.shared_collaborators(store, DEMO_AUTHORS))
    console.rule("Topic overlap")
    print_topics(console, queries.topic_overlap(store, DEMO_AUTHORS))
    console.rule("Collaboration paths")
    for a, b in (("Mao", "Zhuo"), ("Zhuo", "Zhang"), ("Mao", "Zhang")):
        print_path(console, queries.collaboration_path(store, a, b))
    if out is not None:
        _write_views(console, store, out)


def _write_views(console: Console, store: MemoryStore, out: Path) -> None:
    try:
        from viz.render import write_demo_views
    except ImportError:
        return
    console.rule("Views")
    for path in write_demo_views(store, DEMO_AUTHORS, out):
        console.print(f"  {path}", markup=False)
