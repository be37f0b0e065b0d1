"""Graph stores: ``open_store`` picks Neo4j when NEO4J_URI is set, else the embedded one."""

from __future__ import annotations

from graph.settings import Settings
from graph.store.base import GraphStore

__all__ = ["GraphStore", "open_store"]


def open_store(settings: Settings, *, in_memory: bool = False) -> GraphStore:
    """The store the settings describe. ``in_memory`` gives a throwaway embedded store."""
    from graph.store.memory import MemoryStore

    if in_memory:
        return MemoryStore(None)
    if settings.neo4j_uri:
        from graph.store.neo4j import Neo4jStore

        return Neo4jStore.from_settings(settings)
    return MemoryStore(settings.data_dir)
