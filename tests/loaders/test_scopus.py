"""loaders.scopus on the real Scopus CSV exports, in both layouts.

Expected counts come from exports/counts.json; for ``litstudy__scopus.csv`` (not in
counts.json) from SOURCES.md (58 rows) and a csv pass over the file independent of the
loader: 213 ids in ``Author(s) ID``, 9 ``[No author name available]`` rows, and 2,452
"; "-separated ``References`` items once each row's cells are lined up with the header
(56 of the 58 rows carry one more cell than the 45-column header: a second "Funding
Text" column the header lacks).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from graph.ingest import load_paths
from graph.store.memory import MemoryStore
from loaders import scopus
from loaders.errors import ParseError
from loaders.records import InstitutionRef, PaperRecord, RecordError
from loaders.registry import sniff_format
from loaders.wos import iter_wos
from tests.conftest import REALDATA

EXPORTS = REALDATA / "exports"
OLD = EXPORTS / "scopus-csv" / "Helioszjr_Bibliometrix__scopus.csv"
NEW = EXPORTS / "scopus-csv" / "Dhik_data_fortech__scopus.csv"
LITSTUDY = EXPORTS / "litstudy__scopus.csv"

Item = PaperRecord | RecordError


def _read(path: Path) -> list[Item]:
    with path.open("rb") as fh:
        return list(scopus.iter_scopus(fh, path=str(path)))


def _csv(text: str) -> list[Item]:
    return list(scopus.iter_scopus(io.BytesIO(text.encode("utf-8")), path="t.csv"))


def _papers(path: Path) -> list[PaperRecord]:
    items = _read(path)
    assert all(isinstance(i, PaperRecord) for i in items), [str(i) for i in items]
    return [i for i in items if isinstance(i, PaperRecord)]


@pytest.fixture(scope="module")
def papers() -> dict[str, list[PaperRecord]]:
    return {p.name: _papers(p) for p in (OLD, NEW, LITSTUDY)}


@pytest.mark.realdata
@pytest.mark.parametrize("path", [OLD, NEW], ids=["old-layout", "2023-layout"])
def test_counts_equal_counts_json(path: Path, papers: dict[str, list[PaperRecord]]) -> None:
    counts = json.loads((EXPORTS / "counts.json").read_text(encoding="utf-8"))
    c = counts[str(path.relative_to(REALDATA))]
    got = papers[path.name]
    assert len(got) == c["records"]
    assert sum(len(p.authors) for p in got) == c["author_slots"]
    assert sum(1 for p in got for a in p.authors if a.scopus_author_id) == c["author_slots"]
    assert sum(1 for p in got if not p.authors) == c["no_author_name_available"]
    assert sum(len(p.references) for p in got) == c["cited_refs"]
    assert sum(1 for p in got if p.references) == c["records_with_refs"]
    assert sum(1 for p in got if p.doi) == c["records_with_doi"]
    assert Counter(p.kind for p in got) == c["Document Type"]
    eids = [p.scopus_eid for p in got]
    assert all(e and e.startswith("2-s2.0-") for e in eids) and len(set(eids)) == len(eids)
    assert all(p.url and p.url.startswith("https://www.scopus.com/") for p in got)


@pytest.mark.realdata
def test_litstudy_counts_and_realigned_rows(papers: dict[str, list[PaperRecord]]) -> None:
    got = papers[LITSTUDY.name]
    assert len(got) == 58
    assert sum(len(p.authors) for p in got) == 213
    assert sum(1 for p in got if not p.authors) == 9
    assert sum(len(p.references) for p in got) == 2452
    # after realignment every row has its EID, document type and language where they belong
    assert all(p.scopus_eid and p.scopus_eid.startswith("2-s2.0-") for p in got)
    assert Counter(p.kind for p in got).most_common(1)[0][0] == "Article"
    assert "Scopus" not in {p.kind for p in got}
    # row 3 (line 4): its References cell is in the shifted column; its correspondence
    # line names two authors separated by a newline
    third = got[2]
    assert third.references[0].raw == (
        "Edelstein-Keshet, L., (2005) Mathematical Models in Biology, , SIAM"
    )
    assert [(a.name, a.email) for a in third.authors[:2]] == [
        ("K. Gutowska", "kaja.gutowska@cs.put.poznan.pl"),
        ("D. Kogut", "daria.kogut@polsl.pl"),
    ]


@pytest.mark.realdata
def test_lines_are_where_rows_start(papers: dict[str, list[PaperRecord]]) -> None:
    """Cells with newlines make rows span lines: ``line`` is each row's first line."""
    for path in (OLD, NEW, LITSTUDY):
        got = papers[path.name]
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        for p in got:
            first = p.authors[0].raw if p.authors else "[No author name available]"
            assert lines[p.line - 1].lstrip('"').startswith(first or ""), (path.name, p.line)
    assert [p.line for p in papers[LITSTUDY.name]][:5] == [2, 3, 4, 6, 7]
    assert [p.line for p in papers[OLD.name]] == list(range(2, 83))


