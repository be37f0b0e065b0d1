"""The `coauthor-kg` command: the same catalogue the HTTP API serves, in a terminal.

Every command is a thin shell around graph/ingest.py or graph/queries.py; failures go
through api/errors.cli_message so the CLI and the API word them the same way. Everything
is printed through api/terminal.py, so text from documents is never read as markup.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from api.analytics_cli import Since, Until, add_commands, window
from api.analytics_report import print_paths
from api.citations_cli import citations_app
from api.errors import cli_message
from api.identity_cli import explain, identity_app, load_corrections
from api.report import (
    print_coauthors,
    print_collaboration,
    print_institutions,
    print_members,
    print_papers,
    print_path,
    print_search,
    print_shared,
    print_topics,
)
from api.terminal import console, err_console, write_json
from api.viz_cli import viz_app
from graph import queries
from graph.errors import NotFoundError
from graph.ingest import load_paths
from graph.settings import Settings
from graph.store import GraphStore, open_store
from loaders.errors import CoauthorKGError
from loaders.registry import FORMATS, format_names

__all__ = ["app", "main"]

app = typer.Typer(
    name="coauthor-kg",
    help="Co-authorship knowledge graph: who connects these researchers, and what do they "
    "have in common?",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
query_app = typer.Typer(help="Ask the graph a question.", no_args_is_help=True)
app.add_typer(query_app, name="query")
query_app.add_typer(citations_app)  # query cited | cocitation | coupling | citations
app.add_typer(viz_app, name="viz")
app.add_typer(identity_app, name="identity")
app.command()(explain)

T = TypeVar("T")

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Embedded store folder (default: COAUTHOR_KG_DATA_DIR)."),
]
AsJson = Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")]

# --format's choices, from the format table: --help lists them, an unknown one is refused
if TYPE_CHECKING:
    FormatName = str
else:
    FormatName = Literal[format_names()]
_FORMATS_EPILOG = "Formats:\n" + "\n".join(f"{f.name}: {f.description}" for f in FORMATS)


def _settings(data_dir: Path | None) -> Settings:
    overrides: dict[str, Any] = {}
    if data_dir is not None:
        overrides["COAUTHOR_KG_DATA_DIR"] = data_dir
    try:
        return Settings(**overrides)
    except Exception as exc:  # pydantic ValidationError: bad environment
        err_console.print(f"error: bad settings: {exc}")
        raise typer.Exit(2) from exc


@contextmanager
def _store(data_dir: Path | None) -> Iterator[GraphStore]:
    store = open_store(_settings(data_dir))
    try:
        yield store
    finally:
        store.close()


def _run(fn: Callable[[], T]) -> T:
    """Run a command body, turning domain errors into a message and exit code."""
    try:
        return fn()
    except CoauthorKGError as exc:
        message, code = cli_message(exc)
        err_console.print(message, soft_wrap=True)
        raise typer.Exit(code) from exc


def _print_json(obj: BaseModel | dict[str, Any]) -> None:
    write_json(obj.model_dump(by_alias=True) if isinstance(obj, BaseModel) else obj)


@app.command(epilog=_FORMATS_EPILOG)
def load(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to load.")],
    data_dir: DataDir = None,
    fmt: Annotated[
        FormatName | None, typer.Option("--format", help="Force a format instead of sniffing.")
    ] = None,
    strict: Annotated[bool, typer.Option(help="Stop at the first bad record.")] = False,
    bulk: Annotated[
        bool,
        typer.Option(
            "--bulk",
            help="Resolve in-process, write neo4j-admin import CSVs and import them into an "
            "EMPTY database of the local server (scripts/neo4j, shipped with coauthor-kg): "
            "the fastest path for a whole DBLP or arXiv dump.",
        ),
    ] = False,
    neo4j_home: Annotated[
        Path | None,
        typer.Option(
            envvar="COAUTHOR_KG_NEO4J_HOME",
            help="With --bulk: the local server's NEO4J_HOME (default: "
            "~/.cache/coauthor-kg/neo4j-home; NEO4J_BOLT_PORT picks its port).",
        ),
    ] = None,
    bulk_dir: Annotated[
        Path | None, typer.Option(help="Where --bulk writes its CSVs (default: a temp dir).")
    ] = None,
    overwrite: Annotated[
        bool, typer.Option(help="With --bulk: replace a database that is not empty.")
    ] = False,
    as_json: AsJson = False,
) -> None:
    """Load documents (files or folders) in any known format; `load --help` lists them."""
    if bulk:
        _bulk_load(paths, fmt, bulk_dir, overwrite, neo4j_home)
        return

    def body() -> None:
        corrections = load_corrections(_settings(data_dir))
        with _store(data_dir) as store:
            if as_json or not sys.stderr.isatty():
                summary = load_paths(store, paths, fmt=fmt, strict=strict, corrections=corrections)
            else:
                with Progress(
                    SpinnerColumn(),
                    TextColumn("{task.description}", markup=False),
                    TextColumn("{task.completed} records"),
                    TimeElapsedColumn(),
                    console=err_console,
                    transient=True,
                ) as bar:
                    task = bar.add_task("loading", total=None)

                    def tick(path: str, done: int) -> None:
                        bar.update(task, description=Path(path).name, completed=done)

                    summary = load_paths(
                        store, paths, fmt=fmt, strict=strict, progress=tick, corrections=corrections
                    )
        if as_json:
            _print_json(summary.to_json())
            return
        for d in summary.documents:
            console.print(
                f"{d.path} [{d.format}] {d.status}: read {d.read}, loaded {d.loaded}, "
                f"merged {d.merged}, skipped {d.skipped}"
            )
            for w in d.warnings:
                console.print(f"  warning: {w}")
            for e in d.errors:
                console.print(f"  skipped: {e}")
        t = summary.totals()
        console.print(
            f"total: read {t['read']}, loaded {t['loaded']}, merged {t['merged']}, "
            f"skipped {t['skipped']}"
        )

    _run(body)


def _bulk_load(
    paths: list[Path], fmt: str | None, out: Path | None, overwrite: bool, home: Path | None
) -> None:
    import tempfile

    from graph.bulk import bulk_load

    def body() -> None:
        out_dir = out or Path(tempfile.mkdtemp(prefix="coauthor-kg-bulk-"))
        summary = bulk_load(
            paths,
            out_dir=out_dir,
            overwrite=overwrite,
            fmt=fmt,
            neo4j_home=home,
            corrections=load_corrections(_settings(None)),
        )
        _print_json(summary.to_json())

    _run(body)


@app.command()
def stats(data_dir: DataDir = None, as_json: AsJson = False) -> None:
    """Node and relationship counts."""

    def body() -> None:
        with _store(data_dir) as store:
            answer = queries.stats(store)
        if as_json:
            _print_json(answer)
            return
        for label, n in answer.nodes.items():
            console.print(f"{label:>14}  {n}")
        console.print(f"{'cited-only':>14}  {answer.cited_only_papers}")
        for rel, n in answer.relationships.items():
            console.print(f"{rel:>14}  {n}")

    _run(body)


@app.command()
def reset(
    data_dir: DataDir = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete everything in the store."""
    if not yes and not typer.confirm("Delete every node and relationship in the store?"):
        raise typer.Exit(1)

    def body() -> None:
        with _store(data_dir) as store:
            store.clear()
        console.print("store cleared")

    _run(body)


