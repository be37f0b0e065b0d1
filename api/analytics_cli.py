"""The analytics questions of `coauthor-kg query` (recommend, central, communities,
second-degree, distances, timeline) and the time-window options every question takes.

api/cli.py calls :func:`add_commands` on its ``query`` sub-command, passing the
function that opens the store, asks and prints (so errors and JSON are handled in one
place).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.console import Console

from api.analytics_report import (
    print_central,
    print_communities,
    print_distances,
    print_recommend,
    print_second_degree,
    print_timeline,
)
from graph import queries
from graph.projection import Window
from graph.store import GraphStore

__all__ = ["Since", "Until", "add_commands", "window"]

Since = Annotated[
    int | None, typer.Option("--since", help="Only papers from this year on (inclusive).")
]
Until = Annotated[
    int | None, typer.Option("--until", help="Only papers up to this year (inclusive).")
]
DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Embedded store folder (default: COAUTHOR_KG_DATA_DIR)."),
]
AsJson = Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")]
Answer = Callable[
    [Path | None, bool, Callable[[GraphStore], BaseModel], Callable[[Console, Any], None]], None
]


def window(since: int | None, until: int | None) -> Window:
    """The window of years ``--since``/``--until`` ask for (InvalidQueryError if bad)."""
    return Window(since, until)


def add_commands(query_app: typer.Typer, answer: Answer) -> None:
    @query_app.command("recommend")
    def recommend(
        names: Annotated[list[str], typer.Argument(help="1 to 10 author names or ids.")],
        top: Annotated[int, typer.Option(min=1, max=1000, help="How many candidates.")] = 10,
        since: Since = None,
        until: Until = None,
        data_dir: DataDir = None,
        as_json: AsJson = False,
    ) -> None:
        """People none of them has written with, ranked by common co-authors and topics."""
        answer(
            data_dir,
            as_json,
            lambda s: queries.recommend(s, names, top=top, window=window(since, until)),
            print_recommend,
        )

    @query_app.command("central")
    def central(
        measure: Annotated[
            str, typer.Option(help="degree | pagerank | betweenness", show_default=True)
        ] = "degree",
        top: Annotated[int, typer.Option(min=1, max=1000, help="How many authors.")] = 20,
        since: Since = None,
        until: Until = None,
        data_dir: DataDir = None,
        as_json: AsJson = False,
    ) -> None:
        """The most central authors (betweenness is estimated on big graphs)."""
        answer(
            data_dir,
            as_json,
            lambda s: queries.central(s, measure, top=top, window=window(since, until)),
            print_central,
        )

    @query_app.command("communities")
    def communities(
        top: Annotated[int, typer.Option(min=1, max=1000, help="How many communities.")] = 20,
        members: Annotated[
            int, typer.Option(min=1, max=1000, help="Members shown per community.")
        ] = 10,
        since: Since = None,
        until: Until = None,
        data_dir: DataDir = None,
        as_json: AsJson = False,
    ) -> None:
        """Communities of the co-authorship graph (Leiden), largest first."""
        answer(
            data_dir,
            as_json,
            lambda s: queries.communities(s, top=top, members=members, window=window(since, until)),
            print_communities,
        )

    @query_app.command("second-degree")
    def second_degree(
        name: Annotated[str, typer.Argument(help="Author name or id.")],
        limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
        since: Since = None,
        until: Until = None,
        data_dir: DataDir = None,
        as_json: AsJson = False,
    ) -> None:
        """Co-authors of the author's co-authors, with the co-authors that link them."""
        answer(
            data_dir,
            as_json,
            lambda s: queries.second_degree(s, name, limit=limit, window=window(since, until)),
            print_second_degree,
        )

    @query_app.command("distances")
    def distances(
        name: Annotated[str, typer.Argument(help="Author name or id.")],
        since: Since = None,
        until: Until = None,
        data_dir: DataDir = None,
        as_json: AsJson = False,
    ) -> None:
        """How far everyone is from the author, in co-authorship hops."""
        answer(
            data_dir,
            as_json,
            lambda s: queries.distances(s, name, window=window(since, until)),
            print_distances,
        )

    @query_app.command("timeline")
    def timeline(
        names: Annotated[list[str], typer.Argument(help="An author, or two.")],
        since: Since = None,
        until: Until = None,
        data_dir: DataDir = None,
        as_json: AsJson = False,
    ) -> None:
        """Papers and new co-authors per year, for an author or a pair."""
        answer(
            data_dir,
            as_json,
            lambda s: queries.timeline(s, names, window=window(since, until)),
            print_timeline,
        )
