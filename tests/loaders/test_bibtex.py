"""loaders.bibtex on the real bibliographies in /work/shared/realdata/bibtex/ and on small
synthetic cases, one per feature.

How the real-file numbers were counted, independently of the loader:

* entries per file: ``grep -oiE '^\\s*@[a-z]+' F | tr A-Z a-z | sort | uniq -c`` (matches
  SOURCES.md: biblio.bib 1,367, crossref.bib 429 = 138 proceedings + 291 book,
  plai 85, biblatex-examples 92 + 8 @string, zbMATH 47, Crossref 42).
* containers (venues, no record): crossref.bib has ``author =`` on 2 entries only
  (``grep -niE '^\\s*author\\s*=' crossref.bib``: lines 614, 2040), so 138 proceedings +
  289 editor-only books; biblio.bib has 3 @Book entries with an editor and no author
  (AugDoe2011 line 573, BluMer08:si-book 1801, WIS:MOA_vol2 13550, read by eye from the
  @Book entries); biblatex-examples has 2 @set, 1 @periodical and 5
  @collection/@mvcollection, all with editors and no author (``grep -A8``).
* crossref: an awk pass over biblio.bib per entry (``/^[ \\t]*crossref[ \\t]*=/``,
  ``/^[ \\t]*booktitle[ \\t]*=/``, ``/^[ \\t]*year[ \\t]*=/``) gives 847 entries with a
  crossref, 846 of them without their own booktitle and 843 without their own year.
* biblio.bib alone: awk flags 1,036 entries whose author/title line starts with a bare
  macro or holds ``#``; 6 more have their ``#`` on a continuation line (entries at lines
  1263, 2561, 8290, 9710, 10076, 13130, read by eye), so 1,042 entries are unusable.
* plai-group: 3 broken entries read by eye: line 566 lacks a comma after ``url_Paper``
  (line 572), WOO-20 (702) and WAN-19 (907) have every field commented out with ``%``,
  including the closing brace.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from loaders.bibtex import parse_bibtex, parse_bibtex_files
from loaders.errors import ParseError
from loaders.records import PaperRecord, ParsedDocument
from tests.conftest import REALDATA

BIBTEX = REALDATA / "bibtex"
IRIDIA = BIBTEX / "iridia"
IRIDIA_FILES = ("abbrev.bib", "authors.bib", "journals.bib", "crossref.bib", "biblio.bib")


def _one(text: str) -> ParsedDocument:
    return parse_bibtex(text, path="t.bib")


def _paper(text: str) -> PaperRecord:
    doc = _one(text)
    assert doc.errors == [], doc.errors
    assert len(doc.papers) == 1
    return doc.papers[0]


def _by_line(doc: ParsedDocument) -> dict[int, PaperRecord]:
    return {p.line: p for p in doc.papers}


# ------------------------------------------------------------------------ real files


@pytest.fixture(scope="module")
def iridia() -> dict[str, ParsedDocument]:
    docs = parse_bibtex_files([(n, (IRIDIA / n).read_text()) for n in IRIDIA_FILES])
    return {d.path: d for d in docs}


@pytest.fixture(scope="module")
def biblio_alone() -> ParsedDocument:
    return parse_bibtex((IRIDIA / "biblio.bib").read_text(), path="biblio.bib")


def _real(name: str) -> ParsedDocument:
    return parse_bibtex((BIBTEX / name).read_text(), path=name)


@pytest.mark.realdata
@pytest.mark.parametrize(
    ("name", "read", "papers", "errors"),
    [
        ("FMuro_bibliographer__zbmath.bib", 47, 47, 0),
        ("FMuro_bibliographer__crossref-bibtex.bib", 42, 42, 0),
        ("plai-group_bibliography__group_publications.bib", 85, 82, 3),
        # 92 entries: 84 papers + 8 containers (2 @set, 1 @periodical, 5 collections)
        ("plk_biblatex__biblatex-examples.bib", 92, 84, 0),
    ],
)
def test_single_file_counts(name: str, read: int, papers: int, errors: int) -> None:
    doc = _real(name)
    assert doc.format == "bibtex"
    assert (doc.read, len(doc.papers), len(doc.errors)) == (read, papers, errors)


@pytest.mark.realdata
def test_iridia_counts_when_loaded_together(iridia: dict[str, ParsedDocument]) -> None:
    counts = {p: (d.read, len(d.papers), len(d.errors)) for p, d in iridia.items()}
    assert counts == {
        "abbrev.bib": (0, 0, 0),  # @string and @preamble only: no records
        "authors.bib": (0, 0, 0),
        "journals.bib": (0, 0, 0),
        "crossref.bib": (429, 2, 0),  # 427 volumes are venues (138 proc. + 289 books)
        "biblio.bib": (1367, 1364, 0),  # 3 editor-only books are venues
    }


@pytest.mark.realdata
def test_iridia_crossref_resolution(iridia: dict[str, ParsedDocument]) -> None:
    lines = (IRIDIA / "biblio.bib").read_text().splitlines()
    starts: list[int] = []
    own: dict[int, set[str]] = {}
    for number, line in enumerate(lines, 1):
        if line.startswith("@"):
            starts.append(number)
            own[number] = set()
        elif "=" in line and starts:
            own[starts[-1]].add(line.split("=")[0].strip().lower())
    via_crossref = {n for n, f in own.items() if "crossref" in f and "booktitle" not in f}
    year_via_crossref = {n for n, f in own.items() if "crossref" in f and "year" not in f}
    assert (len(via_crossref), len(year_via_crossref)) == (846, 843)
    papers = _by_line(iridia["biblio.bib"])
    assert sum(1 for n in via_crossref if papers[n].venue is not None) == 846
    assert all(papers[n].year is not None for n in year_via_crossref)
    # AguTan2009:space: booktitle = parent's booktitle macro emo2009 = emo_prefix # "2009"
    agu = papers[150]
    assert agu.venue is not None
    assert agu.venue.name == "Evolutionary Multi-criterion Optimization, EMO 2009"
    assert (agu.venue.kind, agu.year) == ("conference", 2009)


@pytest.mark.realdata
def test_biblio_alone_leaves_macros_unresolved(biblio_alone: ParsedDocument) -> None:
    doc = biblio_alone
    assert (doc.read, len(doc.papers), len(doc.errors)) == (1367, 322, 1042)
    reasons = {e.line: e.reason for e in doc.errors}
    assert reasons[150] == (
        "@incollection{AguTan2009:space}: undefined @string macro(s) in title/author: "
        "Aguirre, and, Tanaka (load the files that define them together)"
    )
    assert all("undefined @string macro" in r for r in reasons.values())
    # Survivors use no macro in title/author but lose what their crossref would give.
    hadoop = _by_line(doc)[5659]
    assert hadoop.authors[0].name == "Apache Software Foundation"


@pytest.mark.realdata
def test_iridia_is_order_independent(iridia: dict[str, ParsedDocument]) -> None:
    reversed_docs = parse_bibtex_files(
        [(n, (IRIDIA / n).read_text()) for n in reversed(IRIDIA_FILES)]
    )
    assert [d.path for d in reversed_docs] == list(reversed(IRIDIA_FILES))
    assert reversed_docs[0].papers == iridia["biblio.bib"].papers


@pytest.mark.realdata
def test_iridia_pinned_entries(iridia: dict[str, ParsedDocument]) -> None:
    papers = _by_line(iridia["biblio.bib"])
    # Aguirre = " Aguirre, Hern\'{a}n E. " in authors.bib
    agu = papers[150]
    assert [(a.name, a.position) for a in agu.authors] == [
        ("Hernán E. Aguirre", 1),
        ("Kiyoshi Tanaka", 2),
    ]
    assert agu.authors[0].raw == "Aguirre, Hern\\'{a}n E."
    # {{R Core Team}} stays one corporate author
    r_manual = papers[11451]
    assert [a.name for a in r_manual.authors] == ["R Core Team"]
    assert r_manual.title == "R: A Language and Environment for Statistical Computing"
    # {Chollet, Fran\c{c}ois and others}
    keras = papers[7323]
    assert [a.name for a in keras.authors] == ["François Chollet"]
    assert keras.authors_truncated is True
    assert keras.url == "https://keras.io"
    # Swan_J # and_others: the truncation comes from a macro in abbrev.bib
    assert papers[12891].authors_truncated is True
    assert sum(p.authors_truncated for p in papers.values()) == 3
    # doi = {10.48550/arXiv.2402.10172}: an arXiv DOI also gives the arXiv id
    optimus = papers[166]
    assert (optimus.doi, optimus.arxiv_id) == ("10.48550/arxiv.2402.10172", "2402.10172")
    # "Grayman #\n and # Beckwith": the and macro split over a line
    assert len(papers[5666].authors) == 6


@pytest.mark.realdata
def test_plai_group_entries_and_errors() -> None:
    doc = _real("plai-group_bibliography__group_publications.bib")
    assert [(e.line, e.reason) for e in doc.errors] == [
        (566, "expected ',' or '}' after a field value at line 573, found 'support = {MITACS},'"),
        (702, "unbalanced braces: entry not closed before the next entry at line 717"),
        (907, "unbalanced braces: entry not closed before the next entry at line 920"),
    ]
    papers = _by_line(doc)
    # "@inproceedings{\nweilbach2023scaling," : key on its own line
    assert papers[1].title == "Scaling Graphically Structured Diffusion Models"
    assert papers[1].venue is not None and papers[1].venue.kind == "workshop"
    # At{\i}l{\i}m G{\"u}ne{\c{s}} and others, eprint with archivePrefix arXiv
    etalumis = papers[856]
    assert etalumis.authors[0].name == "Atılım Güneş Baydin"
    assert etalumis.authors_truncated is True
    assert etalumis.arxiv_id == "1907.03382"
    # {Brekelmans}, Rob: braced surname
    assert [a.name for a in papers[588].authors][:2] == ["Rob Brekelmans", "Vaden Masrani"]
    assert papers[588].arxiv_id == "2007.00642"


@pytest.mark.realdata
def test_biblatex_examples() -> None:
    papers = _by_line(_real("plk_biblatex__biblatex-examples.bib"))
    aksin = papers[37]
    assert [a.name for a in aksin.authors][:4] == [
        "Özge Aksın",
        "Hayati Türkmen",
        "Levent Artok",
        "Bekir Çetinkaya",
    ]
    # journaltitle = jomch, an @string of the same file: {J.~Organomet. Chem.}
    assert aksin.venue is not None and aksin.venue.name == "J. Organomet. Chem."
    assert aksin.year == 2006  # from date = 2006
    # eprint = {math/0307200v3}, eprinttype = {arxiv}: version dropped
    assert papers[68].arxiv_id == "math/0307200"
    # crossref to @collection westfahl:frontier: booktitle from the parent's title
    space = papers[10]
    assert space.title.startswith("The True Frontier: Confronting")  # title + subtitle
    assert space.venue is not None and space.venue.name == "Space and Beyond"
    assert space.year == 2000


@pytest.mark.realdata
def test_crossref_bibtex_export() -> None:
    papers = _by_line(_real("FMuro_bibliographer__crossref-bibtex.bib"))
    jasso = papers[12]
    assert jasso.doi == "10.1090/jams/1079"
    assert [a.name for a in jasso.authors] == ["Gustavo Jasso", "Fernando Muro", "Bernhard Keller"]
    assert jasso.venue is not None and jasso.venue.kind == "journal"
    assert (jasso.year, jasso.date) == (2026, None)  # month=May without a day
    assert papers[1].title == (
        "The Donovan–Wemyss Conjecture via the Derived Auslander–Iyama Correspondence"
    )


@pytest.mark.realdata
def test_zbmath_keywords_and_arxiv_field() -> None:
    doc = _real("FMuro_bibliographer__zbmath.bib")
    first = doc.papers[0]
    assert [t.name for t in first.topics] == ["18M70", "14A30", "16E05", "18G10", "55U35"]
    assert {t.kind for t in first.topics} == {"keyword"}
    # 8 entries carry arXiv = {arXiv:...} (grep -ci '^\s*arxiv\s*=')
    assert sum(1 for p in doc.papers if p.arxiv_id) == 8
    assert any(p.arxiv_id == "math/0703311" for p in doc.papers)


# ------------------------------------------------------------------- synthetic cases


def test_macros_are_case_insensitive_and_concatenate() -> None:
    p = _paper(
        '@String{Pre = "Proceedings of "}\n'
        "@string{ICSE = pre # {ICSE}}\n"
        "@inproceedings{k, title = {T}, author = {A B}, booktitle = icse # { 2020}, year = 2020}\n"
    )
    assert p.venue is not None and p.venue.name == "Proceedings of ICSE 2020"
    assert p.year == 2020


def test_month_macros_and_full_date() -> None:
    p = _paper("@article{k, title={T}, year=2021, month=mar, day={7}}")
    assert p.date == dt.date(2021, 3, 7)
    p = _paper("@article{k, title={T}, year=2021, month=mar}")
    assert (p.year, p.date) == (2021, None)
    p = _paper("@online{k, title={T}, date={2019-11-21}}")
    assert (p.year, p.date) == (2019, dt.date(2019, 11, 21))


def test_preamble_and_comment_are_ignored() -> None:
    doc = _one(
        '@preamble{ "\\newcommand{\\x}{y}" }\n'
        "@comment{ anything { here }\n"
        "@Comment jabref-meta: groups\n"
        "@article{k, title={T}}\n"
    )
    assert (doc.read, len(doc.papers), doc.errors) == (1, 1, [])
    assert doc.papers[0].line == 4


def test_braces_quotes_and_nesting() -> None:
    p = _paper(
        '@article{k, title = "The {ACO} {Book {of} Ants}", journal = {J {Of} "Q"}, year = "1999"}'
    )
    assert p.title == "The ACO Book of Ants"
    assert p.venue is not None and p.venue.name == 'J Of "Q"'
    assert p.year == 1999


def test_parenthesised_entry_and_trailing_comma() -> None:
    p = _paper("@article(k, title = {T}, author = {Ann Lee},\n)")
    assert [a.name for a in p.authors] == ["Ann Lee"]


def test_crossref_inheritance_from_proceedings() -> None:
    doc = _one(
        "@inproceedings{child, title={Paper}, author={A B}, crossref={proc},"
        " doi={10.1/Child}}\n"
        "@proceedings{proc, title={Proc. of X 2020}, year=2020, editor={E F},"
        " doi={10.1/volume}, url={http://volume}}\n"
    )
    # the proceedings volume is a venue: counted, no record, no error
    assert (doc.read, len(doc.papers), doc.errors) == (2, 1, [])
    child = doc.papers[0]
    assert child.venue is not None and child.venue.name == "Proc. of X 2020"
    assert child.year == 2020
    assert [a.name for a in child.authors] == ["A B"]  # editors are not authors
    assert (child.doi, child.url) == ("10.1/child", None)  # identifiers never inherited


def test_crossref_prefers_parent_booktitle_and_keeps_authored_parents() -> None:
    doc = _one(
        "@incollection{c, title={Chapter}, author={A B}, crossref={Vol}}\n"
        "@book{vol, title={Long Title}, booktitle={Short Conference 2001}, author={C D},"
        " year=2001}\n"
    )
    assert [p.title for p in doc.papers] == ["Chapter", "Long Title"]  # authored book stays
    assert doc.papers[0].venue is not None
    assert doc.papers[0].venue.name == "Short Conference 2001"


def test_crossref_and_macros_from_a_later_file() -> None:
    docs = parse_bibtex_files(
        [
            ("a.bib", "@inproceedings{p, title={T}, author=Smith, crossref={V}}"),
            ("b.bib", '@string{smith = "Smith, Jo"}\n@book{v, title={Vol}, editor={E}, year=1990}'),
        ]
    )
    assert [(d.path, d.read, len(d.papers)) for d in docs] == [("a.bib", 1, 1), ("b.bib", 1, 0)]
    p = docs[0].papers[0]
    assert [a.name for a in p.authors] == ["Jo Smith"]
    assert p.venue is not None and p.venue.name == "Vol"
    assert p.year == 1990


def test_latex_accents_to_unicode() -> None:
    p = _paper(
        "@article{k, title={Caf\\'e {\\\"U}ber Stra{\\ss}e}, "
        "author={Fran\\c{c}ois Lef{\\`e}vre and Jos{\\'e} Mu\\~{n}oz}}"
    )
    assert p.title == "Café Über Straße"
    assert [a.name for a in p.authors] == ["François Lefèvre", "José Muñoz"]
    assert p.authors[0].raw == "Fran\\c{c}ois Lef{\\`e}vre"


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Knuth, Donald E.", "Donald E. Knuth"),
        ("Donald E. Knuth", "Donald E. Knuth"),
        ("King, Jr, Martin Luther", "Martin Luther King Jr"),
        ("van der Aalst, Wil", "Wil van der Aalst"),
        ("Ludwig van Beethoven", "Ludwig van Beethoven"),
        ("{Barnes and Noble, Inc.}", "Barnes and Noble, Inc."),
        ("{R Core Team}", "R Core Team"),
        ("D.~E.~Knuth", "D. E. Knuth"),
    ],
)
def test_name_forms(written: str, name: str) -> None:
    p = _paper(f"@misc{{k, title={{T}}, author={{{written}}}}}")
    assert [a.name for a in p.authors] == [name]


def test_and_others_truncates_without_inventing() -> None:
    p = _paper("@misc{k, title={T}, author={A B and C D and others}, editor={E F and G H}}")
    assert [(a.name, a.position) for a in p.authors] == [("A B", 1), ("C D", 2)]
    assert p.authors_truncated is True
    assert _paper("@misc{k, title={T}, author={A B}}").authors_truncated is False


@pytest.mark.parametrize(
    ("fields", "doi", "arxiv", "url"),
    [
        ("doi={https://doi.org/10.1145/ABC.Def}", "10.1145/abc.def", None, None),
        ("doi={doi:10.1/X}", "10.1/x", None, None),
        ("url={https://dx.doi.org/10.5/Q}", "10.5/q", None, "https://dx.doi.org/10.5/Q"),
        ("eprint={2101.00001v2}, archivePrefix={arXiv}", None, "2101.00001", None),
        ("eprint={hep-th/9603067}, eprinttype={arxiv}", None, "hep-th/9603067", None),
        ("eprint={4HIWAAAAYAAJ}, eprinttype={googlebooks}", None, None, None),
        ("eprint={2101.00001}, archivePrefix={HAL}", None, None, None),
        (
            "url={https://arxiv.org/abs/1912.03432v1}",
            None,
            "1912.03432",
            "https://arxiv.org/abs/1912.03432v1",
        ),
        ("journal={arXiv preprint arXiv:2003.13221}", None, "2003.13221", None),
        ("howpublished={\\url{https://x.org/a\\_b}}", None, None, "https://x.org/a_b"),
    ],
)
def test_identifiers(fields: str, doi: str | None, arxiv: str | None, url: str | None) -> None:
    p = _paper(f"@misc{{k, title={{T}}, {fields}}}")
    assert p.doi == doi
    assert p.arxiv_id == arxiv
    assert p.url == url


def test_venues() -> None:
    p = _paper("@inproceedings{k, title={T}, booktitle={Workshop on Things}}")
    assert p.venue is not None and (p.venue.kind, p.kind) == ("workshop", "inproceedings")
    p = _paper("@inproceedings{k, title={T}, booktitle={Intl. Conf. on Stuff}, year=2020}")
    assert p.venue is not None and (p.venue.kind, p.venue.year) == ("conference", 2020)
    p = _paper("@article{k, title={T}, journal={Nature &amp; Science}}")
    assert p.venue is not None and (p.venue.name, p.venue.kind) == ("Nature & Science", "journal")
    p = _paper("@misc{k, title={T}, eprint={2101.00001}, archivePrefix={arXiv}}")
    assert p.venue is not None and (p.venue.name, p.venue.kind) == ("arXiv", "preprint")
    assert p.kind == "preprint"
    p = _paper("@incollection{k, title={T}, booktitle={Handbook of Metaheuristics}}")
    assert p.venue is not None and p.venue.kind == "other"  # a book, not a conference


@pytest.mark.parametrize(
    ("year", "expected"),
    [("2020", 2020), ("{2020 (to appear)}", 2020), ("{in press}", None), ("{c.1850}", 1850)],
)
def test_year(year: str, expected: int | None) -> None:
    assert _paper(f"@article{{k, title={{T}}, year={year}}}").year == expected


def test_keywords_become_keyword_topics() -> None:
    p = _paper("@article{k, title={T}, keywords={graphs; Graphs, co-authorship}}")
    assert [(t.name, t.kind) for t in p.topics] == [
        ("graphs", "keyword"),
        ("co-authorship", "keyword"),
    ]


def test_line_numbers_with_crlf_and_leading_blanks() -> None:
    doc = _one("% c\r\n\r\n  @article{a, title={A}}\r\n@article{b,\r\n title={B}}\r\n")
    assert [p.line for p in doc.papers] == [3, 4]


def test_percent_comment_between_fields_but_not_inside_values() -> None:
    p = _paper("@article{k,\n% note = {hidden},\n  title = {Up 50% faster},\n}")
    assert p.title == "Up 50% faster"


def test_one_line_entries() -> None:
    doc = _one("@article{a, title={A}} @article{b, title={B}}")
    assert [p.title for p in doc.papers] == ["A", "B"]


def test_first_of_repeated_fields_wins() -> None:
    assert _paper("@article{k, title={First}, title={Second}}").title == "First"


# ------------------------------------------------------------------------- bad input


def test_unbalanced_entry_is_an_error_and_parsing_continues() -> None:
    doc = _one(
        "@article{a, title={Open brace never closed}\n"
        "\n"
        "@article{b, title={Fine}}\n"
        "@article{c, title={Also {broken}\n"
    )
    assert [p.title for p in doc.papers] == ["Fine"]
    assert [(e.path, e.line, e.reason) for e in doc.errors] == [
        ("t.bib", 1, "unbalanced braces: entry not closed before the next entry at line 3"),
        ("t.bib", 4, "unbalanced braces: entry not closed before the end of the file"),
    ]
    assert doc.read == len(doc.papers) + len(doc.errors) == 3


def test_extra_closing_brace_is_reported() -> None:
    doc = _one("@article{a, title={T}}},\n  author={A B}}\n@article{b, title={B}}")
    assert [p.title for p in doc.papers] == ["B"]
    assert [(e.line, e.reason) for e in doc.errors] == [
        (1, "unbalanced braces: entry closed at line 1 but fields follow it")
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("@article{title={T}, year=2000}", "@article entry has no citation key"),
        ("@article{, title={T}}", "@article entry has no citation key"),
        ("@article{k, year=2000}", "@article{k}: no title"),
        ("@article{k, title={  }}", "@article{k}: no title"),
        ("@article{k, title={T} year=2000}", "expected ',' or '}' after a field value"),
        ("@article{k, title}", "expected '=' after field name 'title'"),
        ("@article k, title={T}}", "expected '{' or '(' after @article"),
    ],
)
def test_malformed_entries(text: str, reason: str) -> None:
    doc = _one(f"{text}\n@misc{{ok, title={{OK}}}}\n")
    assert [p.title for p in doc.papers] == ["OK"]
    assert len(doc.errors) == 1
    assert doc.errors[0].line == 1
    assert doc.errors[0].reason.startswith(reason)
    assert doc.read == 2


def test_undefined_macro_in_title_or_author_is_an_error_elsewhere_kept() -> None:
    doc = _one(
        "@article{a, title={T}, author=Nobody}\n"
        "@article{b, title=notitle}\n"
        "@article{c, title={T}, author={A B}, journal=jacm}\n"
    )
    assert [(e.line, e.reason) for e in doc.errors] == [
        (
            1,
            "@article{a}: undefined @string macro(s) in title/author: Nobody "
            "(load the files that define them together)",
        ),
        (
            2,
            "@article{b}: undefined @string macro(s) in title/author: notitle "
            "(load the files that define them together)",
        ),
    ]
    venue = doc.papers[0].venue
    assert venue is not None and venue.name == "jacm"  # macro name kept as text


def test_macro_cycle_is_undefined_not_a_hang() -> None:
    doc = _one("@string{a = b}\n@string{b = a}\n@article{k, title=a}")
    assert len(doc.errors) == 1 and "undefined @string macro" in doc.errors[0].reason


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("", 1, "empty document"),
        ("  \n\n", 1, "empty document"),
        ("@article{k,\n title={T}\x00}", 2, "binary content"),
        ('{"title": "not bibtex", "mail": "a@b.org"}', 1, "no BibTeX entries"),
        ("Just a README.\nContact: me@example.org\n", 1, "no BibTeX entries"),
        ("\n@article{k, title={never closed}\n", 2, "no valid BibTeX entry"),
    ],
)
def test_not_bibtex_raises(text: str, line: int, reason: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_bibtex(text, path="bad.bib")
    assert info.value.path == "bad.bib"
    assert info.value.line == line
    assert reason in info.value.reason


def test_a_string_only_file_is_bibtex() -> None:
    doc = parse_bibtex('@string{x = "y"}', path="s.bib")
    assert (doc.read, doc.papers, doc.errors) == (0, [], [])


# ----------------------------------------------------------------------- performance


def _synthetic(n: int) -> str:
    entry = (
        "@inproceedings{{key{i},\n"
        "  author    = {{Lef{{\\`e}}vre, Fran\\c{{c}}ois and Smith, John and others}},\n"
        "  title     = {{A {{Study}} of Things, Part {i}}},\n"
        "  booktitle = conf # {{ 2020}},\n"
        "  year      = 2020,\n"
        "  month     = jan,\n"
        "  doi       = {{10.1/{i}}},\n"
        "}}\n\n"
    )
    return '@string{conf = "Proceedings of Conf"}\n' + "".join(entry.format(i=i) for i in range(n))


def test_throughput_is_linear_enough() -> None:
    # ~10k entries/s on the 2-core dev machine; the bound leaves a wide margin
    text = _synthetic(5000)
    started = time.perf_counter()
    doc = _one(text)
    elapsed = time.perf_counter() - started
    assert (doc.read, len(doc.papers), len(doc.errors)) == (5000, 5000, 0)
    assert doc.papers[-1].title == "A Study of Things, Part 4999"
    assert elapsed < 10


def test_long_blank_runs_do_not_backtrack() -> None:
    # A regex with nested quantifiers over blanks took exponential time here.
    text = "@article{k, title={T}}" + " " * 5000 + "x\n" + "@article{j," + " " * 5000 + "}"
    started = time.perf_counter()
    doc = _one(text)
    assert time.perf_counter() - started < 2
    assert [p.title for p in doc.papers] == ["T"]
    assert [e.reason for e in doc.errors] == ["@article{j}: no title"]
