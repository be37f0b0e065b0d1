"""loaders.wos and loaders.wos_tab on the real Web of Science exports.

Expected counts come from exports/counts.json (computed from the files without this
loader) and, for ``metaknowledge__savedrecs.txt`` (not in counts.json), from SOURCES.md
(32 records) and awk over the file: 66 ``AU`` lines and continuations, 958 ``CR`` lines
and continuations, no ``CA``/``GP``. Records checked by hand quote the lines they rest on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from graph.ingest import load_paths
from graph.store.memory import MemoryStore
from loaders import wos, wos_tab
from loaders.errors import ParseError
from loaders.records import AuthorRef, PaperRecord, RecordError
from loaders.registry import sniff_format
from tests.conftest import REALDATA

EXPORTS = REALDATA / "exports"
# file -> records (counts.json), listed so that the tests exist without the data
PLAIN_RECORDS = {
    "BrunaLab_coauthors_nsf__savedrecs.txt": 102,
    "GabrielNakamura_Decolonizing_expertise__savedrecs.txt": 50,
    "Helioszjr_Bibliometrix__savedrecs.txt": 17,
    "jyoshimi_scientometrics__savedrecs.txt": 100,
}
PLAIN = [EXPORTS / "wos-plaintext" / name for name in PLAIN_RECORDS]
TAB = EXPORTS / "wos-tabdelimited" / "TimothyStaples_labnetwork__savedrecs.txt"
METAKNOWLEDGE = EXPORTS / "metaknowledge__savedrecs.txt"

Item = PaperRecord | RecordError


def _plain(path: Path) -> list[Item]:
    with path.open("rb") as fh:
        return list(wos.iter_wos(fh, path=str(path)))


def _tab(path: Path) -> list[Item]:
    with path.open("rb") as fh:
        return list(wos_tab.iter_wos_tab(fh, path=str(path)))


def _papers(items: list[Item]) -> list[PaperRecord]:
    assert all(isinstance(i, PaperRecord) for i in items), [
        str(i) for i in items if isinstance(i, RecordError)
    ]
    return [i for i in items if isinstance(i, PaperRecord)]


def _plain_text(text: str) -> list[Item]:
    return list(wos.iter_wos(io.BytesIO(text.encode("utf-8")), path="t.txt"))


def _counts(path: Path) -> dict[str, Any]:
    counts: dict[str, Any] = json.loads((EXPORTS / "counts.json").read_text(encoding="utf-8"))
    return counts[str(path.relative_to(REALDATA))]  # type: ignore[no-any-return]


def _persons(p: PaperRecord) -> int:
    """How many of a record's authors are persons: group authors (``CA``, ``GP``) come
    after them, written without the comma of an ``AU`` name ("Estradivari", a mononym
    among the persons of one tab row, is followed by comma names)."""
    n = len(p.authors)
    while n and "," not in (p.authors[n - 1].raw or ""):
        n -= 1
    return n


def _groups(p: PaperRecord) -> list[AuthorRef]:
    return list(p.authors[_persons(p) :])


@pytest.fixture(scope="module")
def plain() -> dict[str, list[PaperRecord]]:
    return {p.name: _papers(_plain(p)) for p in [*PLAIN, METAKNOWLEDGE]}


@pytest.fixture(scope="module")
def tab() -> list[PaperRecord]:
    return _papers(_tab(TAB))


# ------------------------------------------------------------------ counts


@pytest.mark.realdata
@pytest.mark.parametrize("path", PLAIN, ids=lambda p: p.name.split("__")[0])
def test_plain_text_counts_equal_counts_json(
    path: Path, plain: dict[str, list[PaperRecord]]
) -> None:
    c = _counts(path)
    papers = plain[path.name]
    assert len(papers) == c["records"]
    groups = [a for p in papers for a in _groups(p)]
    persons = [a for p in papers for a in p.authors[: _persons(p)]]
    assert len(persons) == c["author_slots"]
    # group authors are CA lines only (GP, a proceedings sponsor, is no author)
    ca_lines = sum(
        1 for line in path.read_text(encoding="utf-8-sig").splitlines() if line.startswith("CA ")
    )
    assert sum(1 for p in papers if len(p.authors) > _persons(p)) == ca_lines
    assert ca_lines <= c["records_with_group_author_CA_or_GP"]
    assert all(not a.initials_only and a.raw == a.name for a in groups)
    assert sum(1 for a in persons if a.initials_only) == c["AF_initials_only"]
    assert max(_persons(p) for p in papers) == c["max_authors_per_record"]
    assert sum(1 for p in papers if _persons(p) == 1) == c["single_author_records"]
    assert sum(len(p.references) for p in papers) == c["cited_refs"]
    assert sum(1 for p in papers if p.references) == c["records_with_refs"]
    assert sum(1 for p in papers if p.doi) == c["records_with_doi"]
    uts = [p.wos_ut for p in papers]
    assert all(u and u.startswith("WOS:") for u in uts) and len(set(uts)) == len(uts)
    assert all(p.title and "\n" not in p.title for p in papers)


@pytest.mark.realdata
def test_plain_text_record_types_and_lines(plain: dict[str, list[PaperRecord]]) -> None:
    for path in PLAIN:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        papers = plain[path.name]
        assert all(lines[p.line - 1].startswith("PT ") for p in papers), path.name
        pts = Counter(lines[p.line - 1][3:] for p in papers)
        assert pts == _counts(path)["PT"], path.name
        assert papers[0].line == 3  # after the FN and VR header lines


@pytest.mark.realdata
def test_metaknowledge_export(plain: dict[str, list[PaperRecord]]) -> None:
    papers = plain[METAKNOWLEDGE.name]
    assert len(papers) == 32
    assert sum(len(p.authors) for p in papers) == 66
    assert sum(len(p.references) for p in papers) == 958
    first = papers[0]
    # AU BREVIK, I / AF BREVIK, I (AF repeats AU: the short form, initials only)
    assert first.authors[0].name == "I. BREVIK" and first.authors[0].initials_only
    # C1 UNIV TRONDHEIM,INST THEORET PHYS,N-7034 TRONDHEIM,NORWAY.
    #    LUFTKRIGSSKOLEN,TRONDHEIM MIL 7000,NORWAY.   (one author: both are his)
    assert [(i.name, i.country) for i in first.authors[0].institutions] == [
        ("UNIV TRONDHEIM", "NORWAY"),
        ("LUFTKRIGSSKOLEN", "NORWAY"),
    ]
    assert first.title == (
        "EXPERIMENTS IN PHENOMENOLOGICAL ELECTRODYNAMICS AND THE ELECTROMAGNETIC "
        "ENERGY-MOMENTUM TENSOR"
    )


@pytest.mark.realdata
def test_tab_delimited_counts_equal_counts_json(tab: list[PaperRecord]) -> None:
    c = _counts(TAB)
    assert len(tab) == c["records"] == 212
    persons = [a for p in tab for a in p.authors[: _persons(p)]]
    assert len(persons) == c["author_slots"]
    assert sum(len(p.references) for p in tab) == c["cited_refs"] == 0
    assert sum(1 for p in tab if p.doi) == c["records_with_doi"]
    assert len({p.wos_ut for p in tab}) == 212
    # rows are physical lines: the header is line 1, CRLF ends, no embedded newlines
    assert [p.line for p in tab] == list(range(2, 214))
    rows = TAB.read_bytes().decode("utf-8-sig").split("\r\n")
    titles = [" ".join(rows[p.line - 1].split("\t")[8].split()) for p in tab]
    assert titles == [p.title for p in tab]


# ------------------------------------------------------- hand-checked records


@pytest.mark.realdata
def test_helioszjr_first_record(plain: dict[str, list[PaperRecord]]) -> None:
    p = plain["Helioszjr_Bibliometrix__savedrecs.txt"][0]
    assert p.title == (
        "NEKO: Proposal of the first super-agile methodology to improve work efficiency"
    )
    # AU Gavelan, JPM / AF Marroquin Gavelan, Juan Patricio (full form is the name)
    names = [(a.name, a.raw, a.position) for a in p.authors]
    assert names == [
        ("Juan Patricio Marroquin Gavelan", "Gavelan, JPM", 1),
        ("Perla Patricia Peralta Mezones", "Mezones, PPP", 2),
        ("Ciro Rodriguez", "Rodriguez, C", 3),
    ]  # GP IEEE: the proceedings sponsor, not an author
    # C1 [Marroquin Gavelan, Juan Patricio; Peralta Mezones, Perla Patricia; Rodriguez,
    #    Ciro] San Marcos Major Natl Univ, Software Engn Dept, Lima, Peru.
    for a in p.authors[:3]:
        assert a.affiliation == "San Marcos Major Natl Univ"
        assert a.institutions[0].country == "Peru"
        assert a.institutions[0].address == (
            "San Marcos Major Natl Univ, Software Engn Dept, Lima, Peru"
        )
    # RI Rodriguez, Ciro Rodriguez/AAR-5866-2020; OI Rodriguez, Ciro Rodriguez/0000-...
    ciro = p.authors[2]
    assert (ciro.researcher_id, ciro.orcid) == ("AAR-5866-2020", "0000-0003-2112-1349")
    assert all(a.orcid is None for a in p.authors[:2])
    assert p.wos_ut == "WOS:000812327000003"
    assert p.doi == "10.1109/icci54321.2022.9756085"
    assert p.year == 2022 and p.date is None
    assert p.venue is not None and p.venue.kind == "conference"
    assert p.venue.name == "5TH INTERNATIONAL CONFERENCE ON COMPUTING AND INFORMATICS (ICCI 2022)"
    assert p.kind == "Proceedings Paper" and p.cited_by == 0
    assert len(p.references) == 21  # NR 21
    kinds = Counter(t.kind for t in p.topics)
    # DE has 5 keywords over two lines, ID 2, WC 4 (wrapped), SC 2
    assert kinds == {"author_keyword": 5, "index_keyword": 2, "subject_category": 6}
    assert [t.name for t in p.topics if t.kind == "subject_category"][1] == (
        "Computer Science, Information Systems"
    )


@pytest.mark.realdata
def test_group_authors(plain: dict[str, list[PaperRecord]], tab: list[PaperRecord]) -> None:
    helio = plain["Helioszjr_Bibliometrix__savedrecs.txt"]
    groups = Counter(a.name for p in helio for a in _groups(p))
    assert groups == {}  # 6 records with GP IEEE / IEEE COMP SOC (SOURCES.md): sponsors
    bruna = plain["BrunaLab_coauthors_nsf__savedrecs.txt"][3]
    # record 4: 191 AU/AF names, then CA Herbivory Variability Network
    assert len(bruna.authors) == 192
    assert bruna.authors[-1] == AuthorRef(
        name="Herbivory Variability Network", position=192, raw="Herbivory Variability Network"
    )
    crandall = next(p for p in tab if p.line == 31)  # CA Diversity Indopacific Network
    assert crandall.authors[-1].name == "Diversity Indopacific Network"
    assert crandall.authors[0].raw == "Crandall, ED"


@pytest.mark.realdata
def test_brunalab_record_4_initials_and_addresses(plain: dict[str, list[PaperRecord]]) -> None:
    p = plain["BrunaLab_coauthors_nsf__savedrecs.txt"][3]
    by_raw = {a.raw: a for a in p.authors}
    # AF Robinson, M. L. is initials only; AU Robinson, ML is the raw form
    robinson = by_raw["Robinson, ML"]
    assert (robinson.name, robinson.initials_only, robinson.position) == (
        "M. L. Robinson",
        True,
        1,
    )
    # C1 [Robinson, M. L.; Cinto Mejia, E.; ...] Michigan State Univ, Dept Entomol, E Lansing,
    #    MI 48824 USA.  /  [Robinson, M. L.] Utah State Univ, Dept Biol, Logan, UT 84322 USA.
    assert [(i.name, i.country) for i in robinson.institutions] == [
        ("Michigan State Univ", "USA"),
        ("Utah State Univ", "USA"),
    ]
    # OI Robinson, Moria L./0000-0001-8025-4024 ; RI Robinson, Moria/N-5951-2019
    assert (robinson.orcid, robinson.researcher_id) == ("0000-0001-8025-4024", "N-5951-2019")
    # AU keeps the accent (Cinto Mejía, E) that AF and C1 drop (Cinto Mejia, E.)
    cinto = by_raw["Cinto Mejía, E"]
    assert cinto.name == "E. Cinto Mejia" and cinto.initials_only
    assert cinto.affiliation == "Michigan State Univ"
    # C1 [Bruna, E. M.] Univ Florida, Ctr Latin Amer Studies, Gainesville, FL USA.
    #    [Bruna, E. M.] Univ Florida, Dept Wildlife Ecol & Conservat, Gainesville, FL USA.
    bruna = by_raw["Bruna, EM"]
    assert [i.address for i in bruna.institutions] == [
        "Univ Florida, Ctr Latin Amer Studies, Gainesville, FL USA",
        "Univ Florida, Dept Wildlife Ecol & Conservat, Gainesville, FL USA",
    ]
    assert bruna.researcher_id == "H-2769-2012"
    # AF Endara, M. -J. keeps its hyphenated initial
    assert by_raw["Endara, MJ"].name == "M.-J. Endara"
    # AU Dáttilo, W / AF Dattilo, W. / C1 [Dattilo, W.] ...; RI Dáttilo, Wesley/A-6371-2012
    dattilo = by_raw["Dáttilo, W"]
    assert dattilo.name == "W. Dattilo" and dattilo.researcher_id == "A-6371-2012"
    assert dattilo.affiliation == "Inst Ecol AC"
    # RI Cardoso Pereira, Cassio/... names no one of this record by family name
    # (AF Pereira, C. C.): a shared family word is enough, given names agree
    assert by_raw["Pereira, CC"].orcid == "0000-0002-6017-4083"
    # every bracket name matches its author; Getman-Pickering, A. S. and Pawar, R. R. are
    # in no bracket (C1 has only [Getman-Pickering, Z.]), the group has no address
    without = [a.raw for a in p.authors if not a.institutions]
    assert without == ["Getman-Pickering, AS", "Pawar, RR", "Herbivory Variability Network"]


@pytest.mark.realdata
def test_brunalab_first_record(plain: dict[str, list[PaperRecord]]) -> None:
    p = plain["BrunaLab_coauthors_nsf__savedrecs.txt"][0]
    # TI Is there really such a thing as <i>Tropical</i> Biology?
    assert p.title == "Is there really such a thing as Tropical Biology?"
    # PD 2024 OCT 9, PY 2024
    assert p.date == dt.date(2024, 10, 9) and p.year == 2024
    # C1 [Bruna, Emilio M.] Univ Florida, ...; RP Bruna, EM (corresponding author), ...;
    # EM embruna@ufl.edu: the one email goes to the one corresponding author
    (author,) = p.authors
    assert author.name == "Emilio M. Bruna" and author.email == "embruna@ufl.edu"
    assert author.institutions[0].address == (
        "Univ Florida, Dept Wildlife Ecol & Conservat, Gainesville, FL 32611 USA"
    )
    assert p.pmid is None and p.kind == "Editorial Material; Early Access"


@pytest.mark.realdata
def test_html_is_stripped_from_titles(plain: dict[str, list[PaperRecord]]) -> None:
    papers = plain["BrunaLab_coauthors_nsf__savedrecs.txt"]
    assert not any("<" in p.title for p in papers)
    # record at line 118: TI Demography of the understory herb <i>H</i><i>eliconia
    # acuminata</i>\n   (Heliconiaceae) in an experimentally fragmented tropical landscape
    demography = next(p for p in papers if p.line == 118)
    assert demography.title == (
        "Demography of the understory herb Heliconia acuminata (Heliconiaceae) in an "
        "experimentally fragmented tropical landscape"
    )


@pytest.mark.realdata
def test_jyoshimi_old_addresses(plain: dict[str, list[PaperRecord]]) -> None:
    papers = plain["jyoshimi_scientometrics__savedrecs.txt"]
    first = papers[0]
    # AF Thompson, E: initials only; C1 York Univ, Dept Philosophy, N York, ON M3J 1P3,
    # Canada. (no brackets, one author: his); RP has another address, not added
    (a,) = first.authors
    assert (a.name, a.initials_only) == ("E. Thompson", True)
    assert [(i.name, i.country) for i in a.institutions] == [("York Univ", "Canada")]
    # record at line 240: C1 [Fuchs, Thomas; De Jaegher, Hanne] Heidelberg Univ, Dept Gen
    # Psychiat, Heidelberg, Germany.; EM names two addresses: neither is assigned
    fuchs = next(p for p in papers if p.line == 240)
    assert [x.affiliation for x in fuchs.authors] == ["Heidelberg Univ", "Heidelberg Univ"]
    assert all(x.email is None for x in fuchs.authors)
    # 1997, UDANA INSPIRED UTTER: an anonymous cited reference stays in the list
    assert any(r.raw == "1997, UDANA INSPIRED UTTER" for p in papers for r in p.references)


@pytest.mark.realdata
def test_tab_delimited_records(tab: list[PaperRecord]) -> None:
    first = tab[0]
    assert first.authors[0].name == "Nicholas M. Hammerman"
    assert first.authors[0].raw == "Hammerman, NM"
    # C1 [Hammerman, Nicholas M.; ...] Univ Queensland, Sch Biol Sci, Brisbane, Qld 4072,
    #    Australia; [Hammerman, Nicholas M.; Staples, Timothy L.; ...] Univ Queensland,
    #    Australian Res Council Ctr Excellence Coral Reef, ...: split outside the brackets
    assert len(first.authors[0].institutions) == 2
    assert first.authors[0].institutions[0].country == "Australia"
    # Duarte, Carlos M. (author 11): OI .../0000-0002-1213-1361, RI .../A-7670-2013
    duarte = first.authors[10]
    assert (duarte.orcid, duarte.researcher_id) == ("0000-0002-1213-1361", "A-7670-2013")
    # line 152: "Reassessing US coral reefs - Response", AF = AU (initials), C1 without
    # brackets for 11 authors (paired with no one), RP names Jackson, JBC with an address
    reply = next(p for p in tab if p.line == 152)
    assert reply.title == "Reassessing US coral reefs - Response"
    assert [a.name for a in reply.authors[:3]] == [
        "J. B. C. Jackson",
        "J. C. Ogden",
        "J. M. Pandolfi",
    ]
    assert all(a.initials_only for a in reply.authors)
    jackson = reply.authors[0]
    assert jackson.affiliation == "Univ Calif San Diego"
    assert all(a.institutions == () for a in reply.authors[1:])
    # OI Pandolfi, John M/0000-0003-3047-6694 matches AF Pandolfi, JM
    assert reply.authors[2].orcid == "0000-0003-3047-6694"
    # RI Possingham, Hugh/B-1337-2008; ...; POSSINGHAM, HUGH/R-8310-2019: the first wins
    assert reply.authors[9].researcher_id == "B-1337-2008"
    # PD JUN 17, PY 2005
    assert reply.date == dt.date(2005, 6, 17) and reply.pmid is None


@pytest.mark.realdata
def test_tab_delimited_quirks(tab: list[PaperRecord]) -> None:
    # cells hold '"' and are not quoted: QUOTE_NONE keeps them as written
    quoted = next(p for p in tab if p.line == 39)
    assert quoted.title.startswith('New evidence for "far-field" Holocene sea level')
    # three rows have an empty PY: the year comes from EA (OCT 2021, AUG 2021, OCT 2020)
    assert [p.year for p in tab if p.line in (3, 5, 13)] == [2021, 2021, 2020]
    # every data row has 68 fields against the 67-field header: accepted, nothing lost
    header = "PT\tAU\tAF\tTI\tSO\tPY\tUT"
    row = "J\tDoe, J\tDoe, Jane\tA title\tNATURE\t2020\tWOS:000000000000001\t"
    (p,) = wos_tab.iter_wos_tab(io.BytesIO(f"\ufeff{header}\r\n{row}\r\n".encode()), path="t.txt")
    assert isinstance(p, PaperRecord) and p.authors[0].name == "Jane Doe"
    bad = row + "surplus"
    (e,) = wos_tab.iter_wos_tab(io.BytesIO(f"{header}\r\n{bad}\r\n".encode()), path="t.txt")
    assert isinstance(e, RecordError) and e.line == 2 and "8 fields" in e.reason


@pytest.mark.realdata
def test_both_layouts_give_the_same_record() -> None:
    """The first Helioszjr record written in the tab layout reads as the plain text one
    (one builder for both)."""
    path = EXPORTS / "wos-plaintext" / "Helioszjr_Bibliometrix__savedrecs.txt"
    lines = path.read_text(encoding="utf-8-sig").split("\nER\n")[0].splitlines()[2:]
    tags: dict[str, list[str]] = {}
    current = ""
    for line in lines:
        if line.startswith("   "):
            tags[current].append(line.strip())
        else:
            current = line[:2]
            tags.setdefault(current, []).append(line[3:])
    cells = {t: ("; " if t in wos.LIST_TAGS else " ").join(values) for t, values in tags.items()}
    header = "\t".join(cells)
    row = "\t".join(cells.values())
    (from_tab,) = wos_tab.iter_wos_tab(io.BytesIO(f"{header}\r\n{row}\t\r\n".encode()), path="t")
    from_plain = _papers(_plain(path))[0]
    assert isinstance(from_tab, PaperRecord)
    assert from_tab == dataclasses.replace(from_plain, line=2)


# ---------------------------------------------------------------- synthetic


def test_short_forms_only_and_compact_initials() -> None:
    (p,) = _plain_text("PT J\nAU Zhang, ZL\n   Li, X\nTI T\nPY 2020\nER\n")
    assert isinstance(p, PaperRecord)
    assert [(a.name, a.raw, a.initials_only) for a in p.authors] == [
        ("Z. L. Zhang", "Zhang, ZL", True),
        ("X. Li", "Li, X", True),
    ]
    assert p.authors[0].institutions == ()


def test_unbracketed_addresses_of_several_authors_pair_with_no_one() -> None:
    (p,) = _plain_text("PT J\nAU A, B\n   C, D\nTI T\nC1 Univ X, Dept Y, Paris, France.\nER\n")
    assert isinstance(p, PaperRecord)
    assert all(a.institutions == () for a in p.authors)


def test_bad_records_are_reported_and_reading_goes_on() -> None:
    text = (
        "FN Clarivate Analytics Web of Science\nVR 1.0\n"
        "PT J\nAU A, B\nER\n"  # no title
        "PT J\nAU A, B\nTI Fine\nER\n"
        "PT J\nAU A, B\nthis is not a tag line\nTI T\nER\n"
        "PT J\nTI Not closed\n"
        "PT J\nTI Last\n"  # cut short
    )
    items = _plain_text(text)
    assert [type(i).__name__ for i in items] == [
        "RecordError",
        "PaperRecord",
        "RecordError",
        "RecordError",
        "RecordError",
    ]
    errors = [i for i in items if isinstance(i, RecordError)]
    assert [(e.line, e.reason) for e in errors] == [
        (3, "no title (TI)"),
        (10, "line 12 is neither a tag nor a continuation"),
        (15, "record not closed by ER"),
        (17, "record not closed by ER (file cut short?)"),
    ]


def test_undecodable_line_costs_its_record_only() -> None:
    data = b"PT J\nTI Caf\xe9\nER\nPT J\nTI Fine\nER\nEF"
    items = list(wos.iter_wos(io.BytesIO(data), path="t.txt"))
    assert isinstance(items[0], RecordError) and items[0].reason == "line 2 is not UTF-8"
    assert isinstance(items[1], PaperRecord) and items[1].title == "Fine"


def test_whole_file_errors() -> None:
    with pytest.raises(ParseError, match="empty"):
        _plain_text("")
    with pytest.raises(ParseError, match="not a Web of Science plain-text export"):
        _plain_text("@article{x, title={T}}\n")
    with pytest.raises(ParseError, match="not a Web of Science tab-delimited export"):
        list(wos_tab.iter_wos_tab(io.BytesIO(b"Authors,Title\nA,T\n"), path="t.csv"))


@pytest.mark.realdata
def test_sniffing_tells_the_layouts_apart() -> None:
    plain_head = PLAIN[0].read_bytes()[:8192].decode("utf-8", errors="replace")
    tab_head = TAB.read_bytes()[:8192].decode("utf-8", errors="replace")
    assert wos.looks_like_wos(plain_head) and not wos.looks_like_wos(tab_head)
    assert wos_tab.looks_like_wos_tab(tab_head) and not wos_tab.looks_like_wos_tab(plain_head)


# ------------------------------------------------------------------ wiring


@pytest.mark.realdata
@pytest.mark.parametrize(
    ("path", "fmt", "read"),
    [
        *((p, "wos", PLAIN_RECORDS[p.name]) for p in PLAIN),
        (METAKNOWLEDGE, "wos", 32),
        (TAB, "wos_tab", 212),
    ],
    ids=lambda v: getattr(v, "name", str(v)).split("__")[0],
)
def test_each_sample_is_sniffed_and_loaded(path: Path, fmt: str, read: int) -> None:
    assert sniff_format(path) == fmt
    store = MemoryStore(None)
    (doc,) = load_paths(store, [path]).documents
    assert (doc.format, doc.status, doc.read, doc.errors) == (fmt, "loaded", read, [])
    assert doc.read == doc.loaded + doc.merged + doc.skipped
    assert doc.loaded > 0
