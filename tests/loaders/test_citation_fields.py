"""What the loaders give the citation graph: each format's references, and the volume and
first page of the record itself, from which graph/resolve.py derives the key a reference
to it would have (loaders.references.work_key)."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.dblp import parse_dblp
from loaders.openalex import parse_openalex
from loaders.records import AuthorRef, PaperRecord, VenueRef
from loaders.references import cited_key, first_page, parse_wos_ref, work_key
from loaders.registry import discover, parse_document
from loaders.ris import parse_ris
from tests.conftest import REALDATA

EXPORTS = REALDATA / "exports"


def _papers(path: Path) -> list[PaperRecord]:
    (spec,) = discover([path])
    return parse_document(spec).papers


@pytest.mark.realdata
@pytest.mark.parametrize(
    ("path", "volume", "page", "key"),
    [
        # metaknowledge's first record: VL 52, BP 133, AU BREVIK, I, PY 1979
        (EXPORTS / "metaknowledge__savedrecs.txt", "52", "133", "brevik|i|1979|p133"),
        (
            EXPORTS / "scopus-csv" / "Dhik_data_fortech__scopus.csv",
            "58",
            "1533",
            "zheng|y|2023|p1533",
        ),
        (
            EXPORTS / "pubmed-xml" / "xizhou_pubMR__pubmed_result.xml",
            "508",
            "675",
            "yang|b|2019|p675",
        ),
        (
            EXPORTS / "crossref-json" / "yongrenjie_abbotsbury__test1.json",
            "21",
            "2918",
            "mansfield|s|2019|p2918",
        ),
        (
            EXPORTS / "ris" / "hengxyz_Scopus4HistCite__scopus.ris",
            "24",
            "2115",
            "ross|a|2003|p2115",
        ),
        (
            REALDATA / "openalex" / "b-vitamins_openalex-python__W2741809807.json",
            "6",
            "e4375",
            "piwowar|h|2018|pe4375",
        ),
    ],
)
def test_first_record_volume_page_and_work_key(
    path: Path, volume: str, page: str, key: str
) -> None:
    first = _papers(path)[0]
    assert (first.volume, first.first_page) == (volume, page)
    assert work_key(first) == key


@pytest.mark.realdata
def test_a_work_key_equals_the_key_of_a_wos_reference_to_it() -> None:
    """metaknowledge's first record is BREVIK I 1979 PHYS REP V52 P133; a WoS reference
    list writes it "Brevik I, 1979, PHYS REP, V52, P133"."""
    record = _papers(EXPORTS / "metaknowledge__savedrecs.txt")[0]
    assert work_key(record) == cited_key(parse_wos_ref("Brevik I, 1979, PHYS REP, V52, P133"))


def test_work_key_needs_a_first_page_and_reads_display_names() -> None:
    base = PaperRecord(title="t", line=1, year=2018, venue=VenueRef(name="PeerJ"))
    assert work_key(base) is None  # no author, no page
    piwowar = AuthorRef(name="Heather Piwowar", position=1, raw="Heather Piwowar")
    assert work_key(PaperRecord(title="t", line=1, year=2018, authors=(piwowar,))) is None
    with_page = PaperRecord(title="t", line=1, year=2018, authors=(piwowar,), first_page="e4375")
    assert work_key(with_page) == "piwowar|h|2018|pe4375"
    inferred = AuthorRef(name="Owner Person", inferred=True)
    assert work_key(PaperRecord(title="t", line=1, year=2018, authors=(inferred,))) is None


def test_initials_first_authors_key_like_family_first_ones() -> None:
    """Semantic Scholar writes "A. Turing" where WoS writes "TURING AM"."""
    from loaders.records import CitedRef

    s2 = CitedRef(raw="x", first_author="A. Turing", year=1950, page="433")
    wos = parse_wos_ref("TURING AM, 1950, MIND, V59, P433")
    assert cited_key(s2) == cited_key(wos) == "turing|a|1950|p433"


def test_first_page() -> None:
    assert [first_page(p) for p in ("123-130", " 7 ", "e12, e14", "", None)] == [
        "123",
        "7",
        "e12",
        None,
        None,
    ]


@pytest.mark.realdata
def test_scopus_ris_references_are_parsed() -> None:
    path = EXPORTS / "ris" / "hengxyz_Scopus4HistCite__scopus.ris"
    doc = parse_ris(path.read_text(encoding="utf-8"), path=str(path))
    refs = [r for p in doc.papers for r in p.references]
    assert len(refs) == 2703
    brunelli = doc.papers[0].references[2]
    assert brunelli.raw.startswith("Brunelli, R., Falavigna, D., Person identification")
    assert (brunelli.first_author, brunelli.year, brunelli.volume, brunelli.page) == (
        "Brunelli, R.",
        1995,
        "12",
        "955",
    )
    assert sum(cited_key(r) is not None for r in refs) > 0.9 * len(refs)


@pytest.mark.realdata
def test_openalex_referenced_works_and_cited_by_count() -> None:
    path = REALDATA / "openalex" / "b-vitamins_openalex-python__W2741809807.json"
    (work,) = parse_openalex(path.read_bytes(), path=str(path)).papers
    assert work.cited_by == 962
    assert len(work.references) == 45
    assert work.references[0].openalex_id == work.references[0].raw == "W1560783210"


def test_dblp_cites_name_dblp_keys_and_dots_are_dropped() -> None:
    xml = (
        '<?xml version="1.0"?><dblp><article key="journals/x/A20">'
        "<author>Ann Author</author><title>T.</title><year>2020</year>"
        "<volume>12</volume><pages>34-56</pages>"
        "<cite>journals/cacm/Codd70</cite><cite>...</cite><cite>conf/sigmod/B19</cite>"
        "</article></dblp>"
    )
    (paper,) = parse_dblp(xml, path="x.xml").papers
    assert (paper.volume, paper.first_page) == ("12", "34")
    assert [(r.raw, r.dblp_key) for r in paper.references] == [
        ("journals/cacm/Codd70", "journals/cacm/Codd70"),
        ("conf/sigmod/B19", "conf/sigmod/B19"),
    ]
