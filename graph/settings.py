"""Settings from the environment (and nowhere else: secrets never live in code).

``NEO4J_URI`` set means the graph lives in Neo4j; unset means the embedded store under
``COAUTHOR_KG_DATA_DIR`` (default: the per-user data directory). Identity corrections
(graph/corrections.py) live in ``COAUTHOR_KG_CORRECTIONS`` (default: corrections.toml in
the data directory), outside the store, so ``reset`` keeps them.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", populate_by_name=True)

    data_dir: Path = Field(
        default_factory=lambda: Path(user_data_dir("coauthor-kg")),
        validation_alias="COAUTHOR_KG_DATA_DIR",
    )
    corrections_file: Path | None = Field(default=None, validation_alias="COAUTHOR_KG_CORRECTIONS")
    neo4j_uri: str | None = Field(default=None, validation_alias="NEO4J_URI")
    neo4j_username: str = Field(default="neo4j", validation_alias="NEO4J_USERNAME")
    neo4j_password: SecretStr | None = Field(default=None, validation_alias="NEO4J_PASSWORD")
    neo4j_database: str = Field(default="neo4j", validation_alias="NEO4J_DATABASE")
    api_key: SecretStr | None = Field(default=None, validation_alias="COAUTHOR_KG_API_KEY")
    cypher_timeout_s: float = Field(
        default=5.0, gt=0, le=300, validation_alias="COAUTHOR_KG_CYPHER_TIMEOUT"
    )
    cypher_row_cap: int = Field(
        default=1000, ge=1, le=100_000, validation_alias="COAUTHOR_KG_CYPHER_ROW_CAP"
    )

    @field_validator("neo4j_uri")
    @classmethod
    def _check_uri(cls, v: str | None) -> str | None:
        if v is None or not v.strip():
            return None
        schemes = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")
        if not v.startswith(schemes):
            raise ValueError(f"NEO4J_URI must start with one of {', '.join(schemes)} (got {v!r})")
        return v.strip()

    @property
    def corrections_path(self) -> Path:
        """The identity corrections file every load applies."""
        return self.corrections_file or self.data_dir / "corrections.toml"

    @property
    def store_kind(self) -> str:
        return "neo4j" if self.neo4j_uri else "embedded"


def get_settings(**overrides: object) -> Settings:
    return Settings(**overrides)  # type: ignore[arg-type]
