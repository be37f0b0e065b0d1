"""When a name in a document is an author already in the graph: the evidence rule.

A reference with no strong id that matches (ORCID, DBLP person, ...) has only a name,
and names are shared: dblp counts 223 people called "Wei Wang". Joining every "Wei
Wang" into one node invents collaborators and short paths between strangers, so a
reference joins a candidate (an author with a compatible name, graph/person_names.py)
only on evidence, weighed against how common the name is. Otherwise it becomes a new
author. The rule, in the terms the README uses:

*Prior.* ``namesakes`` estimates how many people in the collection carry the name:
``authors with the family name x authors with the first given name / all authors``
(how often the two parts would meet by chance, from the graph itself), but never less
than RARE_NAME (0.1): however rare a name looks in the graph, a name alone is no proof,
and the next reference may be someone the graph has not met. For a name given only as
initials it is the number of authors sharing family name and first initial. The prior
odds that the reference is a given candidate are ``1 / namesakes``.

*Evidence* is counted in bits (a likelihood ratio of 2**bits). Kinds and weights:

====================  =====  ==========================================================
same_paper            12     the same work already lists this name (another source)
email                 10     the same e-mail address
coauthor              <=5    each co-author name both share (not each other; by
                             compatible spelling when one side is initials only), less
                             for a common co-author name; at most 10 together
affiliation           3      the same institution or affiliation string
venue                 2      a paper in the same venue (not a preprint server) within
                             WINDOW_YEARS
topic                 0.75   each shared topic within WINDOW_YEARS, at most 3
====================  =====  ==========================================================

*Decision.* The posterior odds ``2**bits / namesakes`` must reach 9 (a posterior of
0.9), and there must be at least one clue (MIN_BITS) whatever the prior: a rare name
joins on one shared topic, "Wei Wang" in a large graph needs about 8 bits (a shared
co-author and a venue). The window (WINDOW_YEARS either side of the reference's year)
keeps namesakes of one field in different decades apart. A name that only matches with
family and
given names swapped needs *strong* evidence too (same paper, e-mail or a co-author):
"Li Wei" and "Wei Li" are often two people. So does a name that only matches by
initials, unless the graph has no other author with that family name and initial:
"Z. Zhang" stands for too many people to join on topics. Among candidates that pass,
the highest posterior wins (ties: the smaller id).

Strong ids, profile or CV ownership and users' corrections are not weighed here: they
decide on their own (graph/resolve.py).

The precision/recall choice: a false merge fabricates collaborators and paths in every
answer that touches the node, a false split only hides some; the threshold is set for
precision, and a merge that rests on topic, venue or affiliation alone is *weak* and
marked so in answers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from graph.person_names import Compatibility

__all__ = [
    "MIN_BITS",
    "SIMILARITY",
    "STRONG_KINDS",
    "WINDOW_YEARS",
    "Candidate",
    "Clue",
    "Context",
    "Decision",
    "Found",
    "clues_for",
    "decide",
    "expected_namesakes",
    "is_weak",
    "required_bits",
]

WINDOW_YEARS = 10
MIN_BITS = 0.75  # one clue, whatever the prior: never a name alone
TARGET_POSTERIOR = 0.9
RARE_NAME = 0.1
# kinds that identify a person on their own; the rest only make a match plausible
STRONG_KINDS = frozenset({"same_paper", "email", "coauthor"})

_BITS = {"same_paper": 12.0, "email": 10.0, "affiliation": 3.0, "venue": 2.0}
_COAUTHOR_BITS = 5.0
_COAUTHOR_CAP = 10.0
_TOPIC_BITS = 0.75
_TOPIC_CAP = 3.0


@dataclass(frozen=True, slots=True)
class Clue:
    """One piece of evidence for a candidate: its kind, weight in bits, and what it is
    ("shares co-author Shiyi Cao")."""

    kind: str
    bits: float
    detail: str


@dataclass(slots=True)
class Context:
    """What a document says around one reference: the evidence it can offer.
    ``coauthor_keys`` are the names on the paper (the reference's own may be among
    them: the checks leave out the reference's and the candidate's own names)."""

    name_key: str
    coauthor_keys: frozenset[str] = frozenset()
    venue_ids: frozenset[str] = frozenset()
    topic_ids: frozenset[str] = frozenset()
    institution_ids: frozenset[str] = frozenset()
    affiliations: frozenset[str] = frozenset()  # folded affiliation strings
    emails: frozenset[str] = frozenset()  # folded
    first_year: int | None = None
    last_year: int | None = None

    def window(self) -> tuple[int | None, int | None]:
        """The years a candidate's paper must fall in for venue/topic/affiliation."""
        if self.first_year is None or self.last_year is None:
            return None, None
        return self.first_year - WINDOW_YEARS, self.last_year + WINDOW_YEARS


@dataclass(slots=True)
class Found:
    """What a candidate shares with a context (stored graph and this load together)."""

    coauthor_keys: set[str] = field(default_factory=set)
    venue_ids: set[str] = field(default_factory=set)
    topic_ids: set[str] = field(default_factory=set)
    institution_ids: set[str] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    same_paper: bool = False

    def update(self, other: Found) -> None:
        self.coauthor_keys |= other.coauthor_keys
        self.venue_ids |= other.venue_ids
        self.topic_ids |= other.topic_ids
        self.institution_ids |= other.institution_ids
        self.affiliations |= other.affiliations
        self.emails |= other.emails
        self.same_paper = self.same_paper or other.same_paper


