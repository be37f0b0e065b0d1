"""The citation view: arrows from citing to cited authors, and the works all of them
cite; the same page from the CLI (`viz citations`) and the API (/views/citations)."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.cli import app
from graph.ingest import load_paths
from graph.store.memory import MemoryStore
from tests.api.conftest import make_client
from tests.test_cli import runner
from viz.citations import citation_view
from viz.render import page_data

DATA = Path(__file__).resolve().parent.parent / "data" / "citations"


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    s = MemoryStore(None)
    load_paths(s, [DATA])
    return s


def test_arrows_point_from_the_citing_author(store: MemoryStore) -> None:
    view = citation_view(store, ["Ann Lee", "Muhammad Ovais Ahmad"])
    lee, ahmad = (n.id for n in view.nodes if n.category == "queried")
    (edge,) = view.edges
    assert (edge.source, edge.target, edge.arrow) == (lee, ahmad, True)
    assert edge.heading == "Ann Lee → Muhammad Ovais Ahmad"
    # the citing paper and the cited one are listed under the arrow
    assert {view.papers[p].title for p in edge.papers} == {
        "Kanban at a small software startup",
        "Kanban in software engineering: A systematic mapping study",
    }
    data = page_data(view)
    assert [e["arrows"] for e in data["edges"]] == ["to"]
    assert view.notes[-1] == "No work is cited by all of them."


def test_works_all_of_them_cite_are_gold_squares(store: MemoryStore) -> None:
    view = citation_view(store, ["Ann Lee", "B. Kim"])
    common = [n for n in view.nodes if n.category == "common"]
    assert len(common) == 2 and all(n.shape == "square" for n in common)
    assert len(view.edges) == 4 and all(e.arrow for e in view.edges)
    assert "None of these authors cites another." in view.notes


def test_cli_and_api_give_the_page(store: MemoryStore, tmp_path: Path) -> None:
    data_dir = tmp_path / "store"
    loaded = runner.invoke(
        app, ["load", str(DATA), "--data-dir", str(data_dir)], env={"NEO4J_URI": ""}
    )
    assert loaded.exit_code == 0, loaded.output
    out = tmp_path / "c.html"
    result = runner.invoke(
        app,
        ["viz", "citations", "Ann Lee", "B. Kim", "-o", str(out), "--data-dir", str(data_dir)],
        env={"NEO4J_URI": ""},
    )
    assert result.exit_code == 0, result.output
    assert '"arrows":"to"' in out.read_text(encoding="utf-8")
    with make_client(store) as client:
        r = client.get("/views/citations", params={"author": ["Ann Lee", "B. Kim"]})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        assert '"arrows":"to"' in r.text
        assert client.get("/views/citations", params={"author": ["Ann Lee"]}).status_code == 422
