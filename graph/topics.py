"""Topics: official arXiv categories and keyword topics found in titles and abstracts.

arXiv categories
    ``graph/data/arxiv_categories.json`` is the official arXiv taxonomy, extracted from
    arXiv's own ``arxiv-base`` repository (``arxiv/taxonomy/definitions.py``, commit
    0f94fa03 of 2026-06-29): the 155 active categories plus the 21 retired ones that old
    metadata still carries (bare ``astro-ph``, ``cond-mat``, ``q-bio`` and the subsumed
    archives such as ``chao-dyn`` -> nlin.CD, ``cmp-lg`` -> cs.CL). Each code maps to its
    official name, archive, group, whether it is active and, for an alias or a subsumed
    archive, its canonical code (cs.SY -> eess.SY, math.IT -> cs.IT, stat.TH -> math.ST,
    math.MP -> math-ph, q-fin.EC -> econ.GN, cs.NA -> math.NA).

    :func:`resolve_category` returns the canonical category, so a paper filed under cs.SY
    and one under eess.SY share one topic node, as arXiv itself lists them together.
    Profile pages show bare subject classes ("DC", "SP", "NC"). A bare code resolves to
    the first archive in :data:`BARE_CODE_PRIORITY` that has that subject class: cs
    first (this graph is about computer scientists), then eess, stat, math, q-bio,
    q-fin, econ, then the physics archives. So "SP" is eess.SP (not math.SP), "IV" eess.IV,
    "NC" q-bio.NC, "ML" stat.ML, "CO" stat.CO (not math.CO or astro-ph.CO), "AP" stat.AP,
    "GN" math.GN, and "SY" is cs.SY, which is an alias and so comes back as eess.SY.

Keyword topics
    A curated vocabulary of this field's terms (ML systems, HPC, distributed systems,
    networking, databases, LLMs and the ML topics the seed profiles touch), each with its
    surface forms, kept as data in ``graph/data/keywords.toml`` and read on first use.
    Matching works on word tokens (runs of letters and digits), so word boundaries come
    for free and "mixture-of-experts", "Mixture of Experts" and "mixture‐of‐experts" are
    one form. Other punctuation ends a phrase, so "CPU, memory"
    is not "CPU memory"; brackets do not, so "key-value (KV) cache" is a KV cache.
    Phrases match case-insensitively; acronyms that are also ordinary words or names
    ("MoE" vs "Moe", "RAG" vs "rag", "LoRA" vs the radio "LoRa") match only in their
    exact case. Every form also matches its plural and, for "-ize" words, the British
    "-ise" spelling.

    Matching looks up every token n-gram that starts with a known first token, so
    overlapping terms all count: "LLM serving" yields both Large Language Models and
    Model Serving, which a single leftmost-longest regex alternation could not give.
    One form may belong to several terms ("sparse attention" is Attention Mechanisms and
    Sparsity).
    A term may name broader terms it always implies (Expert Parallelism implies
    Mixture-of-Experts); they are added with the narrower term's matched text.

    A term found in the title or in the abstract counts; nothing is weighted or
    thresholded, so the same text always gives the same topics. Single generic words
    ("cache" alone is Caching, never KV Cache; "kernel" alone is nothing, because it is
    a GPU kernel, an OS kernel or a kernel method) are either left out or mapped to the
    generic topic only.

    One precompiled regex splits the text into tokens; the rest is dictionary lookups,
    so extraction stays a small share of a load however large the vocabulary grows.
"""

from __future__ import annotations

import itertools
import json
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

__all__ = [
    "BARE_CODE_PRIORITY",
    "ArxivCategory",
    "KeywordTerm",
    "KeywordTopic",
    "all_categories",
    "extract_keywords",
    "keyword_vocabulary",
    "normalize_topic_name",
    "resolve_category",
    "topic_id_for_category",
]

# ---------------------------------------------------------------------------------------
# arXiv categories
# ---------------------------------------------------------------------------------------

BARE_CODE_PRIORITY: tuple[str, ...] = (
    "cs",
    "eess",
    "stat",
    "math",
    "q-bio",
    "q-fin",
    "econ",
    "astro-ph",
    "cond-mat",
    "nlin",
    "physics",
)
"""Archives in the order a bare subject class ("SP") is looked up; the module docstring
says why this order."""

_DATA_FILE = "arxiv_categories.json"


