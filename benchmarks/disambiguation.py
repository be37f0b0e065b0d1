"""``python -m benchmarks disambiguation``: how well author identity is resolved, on
labelled data, by B³ precision, recall and F1 (Bagga & Baldwin), for the resolver and
for the name-only rule it replaced (one author per folded name).

Labelled sets:

- ``generated``: the corpus generator's co-authorship process (benchmarks/generate.py:
  productivity, teams, repeat collaboration, fields with their venues and terms,
  careers of limited length) with names drawn from a distribution in which common names
  collide as in DBLP (:class:`NameModel`): a heavy head of East Asian family names with
  common given names, and a long Western tail. Some mentions abbreviate the given name
  ("W. Wang", flagged initials-only) and some carry an affiliation. The truth is the
  generator's author number. What a record gives is what most sources give: names,
  co-authors, title, venue and year.
- ``dblp``: the dblp XML samples of ../shared/realdata; dblp marks homonyms with a
  number ("Kang Li 0002"): the truth is the dblp name, the resolver sees the name alone.
- ``semanticscholar``: the Semantic Scholar API samples (a paper's 1,000 citing papers,
  an author's papers): the truth is S2's author id, the resolver sees names only.
- ``openalex``: the OpenAlex samples: the truth is OpenAlex's author id.

Nothing in graph/ is tuned to these sets; the generated one is documented in
:class:`NameModel` and the README, and its namesake rates are reported with the scores.
S2AND's published B³ F1 (0.92-0.98 across its benchmark datasets, Subramanian et al.
2021, arXiv:2103.07534) is printed beside them for scale; it is not the same data.
"""

from __future__ import annotations

import dataclasses
import json
import math
import platform
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.generate import (
    _FIRSTS,
    _SURNAMES,
    GenParams,
    iter_community_papers,
)
from graph.bulk import RowAccumulator
from graph.ingest import DEFAULT_BATCH
from graph.model import SourceRow, name_key
from graph.resolve import Resolver
from loaders.records import AuthorRef, PaperRecord, VenueRef
from loaders.registry import discover, parse_document

__all__ = [
    "S2AND_PUBLISHED_F1",
    "LabelledSet",
    "NameModel",
    "b_cubed",
    "generated_set",
    "main",
    "real_sets",
    "score",
]

REALDATA = Path(__file__).resolve().parent.parent.parent / "shared" / "realdata"
S2AND_PUBLISHED_F1 = {
    "source": "S2AND (Subramanian, King, Downey, Feldman; JCDL 2021, arXiv:2103.07534)",
    "b3_f1_range": [0.92, 0.98],
}

