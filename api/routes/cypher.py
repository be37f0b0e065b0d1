"""Read-only Cypher for what the catalogue does not ask (Neo4j only).

The store does the guarding (graph/store/neo4j.py run_cypher: text check, the planner's
query type, operators and procedures, a read transaction, a timeout, a row cap); this
route only checks what JSON can carry that Bolt cannot.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import ReadStore, SettingsDep
from api.routes.examples import responses
from api.schemas import CypherAnswer, CypherRequest
from graph.errors import InvalidQueryError

__all__ = ["router"]

router = APIRouter(tags=["cypher"])

_INT64 = (-(2**63), 2**63 - 1)


def _check_params(value: Any, where: str = "params") -> None:
    """Bolt integers are 64-bit; a bigger JSON number is the caller's mistake (422)."""
    if isinstance(value, bool):
        return
    if isinstance(value, int) and not _INT64[0] <= value <= _INT64[1]:
        raise InvalidQueryError(
            f"{where}: integer {value} does not fit in 64 bits", details={"param": where}
        )
    if isinstance(value, dict):
        for k, v in value.items():
            _check_params(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_params(v, f"{where}[{i}]")


@router.post(
    "/cypher",
    response_model=CypherAnswer,
    summary="Run a read-only Cypher query (Neo4j only)",
    responses=responses("cypher", 400, 403, 422, 501, 504),
    max_body_size=1 << 20,
)
def cypher(store: ReadStore, settings: SettingsDep, body: CypherRequest) -> CypherAnswer:
    """Runs in a read transaction with a timeout (COAUTHOR_KG_CYPHER_TIMEOUT, default
    5 s: 504 past it) and a row cap (COAUTHOR_KG_CYPHER_ROW_CAP, default 1000:
    ``truncated`` says rows were cut). Any write (CREATE, MERGE, SET, DELETE, REMOVE,
    FOREACH, LOAD CSV, procedures off the read-only list, administration) is refused
    with 403 before it runs. On the embedded store: 501."""
    _check_params(body.params)
    result = store.run_cypher(
        body.query,
        body.params,
        timeout_s=settings.cypher_timeout_s,
        row_cap=settings.cypher_row_cap,
    )
    return CypherAnswer(columns=result.columns, rows=result.rows, truncated=result.truncated)
