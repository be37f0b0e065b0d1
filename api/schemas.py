"""Response and request models the HTTP API needs beyond graph/answers.py.

Whatever the CLI also prints is a graph/answers.py model, used as is, so the two front
ends cannot disagree; these are the API's own shapes (pages, details, the error body).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from graph.answers import identifier_fields
from graph.schema import PAPER
from graph.store.records import PaperDetail as PaperRecord

__all__ = [
    "CypherAnswer",
    "CypherRequest",
    "DocumentLoad",
    "ErrorBody",
    "ErrorDetail",
    "Health",
    "LoadAnswer",
    "PaperDetail",
    "PaperDetailAuthor",
    "PaperDetailSource",
    "PaperDetailTopic",
    "PaperDetailVenue",
    "TopicItem",
    "TopicsPage",
    "VenueItem",
    "VenuesPage",
    "paper_detail",
]


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable machine name, e.g. not_found, ambiguous_name.")
    message: str
    details: dict[str, Any] = Field(
        default_factory=dict, description="What a client can act on: candidates, file, line."
    )


class ErrorBody(BaseModel):
    """Every error the API returns has this shape."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "error": {
                        "code": "ambiguous_name",
                        "message": "'Wang' matches 3 authors equally well",
                        "details": {"query": "Wang", "candidates": []},
                    }
                }
            ]
        }
    )

    error: ErrorDetail


class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    store: Literal["embedded", "neo4j"]
    reachable: bool
    message: str | None = Field(default=None, description="Why the store is not reachable.")


class PaperDetailAuthor(BaseModel):
    id: str
    name: str
    position: int | None = Field(description="1-based place in the author list, if known.")
    inferred: bool = Field(description="The profile owner, not a listed name.")
    equal_contribution: bool = False


class PaperDetailVenue(BaseModel):
    id: str
    name: str
    kind: str
    year: int | None = None


class PaperDetailTopic(BaseModel):
    id: str
    name: str
    kind: str
    code: str | None = None
    source: str | None = None


class PaperDetailSource(BaseModel):
    id: str
    path: str
    format: str
    line: int | None = None


PaperDetail = create_model(
    "PaperDetail",
    __doc__="One paper with every author (by position), venues, topics and source files.",
    __module__=__name__,
    id=(str, ...),
    title=(str, ...),
    year=(int | None, None),
    date=(str | None, None),
    abstract=(str | None, None),
    **identifier_fields(PAPER),
    url=(str | None, None),
    code_url=(str | None, None),
    author_count=(int | None, Field(default=None, description="As the source states it.")),
    authors_truncated=(
        bool,
        Field(default=False, description="The sources list only the first authors ('et al.')."),
    ),
    authors=(list[PaperDetailAuthor], ...),
    venues=(list[PaperDetailVenue], ...),
    topics=(list[PaperDetailTopic], ...),
    sources=(list[PaperDetailSource], ...),
    cited_by=(
        int | None,
        Field(default=None, description="The largest citation count a source gives."),
    ),
    cited_only=(
        bool,
        Field(default=False, description="Only the corpus's references name this work."),
    ),
    first_author=(
        str | None,
        Field(default=None, description="A cited-only work's first author, as cited."),
    ),
)


def paper_detail(record: PaperRecord) -> BaseModel:
    """The API's shape of a paper: its identifiers flattened into fields of their own."""
    fields = asdict(record)
    ids = fields.pop("ids")
    return PaperDetail(**fields, **ids)


class TopicItem(BaseModel):
    id: str
    name: str
    kind: str
    code: str | None = None
    paper_count: int


class TopicsPage(BaseModel):
    data: list[TopicItem]
    count: int = Field(description="Topics in total (all pages).")


class VenueItem(BaseModel):
    id: str
    name: str
    kind: str
    acronym: str | None = None
    paper_count: int


class VenuesPage(BaseModel):
    data: list[VenueItem]
    count: int = Field(description="Venues in total (all pages).")


class CypherRequest(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "query": "MATCH (a:Author)-[:AUTHORED]->(p:Paper) WHERE a.name = $name "
                    "RETURN p.title AS title, p.year AS year ORDER BY year DESC",
                    "params": {"name": "Ziming Mao"},
                }
            ]
        }
    )

    query: str = Field(min_length=1, max_length=20_000, description="A read-only Cypher query.")
    params: dict[str, Any] = Field(
        default_factory=dict, description="Query parameters ($name in the query)."
    )


class CypherAnswer(BaseModel):
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = Field(description="More rows existed than the row cap allows.")


class DocumentLoad(BaseModel):
    path: str
    format: str
    status: Literal["loaded", "unchanged", "failed"]
    read: int
    loaded: int
    merged: int
    skipped: int
    errors: list[str]
    warnings: list[str]


class LoadAnswer(BaseModel):
    """How a load went: ``read == loaded + merged + skipped`` per document and in total.
    ``errors`` are skipped records and why; ``warnings`` what was loaded but changed on
    the way (text cleaned of control characters), each naming its document."""

    read: int
    loaded: int
    merged: int
    skipped: int
    errors: list[str]
    warnings: list[str]
    documents: list[DocumentLoad]
