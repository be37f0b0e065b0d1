"""`coauthor-kg viz ...`: write a view (viz/views.py) as one self-contained HTML file.

api/cli.py mounts ``viz_app`` as the ``viz`` sub-command. Errors are worded by
api/errors.cli_message, like every other command.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from api.errors import cli_message
from api.terminal import console, err_console
from graph.settings import Settings
from graph.store import GraphStore, open_store
from loaders.errors import CoauthorKGError
from viz.citations import citation_view
from viz.render import write_html
from viz.views import (
    DEFAULT_EGO_NODES,
    DEFAULT_INSTITUTION_MEMBERS,
    DEFAULT_INSTITUTION_PARTNERS,
    DEFAULT_OVERVIEW_AUTHORS,
    MAX_VIEW_NODES,
    GraphView,
    countries_view,
    ego_view,
    institution_view,
    overview_view,
    shared_view,
    topics_view,
)

__all__ = ["viz_app"]

viz_app = typer.Typer(
    help="Write interactive graph views: one self-contained HTML file each, works offline.",
    no_args_is_help=True,
)
Out = Annotated[Path, typer.Option("-o", "--out", help="The HTML file to write.")]
DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Embedded store folder (default: COAUTHOR_KG_DATA_DIR)."),
]
Names = Annotated[list[str], typer.Argument(help="2 to 10 author names or ids.")]


def _write(data_dir: Path | None, out: Path, build: Callable[[GraphStore], GraphView]) -> None:
    overrides: dict[str, Any] = {}
    if data_dir is not None:
        overrides["COAUTHOR_KG_DATA_DIR"] = data_dir
    try:
        store = open_store(Settings(**overrides))
        try:
            view = build(store)
        finally:
            store.close()
    except CoauthorKGError as exc:
        message, code = cli_message(exc)
        err_console.print(message, soft_wrap=True)
        raise typer.Exit(code) from exc
    path = write_html(view, out)
    console.print(f"{path}  ({len(view.nodes):,} nodes, {len(view.edges):,} edges)", soft_wrap=True)
    if view.subset:
        console.print(view.subset, soft_wrap=True)


@viz_app.command()
def ego(
    author: Annotated[str, typer.Argument(help="Author name or id.")],
    out: Out,
    depth: Annotated[int, typer.Option(min=1, max=2, help="1: co-authors; 2: theirs too.")] = 1,
    max_nodes: Annotated[
        int, typer.Option(min=2, max=MAX_VIEW_NODES, help="Most authors to show.")
    ] = DEFAULT_EGO_NODES,
    data_dir: DataDir = None,
) -> None:
    """One author and their co-authors; edge width is the number of joint papers."""
    _write(data_dir, out, lambda s: ego_view(s, author, depth=depth, max_nodes=max_nodes))


@viz_app.command()
def shared(authors: Names, out: Out, data_dir: DataDir = None) -> None:
    """The queried authors and the collaborators they share, pairwise and all together."""
    _write(data_dir, out, lambda s: shared_view(s, authors))


@viz_app.command()
def topics(authors: Names, out: Out, data_dir: DataDir = None) -> None:
    """Authors and their topics; shared topics stand out."""
    _write(data_dir, out, lambda s: topics_view(s, authors))


@viz_app.command()
def overview(
    out: Out,
    limit: Annotated[
        int,
        typer.Option(
            min=0,
            max=MAX_VIEW_NODES,
            help="Authors to show, most co-authors first; 0 shows every author.",
        ),
    ] = DEFAULT_OVERVIEW_AUTHORS,
    data_dir: DataDir = None,
) -> None:
    """The co-authorship graph, coloured by community, sized by papers."""
    _write(data_dir, out, lambda s: overview_view(s, limit or None))


@viz_app.command()
def countries(
    out: Out,
    limit: Annotated[
        int,
        typer.Option(
            min=0,
            max=MAX_VIEW_NODES,
            help="Countries to show, most partner countries first; 0 (default) shows all.",
        ),
    ] = 0,
    data_dir: DataDir = None,
) -> None:
    """Countries sized by papers, joined by the papers written across them."""
    _write(data_dir, out, lambda s: countries_view(s, limit or None))


@viz_app.command()
def institution(
    name: Annotated[str, typer.Argument(help="Institution name or id.")],
    out: Out,
    members: Annotated[
        int, typer.Option(min=1, max=MAX_VIEW_NODES, help="Most members to show.")
    ] = DEFAULT_INSTITUTION_MEMBERS,
    partners: Annotated[
        int, typer.Option(min=1, max=MAX_VIEW_NODES, help="Most partner institutions to show.")
    ] = DEFAULT_INSTITUTION_PARTNERS,
    data_dir: DataDir = None,
) -> None:
    """One institution's members (highlighted) and the institutions they wrote with."""
    _write(
        data_dir,
        out,
        lambda s: institution_view(s, name, members=members, partners=partners),
    )


@viz_app.command()
def citations(authors: Names, out: Out, data_dir: DataDir = None) -> None:
    """Who cites whom among the authors (arrows), and the works all of them cite."""
    _write(data_dir, out, lambda s: citation_view(s, authors))
