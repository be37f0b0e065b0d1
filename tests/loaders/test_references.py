"""loaders.references: cited references as WoS and Scopus write them, and their key.

Every reference string below is copied from a file under realdata/exports (the file is
named above each group). The last tests measure the key on the Helioszjr pair, a WoS
export and a Scopus export of the same search: how many cited works the two share.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from loaders.records import CitedRef, PaperRecord
from loaders.references import cited_key, parse_scopus_ref, parse_wos_ref, split_outside_brackets
from loaders.scopus import iter_scopus
from loaders.wos import iter_wos
from tests.conftest import REALDATA

EXPORTS = REALDATA / "exports"
WOS_HELIO = EXPORTS / "wos-plaintext" / "Helioszjr_Bibliometrix__savedrecs.txt"
SCOPUS_HELIO = EXPORTS / "scopus-csv" / "Helioszjr_Bibliometrix__scopus.csv"


def _parts(ref: CitedRef) -> tuple[object, ...]:
    return (ref.first_author, ref.year, ref.source, ref.volume, ref.page, ref.doi)


# ------------------------------------------------------------------ WoS CR


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        # Helioszjr_Bibliometrix__savedrecs.txt
        (
            "Ahmad MO, 2018, J SYST SOFTWARE, V137, P96, DOI 10.1016/j.jss.2017.11.045",
            ("Ahmad MO", 2018, "J SYST SOFTWARE", "137", "96", "10.1016/j.jss.2017.11.045"),
        ),
        (
            "Sadath Le, 2018, 2018 ADV SCI ENG TEC, P1, DOI DOI 10.1109/ICASET.2018.8376925",
            ("Sadath Le", 2018, "2018 ADV SCI ENG TEC", None, "1", "10.1109/icaset.2018.8376925"),
        ),
        (
            "Mnookin S., 2016, ECOSYST HUM WELL BEI, P27, DOI [10.1007/s13398-014-0173-7.2, "
            "DOI 10.1007/S13398-014-0173-7.2]",
            ("Mnookin S.", 2016, "ECOSYST HUM WELL BEI", None, "27", "10.1007/s13398-014-0173-7.2"),
        ),
        (
            "Yoo S, 2012, SOFTW TEST VERIF REL, V22, P67, DOI [10.1002/stv.430, 10.1002/stvr.430]",
            ("Yoo S", 2012, "SOFTW TEST VERIF REL", "22", "67", "10.1002/stv.430"),
        ),
        (
            "Intergovernmental Panel Climate Change Working Grp III, 2014, CLIMATE CHANGE "
            "2014: MITIGATION OF CLIMATE CHANGE, P1",
            (
                "Intergovernmental Panel Climate Change Working Grp III",
                2014,
                "CLIMATE CHANGE 2014: MITIGATION OF CLIMATE CHANGE",
                None,
                "1",
                None,
            ),
        ),
        (
            "Kitchenham B., 2007, GUIDELINES PERFORMIN",
            ("Kitchenham B.", 2007, "GUIDELINES PERFORMIN", None, None, None),
        ),
        (
            "Mansoori Y, 2019, TECHNOVATION, V84-85, P37, DOI 10.1016/j.technovation.2019.03.001",
            (
                "Mansoori Y",
                2019,
                "TECHNOVATION",
                "84-85",
                "37",
                "10.1016/j.technovation.2019.03.001",
            ),
        ),
        # jyoshimi_scientometrics__savedrecs.txt: 46 trailing spaces in the file
        (
            "BARONCOHEN S, 1986, BRIT J DEV PSYCHOL, V4, P113, "
            "DOI 10.1111/j.2044-835X.1986.tb01003.x" + " " * 46,
            (
                "BARONCOHEN S",
                1986,
                "BRIT J DEV PSYCHOL",
                "4",
                "113",
                "10.1111/j.2044-835x.1986.tb01003.x",
            ),
        ),
        ("1997, UDANA INSPIRED UTTER", (None, 1997, "UDANA INSPIRED UTTER", None, None, None)),
        (
            "Dav ies M., 1995, MENTAL SIMULATIONS E",
            ("Dav ies M.", 1995, "MENTAL SIMULATIONS E", None, None, None),
        ),
        (
            "THOMPSON E, IN PRESS TRENDS COGN",
            ("THOMPSON E", None, "IN PRESS TRENDS COGN", None, None, None),
        ),
        # GabrielNakamura / BrunaLab-era CR forms
        (
            "[Anonymous], 2013, HDB META ANAL ECOLOG, DOI DOI 10.1016/j.wasman.2006.12.012",
            (None, 2013, "HDB META ANAL ECOLOG", None, None, "10.1016/j.wasman.2006.12.012"),
        ),
        (
            "Guillon F, 2002, BRIT J NUTR, V88, pS293, DOI 10.1079/BJN2002720",
            ("Guillon F", 2002, "BRIT J NUTR", "88", "S293", "10.1079/bjn2002720"),
        ),
        (
            "Magrin GO, 2014, CLIMATE CHANGE 2014: IMPACTS, ADAPTATION, AND VULNERABILITY, PT B: "
            "REGIONAL ASPECTS, P1499",
            (
                "Magrin GO",
                2014,
                "CLIMATE CHANGE 2014: IMPACTS, ADAPTATION, AND VULNERABILITY, "
                "PT B: REGIONAL ASPECTS",
                None,
                "1499",
                None,
            ),
        ),
        ("[No title captured]", (None, None, None, None, None, None)),
        # metaknowledge__savedrecs.txt
        (
            "AKAIKE H, 1974, IEEE T AUTOMAT CONTR, VAC19, P716, DOI 10.1109/TAC.1974.1100705",
            ("AKAIKE H", 1974, "IEEE T AUTOMAT CONTR", "AC19", "716", "10.1109/tac.1974.1100705"),
        ),
        (
            "Costa de Beauregard O., 1974, Comptes Rendus Hebdomadaires des Seances de "
            "l'Academie des Sciences, Serie B (Sciences Physiques), V278",
            (
                "Costa de Beauregard O.",
                1974,
                "Comptes Rendus Hebdomadaires des Seances de l'Academie des Sciences, "
                "Serie B (Sciences Physiques)",
                "278",
                None,
                None,
            ),
        ),
    ],
)
def test_wos_cited_references(line: str, parts: tuple[object, ...]) -> None:
    ref = parse_wos_ref(line)
    assert _parts(ref) == parts
    assert ref.raw == " ".join(line.split())  # trailing spaces trimmed, text kept


def test_wos_in_press_keeps_the_year_when_written() -> None:
    # jyoshimi: NIGH R, 2008, IN PRESS CULTURED TR
    ref = parse_wos_ref("NIGH R, 2008, IN PRESS CULTURED TR")
    assert (ref.year, ref.source) == (2008, "IN PRESS CULTURED TR")
    assert cited_key(ref) == "nigh|r|2008|sct"  # "IN PRESS" is not part of the source key


def test_split_outside_brackets() -> None:
    c1 = "[Hammerman, Nicholas M.; Roff, George] Univ Queensland, Brisbane; [Roff, George] UQ"
    assert split_outside_brackets(c1, "; ") == [
        "[Hammerman, Nicholas M.; Roff, George] Univ Queensland, Brisbane",
        "[Roff, George] UQ",
    ]


# ------------------------------------------------------------ Scopus items


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # Helioszjr_Bibliometrix__scopus.csv
        (
            "Nayak, V., D'Souza, D.R., A survey on multi-criteria decision making methods in "
            "software engineering (2018) Int J Innovat Sci Res Technol, 3 (7), pp. 366-374",
            (
                "Nayak, V.",
                2018,
                "A survey on multi-criteria decision making methods in software engineering",
                "Int J Innovat Sci Res Technol",
                "3",
                "366",
            ),
        ),
        (
            "Algan, Y., Cahuc, P., Zylbeberg, A., (2012) La fabrique de la défiance, , "
            "Albin Michel",
            ("Algan, Y.", 2012, None, "La fabrique de la défiance", None, None),
        ),
        (
            "Aggarwal, K.K., Singh, Y., Software Engineering (2009), Third Ed New Age "
            "International (P) Limited Publishers",
            (
                "Aggarwal, K.K.",
                2009,
                "Software Engineering",
                "Third Ed New Age International (P) Limited Publishers",
                None,
                None,
            ),
        ),
        (
            "Cohn, M., Ford, D., Introducing an Agile Process to an Organization (2003) "
            "Computer, 36 (6), pp. 74-78",
            (
                "Cohn, M.",
                2003,
                "Introducing an Agile Process to an Organization",
                "Computer",
                "36",
                "74",
            ),
        ),
        (
            "Manifesto for Agile Software Development, , http://www.agilemanifesto.org, "
            "(17/09/2015)",
            (
                None,
                None,
                "Manifesto for Agile Software Development, http://www.agilemanifesto.org, "
                "(17/09/2015)",
                None,
                None,
                None,
            ),
        ),
        ("[doi] [Medline: 31051507]", (None, None, None, None, None, None)),
        # litstudy__scopus.csv
        (
            "Kalé, L., Skeel, R., Bhandarkar, M., Brunner, R., Gursoy, A., Krawetz, N., "
            "Phillips, J., Schulten, K., (1999) J Comp Phys, 151, p. 283",
            ("Kalé, L.", 1999, None, "J Comp Phys", "151", "283"),
        ),
        # hengxyz_Scopus4HistCite__scopus.ris (N1  - References: ...; ...)
        (
            "Brunelli, R., Falavigna, D., Person identification using multiple cues (1995) "
            "IEEE Trans. PAMI, 12 (10), pp. 955-966",
            (
                "Brunelli, R.",
                1995,
                "Person identification using multiple cues",
                "IEEE Trans. PAMI",
                "12",
                "955",
            ),
        ),
        (
            "Hong, L., Jain, A.K., Pankanti, S., Can multibiometrics improve performance? "
            "(1999) Proc. AutoID'99, Summit, pp. 351-361. , NJ, USA",
            (
                "Hong, L.",
                1999,
                "Can multibiometrics improve performance?",
                "Proc. AutoID'99",
                None,
                "351",
            ),
        ),
    ],
)
def test_scopus_references(item: str, expected: tuple[object, ...]) -> None:
    ref = parse_scopus_ref(item)
    assert (ref.first_author, ref.year, ref.title, ref.source, ref.volume, ref.page) == expected
    assert ref.raw == " ".join(item.split())


def test_scopus_identifiers_in_items() -> None:
    assert parse_scopus_ref("[doi] [Medline: 31051507]").pmid == "31051507"
    # litstudy: "... Cambridge University Press. https://doi.org/10.1017/CBO9780511810633"
    ref = parse_scopus_ref(
        "Newman, M., (2010) Networks, , https://doi.org/10.1093/acprof:oso/9780199206650.001.0001"
    )
    assert ref.doi == "10.1093/acprof:oso/9780199206650.001.0001"


def test_scopus_2023_layout_year_at_the_end() -> None:
    ref = parse_scopus_ref(
        "Lee J., Smith K.L., Cardiotoxicity of therapy, Journal of Oncology, 12, 3, "
        "pp. 123-130, (2020)"
    )
    assert (ref.first_author, ref.year, ref.title, ref.source, ref.volume, ref.page) == (
        "Lee J.",
        2020,
        "Cardiotoxicity of therapy",
        "Journal of Oncology",
        "12",
        "123",
    )


# --------------------------------------------------------------------- key


@pytest.mark.parametrize(
    ("wos_line", "scopus_item", "key"),
    [
        (
            "Dyba T, 2008, INFORM SOFTWARE TECH, V50, P833, DOI 10.1016/j.infsof.2008.01.006",
            "Dybå, T., Dingsøyr, T., Empirical studies of agile software development: A "
            "systematic review (2008) Inf. Softw. Technol., 50 (9-10), pp. 833-859",
            "dyba|t|2008|p833",
        ),
        (
            "Fabijan A, 2017, PROC INT CONF SOFTW, P770, DOI 10.1109/ICSE.2017.76",
            "Fabijan, A., Dmitriev, P., Olsson, H.H., Bosch, J., The evolution of continuous "
            "experimentation in software product development: from data to a data-driven "
            "organization at scale (2017) Proceedings of the 39th International Conference "
            "on Software Engineering, pp. 770-780",
            "fabijan|a|2017|p770",
        ),
        (
            # WoS gives a proceedings volume Scopus does not: the page decides
            "Melnik G, 2003, LECT NOTES COMPUT SC, V2753, P172",
            "Melnik, G., Maurer, F., Introducing agile methods in learning environments: "
            "Lessons learned (2003) Conference on Extreme Programming and Agile Methods, "
            "pp. 172-184",
            "melnik|g|2003|p172",
        ),
        (
            "da Costa DA, 2018, EMPIR SOFTW ENG, V23, P835, DOI 10.1007/s10664-017-9548-7",
            "da Costa, D.A., McIntosh, S., Treude, C., Kulesza, U., Hassan, A.E., The impact "
            "of rapid release cycles on the integration delay of fixed issues (2018) Empir. "
            "Softw. Eng., 23 (2), pp. 835-904",
            "dacosta|d|2018|p835",
        ),
        (
            # no page: the initials of the source's first two words
            "Ambler SW, 2012, DISCIPLINED AGILE DE",
            "Ambler, S., Lines, M., (2012) Disciplined Agile Delivery: A Practitioner's Guide "
            "to Agile Software Delivery in the Enterprise, , IBM Press",
            "ambler|s|2012|sda",
        ),
        (
            "Cano EL, 2021, J ENG TECHNOL MANAGE, V61, DOI 10.1016/j.jengtecman.2021.101634",
            "Cano, E.L., García-Camús, J.M., Garzás, J., Moguerza, J.M., Sánchez, N.N., A "
            "Scrum-based framework for new product development in the non-software industries "
            "(2021) Journal of Engineering and Technology Management, 61, p. 101634",
            None,  # Scopus gives the article number as a page, WoS does not: no match
        ),
    ],
)
def test_wos_and_scopus_forms_of_one_work_share_a_key(
    wos_line: str, scopus_item: str, key: str | None
) -> None:
    wos_key = cited_key(parse_wos_ref(wos_line))
    scopus_key = cited_key(parse_scopus_ref(scopus_item))
    if key is None:
        assert wos_key != scopus_key
    else:
        assert wos_key == scopus_key == key


def test_key_rules() -> None:
    # page 1 starts too many works: it needs the volume
    assert cited_key(parse_wos_ref("Lou YL, 2019, ADV COMPUT, V113, P1")) == "lou|y|2019|v113|p1"
    assert cited_key(parse_wos_ref("Pisoni T., 2016, SMART CIT C ISC2 201, P1")) == (
        "pisoni|t|2016|ssc"
    )
    # no author, or no year: no key
    assert cited_key(parse_wos_ref("1997, UDANA INSPIRED UTTER")) is None
    assert cited_key(parse_wos_ref("[Anonymous], 2010, REV LATINOAMERICANA")) is None
    assert cited_key(parse_wos_ref("GUZMAN V, MARINE TURT IN PRESS")) is None
    # accents and case folded, compound family names to their letters
    assert cited_key(parse_wos_ref("DIPAOLO EA, 2000, ARTIF LIFE, V7, P497")) == cited_key(
        parse_scopus_ref(
            "Di Paolo, E.A., Homeostatic adaptation (2000) Artif. Life, 7, pp. 497-510"
        )
    )


# ------------------------------------------------------------- measurement


def _refs(items: object) -> list[CitedRef]:
    return [r for p in items if isinstance(p, PaperRecord) for r in p.references]  # type: ignore[attr-defined]


def _keyed(refs: list[CitedRef]) -> dict[str, list[CitedRef]]:
    out: dict[str, list[CitedRef]] = defaultdict(list)
    for r in refs:
        k = cited_key(r)
        if k is not None:
            out[k].append(r)
    return out


def _read_wos(path: Path) -> list[CitedRef]:
    with path.open("rb") as fh:
        return _refs(list(iter_wos(fh, path=str(path))))


@pytest.mark.realdata
def test_helioszjr_wos_and_scopus_share_cited_works() -> None:
    """The measurement asked for: the same course searched WoS and Scopus; how many of
    the works they cite meet under one key. 645 WoS CR lines give 615 keys, 2,355
    Scopus items 1,701; 197 keys are on both sides (153 by first page, 44 by the
    source's initials)."""
    wos = _keyed(_read_wos(WOS_HELIO))
    with SCOPUS_HELIO.open("rb") as fh:
        sco = _keyed(_refs(list(iter_scopus(fh, path=str(SCOPUS_HELIO)))))
    assert (len(wos), len(sco)) == (615, 1701)
    shared = set(wos) & set(sco)
    assert len(shared) == 197
    by = {k.rsplit("|", 1)[1][0] for k in shared}
    assert by == {"p", "s"}
    assert sum(1 for k in shared if k.rsplit("|", 1)[1].startswith("p")) == 153
    # no shared key joins two different DOIs on the WoS side
    for k in shared:
        assert len({r.doi for r in wos[k] if r.doi}) <= 1, k


@pytest.mark.realdata
def test_key_never_joins_two_dois_across_all_wos_samples() -> None:
    """Precision check on 8,688 CR lines: a key with two DOIs would join two works. The one
    exception is one work whose DOI WoS wrote twice, once with a typo ("50140525x" for
    "s0140525x")."""
    refs = [r for p in sorted((EXPORTS / "wos-plaintext").glob("*.txt")) for r in _read_wos(p)]
    refs += _read_wos(EXPORTS / "metaknowledge__savedrecs.txt")
    assert len(refs) == 8688
    conflicts = {
        k: dois
        for k, group in _keyed(refs).items()
        if len(dois := {r.doi for r in group if r.doi}) > 1
    }
    assert conflicts == {
        "premack|d|1978|p515": {"10.1017/s0140525x00076512", "10.1017/50140525x00076512"}
    }
