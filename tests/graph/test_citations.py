"""The citation graph, on both stores: a work cited from Web of Science and from Scopus
is one node, which becomes the full paper when the corpus loads the work (no duplicate,
no CITES edge lost), and co-citation on the real WoS samples agrees with an independent
count over their ``CR`` fields."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest

from graph import queries
from graph.ingest import load_paths
from graph.model import PaperRow
from graph.resolve import merge_paper
from graph.store.base import GraphStore
from graph.store.memory import MemoryStore
from tests.conftest import REALDATA

DATA = Path(__file__).resolve().parent.parent / "data" / "citations"
CITING = [DATA / "citing_wos.txt", DATA / "citing_scopus.csv"]
WORK = DATA / "work_wos.txt"
KANBAN = "Kanban in software engineering: A systematic mapping study"
EXPORTS = REALDATA / "exports"
WOS_SAMPLES = [
    *sorted((EXPORTS / "wos-plaintext").glob("*.txt")),
    EXPORTS / "metaknowledge__savedrecs.txt",
]


def _citing_ids(store: GraphStore) -> set[str]:
    return {
        h.id
        for title in ("Kanban at a small", "Flow metrics")
        for h in queries.search_papers(store, title).data
    }


def _cited_node(store: GraphStore) -> str:
    """The paper both citing records cite whose first author is Ahmad."""
    refs = store.references_of(sorted(_citing_ids(store)))
    both = sorted(set.intersection(*(set(r) for r in refs.values())))
    (ahmad,) = [
        w.id
        for w in store.cited_works(both)
        if "Ahmad" in (w.first_author or (w.authors[0][1] if w.authors else ""))
    ]
    return ahmad


def test_wos_and_scopus_references_meet_and_the_work_becomes_the_full_paper(
    empty_store: GraphStore,
) -> None:
    load_paths(empty_store, CITING)
    counts = empty_store.counts()
    assert counts["nodes"]["Paper"] == 2  # the two citing records
    assert counts["cited_only"] == {"Paper": 2}  # Ahmad 2018 and Anderson 2010, once each
    assert counts["relationships"]["CITES"] == 4
    ahmad = _cited_node(empty_store)
    before = empty_store.paper_detail(ahmad)
    assert before is not None and before.cited_only and before.authors == ()
    assert before.first_author == "Ahmad MO"  # the first reference seen (WoS)
    assert set(empty_store.citing_papers([ahmad])[ahmad]) == _citing_ids(empty_store)
    assert queries.search_papers(empty_store, "Ahmad").count == 0  # not a corpus paper

    summary = load_paths(empty_store, [WORK])
    assert (summary.totals()["loaded"], summary.totals()["merged"]) == (1, 0)
    after = empty_store.counts()
    assert after["nodes"]["Paper"] == 3
    assert after["cited_only"] == {"Paper": 1}  # Anderson's book only
    assert after["relationships"]["CITES"] == 4
    full = empty_store.paper_detail(ahmad)  # the same node, now the corpus paper
    assert full is not None and not full.cited_only
    assert (full.title, full.year, full.ids["doi"], full.cited_by) == (
        KANBAN,
        2018,
        "10.1016/j.jss.2017.11.045",
        120,
    )
    assert [a.name for a in full.authors] == ["Muhammad Ovais Ahmad", "Denis Dennehy"]
    assert set(empty_store.citing_papers([ahmad])[ahmad]) == _citing_ids(empty_store)
    assert [h.id for h in queries.search_papers(empty_store, "Kanban in software").data] == [ahmad]


def _shape(store: GraphStore) -> tuple[object, ...]:
    """The graph up to ids: counts, and each citing title with its cited titles."""
    refs = dict(store.iter_references())
    ids = {*refs, *(q for qs in refs.values() for q in qs)}
    title = {w.id: w.title for w in store.cited_works(sorted(ids))}
    return store.counts(), sorted(
        (title[c], sorted(title[q] for q in qs)) for c, qs in refs.items()
    )


def test_the_graph_does_not_depend_on_which_came_first() -> None:
    citing_first, work_first, together = MemoryStore(None), MemoryStore(None), MemoryStore(None)
    load_paths(citing_first, CITING)
    load_paths(citing_first, [WORK])
    load_paths(work_first, [WORK])
    load_paths(work_first, CITING)
    load_paths(together, [*CITING, WORK])
    shape = _shape(work_first)
    assert _shape(citing_first) == shape == _shape(together)
    assert all(KANBAN in cited for _, cited in shape[1])  # found by key, not made anew


def test_corpus_description_wins_whichever_came_first() -> None:
    stub = PaperRow(
        "P1",
        "Ahmad MO, 2018, J SYST SOFTWARE",
        "ahmad mo 2018 j syst software",
        year=2017,
        ids={"doi": "10.1/x"},
        authors_truncated=True,
        cited_only=True,
        cited_key="ahmad|m|2018|p96",
        first_author="Ahmad MO",
    )
    corpus = PaperRow(
        "P1",
        KANBAN,
        "kanban",
        year=2018,
        ids={"doi": "10.1/x", "wos_ut": "000000000000002"},
        author_count=4,
        cited_by=120,
    )
    absorbed, kept = merge_paper(stub, corpus), merge_paper(corpus, stub)
    assert absorbed == kept
    assert (absorbed.title, absorbed.year, absorbed.cited_only, absorbed.authors_truncated) == (
        KANBAN,
        2018,
        False,
        False,
    )
    assert (absorbed.cited_key, absorbed.first_author, absorbed.cited_by) == (
        "ahmad|m|2018|p96",
        "Ahmad MO",
        120,
    )
    both_stubs = merge_paper(
        stub, PaperRow("P1", "Other", "other", year=2016, cited_only=True, authors_truncated=True)
    )
    assert (both_stubs.title, both_stubs.year, both_stubs.cited_only) == (stub.title, 2016, True)


# -- the real Web of Science samples ----------------------------------------------------


def _cr_lists(path: Path) -> Iterator[list[str]]:
    """The CR lines of each record of a WoS plain-text export."""
    refs: list[str] | None = None
    tag = ""
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        tag = line[:2] if line[:2].strip() else tag
        if line.startswith("PT "):
            refs = []
        elif tag == "CR" and refs is not None and line[3:].strip():
            refs.append(line[3:].strip())
        elif line.startswith("ER") and refs is not None:
            yield refs
            refs = None


def _norm(ref: str) -> object:
    """A cited work as the independent count keys it: the DOI when the reference gives
    one, else first author (family name and initial), year, and the first page or, when
    there is none, the first two words of the source (WoS cuts a source title at 20
    characters, so "EMBODIED MIND" and "EMBODIED MIND COGNIT" are one book)."""
    doi = re.search(r"DOI (?:DOI )?\[?(10\.[^\s,\]]+)", ref)
    if doi:
        return doi.group(1).lower()
    author, year, source, *rest = [p.strip() for p in ref.split(",")] + ["", ""]
    family, *given = author.upper().replace(".", " ").split() or [""]
    page = next((p for p in rest if re.fullmatch(r"P\w*\d\w*", p)), None)
    return family, "".join(given)[:1], year, page or " ".join(source.upper().split()[:2])


def _independent_cocitation() -> Counter[frozenset[object]]:
    pairs: Counter[frozenset[object]] = Counter()
    for path in WOS_SAMPLES:
        for refs in _cr_lists(path):
            for a, b in combinations(sorted({_norm(r) for r in refs}, key=str), 2):
                pairs[frozenset((a, b))] += 1
    return pairs


@pytest.mark.realdata
def test_top_ten_cocited_pairs_equal_an_independent_count(empty_store: GraphStore) -> None:
    load_paths(empty_store, WOS_SAMPLES)
    ours = queries.cocitation(empty_store, top=10).pairs
    theirs = _independent_cocitation()
    ranked = theirs.most_common()
    counts = [n for _, n in ranked[:10]]
    assert [p.count for p in ours] == counts
    # a cited-only node's label is the first reference that named it, as written
    mine = {frozenset((_norm(p.a.label), _norm(p.b.label))): p.count for p in ours}
    assert all(theirs[pair] == n for pair, n in mine.items())
    tenth = counts[-1]
    above = {pair for pair, n in ranked if n > tenth}
    assert above <= set(mine)  # ties at the tenth count may be cut anywhere


@pytest.mark.realdata
def test_helioszjr_wos_and_scopus_cite_ahmad_2018_as_one_node() -> None:
    store = MemoryStore(None)
    load_paths(
        store,
        [
            EXPORTS / "wos-plaintext" / "Helioszjr_Bibliometrix__savedrecs.txt",
            EXPORTS / "scopus-csv" / "Helioszjr_Bibliometrix__scopus.csv",
        ],
    )
    (node,) = store.match_paper_keys(["doi:10.1016/j.jss.2017.11.045"]).values()
    citing = store.citing_papers(node)[node[0]]
    sources = {s.format for c in citing if (d := store.paper_detail(c)) for s in d.sources}
    assert sources == {"wos", "scopus"}
