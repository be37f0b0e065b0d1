"""Identity evidence: why an author's occurrences were attributed to them."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ReadStore
from api.routes.authors import AuthorId
from api.routes.examples import responses
from graph import queries
from graph.answers import EvidenceAnswer
from graph.errors import NotFoundError

__all__ = ["router"]

router = APIRouter(tags=["authors"])


@router.get(
    "/authors/{author_id}/evidence",
    response_model=EvidenceAnswer,
    summary="Why these occurrences are this author: the evidence of every merge",
    responses=responses("author_evidence", 404, 422),
)
def author_evidence(store: ReadStore, author_id: AuthorId) -> EvidenceAnswer:
    """Per occurrence (paper, source, spelling), the evidence that joined it to the
    author and how strong it is; weak merges (topic, venue or affiliation alone) are
    flagged. The same object as `coauthor-kg explain ID --json`."""
    if not store.get_authors([author_id]):
        raise NotFoundError(f"no author with id {author_id!r}", details={"id": author_id})
    return queries.explain(store, author_id)
