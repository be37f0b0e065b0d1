"""Deterministic synthetic co-authorship corpora, written as dblp XML or arXiv JSON lines.

Why synthetic: the benchmark must run anywhere at 10k, 100k and 1M papers without
downloading dumps, and give the same numbers twice. Why not uniform random: a
co-authorship graph's cost lives in its tails (the author with 1,000 papers, the paper
with 300 authors, the dense lab everyone collaborates through), so the generator copies
the shapes that make DBLP hard:

- Productivity. Each new author draws a career length ("budget") from a mixture: 40%
  one-paper authors, the rest discrete Pareto (alpha 1.8) capped at 600. An author
  slot is filled by a new author, or by a ticket drawn from the pool of unused career
  papers (so selection is proportional to what an author has left: prolific authors
  appear often, then retire). Result: about 6 papers per author on average and a power
  tail, like DBLP's.
- Team size. 1-10 authors from a table fitted to DBLP's histogram (mean about 3), plus a
  1.2% Pareto tail from 11 up to 400 (consortium papers).
- Repeat collaboration and communities. After the first author, each member is, with
  probability ``repeat_p``, a co-author of the first author's previous paper; new
  authors join their lead's field. So teams recur, triangles close, and "shared
  collaborators" has real answers.
- Topics. Each field owns a handful of terms of graph/topics.py's keyword vocabulary and
  1-2 arXiv categories; titles (and arXiv abstracts) mention them, so keyword topics
  and categories come out of the real extraction code, not a side channel.
- References (dblp shape, as ``<cite>`` elements naming dblp keys, which dblp.xml
  uses): each paper cites a gamma-distributed number of works (mean 20) published
  before it. Three times in five a reference copies one already made by an earlier
  paper (Price's model: a work is cited in proportion to how often it already is, so
  in-degrees are heavy-tailed), else it names an earlier paper at random, or one time in
  five a work outside the corpus (a dblp key of no record here; the loader makes it a
  cited-only paper). The arXiv snapshot format has no reference list, so that shape
  has none. A separate random stream draws them: the rest of the corpus is the same
  with or without them.
- Names are unique by construction (a bijection from the author number to first name,
  middle initial and surname), 5% carry accents (written as dblp entities, or as LaTeX
  in arXiv), and in dblp 0.5% of authors are homonyms told apart by a "0001" suffix.
  Titles carry a unique code name, so two papers never share a normalized title.

Everything follows from ``seed`` and ``papers``: same arguments, same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import shutil
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from graph.topics import KeywordTopic, extract_keywords, keyword_vocabulary
from loaders.dblp import SHIPPED_DTD

__all__ = [
    "SHAPES",
    "CorpusStats",
    "GenParams",
    "SynthPaper",
    "author_name",
    "corpus_path",
    "ensure_corpus",
    "iter_community_papers",
    "iter_papers",
    "write_arxiv",
    "write_dblp",
]

SHAPES = ("dblp", "arxiv")
DEFAULT_SEED = 20_240_601
# part of the corpus file's cache path: a corpus written by an earlier generator (before
# references) is not reused
GENERATOR_VERSION = 2

_REFS_SHAPE, _REFS_SCALE = 2.0, 10.0  # gamma: mean 20 references a paper, a long tail
_COPY_P = 0.5  # a reference copies an earlier one (preferential attachment)
_EXTERNAL_P = 0.2  # otherwise, a work outside the corpus

# Team sizes 1..10 (DBLP-like histogram), then a Pareto tail of large collaborations.
_TEAM = (0.14, 0.27, 0.24, 0.15, 0.08, 0.045, 0.025, 0.015, 0.01, 0.005)
_TEAM_TAIL = 0.012
_TEAM_CAP = 400
_BUDGET_CAP = 600

_SYLLABLES = [
    "ka",
    "ri",
    "no",
    "ta",
    "mi",
    "su",
    "le",
    "ra",
    "an",
    "el",
    "li",
    "ma",
    "ya",
    "jo",
    "se",
    "vi",
    "na",
    "lo",
    "de",
    "ha",
    "ko",
    "ze",
    "ni",
    "wa",
    "bo",
    "lu",
    "chen",
    "xi",
    "fe",
    "mar",
    "tin",
    "ol",
    "gu",
    "in",
    "ro",
    "sa",
    "da",
    "ve",
    "ti",
    "pe",
    "mo",
    "ga",
    "ju",
    "ar",
    "is",
    "on",
]
_SUR_PARTS = [
    "berg",
    "mann",
    "son",
    "sen",
    "ez",
    "ova",
    "ski",
    "ani",
    "ura",
    "ucci",
    "ford",
    "ley",
    "wick",
    "holm",
    "strom",
    "dal",
    "ton",
    "well",
    "by",
    "field",
    "more",
    "ridge",
    "wood",
    "er",
]
_ACCENTS = {"a": "á", "e": "é", "o": "ö", "u": "ü", "i": "í", "c": "ç"}
_DBLP_ENTITY = {
    "á": "&aacute;",
    "é": "&eacute;",
    "ö": "&ouml;",
    "ü": "&uuml;",
    "í": "&iacute;",
    "ç": "&ccedil;",
}
_LATEX = {"á": "\\'a", "é": "\\'e", "ö": '\\"o', "ü": '\\"u', "í": "\\'i", "ç": "\\c{c}"}
_CATEGORIES = [
    "cs.DC",
    "cs.LG",
    "cs.CL",
    "cs.AI",
    "cs.AR",
    "cs.OS",
    "cs.NI",
    "cs.PF",
    "cs.DB",
    "cs.CV",
    "cs.CR",
    "cs.SE",
    "cs.PL",
    "cs.IR",
    "cs.MA",
    "cs.RO",
    "stat.ML",
    "math.OC",
    "eess.SP",
    "cs.NE",
    "cs.HC",
    "cs.DS",
    "cs.IT",
    "cs.SY",
]
_TEMPLATES = (
    "{c}: {k0} for {k1}",
    "{c}: Efficient {k0} with {k1}",
    "{c}: Towards Scalable {k0} on {k1}",
    "Understanding {k0} in {k1} with {c}",
    "{c}: Rethinking {k0} for {k1} at Scale",
    "{c}: A Study of {k0} and {k1}",
)
_SENTENCES = (
    "We study {k0} in the setting of {k1}.",
    "Existing approaches to {k0} ignore {k1}, which limits their efficiency.",
    "We present {c}, a system that combines {k0} with {k1}.",
    "Our evaluation shows that {c} improves {k1} by up to {n}x.",
    "We release {c} as open source to support research on {k0}.",
)
_JOURNALS = ("Trans.", "J.", "Letters", "Review", "Proc.")


def _pools() -> tuple[list[str], list[str], list[str]]:
    syl = _SYLLABLES
    firsts = sorted({(a + b).capitalize() for a in syl for b in syl if a != b})
    surnames = sorted({(a + b + c).capitalize() for a in syl[:30] for b in syl for c in _SUR_PARTS})
    codes = sorted({(a + b + c) for a in syl for b in syl for c in syl[:20]})
    return firsts, surnames, codes


_FIRSTS, _SURNAMES, _CODES = _pools()
_MIDDLE = " ABCDEFGHJKLMNPRSTW"  # index 0: no middle initial


def _mix(i: int, modulus: int) -> int:
    """A bijection of [0, modulus) that scatters consecutive numbers (an affine map with
    a multiplier coprime to the modulus): neighbours get unrelated names."""
    mult = 2_654_435_761 % modulus or 1
    while math.gcd(mult, modulus) != 1:
        mult += 1
    return (i * mult + 12_345) % modulus


def author_name(i: int) -> str:
    """The unique display name of author ``i`` (plain letters; accents are added per
    shape). Unique for i below len(first) * len(middle) * len(surname) (> 10^8)."""
    nf, nm, ns = len(_FIRSTS), len(_MIDDLE), len(_SURNAMES)
    s = _mix(i, nf * nm * ns)
    first, rest = _FIRSTS[s % nf], s // nf
    middle, sur = _MIDDLE[rest % nm], _SURNAMES[rest // nm]
    return f"{first} {middle}. {sur}" if middle != " " else f"{first} {sur}"


def _accented(name: str, i: int) -> str:
    """5% of names carry one accented letter (deterministic in ``i``)."""
    if i % 20 != 7:
        return name
    for pos in range(len(name) - 1, 0, -1):
        ch = name[pos]
        if ch in _ACCENTS:
            return name[:pos] + _ACCENTS[ch] + name[pos + 1 :]
    return name


def _code_name(i: int) -> str:
    n = len(_CODES)
    s = _mix(i, n * 1000)
    word = _CODES[s % n].capitalize()
    return word if s < n else f"{word}{s // n}"


@dataclass(frozen=True, slots=True)
class GenParams:
    papers: int
    seed: int = DEFAULT_SEED
    new_author_p: float = 0.11
    repeat_p: float = 0.5
    fields: int = 24
    homonym_every: int = 200  # dblp: every 200th author is a homonym of an earlier one
    person_every: int = 10  # dblp: every 10th author has a homepage record
    references: bool = True  # dblp: ``<cite>`` references (see the module docstring)


@dataclass(frozen=True, slots=True)
class SynthPaper:
    index: int
    year: int
    month: int
    day: int
    title: str
    authors: tuple[int, ...]
    field: int
    venue: int
    doi: str | None
    terms: tuple[str, ...]
    categories: tuple[str, ...]
    # cited papers of the corpus (their index) and works outside it (their number)
    cites: tuple[int, ...] = ()
    cites_outside: tuple[int, ...] = ()


@dataclass(slots=True)
class CorpusStats:
    """What a corpus holds, computed while it is generated (for tests and reports)."""

    papers: int = 0
    authorships: int = 0
    authors: int = 0
    citations: int = 0  # references written (to the corpus and outside it)
    max_team: int = 0
    team_sizes: list[int] = field(default_factory=list)
    papers_per_author: array = field(default_factory=lambda: array("i"))

    @property
    def mean_team(self) -> float:
        return self.authorships / self.papers if self.papers else 0.0

    @property
    def mean_productivity(self) -> float:
        return self.authorships / self.authors if self.authors else 0.0


@dataclass(slots=True)
class _Fields:
    terms: list[tuple[str, ...]]
    categories: list[tuple[str, ...]]


def _self(name: str) -> list[KeywordTopic]:
    return extract_keywords(name, None)


def _fields(rng: random.Random, n: int) -> _Fields:
    vocab = [t.name for t in keyword_vocabulary() if t.id in {k.id for k in _self(t.name)}]
    terms, cats = [], []
    for f in range(n):
        start = (f * 5) % len(vocab)
        terms.append(tuple(vocab[(start + k) % len(vocab)] for k in range(6)))
        own = [_CATEGORIES[f % len(_CATEGORIES)]]
        if rng.random() < 0.6:
            own.append(_CATEGORIES[(f * 7 + 3) % len(_CATEGORIES)])
        cats.append(tuple(dict.fromkeys(own)))
    return _Fields(terms, cats)


def _team_size(rng: random.Random) -> int:
    u = rng.random()
    if u < _TEAM_TAIL:
        return min(_TEAM_CAP, 11 + int(4.0 / (1.0 - rng.random()) ** (1 / 1.3)) - 4)
    u = (u - _TEAM_TAIL) / (1 - _TEAM_TAIL) * sum(_TEAM)
    for size, p in enumerate(_TEAM, 1):
        u -= p
        if u < 0:
            return size
    return len(_TEAM)


def _budget(rng: random.Random) -> int:
    if rng.random() < 0.4:
        return 1
    return min(_BUDGET_CAP, int(4.0 / (1.0 - rng.random()) ** (1 / 1.8)))


def _year_of(index: int, papers: int) -> int:
    """Publication volume grows over time, as DBLP's does: the k-th paper's year."""
    frac = (index + 0.5) / papers
    return 1990 + min(34, int(34 * math.sqrt(frac)))


def iter_papers(params: GenParams, stats: CorpusStats | None = None) -> Iterator[SynthPaper]:
    """The papers of the corpus in order, one at a time (memory: a few arrays)."""
    rng = random.Random(params.seed)
    fields = _fields(rng, params.fields)
    st = stats if stats is not None else CorpusStats()
    author_field = array("H")
    last_paper = array("i")  # per author: index of their latest paper, -1 none
    tickets = array("i")  # one entry per unused career paper
    offsets = array("q", [0])  # CSR of each paper's author list
    members = array("i")
    ppa = st.papers_per_author

    def new_author(fld: int) -> int:
        a = len(author_field)
        author_field.append(fld)
        last_paper.append(-1)
        ppa.append(0)
        b = _budget(rng)
        tickets.extend([a] * (b - 1))
        return a

    def draw_ticket() -> int:
        k = int(rng.random() * len(tickets))
        a = tickets[k]
        tickets[k] = tickets[-1]
        tickets.pop()
        return a

    n_venues = max(8, min(4000, params.papers // 250))
    cite_rng = random.Random(params.seed ^ 0x5EED)
    made = array("q")  # every reference so far: a corpus index, or -1 - an outside work
    for index in range(params.papers):
        size = _team_size(rng)
        if tickets and rng.random() >= params.new_author_p:
            lead = draw_ticket()
        else:
            lead = new_author(int(rng.random() * params.fields))
        fld = author_field[lead]
        team = [lead]
        prev = last_paper[lead]
        prev_members = members[offsets[prev] : offsets[prev + 1]] if prev >= 0 else array("i")
        while len(team) < size:
            cand = -1
            if len(team) > 12:  # consortium papers: mostly one-off names
                cand = new_author(fld)
            for _ in range(4):
                if cand >= 0:
                    break
                u = rng.random()
                if u < params.new_author_p:
                    cand = new_author(fld)
                elif u < params.new_author_p + params.repeat_p and len(prev_members) > 1:
                    cand = prev_members[int(rng.random() * len(prev_members))]
                elif tickets:
                    cand = draw_ticket()
                    if cand in team:
                        tickets.append(cand)  # not used: give the career paper back
                if cand in team:
                    cand = -1
            team.append(cand if cand >= 0 else new_author(fld))
        for a in team:
            last_paper[a] = index
            ppa[a] += 1
        members.extend(team)
        offsets.append(len(members))
        st.papers += 1
        st.authorships += len(team)
        st.max_team = max(st.max_team, len(team))
        st.team_sizes.append(len(team))

        year = _year_of(index, params.papers)
        terms = fields.terms[fld]
        t0 = terms[int(rng.random() * len(terms))]
        t1 = terms[(terms.index(t0) + 1 + int(rng.random() * (len(terms) - 1))) % len(terms)]
        tmpl = _TEMPLATES[int(rng.random() * len(_TEMPLATES))]
        title = tmpl.format(c=_code_name(index), k0=t0, k1=t1)
        venue = (fld * 7919 + int(rng.random() ** 2 * n_venues)) % n_venues
        doi = f"10.{1000 + venue % 9000}/bench.{year}.{index}" if rng.random() < 0.7 else None
        cites = _references(cite_rng, index, made) if params.references else set()
        st.citations += len(cites)
        yield SynthPaper(
            index=index,
            year=year,
            month=1 + index % 12,
            day=1 + index % 28,
            title=title,
            authors=tuple(team),
            field=fld,
            venue=venue,
            doi=doi,
            terms=(t0, t1),
            categories=fields.categories[fld],
            cites=tuple(sorted(c for c in cites if c >= 0)),
            cites_outside=tuple(sorted(-1 - c for c in cites if c < 0)),
        )
    st.authors = len(author_field)


# -- communities and careers (the disambiguation benchmark) ----------------------------


def iter_community_papers(params: GenParams, career_years: float = 12.0) -> Iterator[SynthPaper]:
    """Papers whose authors behave as identity resolution has to assume they do, for the
    disambiguation benchmark (benchmarks/disambiguation.py): people work in one field,
    publish in a handful of its venues, keep writing with the circle of people they
    have written with, and have careers of limited length (about ``career_years``,
    exponential, at least 2). Team sizes and productivity are drawn as in
    :func:`iter_papers`; names are the caller's. Deterministic in ``params``.

    A team: the lead (an author with career papers left, else a newcomer); each further
    member is, with probability ``params.repeat_p``, someone from the lead's circle who
    is still active, else a newcomer to the field (``new_author_p``), else another
    author of the same field.
    """
    rng = random.Random(params.seed)
    fields = _fields(rng, params.fields)
    field_of = array("H")
    career_end = array("i")
    circles: list[list[int]] = []
    tickets = array("i")  # career papers left to lead, one entry each
    by_field: list[array[int]] = [array("i") for _ in range(params.fields)]
    venues_per_field = 4

    def new_author(fld: int, year: int) -> int:
        a = len(field_of)
        field_of.append(fld)
        career_end.append(year + max(2, int(rng.expovariate(1.0 / career_years))))
        circles.append([])
        by_field[fld].append(a)
        tickets.extend([a] * (_budget(rng) - 1))
        return a

    def draw_lead(year: int) -> int:
        while tickets:
            k = int(rng.random() * len(tickets))
            a = tickets[k]
            tickets[k] = tickets[-1]
            tickets.pop()
            if career_end[a] >= year:
                return a
        return -1

    def active_peer(pool: Sequence[int], year: int, team: list[int]) -> int:
        for _ in range(4):
            if not pool:
                return -1
            a = pool[int(rng.random() * len(pool))]
            if career_end[a] >= year and a not in team:
                return a
        return -1

    for index in range(params.papers):
        year = _year_of(index, params.papers)
        size = _team_size(rng)
        lead = draw_lead(year) if rng.random() >= params.new_author_p else -1
        if lead < 0:
            lead = new_author(int(rng.random() * params.fields), year)
        fld = field_of[lead]
        team = [lead]
        while len(team) < size:
            u = rng.random()
            cand = -1
            if len(team) <= 12 and u < params.repeat_p:
                cand = active_peer(circles[lead], year, team)
            elif len(team) <= 12 and u >= params.repeat_p + params.new_author_p:
                cand = active_peer(by_field[fld], year, team)
            team.append(cand if cand >= 0 else new_author(fld, year))
        if size <= 12:  # consortium papers make no circles
            for a in team:
                circle = circles[a]
                for b in team:
                    if b != a and b not in circle:
                        circle.append(b)
                del circle[:-30]
        terms = fields.terms[fld]
        t0 = terms[int(rng.random() * len(terms))]
        t1 = terms[(terms.index(t0) + 1 + int(rng.random() * (len(terms) - 1))) % len(terms)]
        tmpl = _TEMPLATES[int(rng.random() * len(_TEMPLATES))]
        venue = fld * venues_per_field + min(
            venues_per_field - 1, int(rng.random() ** 2 * venues_per_field)
        )
        yield SynthPaper(
            index=index,
            year=year,
            month=1 + index % 12,
            day=1 + index % 28,
            title=tmpl.format(c=_code_name(index), k0=t0, k1=t1),
            authors=tuple(team),
            field=fld,
            venue=venue,
            doi=None,
            terms=(t0, t1),
            categories=fields.categories[fld],
        )


def _references(rng: random.Random, index: int, made: array) -> set[int]:
    """What paper ``index`` cites (a corpus index, or -1 - the number of an outside
    work); ``made`` gains them."""
    wanted = int(rng.gammavariate(_REFS_SHAPE, _REFS_SCALE))
    out: set[int] = set()
    for _ in range(2 * wanted):
        if len(out) >= wanted:
            break
        u = rng.random()
        if u < _COPY_P and made:
            ref = made[int(rng.random() * len(made))]
        elif u < _COPY_P + (1 - _COPY_P) * _EXTERNAL_P or index == 0:
            ref = -1 - int(rng.random() * (index // 2 + 100))
        else:
            ref = int(rng.random() * index)
        if ref != index:
            out.add(ref)
    made.extend(sorted(out))
    return out


# -- dblp XML -------------------------------------------------------------------------


def _xml_text(text: str) -> str:
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch, ent in _DBLP_ENTITY.items():
        out = out.replace(ch, ent)
    return out


def _dblp_name(a: int, params: GenParams) -> str:
    """dblp's person identifier as written in <author>: homonyms get a number suffix."""
    if params.homonym_every and a % params.homonym_every == params.homonym_every - 1:
        twin = a - params.homonym_every // 2
        return f"{_accented(author_name(twin), twin)} 0002"
    return _accented(author_name(a), a)


