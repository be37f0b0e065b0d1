"""`coauthor-kg explain AUTHOR` and `coauthor-kg identity ...`: why names became one
author, and users' corrections when they should not have (or should).

Corrections are kept in the file ``COAUTHOR_KG_CORRECTIONS`` names (default:
corrections.toml in the data directory; ``--corrections`` overrides it), applied to the
store when made and by every later load (graph/corrections.py). api/cli.py mounts
``identity_app`` and the ``explain`` command.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from api.errors import cli_message
from graph import queries
from graph.answers import EvidenceAnswer
from graph.corrections import (
    Corrections,
    Merge,
    Split,
    apply_merge,
    apply_split,
    make_split,
    split_papers_of_source,
)
from graph.errors import InvalidQueryError, NotFoundError
from graph.settings import Settings
from graph.store import GraphStore, open_store
from loaders.errors import CoauthorKGError

__all__ = ["explain", "identity_app", "load_corrections"]

identity_app = typer.Typer(
    help="Correct author identity: merge two authors, split papers off one; corrections "
    "are kept in a file (COAUTHOR_KG_CORRECTIONS) and applied on every later load.",
    no_args_is_help=True,
)
console = Console()
err_console = Console(stderr=True)
T = TypeVar("T")

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Embedded store folder (default: COAUTHOR_KG_DATA_DIR)."),
]
CorrectionsFile = Annotated[
    Path | None,
    typer.Option(
        "--corrections",
        help="The corrections file (default: COAUTHOR_KG_CORRECTIONS, else corrections.toml "
        "in the data folder).",
    ),
]
AsJson = Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")]
Note = Annotated[str, typer.Option(help="Why: kept with the correction.")]


def _settings(data_dir: Path | None, corrections: Path | None = None) -> Settings:
    overrides: dict[str, Any] = {}
    if data_dir is not None:
        overrides["COAUTHOR_KG_DATA_DIR"] = data_dir
    if corrections is not None:
        overrides["COAUTHOR_KG_CORRECTIONS"] = corrections
    try:
        return Settings(**overrides)
    except Exception as exc:  # pydantic ValidationError: bad environment
        err_console.print(f"error: bad settings: {exc}", markup=False)
        raise typer.Exit(2) from exc


def load_corrections(settings: Settings) -> Corrections:
    """The corrections every load applies."""
    return Corrections.read(settings.corrections_path)


@contextmanager
def _store(settings: Settings) -> Iterator[GraphStore]:
    store = open_store(settings)
    try:
        yield store
    finally:
        store.close()


def _run(fn: Callable[[], T]) -> T:
    try:
        return fn()
    except CoauthorKGError as exc:
        message, code = cli_message(exc)
        err_console.print(message, markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(code) from exc


def _say(text: str) -> None:
    console.print(text, markup=False, highlight=False, soft_wrap=True)


# -- explain ----------------------------------------------------------------------------------


def _print_evidence(answer: EvidenceAnswer) -> None:
    a = answer.author
    _say(f"{a.name} ({a.id})")
    if a.aliases:
        _say("  also written: " + ", ".join(a.aliases))
    for prop, value in sorted(a.ids.items()):
        _say(f"  {prop}: {value}")
    kinds = ", ".join(f"{k} {n}" for k, n in answer.kinds.items())
    _say(f"{len(answer.occurrences)} occurrences ({kinds}); {answer.weak} rest on a weak merge")
    for o in answer.occurrences:
        where = o.source.path or o.source.id
        year = f" ({o.paper.year})" if o.paper.year else ""
        _say(f"- {o.paper.title}{year} [{o.paper.id}]")
        _say(f"  as {o.spelling!r} in {where}" + (f", position {o.position}" if o.position else ""))
        strength = f"strength {o.strength:.3f}" + (", WEAK" if o.weak else "")
        if o.namesakes is not None:
            strength += f"; the name may stand for ~{o.namesakes:.2f} people"
        if o.candidates:
            strength += f", {o.candidates} compatible author(s) weighed"
        _say(f"  {strength}")
        for c in o.evidence:
            bits = f" ({c.bits:g} bits)" if c.bits else ""
            _say(f"    {c.kind}{bits}: {c.detail}")


def explain(
    author: Annotated[str, typer.Argument(help="Author name or id.")],
    data_dir: DataDir = None,
    as_json: AsJson = False,
) -> None:
    """Why these occurrences are this author: per paper, source and spelling, the
    evidence that joined it and how strong it is."""

    def body() -> None:
        with _store(_settings(data_dir)) as store:
            answer = queries.explain(store, author)
        if as_json:
            sys.stdout.write(json.dumps(answer.model_dump(), indent=2, ensure_ascii=False) + "\n")
        else:
            _print_evidence(answer)

    _run(body)


# -- corrections -------------------------------------------------------------------------------


def _apply(store: GraphStore, entry: Merge | Split) -> None:
    if isinstance(entry, Merge):
        apply_merge(store, entry)
    else:
        apply_split(store, entry)


def _record(settings: Settings, entry: Merge | Split) -> None:
    corrections = load_corrections(settings)
    corrections.add(entry)
    corrections.write(settings.corrections_path)


@identity_app.command()
def merge(
    into: Annotated[str, typer.Argument(help="The author to keep (name or id).")],
    other: Annotated[str, typer.Argument(help="The author merged into it (name or id).")],
    note: Note = "",
    data_dir: DataDir = None,
    corrections: CorrectionsFile = None,
) -> None:
    """The two are one person: every occurrence of OTHER becomes INTO's, now and on
    every later load."""

    def body() -> None:
        settings = _settings(data_dir, corrections)
        with _store(settings) as store:
            a, b = queries.resolve_name(store, into), queries.resolve_name(store, other)
            entry = Merge(a.id, b.id, (a.name, b.name), note)
            apply_merge(store, entry)
        _record(settings, entry)
        _say(
            f"merged {b.name} ({b.id}) into {a.name} ({a.id}); kept in {settings.corrections_path}"
        )

    _run(body)


@identity_app.command()
def split(
    author: Annotated[str, typer.Argument(help="The author (name or id).")],
    papers: Annotated[
        list[str] | None, typer.Argument(help="With --papers: the paper ids to move.")
    ] = None,
    by_papers: Annotated[
        bool, typer.Option("--papers", help="Move the papers given as arguments.")
    ] = False,
    source: Annotated[
        str | None,
        typer.Option(help="Move the occurrences from this source (id, path or file name)."),
    ] = None,
    note: Note = "",
    data_dir: DataDir = None,
    corrections: CorrectionsFile = None,
) -> None:
    """These papers are someone else's: move AUTHOR's occurrences on them (given with
    --papers ID..., or every one from --source) to a new author, now and on every later
    load."""

    def body() -> None:
        settings = _settings(data_dir, corrections)
        if by_papers == (source is not None) or (by_papers and not papers):
            raise InvalidQueryError("give --papers ID... or --source SOURCE (one of them)")
        with _store(settings) as store:
            who = queries.resolve_name(store, author)
            chosen = list(papers or []) if by_papers else []
            if source is not None:
                chosen = split_papers_of_source(store, who.id, source)
                if not chosen:
                    raise NotFoundError(
                        f"{who.name} has no occurrence from {source!r}",
                        details={"author": who.id, "source": source},
                    )
            entry = make_split(store, who.id, chosen, note)
            apply_split(store, entry)
        _record(settings, entry)
        _say(
            f"split {len(entry.papers)} paper(s) off {who.name} ({who.id}) to {entry.name} "
            f"({entry.new_id}); kept in {settings.corrections_path}"
        )

    _run(body)


def _entry_json(entry: Merge | Split) -> dict[str, Any]:
    if isinstance(entry, Merge):
        return {
            "merge": {
                "into": entry.into,
                "from": entry.from_,
                "names": list(entry.names),
                "note": entry.note,
            }
        }
    return {
        "split": {
            "author": entry.author,
            "new_id": entry.new_id,
            "name": entry.name,
            "papers": list(entry.papers),
            "note": entry.note,
        }
    }


@identity_app.command("list")
def list_(
    data_dir: DataDir = None, corrections: CorrectionsFile = None, as_json: AsJson = False
) -> None:
    """The corrections every load applies, and where they are kept."""
    settings = _settings(data_dir, corrections)

    def body() -> None:
        found = load_corrections(settings)
        if as_json:
            data = {
                "file": str(settings.corrections_path),
                "corrections": [_entry_json(e) for e in found.entries()],
            }
            sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
            return
        _say(f"{settings.corrections_path}: {len(found.entries())} correction(s)")
        for m in found.merges:
            names = " + ".join(m.names) or m.from_
            _say(f"merge {m.from_} into {m.into} ({names})" + (f": {m.note}" if m.note else ""))
        for s in found.splits:
            _say(
                f"split {len(s.papers)} paper(s) off {s.author} to {s.new_id} ({s.name})"
                + (f": {s.note}" if s.note else "")
            )

    _run(body)


@identity_app.command("export")
def export_(
    out: Annotated[Path, typer.Argument(help="Where to write the corrections (TOML).")],
    data_dir: DataDir = None,
    corrections: CorrectionsFile = None,
) -> None:
    """Write the corrections to a file (to keep under version control, or to import
    elsewhere)."""
    settings = _settings(data_dir, corrections)

    def body() -> None:
        found = load_corrections(settings)
        found.write(out)
        _say(f"{out}: {len(found.entries())} correction(s)")

    _run(body)


@identity_app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(help="A corrections file (TOML) to add.")],
    data_dir: DataDir = None,
    corrections: CorrectionsFile = None,
) -> None:
    """Add a file's corrections to the ones every load applies, and apply the new ones
    to the graph now (one whose authors the graph lacks applies on a later load)."""
    settings = _settings(data_dir, corrections)

    def body() -> None:
        if not path.is_file():
            raise NotFoundError(f"no corrections file {path}", details={"path": str(path)})
        incoming = Corrections.parse(path.read_text(encoding="utf-8"), str(path))
        current = load_corrections(settings)
        added = applied = 0
        with _store(settings) as store:
            for entry in incoming.entries():
                if not current.add(entry):
                    continue
                added += 1
                try:
                    _apply(store, entry)
                    applied += 1
                except (NotFoundError, InvalidQueryError) as exc:
                    _say(f"not applied now: {exc.message}")
        current.write(settings.corrections_path)
        _say(f"{added} new correction(s), {applied} applied; kept in {settings.corrections_path}")

    _run(body)
