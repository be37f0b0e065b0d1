"""Schemathesis against the app's own OpenAPI document, in-process, on both stores:
generated valid and invalid requests for every operation never get a 500, and every
response conforms to the documented status codes, content types and schemas.

Two deliberate settings, both about meaning a schema cannot express:
- a schema-valid request may still be a 422 when it makes no sense (a name with no
  letter in it, the same author twice, Cypher that does not parse), so 422 counts as
  an acceptable answer to "valid" data;
- POST /cypher on the embedded store answers 501 by design ("Cypher needs Neo4j"), so
  there that operation must answer 501 (or 4xx) instead of passing "no 5xx".

The figures (operations, cases, failures) are printed: run with ``-s`` to see them.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import given as hgiven
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig

from api.app import create_app
from graph.ingest import load_paths
from graph.store.memory import MemoryStore
from tests.api.conftest import API_KEY, app_settings
from tests.conftest import SEEDS, STORE_KINDS, neo4j_fixture

pytestmark = pytest.mark.slow  # each run generates hundreds of requests

MAX_EXAMPLES = 20  # per operation and generation mode
CONFIG = """
[checks.positive_data_acceptance]
# the default list, plus 422 (5xx stays the business of the not_a_server_error check)
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]

[checks.negative_data_rejection]
# the default list, plus 414: invalid data may make a URL longer than any valid one
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "414", "415", "422",
                     "428", "429", "5xx"]
"""


def _run(
    op: Any,
    mode: GenerationMode,
    *,
    expect_501: bool,
    headers: dict[str, str] | None,
    figures: Counter[str],
    statuses: Counter[int],
    failures: list[str],
) -> None:
    """Generate and send up to MAX_EXAMPLES requests for one operation and mode."""

    @hgiven(case=op.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        figures["cases"] += 1
        try:
            if expect_501:
                response = case.call_and_validate(
                    headers=headers, excluded_checks=[not_a_server_error]
                )
                assert response.status_code in {400, 422, 501}, response.text
            else:
                response = case.call_and_validate(headers=headers)
            statuses[response.status_code] += 1
        except (BaseExceptionGroup, AssertionError) as exc:
            failures.append(f"{op.label} [{mode.value}]: {str(exc)[:2000]}")

    try:
        run()
    except Unsatisfiable:
        figures["unsatisfiable"] += 1  # nothing invalid to send (no parameters)


def fuzz(app: Any, *, cypher_501: bool, headers: dict[str, str] | None = None) -> dict[str, Any]:
    schema = schemathesis.openapi.from_asgi(
        "/openapi.json", app, config=SchemathesisConfig.from_str(CONFIG)
    )
    figures: Counter[str] = Counter()
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    t0 = time.monotonic()
    for result in schema.get_all_operations():
        op = result.ok()
        figures["operations"] += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _run(
                op,
                mode,
                expect_501=cypher_501 and op.path == "/cypher",
                headers=headers,
                figures=figures,
                statuses=statuses,
                failures=failures,
            )
    return {
        **figures,
        "failures": failures,
        "statuses": dict(sorted(statuses.items())),
        "seconds": round(time.monotonic() - t0, 1),
    }


def _report(name: str, out: dict[str, Any]) -> None:
    print(
        f"\nschemathesis [{name}]: {out['operations']} operations, {out['cases']} cases, "
        f"{len(out['failures'])} failures, statuses {out['statuses']}, {out['seconds']} s"
    )


@pytest.mark.parametrize("kind", STORE_KINDS)
def test_schemathesis_finds_no_500_and_no_schema_violation(
    request: pytest.FixtureRequest, kind: str
) -> None:
    store = (
        request.getfixturevalue("seeded_embedded")
        if kind == "embedded"
        else neo4j_fixture(request, "seeded_neo4j")
    )
    app = create_app(app_settings(COAUTHOR_KG_CYPHER_TIMEOUT=2), store=store)
    out = fuzz(app, cypher_501=kind == "embedded")
    _report(kind, out)
    assert out["operations"] >= 15
    assert out["cases"] >= 15 * MAX_EXAMPLES
    assert not out["failures"], "\n\n".join(out["failures"][:5])
    assert 500 not in out["statuses"]


def test_schemathesis_uploads_with_the_key(tmp_path: Path) -> None:
    """With a valid key, generated uploads reach the loaders (a throwaway store)."""
    store = MemoryStore(tmp_path / "store")
    load_paths(store, [SEEDS])
    app = create_app(app_settings(), store=store)
    out = fuzz(app, cypher_501=True, headers={"X-API-Key": API_KEY})
    _report("embedded, with API key", out)
    assert not out["failures"], "\n\n".join(out["failures"][:5])
    assert 500 not in out["statuses"]