@dataclass(frozen=True, slots=True)
class ArxivCategory:
    """One official arXiv category. ``canonical`` is set only on an alias or a subsumed
    archive, and names the category arXiv treats as the real one."""

    code: str
    name: str
    archive: str
    group: str
    active: bool = True
    canonical: str | None = None


class _Taxonomy(NamedTuple):
    by_code: dict[str, ArxivCategory]  # lower-cased full code -> category
    by_bare: dict[str, ArxivCategory]  # lower-cased subject class -> preferred category


@cache
def _taxonomy() -> _Taxonomy:
    raw = resources.files("graph").joinpath("data", _DATA_FILE).read_text(encoding="utf-8")
    rows: dict[str, dict[str, object]] = json.loads(raw)
    cats = [
        ArxivCategory(
            code=code,
            name=str(row["name"]),
            archive=str(row["archive"]),
            group=str(row["group"]),
            active=bool(row.get("active", True)),
            canonical=str(row["canonical"]) if row.get("canonical") else None,
        )
        for code, row in rows.items()
    ]
    by_code = {c.code.lower(): c for c in cats}
    rank = {archive: i for i, archive in enumerate(BARE_CODE_PRIORITY)}
    by_bare: dict[str, ArxivCategory] = {}
    ranked = sorted(
        (c for c in cats if "." in c.code),
        key=lambda c: (rank.get(c.archive, len(rank)), c.archive, c.code),
    )
    for c in ranked:
        by_bare.setdefault(c.code.split(".", 1)[1].lower(), c)
    return _Taxonomy(by_code, by_bare)


def resolve_category(code: str, *, canonical: bool = True) -> ArxivCategory | None:
    """The official category a code stands for, or ``None`` when there is none.

    Full codes match case-insensitively ("CS.dc" -> cs.DC); a bare subject class
    follows :data:`BARE_CODE_PRIORITY`. With ``canonical`` (the default) an alias
    comes back as its canonical category (cs.SY -> eess.SY), so that one subject is
    one topic; ``canonical=False`` returns the alias itself.

    >>> resolve_category("DC").code, resolve_category("SY").code
    ('cs.DC', 'eess.SY')
    """
    text = code.strip()
    if text[:6].lower() == "arxiv:":
        text = text[6:].strip()
    if not text:
        return None
    tax = _taxonomy()
    key = text.lower()
    cat = tax.by_code.get(key)
    if cat is None and "." not in key:
        cat = tax.by_bare.get(key)
    if cat is None:
        return None
    if canonical and cat.canonical is not None:
        return tax.by_code[cat.canonical.lower()]
    return cat


def all_categories() -> tuple[ArxivCategory, ...]:
    """Every category of the shipped taxonomy (aliases and retired ones included),
    sorted by code."""
    return tuple(sorted(_taxonomy().by_code.values(), key=lambda c: c.code))


def topic_id_for_category(cat: ArxivCategory) -> str:
    """The Topic node id of an arXiv category: ``arxiv:cs.DC``."""
    return f"arxiv:{cat.code}"


# ---------------------------------------------------------------------------------------
# Keyword topics
# ---------------------------------------------------------------------------------------