@pytest.mark.realdata
def test_old_layout_first_row(papers: dict[str, list[PaperRecord]]) -> None:
    p = papers[OLD.name][0]
    # Authors: Govil N., Sharma A. / Author(s) ID: 57209571323;57220907015;
    assert [(a.name, a.raw, a.initials_only, a.scopus_author_id) for a in p.authors] == [
        ("N. Govil", "Govil N.", True, "57209571323"),
        ("A. Sharma", "Sharma A.", True, "57220907015"),
    ]
    # Authors with affiliations: Govil, N., Department of CEA, IET, GLA University, 17 km
    # Stone, NH-2, Mathura-Delhi Road, P.O. Chaumuhan, (U.P.), Mathura, 281 406, India; ...
    address = (
        "Department of CEA, IET, GLA University, 17 km Stone, NH-2, Mathura-Delhi Road, "
        "P.O. Chaumuhan, (U.P.), Mathura, 281 406, India"
    )
    expected = InstitutionRef(name="GLA University", country="India", address=address)
    assert all(a.institutions == (expected,) for a in p.authors)
    assert p.authors[0].affiliation == "GLA University"
    # Correspondence Address: Govil, N.; Department of CEA, ...; email: nikhil.govil@gla.ac.in
    assert [a.email for a in p.authors] == ["nikhil.govil@gla.ac.in", None]
    assert p.title == (
        "Validation of agile methodology as ideal software development process using "
        "Fuzzy-TOPSIS method"
    )
    assert (p.year, p.cited_by, p.kind) == (2022, 2, "Article")
    assert p.doi == "10.1016/j.advengsoft.2022.103125"
    assert p.scopus_eid == "2-s2.0-85127865888"
    assert p.venue is not None
    assert (p.venue.name, p.venue.kind) == ("Advances in Engineering Software", "journal")
    assert [t.name for t in p.topics if t.kind == "author_keyword"][:2] == [
        "Agile Software Development",
        "Decision support system",
    ]
    assert sum(1 for t in p.topics if t.kind == "index_keyword") == 17
    first_ref = p.references[0]
    assert first_ref.first_author == "Nayak, V." and first_ref.year == 2018
    assert (first_ref.volume, first_ref.page) == ("3", "366")


@pytest.mark.realdata
def test_old_layout_quirks(papers: dict[str, list[PaperRecord]]) -> None:
    got = papers[OLD.name]
    # [No author name available] / [No author id available] rows: papers without authors
    nameless = [p for p in got if not p.authors]
    assert [p.line for p in nameless] == [14, 19]
    # a mononym among the ", "-separated authors (line 43); Authors with affiliations:
    # Nurbojatmiko, Faculty of Computer Science, Universitas Indonesia, UI Campus, ...
    (nurbo,) = [a for p in got for a in p.authors if a.raw == "Nurbojatmiko"]
    assert (nurbo.name, nurbo.initials_only, nurbo.institutions[0].country) == (
        "Nurbojatmiko",
        False,
        "Indonesia",
    )
    # a conference paper's venue is a conference; "Retracted" is kept as the kind
    assert Counter(p.venue.kind for p in got if p.venue) == {
        "conference": 62,
        "journal": 16,
        "other": 3,
    }
    assert sum(1 for p in got if p.kind == "Retracted") == 1


@pytest.mark.realdata
def test_2023_layout_first_rows(papers: dict[str, list[PaperRecord]]) -> None:
    got = papers[NEW.name]
    p = got[0]
    # Authors: Zheng Y.; Liu H.; ... / Author full names: Zheng, Yue (57218135275); ...
    first = p.authors[0]
    assert (first.name, first.raw, first.initials_only, first.scopus_author_id) == (
        "Yue Zheng",
        "Zheng Y.",
        False,
        "57218135275",
    )
    assert len(p.authors) == 14
    # Authors with affiliations: Zheng Y., Department of Radiology, The First Hospital of
    # China Medical University, Shenyang, China; ...
    assert first.institutions == (
        InstitutionRef(
            name="The First Hospital of China Medical University",
            country="China",
            address=(
                "Department of Radiology, The First Hospital of China Medical University, "
                "Shenyang, China"
            ),
        ),
    )
    # Correspondence Address: T. Liu; ...; email: cmuliuting@sina.cn; X. Zhang; ...;
    # email: winter_zhang1982@hotmail.com
    assert {a.name: a.email for a in p.authors if a.email} == {
        "Ting Liu": "cmuliuting@sina.cn",
        "Xinfeng Zhang": "winter_zhang1982@hotmail.com",
    }
    assert p.pmid == "36912379" and p.references == ()
    # row 2: Speers C., Department of Radiation Oncology, University of Michigan, Ann Arbor,
    # MI, United States, Comprehensive Cancer Center, University of Michigan, ...: two
    # affiliations in one entry, told apart by the Affiliations column
    speers = got[1].authors[0]
    assert [i.address for i in speers.institutions] == [
        "Department of Radiation Oncology, University of Michigan, Ann Arbor, MI, United States",
        "Comprehensive Cancer Center, University of Michigan, Ann Arbor, MI, United States",
    ]
    # the organisation, not the unit inside it: both are the University of Michigan
    assert [i.name for i in speers.institutions] == [
        "University of Michigan",
        "University of Michigan",
    ]


