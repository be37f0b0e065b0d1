"""`coauthor-kg query cited|cocitation|coupling|citations`: the citation questions
(graph/queries/citations.py) in a terminal.

api/cli.py merges ``citations_app`` into its ``query`` sub-command. ``--json`` prints the
same object the HTTP API returns (/cited, /cocitation, /coupling, /citations); without
it, a table. Errors are worded by api/errors.cli_message, like every other command.
Document text goes to the terminal as plain text, never as Rich markup.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table
from rich.text import Text

from api.errors import cli_message
from graph import queries
from graph.answers import CitationsAnswer, CitedAnswer, CocitationAnswer, CouplingAnswer
from graph.queries.citations import MAX_TOP
from graph.settings import Settings
from graph.store import GraphStore, open_store
from loaders.errors import CoauthorKGError

__all__ = ["citations_app"]

citations_app = typer.Typer()
console = Console()
err_console = Console(stderr=True)

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Embedded store folder (default: COAUTHOR_KG_DATA_DIR)."),
]
AsJson = Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")]
Level = Annotated[
    Literal["paper", "author"],
    typer.Option(
        help="Pairs of papers, or of their authors (a cited-only work: its first author)."
    ),
]
Min = Annotated[int, typer.Option("--min", min=1, help="Keep pairs with at least this many.")]
Top = Annotated[int, typer.Option(min=1, max=MAX_TOP, help="How many pairs.")]
Author = Annotated[
    str | None, typer.Option(help="Only the pairs of this author (name or id), or of their papers.")
]


def _answer(
    data_dir: Path | None,
    as_json: bool,
    ask: Callable[[GraphStore], BaseModel],
    show: Callable[[Any], None],
) -> None:
    overrides: dict[str, Any] = {}
    if data_dir is not None:
        overrides["COAUTHOR_KG_DATA_DIR"] = data_dir
    try:
        store = open_store(Settings(**overrides))
        try:
            answer = ask(store)
        finally:
            store.close()
    except CoauthorKGError as exc:
        message, code = cli_message(exc)
        err_console.print(message, markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(code) from exc
    if as_json:
        data = answer.model_dump(by_alias=True)
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        show(answer)


def _table(title: str, *columns: str) -> Table:
    table = Table(title=Text(title))
    for c in columns:
        table.add_column(c, justify="right" if c in ("count", "local", "global") else "left")
    return table


def _row(table: Table, *cells: object) -> None:
    table.add_row(*(Text("" if c is None else str(c)) for c in cells))


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _print_pairs(answer: CocitationAnswer | CouplingAnswer, what: str) -> None:
    whose = f" of {answer.resolved.name}" if answer.resolved else ""
    table = _table(f"{what} ({answer.level} pairs{whose})", answer.level, answer.level, "count")
    for p in answer.pairs:
        _row(table, _short(p.a.label), _short(p.b.label), p.count)
    if not answer.pairs:
        _row(table, "(none)", "", "")
    console.print(table)


def _print_cited(answer: CitedAnswer) -> None:
    table = _table(f"Most cited works (by {answer.by} citations)", "work", "local", "global")
    for w in answer.data:
        first = f"{w.authors[0]}, " if w.authors else ""
        mark = " (cited only)" if w.cited_only else ""
        _row(
            table,
            _short(f"{first}{w.year or '-'}: {w.title}") + mark,
            w.local_citations,
            w.global_citations,
        )
    if not answer.data:
        _row(table, "(no citations in the graph)", "", "")
    console.print(table)


def _print_citations(answer: CitationsAnswer) -> None:
    for r in answer.resolved:
        console.print(f"{r.query!r} -> {r.name}", markup=False, highlight=False)
    table = _table("Who cites whom", "citing", "cited", "count")
    for link in answer.links:
        _row(table, link.citing.label, link.cited.label, link.count)
    if not answer.links:
        _row(table, "(none)", "", "")
    console.print(table)
    common = _table("Works all of them cite", "work", "citing papers")
    for c in answer.common:
        _row(common, _short(c.title), sum(len(ps) for ps in c.by.values()))
    if not answer.common:
        _row(common, "(none)", "")
    console.print(common)


@citations_app.command("cited")
def query_cited(
    top: Top = 20,
    by: Annotated[
        Literal["local", "global"],
        typer.Option(help="local: citations from the corpus; global: the count sources give."),
    ] = "local",
    data_dir: DataDir = None,
    as_json: AsJson = False,
) -> None:
    """The most cited works, with local (corpus) and global citation counts."""
    _answer(data_dir, as_json, lambda s: queries.most_cited(s, top, by), _print_cited)


@citations_app.command("cocitation")
def query_cocitation(
    level: Level = "paper",
    min_count: Min = 2,
    top: Top = 50,
    author: Author = None,
    data_dir: DataDir = None,
    as_json: AsJson = False,
) -> None:
    """Works (or authors) cited together, most co-cited first, with the citing papers."""
    _answer(
        data_dir,
        as_json,
        lambda s: queries.cocitation(s, level, min_count, top, author),
        lambda a: _print_pairs(a, "Co-citation"),
    )


@citations_app.command("coupling")
def query_coupling(
    level: Level = "paper",
    min_count: Min = 2,
    top: Top = 50,
    author: Author = None,
    data_dir: DataDir = None,
    as_json: AsJson = False,
) -> None:
    """Papers (or authors) sharing references, most shared first, with the shared works."""
    _answer(
        data_dir,
        as_json,
        lambda s: queries.coupling(s, level, min_count, top, author),
        lambda a: _print_pairs(a, "Bibliographic coupling"),
    )


@citations_app.command("citations")
def query_citations(
    names: Annotated[list[str], typer.Argument(help="2 to 10 author names or ids.")],
    data_dir: DataDir = None,
    as_json: AsJson = False,
) -> None:
    """Who cites whom among the authors, and the works all of them cite."""
    _answer(data_dir, as_json, lambda s: queries.citations_among(s, names), _print_citations)