def normalize_topic_name(name: str) -> str:
    """The slug two spellings of one topic name share, used in ``kw:`` ids: folds case
    and accents, and turns every run of punctuation or spacing into one hyphen.

    >>> normalize_topic_name("Mixture of Experts"), normalize_topic_name(" Mixture-of-Experts ")
    ('mixture-of-experts', 'mixture-of-experts')
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "-".join(_WORD_RE.findall(folded))


@dataclass(frozen=True, slots=True)
class KeywordTopic:
    """A vocabulary term found in a paper; ``matched`` is the text as the paper wrote it
    (for an implied broader term, the narrower term's text)."""

    id: str
    name: str
    matched: str


@dataclass(frozen=True, slots=True)
class KeywordTerm:
    """One vocabulary entry: its display name, phrase forms (case-insensitive),
    acronyms (exact case) and the broader terms it implies."""

    name: str
    phrases: tuple[str, ...]
    acronyms: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return "kw:" + normalize_topic_name(self.name)


# A word: letters and digits. Words are what terms are made of; "_", hyphens and spacing
# only separate them.
_WORD_RE = re.compile(r"[^\W_]+")
# What the matcher walks: words, and runs of other punctuation as tokens of their own that
# no term contains, so a term never spans "CPU, memory" or "GPU/memory". Parentheses and
# brackets stay soft: "key-value (KV) cache" and "model (LLM) inference" are one phrase.
_TOKEN_RE = re.compile(r"([^\W_]+|[^\w\s\-\u2010\u2011\u2012\u2013()\[\]]+)")


_VOCABULARY_FILE = "keywords.toml"
_TERM_KEYS = frozenset({"name", "phrases", "acronyms", "broader"})


@cache
def keyword_vocabulary() -> tuple[KeywordTerm, ...]:
    """The curated vocabulary of ``graph/data/keywords.toml``, in definition order.

    Raises ``ValueError`` on an entry that is not a name with lists of strings; what the
    strings say (known broader terms, capitals in acronyms) :func:`_build_index` checks.
    """
    raw = resources.files("graph").joinpath("data", _VOCABULARY_FILE).read_text(encoding="utf-8")
    return tuple(_term(entry) for entry in tomllib.loads(raw)["term"])


def _term(entry: dict[str, object]) -> KeywordTerm:
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"keyword vocabulary: an entry without a name: {entry!r}")
    if unknown := set(entry) - _TERM_KEYS:
        raise ValueError(f"{name}: unknown keys {sorted(unknown)}")

    def strings(key: str) -> tuple[str, ...]:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ValueError(f"{name}: {key} must be a list of non-empty strings")
        return tuple(value)

    phrases = strings("phrases")
    if not phrases:
        raise ValueError(f"{name}: no phrases")
    return KeywordTerm(name, phrases, strings("acronyms"), strings("broader"))


# ---------------------------------------------------------------------------------------
# The matcher: token n-gram tables built once from the vocabulary.
# ---------------------------------------------------------------------------------------

_BRACES = re.compile(r"\{([^{}]*)\}")
_IZE = re.compile(r"iz(e|ed|es|ing|ation|ations|er|ers)$")


def _expand(form: str) -> list[str]:
    """``"a {b,c} d"`` -> ``["a b d", "a c d"]``; an empty alternative drops the word."""
    parts = _BRACES.split(form)
    choices = [
        [alt.strip() for alt in part.split(",")] if i % 2 else [part]
        for i, part in enumerate(parts)
    ]
    return [" ".join("".join(combo).split()) for combo in itertools.product(*choices)]


def _plural(word: str) -> str:
    if word[-1:].isdigit():
        return word
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def _variants(tokens: tuple[str, ...]) -> set[tuple[str, ...]]:
    """A form, its plural, and the British -ise spelling of its -ize words."""
    out = {tokens, (*tokens[:-1], _plural(tokens[-1]))}
    british = tuple(_IZE.sub(lambda m: "is" + m.group(1), t) for t in tokens)
    if british != tokens:
        out |= {british, (*british[:-1], _plural(british[-1]))}
    return out


class _Index(NamedTuple):
    terms: tuple[KeywordTerm, ...]
    phrases: dict[tuple[str, ...], tuple[int, ...]]  # lower-cased token n-gram -> terms
    phrase_lengths: dict[str, tuple[int, ...]]  # first token -> n-gram lengths, longest first
    acronyms: dict[tuple[str, ...], tuple[int, ...]]  # exact-case token n-gram -> terms
    acronym_lengths: dict[str, tuple[int, ...]]
    broader: tuple[tuple[int, ...], ...]  # term -> every broader term, transitively
    ids: tuple[str, ...]


def _table(
    entries: Iterable[tuple[tuple[str, ...], int]],
) -> tuple[dict[tuple[str, ...], tuple[int, ...]], dict[str, tuple[int, ...]]]:
    table: dict[tuple[str, ...], tuple[int, ...]] = {}
    lengths: dict[str, set[int]] = {}
    for key, term in entries:
        if term not in table.get(key, ()):
            table[key] = (*table.get(key, ()), term)
        lengths.setdefault(key[0], set()).add(len(key))
    return table, {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}