# Family names of the head, with their share among East Asian names (approximate
# published frequencies: the five commonest Chinese family names cover about 30%).
_EAST_FAMILIES = (
    ("Wang", 7.1), ("Li", 7.9), ("Zhang", 6.8), ("Liu", 5.4), ("Chen", 4.5),
    ("Yang", 3.1), ("Huang", 2.2), ("Zhao", 2.1), ("Wu", 2.0), ("Zhou", 1.7),
    ("Xu", 1.6), ("Sun", 1.5), ("Ma", 1.4), ("Zhu", 1.3), ("Hu", 1.3), ("Guo", 1.2),
    ("He", 1.2), ("Gao", 1.1), ("Lin", 1.1), ("Luo", 1.0), ("Zheng", 1.0), ("Liang", 0.9),
    ("Xie", 0.8), ("Song", 0.8), ("Tang", 0.8), ("Han", 0.7), ("Feng", 0.7), ("Deng", 0.7),
    ("Cao", 0.7), ("Peng", 0.7), ("Zeng", 0.6), ("Xiao", 0.6), ("Tian", 0.6), ("Dong", 0.5),
    ("Pan", 0.5), ("Yuan", 0.5), ("Cai", 0.5), ("Jiang", 0.5), ("Yu", 0.5), ("Du", 0.5),
    ("Ye", 0.4), ("Cheng", 0.4), ("Wei", 0.4), ("Su", 0.4), ("Lu", 0.4), ("Ding", 0.4),
    ("Ren", 0.4), ("Shen", 0.4), ("Yao", 0.4), ("Cui", 0.3), ("Zhong", 0.3), ("Tan", 0.3),
    ("Kim", 1.5), ("Lee", 1.2), ("Park", 0.8), ("Choi", 0.4), ("Jung", 0.4), ("Kang", 0.3),
    ("Nguyen", 0.8), ("Tran", 0.3), ("Le", 0.3),
)  # fmt: skip
_EAST_SYLLABLES = (  # noqa: SIM905 (a list literal of 177 syllables)
    "wei jun jing li hao yang ming xiao hong jian lei yu chen feng hui lin qiang bin "
    "tao gang ping yan xin yi zhi hua kai rui peng fang jie ying lu na min bo chao "
    "dong hai kun long qing shan tian wen xiang yong zhen zhong guo juan lan mei ning "
    "qi rong shu song ting xia xu yue zi an ao bai bao bei ben biao can cang ce cheng "
    "chong chu chuan chun cong da dan de deng di dian ding du duan en fan fei fu gao "
    "ge geng gong gu guan guang gui han he heng hu huai huan huang ji jia jiang jiao "
    "jin jiu ju kang ke kuan lang le liang liao ling liu mao meng miao mo mu nan nian "
    "pei qian qiao qin qiu quan ran ren ruo sen sheng shi shuang si su sui tai tan "
    "teng tong wan wang xi xian xing xiong xuan xue ya yao ye yin you yuan yun ze "
    "zeng zhan zhang zhao zhe zheng zhou zhu zhuo zong zuo"
).split()


@dataclass(frozen=True, slots=True)
class NameModel:
    """Who is called what: deterministic in the author number and the seed.

    ``east`` of the authors have an East Asian name: a family name from the head above
    and a given name of one syllable (``single``) or two, syllables drawn with a Zipf
    law (exponent ``given_zipf``), so "Wei Wang" is common. The others have a Western
    name from the generator's pools of given and family names, both Zipf-distributed
    (``west_zipf``), a middle initial for ``middle`` of them.
    """

    seed: int
    east: float = 0.35
    single: float = 0.05
    given_zipf: float = 0.6
    west_zipf: float = 0.6
    middle: float = 0.3

    def name(self, author: int) -> str:
        rng = random.Random(self.seed * 1_000_003 + author)
        if rng.random() < self.east:
            family = _pick(rng, _EAST_FAMILY_CUM)
            given = _pick(rng, _SYLLABLE_CUM[self.given_zipf]).capitalize()
            if rng.random() >= self.single:
                given += _pick(rng, _SYLLABLE_CUM[self.given_zipf])
            return f"{given} {family}"
        family = _SURNAMES[_zipf_index(rng, len(_SURNAMES), self.west_zipf)]
        given = _FIRSTS[_zipf_index(rng, len(_FIRSTS), self.west_zipf)]
        if rng.random() < self.middle:
            return f"{given} {chr(ord('A') + int(rng.random() * 26))}. {family}"
        return f"{given} {family}"


def _cumulative(weights: Sequence[float]) -> list[float]:
    total = sum(weights)
    out, acc = [], 0.0
    for w in weights:
        acc += w / total
        out.append(acc)
    return out


_EAST_FAMILY_CUM = (
    [f for f, _ in _EAST_FAMILIES],
    _cumulative([w for _, w in _EAST_FAMILIES]),
)


class _SyllableTables(dict[float, tuple[list[str], list[float]]]):
    def __missing__(self, exponent: float) -> tuple[list[str], list[float]]:
        weights = [1.0 / (rank**exponent) for rank in range(1, len(_EAST_SYLLABLES) + 1)]
        table = (list(_EAST_SYLLABLES), _cumulative(weights))
        self[exponent] = table
        return table