def _answer(
    data_dir: Path | None,
    as_json: bool,
    ask: Callable[[GraphStore], BaseModel],
    show: Callable[[Console, Any], None],
) -> None:
    """Ask one catalogue question and print the answer as JSON or as a report."""

    def body() -> None:
        with _store(data_dir) as store:
            answer = ask(store)
        if as_json:
            _print_json(answer)
        else:
            show(console, answer)

    _run(body)


@query_app.command("shared")
def query_shared(
    names: Annotated[list[str], typer.Argument(help="2 to 10 author names or ids.")],
    since: Since = None,
    until: Until = None,
    data_dir: DataDir = None,
    as_json: AsJson = False,
) -> None:
    """Collaborators the authors share, all together and pairwise."""
    _answer(
        data_dir,
        as_json,
        lambda s: queries.shared_collaborators(s, names, window=window(since, until)),
        print_shared,
    )


@query_app.command("topics")
def query_topics(
    names: Annotated[list[str], typer.Argument(help="2 to 10 author names or ids.")],
    since: Since = None,
    until: Until = None,
    data_dir: DataDir = None,
    as_json: AsJson = False,
) -> None:
    """Topics the authors share, with similarity per pair."""
    _answer(
        data_dir,
        as_json,
        lambda s: queries.topic_overlap(s, names, window=window(since, until)),
        print_topics,
    )


@query_app.command("path")
def query_path(
    source: Annotated[str, typer.Argument(help="From this author.")],
    target: Annotated[str, typer.Argument(help="To this author.")],
    max_hops: Annotated[int, typer.Option(help="Give up beyond this many hops.")] = 10,
    k: Annotated[
        int, typer.Option("--k", min=1, max=queries.MAX_PATHS, help="The k shortest paths.")
    ] = 1,
    strongest: Annotated[
        bool, typer.Option("--strongest", help="Strongest ties (most joint papers) instead.")
    ] = False,
    since: Since = None,
    until: Until = None,
    data_dir: DataDir = None,
    as_json: AsJson = False,
) -> None:
    """A shortest chain of co-authorships between two authors (ties: smallest ids)."""
    if k > 1 and strongest:
        err_console.print("error: --k and --strongest cannot be combined")
        raise typer.Exit(2)
    if k > 1:
        _answer(
            data_dir,
            as_json,
            lambda s: queries.collaboration_paths(
                s, source, target, k, max_hops, window=window(since, until)
            ),
            print_paths,
        )
        return
    _answer(
        data_dir,
        as_json,
        lambda s: queries.collaboration_path(
            s, source, target, max_hops, strongest=strongest, window=window(since, until)
        ),
        print_path,
    )


