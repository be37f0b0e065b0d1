"""Author identity for one load: which author each reference in a document is.

graph/resolve.py hands every author reference here in document order, with what the
document says around it (graph/evidence.Context) and the paper it is on. The answer is
an author id and the :class:`Occurrence` that says why.

The order of the rules:

1. A user's correction (graph/corrections.py) that names this occurrence decides.
2. A strong id (ORCID > DBLP person > OpenAlex > ...: graph/schema.py) that an author
   already holds decides.
3. On a profile or CV, the name that is the page owner's is the owner (and so is the
   owner added to papers whose shown author list is cut).
4. Otherwise the reference joins the candidate with a compatible name that the evidence
   supports (graph/evidence.py), or becomes a new author. A reference whose strong id is
   new to the graph is weighed the same way, among authors holding no other id of its
   kind.
5. A merge correction redirects the author chosen to the one it was merged into.

What is known about candidates comes from two places, kept apart so that the answer
does not depend on how the document was cut into batches, on whether the previous
batch has been written yet, or on a killed load being resumed: the store, asked only
about the graph as it was *before this load* (authors this load created and authorships
only this load asserts are left out, by ``created_by`` and the edge's ``sources``), and
this object's own record of everything the load decided so far. Store answers for one
batch are fetched in a few round trips before its references are decided.

New author ids are deterministic: the strongest id when there is one, else the name
(``name:<key>``) for the first author of that name and ``name:<key>|<paper>|<position>``
(the occurrence that created it) for each namesake after it.
"""

from __future__ import annotations

import functools
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from graph.corrections import Corrections
from graph.evidence import (
    Candidate,
    Context,
    Found,
    decide,
    expected_namesakes,
)
from graph.model import make_id
from graph.occurrence import Occurrence
from graph.person_names import (
    compatibility,
    family_of,
    given_key,
    initial_key,
    is_initials_only,
    shared_names,
    swapped_keys,
)
from graph.schema import AUTHOR_IDENTIFIERS
from graph.store.identity import (
    AuthorMatch,
    EvidenceFound,
    EvidenceQuery,
    IdentityLookup,
    PaperAuthor,
)

__all__ = ["AuthorIdentity", "Reference", "lookup_keys"]

_ID_TITLES = {i.key: i.title for i in AUTHOR_IDENTIFIERS}
_ID_KINDS = {i.prop: i for i in AUTHOR_IDENTIFIERS}
_NO_IDS: set[str] = set()
_COMPAT_RANK = {"exact": 0, "variant": 1, "initials": 2, "swapped": 3}


@dataclass(slots=True)
class Reference:
    """One author reference as graph/resolve.py hands it over. Its evidence
    :attr:`context` is built on first use by ``make_context``: most references of a
    large load are decided by a strong id and never need it."""

    name: str  # as written (cleaned of markup)
    name_key: str
    strong_keys: list[str]  # identity keys of its strong ids, strongest first
    ids: dict[str, str]
    make_context: Callable[[], Context]
    initials_only: bool = False
    position: int | None = None
    inferred: bool = False
    owner: bool = False  # the page's owner: their own record, or their name on the page
    line: int | None = None
    # the stored papers this reference may be on (its record matched them by a key; for
    # the owner, every paper of the page): their authors are same-paper candidates
    papers: list[str] = field(default_factory=list)
    slot: int = -1  # its place in the batch (prefetch numbers the references)
    _context: Context | None = None

    @property
    def context(self) -> Context:
        if self._context is None:
            self._context = self.make_context()
        return self._context


@functools.lru_cache(maxsize=1 << 16)
def _name_keys(nk: str) -> list[str]:
    """The keys that find every author a name may be: the initial key of the name
    (every exact, variant or initials-compatible name shares it) and of its swapped
    forms; a one-word name by itself."""
    ik = initial_key(nk)
    if not ik:
        return ["name:" + nk]
    return list(
        dict.fromkeys(["init:" + ik, *("init:" + initial_key(s) for s in swapped_keys(nk))])
    )


def lookup_keys(ref: Reference) -> list[str]:
    """The store keys a reference needs answered: its strong ids, its name's candidate
    keys, and the id a new author of this name would get."""
    keys = [*ref.strong_keys, *_name_keys(ref.name_key)]
    if ref.name_key:
        keys.append("aid:" + make_id("A", "name:" + ref.name_key))
    return keys


