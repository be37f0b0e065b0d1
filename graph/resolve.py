"""Identity resolution: records (what documents say) -> rows (what the graph holds).

Rules (ARCHITECTURE.md, made concrete):

Paper. A record matches an existing paper through any identifier it carries (DOI,
arXiv id, DBLP key, OpenAlex id), else through the same normalized title with at least
one author name in common (the same name or a compatible spelling: "C. Villacis" and
"Cesar Villacis"). When either side names no authors at all (a listing page
gives only "6 authors"), the title alone decides: there is no evidence against it, and
refusing would leave the listing's copy of a paper as a duplicate forever. A new paper's
id hashes its strongest key (graph/schema.py's order: DOI > arXiv > DBLP > OpenAlex;
else title + first author), so a re-run creates the same ids. Its year is the
publication's when a source says where and when it was published (a DBLP or BibTeX
record), not a profile page's preprint date; else the earliest (merge_paper).

Author. Decided per reference in document order by graph/author_identity.py: a strong
id the graph knows (ORCID > DBLP pid > OpenAlex id > ..., the order of graph/schema.py's
IDENTIFIERS), profile/CV ownership, users' corrections, else evidence weighed against how
common the name is (graph/evidence.py); a name alone never joins two references. Every
spelling seen is kept as an alias, and every occurrence keeps the evidence that joined it
(AUTHORED ``occurrences``), so a user can see why two names became one node.

Venue. One per series (graph/venues.py), the year on PUBLISHED_IN.

References. Each item of a record's reference list becomes a CITES edge to the paper
it resolves to: through the identifiers it carries (the same ``doi:``, ``pmid:``, ...
keys papers use, so a cited DOI meets the corpus paper with that DOI), else through
``cited:<key>`` (loaders.references.cited_key, which a WoS and a Scopus reference to one
work share, and which a corpus record carries too when it gives a first page), else a
reference naming nothing but text through a hash of its folded raw text. Nothing found:
a new cited-only Paper, whose id hashes its strongest key exactly as a corpus paper's
would (``doi:`` first), so a DOI'd work has one id whichever comes first. A corpus
record absorbs a cited-only paper through an identifier, or through ``stub:<its own
key>``, which only cited-only papers answer: two corpus papers never merge on a cited
key. The merge rule then lets the corpus description win (merge_paper). A reference
that resolves to the citing paper itself is dropped; an author citing their own work is
a citation like any other.

The resolver only reads through :class:`IdentityLookup`; it never writes. The caller
writes the returned :class:`GraphBatch` in one transaction.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import partial

from graph.author_identity import AuthorIdentity, Reference
from graph.corrections import Corrections
from graph.evidence import Context
from graph.model import (
    AbsorbedRow,
    AffiliatedWithRow,
    AuthoredRow,
    AuthorRow,
    CitesRow,
    FromSourceRow,
    GraphBatch,
    HasTopicRow,
    InstitutionRow,
    PaperRow,
    PublishedInRow,
    SourceRow,
    TopicRow,
    VenueRow,
    make_id,
    name_key,
    title_key,
)
from graph.occurrence import Occurrence
from graph.person_names import compatibility, is_initials_only
from graph.places import country_from_address, institution_id, lookup_country
from graph.schema import (
    AUTHOR_IDENTIFIERS,
    INSTITUTION,
    PAPER_IDENTIFIERS,
    Identifier,
    identifiers_of,
)
from graph.store.identity import IdentityLookup
from graph.topics import extract_keywords, resolve_category, topic_id_for_category
from graph.venues import venue_series
from loaders.records import AuthorRef, CitedRef, InstitutionRef, PaperRecord, PersonRecord
from loaders.references import cited_key, work_key

__all__ = [
    "ResolveCounts",
    "Resolver",
    "author_keys",
    "paper_keys",
    "reference_keys",
]

# Normalization (a Unicode decomposition per character) was the resolver's hottest code,
# and its inputs repeat: a name on every paper of its author (about six), a title in its
# keys and then in its row. Cached; the bounds keep a DBLP-sized load's memory in check.
_name_key = functools.lru_cache(maxsize=1 << 19)(name_key)
_title_key = functools.lru_cache(maxsize=1 << 13)(title_key)
_initials_only = functools.lru_cache(maxsize=1 << 19)(is_initials_only)
_PAPER_PROPS = {kind.key: kind.prop for kind in PAPER_IDENTIFIERS}


def identifiers(ref: object, kinds: Sequence[Identifier]) -> dict[str, str]:
    """The normalized identifiers a record carries, keyed by ``Identifier.prop`` (the
    record field of the same name); values that do not normalize are dropped."""
    out: dict[str, str] = {}
    for kind in kinds:
        raw = getattr(ref, kind.prop, None)
        if raw:
            value = kind.normalize(raw)
            if value:
                out[kind.prop] = value
    return out


def paper_keys(rec: PaperRecord, ids: Mapping[str, str] | None = None) -> list[str]:
    """Identity keys of a paper record, strongest first, then the title key, then
    ``stub:`` with the key a reference to it would have (matching cited-only papers).
    ``ids``: its identifiers, when already worked out."""
    if ids is None:
        ids = identifiers(rec, PAPER_IDENTIFIERS)
    keys = [kind.key_of(ids[kind.prop]) for kind in PAPER_IDENTIFIERS if kind.prop in ids]
    tk = _title_key(rec.title)
    if tk:
        keys.append("title:" + tk)
    wk = work_key(rec)
    if wk:
        keys.append("stub:" + wk)
    return keys


@functools.lru_cache(maxsize=1 << 16)
def reference_keys(ref: CitedRef) -> tuple[str, ...]:
    """Identity keys of a cited reference, strongest first: its identifiers (the keys
    papers have), then ``cited:`` with its cited-reference key, or, for a reference with
    neither, a hash of its folded text (identical reference strings are one work).
    Cached: a work is cited by many records in the same words (a dblp key, a WoS line)."""
    ids = identifiers(ref, PAPER_IDENTIFIERS)
    keys = [kind.key_of(ids[kind.prop]) for kind in PAPER_IDENTIFIERS if kind.prop in ids]
    key = cited_key(ref)
    if key is None and not keys:
        folded = title_key(ref.raw)
        if folded:
            key = "raw|" + hashlib.sha1(folded.encode("utf-8")).hexdigest()[:16]
    if key is not None:
        keys.append("cited:" + key)
    return tuple(keys)


def _names_meet(mine: set[str], theirs: set[str]) -> bool:
    """Whether two author lists share a name: the same key, or compatible spellings
    (graph/person_names.py), so that "Villacis, C." in a Scopus export meets "Villacis,
    Cesar" in the Web of Science record of the same work."""
    if not mine.isdisjoint(theirs):
        return True
    return any(compatibility(a, b) is not None for a in mine for b in theirs)


