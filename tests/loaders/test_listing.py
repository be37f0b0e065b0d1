"""loaders.listing on the seed "Daily Papers" page and on damaged or foreign input.

Counts were taken from seeds/003_4f30bac281d78a11.txt itself:
- 46 entries: every entry has one abstract line, ``awk 'length($0)>300' | wc -l`` = 46;
- 40 metadata blocks: ``grep -c '^·$'`` = 40, so 6 entries have none;
- 38 author counts: ``grep -cE '^  • [0-9]+ authors$'`` = 38, summing to 269
  (``grep -oE '• [0-9]+ authors' | awk '{s+=$2} END {print s}'``);
- 2 organizations: the other 2 lines above a "·" are "apple Apple" and "math-ai math-ai";
- 40 dates, 8 of them year-less
  (``grep -A1 '^·$' | grep -cE '^[A-Z][a-z]{2} [0-9]{1,2}( [0-9]+)?$'`` = 8, one of them
  "Mar 16 2"); 7 dates carry an upvote count (values 2,2,2,2,6,1,2).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from loaders.errors import ParseError
from loaders.listing import parse_listing
from loaders.records import PaperRecord, ParsedDocument

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CAPTURED = dt.date(2026, 6, 18)
LISTING = "003_4f30bac281d78a11.txt"


def _text(name: str = LISTING) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc() -> ParsedDocument:
    return parse_listing(_text(), path=f"seeds/{LISTING}", captured=CAPTURED)


def _at(doc: ParsedDocument, line: int) -> PaperRecord:
    [paper] = [p for p in doc.papers if p.line == line]
    return paper


def test_counts(doc: ParsedDocument) -> None:
    papers = doc.papers
    assert len(papers) == 46
    assert doc.read == 46 and doc.errors == []
    assert doc.format == "listing" and doc.captured == CAPTURED and doc.owner is None
    assert sum(p.author_count is not None for p in papers) == 38
    assert sum(p.author_count or 0 for p in papers) == 269
    assert sum(p.authors_truncated for p in papers) == 38
    assert [p.organization for p in papers if p.organization] == ["Apple", "math-ai"]
    assert sum(p.date is not None for p in papers) == 40
    assert sum(p.date is not None and p.date.year == 2026 for p in papers) == 8
    assert [p.upvotes for p in papers if p.upvotes is not None] == [2, 2, 2, 2, 6, 1, 2]
    assert all(p.abstract for p in papers)
    assert all(p.authors == () for p in papers)  # the page names no one
    assert [p.line for p in papers if p.date is None] == [29, 33, 61, 97, 117, 169]


def test_first_entry_follows_the_page_header(doc: ParsedDocument) -> None:
    paper = doc.papers[0]
    assert (
        paper.title == "A New Dataset and Framework for Real-World Blurred Images Super-Resolution"
    )
    assert paper.line == 13
    assert (paper.author_count, paper.authors_truncated) == (4, True)
    assert (paper.date, paper.year, paper.upvotes) == (dt.date(2024, 7, 20), 2024, None)
    assert paper.organization is None
    assert paper.abstract is not None
    assert paper.abstract.startswith("Recent Blind Image Super-Resolution (BSR) methods")
    assert paper.abstract.endswith("Code here: https://github.com/Imalne/PBaSR.")


def test_yearless_date(doc: ParsedDocument) -> None:
    paper = doc.papers[1]
    assert paper.title.startswith("DualMap: Enabling Both Cache Affinity")
    assert (paper.line, paper.author_count, paper.date) == (21, 6, dt.date(2026, 2, 6))


def test_entry_without_metadata(doc: ParsedDocument) -> None:
    paper = _at(doc, 29)
    assert paper.title == (
        "Identifying and Exploiting Sparse Branch Correlations for Optimizing Branch Prediction"
    )
    assert paper.abstract is not None and paper.abstract.startswith("Branch prediction is")
    assert (paper.author_count, paper.authors_truncated, paper.date) == (None, False, None)
    assert (paper.organization, paper.upvotes) == (None, None)


def test_organization_entries(doc: ParsedDocument) -> None:
    apple = _at(doc, 53)  # "apple Apple" / "·" / "Oct 15, 2025 2"
    assert apple.title.startswith("Mirror Speculative Decoding")
    assert (apple.organization, apple.date, apple.upvotes) == ("Apple", dt.date(2025, 10, 15), 2)
    assert (apple.author_count, apple.authors_truncated) == (None, False)
    math = _at(doc, 109)  # "math-ai math-ai" / "·" / "Mar 16 2"
    assert math.title == "Residual Stream Duality in Modern Transformer Architectures"
    assert (math.organization, math.date, math.upvotes) == ("math-ai", dt.date(2026, 3, 16), 2)


def test_most_upvoted_and_last(doc: ParsedDocument) -> None:
    hogwild = _at(doc, 277)
    assert hogwild.title == "Hogwild! Inference: Parallel LLM Generation via Concurrent Attention"
    assert (hogwild.author_count, hogwild.date, hogwild.upvotes) == (8, dt.date(2025, 4, 8), 6)
    last = doc.papers[-1]
    assert last.title == (
        "Multiverse: Your Language Models Secretly Decide How to Parallelize and Merge Generation"
    )
    assert (last.line, last.author_count, last.date, last.upvotes) == (
        349,
        5,
        dt.date(2025, 6, 11),
        2,
    )


def test_without_capture_date_yearless_dates_stay_unknown() -> None:
    doc = parse_listing(_text(), path=LISTING)
    assert doc.papers[1].date is None and doc.papers[1].year is None
    assert doc.papers[0].date == dt.date(2024, 7, 20)
    assert sum(p.date is not None for p in doc.papers) == 32


HEAD = "Daily Papers\n\nbyAK and the research community\n\nJun 18\n\n"


def test_irregular_shapes() -> None:
    text = HEAD + (
        "Title One\n\nFirst paragraph\nwrapped.\n\nSecond paragraph $\\alpha$.\n\n"
        "  • 1 author\n·\nMay 2\n\n"
        "Title Without Abstract\n\n"
        "Title Three\n\nAbstract three.\n\n"
        "google Google DeepMind\n  • 0 authors\n·\nJan 3, 2020 15\n\n"
        "Title Four\n\nAbstract four.\n\nJan 4, 2021\n"
    )
    doc = parse_listing(text, path="l.txt", captured=CAPTURED)
    assert doc.errors == []
    assert doc.read == 4
    one, two, three, four = doc.papers
    assert (one.line, one.abstract) == (7, "First paragraph wrapped.\n\nSecond paragraph α.")
    assert (one.author_count, one.authors_truncated, one.date) == (1, True, dt.date(2026, 5, 2))
    assert (two.title, two.line, two.abstract, two.date) == (
        "Title Without Abstract",
        18,
        None,
        None,
    )
    assert (three.organization, three.author_count, three.authors_truncated) == (
        "Google DeepMind",
        0,
        False,
    )
    assert (three.date, three.upvotes) == (dt.date(2020, 1, 3), 15)
    assert (four.date, four.upvotes) == (dt.date(2021, 1, 4), None)


def test_damaged_entries_become_record_errors() -> None:
    text = HEAD + (
        "  • 3 authors\n·\nMay 2\n\n"  # metadata with no title above it
        "Bad Date\n\nAbstract.\n\n  • 3 authors\n·\nFeb 30\n\n"
        "Good\n\nAbstract.\n\n"
        "Odd Block\n\nAbstract.\n\n  • 3 authors\nfoo\nbar\n·\nMay 3\n\n"
        "Cut\n\nAbstract.\n\n  • 3 authors\n·\n"
    )
    doc = parse_listing(text, path="l.txt", captured=CAPTURED)
    assert [p.title for p in doc.papers] == ["Good"]
    assert doc.read == 5 == len(doc.papers) + len(doc.errors)
    assert [(e.line, e.reason) for e in doc.errors] == [
        (7, "metadata block with no paper title above"),
        (15, "bad date in metadata block: no such day: 2026-02-30"),
        (27, "unrecognized line in metadata block: 'bar'"),
        (37, "entry cut off: metadata block ends before its date"),
    ]


def test_seed_cut_inside_last_entry() -> None:
    text = _text()
    # Cut after the last entry's "·": its date line is lost.
    cut = text[: text.rindex("·") + 1]
    doc = parse_listing(cut, path=LISTING, captured=CAPTURED)
    assert len(doc.papers) == 45 and doc.read == 46
    assert [(e.line, e.reason) for e in doc.errors] == [
        (353, "entry cut off: metadata block ends before its date")
    ]
    # Cut after the last entry's title: nothing shows the entry was complete.
    cut = text[: text.index("Multiverse: Your Language Models")]
    cut += "Multiverse: Your Language Models Secretly Decide\n"
    doc = parse_listing(cut, path=LISTING, captured=CAPTURED)
    assert len(doc.papers) == 45
    assert [(e.line, e.reason) for e in doc.errors] == [
        (349, "entry cut off: title with no abstract")
    ]


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("", 1, "empty document"),
        ("\n \n", 1, "empty document"),
        ("Daily Papers\n\x00\x1f\x8b\x08", 2, "binary content"),
        ("Some Title\n\nAn abstract.\n", 1, "no 'Daily Papers' heading"),
        ("new\n\nSubscribe\n", 1, "no 'Daily Papers' heading"),
    ],
)
def test_not_a_listing(text: str, line: int, reason: str) -> None:
    with pytest.raises(ParseError, match=reason) as info:
        parse_listing(text, path="bad.txt")
    assert info.value.path == "bad.txt"
    assert info.value.line == line


@pytest.mark.parametrize("name", ["000_9ef166dded082413.txt", "004_7cdff91c2d4c5189.txt"])
def test_other_seed_formats_are_refused(name: str) -> None:
    with pytest.raises(ParseError, match="not a listing page") as info:
        parse_listing(_text(name), path=name)
    assert info.value.line == 1


def test_header_only_page_has_no_entries() -> None:
    doc = parse_listing(HEAD, path="l.txt")
    assert (doc.papers, doc.errors, doc.read) == ([], [], 0)
