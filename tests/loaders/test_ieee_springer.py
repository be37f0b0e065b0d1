"""loaders.ieee_csv and loaders.springer_csv on the litstudy exports.

Counts from /work/shared/realdata/SOURCES.md (IEEE: 10 rows, 30 columns; Springer: 18
rows, 10 columns) and from the files with the csv module (86 IEEE author names).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest

from graph.ingest import load_paths
from graph.store.memory import MemoryStore
from loaders.errors import ParseError
from loaders.ieee_csv import parse_ieee_csv
from loaders.records import InstitutionRef, ParsedDocument
from loaders.registry import get_format, sniff_format
from loaders.springer_csv import parse_springer_csv
from tests.conftest import REALDATA, SEEDS

IEEE = REALDATA / "exports" / "litstudy__ieee.csv"
SPRINGER = REALDATA / "exports" / "litstudy__springer.csv"


def _text(path: object) -> str:
    with open(str(path), encoding="utf-8", newline="") as fh:
        return fh.read()


@pytest.fixture(scope="module")
def ieee() -> ParsedDocument:
    return parse_ieee_csv(_text(IEEE), path=str(IEEE))


@pytest.fixture(scope="module")
def springer() -> ParsedDocument:
    return parse_springer_csv(_text(SPRINGER), path=str(SPRINGER))


# --------------------------------------------------------------------------- IEEE


def test_ieee_counts(ieee: ParsedDocument) -> None:
    rows = list(csv.reader(io.StringIO(_text(IEEE), newline="")))
    assert len(rows[0]) == 30 and len(rows) == 11
    assert ieee.read == len(ieee.papers) == 10 and ieee.errors == []
    assert [p.line for p in ieee.papers] == list(range(2, 12))  # no field spans lines
    assert sum(len(p.authors) for p in ieee.papers) == 86
    # every name is abbreviated by Xplore ("T. P. Straatsma")
    assert all(a.initials_only for p in ieee.papers for a in p.authors)
    assert all(p.doi for p in ieee.papers)
    assert Counter(p.kind for p in ieee.papers) == {
        "IEEE Conferences": 6,
        "IEEE Journals": 2,
        "IEEE Magazines": 1,
        "IBM Journals": 1,
    }


def test_ieee_authors_pair_with_affiliations_by_position(ieee: ParsedDocument) -> None:
    # line 3: "F. Berberich; J. Liebmann; J. -P. Nominé; O. Pineda; P. Segers; V. Teodor",
    # "PRACE aisbl and Jülich Supercomputing Center, Forschungszetrum Juelich GmbH;
    #  Jülich Supercomputing Center, Forschungszetrum Juelich GmbH; ETP4HPC and Commissariat
    #  à l'énergie atomique et aux énergies alternatives; ..."
    paper = ieee.papers[1]
    assert paper.line == 3 and paper.title == "European HPC Landscape"
    nomine = paper.authors[2]
    assert (nomine.name, nomine.raw, nomine.position) == ("J.-P. Nominé", "J. -P. Nominé", 3)
    assert nomine.affiliation == (
        "ETP4HPC and Commissariat à l'énergie atomique et aux énergies alternatives"
    )
    first = paper.authors[0].institutions[0]
    # the organisation standing on its own (a GmbH) over the centre inside it
    assert first.name == "Forschungszetrum Juelich GmbH"
    assert first.country is None  # the last part is an organisation, not a country
    assert paper.venue is not None and paper.venue.kind == "conference"
    assert paper.cited_by is None and paper.year == 2019


def test_ieee_first_row_by_hand(ieee: ParsedDocument) -> None:
    # "Exascale Computing Trends: Adjusting to the ""New Normal""' for Computer Architecture",
    # "P. Kogge; J. Shalf","University of Notre Dame; Lawrence Berkeley National Laboratory",
    # "Computing in Science & Engineering",...,"2013",...,"10.1109/MCSE.2013.95",...,"51",...
    # "IEEE Magazines"
    paper = ieee.papers[0]
    assert (
        paper.title
        == 'Exascale Computing Trends: Adjusting to the "New Normal"\' for Computer Architecture'
    )
    assert [(a.name, a.affiliation) for a in paper.authors] == [
        ("P. Kogge", "University of Notre Dame"),
        ("J. Shalf", "Lawrence Berkeley National Laboratory"),
    ]
    assert paper.doi == "10.1109/mcse.2013.95" and paper.year == 2013 and paper.cited_by == 51
    assert paper.venue is not None and paper.venue.kind == "journal"
    assert paper.url == "https://ieeexplore.ieee.org/stamp/stamp.jsp?arnumber=6634083"
    # 12 author keywords, "Computer architecture" and "computer architecture" among them
    # 7 IEEE Terms + 8 INSPEC controlled + 10 non-controlled terms, four of them repeated
    # across the columns ("computer architecture" thrice, "parallel programming",
    # "linear algebra")
    kinds = Counter(t.kind for t in paper.topics)
    assert kinds["author_keyword"] == 11 and kinds["index_keyword"] == 21


def test_ieee_na_affiliations_and_country_part(ieee: ParsedDocument) -> None:
    # line 8: 26 authors, "NA; NA; ...": Xplore's "no affiliation"
    ibm = ieee.papers[6]
    assert ibm.kind == "IBM Journals" and len(ibm.authors) == 26
    assert all(a.institutions == () and a.affiliation is None for a in ibm.authors)
    # line 4: "University of Bristol,Department of Computer Science,UK" (no blank after commas)
    assert ieee.papers[2].authors[0].institutions == (
        InstitutionRef(
            name="University of Bristol",
            country="UK",
            address="University of Bristol,Department of Computer Science,UK",
        ),
    )


def test_ieee_unpaired_affiliations_go_to_no_one() -> None:
    # the later litstudy version of this file adds "; another affiliation" to one row
    text = _text(IEEE).replace(
        "University of Notre Dame; Lawrence Berkeley National Laboratory",
        "University of Notre Dame; Lawrence Berkeley National Laboratory; another affiliation",
    )
    paper = parse_ieee_csv(text, path="x.csv").papers[0]
    assert [a.institutions for a in paper.authors] == [(), ()]


def test_ieee_bad_rows_and_headers() -> None:
    header = _text(IEEE).splitlines()[0]
    doc = parse_ieee_csv(header + '\n"only","two"\n', path="x.csv")
    assert doc.read == 1 and doc.papers == []
    assert (doc.errors[0].line, doc.errors[0].reason) == (2, "2 fields where the header has 30")
    with pytest.raises(ParseError, match="no 'Document Title' column"):
        parse_ieee_csv("Title,Authors\nx,y\n", path="x.csv")


# ------------------------------------------------------------------------ Springer


def test_springer_counts(springer: ParsedDocument) -> None:
    assert springer.read == len(springer.papers) == 18 and springer.errors == []
    assert [p.line for p in springer.papers] == list(range(2, 20))
    assert all(p.doi for p in springer.papers)
    assert Counter(p.kind for p in springer.papers) == {"Book": 9, "Chapter": 5, "Article": 4}


def test_springer_authors_are_not_guessed(springer: ParsedDocument) -> None:
    # "Araz R. AlievNigar T. Ismayilova": names run together without a separator; no
    # author is invented, and the record says its list is not given in full
    first = springer.papers[0]
    assert first.title == "Graph-Based Load Balancing Model for Exascale Computing Systems"
    assert first.authors == () and first.authors_truncated and first.author_count is None
    assert all(p.authors == () and p.authors_truncated for p in springer.papers)


def test_springer_venues(springer: ParsedDocument) -> None:
    # line 9: "Programming big data analysis: principles and solutions","Journal of Big Data",
    # "","9","1","10.1186/s40537-021-00555-2",...,"Article"
    article = springer.papers[7]
    assert article.line == 9 and article.kind == "Article"
    assert article.venue is not None and article.venue.kind == "journal"
    assert article.venue.name == "Journal of Big Data"
    # Chapter in "11th International Conference on Theory and Application of Soft Computing..."
    assert springer.papers[0].venue is not None
    assert springer.papers[0].venue.kind == "conference"
    # Book: the series, "Lecture Notes in Networks and Systems"
    book = springer.papers[1]
    assert book.kind == "Book" and book.venue is not None
    assert (book.venue.name, book.venue.kind) == ("Lecture Notes in Networks and Systems", "other")
    assert (
        book.year == 2022 and book.url == "http://link.springer.com/book/10.1007/978-3-030-92127-9"
    )


# ------------------------------------------------------------------ registry and ingest


@pytest.mark.parametrize(
    ("path", "fmt", "records"), [(IEEE, "ieee_csv", 10), (SPRINGER, "springer_csv", 18)]
)
def test_each_sample_is_sniffed_and_loaded_end_to_end(path: Path, fmt: str, records: int) -> None:
    assert sniff_format(path) == fmt
    (doc,) = load_paths(MemoryStore(None), [path]).documents
    assert (doc.format, doc.status, doc.errors) == (fmt, "loaded", [])
    assert doc.read == doc.loaded + doc.merged + doc.skipped == records


def _heads() -> dict[Path, str]:
    """The first 8 KB of every sample file the project has, as sniffing sees them."""
    files = [p for p in [*REALDATA.rglob("*"), *SEEDS.rglob("*")] if p.is_file()]
    return {p: p.read_bytes()[:8192].decode("utf-8", "replace") for p in files}


@pytest.mark.parametrize(("fmt", "sample"), [("ieee_csv", IEEE), ("springer_csv", SPRINGER)])
def test_each_csv_format_claims_only_its_file(fmt: str, sample: Path) -> None:
    sniff = get_format(fmt).sniff
    assert {p for p, head in _heads().items() if sniff(head)} == {sample}