@query_app.command("coauthors")
def query_coauthors(
    name: Annotated[str, typer.Argument(help="Author name or id.")],
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
    since: Since = None,
    until: Until = None,
    data_dir: DataDir = None,
    as_json: AsJson = False,
) -> None:
    """Everyone who wrote a paper with the author."""
    _answer(
        data_dir,
        as_json,
        lambda s: queries.coauthors(s, name, limit=limit, window=window(since, until)),
        print_coauthors,
    )


add_commands(query_app, _answer)


@query_app.command("authors")
def query_authors(
    text: Annotated[str, typer.Argument(help="A name or part of one.")],
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    data_dir: DataDir = None,
    as_json: AsJson = False,
) -> None:
    """Search authors; shows how a name would resolve. No match is an error (exit 2)."""

    def ask(store: GraphStore) -> BaseModel:
        answer = queries.search_authors(store, text, limit=limit)
        if not answer.count:
            raise NotFoundError(f"no author matches {text!r}", details={"query": text})
        return answer

    _answer(data_dir, as_json, ask, print_search)


@query_app.command("collaboration")
def query_collaboration(
    level: Annotated[
        str, typer.Option(help="institution | country", show_default=True)
    ] = "institution",
    top: Annotated[int, typer.Option(min=1, max=10000, help="How many pairs.")] = 50,
    data_dir: DataDir = None,
    as_json: AsJson = False,
) -> None:
    """Institutions (or countries) whose members wrote papers together, most first."""
    _answer(data_dir, as_json, lambda s: queries.collaboration(s, level, top), print_collaboration)


@query_app.command("institutions")
def query_institutions(
    names: Annotated[list[str], typer.Argument(help="1 to 10 author names or ids.")],
    data_dir: DataDir = None,
    as_json: AsJson = False,
) -> None:
    """The institutions on each author's bylines, year by year."""
    _answer(data_dir, as_json, lambda s: queries.institutions_of(s, names), print_institutions)


@query_app.command("members")
def query_members(
    institution: Annotated[str, typer.Argument(help="An institution name or id.")],
    data_dir: DataDir = None,
    as_json: AsJson = False,
) -> None:
    """The authors of the graph at one institution, with their papers there."""
    _answer(data_dir, as_json, lambda s: queries.institution_members(s, institution), print_members)


@query_app.command("papers")
def query_papers(
    text: Annotated[str, typer.Argument(help="Words of the title.")],
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    data_dir: DataDir = None,
    as_json: AsJson = False,
) -> None:
    """Find papers by title, with full author lists and sources."""
    _answer(data_dir, as_json, lambda s: queries.search_papers(s, text, limit=limit), print_papers)


@app.command()
def export(
    fmt: Annotated[str, typer.Argument(help="graphml | gexf | vosviewer | csv")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output file (or file prefix).")],
    author: Annotated[
        str | None, typer.Option(help="Only this author's network (name or id).")
    ] = None,
    depth: Annotated[int, typer.Option(min=1, max=4, help="Hops around --author.")] = 1,
    network: Annotated[
        Literal[
            "coauthor",
            "institution",
            "country",
            "cocitation",
            "author-cocitation",
            "coupling",
            "author-coupling",
            "citation",
        ],
        typer.Option(
            help="Authors by co-authorship; institutions or countries by papers; works or "
            "authors by co-citation or by bibliographic coupling; or the directed citation graph."
        ),
    ] = "coauthor",
    data_dir: DataDir = None,
) -> None:
    """Export a network (co-authors, institutions, countries, co-citation, coupling or
    citations) for Gephi, VOSviewer or a spreadsheet."""
    from graph.export import export_network

    def body() -> None:
        with _store(data_dir) as store:
            written = export_network(store, fmt, out, author=author, depth=depth, network=network)
        for path in written:
            console.print(str(path))

    _run(body)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    data_dir: DataDir = None,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Server processes (Neo4j store only).")
    ] = 1,
) -> None:
    """Serve the HTTP API (docs at /docs). The store comes from the environment."""
    from api.serve import serve as run

    _run(lambda: run(host, port, data_dir, workers))


@app.command()
def demo(
    seeds: Annotated[
        Path | None, typer.Option(help="Seed folder (default: the seeds shipped with coauthor-kg).")
    ] = None,
    out: Annotated[Path, typer.Option(help="Where to write the HTML views.")] = Path("out"),
    views: Annotated[bool, typer.Option(help="Also write the HTML views.")] = True,
) -> None:
    """Load the seeds into a fresh in-memory store and report on Mao, Zhuo and Zhang."""
    from api.report import run_demo

    _run(lambda: run_demo(console, seeds, out if views else None))


def main() -> None:
    # the driver logs each retry it makes; the CLI reports the outcome instead
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    app()


if __name__ == "__main__":
    main()
