"""loaders.lens on the real Lens.org export in realdata/exports/lens-csv/.

The counts the file must give are read from exports/counts.json (1,000 rows, 1,624
author slots, 64 rows without authors, 441 rows with references, 7,457 reference Lens
IDs, 743 rows with a DOI, 2 rows with a newline inside a cell); single rows are checked
by hand against the source, quoted in the comments.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from graph.ingest import load_paths
from graph.store.memory import MemoryStore
from loaders.errors import ParseError
from loaders.lens import iter_lens, looks_like_lens, parse_lens
from loaders.records import AuthorRef, CitedRef, PaperRecord, ParsedDocument, TopicRef, VenueRef
from loaders.registry import sniff_format
from tests.conftest import REALDATA

EXPORTS = REALDATA / "exports"
LENS = EXPORTS / "lens-csv" / "spicy-adobo_LIS-4-5693__lens-topology.csv"
HEADER = "Lens ID,Title,Publication Year,Author/s,DOI,References,Citing Works Count\r\n"


def _counts() -> dict[str, Any]:
    counts: dict[str, Any] = json.loads((EXPORTS / "counts.json").read_text())
    return counts[str(LENS.relative_to(REALDATA))]


@pytest.fixture(scope="module")
def doc() -> ParsedDocument:
    return parse_lens(LENS.read_bytes(), path=str(LENS))


def _titled(doc: ParsedDocument, title: str) -> PaperRecord:
    return next(p for p in doc.papers if p.title == title)


@pytest.mark.realdata
def test_counts_match_counts_json(doc: ParsedDocument) -> None:
    counts = _counts()
    assert doc.read == counts["records"] == 1000
    # the 4 "journal issue" rows have no Title (nor authors): reported, not loaded
    assert len(doc.papers) == 996
    assert [e.line for e in doc.errors] == [475, 599, 790, 901]
    assert all(e.reason.startswith("no Title (Lens ID ") for e in doc.errors)
    assert sum(len(p.authors) for p in doc.papers) == counts["author_slots"]
    no_authors = sum(1 for p in doc.papers if not p.authors) + len(doc.errors)
    assert no_authors == counts["records_without_authors"]
    assert sum(1 for p in doc.papers if p.references) == counts["records_with_refs"]
    assert sum(len(p.references) for p in doc.papers) == counts["cited_refs"]
    # the 4 journal issues have a DOI each ("10.1112/topo.2015.8.issue-2", ...)
    assert sum(1 for p in doc.papers if p.doi) + 4 == counts["records_with_doi"]
    kinds = {k: n for k, n in counts["Publication Type"].items() if k and k != "journal issue"}
    for kind, n in kinds.items():
        assert sum(1 for p in doc.papers if p.kind == kind) == n, kind


@pytest.mark.realdata
def test_lines_count_the_newlines_inside_cells(doc: ParsedDocument) -> None:
    # the header is line 1; the rows of "Geometry, Topology, and Dynamics" (lines 235-236)
    # and "Low Dimensional Topology" (lines 238-239) hold "American Mathematical\n Society"
    # (sed -n 235p,237p,238p,240p shows each of those lines starting with a Lens ID)
    lines = [p.line for p in doc.papers]
    assert lines[:3] == [2, 3, 4] and lines[-1] == 1003
    geometry = next(p for p in doc.papers if p.doi == "10.1090/crmp/015")
    low_dim = next(p for p in doc.papers if p.doi == "10.1090/pcms/015")
    after = next(p for p in doc.papers if p.line > low_dim.line)
    assert (geometry.line, low_dim.line, after.line) == (235, 238, 240)
    assert 237 in lines


@pytest.mark.realdata
def test_sensors_row_by_hand(doc: ParsedDocument) -> None:
    # Lens ID 034-524-938-193-490, "A Qualitative Comparison of Different Logical
    # Topologies for Wireless Sensor Networks", Date Published 2012-11-05, journal article,
    # Source Title "Sensors (Basel, Switzerland)", Author/s "Quazi Mamun", PMID 23202192,
    # DOI 10.3390/s121114887, PMCID PMC3522945, Citing Works Count 106, Keywords "logical
    # topology; performance metric; flat topology; cluster topology; tree topology; chain
    # topology", References "000-343-509-223-907; 002-101-230-777-380; ..."
    paper = next(p for p in doc.papers if p.pmcid == "PMC3522945")
    assert paper.title.startswith("A Qualitative Comparison of Different Logical Topologies")
    assert (paper.pmid, paper.doi) == ("23202192", "10.3390/s121114887")
    assert (paper.year, paper.date and paper.date.isoformat()) == (2012, "2012-11-05")
    assert paper.venue == VenueRef(name="Sensors (Basel, Switzerland)", kind="journal", year=2012)
    assert paper.kind == "journal article"
    assert paper.cited_by == 106
    assert paper.authors == (AuthorRef(name="Quazi Mamun", position=1, raw="Quazi Mamun"),)
    keywords = [t.name for t in paper.topics if t.kind == "author_keyword"]
    assert keywords == [
        "logical topology",
        "performance metric",
        "flat topology",
        "cluster topology",
        "tree topology",
        "chain topology",
    ]
    assert paper.references[:2] == (
        CitedRef(raw="000-343-509-223-907", lens_id="000-343-509-223-907"),
        CitedRef(raw="002-101-230-777-380", lens_id="002-101-230-777-380"),
    )
    assert paper.lens_id == "034-524-938-193-490"  # the row's Lens ID
    assert paper.url is None  # External URL is only http://dx.doi.org/10.3390/s121114887


@pytest.mark.realdata
def test_first_row_by_hand(doc: ParsedDocument) -> None:
    # Lens ID 000-129-062-968-365, "Analysis of Topology for Isolated Low-Voltage
    # High-Current Output DC/DC Converter", 2006, journal article, "Telecom Power
    # Technologies", Author/s "HE Sheng-zhong", Fields of Study "Ćuk converter; Flyback
    # converter; ...", External URL https://en.cnki.com.cn/Article_en/CJFDTOTAL-TXDY200601003.htm
    first = doc.papers[0]
    assert first.authors == (AuthorRef(name="Sheng-zhong He", position=1, raw="HE Sheng-zhong"),)
    assert first.topics[:2] == (
        TopicRef("Ćuk converter", kind="concept"),
        TopicRef("Flyback converter", kind="concept"),
    )
    assert first.url == "https://en.cnki.com.cn/Article_en/CJFDTOTAL-TXDY200601003.htm"
    assert (first.doi, first.cited_by, first.references) == (None, 0, ())


@pytest.mark.realdata
def test_author_names(doc: ParsedDocument) -> None:
    authors = [a for p in doc.papers for a in p.authors]
    # SOURCES.md: 15 Chinese-style names with the surname in capitals first
    turned = [
        a
        for a in authors
        if a.raw and a.name.split()[-1].upper() == a.raw.split()[0] != a.raw.split()[-1]
    ]
    assert len(turned) == 15
    assert all(a.name.split()[-1] == a.raw.split()[0].title() for a in turned)
    # "G. Di Maio; L'ubica Holá; D. Holý; R. A. McCoy"
    di_maio = next(p for p in doc.papers if p.doi == "10.1016/s0166-8641(97)00114-4")
    assert [(a.name, a.initials_only) for a in di_maio.authors] == [
        ("G. Di Maio", True),
        ("L'ubica Holá", False),
        ("D. Holý", True),
        ("R. A. McCoy", True),
    ]
    # "A.V. Arhangel'ski": the initials are spaced like every other source writes them
    arh = next(a for a in authors if a.raw == "A.V. Arhangel'ski")
    assert (arh.name, arh.initials_only) == ("A. V. Arhangel'ski", True)
    # Lens writes "null" where the given name is missing: "null Ying Wei"
    assert not any(a.name.startswith("null ") for a in authors)
    assert any(a.raw == "null Ying Wei" and a.name == "Ying Wei" for a in authors)


@pytest.mark.realdata
def test_venue_kinds(doc: ParsedDocument) -> None:
    # "A review of Network Topology": conference proceedings article, Source Title
    # "Proceedings of the 2015 4th International Conference on Computer, Mechatronics,
    # Control and Electronic Engineering"
    review = _titled(doc, "A review of Network Topology")
    assert review.venue is not None and review.venue.kind == "conference"
    assert sum(1 for p in doc.papers if p.venue and p.venue.kind == "preprint") == 84


# ---------------------------------------------------------------- bad rows and files


def _parse(text: str) -> ParsedDocument:
    return parse_lens(text, path="lens.csv")


def test_bad_rows_are_reported_and_reading_goes_on() -> None:
    text = (
        HEADER
        + '000-1,"One",2020,"A B; C D",,,3\r\n'
        + '000-2,"Two",twenty,,,,0\r\n'
        + "000-3,Three,2020\r\n"
        + '000-4,"Four",2021,,,"000-1; 000-2",five\r\n'
        + '000-5,"Five <i>italic</i>",2021,,10.1/X,000-1,1\r\n'
    )
    doc = _parse(text)
    assert [(p.title, p.line) for p in doc.papers] == [("One", 2), ("Five italic", 6)]
    assert [(e.line, e.reason) for e in doc.errors] == [
        (3, "Publication Year is not a number"),
        (4, "row has 3 cells, the header 7"),
        (5, "Citing Works Count is not a number"),
    ]
    assert doc.read == 5
    assert doc.papers[1].references == (CitedRef(raw="000-1"),)


def test_what_is_not_a_lens_export_is_refused() -> None:
    with pytest.raises(ParseError, match="empty file"):
        _parse("")
    with pytest.raises(ParseError, match="not a Lens export"):
        _parse("Authors,Title,Year\r\nA,B,2020\r\n")
    with pytest.raises(ParseError, match="not UTF-8"):
        list(iter_lens(io.BytesIO(HEADER.encode() + b"000-1,\xff\xfe,2020,,,,1\r\n"), path="x.csv"))


def test_the_stream_is_left_open() -> None:
    stream = io.BytesIO((HEADER + "000-1,One,2020,,,,0\r\n").encode())
    assert [r.line for r in iter_lens(stream, path="lens.csv")] == [2]
    assert not stream.closed


@pytest.mark.realdata
def test_sniffing() -> None:
    assert looks_like_lens(LENS.read_text(encoding="utf-8")[:8192])
    assert not looks_like_lens("Title,Lens ID\r\n")


@pytest.mark.realdata
def test_sniffed_and_loaded_end_to_end() -> None:
    assert sniff_format(LENS) == "lens"
    summary = load_paths(MemoryStore(None), [LENS])
    (doc,) = summary.documents
    assert doc.format == "lens" and doc.status == "loaded"
    assert doc.read == doc.loaded + doc.merged + doc.skipped == 1000
    assert doc.skipped == 4
