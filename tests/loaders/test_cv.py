"""The CV loader on Ziming Liu's CV (seed 004) and on small hand-made CVs.

How the seed was counted (158 lines, read in full): every publication/preprint entry has
exactly one author list and every author list names the owner, so

    grep -n 'Ziming Liu\\|Ziming\\\\;Liu' seeds/004_7cdff91c2d4c5189.txt

gives 10 lines: line 1 (the CV title) and 9 author lists, on lines 106, 116, 120, 126
(between "Publication" at line 104 and "Preprints" at line 128: 4 publications) and
132, 138, 140, 144, 150 (after "Preprints", before "Skills" at 154: 5 preprints).
Cross-checks: ``grep -n -i arxiv`` hits exactly the 5 preprints (134, 138, 140, 146,
152), and the 4 publication venues are the bold "SC '23", "PPoPP '25", "ASPLOS 2025",
"MLSys 2024" (lines 108, 118, 122, 126). The "Highlight Research Experience" section
(lines 57-102) describes 4 projects, WallFacer, Hanayo, WeiPipe and Region-Adaptive
Sampling, with no author lists; all four are listed papers, so they add no record.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from loaders.cv import parse_cv
from loaders.errors import ParseError
from loaders.records import AuthorRef, PaperRecord, ParsedDocument, VenueRef

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CV_PATH = SEEDS / "004_7cdff91c2d4c5189.txt"


@pytest.fixture(scope="module")
def doc() -> ParsedDocument:
    return parse_cv(
        CV_PATH.read_text(encoding="utf-8"),
        path=str(CV_PATH),
        owner="Ziming Liu",
        captured=dt.date(2026, 6, 18),
    )


def _paper(doc: ParsedDocument, prefix: str) -> PaperRecord:
    found = [p for p in doc.papers if p.title.startswith(prefix)]
    assert len(found) == 1, [p.title for p in doc.papers]
    return found[0]


def _names(paper: PaperRecord) -> list[str]:
    return [a.name for a in paper.authors]


# --------------------------------------------------------------------------- the seed


def test_counts(doc: ParsedDocument) -> None:
    assert doc.format == "cv"
    assert doc.captured == dt.date(2026, 6, 18)
    assert len(doc.papers) == 9
    assert [p.kind for p in doc.papers].count("publication") == 4
    assert [p.kind for p in doc.papers].count("preprint") == 5
    assert doc.errors == []
    assert doc.people == []
    assert doc.read == len(doc.papers) + len(doc.people) + len(doc.errors) == 9


def test_titles_lines_and_kinds(doc: ParsedDocument) -> None:
    assert [(p.line, p.kind, p.title) for p in doc.papers] == [
        (
            106,
            "publication",
            "Hanayo: Harnessing Wave-like Pipeline Parallelism for Enhanced Large Model "
            "Training Efficiency",
        ),
        (
            114,
            "publication",
            "WeiPipe: Weight Pipeline Parallelism for Communication-Effective Long-Context "
            "Large Model Training",
        ),
        (
            120,
            "publication",
            "Concerto: Automatic Communication Optimization and Scheduling for Large-Scale "
            "Deep Learning",
        ),
        (
            124,
            "publication",
            "HeteGen: Efficient Heterogeneous Parallel Inference for Large Language Models on "
            "Resource-Constrained Devices",
        ),
        (
            130,
            "preprint",
            "WallFacer: Harnessing Multi-dimensional Ring Parallelism for Efficient Long "
            "Sequence Model Training",
        ),
        (136, "preprint", "Region-Adaptive Sampling for Diffusion Transformers"),
        (
            140,
            "preprint",
            "EnergonAI: An Inference System for 10-100 Billion Parameter Transformer Models",
        ),
        (142, "preprint", "ATP: Adaptive Tensor Parallelism for Foundation Models"),
        (148, "preprint", "DSP: Dynamic Sequence Parallelism for Multi-Dimensional Transformers"),
    ]


def test_every_author_list(doc: ParsedDocument) -> None:
    assert {p.title.split(":")[0]: _names(p) for p in doc.papers} == {
        "Hanayo": ["Ziming Liu", "Shenggan Cheng", "Haotian Zhou", "Yang You"],
        "WeiPipe": [
            "Junfeng Lin",
            "Ziming Liu",
            "Yang You",
            "Jun Wang",
            "Weihao Zhang",
            "Rong Zhao",
        ],
        "Concerto": [
            "Shenggan Cheng",
            "Shengjie Lin",
            "Lansong Diao",
            "Hao Wu",
            "Siyu Wang",
            "Chang Si",
            "Ziming Liu",
            "Xuanlei Zhao",
            "Jiangsu Du",
            "Wei Lin",
            "Yang You",
        ],
        "HeteGen": [
            "Xuanlei Zhao",
            "Bin Jia",
            "Haotian Zhou",
            "Ziming Liu",
            "Shenggan Cheng",
            "Yang You",
        ],
        "WallFacer": [
            "Ziming Liu",
            "Shaoyu Wang",
            "Shenggan Cheng",
            "Zhongkai Zhao",
            "Yang Bai",
            "Xuanlei Zhao",
            "James Demmel",
            "Yang You",
        ],
        "Region-Adaptive Sampling for Diffusion Transformers": [
            "Ziming Liu",
            "Yifan Yang",
            "Chengruidong Zhang",
            "Yiqi Zhang",
            "Lili Qiu",
            "Yang You",
            "Yuqing Yang",
        ],
        "EnergonAI": [
            "Jiangsu Du",
            "Ziming Liu",
            "Jiarui Fang",
            "Shenggui Li",
            "Yongbin Li",
            "Yutong Lu",
            "Yang You",
        ],
        "ATP": ["Shenggan Cheng", "Ziming Liu", "Jiangsu Du", "Yang You"],
        "DSP": [
            "Xuanlei Zhao",
            "Shenggan Cheng",
            "Zangwei Zheng",
            "Zheming Yang",
            "Ziming Liu",
            "Yang You",
        ],
    }
    for paper in doc.papers:
        assert [a.position for a in paper.authors] == list(range(1, len(paper.authors) + 1))
        assert not paper.authors_truncated
        assert not any(a.inferred for a in paper.authors)


def test_venues_years_and_arxiv_ids(doc: ParsedDocument) -> None:
    got = {p.title.split(":")[0]: (p.venue, p.year, p.arxiv_id) for p in doc.papers}
    assert got == {
        "Hanayo": (VenueRef("SC", "SC", "conference", 2023), 2023, None),
        "WeiPipe": (VenueRef("PPoPP", "PPoPP", "conference", 2025), 2025, None),
        "Concerto": (VenueRef("ASPLOS", "ASPLOS", "conference", 2025), 2025, None),
        "HeteGen": (VenueRef("MLSys", "MLSys", "conference", 2024), 2024, None),
        "WallFacer": (VenueRef("arXiv", None, "preprint", 2024), 2024, "2407.00611"),
        "Region-Adaptive Sampling for Diffusion Transformers": (
            VenueRef("arXiv", None, "preprint", 2024),
            2024,
            "2502.10389",
        ),
        # The CV's own years, even where the arXiv id says otherwise (2301 -> 2022,
        # 2209 -> 2023): records carry what the document says.
        "EnergonAI": (VenueRef("arXiv", None, "preprint", 2022), 2022, "2301.08658"),
        "ATP": (VenueRef("arXiv", None, "preprint", 2023), 2023, "2209.02341"),
        "DSP": (VenueRef("arXiv", None, "preprint", 2024), 2024, "2403.10266"),
    }


def test_title_glued_to_authors_on_one_line(doc: ParsedDocument) -> None:
    # Line 106: "... Training Efficiency Ziming Liu\*, Shenggan Cheng\*, ..., and Yang You"
    hanayo = _paper(doc, "Hanayo")
    assert hanayo.title.endswith("Training Efficiency")
    assert hanayo.authors[0] == AuthorRef(
        name="Ziming Liu", position=1, raw="Ziming Liu\\*", equal_contribution=True
    )
    # Line 140: title, authors and venue on one line; "and" in the middle of the list.
    energon = _paper(doc, "EnergonAI")
    assert energon.line == 140
    assert energon.authors[0].name == "Jiangsu Du"
    assert energon.authors[4] == AuthorRef(name="Yongbin Li", position=5, raw="Yongbin Li")


def test_equal_contribution_marks(doc: ParsedDocument) -> None:
    marked = {
        p.title.split(":")[0]: [a.name for a in p.authors if a.equal_contribution]
        for p in doc.papers
    }
    assert marked["Hanayo"] == ["Ziming Liu", "Shenggan Cheng"]
    assert marked["WeiPipe"] == ["Junfeng Lin", "Ziming Liu"]
    assert sum(len(names) for names in marked.values()) == 4
    weipipe = _paper(doc, "WeiPipe")
    assert weipipe.authors[0].raw == "Junfeng Lin\\*"
    assert "*" not in "".join(a.name for p in doc.papers for a in p.authors)


def test_markup_in_names(doc: ParsedDocument) -> None:
    # Line 144: "Shenggan Cheng,  ${\bf Ziming\;Liu},$  Jiangsu Du, and Yang You"
    atp = _paper(doc, "ATP")
    assert atp.authors[1] == AuthorRef(name="Ziming Liu", position=2, raw="${\\bf Ziming\\;Liu}")
    assert atp.authors[2].raw == "Jiangsu Du"
    # Bold owner, and a bold span cut by its own comma on line 138.
    assert _paper(doc, "Concerto").authors[6].raw == "**Ziming Liu**"
    ras = _paper(doc, "Region-Adaptive")
    assert [a.raw for a in ras.authors[:2]] == ["**Ziming Liu", "Yifan Yang"]
    # "and" before the last author is not part of the name, nor the trailing year (line 150).
    assert _paper(doc, "DSP").authors[-1] == AuthorRef(name="Yang You", position=6, raw="Yang You")


def test_highlight_projects_merge_into_listed_papers(doc: ParsedDocument) -> None:
    # WallFacer (line 59), Hanayo (74), WeiPipe (83) and RAS (95) are described again in
    # "Highlight Research Experience" without authors: still one record each, carrying
    # the line and author list of the publication/preprint entry.
    titles = [p.title for p in doc.papers]
    assert len(titles) == len(set(titles)) == 9
    assert _paper(doc, "WallFacer").line == 130
    assert _paper(doc, "Hanayo").line == 106
    assert _paper(doc, "WeiPipe").line == 114
    assert _paper(doc, "Region-Adaptive").line == 136


def test_owner(doc: ParsedDocument) -> None:
    owner = doc.owner
    assert owner is not None
    assert owner.name == "Ziming Liu"
    assert owner.line == 1
    assert owner.aliases == ("刘子铭",)
    assert owner.affiliations == ("National University of Singapore", "Peking University")
    assert owner.employers == ("Microsoft Research Asia", "HPC-AI Tech", "ByteDance Inc.")
    assert owner.email == "liuziming@comp.nus.edu.sg"
    assert owner.homepage == "https://maruyamaaya.github.io/"


def test_owner_mismatch_raises() -> None:
    text = CV_PATH.read_text(encoding="utf-8")
    with pytest.raises(ParseError) as info:
        parse_cv(text, path="cv.md", owner="Ziming Mao")
    assert info.value.path == "cv.md"
    assert info.value.line == 1
    # The alias is the same person.
    assert parse_cv(text, path="cv.md", owner="刘子铭").owner is not None


# --------------------------------------------------------------------------- small CVs

SMALL = """\
# Jane Doe (简)