@dataclass(slots=True)
class _Profile:
    """An author's papers in this load, folded for evidence checks (kept only for
    authors that were candidates)."""

    coauthors: set[str] = field(default_factory=set)
    coauthors_by_initial: dict[str, set[str]] = field(default_factory=dict)
    venues: dict[str, set[int | None]] = field(default_factory=dict)
    topics: dict[str, set[int | None]] = field(default_factory=dict)
    folded: int = 0  # how many of the author's papers are in it


@dataclass(slots=True)
class _Extras:
    """E-mails, affiliations and institutions a load saw for an author (few have any)."""

    emails: set[str] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)
    institutions: dict[str, set[int | None]] = field(default_factory=dict)


# What a load remembers is held in tuples of strings and numbers and in arrays, which
# the cyclic garbage collector does not track: a DBLP-sized load remembers millions of
# authorships, and tracked containers made the collector most of its time.
_Author = tuple[str, bool, tuple[tuple[str, str], ...], bool]  # name key, initials, ids, created
_Seen = tuple[int | None, tuple[str, ...], tuple[str, ...], tuple[str | int | None, ...]]
# (year, venue ids, topic ids, authors flat: author id, name key as written, position, ...)


def _flat(authors: Iterable[tuple[str, str, int | None]]) -> tuple[str | int | None, ...]:
    return tuple(x for triple in authors for x in triple)


def _triples(flat: tuple[str | int | None, ...]) -> list[tuple[str, str, int | None]]:
    return list(zip(flat[0::3], flat[1::3], flat[2::3], strict=True))  # type: ignore[arg-type]


def _in_window(years: Iterable[int | None], lo: int | None, hi: int | None) -> bool:
    if lo is None or hi is None:
        return True
    return any(y is None or lo <= y <= hi for y in years)