def author_keys(ref: AuthorRef | PersonRecord) -> list[str]:
    """Identity keys of an author reference, strongest first; the name key is last."""
    ids = identifiers(ref, AUTHOR_IDENTIFIERS)
    keys = [kind.key_of(ids[kind.prop]) for kind in AUTHOR_IDENTIFIERS if kind.prop in ids]
    nk = _name_key(ref.name)
    if nk:
        keys.append("name:" + nk)
    return keys


@dataclass(slots=True)
class ResolveCounts:
    """How the records of one batch landed: new nodes or merged into existing ones."""

    loaded: int = 0
    merged: int = 0


@dataclass(slots=True)
class _Written:
    """What a load has written about one author so far (see Resolver._author_news)."""

    aliases: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    ids: frozenset[str] = frozenset()  # the identifier kinds written
    has_profile: bool = False

    def add(self, row: AuthorRow) -> None:
        self.aliases = tuple(dict.fromkeys((*self.aliases, *row.aliases)))
        self.affiliations = tuple(dict.fromkeys((*self.affiliations, *row.affiliations)))
        self.emails = tuple(dict.fromkeys((*self.emails, *row.emails)))
        self.ids = self.ids | row.ids.keys()
        self.has_profile = self.has_profile or row.has_profile


def _fold_text(text: str) -> str:
    return " ".join(text.casefold().split())


_NONE: frozenset[str] = frozenset()