## Publications

Glued Title For Fallback Splitting Ada Lovelace, Grace Hopper, Jane Doe
**TPDS 2023**, IEEE Transactions on Parallel and Distributed Systems

Lonely Title Without Authors

Short Paper
Jane Doe, Alan Turing
Journal of Things, 2021

# Preprints

Glued Title For Fallback Splitting
Ada Lovelace et al.
Arxiv: 2401.00001, 2024

# Research Experience

Short Paper
- This paper has been accepted by ICML '22.

Unlisted Project: Never A Paper
- accepted by NeurIPS '21
"""


def test_small_cv_entries_errors_and_merges() -> None:
    doc = parse_cv(SMALL, path="small.md", owner="Jane Doe")
    assert [(p.line, p.title) for p in doc.papers] == [
        (5, "Glued Title For Fallback Splitting"),
        (10, "Short Paper"),
    ]
    # The same paper as publication and truncated preprint: one record, the complete
    # author list and published venue kept, the arXiv id taken from the preprint.
    # "Ada Lovelace" is spelled nowhere else in full, so the title/author cut falls back
    # on the length of the other names (two words).
    glued = doc.papers[0]
    assert _names(glued) == ["Ada Lovelace", "Grace Hopper", "Jane Doe"]
    assert not glued.authors_truncated
    assert glued.kind == "publication"
    assert glued.venue == VenueRef("TPDS", "TPDS", "journal", 2023)
    assert glued.arxiv_id == "2401.00001"
    # A venue line without a marker; the project mention does not override it.
    short = doc.papers[1]
    assert short.venue == VenueRef("Journal of Things", None, "journal", 2021)
    # An entry with no author list is reported, not dropped.
    assert [(e.path, e.line) for e in doc.errors] == [("small.md", 8)]
    assert "Lonely Title Without Authors" in doc.errors[0].reason
    assert doc.read == 3


def test_project_mention_fills_a_missing_venue() -> None:
    text = "# Jane Doe\n\n## Publications\n\nShort Paper\nJane Doe, Alan Turing\n\n"
    text += "## Research Experience\n\nShort Paper\n- Accepted by ICML '22.\n"
    (paper,) = parse_cv(text, path="x.md").papers
    assert paper.venue == VenueRef("ICML", "ICML", "conference", 2022)
    assert paper.year == 2022
    assert paper.line == 5


def test_author_list_without_title_is_a_record_error() -> None:
    text = "# Jane Doe\n\n## Publications\n\nJane Doe, Alan Turing\nNeurIPS 2021\n"
    doc = parse_cv(text, path="x.md")
    assert doc.papers == []
    assert [(e.line, e.reason) for e in doc.errors] == [(5, "author list or venue without a title")]
    assert doc.read == 1


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("", 1, "empty document"),
        ("   \n\n", 1, "empty document"),
        ("# Jane Doe\n\x00\x01binary", 2, "binary"),
        ("@article{x,\n  title = {Y},\n}\n", 1, "not a name"),
        ("Jane Doe\n\nSome text about Jane.\n", 1, "no CV section"),
    ],
)
def test_not_a_cv(text: str, line: int, reason: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_cv(text, path="bad.md")
    assert info.value.path == "bad.md"
    assert info.value.line == line
    assert reason in info.value.reason


@pytest.mark.parametrize("seed", ["000_9ef166dded082413.txt", "003_4f30bac281d78a11.txt"])
def test_other_seed_formats_are_not_cvs(seed: str) -> None:
    path = SEEDS / seed
    with pytest.raises(ParseError) as info:
        parse_cv(path.read_text(encoding="utf-8"), path=str(path))
    assert info.value.path == str(path)
    assert info.value.line == 1


def test_unsplittable_title_and_authors_is_a_record_error() -> None:
    # "Pipeline" alone is no name, and no known name ends the first piece.
    text = "# Jane Doe\n\n## Publications\n\nPipeline, Grace Hopper, Alan Turing\nSC '23\n"
    doc = parse_cv(text, path="x.md")
    assert doc.papers == []
    assert len(doc.errors) == 1
    assert doc.errors[0].line == 5
    assert "cannot tell where the title ends" in doc.errors[0].reason
