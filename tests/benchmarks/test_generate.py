"""The corpus generator: deterministic, shaped like DBLP, readable by the real loaders."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from benchmarks.generate import (
    CorpusStats,
    GenParams,
    author_name,
    iter_papers,
    write_arxiv,
    write_dblp,
)
from graph.ingest import load_paths
from graph.store.memory import MemoryStore
from graph.topics import extract_keywords
from loaders.arxiv import iter_arxiv
from loaders.dblp import iter_dblp
from loaders.records import PaperRecord, PersonRecord, RecordError


def _dblp_bytes(params: GenParams) -> bytes:
    buf = io.StringIO()
    write_dblp(buf, params)
    return buf.getvalue().encode("iso-8859-1")


def _arxiv_bytes(params: GenParams) -> bytes:
    buf = io.StringIO()
    write_arxiv(buf, params)
    return buf.getvalue().encode("utf-8")


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    a = GenParams(1500, seed=1)
    assert _dblp_bytes(a) == _dblp_bytes(GenParams(1500, seed=1))
    assert _arxiv_bytes(a) == _arxiv_bytes(GenParams(1500, seed=1))
    assert _dblp_bytes(a) != _dblp_bytes(GenParams(1500, seed=2))


def test_distribution_is_dblp_like() -> None:
    stats = CorpusStats()
    papers = list(iter_papers(GenParams(30_000), stats))
    assert len(papers) == stats.papers == 30_000
    # 2-4 authors per paper on average, a long tail of big teams
    assert 2.0 <= stats.mean_team <= 4.0
    assert stats.max_team >= 50
    sizes = Counter(stats.team_sizes)
    assert sizes[1] > 0 and sum(v for k, v in sizes.items() if k > 10) > 0
    # about 6 papers per author, heavy-tailed: many one-paper authors, a few prolific
    assert 4.5 <= stats.mean_productivity <= 8.0
    ppa = sorted(stats.papers_per_author, reverse=True)
    assert sum(ppa) == stats.authorships
    one_paper = sum(1 for x in ppa if x == 1) / len(ppa)
    assert 0.2 <= one_paper <= 0.6
    assert ppa[0] >= 100 * ppa[len(ppa) // 2]
    # teams repeat: the first author's previous co-authors come back
    repeats = 0
    last: dict[int, frozenset[int]] = {}
    for p in papers:
        lead, rest = p.authors[0], set(p.authors[1:])
        if lead in last and rest & last[lead]:
            repeats += 1
        last[lead] = frozenset(p.authors)
    assert repeats / len(papers) > 0.1
    # no duplicate author in a paper
    assert all(len(set(p.authors)) == len(p.authors) for p in papers)


def test_names_are_unique() -> None:
    names = [author_name(i) for i in range(200_000)]
    assert len(set(names)) == len(names)


def test_titles_carry_vocabulary_terms() -> None:
    for p in list(iter_papers(GenParams(300)))[:300]:
        assert extract_keywords(p.title, None), p.title


def test_dblp_shape_reads_with_the_dblp_loader() -> None:
    params = GenParams(800)
    items = list(iter_dblp(io.BytesIO(_dblp_bytes(params)), path="gen.xml"))
    papers = [i for i in items if isinstance(i, PaperRecord)]
    people = [i for i in items if isinstance(i, PersonRecord)]
    assert not [i for i in items if isinstance(i, RecordError)]
    assert len(papers) == 800
    assert len({p.dblp_key for p in papers}) == 800
    assert people and all(p.dblp_pid for p in people)
    names = {a.name for p in papers for a in p.authors}
    assert any(any(ch in n for ch in "áéöüíç") for n in names)  # entities decoded
    pids = {a.dblp_pid for p in papers for a in p.authors}
    assert any(pid.endswith(" 0002") for pid in pids if pid)  # homonym suffixes


def test_arxiv_shape_reads_with_the_arxiv_loader() -> None:
    items = list(iter_arxiv(io.BytesIO(_arxiv_bytes(GenParams(500))), path="gen.json"))
    papers = [i for i in items if isinstance(i, PaperRecord)]
    assert len(papers) == 500 and len(items) == 500
    assert len({p.arxiv_id for p in papers}) == 500
    assert all(p.categories and p.abstract and p.date for p in papers)
    names = {a.name for p in papers for a in p.authors}
    assert any(any(ch in n for ch in "áéöüíç") for n in names)  # LaTeX accents decoded


def test_references_cite_earlier_papers_with_a_heavy_tail() -> None:
    stats = CorpusStats()
    papers = list(iter_papers(GenParams(20_000), stats))
    assert 17 <= stats.citations / len(papers) <= 23  # about 20 a paper
    assert all(c < p.index for p in papers for c in p.cites)
    indegree = Counter(c for p in papers for c in p.cites)
    ranked = sorted(indegree.values(), reverse=True)
    assert ranked[0] >= 50 * ranked[len(ranked) // 2]  # a few works are cited a lot
    outside = sum(len(p.cites_outside) for p in papers)
    assert 0.1 <= outside / stats.citations <= 0.35
    # drawn apart: the corpus is the same without them
    plain = [(p.title, p.authors) for p in iter_papers(GenParams(2000, references=False))]
    assert plain == [(p.title, p.authors) for p in iter_papers(GenParams(2000))]


def test_dblp_cites_resolve_to_the_corpus_and_outside_works(tmp_path: Path) -> None:
    params = GenParams(1500)
    stats = CorpusStats()
    items = list(iter_dblp(io.BytesIO(_dblp_bytes(params)), path="gen.xml"))
    for _ in iter_papers(params, stats):
        pass
    papers = [i for i in items if isinstance(i, PaperRecord)]
    assert sum(len(p.references) for p in papers) == stats.citations
    keys = {p.dblp_key for p in papers}
    outside = {r.dblp_key for p in papers for r in p.references if r.dblp_key not in keys}
    assert outside and all(k and k.startswith("journals/outside/") for k in outside)

    path = tmp_path / "corpus.xml"
    path.write_bytes(_dblp_bytes(params))
    store = MemoryStore(None)
    load_paths(store, [path])
    counts = store.counts()
    assert counts["nodes"]["Paper"] == 1500
    assert counts["cited_only"]["Paper"] == len(outside)
    assert counts["relationships"]["CITES"] == stats.citations
