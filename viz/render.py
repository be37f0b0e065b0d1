"""Self-contained HTML for a view: one file, every script and style inside, no request.

pyvis builds the vis-network node, edge and option objects, but its page templates are
not used: they link Bootstrap (and, unless told otherwise, vis-network) from a CDN, write
node ids into ``<option>`` elements unescaped, and switch every tooltip to ``innerHTML``
as soon as one title contains "href". Our template (viz/templates/view.html) inlines the
vendored vis-network build (viz/static/) and our own script, which shows document text
only through ``textContent``; the graph travels as JSON in a ``<script
type="application/json">`` block with ``<``, ``>`` and ``&`` escaped, so no name or title
can end the block. A Content-Security-Policy that allows exactly the two inline scripts
(by hash) and no network access backs this up.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Sequence
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from graph.store.base import GraphStore
from viz.views import GraphView, shared_view, topics_view

__all__ = [
    "build_network",
    "content_security_policy",
    "page_data",
    "render_html",
    "write_demo_views",
    "write_html",
]

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}
_CLOSES_SCRIPT = re.compile(r"</script", re.IGNORECASE)
_CLOSES_STYLE = re.compile(r"</style", re.IGNORECASE)


@cache
def _asset(name: str) -> str:
    text = (STATIC / name).read_text(encoding="utf-8")
    closer = _CLOSES_STYLE if name.endswith(".css") else _CLOSES_SCRIPT
    if closer.search(text) or "<!--" in text:
        raise ValueError(f"viz/static/{name} cannot be inlined: it would end its element")
    return text


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
    )


def _version() -> str:
    try:
        return version("coauthor-kg")
    except PackageNotFoundError:
        return "dev"


def _options(view: GraphView) -> dict[str, Any]:
    big = not view.physics
    physics: dict[str, Any] = {"enabled": False}
    if view.physics:
        physics = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -70,
                "centralGravity": 0.012,
                "springLength": 110,
                "springConstant": 0.06,
                "avoidOverlap": 0.4,
            },
            "minVelocity": 1.0,
            "stabilization": {"enabled": True, "iterations": 500, "updateInterval": 50},
        }
    return {
        "autoResize": True,
        "nodes": {
            "shape": "dot",
            "borderWidth": 1.5,
            "scaling": {
                "min": 4 if big else 9,
                "max": 26 if big else 34,
                "label": {
                    "enabled": True,
                    "min": 12 if big else 14,
                    "max": 22 if big else 24,
                    "maxVisible": 26,
                    "drawThreshold": 7 if big else 4,
                },
            },
            "font": {
                "size": 13,
                "face": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
                "color": "#1f2328",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {
            "smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.35},
            "scaling": {"min": 1, "max": 8, "label": {"enabled": False}},
            "selectionWidth": 1.5,
            "hoverWidth": 1.0,
        },
        "interaction": {
            "hover": True,
            "hoverConnectedEdges": not big,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "physics": physics,
        "layout": {"randomSeed": 7, "improvedLayout": not big and len(view.nodes) <= 150},
    }


def build_network(view: GraphView) -> Network:
    """The pyvis network of a view: nodes, edges (ids e0, e1, ...) and vis options.

    ``directed=True`` only skips pyvis's quadratic duplicate-edge scan (views never
    repeat an edge); ``arrows=""`` switches arrows off, except on a directed edge.
    Colours are single hex strings that the page script expands (border, hover,
    highlight), which keeps a 5,000-node page small.
    """
    net = Network(directed=True, cdn_resources="in_line")
    for n in view.nodes:
        extra: dict[str, Any] = {}
        if n.x is not None and n.y is not None:
            extra.update(x=n.x, y=n.y)
        net.add_node(
            n.id,
            label=n.label,
            shape=n.shape,
            color=n.color,
            value=n.value,
            **extra,
        )
    for i, e in enumerate(view.edges):
        net.add_edge(
            e.source,
            e.target,
            id=f"e{i}",
            value=e.value,
            color=e.color,
            arrows="to" if e.arrow else "",
            **({"dashes": True} if e.dashes else {}),
        )
    net.options = _options(view)
    return net


def page_data(view: GraphView) -> dict[str, Any]:
    """Everything the page script needs, as one JSON-ready dict."""
    net = build_network(view)
    nodes, edges, _heading, _h, _w, options_json = net.get_network_data()
    return {
        "kind": view.kind,
        "title": view.title,
        "physics": view.physics,
        "options": json.loads(options_json),
        "nodes": nodes,
        "edges": edges,
        "info": {
            "nodes": {n.id: {"h": n.heading, "f": n.facts, "c": n.category} for n in view.nodes},
            "edges": {
                f"e{i}": {"f": e.facts, "p": e.papers} | ({"h": e.heading} if e.heading else {})
                for i, e in enumerate(view.edges)
            },
        },
        "papers": {pid: [p.title, p.year, p.venue] for pid, p in sorted(view.papers.items())},
    }


def _script_json(obj: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: with ``<``, ``>``
    and ``&`` escaped, no string can close the element or open a comment."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, esc in _JSON_ESCAPES.items():
        text = text.replace(ch, esc)
    return text


def _sha256(text: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


def content_security_policy(*scripts: str) -> str:
    """No network, no plugins, only the given inline scripts (by hash). vis-network
    injects a stylesheet at run time, hence inline styles."""
    hashes = " ".join(_sha256(s) for s in scripts)
    return (
        "default-src 'none'; "
        f"script-src {hashes}; "
        "style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def render_html(view: GraphView) -> str:
    """The whole page for a view, as a string."""
    vis_js = _asset("vis-network.min.js")
    app_js = _asset("view.js")
    template = _environment().get_template("view.html")
    return template.render(
        csp=content_security_policy(vis_js, app_js),
        version=_version(),
        kind=view.kind,
        title=view.title,
        subset=view.subset,
        legend=view.legend,
        notes=view.notes,
        n_nodes=len(view.nodes),
        n_edges=len(view.edges),
        css=Markup(_asset("view.css")),
        data_json=Markup(_script_json(page_data(view))),
        vis_js=Markup(vis_js),
        app_js=Markup(app_js),
    )


def write_html(view: GraphView, path: Path) -> Path:
    """Write the page to ``path`` (folders created) and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(view), encoding="utf-8")
    return path


def write_demo_views(store: GraphStore, authors: Sequence[str], out_dir: Path) -> list[Path]:
    """The demo's pages: the shared-collaborator and topic views of ``authors``."""
    out_dir = Path(out_dir)
    return [
        write_html(shared_view(store, authors), out_dir / "shared.html"),
        write_html(topics_view(store, authors), out_dir / "topics.html"),
    ]