def _build_index(terms: tuple[KeywordTerm, ...]) -> _Index:
    """Tables for :func:`extract_keywords`; raises ``ValueError`` on a vocabulary
    mistake (an unknown broader term, a duplicate id, an acronym with no capital)."""
    by_name = {t.name: i for i, t in enumerate(terms)}
    ids = [t.id for t in terms]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate keyword topic ids in the vocabulary")
    phrase_entries: list[tuple[tuple[str, ...], int]] = []
    acronym_entries: list[tuple[tuple[str, ...], int]] = []
    for i, term in enumerate(terms):
        for form in term.phrases:
            for text in _expand(form):
                tokens = tuple(_WORD_RE.findall(text.lower()))
                if not tokens:
                    raise ValueError(f"{term.name}: empty phrase {form!r}")
                phrase_entries += [(v, i) for v in _variants(tokens)]
        for acronym in term.acronyms:
            tokens = tuple(_WORD_RE.findall(acronym))
            if acronym.islower() or not tokens:
                raise ValueError(f"{term.name}: acronym {acronym!r} needs a capital letter")
            acronym_entries += [(tokens, i), ((*tokens[:-1], tokens[-1] + "s"), i)]
        for name in term.broader:
            if name not in by_name:
                raise ValueError(f"{term.name}: unknown broader term {name!r}")

    def closure(i: int) -> tuple[int, ...]:
        seen: list[int] = []
        stack = [by_name[b] for b in terms[i].broader]
        while stack:
            j = stack.pop()
            if j not in seen and j != i:
                seen.append(j)
                stack += [by_name[b] for b in terms[j].broader]
        return tuple(seen)

    phrases, phrase_lengths = _table(phrase_entries)
    acronyms, acronym_lengths = _table(acronym_entries)
    broader = tuple(closure(i) for i in range(len(terms)))
    return _Index(terms, phrases, phrase_lengths, acronyms, acronym_lengths, broader, tuple(ids))


@cache
def _index() -> _Index:
    """The matcher's tables, built on first use so that importing this module (which the
    resolver and every store do) costs nothing."""
    return _build_index(keyword_vocabulary())


def _surface(parts: list[str]) -> str:
    """The text of a match as the paper wrote it, with spacing collapsed and any bracket
    inside it dropped ("(KV) cache" matched from "KV) cache" reads "KV cache")."""
    return " ".join("".join(parts).translate(_NO_BRACKETS).split())


_NO_BRACKETS = str.maketrans("()[]", "    ")


def _scan(text: str, base: int, found: dict[int, tuple[int, str]], index: _Index) -> None:
    """Record in ``found`` (term -> (position, matched text)) every term ``text``
    mentions, keeping each term's earliest mention; ``base`` offsets positions so that a
    title's mentions come before its abstract's."""
    # split() with a capturing group alternates separator, token, separator, ...: the
    # tokens to match, and the exact original text of any run of them for free.
    parts = _TOKEN_RE.split(text)
    tokens = parts[1::2]
    lower = "\0".join(tokens).lower().split("\0")
    count = len(tokens)
    for words, table, lengths in (
        (lower, index.phrases, index.phrase_lengths),
        (tokens, index.acronyms, index.acronym_lengths),
    ):
        # Positions where a term can start, found at C speed; most tokens start none.
        for i in itertools.compress(range(count), map(lengths.__contains__, words)):
            pos = base + i
            for n in lengths[words[i]]:
                if n > count - i:  # a slice past the end would shorten into another key
                    continue
                for term in table.get(tuple(words[i : i + n]), ()):
                    seen = found.get(term)
                    if seen is None or seen[0] > pos:
                        found[term] = (pos, _surface(parts[2 * i + 1 : 2 * (i + n)]))


def extract_keywords(title: str, abstract: str | None) -> list[KeywordTopic]:
    """The vocabulary terms a paper's title or abstract mentions, plus the broader terms
    they imply; sorted by id, one per term, ``matched`` from the first mention (title
    before abstract).

    >>> [k.id for k in extract_keywords("Punica: Multi-Tenant LoRA Serving", None)]
    ['kw:fine-tuning', 'kw:lora', 'kw:model-serving', 'kw:multi-tenancy', \
'kw:parameter-efficient-fine-tuning']
    """
    index = _index()
    found: dict[int, tuple[int, str]] = {}
    if title:
        _scan(title, 0, found, index)
    if abstract:
        _scan(abstract, 1 << 40, found, index)
    matched = {term: text for term, (_, text) in sorted(found.items(), key=lambda kv: kv[1])}
    for term, text in list(matched.items()):
        for implied in index.broader[term]:
            matched.setdefault(implied, text)
    topics = [KeywordTopic(index.ids[t], index.terms[t].name, text) for t, text in matched.items()]
    return sorted(topics, key=lambda k: k.id)