def _venue_name(v: int, journal: bool) -> str:
    code = _CODES[_mix(v, len(_CODES))].upper()[:6]
    return f"{code} {_JOURNALS[v % len(_JOURNALS)]}" if journal else code


def _dblp_key(index: int, venue: int, year: int) -> str:
    journal = venue % 3 == 0
    slug = _venue_name(venue, journal).split()[0].lower()
    kind = "journals" if journal else "conf"
    return f"{kind}/{slug}/{_code_name(index)}{year % 100:02d}"


def write_dblp(out: TextIO, params: GenParams, stats: CorpusStats | None = None) -> None:
    """A dblp.xml-shaped document: articles and inproceedings, a proceedings volume per
    venue-year (skipped by the loader, as in the real dump), homepage records for every
    ``person_every``-th author."""
    out.write('<?xml version="1.0" encoding="ISO-8859-1"?>\n')
    out.write('<!DOCTYPE dblp SYSTEM "dblp.dtd">\n<dblp>\n')
    st = stats if stats is not None else CorpusStats()
    seen_volumes: set[tuple[int, int]] = set()
    keys: list[str] = []  # per paper, for the references of later papers
    for p in iter_papers(params, st):
        journal = p.venue % 3 == 0
        vname = _venue_name(p.venue, journal)
        slug = vname.split()[0].lower()
        tag = "article" if journal else "inproceedings"
        kind = "journals" if journal else "conf"
        key = _dblp_key(p.index, p.venue, p.year)
        keys.append(key)
        parts = [f'<{tag} mdate="{p.year}-{p.month:02d}-{p.day:02d}" key="{key}">']
        for a in p.authors:
            orcid = f' orcid="0000-0002-{a // 10000 % 10000:04d}-{a % 10000:04d}"'
            parts.append(
                f"<author{orcid if a % 13 == 0 else ''}>{_xml_text(_dblp_name(a, params))}</author>"
            )
        parts.append(f"<title>{_xml_text(p.title)}.</title>")
        parts.append(f"<pages>{1 + p.index % 900}-{12 + p.index % 900}</pages>")
        parts.append(f"<year>{p.year}</year>")
        if journal:
            parts.append(f"<volume>{p.year - 1980}</volume>")
            parts.append(f"<journal>{_xml_text(vname)}</journal>")
        else:
            parts.append(f"<booktitle>{_xml_text(vname)}</booktitle>")
            parts.append(f"<crossref>conf/{slug}/{p.year}</crossref>")
        if p.doi:
            parts.append(f"<ee>https://doi.org/{p.doi}</ee>")
        parts.append(f"<url>db/{kind}/{slug}/{slug}{p.year}.html</url>")
        parts.extend(f"<cite>{keys[j]}</cite>" for j in p.cites)
        for n in p.cites_outside:
            parts.append(f"<cite>journals/outside/W{n}</cite>")
        parts.append(f"</{tag}>\n")
        out.write("".join(parts))
        if not journal and (p.venue, p.year) not in seen_volumes:
            seen_volumes.add((p.venue, p.year))
            out.write(
                f'<proceedings mdate="{p.year}-12-31" key="conf/{slug}/{p.year}">'
                f"<editor>{_xml_text(_dblp_name(p.authors[0], params))}</editor>"
                f"<title>Proceedings of {_xml_text(vname)} {p.year}</title>"
                f"<year>{p.year}</year></proceedings>\n"
            )
    if params.person_every:
        for a in range(0, st.authors, params.person_every):
            name = _xml_text(_dblp_name(a, params))
            out.write(
                f'<www mdate="2024-01-01" key="homepages/{a % 997}/{a}">'
                f"<author>{name}</author><title>Home Page</title>"
                f"<url>https://example.org/~a{a}</url></www>\n"
            )
    out.write("</dblp>\n")


