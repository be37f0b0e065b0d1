"""loaders.pubmed (PubMed XML) and loaders.medline (MEDLINE text) on the real exports.

Counts come from /work/shared/realdata/exports/counts.json and SOURCES.md, made without
these loaders (tag and element counts on the files).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import socket
from collections import Counter
from pathlib import Path

import pytest

from graph.ingest import load_paths
from graph.store.memory import MemoryStore
from loaders.errors import ParseError
from loaders.medline import iter_medline, parse_medline
from loaders.pubmed import iter_pubmed, nlm_citation, parse_pubmed
from loaders.records import CitedRef, InstitutionRef, ParsedDocument
from loaders.registry import get_format, sniff_format
from tests.conftest import REALDATA, SEEDS

EXPORTS = REALDATA / "exports"
COUNTS = json.loads((EXPORTS / "counts.json").read_text())
XML = EXPORTS / "pubmed-xml" / "xizhou_pubMR__pubmed_result.xml"
MEDLINE = EXPORTS / "medline" / "ionnss_scientometric_project_pyBibX__pubmed.txt"


@pytest.fixture(scope="module")
def xml_doc() -> ParsedDocument:
    return parse_pubmed(XML.read_bytes(), path=str(XML))


@pytest.fixture(scope="module")
def medline() -> ParsedDocument:
    return parse_medline(MEDLINE.read_bytes(), path=str(MEDLINE))


# ------------------------------------------------------------------------ PubMed XML


def test_xml_counts(xml_doc: ParsedDocument) -> None:
    counts = COUNTS["exports/pubmed-xml/xizhou_pubMR__pubmed_result.xml"]
    papers = xml_doc.papers
    authors = [a for p in papers for a in p.authors]
    assert xml_doc.read == len(papers) == counts["records"] == 93 and xml_doc.errors == []
    assert len(authors) == counts["author_slots"] == counts["personal_authors"] == 828
    assert sum(len(a.institutions) for a in authors) == counts["affiliation_elements"] == 954
    assert sum(1 for p in papers if any(a.institutions for a in p.authors)) == 93
    assert sum(len(p.references) for p in papers) == counts["cited_refs"] == 1925
    assert sum(1 for p in papers if p.references) == counts["records_with_refs"] == 44
    assert sum(1 for p in papers if p.doi) == counts["records_with_doi"] == 93
    assert len({p.pmid for p in papers}) == 93
    # SOURCES.md: 28 ORCID identifiers, 1,622 MeshHeading; authors with 2, 3 and 4
    # AffiliationInfo: 96, 12 and 2
    assert sum(1 for a in authors if a.orcid) == 28
    assert sum(1 for p in papers for t in p.topics if t.kind == "mesh") == 1622
    per_author = Counter(len(a.institutions) for a in authors)
    assert (per_author[2], per_author[3], per_author[4]) == (96, 12, 2)
    # every reference carries the cited PMID and no DOI
    refs = [r for p in papers for r in p.references]
    assert all(r.pmid and r.doi is None for r in refs)


def test_xml_first_article_by_hand(xml_doc: ParsedDocument) -> None:
    # line 5: <PubmedArticle>, <PMID Version="1">30527807</PMID>, PubDate 2019/01/15,
    # <Title>Biochemical and biophysical research communications</Title>,
    # <ISOAbbreviation>Biochem. Biophys. Res. Commun.</ISOAbbreviation>,
    # <LastName>Yang</LastName><ForeName>Bijun</ForeName><Initials>B</Initials>
    # <Affiliation>Department of Respiratory Medicine, First Affiliated Hospital of Chongqing
    #   Medical University, 400016, Chongqing, China.</Affiliation>
    # ... <LastName>Liu</LastName><ForeName>Yuliang</ForeName> <Affiliation>..., Chongqing,
    #   China. Electronic address: lbb861@qq.com.</Affiliation>
    first = xml_doc.papers[0]
    assert first.line == 5 and first.pmid == "30527807"
    assert first.title.startswith("A serine in exon 11 determines the full transcriptional")
    assert first.doi == "10.1016/j.bbrc.2018.11.161" and first.pmcid is None
    assert first.year == 2019 and first.date == dt.date(2019, 1, 15)
    assert first.venue is not None
    assert first.venue.name == "Biochemical and biophysical research communications"
    assert first.venue.acronym == "Biochem. Biophys. Res. Commun." and first.venue.kind == "journal"
    assert [(a.name, a.raw) for a in first.authors] == [
        ("Bijun Yang", "Yang B"),
        ("Yu Xu", "Xu Y"),
        ("Xiaohui Wang", "Wang X"),
        ("Yuliang Liu", "Liu Y"),
    ]
    assert first.authors[0].institutions == (
        InstitutionRef(
            name="First Affiliated Hospital of Chongqing Medical University",
            country="China",
            address="Department of Respiratory Medicine, First Affiliated Hospital of "
            "Chongqing Medical University, 400016, Chongqing, China",
        ),
    )
    assert first.authors[3].institutions[0].country == "China"  # the email is not the country
    assert first.kind == "Journal Article"
    assert first.topics[0] == first.topics[0].__class__("Animals", "mesh", "D000818")
    assert [t.name for t in first.topics if t.kind == "author_keyword"] == [
        "Exon",
        "Lung carcinoma",
        "TCF-4",
        "Transcription",
        "Wnt signaling",
    ]
    assert first.references == ()


def test_xml_orcid_two_affiliations_and_references(xml_doc: ParsedDocument) -> None:
    # line 498: PMID 30413706; author 4: <LastName>Zhang</LastName><ForeName>Xian</ForeName>
    # <Identifier Source="ORCID">http://orcid.org/0000-0001-9674-7886</Identifier> and two
    # AffiliationInfo (Wake Forest School of Medicine; MD Anderson Cancer Center);
    # <ArticleId IdType="pmc">PMC6226490</ArticleId>; 50 <Reference>, the first
    # <Citation>Sci Rep. 2016 Jul 28;6:30347</Citation> ... pubmed 27464733
    paper = next(p for p in xml_doc.papers if p.pmid == "30413706")
    assert paper.line == 498 and paper.pmcid == "PMC6226490"
    zhang = paper.authors[3]
    assert (zhang.name, zhang.orcid) == ("Xian Zhang", "0000-0001-9674-7886")
    assert [i.name for i in zhang.institutions] == [
        "Wake Forest School of Medicine",
        "The University of Texas MD Anderson Cancer Center",
    ]
    assert [i.country for i in zhang.institutions] == ["USA", "USA"]
    assert len(paper.references) == 50
    assert paper.references[0] == CitedRef(
        raw="Sci Rep. 2016 Jul 28;6:30347",
        pmid="27464733",
        source="Sci Rep",
        year=2016,
        volume="6",
        page="30347",
    )


def test_xml_references_split_over_many_lists(xml_doc: ParsedDocument) -> None:
    # PMID 30409761 writes 18 <ReferenceList> of one <Reference> each, PMID 30118680 49
    by_pmid = {p.pmid: p for p in xml_doc.papers}
    assert len(by_pmid["30409761"].references) == 18
    assert len(by_pmid["30118680"].references) == 49
    assert by_pmid["30409761"].references[0].raw == "Proteomics. 2012 Apr;12(8):1261-8"


def test_xml_initials_only_forenames(xml_doc: ParsedDocument) -> None:
    # <LastName>Lai</LastName><ForeName>C-F</ForeName><Initials>CF</Initials>
    authors = {a.raw: a for p in xml_doc.papers for a in p.authors}
    assert (authors["Lai CF"].name, authors["Lai CF"].initials_only) == ("C.-F. Lai", True)
    assert (authors["Virshup DM"].name, authors["Virshup DM"].initials_only) == (
        "D. M. Virshup",
        True,
    )
    assert sum(a.initials_only for p in xml_doc.papers for a in p.authors) == 57
    # inline markup keeps its text: "... the T<i>X</i>Y conserved ..."
    assert any("the TXY conserved" in (p.abstract or "") for p in xml_doc.papers)


def test_xml_never_fetches_the_dtd(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the loader opened a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    with XML.open("rb") as fh:
        assert sum(1 for _ in iter_pubmed(fh, path=str(XML))) == 93


_ARTICLE = (
    "<PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article><ArticleTitle>{title}"
    '</ArticleTitle><AuthorList CompleteYN="N"><Author><CollectiveName>Group</CollectiveName>'
    "</Author><Author><LastName>Doe</LastName><Initials>JA</Initials></Author></AuthorList>"
    "</Article></MedlineCitation></PubmedArticle>\n"
)


def _doc(body: str, subset: str = "") -> str:
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle//EN" '
        f'"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_190101.dtd"{subset}>\n'
        f"<PubmedArticleSet>\n{body}</PubmedArticleSet>\n"
    )


def test_xml_external_entities_are_refused() -> None:
    secret = "file:///etc/hostname"
    text = _doc(
        _ARTICLE.format(pmid=1, title="Leak &x;") + _ARTICLE.format(pmid=2, title="Fine"),
        subset=f' [<!ENTITY x SYSTEM "{secret}">]',
    )
    doc = parse_pubmed(text, path="x.xml")
    assert doc.read == 2 and [p.title for p in doc.papers] == ["Fine"]
    assert doc.errors[0].line == 4 and "external entity" in doc.errors[0].reason


def test_xml_collectives_initials_and_truncation() -> None:
    (paper,) = parse_pubmed(_doc(_ARTICLE.format(pmid=7, title="T")), path="x.xml").papers
    assert paper.authors_truncated
    assert [(a.name, a.raw, a.position, a.initials_only) for a in paper.authors] == [
        ("J. A. Doe", "Doe JA", 1, True)
    ]


def test_xml_junk_after_the_set_is_one_error() -> None:
    doc = parse_pubmed(_doc(_ARTICLE.format(pmid=1, title="One")) + "<more/>\n", path="x")
    assert [p.pmid for p in doc.papers] == ["1"] and doc.read == 2
    assert doc.errors[0].line == 6 and "junk after document element" in doc.errors[0].reason


def test_xml_truncated_download_keeps_what_came_before() -> None:
    text = _doc(_ARTICLE.format(pmid=1, title="One")).replace("</PubmedArticleSet>\n", "")
    text += "<PubmedArticle><MedlineCitation><PMID>2</PMID"
    doc = parse_pubmed(text, path="x.xml")
    assert [p.pmid for p in doc.papers] == ["1"] and doc.read == 2
    assert doc.errors[0].line == 5 and doc.errors[0].reason.startswith("the XML breaks here")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "the file is empty"),
        ("not xml at all", "not XML"),
        ("<dblp><article/></dblp>", "root element <dblp> is not <PubmedArticleSet>"),
    ],
)
def test_xml_whole_file_errors(text: str, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        parse_pubmed(text, path="x.xml")


def test_xml_bad_articles_are_errors() -> None:
    no_title = _ARTICLE.format(pmid=3, title="").replace("<ArticleTitle></ArticleTitle>", "")
    book = "<PubmedBookArticle><BookDocument/></PubmedBookArticle>\n"
    doc = parse_pubmed(_doc(no_title + book + _ARTICLE.format(pmid=4, title="ok")), path="x")
    assert doc.read == 3 and [p.pmid for p in doc.papers] == ["4"]
    assert [(e.line, e.reason) for e in doc.errors] == [
        (4, "PMID 3 has no ArticleTitle"),
        (5, "a PubmedBookArticle (NCBI Bookshelf record) is not read"),
    ]


def test_nlm_citations() -> None:
    assert nlm_citation("Ann Oncol. 2006 May;17 Suppl 5:v181-7") == CitedRef(
        raw="Ann Oncol. 2006 May;17 Suppl 5:v181-7",
        source="Ann Oncol",
        year=2006,
        volume="17 Suppl 5",
        page="v181",
    )
    oncology = nlm_citation("Oncology (Williston Park). 2014 Oct;28(10):884, 886")
    assert (oncology.source, oncology.volume, oncology.page) == (
        "Oncology (Williston Park)",
        "28",
        "884",
    )
    assert nlm_citation("Smith J. A book. Springer; 2001.") == CitedRef(
        raw="Smith J. A book. Springer; 2001."
    )


# ---------------------------------------------------------------------- MEDLINE text


def test_medline_counts(medline: ParsedDocument) -> None:
    counts = COUNTS["exports/medline/ionnss_scientometric_project_pyBibX__pubmed.txt"]
    papers = medline.papers
    authors = [a for p in papers for a in p.authors]
    assert medline.read == len(papers) == counts["records"] == 133 and medline.errors == []
    assert len(authors) == counts["author_slots"] == counts["FAU_slots"] == 812
    assert sum(1 for p in papers if not p.authors) == counts["records_without_AU"] == 1
    assert sum(1 for p in papers if any(a.institutions for a in p.authors)) == 128
    assert sum(len(a.institutions) for a in authors) == counts["AD_lines"] == 991
    assert sum(1 for p in papers if p.doi) == counts["records_with_doi"] == 133
    assert sum(len(p.references) for p in papers) == counts["cited_refs"] == 0
    assert len({p.pmid for p in papers}) == 133
    # 100 "AUID- ORCID: ..." lines
    assert sum(1 for a in authors if a.orcid) == MEDLINE.read_bytes().count(b"AUID- ORCID:") == 100
    # FAU given names that are only initials ("Nester, C", "Lai, A-M")
    assert sum(a.initials_only for a in authors) == 65


def test_medline_first_record_by_hand(medline: ParsedDocument) -> None:
    # PMID- 36843279 / DP  - 2023 Jun / TI  - Biological Age Acceleration and Motoric
    # Cognitive Risk Syndrome. / LID - 10.1002/ana.26624 [doi] / TA  - Ann Neurol /
    # JT  - Annals of neurology / MH  - *Cognitive Dysfunction/epidemiology / PMC - PMC10865507
    # FAU - Gao, Tina / AU  - Gao T / AD  - Department of Medicine, Albert Einstein College of
    #   Medicine, Bronx, NY, USA. / AD  - Institute for Aging Research, Albert Einstein
    #   College of Medicine, Bronx, NY, \r\n      USA.
    # FAU - Verghese, Joe / AU  - Verghese J / AUID- ORCID: 0000-0003-4252-2547 / AD  - ...
    first = medline.papers[0]
    assert first.line == 1 and first.pmid == "36843279" and first.pmcid == "PMC10865507"
    assert first.title == "Biological Age Acceleration and Motoric Cognitive Risk Syndrome."
    assert first.doi == "10.1002/ana.26624" and first.year == 2023 and first.date is None
    assert first.venue is not None
    assert (first.venue.name, first.venue.acronym) == ("Annals of neurology", "Ann Neurol")
    assert len(first.authors) == 7
    gao = first.authors[3]
    assert (gao.name, gao.raw, gao.initials_only) == ("Tina Gao", "Gao T", False)
    assert [i.address for i in gao.institutions] == [
        "Department of Medicine, Albert Einstein College of Medicine, Bronx, NY, USA",
        "Institute for Aging Research, Albert Einstein College of Medicine, Bronx, NY, USA",
    ]
    verghese = first.authors[6]
    assert verghese.orcid == "0000-0003-4252-2547" and len(verghese.institutions) == 2
    assert [a.orcid for a in first.authors[:6]] == [None] * 6
    mesh = [t.name for t in first.topics if t.kind == "mesh"]
    assert "Cognitive Dysfunction" in mesh and "Cognition Disorders" in mesh
    assert first.abstract is not None and first.abstract.endswith("ANN NEUROL 2023;93:1187-1197.")
    assert first.kind == "Journal Article"


def test_medline_collective_author_is_not_a_person(medline: ParsedDocument) -> None:
    # line 3160: PMID- 29966199 ... FAU - Allali, Gilles / AU  - Allali G /
    # CN  - Canadian Gait Consortium (10 FAU, no AD in the record)
    paper = next(p for p in medline.papers if p.pmid == "29966199")
    assert paper.line == 3160 and len(paper.authors) == 10
    assert paper.authors[-1].name == "Gilles Allali"
    assert all("Consortium" not in a.name for p in medline.papers for a in p.authors)


def test_medline_record_without_author(medline: ParsedDocument) -> None:
    # line 12110: PMID- 35942879 / DP  - 2022 Aug 2 / TI  - Correction to: ... (no AU)
    paper = next(p for p in medline.papers if p.pmid == "35942879")
    assert paper.line == 12110 and paper.authors == ()
    assert paper.kind == "Published Erratum" and paper.date == dt.date(2022, 8, 2)


def test_medline_edge_cases() -> None:
    text = (
        "PMID- 1\r\nTI  - Old record\r\nAD  - Univ X, Country\r\nAU  - Smith JA\r\n\r\n"
        "PMID- 2\nTI  - Collective\nFAU - Doe, Jane\nAU  - Doe J\nCN  - A Group\n"
        "AD  - Group address, Somewhere\nAUID- ORCID: 0000-0002-1825-0097\n\n"
        "TI  - No PMID\n\n"
        "PMID- 3\nDP  - 2020 Mar-Apr\n"
    )
    doc = parse_medline(text, path="x.nbib")
    assert doc.read == 4
    one, two = doc.papers
    (smith,) = one.authors
    assert (smith.name, smith.raw, smith.initials_only) == ("J. A. Smith", "Smith JA", True)
    assert [i.name for i in smith.institutions] == ["Univ X"]  # the record's AD, one author
    (doe,) = two.authors
    assert doe.institutions == () and doe.orcid is None  # they follow the collective
    assert [(e.line, e.reason) for e in doc.errors] == [
        (14, "record starts with TI line, not PMID-"),
        (16, "PMID 3 has no title (TI)"),
    ]


def test_medline_whole_file_errors() -> None:
    with pytest.raises(ParseError, match="the file is empty"):
        parse_medline("\n\n", path="x.nbib")
    with pytest.raises(ParseError, match="no PMID- line first"):
        parse_medline("TY  - JOUR\nTI  - RIS, not MEDLINE\n", path="x.ris")
    with pytest.raises(ParseError, match="not UTF-8"):
        list(iter_medline(io.BytesIO(b"PMID- 1\nTI  - \xff\xfe\n"), path="x.nbib"))


# ------------------------------------------------------------------ registry and ingest


@pytest.mark.parametrize(
    ("path", "fmt", "records"), [(XML, "pubmed_xml", 93), (MEDLINE, "medline", 133)]
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


@pytest.mark.parametrize(("fmt", "sample"), [("pubmed_xml", XML), ("medline", MEDLINE)])
def test_each_pubmed_format_claims_only_its_file(fmt: str, sample: Path) -> None:
    sniff = get_format(fmt).sniff
    assert {p for p, head in _heads().items() if sniff(head)} == {sample}