@dataclass(frozen=True, slots=True)
class Candidate:
    """An author a reference may be: how the names compare and what they share."""

    author_id: str
    compatibility: Compatibility
    found: Found


@dataclass(frozen=True, slots=True)
class Decision:
    """The candidate joined (None: a new author), the clues, and the posterior."""

    author_id: str | None
    clues: tuple[Clue, ...]
    strength: float
    namesakes: float
    candidates: int


def expected_namesakes(
    *,
    family: int,
    given: int,
    initial: int,
    total: int,
    initials_only: bool,
) -> float:
    """How many people in the graph the name may stand for (see the module docstring).

    ``family``/``given``/``initial``: distinct authors with the family name, with the
    first given name, and with family name and first initial; ``total``: all authors.
    """
    if initials_only:
        return float(max(initial, 1))
    return max(RARE_NAME, family * given / total) if total > 0 else RARE_NAME


def required_bits(namesakes: float) -> float:
    """Bits of evidence that bring the prior ``1/namesakes`` to TARGET_POSTERIOR."""
    odds = TARGET_POSTERIOR / (1 - TARGET_POSTERIOR)
    return max(MIN_BITS, math.log2(odds / _prior_odds(namesakes)))


def _prior_odds(namesakes: float) -> float:
    return 1.0 / namesakes


def _posterior(bits: float, namesakes: float) -> float:
    odds = _prior_odds(namesakes) * 2.0**bits
    return odds / (1.0 + odds)


def clues_for(
    found: Found,
    names: Mapping[str, str],
    namesakes_of: Callable[[str], float],
) -> list[Clue]:
    """The clues a candidate's shared items give, heaviest first. ``names`` spells the
    keys for the detail text (co-author name keys, venue and topic ids); a co-author
    key's weight drops with its own commonness (``namesakes_of``)."""
    out: list[Clue] = []
    if found.same_paper:
        out.append(Clue("same_paper", _BITS["same_paper"], "the same work lists this name"))
    if found.emails:
        out.append(Clue("email", _BITS["email"], "e-mail " + ", ".join(sorted(found.emails))))
    if found.coauthor_keys:
        bits = 0.0
        for key in found.coauthor_keys:
            common = max(1.0, namesakes_of(key))
            bits += max(1.0, _COAUTHOR_BITS - math.log2(common))
        out.append(
            Clue(
                "coauthor",
                min(_COAUTHOR_CAP, bits),
                "shares co-authors " + _spell(found.coauthor_keys, names),
            )
        )
    shared_places = found.institution_ids | found.affiliations
    if shared_places:
        out.append(
            Clue("affiliation", _BITS["affiliation"], "affiliation " + _spell(shared_places, names))
        )
    if found.venue_ids:
        out.append(Clue("venue", _BITS["venue"], "publishes in " + _spell(found.venue_ids, names)))
    if found.topic_ids:
        bits = min(_TOPIC_CAP, _TOPIC_BITS * len(found.topic_ids))
        out.append(Clue("topic", bits, "shares topics " + _spell(found.topic_ids, names)))
    return out


def _spell(keys: Iterable[str], names: Mapping[str, str], limit: int = 5) -> str:
    shown = sorted(names.get(k, k) for k in keys)
    more = f" and {len(shown) - limit} more" if len(shown) > limit else ""
    return ", ".join(shown[:limit]) + more


def decide(
    candidates: list[Candidate],
    namesakes: float,
    names: Mapping[str, str],
    namesakes_of: Callable[[str], float],
    shared_initials: bool = True,
) -> Decision:
    """Pick the candidate the evidence supports best, or none (module docstring).
    ``shared_initials``: other authors have the reference's family name and first
    initial (then a match by initials needs strong evidence)."""
    need = required_bits(namesakes)
    strict = {"swapped", "initials"} if shared_initials else {"swapped"}
    best: tuple[float, str, tuple[Clue, ...]] | None = None
    for cand in candidates:
        clues = tuple(clues_for(cand.found, names, namesakes_of))
        bits = sum(c.bits for c in clues)
        if bits < need:
            continue
        if cand.compatibility in strict and not any(c.kind in STRONG_KINDS for c in clues):
            continue
        post = _posterior(bits, namesakes)
        if best is None or post > best[0] or (post == best[0] and cand.author_id < best[1]):
            best = (post, cand.author_id, clues)
    if best is None:
        return Decision(None, (), 1.0, namesakes, len(candidates))
    return Decision(best[1], best[2], round(best[0], 4), namesakes, len(candidates))


SIMILARITY = frozenset({"topic", "venue", "affiliation"})


def is_weak(kinds: Iterable[str]) -> bool:
    """A join that rests only on similarity (topic, venue, affiliation): plausible, not
    proven. Ids, ownership, corrections and the strong kinds are not weak."""
    kinds = set(kinds)
    return bool(kinds) and kinds <= SIMILARITY