@dataclass(slots=True)
class _Record:
    """A paper record with what its resolution needs, worked out once: its keys for
    the whole batch, the rest (:meth:`Resolver._detail`) when it is resolved."""

    rec: PaperRecord
    ids: dict[str, str]
    keys: list[str]
    name_keys: list[str]
    year: int | None = None
    venue: VenueRow | None = None
    venue_year: int | None = None
    topics: list[tuple[TopicRow, str]] | None = None
    refs: list[Reference] = field(default_factory=list)
    _shared: tuple[frozenset[str], frozenset[str], frozenset[str]] | None = None
    _names: dict[str, str] | None = None

    def shared(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """(the names on the paper, its venue unless a preprint server, its topics):
        the evidence every reference of the record offers."""
        assert self.topics is not None, "the record's details come first"
        if self._shared is None:
            # everyone posts to arXiv: a preprint server says nothing about who wrote it
            venue = self.venue
            self._shared = (
                frozenset(self.name_keys),
                frozenset([venue.id]) if venue and venue.kind != "preprint" else _NONE,
                frozenset(t.id for t, _ in self.topics),
            )
        return self._shared

    def names(self) -> dict[str, str]:
        """Key -> display text of what the record's evidence can name."""
        if self._names is None:
            names = {t.id: t.name for t, _ in self.topics or ()}
            if self.venue is not None:
                names[self.venue.id] = self.venue.name
            for a, k in zip(self.rec.authors, self.name_keys, strict=True):
                names.setdefault(k, a.name)
                if a.affiliation:
                    names[_fold_text(a.affiliation)] = a.affiliation
                for inst in a.institutions:
                    irow = institution_row(inst)
                    if irow is not None:
                        names[irow.id] = irow.name
            self._names = names
        return self._names

    def context(self, a: AuthorRef, nk: str) -> Context:
        coauthors, venues, topics = self.shared()
        insts = _NONE
        if a.institutions:
            insts = frozenset(irow.id for inst in a.institutions if (irow := institution_row(inst)))
        return Context(
            nk,
            coauthor_keys=coauthors,
            venue_ids=venues,
            topic_ids=topics,
            institution_ids=insts,
            affiliations=frozenset([_fold_text(a.affiliation)]) if a.affiliation else _NONE,
            emails=frozenset([_fold_text(a.email)]) if a.email else _NONE,
            first_year=self.year,
            last_year=self.year,
        )


@dataclass(slots=True)
class Resolver:
    """Resolves batches of one document's records against the store and against each
    other (a paper listed twice in one CV is one paper).

    The maps below remember what this load created, so records in later batches of the
    same document resolve to it even before the store has been asked again.
    """

    lookup: IdentityLookup
    source: SourceRow
    extract_keyword_topics: bool = True
    # True when the store held nothing as this resolver began (and nothing else writes
    # during the load): the store can tell nothing this resolver does not know, so its
    # round trips are skipped. A first load of a large dump saves them all.
    store_was_empty: bool = False
    corrections: Corrections | None = None
    _paper_by_key: dict[str, set[str]] = field(default_factory=dict)
    # cited-only papers known to this load (made by its references, or stored ones its
    # records matched), and those it folded into another paper (-> that paper)
    _stubs: set[str] = field(default_factory=set)
    _absorbed: dict[str, str] = field(default_factory=dict)
    _written_authors: dict[str, _Written] = field(default_factory=dict)
    _written_nodes: set[str] = field(default_factory=set)
    _identity: AuthorIdentity | None = None
    _owner_id: str | None = None
    _owner_key: str = ""

    @property
    def identity(self) -> AuthorIdentity:
        if self._identity is None:
            self._identity = AuthorIdentity(
                self.lookup,
                self.source.id,
                store_was_empty=self.store_was_empty,
                corrections=self.corrections,
            )
        return self._identity

    # -- what a record offers as evidence ---------------------------------------------------

    @staticmethod
    def _record(rec: PaperRecord) -> _Record:
        ids = identifiers(rec, PAPER_IDENTIFIERS)
        return _Record(rec, ids, paper_keys(rec, ids), [_name_key(a.name) for a in rec.authors])

    def _detail(self, record: _Record) -> _Record:
        """Year, venue series and topics: the rest of what a record's resolution needs."""
        if record.topics is not None:
            return record
        rec = record.rec
        year = rec.year or (rec.date.year if rec.date else None)
        if rec.venue is not None and rec.venue.name.strip():
            series = venue_series(rec.venue.name, rec.venue.acronym)
            record.venue = VenueRow(
                make_id("V", series.key), series.name, series.acronym, rec.venue.kind
            )
            record.venue_year = rec.venue.year or year
            if year is None:
                year = rec.venue.year
        record.year = year
        record.topics = list(_topics_of(rec, self.extract_keyword_topics, self.source.format))
        return record

    def _refs(self, record: _Record) -> list[Reference]:
        """The record's author references (made when the record is resolved, and let go
        after: a batch holding every one at once kept the garbage collector busy)."""
        rec = record.rec
        return [
            self._reference(a, nk, partial(record.context, a, nk), rec.line)
            for a, nk in zip(rec.authors, record.name_keys, strict=True)
        ]

    def _ref(self, record: _Record, i: int, ids: dict[str, str]) -> Reference:
        a, nk = record.rec.authors[i], record.name_keys[i]
        return self._reference(a, nk, partial(record.context, a, nk), record.rec.line, ids)

    @staticmethod
    def _reference(
        ref: AuthorRef | PersonRecord,
        nk: str,
        make_context: Callable[[], Context],
        line: int | None,
        ids: dict[str, str] | None = None,
    ) -> Reference:
        if ids is None:
            ids = identifiers(ref, AUTHOR_IDENTIFIERS)
        if isinstance(ref, AuthorRef):
            return Reference(
                ref.name,
                nk,
                [k.key_of(ids[k.prop]) for k in AUTHOR_IDENTIFIERS if k.prop in ids] if ids else [],
                ids,
                make_context,
                ref.initials_only or _initials_only(nk),
                ref.position,
                ref.inferred,
                line=line,
            )
        return Reference(
            ref.name,
            nk,
            [k.key_of(ids[k.prop]) for k in AUTHOR_IDENTIFIERS if k.prop in ids],
            ids,
            make_context,
            _initials_only(nk),
            line=line,
        )

    def _person(self, person: PersonRecord, owner_records: Sequence[_Record]) -> Reference:
        """A person record as a reference: a profile or CV owner offers the evidence of
        every paper on the page (co-authors, venues, topics, years)."""
        nk = _name_key(person.name)

        def context() -> Context:
            coauthors: set[str] = set()  # the page's names, the owner's own left out
            venues: set[str] = set()
            topics: set[str] = set()
            years = [r.year for r in owner_records if r.year is not None]
            for r in owner_records:
                names, vs, ts = r.shared()
                coauthors |= {k for k in names if compatibility(nk, k) is None}
                venues |= vs
                topics |= ts
            affs = {_fold_text(a) for a in (*person.affiliations, *person.employers)}
            return Context(
                nk,
                coauthor_keys=frozenset(coauthors),
                venue_ids=frozenset(venues),
                topic_ids=frozenset(topics),
                affiliations=frozenset(affs),
                emails=frozenset([_fold_text(person.email)]) if person.email else _NONE,
                first_year=min(years, default=None),
                last_year=max(years, default=None),
            )

        return self._reference(person, nk, context, person.line)

    def _mark_owner(self, record: _Record) -> None:
        """On the owner's page, the listed name that is the owner's (the best matching
        one, at most one per paper) is attributed to the owner."""
        if not self._owner_key:
            return
        best: tuple[int, int] | None = None
        for i, ref in enumerate(record.refs):
            if ref.inferred:
                ref.owner = True
                return
            compat = compatibility(self._owner_key, ref.name_key)
            if compat is not None and compat != "swapped":
                rank = ("exact", "variant", "initials").index(compat)
                if best is None or rank < best[0]:
                    best = (rank, i)
        if best is not None:
            record.refs[best[1]].owner = True

    # -- authors -----------------------------------------------------------------------

    @staticmethod
    def _author_row(
        author_id: str,
        rec: AuthorRef | PersonRecord,
        nk: str,
        ids: dict[str, str],
        initials_only: bool,
    ) -> AuthorRow:
        aliases = {rec.name}
        raw = getattr(rec, "raw", None)
        if raw and raw.strip() and raw.strip() != rec.name:
            aliases.add(raw.strip())
        if isinstance(rec, PersonRecord):
            aliases.update(a for a in rec.aliases if a)
        parts = nk.split()
        row = AuthorRow(
            id=author_id,
            name=rec.name,
            name_key=nk,
            surname_key=parts[-1] if parts else "",
            aliases=sorted(aliases),
            ids=ids,
            initial_key=f"{parts[0][0]} {parts[-1]}" if len(parts) > 1 else "",
            given_key=parts[0] if len(parts) > 1 else "",
            initials_only=initials_only,
        )
        if isinstance(rec, PersonRecord):
            row.affiliations = sorted(set(rec.affiliations) | set(rec.employers))
        if isinstance(rec, AuthorRef) and rec.affiliation:
            row.affiliations = [rec.affiliation]
        if rec.email:
            row.emails = (_fold_text(rec.email),)
        return row

    def _author_news(self, row: AuthorRow) -> bool:
        """False when this load already wrote everything ``row`` says (its aliases,
        affiliations, e-mails, ids, profile flag; it has no metrics): merging it again
        changes nothing on either store, so later batches skip it. Without this every
        batch re-merged each of its authors, most of them seen in earlier batches."""
        seen = self._written_authors.get(row.id)
        has_metrics = any(
            v is not None
            for v in (row.h_index, row.citations, row.profile_paper_count, row.novelty)
        ) or (row.ai_score is not None)
        if (
            seen is not None
            and not has_metrics
            and all(a in seen.aliases for a in row.aliases)
            and all(a in seen.affiliations for a in row.affiliations)
            and all(e in seen.emails for e in row.emails)
            and all(prop in seen.ids for prop in row.ids)
            and (not row.has_profile or seen.has_profile)
        ):
            return False
        if seen is None:
            seen = self._written_authors[row.id] = _Written()
        seen.add(row)
        return True

    def _node_news(self, node_id: str) -> bool:
        """Venues and topics only ever merge on create: once written, never again."""
        if node_id in self._written_nodes:
            return False
        self._written_nodes.add(node_id)
        return True

    # -- papers ------------------------------------------------------------------------

    def _prefetch_papers(self, keys_per: Sequence[Sequence[str]]) -> dict[str, list[str]]:
        """One store round trip for every key of the batch (plus one for the authors of
        title candidates); records are then matched one by one, each seeing the ones
        before it, so the result does not depend on the batch size."""
        wanted = sorted({k for ks in keys_per for k in ks})
        ask = wanted and not self.store_was_empty
        return self.lookup.match_paper_keys(wanted) if ask else {}

    @staticmethod
    def _stored_papers(keys: list[str], stored: Mapping[str, list[str]]) -> list[str]:
        return sorted({pid for k in keys for pid in stored.get(k, ())})

    def _cited_only_among(
        self, keys_per: Sequence[list[str]], stored: Mapping[str, list[str]]
    ) -> None:
        """Learn which stored papers the batch's records match are cited-only (one round
        trip, only when some matched): a record that lands on one loads a new corpus
        paper rather than merging, and one that lands on several folds them."""
        candidates = {
            pid
            for keys in keys_per
            for k in keys
            if not k.startswith("title:")
            for pid in stored.get(k, ())
        }
        self._stubs.update(p for k in stored if k.startswith("stub:") for p in stored[k])
        unknown = sorted(candidates - self._stubs - self._absorbed.keys())
        if unknown and not self.store_was_empty:
            self._stubs.update(self.lookup.cited_only_papers(unknown))

    def _live(self, key: str, stored: Mapping[str, list[str]]) -> AbstractSet[str]:
        """The papers a key names now: the store's answer and this load's, with the
        cited-only papers this load folded into another paper replaced by that paper.
        (Read only: it may be this load's own set. A load asks it about 20 times a
        paper once references come in, hence no copy in the common case.)"""
        in_store, in_load = stored.get(key), self._paper_by_key.get(key)
        if in_store:
            found: AbstractSet[str] = in_load.union(in_store) if in_load else set(in_store)
        else:
            found = in_load or _NONE
        if self._absorbed and not self._absorbed.keys().isdisjoint(found):
            return {self._absorbed.get(p, p) for p in found}
        return found

    def _pick_paper(
        self, rec: PaperRecord, keys: list[str], stored: Mapping[str, list[str]]
    ) -> str | None:
        """A corpus paper through an identifier, else through the title; only then a
        cited-only paper, through an identifier, else through the record's own cited
        key (the others it names are folded into the one chosen, see _fold)."""
        strong = [k for k in keys if not k.startswith(("title:", "stub:"))]
        for key in strong:
            ids = self._live(key, stored) - self._stubs
            if ids:
                return min(ids)
        for tkey in (k for k in keys if k.startswith("title:")):
            mine = {_name_key(a.name) for a in rec.authors}
            for pid in sorted(self._live(tkey, stored)):
                theirs = self.identity.name_keys_on(pid)
                if not mine or not theirs or _names_meet(mine, theirs):
                    return pid
        for key in [*strong, *(k for k in keys if k.startswith("stub:"))]:
            stubs = self._live(key, stored) & self._stubs
            if stubs:
                return min(stubs)
        return None

    def _fold(
        self, pid: str, keys: list[str], stored: Mapping[str, list[str]], batch: GraphBatch
    ) -> None:
        """Cited-only papers that another key of the record names become part of
        ``pid`` (their citations move to it): an OpenAlex reference made one out of an
        OpenAlex id, and the corpus paper with that DOI now says it has that id too."""
        for key in keys:
            if key.startswith("title:"):
                continue
            for other in sorted((self._live(key, stored) & self._stubs) - {pid}):
                batch.absorbed.append(AbsorbedRow(other, pid))
                self._absorbed[other] = pid
                self._stubs.discard(other)

    def _resolve_references(
        self,
        rec: PaperRecord,
        pid: str,
        keys_per: Sequence[tuple[str, ...]],
        stored: Mapping[str, list[str]],
        paper_rows: dict[str, PaperRow],
        cites: dict[tuple[str, str], CitesRow],
    ) -> None:
        """CITES edges from ``pid`` to the paper each reference resolves to, and the
        cited-only papers (or the identifiers) the references add."""
        for ref, keys in zip(rec.references, keys_per, strict=True):
            if not keys:
                continue
            target = self._pick_reference(keys, stored)
            if target == pid:
                continue  # the citing paper itself
            new = target is None
            if target is None:
                target = make_id("P", keys[0])
                self._stubs.add(target)
                if keys[-1].startswith("cited:"):
                    stub = "stub:" + keys[-1].removeprefix("cited:")
                    self._paper_by_key.setdefault(stub, set()).add(target)
            # a known paper gets a row only when the reference adds a key to it
            if new or any(
                target not in stored.get(k, ()) and target not in self._paper_by_key.get(k, _NONE)
                for k in keys
            ):
                row = _cited_row(target, ref, keys)
                prev = paper_rows.get(target)
                paper_rows[target] = merge_paper(prev, row) if prev else row
            for key in keys:
                self._paper_by_key.setdefault(key, set()).add(target)
            cites.setdefault((pid, target), CitesRow(pid, target))

    def _pick_reference(self, keys: tuple[str, ...], stored: Mapping[str, list[str]]) -> str | None:
        for key in keys:
            ids = self._live(key, stored)
            if ids:
                return min(ids)
        return None

    # -- the batch ---------------------------------------------------------------------

    def resolve(
        self,
        papers: Sequence[PaperRecord],
        people: Sequence[PersonRecord] = (),
        owner: PersonRecord | None = None,
        owner_papers: Sequence[PaperRecord] = (),
    ) -> tuple[GraphBatch, ResolveCounts]:
        """Rows for one batch, and how many records were new vs merged.

        ``owner_papers``: every paper of the owner's document (the owner is decided on
        the evidence of all of them, not only of the first batch's)."""
        batch = GraphBatch(sources=[self.source])
        counts = ResolveCounts()
        src = self.source.id
        identity = self.identity

        records = [self._record(r) for r in papers]
        owner_records = (
            [self._detail(self._record(r)) for r in owner_papers] if owner is not None else []
        )
        ref_keys = [[reference_keys(c) for c in r.references] for r in papers]
        stored = self._prefetch_papers(
            [
                *(r.keys for r in records),
                *(r.keys for r in owner_records),
                *(ks for per in ref_keys for ks in per),
            ]
        )
        self._cited_only_among([r.keys for r in records], stored)
        persons: list[PersonRecord] = ([owner] if owner else []) + list(people)
        person_refs = [self._person(p, owner_records if p is owner else ()) for p in persons]
        if owner is not None:
            person_refs[0].owner = True
            person_refs[0].papers = sorted(
                {pid for r in owner_records for pid in self._stored_papers(r.keys, stored)}
            )
        if identity.ask_store:
            for r in records:
                self._detail(r)
                r.refs = self._refs(r)
                here = self._stored_papers(r.keys, stored)
                for ref in r.refs:
                    ref.papers = here
        identity.prefetch([*person_refs, *(x for r in records for x in r.refs)])

        rows_by_id: dict[str, AuthorRow] = {}

        def add_author(row: AuthorRow) -> None:
            prev = rows_by_id.get(row.id)
            rows_by_id[row.id] = merge_author(prev, row) if prev else row

        # Identity is decided in document order (the profile owner first), so an
        # author's id cannot depend on where the records were cut into batches.
        order = sorted(
            [(-1 if p is owner else p.line, 0, i) for i, p in enumerate(persons)]
            + [(r.rec.line, 1, j) for j, r in enumerate(records)]
        )
        paper_rows: dict[str, PaperRow] = {}
        topics: dict[str, TopicRow] = {}
        venues: dict[str, VenueRow] = {}
        authored: dict[tuple[str, str], AuthoredRow] = {}
        has_topic: dict[tuple[str, str], HasTopicRow] = {}
        published: dict[tuple[str, str], PublishedInRow] = {}
        institutions: dict[str, InstitutionRow] = {}
        affiliated: dict[tuple[str, str, str], AffiliatedWithRow] = {}
        cites: dict[tuple[str, str], CitesRow] = {}
        for _, kind, i in order:
            if kind == 0:
                person, pref = persons[i], person_refs[i]
                aid, existed, occ = identity.resolve(pref, None, set(), dict, None)
                affs = [_fold_text(x) for x in (*person.affiliations, *person.employers)]
                identity.record(
                    aid,
                    pref.name_key,
                    pref.initials_only,
                    pref.ids,
                    existed,
                    emails=[_fold_text(person.email)] if person.email else (),
                    affiliations=affs,
                )
                row = self._author_row(aid, person, pref.name_key, pref.ids, pref.initials_only)
                row.created_by = src
                if person is owner:
                    self._owner_id = aid
                    self._owner_key = pref.name_key
                    row.has_profile = True
                    m = person.metrics
                    if m is not None:
                        row.h_index = m.h_index
                        row.citations = m.citations
                        row.profile_paper_count = m.paper_count
                        row.novelty = m.novelty
                        row.ai_score = m.ai_score
                else:
                    if existed:
                        counts.merged += 1
                    else:
                        counts.loaded += 1
                add_author(row)
                batch.from_source.append(FromSourceRow(aid, src, person.line))
                continue

            record = self._detail(records[i])
            rec, keys = record.rec, record.keys
            match = self._pick_paper(rec, keys, stored)
            if match is None:
                first = _name_key(rec.authors[0].name) if rec.authors else ""
                strong = [k for k in keys if not k.startswith(("title:", "stub:"))]
                title = next((k for k in keys if k.startswith("title:")), keys[-1])
                pid = make_id("P", strong[0] if strong else f"{title}|{first}")
                counts.loaded += 1
            else:
                pid = match
                # a cited-only paper becoming a corpus one is a new corpus paper
                if pid in self._stubs:
                    counts.loaded += 1
                else:
                    counts.merged += 1
            self._stubs.discard(pid)
            self._fold(pid, keys, stored, batch)
            # a corpus paper answers references (cited:) with its key, never stub:
            for key in keys:
                key = "cited:" + key.removeprefix("stub:") if key.startswith("stub:") else key
                self._paper_by_key.setdefault(key, set()).add(pid)

            work = next((k.removeprefix("stub:") for k in keys if k.startswith("stub:")), None)
            prow = _paper_row(pid, rec, record.ids, work)
            prev_row = paper_rows.get(pid)
            paper_rows[pid] = merge_paper(prev_row, prow) if prev_row else prow
            batch.from_source.append(FromSourceRow(pid, src, rec.line))
            self._resolve_references(rec, pid, ref_keys[i], stored, paper_rows, cites)

            refs = record.refs
            if self._owner_key:
                if not refs:
                    refs = record.refs = self._refs(record)
                self._mark_owner(record)
            taken: set[str] = set()
            on_paper: list[tuple[str, str, int | None]] = []
            for i, a in enumerate(rec.authors):
                nk = record.name_keys[i]
                ids = refs[i].ids if refs else identifiers(a, AUTHOR_IDENTIFIERS)
                hit = identity.by_strong_id(ids, taken) if ids else None
                if hit is not None:
                    aid, detail = hit
                    existed = True
                    evidence, strength, weak = "id", 1.0, False
                    occurrence = Occurrence.by_id_json(src, a.name, detail)
                    initials = (
                        refs[i].initials_only if refs else a.initials_only or _initials_only(nk)
                    )
                else:
                    ref = refs[i] if refs else self._ref(record, i, ids)
                    aid, existed, occ = identity.resolve(
                        ref, pid, taken, record.names, self._owner_id
                    )
                    initials = ref.initials_only
                    evidence, strength, weak = occ.summary(), occ.strength, occ.weak
                    occurrence = occ.to_json()
                taken.add(aid)
                inst_rows = (
                    [irow for inst in a.institutions if (irow := institution_row(inst))]
                    if a.institutions
                    else []
                )
                if a.email or a.affiliation or inst_rows:
                    identity.record(
                        aid,
                        nk,
                        initials,
                        ids,
                        existed,
                        emails=[_fold_text(a.email)] if a.email else (),
                        affiliations=[_fold_text(a.affiliation)] if a.affiliation else (),
                        institutions=[(irow.id, prow.year) for irow in inst_rows],
                    )
                else:
                    identity.record(aid, nk, initials, ids, existed)
                on_paper.append((aid, nk, a.position))
                arow = self._author_row(aid, a, nk, ids, initials)
                arow.created_by = src
                add_author(arow)
                edge = AuthoredRow(
                    aid,
                    pid,
                    a.position,
                    a.inferred,
                    a.equal_contribution,
                    sources=(src,),
                    evidence=evidence,
                    strength=strength,
                    weak=weak,
                    occurrences=(occurrence,),
                )
                prev_edge = authored.get((aid, pid))
                authored[(aid, pid)] = merge_authored(prev_edge, edge) if prev_edge else edge
                for irow in inst_rows:
                    prev_inst = institutions.get(irow.id)
                    institutions[irow.id] = (
                        merge_institution(prev_inst, irow) if prev_inst else irow
                    )
                    affiliated.setdefault(
                        (aid, irow.id, pid), AffiliatedWithRow(aid, irow.id, pid, prow.year)
                    )
            record_topics = record.topics or []
            identity.record_paper(
                pid,
                record.year,
                [record.venue.id] if record.venue else (),
                [t.id for t, _ in record_topics],
                on_paper,
            )
            record.refs = []

            if record.venue is not None:
                venues.setdefault(record.venue.id, record.venue)
                published[(pid, record.venue.id)] = PublishedInRow(
                    pid, record.venue.id, record.venue_year
                )
            for topic, how in record_topics:
                topics.setdefault(topic.id, topic)
                has_topic.setdefault((pid, topic.id), HasTopicRow(pid, topic.id, how))

        batch.authors = [row for row in rows_by_id.values() if self._author_news(row)]
        batch.papers = list(paper_rows.values())
        batch.venues = [v for v in venues.values() if self._node_news(v.id)]
        batch.topics = [t for t in topics.values() if self._node_news(t.id)]
        batch.authored = list(authored.values())
        batch.published_in = list(published.values())
        batch.has_topic = list(has_topic.values())
        batch.institutions = list(institutions.values())
        batch.affiliated_with = list(affiliated.values())
        batch.cites = list(cites.values())
        return batch, counts


# Topic kinds a document assigns -> (id prefix, Topic kind). Author keywords, index
# keywords and BibTeX keywords share the "kw:" namespace with the keyword vocabulary,
# so topic overlap meets across sources; the HAS_TOPIC edge keeps which kind it was.
_TOPIC_KINDS = {
    "keyword": ("kw:", "keyword"),
    "author_keyword": ("kw:", "keyword"),
    "index_keyword": ("kw:", "keyword"),
    "concept": ("concept:", "concept"),
    "mesh": ("mesh:", "mesh"),
    "subject_category": ("category:", "subject_category"),
    "arxiv_category": ("category:", "subject_category"),
}


def _topics_of(rec: PaperRecord, keywords: bool, fmt: str) -> Iterable[tuple[TopicRow, str]]:
    for code in rec.categories:
        cat = resolve_category(code)
        if cat is None:
            continue
        yield (
            TopicRow(topic_id_for_category(cat), cat.name, "arxiv_category", cat.code, cat.archive),
            "arxiv_category",
        )
    if keywords:
        for kw in extract_keywords(rec.title, rec.abstract):
            yield TopicRow(kw.id, kw.name, "keyword"), "keyword"
    for t in rec.topics:
        slug = _title_key(t.name).replace(" ", "-")
        if not slug:
            continue
        prefix, kind = _TOPIC_KINDS[t.kind]
        how = fmt if t.kind in ("keyword", "concept") else f"{fmt}:{t.kind}"
        yield TopicRow(prefix + slug, t.name, kind, t.code), how


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _published_year(rec: PaperRecord) -> int | None:
    """The year of publication when the record says where the work was published (a
    journal, a conference; not a preprint server) and when."""
    if rec.venue is None or rec.venue.kind == "preprint":
        return None
    return rec.venue.year or rec.year


def _paper_row(pid: str, rec: PaperRecord, ids: dict[str, str], work: str | None) -> PaperRow:
    published = _published_year(rec)
    return PaperRow(
        id=pid,
        title=rec.title,
        title_key=_title_key(rec.title),
        year=published or rec.year or (rec.date.year if rec.date else None),
        year_published=published is not None,
        date=_iso(rec.date),
        abstract=rec.abstract,
        ids=ids,
        url=rec.url,
        code_url=rec.code_url,
        has_code=rec.has_code,
        author_count=rec.author_count or (len(rec.authors) if not rec.authors_truncated else None),
        authors_truncated=rec.authors_truncated,
        score=rec.score,
        upvotes=rec.upvotes,
        organization=rec.organization,
        cited_by=rec.cited_by,
        cited_key=work,
    )


def _cited_row(pid: str, ref: CitedRef, keys: tuple[str, ...]) -> PaperRow:
    """A cited-only paper as a reference describes it. Its author list is unknown, and
    so marked truncated (which also leaves a corpus description's flag alone)."""
    title = ref.title or ref.raw
    key = keys[-1].removeprefix("cited:") if keys[-1].startswith("cited:") else None
    ids = {}
    for k in keys:  # the identifiers, as reference_keys normalized them
        kind, _, value = k.partition(":")
        if kind in _PAPER_PROPS:
            ids[_PAPER_PROPS[kind]] = value
    return PaperRow(
        id=pid,
        title=title,
        title_key=title_key(title),
        year=ref.year,
        ids=ids,
        authors_truncated=True,
        cited_only=True,
        cited_key=key,
        first_author=ref.first_author,
    )


def institution_row(inst: InstitutionRef) -> InstitutionRow | None:
    """The Institution an affiliation names: keyed by ROR when given, else by folded
    name and country (graph/places.py); None when it names nothing."""
    name = " ".join(inst.name.split()).strip(" .,;")
    if not name:
        return None
    ids = identifiers(inst, identifiers_of(INSTITUTION))
    country = lookup_country(inst.country) if inst.country else None
    if country is None:
        country = country_from_address(inst.address or name)
    return InstitutionRow(
        id=institution_id(name, country, ids.get("ror")),
        name=name,
        name_key=_title_key(name),
        country_code=country.code if country else None,
        country=country.name if country else None,
        ids=ids,
        aliases=[name],
    )


def merge_institution(old: InstitutionRow, new: InstitutionRow) -> InstitutionRow:
    """First-seen name wins; spellings accumulate; country and ids fill gaps."""
    return InstitutionRow(
        id=old.id,
        name=old.name,
        name_key=old.name_key,
        country_code=old.country_code or new.country_code,
        country=old.country or new.country,
        ids={**new.ids, **old.ids},
        aliases=sorted(set(old.aliases) | set(new.aliases)),
    )


def _min_opt(a: int | None, b: int | None) -> int | None:
    vals = [v for v in (a, b) if v is not None]
    return min(vals) if vals else None


def _year(old: PaperRow, new: PaperRow) -> int | None:
    """A publication year beats a preprint or page date; else the earliest wins."""
    if old.year_published != new.year_published:
        return old.year if old.year_published else new.year
    return _min_opt(old.year, new.year)


def merge_paper(old: PaperRow, new: PaperRow) -> PaperRow:
    """The property-merge rule for two descriptions of one paper (both stores apply it):
    first-seen values win (identifiers too, kind by kind), except that the year is the
    publication's when a source gives one (else the earliest), the earliest date wins, a
    full author list beats a truncated one, and flags accumulate.

    A corpus description beats one taken from a reference, whichever came first: it is
    taken as the first seen, and the year a reference gives never replaces the corpus
    one (the reference only fills what the corpus leaves empty). A paper stays
    cited-only while every description of it is a reference's; its cited-reference key
    and cited first author are the first seen."""
    mixed = old.cited_only != new.cited_only
    first, second = (new, old) if old.cited_only and not new.cited_only else (old, new)
    return PaperRow(
        id=old.id,
        title=first.title,
        title_key=first.title_key,
        year=(first.year if first.year is not None else second.year) if mixed else _year(old, new),
        date=(first.date or second.date)
        if mixed
        else min((d for d in (old.date, new.date) if d), default=None),
        abstract=first.abstract or second.abstract,
        ids={**second.ids, **first.ids},
        url=first.url or second.url,
        code_url=first.code_url or second.code_url,
        has_code=old.has_code or new.has_code,
        author_count=max(
            (c for c in (old.author_count, new.author_count) if c is not None), default=None
        ),
        authors_truncated=old.authors_truncated and new.authors_truncated,
        score=first.score if first.score is not None else second.score,
        upvotes=first.upvotes if first.upvotes is not None else second.upvotes,
        organization=first.organization or second.organization,
        cited_by=max((c for c in (old.cited_by, new.cited_by) if c is not None), default=None),
        year_published=old.year_published or new.year_published,
        cited_only=old.cited_only and new.cited_only,
        cited_key=old.cited_key or new.cited_key,
        first_author=old.first_author or new.first_author,
    )


def merge_author(old: AuthorRow, new: AuthorRow) -> AuthorRow:
    """First-seen name wins, except that a full name replaces an initials-only one with
    the same initial key ("Z. Zhang" joined by "Zili Zhang" becomes "Zili Zhang");
    aliases, affiliations and e-mails accumulate; ids fill gaps; a profile's metrics
    (the newest capture) replace older ones; ``created_by`` is the first load's."""
    named = (
        new
        if old.initials_only and not new.initials_only and old.initial_key == new.initial_key
        else old
    )
    emails = old.emails if not new.emails else _union(old.emails, new.emails)
    return AuthorRow(
        id=old.id,
        name=named.name,
        name_key=named.name_key,
        surname_key=named.surname_key,
        aliases=sorted(set(old.aliases) | set(new.aliases)),
        ids={**new.ids, **old.ids},
        has_profile=old.has_profile or new.has_profile,
        h_index=new.h_index if new.h_index is not None else old.h_index,
        citations=new.citations if new.citations is not None else old.citations,
        profile_paper_count=(
            new.profile_paper_count
            if new.profile_paper_count is not None
            else old.profile_paper_count
        ),
        novelty=new.novelty if new.novelty is not None else old.novelty,
        ai_score=new.ai_score if new.ai_score is not None else old.ai_score,
        affiliations=sorted(set(old.affiliations) | set(new.affiliations)),
        initial_key=named.initial_key,
        given_key=named.given_key,
        initials_only=named.initials_only,
        created_by=old.created_by if old.created_by is not None else new.created_by,
        emails=emails,
    )


def _union(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    """``old`` then what ``new`` adds, in order (Cypher's list union in cypher.py)."""
    return old + tuple(x for x in new if x not in old)


def merge_authored(old: AuthoredRow, new: AuthoredRow) -> AuthoredRow:
    """A listed name beats an inferred one; the first known position wins; occurrences
    accumulate, the strongest one's evidence is the edge's, and it is weak only while
    every occurrence is."""
    stronger = new.strength > old.strength
    return AuthoredRow(
        old.author_id,
        old.paper_id,
        old.position if old.position is not None else new.position,
        old.inferred and new.inferred,
        old.equal_contribution or new.equal_contribution,
        sources=_union(old.sources, new.sources),
        evidence=new.evidence if stronger else old.evidence,
        strength=new.strength if stronger else old.strength,
        weak=old.weak and new.weak,
        occurrences=_union(old.occurrences, new.occurrences),
    )
