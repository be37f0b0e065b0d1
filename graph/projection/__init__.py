"""The co-authorship projection: the whole co-authorship graph as compact arrays,
built from the store's one whole-graph read after each completed load, stamped with
that load, saved beside the store and memory-mapped by every process that serves it.

Graph algorithms (paths, distances, communities, centrality, recommendations, time
windows) run on it, so both stores give the same answers; the names and papers an
answer shows are read from the store. Neo4j's Graph Data Science works the same way:
project, then run the algorithms in memory.
"""

from __future__ import annotations

from graph.projection.build import load_stamp
from graph.projection.cache import build_projection, projection_for, refresh_after_load
from graph.projection.core import Projection
from graph.projection.window import WHOLE, Window

__all__ = [
    "WHOLE",
    "Projection",
    "Window",
    "build_projection",
    "load_stamp",
    "projection_for",
    "refresh_after_load",
]
