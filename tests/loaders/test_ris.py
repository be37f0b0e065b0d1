"""loaders.ris on the three real RIS exports, and on the ways RIS files break.

Counts come from /work/shared/realdata/SOURCES.md (litstudy: 25 records, 163 ``AU``
lines, one of them the duplicated sole author of record 1) and exports/counts.json (the
Scopus and Zotero files), which were made without this loader.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

from graph.ingest import load_paths
from graph.store.memory import MemoryStore
from loaders.records import InstitutionRef, ParsedDocument
from loaders.registry import get_format, sniff_format
from loaders.ris import parse_ris
from tests.conftest import REALDATA, SEEDS

EXPORTS = REALDATA / "exports"
COUNTS = json.loads((EXPORTS / "counts.json").read_text())
IEEE = EXPORTS / "litstudy__example.ris"
SCOPUS = EXPORTS / "ris" / "hengxyz_Scopus4HistCite__scopus.ris"
ZOTERO = EXPORTS / "ris" / "KhalidMHASNI_SLR-automatic-screening-__Exported_Items.ris"


def _load(path: Path) -> ParsedDocument:
    # newline="" keeps the file's own line breaks (CRLF, CR, LF) for the loader to read
    with path.open(encoding="utf-8", newline="") as fh:
        return parse_ris(fh.read(), path=str(path))


@pytest.fixture(scope="module")
def ieee() -> ParsedDocument:
    return _load(IEEE)


@pytest.fixture(scope="module")
def scopus() -> ParsedDocument:
    return _load(SCOPUS)


@pytest.fixture(scope="module")
def zotero() -> ParsedDocument:
    return _load(ZOTERO)


def _counts(path: Path) -> dict[str, object]:
    counts: dict[str, object] = COUNTS[str(path.relative_to(REALDATA))]
    return counts


# ----------------------------------------------------------------- IEEE Xplore (litstudy)


def test_ieee_ris_reads_every_record_despite_mixed_line_breaks(ieee: ParsedDocument) -> None:
    # records are separated by "\r\n\n\r": rispy alone loses every record after a bare CR
    raw = IEEE.read_bytes()
    assert raw.count(b"\r\n") and raw.replace(b"\r\n", b"").count(b"\r")
    assert ieee.read == len(ieee.papers) == 25 and ieee.errors == []
    assert Counter(p.kind for p in ieee.papers) == {"CONF": 17, "JOUR": 8}
    lines = raw.splitlines()
    assert all(lines[p.line - 1].startswith(b"TY  - ") for p in ieee.papers)
    assert [p.line for p in ieee.papers][:3] == [1, 27, 63]
    assert not any("\r" in p.title or "\r" in (p.abstract or "") for p in ieee.papers)


def test_ieee_ris_duplicated_sole_author_is_one_author(ieee: ParsedDocument) -> None:
    # AU  - G. Kalbe
    # AU  - G. Kalbe
    first = ieee.papers[0]
    assert first.title == "The European Approach to the Exascale Challenge"
    assert [(a.name, a.position) for a in first.authors] == [("G. Kalbe", 1)]
    assert IEEE.read_bytes().count(b"AU  - ") == 163
    assert sum(len(p.authors) for p in ieee.papers) == 162


def test_ieee_ris_names_are_given_first_initials(ieee: ParsedDocument) -> None:
    # AU  - A. S. Z. Belloum ... AU  - B. Somosk\u00f6i (record 2, line 27)
    second = ieee.papers[1]
    assert second.line == 27 and second.title == "Reference Exascale Architecture"
    names = [a.name for a in second.authors]
    assert names[:3] == ["M. Bob\u00e1k", "L. Hluchy", "A. S. Z. Belloum"]
    assert len(names) == 14
    assert all(a.initials_only for p in ieee.papers for a in p.authors)
    assert second.venue is not None and second.venue.kind == "conference"
    assert second.venue.name == "2019 15th International Conference on eScience (eScience)"
    assert second.doi == "10.1109/escience.2019.00063" and second.year == 2019


# ----------------------------------------------------------------------- Scopus RIS


def test_scopus_ris_counts(scopus: ParsedDocument) -> None:
    counts = _counts(SCOPUS)
    papers = scopus.papers
    assert scopus.read == len(papers) == counts["records"] == 87 and scopus.errors == []
    assert sum(len(p.authors) for p in papers) == counts["author_slots"] == 292
    assert sum(len(p.references) for p in papers) == counts["cited_refs"] == 2703
    assert sum(1 for p in papers if p.references) == counts["records_with_refs"]
    assert sum(1 for p in papers if p.doi) == counts["records_with_doi"] == 78
    assert Counter(p.kind for p in papers) == counts["TY"]
    # every AU is "Ross, A." style
    assert sum(a.initials_only for p in papers for a in p.authors) == counts["AU_initials_only"]


def test_scopus_ris_first_record_by_hand(scopus: ParsedDocument) -> None:
    # TY  - JOUR / TI  - Information fusion in biometrics / T2  - Pattern Recognition Letters
    # AU  - Ross, A. / AU  - Jain, A.
    # AD  - Dept. of Computer Science/Eng., Michigan State University, 3115 Engineering
    #       Building, East Lansing, MI 48824, United States
    # N1  - Cited By :1066
    # N1  - Correspondence Address: Jain, A.; Dept. of Computer Science/Eng., Michigan State
    #       University, ...; email: jain@cse.msu.edu
    # N1  - References: Ben-Yacoub, S., Abdeljaoued, Y., Mayoraz, E., (1999) Fusion of ...; (27)
    first = scopus.papers[0]
    assert first.line == 1 and first.title == "Information fusion in biometrics"
    assert first.cited_by == 1066 and first.year == 2003
    assert first.doi == "10.1016/s0167-8655(03)00079-5"
    assert first.scopus_eid == "2-s2.0-0038343934"
    assert first.venue is not None and first.venue.name == "Pattern Recognition Letters"
    assert first.venue.kind == "journal"
    ross, jain = first.authors
    assert (ross.name, ross.raw, ross.initials_only) == ("A. Ross", "Ross, A.", True)
    assert ross.institutions == () and ross.email is None  # AD is not paired with AU
    assert jain.email == "jain@cse.msu.edu" and jain.affiliation == "Michigan State University"
    assert jain.institutions == (
        InstitutionRef(
            name="Michigan State University",
            country="United States",
            address="Dept. of Computer Science/Eng., Michigan State University, "
            "3115 Engineering Building, East Lansing, MI 48824, United States",
        ),
    )
    assert len(first.references) == 27
    assert first.references[0].raw.startswith("Ben-Yacoub, S., Abdeljaoued, Y., Mayoraz, E.,")
    assert first.references[-1].raw == (
        "Zuev, Y., Ivanon, S., The voting as a way to increase the decision reliability (1996) "
        "Foundations of Information/Decision Fusion With Applications to Engineering Problems, "
        "pp. 206-210. , Washington, DC, USA"
    )


def test_scopus_ris_correspondence_matches_a_differently_spaced_name(
    scopus: ParsedDocument,
) -> None:
    # AU  - Marcialis, G.L. ... N1  - Correspondence Address: Marcialis, G. L.; Department of
    # Electrical and Electronic Engineering, University of CagliariItaly; email: marcialis@...
    paper = next(p for p in scopus.papers if p.title.startswith("First international finger"))
    assert paper.kind == "SER" and paper.line == 386
    marcialis = paper.authors[0]
    assert marcialis.raw == "Marcialis, G.L." and marcialis.name == "G. L. Marcialis"
    # Scopus glued the country to the university: kept as written, and no country taken
    assert marcialis.affiliation == "University of CagliariItaly"
    assert marcialis.institutions[0].country is None
    assert marcialis.email is not None and marcialis.email.startswith("marcialis@")
    assert [a.institutions for a in paper.authors[1:]] == [()] * 8


def test_scopus_ris_quirks(scopus: ParsedDocument) -> None:
    papers = scopus.papers
    # A2 editors (68 lines) are not authors; SN "01678655 (ISSN) " and the 2,636 trailing
    # spaces leave no blank at the end of any value
    assert SCOPUS.read_text().count("\nA2  - ") == 68
    assert not any(a.raw != a.raw.strip() for p in papers for a in p.authors if a.raw)
    assert not any(r.raw != r.raw.strip() or not r.raw for p in papers for r in p.references)
    # TY  - SER: proceedings in a book series, named by T2
    series = [p for p in papers if p.kind == "SER"]
    assert len(series) == 11
    assert all(p.venue is not None and p.venue.kind == "conference" for p in series)
    # one Cited By note per cited record; 86 records link their Scopus page with the EID
    assert sum(1 for p in papers if p.cited_by is not None) == 56
    assert sum(1 for p in papers if p.scopus_eid) == 86
    # KW repeats a keyword that is both an author and an index keyword ("Biometrics")
    assert [t.name for t in papers[0].topics].count("Biometrics") == 1


# ------------------------------------------------------------------------ Zotero RIS


def test_zotero_ris_counts(zotero: ParsedDocument) -> None:
    counts = _counts(ZOTERO)
    papers = zotero.papers
    assert zotero.read == len(papers) == counts["records"] == 467 and zotero.errors == []
    assert sum(len(p.authors) for p in papers) == counts["author_slots"] == 1506
    assert sum(a.initials_only for p in papers for a in p.authors) == counts["AU_initials_only"]
    assert sum(1 for p in papers if p.doi) == counts["records_with_doi"] == 465
    assert sum(1 for p in papers if not p.authors) == counts["records_without_author"] == 2
    assert Counter(p.kind for p in papers) == counts["TY"]
    assert sum(len(p.references) for p in papers) == counts["cited_refs"] == 0


def test_zotero_ris_quirks(zotero: ParsedDocument) -> None:
    papers = zotero.papers
    # the two CONF records without author
    assert sorted(p.title for p in papers if not p.authors) == [
        "IPAS 2025 Abstract Page",
        "Real-Time Deep Learning Platforms",
    ]
    # DA  - 2025/// and DA  - 2024/07//: years, never a made-up day
    assert all(p.year is not None and p.date is None for p in papers)
    # CRLF throughout: nothing of it left in values
    assert not any("\r" in p.title or any("\r" in a.name for a in p.authors) for p in papers)
    # C3 holds the proceedings title of a CONF record without T2 (line 1386):
    # TY  - CONF / TI  - Real-Time Ensemble-Based Deepfake Detection for Virtual ...
    # C3  - 2025 International Conference on Intelligent Computing and Knowledge Extraction
    #       (ICICKE) / DA  - 2025/06// / N1  - <p>2025 International Conference on ...</p>
    paper = next(p for p in papers if p.line == 1386)
    assert paper.title.startswith("Real-Time Ensemble-Based Deepfake Detection")
    assert paper.venue is not None and paper.venue.kind == "conference"
    assert paper.venue.name == (
        "2025 International Conference on Intelligent Computing and Knowledge Extraction (ICICKE)"
    )
    assert paper.year == 2025 and paper.date is None
    assert paper.doi == "10.1109/icicke65317.2025.11136248"


def test_zotero_ris_first_record_by_hand(zotero: ParsedDocument) -> None:
    # AU  - Maheshwari, R. Uma / AU  - Kumarganesh, S. / AU  - K V M, Shree / ...
    # T2  - Plasmonics / DA  - 2025/// / PY  - 2025 / DO  - 10.1007/s11468-024-02407-0
    first = zotero.papers[0]
    assert first.line == 1 and len(first.authors) == 10
    assert [(a.name, a.initials_only) for a in first.authors[:3]] == [
        ("R. Uma Maheshwari", False),
        ("S. Kumarganesh", True),
        ("Shree K V M", False),
    ]
    assert first.doi == "10.1007/s11468-024-02407-0" and first.year == 2025
    assert first.venue is not None and first.venue.name == "Plasmonics"
    assert first.topics[0].name == "Biosensor" and first.topics[0].kind == "author_keyword"


# -------------------------------------------------------------------- broken files


_GOOD = "TY  - JOUR\nTI  - Good\nAU  - Doe, J.\nER  - \n"


def test_a_record_without_er_is_an_error_and_the_next_one_is_read() -> None:
    text = "TY  - JOUR\nTI  - Cut\nAU  - A, B\n\n" + _GOOD + "TY  - CONF\nTI  - Last\n"
    doc = parse_ris(text, path="x.ris")
    assert doc.read == 3 and [p.title for p in doc.papers] == ["Good"]
    assert [(e.line, e.reason) for e in doc.errors] == [
        (1, "record has no ER line before the next TY at line 5"),
        (9, "record has no ER line before the end of the file"),
    ]


def test_tagged_lines_outside_a_record_are_one_error() -> None:
    text = "Provider: Example\r\n\r\nAU  - Orphan, A.\r\nTI  - Lost\r\nER  - \r\n" + _GOOD
    doc = parse_ris(text, path="x.ris")
    assert doc.read == 2 and [p.title for p in doc.papers] == ["Good"]
    assert [e.line for e in doc.errors] == [3]


def test_a_record_without_title_is_an_error() -> None:
    doc = parse_ris("TY  - JOUR\nAU  - Doe, J.\nER  - \n" + _GOOD, path="x.ris")
    assert doc.read == 2 and len(doc.papers) == 1
    assert doc.errors[0].line == 1 and "no title" in doc.errors[0].reason


def test_continuations_repeats_and_dates() -> None:
    text = (
        "\ufeffTY  - JOUR\rTI  - First title\rTI  - Second title\rKW  - long\r  keyword\r"
        "AU  - Solo, Han\rAD  - Univ A, Country A\rAD  - Lab B, Country B\r"
        "PY  - 2020///\rDA  - 2020/05/17\rUR  - https://doi.org/10.1/X\rER  - \r"
    )
    (paper,) = parse_ris(text, path="x.ris").papers
    assert paper.title == "First title"
    assert [t.name for t in paper.topics] == ["long keyword"]
    assert paper.year == 2020 and paper.date == dt.date(2020, 5, 17)
    assert paper.doi == "10.1/x" and paper.url is None
    # one author: the record's addresses are hers
    (solo,) = paper.authors
    assert solo.name == "Han Solo" and [i.name for i in solo.institutions] == ["Univ A", "Lab B"]


def test_adjacent_duplicate_authors_collapse_but_not_distant_ones() -> None:
    authors = "AU  - Wang, Y.\nAU  - Wang, Y.\nAU  - Li, X.\nAU  - Wang, Y.\n"
    text = f"TY  - JOUR\nTI  - T\n{authors}ER  - \n"
    (paper,) = parse_ris(text, path="x.ris").papers
    assert [a.name for a in paper.authors] == ["Y. Wang", "X. Li", "Y. Wang"]
    assert [a.position for a in paper.authors] == [1, 2, 3]


# ------------------------------------------------------------------ registry and ingest


@pytest.mark.parametrize(("path", "records"), [(IEEE, 25), (SCOPUS, 87), (ZOTERO, 467)])
def test_each_sample_is_sniffed_and_loaded_end_to_end(path: Path, records: int) -> None:
    assert sniff_format(path) == "ris"
    (doc,) = load_paths(MemoryStore(None), [path]).documents
    assert (doc.format, doc.status, doc.errors) == ("ris", "loaded", [])
    assert doc.read == doc.loaded + doc.merged + doc.skipped == records


def _heads() -> dict[Path, str]:
    """The first 8 KB of every sample file the project has, as sniffing sees them."""
    files = [p for p in [*REALDATA.rglob("*"), *SEEDS.rglob("*")] if p.is_file()]
    return {p: p.read_bytes()[:8192].decode("utf-8", "replace") for p in files}


def test_ris_claims_only_ris_files() -> None:
    sniff = get_format("ris").sniff
    claimed = {p for p, head in _heads().items() if sniff(head)}
    assert claimed == {IEEE, SCOPUS, ZOTERO}


def test_ris_sniff_skips_a_download_header() -> None:
    sniff = get_format("ris").sniff
    assert sniff("\ufeffProvider: Springer\r\nContent: text/plain\r\n\r\nTY  - JOUR\r\n")
    assert not sniff("PMID- 1\nTI  - A MEDLINE record\nTY  - not first\n")