_SYLLABLE_CUM = _SyllableTables()


def _pick(rng: random.Random, table: tuple[list[str], list[float]]) -> str:
    names, cum = table
    u = rng.random()
    lo, hi = 0, len(cum) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] < u:
            lo = mid + 1
        else:
            hi = mid
    return names[lo]


def _zipf_index(rng: random.Random, n: int, exponent: float) -> int:
    """A rank in [0, n) drawn with P(k) ~ 1/(k+1)^exponent (inverse CDF of the
    continuous approximation)."""
    u = rng.random()
    if abs(exponent - 1.0) < 1e-9:
        return min(n - 1, int(math.exp(u * math.log(n + 1))) - 1)
    a = 1.0 - exponent
    top = (n + 1) ** a
    return min(n - 1, max(0, int((1 + u * (top - 1)) ** (1 / a)) - 1))


# -- labelled sets ---------------------------------------------------------------------------


@dataclass(slots=True)
class LabelledSet:
    """Records to resolve and, per author mention (record number, position), the truth
    (None: not labelled, resolved but not scored)."""

    name: str
    records: list[PaperRecord]
    truth: list[list[Hashable | None]]
    notes: dict[str, Any] = dataclasses.field(default_factory=dict)


def _abbreviated(name: str) -> str:
    parts = name.split()
    return " ".join([*(p[0] + "." for p in parts[:-1]), parts[-1]])


def generated_set(papers: int, seed: int) -> LabelledSet:
    """The generator's corpus with realistic names (module docstring)."""
    params = GenParams(papers, seed=seed)
    names = NameModel(seed)
    rng = random.Random(seed ^ 0x5EED)
    spelled: dict[int, str] = {}
    records: list[PaperRecord] = []
    truth: list[list[Hashable | None]] = []
    for p in iter_community_papers(params):
        refs = []
        for pos, a in enumerate(p.authors, 1):
            full = spelled.get(a)
            if full is None:
                full = spelled[a] = names.name(a)
            short = rng.random() < 0.05
            affiliation = f"Univ {p.field}-{a % 7}" if rng.random() < 0.3 else None
            refs.append(
                AuthorRef(
                    _abbreviated(full) if short else full,
                    position=pos,
                    initials_only=short,
                    affiliation=affiliation,
                )
            )
        journal = p.venue % 3 == 0
        records.append(
            PaperRecord(
                title=p.title,
                line=p.index + 1,
                authors=tuple(refs),
                year=p.year,
                venue=VenueRef(
                    f"VENUE{p.venue}",
                    kind="journal" if journal else "conference",
                    year=p.year,
                ),
            )
        )
        truth.append(list(p.authors))
    notes = _namesake_rates(records, truth)
    return LabelledSet("generated", records, truth, notes)


def _namesake_rates(
    records: Sequence[PaperRecord], truth: Sequence[Sequence[Hashable | None]]
) -> dict[str, Any]:
    """How often names collide in a set: the share of papers with a mention whose
    full name is shared by several people, and the most people behind one name."""
    people: dict[str, set[Hashable]] = defaultdict(set)
    for rec, labels in zip(records, truth, strict=True):
        for ref, who in zip(rec.authors, labels, strict=True):
            if who is not None and not ref.initials_only:
                people[name_key(ref.name)].add(who)
    shared = {k for k, v in people.items() if len(v) > 1}
    touched = sum(
        1
        for rec in records
        if any(not r.initials_only and name_key(r.name) in shared for r in rec.authors)
    )
    top = max(people.items(), key=lambda kv: len(kv[1]), default=("", set()))
    return {
        "mentions": sum(len(t) for t in truth),
        "people": len({w for t in truth for w in t if w is not None}),
        "papers_touching_a_namesake": round(touched / max(1, len(records)), 4),
        "names_shared_by_several_people": len(shared),
        "most_people_behind_one_name": [top[0], len(top[1])],
    }


