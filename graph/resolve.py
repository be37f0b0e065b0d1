"""Identity resolution: records (what documents say) -> rows (what the graph holds).

Rules (ARCHITECTURE.md, made concrete):

Paper. A record matches an existing paper through any identifier it carries (DOI,
arXiv id, DBLP key, OpenAlex id), else through the same normalized title with at least
one author name in common. When either side names no authors at all (a listing page
gives only "6 authors"), the title alone decides: there is no evidence against it, and
refusing would leave the listing's copy of a paper as a duplicate forever. A new paper's
id hashes its strongest key (graph/schema.py's order: DOI > arXiv > DBLP > OpenAlex;
else title + first author), so a re-run creates the same ids.

Author. ORCID > DBLP pid > OpenAlex id > normalized full name (the precedence is the
order of graph/schema.py's IDENTIFIERS). A name-only reference
joins the author who owns that name key; when several people share it (homonyms kept
apart by their ids) it joins the plain-name author, never guesses among the others.
A reference with a strong id joins the author holding that id, else a same-name author
whose strong ids do not contradict it, else becomes a new author. Every spelling seen
is kept as an alias so a user can see why two names became one node.

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
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

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
    surname_key,
    title_key,
    venue_key,
)
from graph.places import country_from_address, institution_id, lookup_country
from graph.schema import (
    AUTHOR_IDENTIFIERS,
    INSTITUTION,
    PAPER_IDENTIFIERS,
    Identifier,
    identifiers_of,
)
from graph.store.identity import AuthorMatch, IdentityLookup
from graph.topics import extract_keywords, resolve_category, topic_id_for_category
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
_NONE: frozenset[str] = frozenset()
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


def paper_keys(rec: PaperRecord) -> list[str]:
    """Identity keys of a paper record, strongest first, then the title key, then
    ``stub:`` with the key a reference to it would have (matching cited-only papers)."""
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


def author_keys(ref: AuthorRef | PersonRecord) -> list[str]:
    """Identity keys of an author reference, strongest first; the name key is last."""
    ids = identifiers(ref, AUTHOR_IDENTIFIERS)
    keys = [kind.key_of(ids[kind.prop]) for kind in AUTHOR_IDENTIFIERS if kind.prop in ids]
    nk = _name_key(ref.name)
    if nk:
        keys.append("name:" + nk)
    return keys


def _conflicts(ref: AuthorRef | PersonRecord, match: AuthorMatch) -> bool:
    """True when the reference and the stored author hold different ids of one kind."""
    mine = identifiers(ref, AUTHOR_IDENTIFIERS)
    return any(match.ids.get(prop, value) != value for prop, value in mine.items())


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
    ids: frozenset[str] = frozenset()  # the identifier kinds written
    has_profile: bool = False

    def add(self, row: AuthorRow) -> None:
        self.aliases = tuple(dict.fromkeys((*self.aliases, *row.aliases)))
        self.affiliations = tuple(dict.fromkeys((*self.affiliations, *row.affiliations)))
        self.ids = self.ids | row.ids.keys()
        self.has_profile = self.has_profile or row.has_profile


@dataclass(slots=True)
class _PendingAuthor:
    match: AuthorMatch
    row: AuthorRow


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
    # during the load): everything stored is then something this resolver produced, and
    # its own maps (below) hold a superset of every key the store could answer with, so
    # the store round trips are skipped. A first load of a large dump saves one lookup
    # query per batch for authors and one for papers.
    store_was_empty: bool = False
    _paper_by_key: dict[str, set[str]] = field(default_factory=dict)
    _paper_authors: dict[str, set[str]] = field(default_factory=dict)
    # cited-only papers known to this load (made by its references, or stored ones its
    # records matched), and those it folded into another paper (-> that paper)
    _stubs: set[str] = field(default_factory=set)
    _absorbed: dict[str, str] = field(default_factory=dict)
    _author_by_key: dict[str, dict[str, AuthorMatch]] = field(default_factory=dict)
    _written_authors: dict[str, _Written] = field(default_factory=dict)
    _written_nodes: set[str] = field(default_factory=set)

    # -- authors -----------------------------------------------------------------------

    def _resolve_author_refs(
        self, refs: Sequence[AuthorRef | PersonRecord]
    ) -> tuple[list[str], list[bool]]:
        """Author id per reference, and whether each matched an existing author."""
        # Always ask the store about every key (not only keys new to this load): the
        # answer must not depend on how the records were cut into batches.
        keys_per = [author_keys(r) for r in refs]
        wanted = sorted({k for ks in keys_per for k in ks})
        ask = wanted and not self.store_was_empty
        stored = self.lookup.match_author_keys(wanted) if ask else {}
        ids: list[str] = []
        existed: list[bool] = []
        for ref, keys in zip(refs, keys_per, strict=True):
            match, was_known = self._pick_author(ref, stored, keys)
            ids.append(match.id)
            existed.append(was_known)
        return ids, existed

    def _candidates(self, key: str, stored: Mapping[str, list[AuthorMatch]]) -> list[AuthorMatch]:
        found = {m.id: m for m in stored.get(key, ())}
        found.update(self._author_by_key.get(key, {}))  # this load's view is newer
        return [found[i] for i in sorted(found)]

    def _pick_author(
        self,
        ref: AuthorRef | PersonRecord,
        stored: Mapping[str, list[AuthorMatch]],
        keys: list[str],
    ) -> tuple[AuthorMatch, bool]:
        strong_keys = [k for k in keys if not k.startswith("name:")]
        name_k = keys[-1] if keys and keys[-1].startswith("name:") else None
        chosen: AuthorMatch | None = None
        for key in strong_keys:
            cands = self._candidates(key, stored)
            if cands:
                chosen = min(cands, key=lambda m: m.id)
                break
        if chosen is None and name_k is not None:
            cands = [m for m in self._candidates(name_k, stored) if not _conflicts(ref, m)]
            plain_id = make_id("A", name_k)
            if strong_keys:
                # a reference with an id joins a same-name author only if that author has
                # no id of the same kind yet (checked by _conflicts) and is the only one
                if len(cands) == 1:
                    chosen = cands[0]
            else:
                plain = [m for m in cands if m.id == plain_id]
                if plain:
                    chosen = plain[0]
                elif len(cands) == 1:
                    chosen = cands[0]
        existed = chosen is not None
        if chosen is None:
            chosen = AuthorMatch(id=make_id("A", keys[0] if keys else "name:"))
        merged = AuthorMatch(
            id=chosen.id, ids={**identifiers(ref, AUTHOR_IDENTIFIERS), **chosen.ids}
        )
        for key in keys:
            self._author_by_key.setdefault(key, {})[merged.id] = merged
        return merged, existed

    @staticmethod
    def _author_row(author_id: str, ref: AuthorRef | PersonRecord) -> AuthorRow:
        nk = _name_key(ref.name)
        aliases = {ref.name}
        raw = getattr(ref, "raw", None)
        if raw and raw.strip() and raw.strip() != ref.name:
            aliases.add(raw.strip())
        if isinstance(ref, PersonRecord):
            aliases.update(a for a in ref.aliases if a)
        row = AuthorRow(
            id=author_id,
            name=ref.name,
            name_key=nk,
            surname_key=surname_key(nk),
            aliases=sorted(aliases),
            ids=identifiers(ref, AUTHOR_IDENTIFIERS),
        )
        if isinstance(ref, PersonRecord):
            row.affiliations = sorted(set(ref.affiliations) | set(ref.employers))
        if isinstance(ref, AuthorRef) and ref.affiliation:
            row.affiliations = [ref.affiliation]
        return row

    def _author_news(self, row: AuthorRow) -> bool:
        """False when this load already wrote everything ``row`` says (its aliases,
        affiliations, ids, profile flag; it has no metrics): merging it again changes
        nothing on either store, so later batches skip it. Without this every batch
        re-merged each of its authors, most of them seen in earlier batches."""
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
        stored = self.lookup.match_paper_keys(wanted) if ask else {}
        title_ids = sorted(
            {pid for k, ids in stored.items() if k.startswith("title:") for pid in ids}
            - self._paper_authors.keys()
        )
        if title_ids:
            self._paper_authors.update(self.lookup.paper_author_keys(title_ids))
        return stored

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
                theirs = self._paper_authors.get(pid, set())
                if not mine or not theirs or mine & theirs:
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
    ) -> tuple[GraphBatch, ResolveCounts]:
        """Rows for one batch, and how many records were new vs merged."""
        batch = GraphBatch(sources=[self.source])
        counts = ResolveCounts()
        src = self.source.id

        persons: list[PersonRecord] = ([owner] if owner else []) + list(people)
        refs: list[AuthorRef] = [a for p in papers for a in p.authors]
        all_refs: list[AuthorRef | PersonRecord] = [*persons, *refs]
        # Identity is decided in document order (the profile owner first), so an
        # author's id cannot depend on where the records were cut into batches.
        lines = [-1 if p is owner else p.line for p in persons]
        lines += [p.line for p in papers for _ in p.authors]
        order = sorted(range(len(all_refs)), key=lines.__getitem__)
        ids_in_order, existed_in_order = self._resolve_author_refs([all_refs[i] for i in order])
        author_ids = [""] * len(all_refs)
        author_existed = [False] * len(all_refs)
        for at, i in enumerate(order):
            author_ids[i] = ids_in_order[at]
            author_existed[i] = existed_in_order[at]
        rows_by_id: dict[str, AuthorRow] = {}
        for ref, aid in zip(all_refs, author_ids, strict=True):
            row = self._author_row(aid, ref)
            if isinstance(ref, PersonRecord) and ref is owner:
                row.has_profile = True
                m = ref.metrics
                if m is not None:
                    row.h_index = m.h_index
                    row.citations = m.citations
                    row.profile_paper_count = m.paper_count
                    row.novelty = m.novelty
                    row.ai_score = m.ai_score
            prev = rows_by_id.get(aid)
            rows_by_id[aid] = merge_author(prev, row) if prev else row
        batch.authors = [row for row in rows_by_id.values() if self._author_news(row)]
        for i, person in enumerate(persons):
            batch.from_source.append(FromSourceRow(author_ids[i], src, person.line))
            if person is not owner:
                if author_existed[i]:
                    counts.merged += 1
                else:
                    counts.loaded += 1

        keys_per = [paper_keys(r) for r in papers]
        ref_keys = [[reference_keys(c) for c in r.references] for r in papers]
        stored = self._prefetch_papers([*keys_per, *(ks for per in ref_keys for ks in per)])
        self._cited_only_among(keys_per, stored)
        ref_index = len(persons)
        paper_rows: dict[str, PaperRow] = {}
        topics: dict[str, TopicRow] = {}
        venues: dict[str, VenueRow] = {}
        authored: dict[tuple[str, str], AuthoredRow] = {}
        has_topic: dict[tuple[str, str], HasTopicRow] = {}
        published: dict[tuple[str, str], PublishedInRow] = {}
        institutions: dict[str, InstitutionRow] = {}
        affiliated: dict[tuple[str, str, str], AffiliatedWithRow] = {}
        cites: dict[tuple[str, str], CitesRow] = {}
        for rec, keys, rkeys in zip(papers, keys_per, ref_keys, strict=True):
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
            known = self._paper_authors.setdefault(pid, set())
            known.update(_name_key(a.name) for a in rec.authors)

            work = next((k.removeprefix("stub:") for k in keys if k.startswith("stub:")), None)
            prow = _paper_row(pid, rec, work)
            prev_row = paper_rows.get(pid)
            paper_rows[pid] = merge_paper(prev_row, prow) if prev_row else prow
            batch.from_source.append(FromSourceRow(pid, src, rec.line))
            self._resolve_references(rec, pid, rkeys, stored, paper_rows, cites)

            for ref in rec.authors:
                aid = author_ids[ref_index]
                ref_index += 1
                edge = AuthoredRow(aid, pid, ref.position, ref.inferred, ref.equal_contribution)
                prev_edge = authored.get((aid, pid))
                authored[(aid, pid)] = merge_authored(prev_edge, edge) if prev_edge else edge
                for inst in ref.institutions:
                    irow = institution_row(inst)
                    if irow is None:
                        continue
                    prev_inst = institutions.get(irow.id)
                    institutions[irow.id] = (
                        merge_institution(prev_inst, irow) if prev_inst else irow
                    )
                    affiliated.setdefault(
                        (aid, irow.id, pid), AffiliatedWithRow(aid, irow.id, pid, prow.year)
                    )

            if rec.venue is not None and rec.venue.name.strip():
                vname = rec.venue.acronym or rec.venue.name
                vid = make_id("V", venue_key(vname))
                venues.setdefault(
                    vid,
                    VenueRow(
                        vid,
                        rec.venue.name if not rec.venue.acronym else vname,
                        rec.venue.acronym,
                        rec.venue.kind,
                    ),
                )
                published[(pid, vid)] = PublishedInRow(pid, vid, rec.venue.year or rec.year)

            for topic, how in _topics_of(rec, self.extract_keyword_topics, self.source.format):
                topics.setdefault(topic.id, topic)
                has_topic.setdefault((pid, topic.id), HasTopicRow(pid, topic.id, how))

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


def _paper_row(pid: str, rec: PaperRecord, work: str | None) -> PaperRow:
    return PaperRow(
        id=pid,
        title=rec.title,
        title_key=_title_key(rec.title),
        year=rec.year or (rec.date.year if rec.date else None),
        date=_iso(rec.date),
        abstract=rec.abstract,
        ids=identifiers(rec, PAPER_IDENTIFIERS),
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


def merge_paper(old: PaperRow, new: PaperRow) -> PaperRow:
    """The property-merge rule for two descriptions of one paper (both stores apply it):
    first-seen values win (identifiers too, kind by kind), except that the earliest
    year/date wins, a full author list beats a truncated one, and flags accumulate.

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
        year=(first.year if first.year is not None else second.year)
        if mixed
        else _min_opt(old.year, new.year),
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
        cited_only=old.cited_only and new.cited_only,
        cited_key=old.cited_key or new.cited_key,
        first_author=old.first_author or new.first_author,
    )


def merge_author(old: AuthorRow, new: AuthorRow) -> AuthorRow:
    """First-seen name wins; aliases and affiliations accumulate; ids fill gaps; a
    profile's metrics (the newest capture) replace older ones."""
    return AuthorRow(
        id=old.id,
        name=old.name,
        name_key=old.name_key,
        surname_key=old.surname_key,
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
    )


def merge_authored(old: AuthoredRow, new: AuthoredRow) -> AuthoredRow:
    """A listed name beats an inferred one; the first known position wins."""
    return AuthoredRow(
        old.author_id,
        old.paper_id,
        old.position if old.position is not None else new.position,
        old.inferred and new.inferred,
        old.equal_contribution or new.equal_contribution,
    )