@pytest.mark.realdata
def test_2023_layout_suffixes_stay_with_their_names(papers: dict[str, list[PaperRecord]]) -> None:
    got = papers[NEW.name]
    # Authors: ...; Slingluff C.L., Jr; ... is one author, not two
    (row,) = [p for p in got if any(a.raw == "Slingluff C.L., Jr" for a in p.authors)]
    assert len(row.authors) == 8 and not any(a.raw == "Jr" for a in row.authors)
    # Authors with affiliations: D'Agostino R.B., Jr., Department of Biostatistics ...
    dagostino = [a for p in got for a in p.authors if a.raw == "D'Agostino R.B., Jr."]
    assert dagostino and all(a.affiliation for a in dagostino)
    assert sum(1 for p in got for a in p.authors if a.initials_only) == 49


@pytest.mark.realdata
def test_same_records_in_wos_and_scopus(papers: dict[str, list[PaperRecord]]) -> None:
    """SOURCES.md: seven DOIs of the Helioszjr WoS file are also in its Scopus file."""
    wos_path = EXPORTS / "wos-plaintext" / "Helioszjr_Bibliometrix__savedrecs.txt"
    with wos_path.open("rb") as fh:
        wos_dois = {p.doi for p in iter_wos(fh, path=str(wos_path)) if isinstance(p, PaperRecord)}
    shared = wos_dois & {p.doi for p in papers[OLD.name]} - {None}
    assert len(shared) == 7


# ---------------------------------------------------------------- synthetic

HEADER = "Authors,Author(s) ID,Title,Year,Source title,Funding Text 1,References,EID\n"


def test_rows_that_do_not_line_up_are_errors() -> None:
    items = _csv(
        HEADER
        + "Doe J.,1;,A title,2020,Nature,,,2-s2.0-1\n"
        + "Doe J.,1;,Shifted,2020,Nature,,extra,,2-s2.0-2\n"  # one more funding text: fine
        + "Doe J.,1;,Broken,2020,Nature,,,,not an eid\n"
        + ",,,2020,Nature,,,2-s2.0-4\n"
    )
    assert [type(i).__name__ for i in items] == [
        "PaperRecord",
        "PaperRecord",
        "RecordError",
        "RecordError",
    ]
    assert isinstance(items[1], PaperRecord) and items[1].scopus_eid == "2-s2.0-2"
    errors = [i for i in items if isinstance(i, RecordError)]
    assert [(e.line, e.reason) for e in errors] == [
        (4, "the cells do not line up with the header (no EID in the EID column)"),
        (5, "no title"),
    ]


def test_large_fields_are_read() -> None:
    """A References cell past csv's default 128 KiB field limit (a long review's)."""
    default = 128 * 1024
    previous = csv.field_size_limit(default)
    try:
        refs = "; ".join(f"Doe, J., Work {i} (2001) Journal, {i}, pp. 1-2" for i in range(6000))
        assert len(refs) > default
        (p,) = _csv(HEADER + f'Doe J.,1;,T,2020,Nature,,"{refs}",2-s2.0-1\n')
        assert isinstance(p, PaperRecord) and len(p.references) == 6000
    finally:
        csv.field_size_limit(previous)


def test_whole_file_errors() -> None:
    with pytest.raises(ParseError, match="empty"):
        _csv("")
    with pytest.raises(ParseError, match="not a Scopus CSV export"):
        _csv("Lens ID,Title,Date Published\n1,T,2020\n")


@pytest.mark.realdata
def test_sniffing() -> None:
    for path in (OLD, NEW, LITSTUDY):
        assert scopus.looks_like_scopus(path.read_bytes()[:8192].decode("utf-8", "replace"))
    ieee = (EXPORTS / "litstudy__ieee.csv").read_bytes()[:8192].decode("utf-8", "replace")
    lens = next((EXPORTS / "lens-csv").glob("*.csv")).read_bytes()[:8192].decode("utf-8")
    assert not scopus.looks_like_scopus(ieee) and not scopus.looks_like_scopus(lens)


@pytest.mark.realdata
@pytest.mark.parametrize(("path", "read"), [(OLD, 81), (NEW, 129), (LITSTUDY, 58)])
def test_each_sample_is_sniffed_and_loaded(path: Path, read: int) -> None:
    assert sniff_format(path) == "scopus"
    store = MemoryStore(None)
    (doc,) = load_paths(store, [path]).documents
    assert (doc.format, doc.status, doc.read, doc.errors) == ("scopus", "loaded", read, [])
    assert doc.read == doc.loaded + doc.merged + doc.skipped
    assert doc.loaded > 0
