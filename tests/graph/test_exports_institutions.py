"""Institutions and countries of real Web of Science and Scopus records, checked by hand
against the files (the lines quoted above each check), on both stores."""

from __future__ import annotations

import pytest

from graph import queries
from graph.ingest import load_paths
from graph.store.base import GraphStore
from tests.conftest import REALDATA

pytestmark = pytest.mark.realdata

WOS = REALDATA / "exports" / "wos-plaintext" / "Helioszjr_Bibliometrix__savedrecs.txt"
SCOPUS = REALDATA / "exports" / "scopus-csv" / "Helioszjr_Bibliometrix__scopus.csv"


@pytest.fixture
def store(empty_store: GraphStore) -> GraphStore:
    load_paths(empty_store, [WOS, SCOPUS])
    return empty_store


def _where(store: GraphStore, name: str) -> list[tuple[int | None, str, str | None]]:
    (author,) = queries.institutions_of(store, [name]).authors
    return [(y.year, i.name, i.country) for y in author.by_year for i in y.institutions]


def test_wos_c1_address_groups(store: GraphStore) -> None:
    # Each of these works is in both files, so each author is one person with the WoS C1
    # institution (abbreviated) beside the Scopus one (spelled out) for that paper.
    # AF Biesialska, Katarzyna / Franch, Xavier / Muntes-Mulero, Victor; PY 2021
    # C1 [Biesialska, Katarzyna; Franch, Xavier] Univ Politecn Cataluna, Barcelona, Spain.
    #    [Muntes-Mulero, Victor] Beawre Digital SL, Barcelona, Spain.
    # Scopus: Biesialska, K., Universitat Politècnica de Catalunya, Barcelona, Spain; ...
    #    Muntes-Mulero, V., Beawre Digital S.L, Barcelona, Spain
    upc = [
        (2021, "Univ Politecn Cataluna", "Spain"),
        (2021, "Universitat Politècnica de Catalunya", "Spain"),
    ]
    assert sorted(_where(store, "Katarzyna Biesialska")) == upc
    assert sorted(_where(store, "Xavier Franch")) == upc
    assert sorted(_where(store, "Victor Muntes-Mulero")) == [
        (2021, "Beawre Digital S.L", "Spain"),
        (2021, "Beawre Digital SL", "Spain"),
    ]
    # C1 [Marroquin Gavelan, Juan Patricio; Peralta Mezones, Perla Patricia; Rodriguez,
    #    Ciro] San Marcos Major Natl Univ, Software Engn Dept, Lima, Peru.   PY 2022
    # Scopus: Rodriguez, C., San Marcos Major National University, ..., Lima, Peru
    assert sorted(_where(store, "Ciro Rodriguez")) == [
        (2022, "San Marcos Major National University", "Peru"),
        (2022, "San Marcos Major Natl Univ", "Peru"),
    ]


def test_scopus_authors_with_affiliations(store: GraphStore) -> None:
    # Beilharz, F., Monash Alfred Psychiatry Research Centre, Monash University,
    #   Melbourne, Australia; ...  (Year 2021); the WoS record of the same work (C1 ...
    #   Monash Univ ...) names her in full, and the two are one author
    beilharz = queries.institutions_of(store, ["F. Beilharz"]).authors[0]
    assert beilharz.name == "Francesca Beilharz"
    assert sorted(_where(store, "F. Beilharz")) == [
        (2021, "Monash Univ", "Australia"),
        (2021, "Monash University", "Australia"),
    ]
    # Rossell, S.L., Centre for Mental Health, Swinburne University of Technology,
    #   Melbourne, Australia, Psychiatry, St Vincent's Hospital, Melbourne, Australia
    scopus = {
        (2021, "St Vincent's Hospital", "Australia"),
        (2021, "Swinburne University of Technology", "Australia"),
    }
    assert scopus <= set(_where(store, "S. L. Rossell"))


def test_members_and_country_pairs(store: GraphStore) -> None:
    members = queries.institution_members(store, "Univ Politecn Cataluna")
    assert [m.name for m in members.members] == ["Katarzyna Biesialska", "Xavier Franch"]
    assert members.institution.country == "Spain"
    # a paper whose authors are all in Spain is no international pair
    pairs = queries.collaboration(store, "country", top=1000).pairs
    assert all("ES" not in (p.a.id, p.b.id) or p.a.id != p.b.id for p in pairs)
    assert all(p.a.id < p.b.id for p in pairs)
