"""/docs and /redoc work offline: their pages reference only the app's own URLs, and
those all answer. Every route is documented with a summary and an example, and each
example is a valid instance of the route's response model."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from api.routes import ROUTERS

_URL = re.compile(r"""(?:src|href|spec-url)\s*=\s*["']([^"']+)["']|url:\s*['"]([^'"]+)['"]""")
_CONTENT_TYPES = {".js": "javascript", ".css": "text/css", ".png": "image/png", ".json": "json"}


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_load_everything_from_the_app(embedded_client: TestClient, page: str) -> None:
    r = embedded_client.get(page)
    assert r.status_code == 200
    html = r.text
    assert "://" not in html, "an absolute URL: the page would reach outside the app"
    assert "cdn" not in html.lower() and "googleapis" not in html
    urls = [a or b for a, b in _URL.findall(html)]
    scripts = [u for u in urls if u.endswith(".js")]
    assert scripts, html
    assert "/openapi.json" in urls
    for url in urls:
        assert url.startswith("/"), url
        asset = embedded_client.get(url)
        assert asset.status_code == 200, url
        kind = next(v for k, v in _CONTENT_TYPES.items() if url.endswith(k))
        assert kind in asset.headers["content-type"], (url, asset.headers["content-type"])
        assert len(asset.content) > 500, url


def test_swagger_ui_does_not_call_the_online_validator(embedded_client: TestClient) -> None:
    assert '"validatorUrl": null' in embedded_client.get("/docs").text


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, op)
        for path, item in schema["paths"].items()
        for method, op in item.items()
    ]


def test_every_route_has_a_summary_and_an_example(embedded_client: TestClient) -> None:
    schema = embedded_client.get("/openapi.json").json()
    ops = _operations(schema)
    assert len(ops) >= 15  # (more once the HTML views router is mounted)
    for method, path, op in ops:
        assert op.get("summary"), (method, path)
        content = op["responses"]["200"]["content"]
        if "text/html" in content:
            continue  # a page, not data: nothing to show an example of
        ok = content["application/json"]
        assert "example" in ok or "examples" in ok, (method, path)
        # every error a route documents has the one error shape
        for status, resp in op["responses"].items():
            if status != "200":
                ref = resp["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorBody"), (method, path, status)


def test_every_parameter_and_body_has_an_example(embedded_client: TestClient) -> None:
    schema = embedded_client.get("/openapi.json").json()
    components = schema["components"]["schemas"]
    for method, path, op in _operations(schema):
        for p in op.get("parameters", []):
            if p["required"]:
                assert p.get("examples") or p.get("example"), (method, path, p["name"])
        body = op.get("requestBody", {}).get("content", {})
        if "application/json" in body:
            ref = body["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
            assert components[ref].get("examples"), (method, path)


def test_response_examples_are_valid_answers() -> None:
    checked = 0
    for route in (r for router in ROUTERS for r in router.routes):
        assert isinstance(route, APIRoute)
        content = route.responses.get(200, {}).get("content", {})
        if "application/json" not in content:
            continue  # the HTML views
        example = content["application/json"]["example"]
        parsed = TypeAdapter(route.response_model).validate_python(example)
        dumped = TypeAdapter(route.response_model).dump_python(parsed, by_alias=True)
        assert set(dumped) == set(example), route.path  # no key the model would drop
        checked += 1
    assert checked >= 15
