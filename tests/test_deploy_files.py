"""docker-compose.yml and the Dockerfile, tested as far as a machine with no Docker
engine can: the files parse, and their services, ports and variables agree with the
app's settings."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from graph.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def _compose() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_services_and_image() -> None:
    c = _compose()
    assert set(c["services"]) == {"neo4j", "app"}
    neo4j = c["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert "healthcheck" in neo4j
    assert any(v.endswith(":/data") for v in neo4j["volumes"])
    assert c["services"]["app"]["depends_on"]["neo4j"]["condition"] == "service_healthy"


def test_compose_ports_are_loopback_only() -> None:
    for name, service in _compose()["services"].items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port} beyond loopback"


def test_compose_env_matches_settings_and_requires_a_password() -> None:
    app_env = _compose()["services"]["app"]["environment"]
    aliases = {f.validation_alias for f in Settings.model_fields.values()}
    assert set(app_env) <= aliases
    assert app_env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert re.fullmatch(r"\$\{NEO4J_PASSWORD:\?[^}]+\}", app_env["NEO4J_PASSWORD"])
    neo4j_auth = _compose()["services"]["neo4j"]["environment"]["NEO4J_AUTH"]
    assert neo4j_auth.startswith("neo4j/${NEO4J_PASSWORD:?")
    # the compose URI is one the app accepts
    Settings(NEO4J_URI=app_env["NEO4J_URI"])


def test_dockerfile_copies_what_exists_and_serves_the_api() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    for src in re.findall(r"^COPY (\S+)", text, re.M):
        assert (ROOT / src).exists(), f"Dockerfile copies missing {src}"
    assert '"serve", "--host", "0.0.0.0", "--port", "8000"' in text
    assert "8000:8000" in str(_compose()["services"]["app"]["ports"])