def _strip(ref: AuthorRef) -> AuthorRef:
    """The reference as a name-only source would give it."""
    return dataclasses.replace(
        ref,
        orcid=None,
        dblp_pid=None,
        openalex_id=None,
        scopus_author_id=None,
        s2_author_id=None,
        researcher_id=None,
        email=None,
    )


def _from_loader(name: str, folder: Path, label: str) -> LabelledSet:
    """Papers of every document under ``folder``, their authors' ids stripped (the
    papers keep theirs), labelled by the author id field ``label`` the loader filled;
    a person record's other names count as that person (dblp lists a person's aliases
    on their homepage record)."""
    records: list[PaperRecord] = []
    truth: list[list[Hashable | None]] = []
    for spec in discover([folder]):
        doc = parse_document(spec)
        primary = {
            alias: getattr(p, label)
            for p in doc.people
            if getattr(p, label)
            for alias in (p.name, *p.aliases)
        }
        for rec in doc.papers:
            labels = [_primary(getattr(a, label), primary) for a in rec.authors]
            authors = tuple(_strip(a) for a in rec.authors)
            records.append(dataclasses.replace(rec, authors=authors, line=len(records) + 1))
            truth.append(labels)
    return LabelledSet(name, records, truth, _namesake_rates(records, truth))


_HOMONYM = re.compile(r" \d{4}$")


def _primary(label: str | None, primary: dict[str, str]) -> str | None:
    """A person's label: an alias (a name a person record lists, never one with a dblp
    homonym number) stands for the person's primary name."""
    if not label or _HOMONYM.search(label):
        return label
    return primary.get(label, label)


