"""Issue 13's identity rules on the same works exported two ways, on both stores.

The Helioszjr Web of Science and Scopus files of the realdata come from one course
that searched both databases: seven DOIs are in both (SOURCES.md), and five more works
are in both with the DOI only Scopus gives (same title, same people; Scopus adds one
title's Turkish original in brackets). The Scopus file
(the old layout, no ``Author full names``) names every author by initials ("Villacís
C."), the WoS file in full (``AF``). Each shared work must be one paper carrying every
identifier, each of its authors once, in whichever order the files are loaded. And a
name given as initials never joins another person who merely shares them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest import load_paths
from graph.model import name_key, title_key
from graph.person_names import compatibility
from graph.store.base import GraphStore
from graph.store.memory import MemoryStore
from graph.store.records import PaperDetail
from loaders.records import PaperRecord
from loaders.registry import DocumentSpec, parse_document, sniff_format
from tests.conftest import REALDATA

WOS = REALDATA / "exports" / "wos-plaintext" / "Helioszjr_Bibliometrix__savedrecs.txt"
SCOPUS = REALDATA / "exports" / "scopus-csv" / "Helioszjr_Bibliometrix__scopus.csv"
ORDERS = {"wos-then-scopus": (WOS, SCOPUS), "scopus-then-wos": (SCOPUS, WOS)}


def _records(path: Path) -> list[PaperRecord]:
    return parse_document(DocumentSpec(path, sniff_format(path))).papers


def _paper(store: GraphStore, key: str) -> PaperDetail:
    (pid,) = store.match_paper_keys([key])[key]
    detail = store.paper_detail(pid)
    assert detail is not None
    return detail


def _initials_only(store: GraphStore, author_id: str) -> bool:
    key = "aid:" + author_id
    (match,) = store.match_author_keys([key], source="")[key]
    return match.initials_only


@pytest.mark.realdata
@pytest.mark.parametrize("order", ORDERS.values(), ids=ORDERS.keys())
def test_one_paper_per_shared_work_with_each_author_once(
    empty_store: GraphStore, order: tuple[Path, Path]
) -> None:
    summary = load_paths(empty_store, list(order))
    scopus = {r.doi.casefold(): r for r in _records(SCOPUS) if r.doi}
    wos = _records(WOS)
    by_doi = [(w, scopus[w.doi.casefold()]) for w in wos if w.doi and w.doi.casefold() in scopus]
    assert len(by_doi) == 7  # SOURCES.md
    # the five WoS records without a DOI that Scopus has, matched on title and people
    scopus_titles = {title_key(r.title): r for r in scopus.values()}
    by_title = [
        (w, scopus_titles[title_key(w.title)])
        for w in wos
        if not w.doi and title_key(w.title) in scopus_titles
    ]
    assert len(by_title) == 5
    assert summary.to_json()["merged"] == 12

    for w, s in [*by_doi, *by_title]:
        assert s.doi is not None
        paper = _paper(empty_store, "doi:" + s.doi.casefold())
        # one paper: the WoS UT, the Scopus EID and the DOI on it, both files behind it
        assert paper.ids["wos_ut"] == w.wos_ut, w.title
        assert paper.ids["scopus_eid"] == s.scopus_eid, w.title
        assert paper.ids["doi"] == s.doi.casefold()
        assert _paper(empty_store, "wos:" + str(w.wos_ut)).id == paper.id
        assert {src.format for src in paper.sources} == {"wos", "scopus"}
        # each author once, by the full name WoS gives, holding the Scopus author id
        names = [a.name for a in paper.authors]
        assert sorted(names) == sorted(a.name for a in w.authors), w.title
        keys = [name_key(n) for n in names]
        assert not [
            (a, b) for i, a in enumerate(keys) for b in keys[i + 1 :] if compatibility(a, b)
        ], names
        for author in paper.authors:
            assert not _initials_only(empty_store, author.id), author.name
        scopus_ids = {a.scopus_author_id for a in s.authors}
        held = {
            d.ids.get("scopus_author_id")
            for a in paper.authors
            if (d := empty_store.author_detail(a.id)) is not None
        }
        assert held == scopus_ids, w.title

    neko = _paper(empty_store, "doi:10.1109/icci54321.2022.9756085")
    assert [a.name for a in neko.authors] == [
        "Juan Patricio Marroquin Gavelan",
        "Perla Patricia Peralta Mezones",
        "Ciro Rodriguez",
    ]


def _people(store: GraphStore) -> list[str]:
    return sorted(links.author.name for links in store.iter_coauthorships())


@pytest.mark.realdata
def test_the_same_people_in_either_order(empty_store: GraphStore) -> None:
    """Beyond the shared works: the WoS title of one work is cut ("Machine Learning
    Applied to Prevention and Mental"), so its Scopus record is a paper of its own, and
    its "Ponce E.K." joins the WoS "Kcomt Ponce, Edwin" on the co-authors they share,
    spelled in full in one file and by initials in the other ("Flores Cruz, Melissa"
    and "Cruz M.F."). Nobody in this course's collection shares a family name and first
    initial with someone else, so no two authors may have compatible names, whichever
    file comes first."""
    load_paths(empty_store, [WOS, SCOPUS])
    people = _people(empty_store)
    keys = [name_key(n) for n in people]
    assert not [(a, b) for i, a in enumerate(keys) for b in keys[i + 1 :] if compatibility(a, b)]
    other = MemoryStore()
    load_paths(other, [SCOPUS, WOS])
    assert _people(other) == people
    assert "Edwin Kcomt Ponce" in people


# Web of Science records without AF name their authors by initials only. "Zhang, Z" of
# the second record shares the initials of the Zili Zhang and the Zhiwei Zhang of the
# others, and nothing else: no co-author, venue, topic, identifier or work in common.
# The fourth shares a co-author with the first, by initials ("Smith, J" and "Smith,
# John"): evidence enough for "Zhang, Z" to be Zili Zhang, whom it then names.
HEADER = "FN Clarivate Analytics Web of Science\nVR 1.0\n"
NAMESAKES = [
    "PT J\nAU Zhang, Z\n   Smith, J\nAF Zhang, Zili\n   Smith, John\n"
    "TI Congestion control for datacenter networks\nSO JOURNAL OF NETWORKING\nPY 2015\n"
    "UT WOS:000000000000001\nER\n",
    "PT J\nAU Zhang, Z\n   Brown, K\n"
    "TI Protein folding kinetics in crowded cells\nSO BIOPHYSICAL LETTERS\nPY 2021\n"
    "UT WOS:000000000000002\nER\n",
    "PT J\nAU Zhang, Z\n   Green, L\nAF Zhang, Zhiwei\n   Green, Lisa\n"
    "TI Medieval trade routes of the Hanseatic league\nSO HISTORY QUARTERLY\nPY 2009\n"
    "UT WOS:000000000000003\nER\n",
    "PT J\nAU Zhang, Z\n   Smith, J\n"
    "TI Load balancing with programmable switches\nSO SYSTEMS REVIEW\nPY 2017\n"
    "UT WOS:000000000000004\nER\n",
]


@pytest.mark.parametrize("reverse", [False, True], ids=["in-order", "reversed"])
def test_initials_join_only_on_evidence(
    empty_store: GraphStore, tmp_path: Path, reverse: bool
) -> None:
    records = NAMESAKES[::-1] if reverse else NAMESAKES
    path = tmp_path / "savedrecs.txt"
    path.write_text(HEADER + "\n".join(records) + "\nEF\n", encoding="utf-8")
    summary = load_paths(empty_store, [path])
    assert summary.to_json()["errors"] == []

    zhangs = []
    for n in (1, 2, 3, 4):
        paper = _paper(empty_store, f"wos:WOS:{n:015d}")
        (zhang,) = [a for a in paper.authors if a.name.endswith("Zhang")]
        zhangs.append(zhang)
    # three people, none invented: the initials-only one is its own node, marked so;
    # the fourth record's Zhang is the first's, on their shared co-author
    assert [a.name for a in zhangs] == ["Zili Zhang", "Z. Zhang", "Zhiwei Zhang", "Zili Zhang"]
    assert zhangs[0].id == zhangs[3].id
    assert len({a.id for a in zhangs}) == 3
    assert [_initials_only(empty_store, a.id) for a in zhangs[:3]] == [False, True, False]
