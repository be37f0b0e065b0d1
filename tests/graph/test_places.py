"""Country spellings of the databases meet in one ISO country; addresses give theirs."""

from __future__ import annotations

import pytest

from graph.places import country_from_address, institution_id, lookup_country


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("Univ Florida, Dept Biol, Gainesville, FL 32611 USA.", "US"),  # WoS C1
        ("Univ Calif Davis, Davis, CA USA", "US"),
        ("Peking Univ, Beijing 100871, Peoples R China", "CN"),
        ("Univ Oxford, Oxford OX1 3PS, England", "GB"),
        ("Univ Glasgow, Glasgow, Lanark, Scotland", "GB"),
        ("UNIV PARIS 11,ORSAY,FRANCE", "FR"),  # old WoS, no spaces
        ("Inst Curie, 75005 Paris France", "FR"),
        ("Tsinghua University, Beijing, China", "CN"),  # Scopus
        ("University of Cambridge, Cambridge, United Kingdom", "GB"),
        ("Dept of X, Harvard Medical School, Boston, MA, United States", "US"),
        ("Univ Nacl, San Salvador, El Salvador", "SV"),
        ("Middle East Tech Univ, Ankara, Turkiye", "TR"),
        ("Seoul Natl Univ, Seoul, South Korea", "KR"),
    ],
)
def test_address_countries(address: str, code: str) -> None:
    found = country_from_address(address)
    assert found is not None and found.code == code


def test_words_are_not_codes_and_unknowns_stay_unknown() -> None:
    assert country_from_address("Programa de Pos Graduacao em Ecologia, Of") is None
    assert lookup_country("de") is None
    assert lookup_country("DE") is not None
    assert country_from_address("Nowhere Land") is None
    assert country_from_address("") is None


def test_one_name_per_country() -> None:
    names = {lookup_country(x).name for x in ("USA", "United States", "US")}  # type: ignore[union-attr]
    assert names == {"United States"}
    assert lookup_country("Peoples R China") == lookup_country("China")


def test_institution_ids() -> None:
    us = lookup_country("USA")
    assert institution_id("Univ Florida", us, None) == institution_id("UNIV  FLORIDA", us, None)
    assert institution_id("Univ Florida", us, None) != institution_id("Univ Florida", None, None)
    assert institution_id("A", us, "02y3ad647") == institution_id("B", None, "02y3ad647")