def _s2_papers(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for key in ("citations", "references", "papers"):
        for item in data.get(key) or ():
            yield item.get("citingPaper") or item.get("citedPaper") or item


def _s2_set(folder: Path) -> LabelledSet:
    """The Semantic Scholar samples, read here (no S2 loader on this branch): title,
    year, venue and authors by name, labelled by S2 author id."""
    records: list[PaperRecord] = []
    truth: list[list[Hashable | None]] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for paper in _s2_papers(data):
            if not paper.get("title") or paper.get("paperId") in seen:
                continue
            seen.add(paper["paperId"])
            authors = [a for a in paper.get("authors") or () if a.get("name")]
            venue = paper.get("venue") or None
            records.append(
                PaperRecord(
                    title=paper["title"],
                    line=len(records) + 1,
                    s2_id=paper["paperId"],
                    year=paper.get("year"),
                    venue=VenueRef(venue, kind="journal", year=paper.get("year"))
                    if venue
                    else None,
                    authors=tuple(
                        AuthorRef(a["name"], position=i) for i, a in enumerate(authors, 1)
                    ),
                )
            )
            truth.append([a.get("authorId") for a in authors])
    return LabelledSet("semanticscholar", records, truth, _namesake_rates(records, truth))


def real_sets(root: Path = REALDATA) -> list[LabelledSet]:
    """The labelled sets from ../shared/realdata (those present)."""
    out = []
    if (root / "dblp").is_dir():
        out.append(_from_loader("dblp", root / "dblp", "dblp_pid"))
    if (root / "semanticscholar").is_dir():
        out.append(_s2_set(root / "semanticscholar"))
    if (root / "openalex").is_dir():
        out.append(_from_loader("openalex", root / "openalex", "openalex_id"))
    return out


# -- scoring ---------------------------------------------------------------------------------


def b_cubed(predicted: Sequence[Hashable], truth: Sequence[Hashable]) -> dict[str, float]:
    """B³ precision, recall and F1 over mentions: for each mention, the share of its
    predicted cluster that is truly its, and of its true cluster that was predicted."""
    pred_size = Counter(predicted)
    true_size = Counter(truth)
    both = Counter(zip(predicted, truth, strict=True))
    n = len(truth)
    if not n:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    precision = sum(both[p, t] / pred_size[p] for p, t in zip(predicted, truth, strict=True)) / n
    recall = sum(both[p, t] / true_size[t] for p, t in zip(predicted, truth, strict=True)) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _resolve(labelled: LabelledSet) -> tuple[dict[tuple[int, int], str], float]:
    """Author id per mention (record number, position) as the resolver decides, and the
    records resolved per second (resolution and the in-memory writes)."""
    acc = RowAccumulator()
    source = SourceRow("S" + labelled.name, labelled.name, "bench", "0" * 64, "now")
    resolver = Resolver(acc, source, store_was_empty=True)
    # the resolver decides the mentions in document order and records each decision:
    # listening there gives every mention its author, whatever the papers merge into
    decided: list[str] = []
    identity = resolver.identity
    record = identity.record

    def listen(author_id: str, *args: Any, **kwargs: Any) -> None:
        decided.append(author_id)
        record(author_id, *args, **kwargs)

    identity.record = listen  # type: ignore[method-assign]
    t0 = time.perf_counter()
    for start in range(0, len(labelled.records), DEFAULT_BATCH):
        batch, _ = resolver.resolve(labelled.records[start : start + DEFAULT_BATCH])
        acc.write(batch)
    seconds = time.perf_counter() - t0
    mentions = [(i, j) for i, rec in enumerate(labelled.records) for j in range(len(rec.authors))]
    assert len(decided) == len(mentions), "one decision per mention"
    return dict(zip(mentions, decided, strict=True)), (
        len(labelled.records) / seconds if seconds else 0.0
    )


def score(labelled: LabelledSet) -> dict[str, Any]:
    """B³ of the resolver and of the name-only baseline on one set, with its speed."""
    resolved, per_s = _resolve(labelled)
    pred: list[Hashable] = []
    base: list[Hashable] = []
    gold: list[Hashable] = []
    for i, (rec, labels) in enumerate(zip(labelled.records, labelled.truth, strict=True)):
        for j, (ref, who) in enumerate(zip(rec.authors, labels, strict=True)):
            if who is None:
                continue
            pred.append(resolved[i, j])
            base.append(name_key(ref.name))
            gold.append(who)
    return {
        "records": len(labelled.records),
        "scored_mentions": len(gold),
        "resolver": b_cubed(pred, gold),
        "baseline": b_cubed(base, gold),
        "records_per_s": round(per_s, 1),
        "namesakes": labelled.notes,
    }


# -- the command -------------------------------------------------------------------------------


def _table(results: dict[str, Any]) -> str:
    rows = [
        "| set | records | resolver P / R / F1 | name-only P / R / F1 | records/s |",
        "|---|---:|---|---|---:|",
    ]
    for name, r in results["sets"].items():
        res, base = r["resolver"], r["baseline"]
        rows.append(
            f"| {name} | {r['records']:,} | {res['precision']:.4f} / {res['recall']:.4f} / "
            f"{res['f1']:.4f} | {base['precision']:.4f} / {base['recall']:.4f} / "
            f"{base['f1']:.4f} | {r['records_per_s']:,.0f} |"
        )
    s2and = results["s2and_published"]
    lo, hi = s2and["b3_f1_range"]
    rows.append("")
    rows.append(f"For scale: {s2and['source']} reports B³ F1 {lo}-{hi} on its datasets.")
    return "\n".join(rows) + "\n"


def main(papers: int, seed: int, out: Path, real: bool = True, command: str = "") -> dict[str, Any]:
    sets = [generated_set(papers, seed)]
    if real:
        sets += real_sets()
    results: dict[str, Any] = {
        "command": command,
        "papers": papers,
        "seed": seed,
        "sets": {s.name: score(s) for s in sets},
        "s2and_published": S2AND_PUBLISHED_F1,
        "machine": {"python": platform.python_version(), "processor": platform.processor()},
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (out / "results.md").write_text(_table(results), encoding="utf-8")
    return results