class AuthorIdentity:
    """Decides author identity for one load (see the module docstring)."""

    def __init__(
        self,
        lookup: IdentityLookup,
        source_id: str,
        *,
        store_was_empty: bool = False,
        corrections: Corrections | None = None,
    ) -> None:
        self.lookup = lookup
        self.source = source_id
        self.ask_store = not store_was_empty
        self.corrections = corrections or Corrections()
        self._corrected = bool(self.corrections.merges or self.corrections.splits)
        self._authors: dict[str, _Author] = {}
        self._author_papers: dict[str, array[int]] = {}  # paper numbers, in load order
        self._extras: dict[str, _Extras] = {}
        self._profiles: dict[str, _Profile] = {}
        # key -> the author holding it, or the set of them when several do (most keys
        # have one: a set for each would be a million tracked containers)
        self._index: dict[str, str | set[str]] = {}
        self._created = Counter[str]()
        self._paper_no: dict[str, int] = {}
        self._papers: list[_Seen] = []
        self._stored_counts: dict[str, int] = {}
        # per batch: the store's answers
        self._stored_matches: dict[str, AuthorMatch] = {}
        self._stored_keys: dict[str, list[str]] = {}
        self._stored_found: dict[tuple[int, str], EvidenceFound] = {}
        self._stored_paper_authors: dict[str, list[PaperAuthor]] = {}

    # -- what this load knows ------------------------------------------------------------

    def _listed(self, paper_id: str) -> list[tuple[str, str, int | None]]:
        """(author id, name key, position) of the authors this load and the stored graph
        list on a paper."""
        out = [
            (a.author_id, a.name_key, a.position)
            for a in self._stored_paper_authors.get(paper_id, ())
        ]
        no = self._paper_no.get(paper_id)
        if no is not None:
            out += _triples(self._papers[no][3])
        return out

    def name_keys_on(self, paper_id: str) -> set[str]:
        return {nk for _, nk, _ in self._listed(paper_id)}

    def _count(self, key: str) -> int:
        return self._stored_counts.get(key, 0) + self._created[key]

    def namesakes(self, name_key: str, initials_only: bool) -> float:
        """graph/evidence.expected_namesakes from the graph before this load plus what
        this load created so far."""
        return expected_namesakes(
            family=self._count("family:" + family_of(name_key)),
            given=self._count("given:" + given_key(name_key)),
            initial=self._count("init:" + initial_key(name_key)),
            total=self._count("*"),
            initials_only=initials_only,
        )

    # -- the store's answers for one batch --------------------------------------------------

    def prefetch(self, refs: Sequence[Reference]) -> None:
        """Ask the store, in a few round trips, everything deciding ``refs`` may need:
        candidates by key, name counts, the authors of the stored papers they may be
        on (``Reference.papers``), and each stored candidate's shared evidence."""
        self._stored_matches = {}
        self._stored_keys = {}
        self._stored_found = {}
        for i, r in enumerate(refs):
            r.slot = i
        if not self.ask_store or not refs:
            return
        paper_ids = {p for r in refs for p in r.papers}
        wanted = sorted({k for r in refs for k in lookup_keys(r)})
        found = self.lookup.match_author_keys(wanted, source=self.source)
        for key, matches in found.items():
            self._stored_keys[key] = [m.id for m in matches]
            for m in matches:
                self._stored_matches[m.id] = m
        new_papers = sorted(set(paper_ids) - self._stored_paper_authors.keys())
        if new_papers:
            got = self.lookup.paper_authors(new_papers, source=self.source)
            for pid in new_papers:
                self._stored_paper_authors[pid] = got.get(pid, [])
                for a in got.get(pid, []):
                    self._stored_matches.setdefault(a.author_id, AuthorMatch(a.author_id))
        counts = {"*"} if "*" not in self._stored_counts else set()
        names = {r.name_key for r in refs}
        for group in {id(r.context.coauthor_keys): r.context.coauthor_keys for r in refs}.values():
            names |= group
        for nk in names:
            counts |= {
                "family:" + family_of(nk),
                "given:" + given_key(nk),
                "init:" + initial_key(nk),
            }
        ask = sorted(counts - self._stored_counts.keys())
        if ask:
            got_counts = self.lookup.count_author_keys(ask, source=self.source)
            for key in ask:
                self._stored_counts[key] = got_counts.get(key, 0)
        queries: list[EvidenceQuery] = []
        pairs: list[tuple[int, str]] = []
        for i, r in enumerate(refs):
            cands = self._stored_candidates(r)
            if not cands:
                continue
            ctx = r.context
            lo, hi = ctx.window()
            coauthors = tuple(sorted(ctx.coauthor_keys))
            initials = tuple(sorted({initial_key(k) for k in coauthors} - {""}))
            venues, topics = tuple(sorted(ctx.venue_ids)), tuple(sorted(ctx.topic_ids))
            institutions = tuple(sorted(ctx.institution_ids))
            for aid in cands:
                pairs.append((i, aid))
                queries.append(
                    EvidenceQuery(aid, coauthors, venues, topics, institutions, lo, hi, initials)
                )
        if queries:
            answers = self.lookup.author_evidence(queries, source=self.source)
            self._stored_found = dict(zip(pairs, answers, strict=True))

    def _stored_candidates(self, ref: Reference) -> list[str]:
        ids = {aid for k in lookup_keys(ref) for aid in self._stored_keys.get(k, ())}
        for pid in ref.papers:
            ids.update(a.author_id for a in self._stored_paper_authors.get(pid, ()))
        out = []
        for aid in sorted(ids):
            m = self._stored_matches.get(aid)
            nk = m.name_key if m is not None else ""
            if nk and compatibility(ref.name_key, nk) is not None:
                out.append(aid)
        return out

    # -- deciding ---------------------------------------------------------------------------

    def _match(self, author_id: str) -> tuple[str, bool, Mapping[str, str]] | None:
        """(name key, initials only, ids) of an author as this load now sees it."""
        known = self._authors.get(author_id)
        if known is not None:
            return known[0], known[1], dict(known[2])
        m = self._stored_matches.get(author_id)
        if m is None or not m.name_key:
            return None
        return m.name_key, m.initials_only, m.ids

    def _by_key(self, key: str) -> set[str]:
        """The authors holding a key, stored and of this load (do not modify it)."""
        found = self._index.get(key)
        mine = _NO_IDS if found is None else {found} if isinstance(found, str) else found
        stored = self._stored_keys.get(key)
        return mine.union(stored) if stored else mine

    def _index_add(self, key: str, author_id: str) -> None:
        found = self._index.get(key)
        if found is None:
            self._index[key] = author_id
        elif isinstance(found, str):
            if found != author_id:
                self._index[key] = {found, author_id}
        else:
            found.add(author_id)

    def _index_discard(self, key: str, author_id: str) -> None:
        found = self._index.get(key)
        if found == author_id:
            del self._index[key]
        elif isinstance(found, set):
            found.discard(author_id)

    def _exists(self, author_id: str) -> bool:
        return author_id in self._authors or author_id in self._stored_keys.get(
            "aid:" + author_id, ()
        )

    def resolve(
        self,
        ref: Reference,
        paper_id: str | None,
        taken: set[str],
        names: Callable[[], Mapping[str, str]],
        owner_id: str | None = None,
    ) -> tuple[str, bool, Occurrence]:
        """The author a reference is, whether it existed before, and why.

        ``taken``: authors already given to another name of the same record (two
        "Wei Wang" on one paper are two people); ``names`` gives the spelling of the
        keys for the evidence text; ``owner_id``: the page owner when the document is a profile or
        CV. Same-paper candidates come from ``paper_id`` and ``ref.papers``.
        """
        src = self.source
        corrected = self._corrected
        split = (
            self.corrections.split_for(paper_id, ref.name_key) if corrected and paper_id else None
        )
        if split is not None:
            occ = Occurrence(src, ref.name, (("correction", 0.0, split.describe()),))
            return split.new_id, self._exists(split.new_id), occ
        chosen, occ = self._decide(ref, paper_id, taken, names, owner_id)
        existed = chosen is not None
        if chosen is None:
            chosen = self._new_id(ref, paper_id)
        if not corrected:
            return chosen, existed, occ
        redirected = self.corrections.redirect(chosen, paper_id)
        if redirected is not None and redirected.author_id != chosen:
            chosen = redirected.author_id
            existed = self._exists(chosen)
            occ = Occurrence(src, ref.name, (*occ.evidence, ("correction", 0.0, redirected.detail)))
        return chosen, existed, occ

    def _decide(
        self,
        ref: Reference,
        paper_id: str | None,
        taken: set[str],
        names: Callable[[], Mapping[str, str]],
        owner_id: str | None,
    ) -> tuple[str | None, Occurrence]:
        src = self.source
        for key in ref.strong_keys:
            holders = sorted(self._by_key(key) - taken)
            if holders:
                kind, _, value = key.partition(":")
                title = _ID_TITLES.get(kind, kind)
                return holders[0], Occurrence(src, ref.name, (("id", 0.0, f"{title} {value}"),))
        if owner_id is not None and owner_id not in taken and (ref.inferred or ref.owner):
            return owner_id, Occurrence(src, ref.name, (("owner", 0.0, "the page's owner"),))
        cands = self._candidates(ref, paper_id, taken)
        if not cands:
            return None, Occurrence(src, ref.name, (("new", 0.0, "no author of this name"),))
        ns = self.namesakes(ref.name_key, ref.initials_only)
        decision = decide(
            cands,
            ns,
            names(),
            lambda k: self.namesakes(k, is_initials_only(k)),
            shared_initials=self._count("init:" + initial_key(ref.name_key)) > 1,
        )
        if decision.author_id is None:
            detail = f"{len(cands)} compatible author(s), none with enough evidence"
            return None, Occurrence(
                src, ref.name, (("new", 0.0, detail),), 1.0, ns, decision.candidates
            )
        clues = tuple((c.kind, round(c.bits, 2), c.detail) for c in decision.clues)
        return decision.author_id, Occurrence(
            src, ref.name, clues, decision.strength, ns, decision.candidates
        )

    def _candidates(
        self,
        ref: Reference,
        paper_id: str | None,
        taken: set[str],
    ) -> list[Candidate]:
        ids: set[str] = set()
        for key in _name_keys(ref.name_key):
            ids |= self._by_key(key)
        on_paper: set[str] = set()
        # the paper it is on; for a page owner, every paper of the page
        for pid in [paper_id] if paper_id else ref.papers:
            on_paper |= {aid for aid, _, _ in self._listed(pid)}
        ids |= on_paper
        ids -= taken
        out: list[Candidate] = []
        for aid in sorted(ids):
            seen = self._match(aid)
            if seen is None:
                continue
            nk, _, their_ids = seen
            compat = compatibility(ref.name_key, nk)
            if compat is None:
                continue
            if any(their_ids.get(p, v) != v for p, v in ref.ids.items()):
                continue  # holds another id of a kind the reference has
            found = Found(same_paper=aid in on_paper)
            stored = self._stored_found.get((ref.slot, aid))
            if stored is not None:
                found.update(_from_store(stored, ref.context))
            if aid in self._authors:
                found.update(self._found_in_load(aid, ref, nk))
            found.coauthor_keys -= {ref.name_key, nk}
            out.append(Candidate(aid, compat, found))
        out.sort(key=lambda c: (_COMPAT_RANK[c.compatibility], c.author_id))
        return out

    def _profile(self, author_id: str) -> _Profile:
        """The author's papers of this load, folded (brought up to date)."""
        prof = self._profiles.get(author_id)
        if prof is None:
            prof = self._profiles[author_id] = _Profile()
        papers = self._author_papers.get(author_id, ())
        if prof.folded < len(papers):
            own = self._authors[author_id][0]
            for no in papers[prof.folded :]:
                year, venues, topics, authors = self._papers[no]
                for aid, nk in zip(authors[0::3], authors[1::3], strict=True):
                    if aid != author_id and nk != own and nk not in prof.coauthors:
                        prof.coauthors.add(nk)  # type: ignore[arg-type]
                        ik = initial_key(nk)  # type: ignore[arg-type]
                        if ik:
                            prof.coauthors_by_initial.setdefault(ik, set()).add(nk)  # type: ignore[arg-type]
                for v in venues:
                    prof.venues.setdefault(v, set()).add(year)
                for t in topics:
                    prof.topics.setdefault(t, set()).add(year)
            prof.folded = len(papers)
        return prof

    def _found_in_load(self, author_id: str, ref: Reference, their_key: str) -> Found:
        ctx = ref.context
        lo, hi = ctx.window()
        found = Found()
        extras = self._extras.get(author_id)
        if extras is not None:
            found.emails = extras.emails & ctx.emails
            found.affiliations = extras.affiliations & ctx.affiliations
            for inst in ctx.institution_ids:
                years = extras.institutions.get(inst)
                if years is not None and _in_window(years, lo, hi):
                    found.institution_ids.add(inst)
        if author_id not in self._author_papers:
            return found
        prof = self._profile(author_id)
        found.coauthor_keys = shared_names(
            ctx.coauthor_keys, prof.coauthors, prof.coauthors_by_initial
        ) - {their_key, ref.name_key}
        for v in ctx.venue_ids:
            years = prof.venues.get(v)
            if years is not None and _in_window(years, lo, hi):
                found.venue_ids.add(v)
        for t in ctx.topic_ids:
            years = prof.topics.get(t)
            if years is not None and _in_window(years, lo, hi):
                found.topic_ids.add(t)
        return found

    def _new_id(self, ref: Reference, paper_id: str | None) -> str:
        if ref.strong_keys:
            return make_id("A", ref.strong_keys[0])
        plain = make_id("A", "name:" + ref.name_key)
        if not self._exists(plain):
            return plain
        where = paper_id if paper_id else f"{self.source}|{ref.line}"
        pos = "-" if ref.position is None else str(ref.position)
        return make_id("A", f"name:{ref.name_key}|{where}|{pos}")

    # -- recording ------------------------------------------------------------------------

    def by_strong_id(self, ids: Mapping[str, str], taken: set[str]) -> tuple[str, str] | None:
        """(author, detail) when an author already holds one of these ids, the strongest
        kind first: rule 2 alone, for the many references a strong id decides (their
        context is never built). None when corrections are loaded: rule 1 comes first."""
        if self._corrected:
            return None
        for kind in AUTHOR_IDENTIFIERS:
            value = ids.get(kind.prop)
            if value:
                key = kind.key_of(value)
                found = self._index.get(key)
                if isinstance(found, str) and found not in taken and key not in self._stored_keys:
                    return found, f"{kind.title} {value}"  # the common case, in short
                holders = self._by_key(key)
                if holders and taken:
                    holders = holders - taken
                if holders:
                    return min(holders), f"{kind.title} {value}"
        return None

    def record(
        self,
        author_id: str,
        name_key: str,
        initials_only: bool,
        ids: Mapping[str, str],
        existed: bool,
        *,
        emails: Iterable[str] = (),
        affiliations: Iterable[str] = (),
        institutions: Iterable[tuple[str, int | None]] = (),
    ) -> None:
        """Remember a decision: later references of this load see it."""
        known = self._authors.get(author_id)
        if known is None:
            seen = self._match(author_id) if existed else None
            if seen is not None:
                known = (seen[0], seen[1], tuple(sorted(seen[2].items())), False)
            else:
                known = (name_key, initials_only, (), True)
                self._count_created(name_key)
            self._authors[author_id] = known
            self._add_keys(author_id, known)
        elif known[1] and not initials_only and compatibility(known[0], name_key) == "initials":
            known = self._upgrade_name(author_id, known, name_key)
        if ids and any(pair not in known[2] for pair in ids.items()):
            have = dict(known[2])
            new = {p: v for p, v in ids.items() if p not in have}
            if new:
                for prop, value in new.items():
                    self._index_add(_ID_KINDS[prop].key_of(value), author_id)
                known = (known[0], known[1], tuple(sorted({**have, **new}.items())), known[3])
                self._authors[author_id] = known
        if emails or affiliations or institutions:
            extras = self._extras.get(author_id)
            if extras is None:
                extras = self._extras[author_id] = _Extras()
            extras.emails.update(emails)
            extras.affiliations.update(affiliations)
            for inst, year in institutions:
                extras.institutions.setdefault(inst, set()).add(year)

    def _add_keys(self, author_id: str, known: _Author) -> None:
        nk = known[0]
        ik = initial_key(nk)
        self._index_add("init:" + ik if ik else "name:" + nk, author_id)
        for prop, value in known[2]:
            self._index_add(_ID_KINDS[prop].key_of(value), author_id)

    def _upgrade_name(self, author_id: str, known: _Author, full_key: str) -> _Author:
        """An initials-only author joined by a full-name occurrence takes that name
        (graph/resolve.merge_author does the same to the stored node)."""
        if not initial_key(known[0]):
            self._index_discard("name:" + known[0], author_id)
        if known[3]:
            self._uncount_created(known[0])
            self._count_created(full_key)
        upgraded = (full_key, False, known[2], known[3])
        self._authors[author_id] = upgraded
        self._profiles.pop(author_id, None)
        self._add_keys(author_id, upgraded)
        return upgraded

    def _count_created(self, nk: str) -> None:
        created = self._created
        created["*"] += 1
        created["family:" + family_of(nk)] += 1
        created["given:" + given_key(nk)] += 1
        created["init:" + initial_key(nk)] += 1

    def _uncount_created(self, nk: str) -> None:
        for key in (
            "*",
            "family:" + family_of(nk),
            "given:" + given_key(nk),
            "init:" + initial_key(nk),
        ):
            self._created[key] -= 1

    def record_paper(
        self,
        paper_id: str,
        year: int | None,
        venues: Sequence[str],
        topics: Sequence[str],
        authors: Sequence[tuple[str, str, int | None]],
    ) -> None:
        """Remember a paper record of this load and its authors as (author id, name key
        as written, position)."""
        no = self._paper_no.get(paper_id)
        if no is None:
            self._paper_no[paper_id] = len(self._papers)
            self._papers.append((year, tuple(venues), tuple(topics), _flat(authors)))
            new = list(authors)
            no = len(self._papers) - 1
        else:
            # listed again: the record adds what the first did not say
            old_year, old_venues, old_topics, old_flat = self._papers[no]
            old_authors = _triples(old_flat)
            have = {aid for aid, _, _ in old_authors}
            new = [a for a in authors if a[0] not in have]
            if year is not None and (old_year is None or year < old_year):
                old_year = year
            self._papers[no] = (
                old_year,
                tuple(dict.fromkeys((*old_venues, *venues))),
                tuple(dict.fromkeys((*old_topics, *topics))),
                old_flat + _flat(new),
            )
            for aid, _, _ in old_authors:  # what they folded of this paper changed
                self._profiles.pop(aid, None)
        for aid, _, _ in new:
            papers = self._author_papers.get(aid)
            if papers is None:
                self._author_papers[aid] = array("i", [no])
            else:
                papers.append(no)


def _from_store(found: EvidenceFound, ctx: Context) -> Found:
    return Found(
        coauthor_keys=shared_names(ctx.coauthor_keys, found.coauthor_keys)
        if found.coauthor_keys
        else set(),
        venue_ids=set(found.venue_ids),
        topic_ids=set(found.topic_ids),
        institution_ids=set(found.institution_ids),
        affiliations={a for a in found.affiliations if a in ctx.affiliations},
        emails={e for e in found.emails if e in ctx.emails},
    )
