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
    # AF Biesialska, Katarzyna / Franch, Xavier / Muntes-Mulero, Victor; PY 2021
    # C1 [Biesialska, Katarzyna; Franch, Xavier] Univ Politecn Cataluna, Barcelona, Spain.
    #    [Muntes-Mulero, Victor] Beawre Digital SL, Barcelona, Spain.
    assert _where(store, "Katarzyna Biesialska") == [(2021, "Univ Politecn Cataluna", "Spain")]
    assert _where(store, "Xavier Franch") == [(2021, "Univ Politecn Cataluna", "Spain")]
    assert _where(store, "Victor Muntes-Mulero") == [(2021, "Beawre Digital SL", "Spain")]
    # C1 [Marroquin Gavelan, Juan Patricio; Peralta Mezones, Perla Patricia; Rodriguez,
    #    Ciro] San Marcos Major Natl Univ, Software Engn Dept, Lima, Peru.   PY 2022
    assert _where(store, "Ciro Rodriguez") == [(2022, "San Marcos Major Natl Univ", "Peru")]


def test_scopus_authors_with_affiliations(store: GraphStore) -> None:
    # Beilharz, F., Monash Alfred Psychiatry Research Centre, Monash University,
    #   Melbourne, Australia; ...  (Year 2021)
    assert _where(store, "F. Beilharz") == [(2021, "Monash University", "Australia")]
    # Rossell, S.L., Centre for Mental Health, Swinburne University of Technology,
    #   Melbourne, Australia, Psychiatry, St Vincent's Hospital, Melbourne, Australia
    assert sorted(_where(store, "S. L. Rossell")) == [
        (2021, "St Vincent's Hospital", "Australia"),
        (2021, "Swinburne University of Technology", "Australia"),
    ]


def test_members_and_country_pairs(store: GraphStore) -> None:
    members = queries.institution_members(store, "Univ Politecn Cataluna")
    assert [m.name for m in members.members] == ["Katarzyna Biesialska", "Xavier Franch"]
    assert members.institution.country == "Spain"
    # a paper whose authors are all in Spain is no international pair
    pairs = queries.collaboration(store, "country", top=1000).pairs
    assert all("ES" not in (p.a.id, p.b.id) or p.a.id != p.b.id for p in pairs)
    assert all(p.a.id < p.b.id for p in pairs)
