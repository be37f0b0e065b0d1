"""One Venue per series with the year on PUBLISHED_IN, and a paper's year the
publication's when a source gives it (graph/venues.py, graph/resolve.merge_paper), on
both stores."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.model import SourceRow
from graph.resolve import Resolver
from graph.store.base import GraphStore
from graph.venues import venue_series
from loaders.records import AuthorRef, PaperRecord, VenueRef


@pytest.mark.parametrize(
    ("name", "acronym", "key"),
    [
        ("Proceedings of the 2021 ACM SIGCOMM Conference", None, "sigcomm"),
        ("ACM SIGCOMM 2021 Conference", None, "sigcomm"),
        ("SIGCOMM", None, "sigcomm"),
        ("SC '23", None, "sc"),
        ("ASPLOS 2025", None, "asplos"),
        ("16th USENIX Symposium on Operating Systems Design (OSDI 22)", None, "osdi"),
        ("Anything at all", "EuroSys '24", "eurosys"),
        ("IEEE Trans. Parallel Distrib. Syst.", None, "ieee trans parallel distrib syst"),
    ],
)
def test_venue_series_keys(name: str, acronym: str | None, key: str) -> None:
    assert venue_series(name, acronym).key == key


def test_a_workshop_is_not_its_conference() -> None:
    workshop = venue_series("Proceedings of the ACM SIGCOMM 2021 Workshop on Hot Topics")
    assert workshop.key != venue_series("SIGCOMM").key
    assert "2021" not in workshop.name


def _write(store: GraphStore, name: str, papers: list[PaperRecord]) -> None:
    source = SourceRow(f"S{name}", name, "test", name.ljust(64, "0"), "2026-01-01")
    batch, _ = Resolver(store, source, store_was_empty=store.is_empty()).resolve(papers)
    store.write(batch)
    store.flush()


def _paper(title: str, doi: str, **kw: object) -> PaperRecord:
    return PaperRecord(title=title, line=1, doi=doi, authors=(AuthorRef("Ann Lee", 1),), **kw)  # type: ignore[arg-type]


def test_one_venue_per_series_with_the_year_on_the_edge(empty_store: GraphStore) -> None:
    _write(empty_store, "a", [
        _paper("One", "10.1/one", year=2021,
               venue=VenueRef("Proceedings of the 2021 ACM SIGCOMM Conference",
                              kind="conference", year=2021)),
        _paper("Two", "10.1/two", year=2022, venue=VenueRef("SIGCOMM", kind="conference")),
    ])  # fmt: skip
    venues, total = empty_store.list_venues(10, 0)
    assert total == 1 and venues[0].name == "SIGCOMM" and venues[0].paper_count == 2
    hits, _ = empty_store.search_papers("", 10, 0)
    years = {}
    for pid in hits:
        detail = empty_store.paper_detail(pid)
        assert detail is not None
        years[detail.title] = [v.year for v in detail.venues]
    assert years == {"One": [2021], "Two": [2022]}


@pytest.mark.parametrize("profile_first", [True, False])
def test_the_publication_year_beats_a_profile_date(
    empty_store: GraphStore, profile_first: bool
) -> None:
    """The same work: a profile page dates the preprint 2020, DBLP says it appeared at a
    conference in 2021."""
    profile = _paper("The work", "10.1/w", date=dt.date(2020, 12, 31))
    dblp = _paper("The work", "10.1/w", year=2021, venue=VenueRef("NSDI", kind="conference"))
    docs = [("profile", profile), ("dblp", dblp)]
    for name, rec in docs if profile_first else reversed(docs):
        _write(empty_store, name, [rec])
    (pid,), _ = empty_store.search_papers("the work", 10, 0)
    detail = empty_store.paper_detail(pid)
    assert detail is not None
    assert detail.year == 2021 and detail.date == "2020-12-31"


def test_between_two_publications_the_earliest_year(empty_store: GraphStore) -> None:
    conf = _paper("X", "10.1/x", year=2021, venue=VenueRef("NSDI", kind="conference"))
    journal = _paper("X", "10.1/x", year=2023, venue=VenueRef("ToN", kind="journal"))
    preprint = _paper("X", "10.1/x", year=2019, venue=VenueRef("arXiv", kind="preprint"))
    for name, rec in (("j", journal), ("p", preprint), ("c", conf)):
        _write(empty_store, name, [rec])
    (pid,), _ = empty_store.search_papers("x", 10, 0)
    detail = empty_store.paper_detail(pid)
    assert detail is not None and detail.year == 2021
