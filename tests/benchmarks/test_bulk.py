"""graph/bulk.py: the import CSVs (headers, ids, escaping) and a real import whose
answers equal the normal loader's."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from pydantic import BaseModel

from benchmarks.generate import GenParams, ensure_corpus
from benchmarks.picks import choose_picks
from benchmarks.server import BenchNeo4j
from graph import queries
from graph.bulk import (
    ARRAY_DELIMITER,
    RowAccumulator,
    bulk_load,
    csv_header,
    write_import_csvs,
)
from graph.errors import WriteForbiddenError
from graph.ingest import load_paths
from graph.model import (
    AuthoredRow,
    AuthorRow,
    FromSourceRow,
    GraphBatch,
    PaperRow,
    SourceRow,
)
from graph.store.base import GraphStore
from loaders.errors import CoauthorKGError
from loaders.registry import file_sha256


def test_headers_are_typed_from_the_rows() -> None:
    assert csv_header(AuthorRow) == [
        "id:ID",
        "name",
        "name_key",
        "surname_key",
        "aliases:string[]",
        "orcid",
        "dblp_pid",
        "openalex_id",
        "scopus_author_id",
        "s2_author_id",
        "researcher_id",
        "has_profile:boolean",
        "h_index:long",
        "citations:long",
        "profile_paper_count:long",
        "novelty:double",
        "ai_score:double",
        "affiliations:string[]",
        "initial_key",
        "given_key",
        "initials_only:boolean",
        "created_by",
        "emails:string[]",
    ]
    assert csv_header(AuthoredRow, relationship=True) == [
        ":START_ID",
        ":END_ID",
        "position:long",
        "inferred:boolean",
        "equal_contribution:boolean",
        "sources:string[]",
        "evidence",
        "strength:double",
        "weak:boolean",
        "occurrences:string[]",
    ]
    assert csv_header(PaperRow)[:5] == ["id:ID", "title", "title_key", "year:long", "date"]


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_csvs_dedupe_merge_and_escape(tmp_path: Path) -> None:
    tricky = 'Jean "JJ" O\'Brien, Jr.; Ph.D.'
    author = AuthorRow(
        "A1",
        tricky,
        "jean jj o brien jr ph d",
        "d",
        aliases=[tricky, "J; O'Brien"],
        affiliations=["Lab, Inc.\nBuilding 2"],
    )
    again = AuthorRow(
        "A1", "Other Spelling", "x", "x", aliases=["J. O'Brien"], ids={"orcid": "0000-1"}
    )
    paper = PaperRow("P1", 'A, "quoted" title', "a quoted title", year=2020)
    batch = GraphBatch(
        authors=[author],
        papers=[paper],
        sources=[SourceRow("S1", "x.xml", "dblp", "abc", "now")],
        authored=[AuthoredRow("A1", "P1", 1, False)],
        from_source=[FromSourceRow("P1", "S1", 3)],
    )
    acc = RowAccumulator()
    acc.write(batch)
    acc.write(GraphBatch(authors=[again], authored=[AuthoredRow("A1", "P1", None, True)]))
    files = write_import_csvs(acc, tmp_path)

    rows = _read(tmp_path / "nodes_author.csv")
    assert rows[0] == csv_header(AuthorRow)
    assert len(rows) == 2  # one author, merged
    cell = dict(zip(rows[0], rows[1], strict=True))
    assert cell["id:ID"] == "A1"
    assert cell["name"] == tricky  # first-seen name wins, quotes and commas survive
    assert cell["aliases:string[]"].split(ARRAY_DELIMITER) == sorted(
        [tricky, "J; O'Brien", "J. O'Brien"]
    )
    assert cell["orcid"] == "0000-1"
    assert cell["h_index:long"] == ""  # null: no property
    assert cell["has_profile:boolean"] == "false"
    assert cell["affiliations:string[]"] == "Lab, Inc.\nBuilding 2"

    edges = _read(tmp_path / "rels_authored.csv")
    assert edges == [
        csv_header(AuthoredRow, relationship=True),
        ["A1", "P1", "1", "false", "false", "", "new", "1.0", "false", ""],
    ]
    by_label = {f.label: f for f in files.files}
    assert by_label["Author"].multiline and not by_label["Paper"].multiline
    args = files.arguments()
    assert f"--nodes=Author={tmp_path / 'nodes_author.csv'}" in args
    assert f"--relationships=AUTHORED={tmp_path / 'rels_authored.csv'}" in args
    assert f"--multiline-fields={tmp_path / 'nodes_author.csv'}" in args
    assert acc.counts()["nodes"] == {
        "Author": 1,
        "Paper": 1,
        "Venue": 0,
        "Topic": 0,
        "Source": 1,
        "Institution": 0,
    }


def _answers(store: GraphStore, picks_n: int, seed: int) -> str:
    from graph.store.neo4j import Neo4jStore

    assert isinstance(store, Neo4jStore)
    picks = choose_picks(store, picks_n, seed)
    out: list[object] = [queries.stats(store).model_dump()]
    for triple, pair, name in zip(picks.triples, picks.pairs, picks.names, strict=True):
        asks: tuple[Callable[[], BaseModel], ...] = (
            partial(queries.shared_collaborators, store, triple),
            partial(queries.topic_overlap, store, triple),
            partial(queries.collaboration_path, store, pair[0], pair[1]),
            partial(queries.resolve_name, store, name),
            partial(queries.coauthors, store, name),
        )
        for ask in asks:
            try:
                out.append(ask().model_dump(by_alias=True))
            except CoauthorKGError as exc:
                out.append({"error": type(exc).__name__, "message": str(exc)})
    return json.dumps(out, sort_keys=True)


@pytest.mark.neo4j
@pytest.mark.slow
def test_bulk_import_answers_like_the_loader(bench_neo4j: BenchNeo4j, tmp_path: Path) -> None:
    corpus, _ = ensure_corpus(tmp_path / "data", "dblp", GenParams(2000, seed=5))
    bench_neo4j.empty()
    store = bench_neo4j.store()
    try:
        load_paths(store, [corpus])
        expected_counts = store.counts()
        expected = _answers(store, 25, seed=3)
    finally:
        store.close()

    with pytest.raises(WriteForbiddenError):  # never replaces a database silently
        bulk_load([corpus], out_dir=tmp_path / "refused", server=bench_neo4j.local)

    summary = bulk_load(
        [corpus], out_dir=tmp_path / "csv", overwrite=True, server=bench_neo4j.local
    )
    assert summary.counts == expected_counts
    totals = summary.load.totals()
    assert totals["read"] == totals["loaded"] + totals["merged"] + totals["skipped"]
    assert totals["loaded"] >= 2000
    store = bench_neo4j.store()
    try:
        assert store.counts() == expected_counts
        assert _answers(store, 25, seed=3) == expected
        assert store.source_complete(file_sha256(corpus))  # a reload would be skipped
    finally:
        store.close()


def test_accumulator_answers_identity_lookups() -> None:
    acc = RowAccumulator()
    acc.write(
        GraphBatch(
            authors=[
                AuthorRow(
                    "A1", "Ann Lee", "ann lee", "lee", aliases=["Ann Lee"], ids={"orcid": "O1"}
                )
            ],
            papers=[PaperRow("P1", "T", "t", ids={"doi": "10.1/x"})],
            authored=[AuthoredRow("A1", "P1", 1, False)],
        )
    )
    assert acc.match_paper_keys(["doi:10.1/x", "title:t", "doi:nope"]) == {
        "doi:10.1/x": ["P1"],
        "title:t": ["P1"],
    }
    assert [a.name_key for a in acc.paper_authors(["P1"], source="S1")["P1"]] == ["ann lee"]
    found = acc.match_author_keys(["orcid:O1", "name:ann lee", "init:a lee"], source="S1")
    assert [m.id for m in found["init:a lee"]] == ["A1"]
    assert [m.id for m in found["orcid:O1"]] == ["A1"] and found["name:ann lee"][0].ids[
        "orcid"
    ] == "O1"
    assert not acc.is_empty()
