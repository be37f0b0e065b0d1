"""loaders.profile on the three seed profiles and on damaged or foreign input.

Counts were taken from the files themselves:
- entries: ``grep -cE '^([0-9.]+)?[A-Z]{2}[A-Z][a-z]{2} [0-9]{1,2}(, [0-9]{4})?(Code)?$'``
  gives 15 / 39 / 16 header lines, matching each page's "N Papers" heading;
- owner listed: ``grep 'et al\\.' FILE | grep -c OWNER`` gives 10 / 4 / 8, so the owner
  is inferred on 5 / 35 / 8 papers (every author line ends with "et al.");
- Code flags: ``grep -c 'Code$'`` gives 2 / 9 / 1; score prefixes
  ``grep -cE '^[0-9]+\\.[0-9]'`` give 2 / 0 / 4; year-less dates 3 / 10 / 4.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from loaders.errors import ParseError
from loaders.profile import parse_profile
from loaders.records import AuthorRef, OwnerMetrics, PaperRecord, ParsedDocument, RecordError

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CAPTURED = dt.date(2026, 6, 18)
MAO = "000_9ef166dded082413.txt"
ZHUO = "001_092fb8031e0953bf.txt"
ZHANG = "002_a9866fff10fb78b2.txt"


def _text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def _load(name: str, owner: str) -> ParsedDocument:
    return parse_profile(_text(name), path=f"seeds/{name}", owner=owner, captured=CAPTURED)


@pytest.fixture(scope="module")
def mao() -> ParsedDocument:
    return _load(MAO, "Ziming Mao")


@pytest.fixture(scope="module")
def zhuo() -> ParsedDocument:
    return _load(ZHUO, "Danyang Zhuo")


@pytest.fixture(scope="module")
def zhang() -> ParsedDocument:
    return _load(ZHANG, "Zili Zhang")


def _names(authors: tuple[AuthorRef, ...]) -> list[tuple[str, int | None, bool]]:
    return [(a.name, a.position, a.inferred) for a in authors]


def _by_title(doc: ParsedDocument, prefix: str) -> PaperRecord:
    [paper] = [p for p in doc.papers if p.title.startswith(prefix)]
    return paper


@pytest.mark.parametrize(
    ("name", "owner", "heading", "count", "inferred", "code", "scored", "yearless"),
    [
        (MAO, "Ziming Mao", "15 Papers", 15, 5, 2, 2, 3),
        (ZHUO, "Danyang Zhuo", "39 Papers", 39, 35, 9, 0, 10),
        (ZHANG, "Zili Zhang", "16 Papers", 16, 8, 1, 4, 4),
    ],
)
def test_counts(
    name: str,
    owner: str,
    heading: str,
    count: int,
    inferred: int,
    code: int,
    scored: int,
    yearless: int,
) -> None:
    text = _text(name)
    doc = _load(name, owner)
    # The heading and the metric agree with the entries actually on the page.
    assert f"\n{heading}\n" in text
    assert doc.owner is not None and doc.owner.metrics is not None
    assert doc.owner.metrics.paper_count == count
    assert len(doc.papers) == count
    assert doc.read == count
    assert doc.errors == []
    assert doc.format == "profile"
    assert doc.captured == CAPTURED
    assert sum(p.authors[-1].inferred for p in doc.papers) == inferred
    assert sum(p.has_code for p in doc.papers) == code
    assert sum(p.score is not None for p in doc.papers) == scored
    assert sum(p.date is not None and p.date.year == 2026 for p in doc.papers) == yearless
    # The owner is an author of every paper, exactly once.
    for paper in doc.papers:
        assert [a.name for a in paper.authors].count(owner) == 1
        assert paper.authors_truncated  # every author line on these pages ends "et al."
        assert paper.abstract


def test_owner_metrics(mao: ParsedDocument, zhuo: ParsedDocument, zhang: ParsedDocument) -> None:
    assert mao.owner is not None and mao.owner.name == "Ziming Mao" and mao.owner.line == 1
    # h-index 136 above 15 papers is what the page shows; kept as written.
    assert mao.owner.metrics == OwnerMetrics(
        h_index=136,
        paper_count=15,
        citations=2145,
        novelty=0.58,
        ai_score=60.0,
        primary_category="DC",
    )
    assert zhuo.owner is not None
    assert zhuo.owner.metrics == OwnerMetrics(39, 39, 1219, 0.58, 61.0, "LG")
    assert zhang.owner is not None
    assert zhang.owner.metrics == OwnerMetrics(37, 16, 643, 0.56, 59.0, "LG")


def test_mao_first_paper(mao: ParsedDocument) -> None:
    paper = mao.papers[0]
    assert paper.title == "UCCL-EP: Portable Expert-Parallel Communication"
    assert paper.line == 12
    assert paper.categories == ("DC",)
    assert paper.date == dt.date(2025, 12, 22) and paper.year == 2025
    assert paper.score is None and paper.has_code is False
    assert _names(paper.authors) == [
        ("Ziming Mao", 1, False),
        ("Yihan Zhang", 2, False),
        ("Chihan Cui", 3, False),
    ]
    assert paper.authors[0].raw == "Ziming Mao"
    assert paper.authors_truncated is True
    assert paper.organization is None
    assert paper.abstract is not None
    assert paper.abstract.startswith("Mixture-of-Experts (MoE) workloads rely on expert")
    assert "by up to 2.1× for dispatch" in paper.abstract  # "$2.1\times$" rendered
    assert paper.abstract.endswith("on a 16-node AMD+Broadcom platform.")


def test_mao_scored_paper_infers_owner(mao: ParsedDocument) -> None:
    paper = mao.papers[1]  # header "95.0DBMay 22"
    assert paper.title == "The Time is Here for Just-in-Time Systems: Challenges and Opportunities"
    assert paper.line == 19
    assert paper.score == 95.0
    assert paper.categories == ("DB",)
    assert paper.date == dt.date(2026, 5, 22)
    assert _names(paper.authors) == [
        ("Shu Liu", 1, False),
        ("Alexander Krentsel", 2, False),
        ("Shubham Agarwal", 3, False),
        ("Ziming Mao", None, True),
    ]


def test_mao_code_flag_and_spelling(mao: ParsedDocument) -> None:
    paper = _by_title(mao, "EEG Based Generative")
    assert (paper.line, paper.categories, paper.date) == (40, ("SP",), dt.date(2024, 1, 19))
    assert paper.has_code is True
    # "Hao wu" is spelled so on the page; cleaning must not "fix" it.
    assert [a.name for a in paper.authors] == ["Ziming Mao", "Hao wu", "Yongxi Tan"]
    summ = _by_title(mao, "Summ^N")
    assert (
        summ.title
        == "Summ^N: A Multi-Stage Summarization Framework for Long Input Dialogues and Documents"
    )
    assert summ.has_code is True and summ.categories == ("CL",)


def test_mao_last_paper(mao: ParsedDocument) -> None:
    paper = mao.papers[-1]
    assert paper.title == "FeTaQA: Free-form Table Question Answering"
    assert paper.line == 110
    assert paper.date == dt.date(2021, 4, 1)
    assert [a.name for a in paper.authors] == ["Linyong Nan", "Chiachun Hsieh", "Ziming Mao"]
    assert paper.authors[2].position == 3 and not paper.authors[2].inferred
    # The file ends in three spaces and no newline.
    assert paper.abstract is not None and paper.abstract.endswith(
        "poses a challenge for both methods."
    )


def test_zhuo_organization_after_dot(zhuo: ParsedDocument) -> None:
    paper = zhuo.papers[0]  # "Lequn Chen, Zihao Ye, Yongji Wu et al. · uw"
    assert paper.title == "Punica: Multi-Tenant LoRA Serving"
    assert paper.line == 12
    assert paper.organization == "uw"
    assert _names(paper.authors) == [
        ("Lequn Chen", 1, False),
        ("Zihao Ye", 2, False),
        ("Yongji Wu", 3, False),
        ("Danyang Zhuo", None, True),
    ]
    assert (paper.categories, paper.date, paper.has_code) == (("DC",), dt.date(2023, 10, 28), True)
    assert sum(p.organization is not None for p in zhuo.papers) == 1


def test_zhuo_yearless_code_and_latex_title(zhuo: ParsedDocument) -> None:
    optimus = zhuo.papers[1]  # "DCMay 24Code"
    assert optimus.title.startswith("Optimus: Elastic Decoding")
    assert (optimus.date, optimus.has_code, optimus.line) == (dt.date(2026, 5, 24), True, 19)
    kmeans = _by_title(zhuo, "A Faster")
    assert kmeans.title == "A Faster k-means++ Algorithm"  # "$k$" on the page
    assert kmeans.categories == ("DS",)
    last = zhuo.papers[-1]
    assert last.title.startswith("Hoplite: Efficient and Fault-Tolerant")
    assert (last.line, last.date) == (278, dt.date(2020, 2, 13))
    assert [a.name for a in last.authors] == ["Siyuan Zhuang", "Zhuohan Li", "Danyang Zhuo"]


def test_zhang_first_and_last(zhang: ParsedDocument) -> None:
    first = zhang.papers[0]  # "91.1DCJun 2"
    assert first.title.startswith("UltraEP: Unleash MoE Training")
    assert (first.score, first.categories, first.date) == (91.1, ("DC",), dt.date(2026, 6, 2))
    assert first.authors[-1] == AuthorRef(name="Zili Zhang", position=None, inferred=True)
    last = zhang.papers[-1]
    assert (
        last.title
        == "An Adaptive Amoeba Algorithm for Shortest Path Tree Computation in Dynamic Graphs"
    )
    assert (last.line, last.categories, last.date) == (117, ("NE",), dt.date(2013, 11, 3))
    assert [p.score for p in zhang.papers if p.score is not None] == [91.1, 95.2, 61.7, 89.4]


def test_without_capture_date_yearless_dates_stay_unknown() -> None:
    doc = parse_profile(_text(MAO), path=MAO)
    assert doc.papers[1].date is None and doc.papers[1].year is None
    assert doc.papers[0].date == dt.date(2025, 12, 22)
    assert doc.owner is not None and doc.owner.name == "Ziming Mao"


def test_owner_disagreement_is_fatal() -> None:
    with pytest.raises(ParseError, match="Danyang Zhuo") as info:
        parse_profile(_text(MAO), path=MAO, owner="Danyang Zhuo")
    assert info.value.line == 1 and info.value.path == MAO
    # Spacing and case are not a disagreement.
    doc = parse_profile(_text(MAO), path=MAO, owner="ziming  mao")
    assert doc.owner is not None and doc.owner.name == "Ziming Mao"


HEAD = "Jane Doe\n\nLG\nh-index3\n4papers\n1,002citations\nNovelty7.5%\nAI Score40\n\n4 Papers\n\n"


def test_irregular_entries() -> None:
    text = HEAD + (
        # no author line, no abstract
        "LGMar 3, 2020\nOnly a Title: Nothing Else\n\n"
        # a single author (the owner), no blank line before a two-paragraph abstract
        "cs.DCJun 1Code\nSolo Work\nJane Doe\nFirst paragraph\nwrapped here.\n\nSecond one.\n\n"
        # abstract straight after the title, no author line
        "12CLJan 5, 2021\nNo Authors Listed\n\nWe study things. They work.\n\n"
        # "and others", accents, a LaTeX name
        "SYFeb 2, 2022\nT\n\nA. B\\'eta, Jos\\'e Smith and others\n"
    )
    doc = parse_profile(text, path="p.txt", owner="Jane Doe", captured=CAPTURED)
    assert doc.errors == []
    assert doc.read == 4 and len(doc.papers) == 4
    assert doc.owner is not None
    assert doc.owner.metrics == OwnerMetrics(3, 4, 1002, 0.075, 40.0, "LG")
    bare, solo, noauth, others = doc.papers
    assert (bare.title, bare.line, bare.abstract) == ("Only a Title: Nothing Else", 12, None)
    assert _names(bare.authors) == [("Jane Doe", None, True)]
    assert bare.authors_truncated is True  # the list is unknown, not complete
    assert _names(solo.authors) == [("Jane Doe", 1, False)]
    assert solo.authors_truncated is False
    assert solo.categories == ("cs.DC",) and solo.has_code and solo.date == dt.date(2026, 6, 1)
    assert solo.abstract == "First paragraph wrapped here.\n\nSecond one."
    assert noauth.score == 12.0
    assert noauth.abstract == "We study things. They work."
    assert _names(noauth.authors) == [("Jane Doe", None, True)]
    assert _names(others.authors) == [
        ("A. Béta", 1, False),
        ("José Smith", 2, False),
        ("Jane Doe", None, True),
    ]
    assert others.authors[0].raw == "A. B\\'eta"
    assert others.authors_truncated is True


def test_damaged_entries_become_record_errors() -> None:
    text = HEAD + (
        "LGMar 3, 2020\n\n"  # header directly followed by the next header
        "LGFeb 30, 2020\nImpossible Date\n\n"
        "LGMar 4, 2020\nKept Paper\n\nJane Doe, X Y et al.\n\nAbstract.\n\n"
        "LGMar 5, 2020\nA B, C D et al.\n\nAbstract.\n\n"  # title missing
        "LGMar 6, 2020\n"  # file cut after the header
    )
    doc = parse_profile(text, path="p.txt", captured=CAPTURED)
    assert [p.title for p in doc.papers] == ["Kept Paper"]
    assert doc.read == 5 == len(doc.papers) + len(doc.errors)
    assert [(e.path, e.line) for e in doc.errors] == [
        ("p.txt", 12),
        ("p.txt", 14),
        ("p.txt", 24),
        ("p.txt", 29),
    ]
    assert "header line with no title" in doc.errors[0].reason
    assert "no such day" in doc.errors[1].reason
    assert "no title" in doc.errors[2].reason
    assert "header line with no title" in doc.errors[3].reason
    assert str(doc.errors[3]) == "p.txt:29: entry cut off: header line with no title"


def test_seed_cut_after_last_header() -> None:
    text = _text(MAO)
    cut = text[: text.index("CLApr 1, 2021") + len("CLApr 1, 2021\n")]
    doc = parse_profile(cut, path=MAO, owner="Ziming Mao", captured=CAPTURED)
    assert len(doc.papers) == 14
    assert [(e.line, e.reason) for e in doc.errors] == [
        (110, "entry cut off: header line with no title")
    ]
    assert doc.read == 15


def test_stray_text_before_first_entry_is_reported() -> None:
    text = HEAD + "Sort by date\n\nLGMar 3, 2020\nT\n"
    doc = parse_profile(text, path="p.txt")
    assert len(doc.papers) == 1
    assert [(e.line, e.reason) for e in doc.errors] == [
        (12, "text before the first paper entry header")
    ]
    assert doc.read == 2


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("", 1, "empty document"),
        ("  \n\n ", 1, "empty document"),
        ("Jane Doe\nh-index3\n\x00\x01\x02garbage", 3, "binary content"),
        ("\ufffd\ufffdPK\x03\x04", 1, "binary content"),
        ("LG\nh-index3\n", 1, "owner's name"),
        ("Jane Doe\n\nSome text\nMore text\n", 2, "not a profile page"),
    ],
)
def test_not_a_profile(text: str, line: int, reason: str) -> None:
    with pytest.raises(ParseError, match=reason) as info:
        parse_profile(text, path="bad.txt")
    assert info.value.path == "bad.txt"
    assert info.value.line == line


@pytest.mark.parametrize("name", ["003_4f30bac281d78a11.txt", "004_7cdff91c2d4c5189.txt"])
def test_other_seed_formats_are_refused(name: str) -> None:
    """The listing and the CV also start with a line of text; they have no metrics."""
    with pytest.raises(ParseError, match="not a profile page"):
        parse_profile(_text(name), path=name)


def test_record_error_type() -> None:
    doc = parse_profile(HEAD + "LGMar 3, 2020\n", path="p.txt")
    assert doc.errors == [RecordError("p.txt", 12, "entry cut off: header line with no title")]