# -- arXiv JSON lines ------------------------------------------------------------------


def _latex(text: str) -> str:
    for ch, tex in _LATEX.items():
        text = text.replace(ch, tex)
    return text


_DOW = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MON = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _rfc2822(year: int, month: int, day: int, index: int) -> str:
    d = dt.date(year, month, day)
    h, m, s = index % 24, index % 60, (index * 7) % 60
    return f"{_DOW[d.weekday()]}, {day} {_MON[month - 1]} {year} {h:02d}:{m:02d}:{s:02d} GMT"


def write_arxiv(out: TextIO, params: GenParams, stats: CorpusStats | None = None) -> None:
    """Kaggle arxiv-metadata-oai-snapshot.json lines, keys in the snapshot's order."""
    per_month: dict[tuple[int, int], int] = {}
    for p in iter_papers(params, stats):
        seq = per_month.get((p.year, p.month), 0) + 1
        per_month[(p.year, p.month)] = seq
        arxiv_id = f"{p.year % 100:02d}{p.month:02d}.{seq:05d}"
        names = [_accented(author_name(a), a) for a in p.authors]
        parsed = []
        for n in names:
            first, _, last = n.rpartition(" ")
            parsed.append([_latex(last), _latex(first), ""])
        c = _code_name(p.index)
        abstract = " ".join(
            s.format(c=c, k0=p.terms[k % 2], k1=p.terms[(k + 1) % 2], n=2 + p.index % 9)
            for k, s in enumerate(_SENTENCES)
        )
        journal = p.doi is not None and p.venue % 2 == 0
        rec = {
            "id": arxiv_id,
            "submitter": names[0],
            "authors": ", ".join(_latex(n) for n in names),
            "title": p.title,
            "comments": f"{8 + p.index % 20} pages",
            "journal-ref": (
                f"{_venue_name(p.venue, True)} {p.year - 1980}, {p.index % 900} ({p.year})"
                if journal
                else None
            ),
            "doi": p.doi if journal else None,
            "report-no": None,
            "categories": " ".join(p.categories),
            "license": None,
            "abstract": "  " + abstract + "\n",
            "versions": [{"version": "v1", "created": _rfc2822(p.year, p.month, p.day, p.index)}],
            "update_date": f"{p.year}-{p.month:02d}-{p.day:02d}",
            "authors_parsed": parsed,
        }
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")


# -- files -----------------------------------------------------------------------------


def corpus_path(data_dir: Path, shape: str, params: GenParams) -> Path:
    suffix = "xml" if shape == "dblp" else "json"
    folder = f"{shape}-{params.papers}-{params.seed}-g{GENERATOR_VERSION}"
    return data_dir / folder / f"corpus.{suffix}"


def ensure_corpus(data_dir: Path, shape: str, params: GenParams) -> tuple[Path, CorpusStats]:
    """The corpus file for (shape, papers, seed), generated unless already there. Stats
    are recomputed either way (generation is cheap next to loading)."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r} (known: {', '.join(SHAPES)})")
    path = corpus_path(data_dir, shape, params)
    stats = CorpusStats()
    if path.exists():
        for _ in iter_papers(params, stats):
            pass
        return path, stats
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    encoding = "iso-8859-1" if shape == "dblp" else "utf-8"
    with tmp.open("w", encoding=encoding, errors="xmlcharrefreplace", newline="\n") as fh:
        (write_dblp if shape == "dblp" else write_arxiv)(fh, params, stats)
    if shape == "dblp":
        shutil.copyfile(SHIPPED_DTD, path.parent / "dblp.dtd")
    tmp.replace(path)
    return path, stats
