"""Users' identity corrections as data: "these two are one person", "these papers are
someone else's". They live in a TOML file the user can keep under version control
(``COAUTHOR_KG_CORRECTIONS``; by default ``corrections.toml`` in the data folder, which
``reset`` does not touch), are applied to the store when made, and again by every later
load (graph/author_identity.py), so a ``reset`` and reload gives the corrected graph on
either store.

A **merge** ``into <- from`` sends every occurrence that resolves to ``from`` to
``into``. A **split** moves an author's occurrences on some papers to a new author
(``new_id``, derived from the author and the papers); on a later load an occurrence of
one of those spellings on one of those papers goes to the new author whatever the
evidence says. Corrections name authors by id: ids are deterministic (graph/
author_identity.py), so reloading the same documents in the same order reproduces them.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from graph.errors import InvalidQueryError, NotFoundError
from graph.model import (
    AffiliatedWithRow,
    AuthoredRow,
    AuthorRow,
    GraphBatch,
    make_id,
    name_key,
    surname_key,
)
from graph.occurrence import Occurrence
from graph.store.base import GraphStore

__all__ = [
    "CORRECTION_SOURCE",
    "Corrections",
    "Merge",
    "Redirect",
    "Split",
    "apply_merge",
    "apply_split",
    "make_split",
    "split_id",
    "split_papers_of_source",
]

CORRECTION_SOURCE = "correction"  # the ``created_by`` and source of what a correction makes
_HEADER = (
    "# coauthor-kg identity corrections: applied to the graph when made and on every\n"
    '# later load (README, "Identity"). Keep this file under version control and point\n'
    "# COAUTHOR_KG_CORRECTIONS at it.\n"
)


@dataclass(frozen=True, slots=True)
class Merge:
    into: str
    from_: str
    names: tuple[str, ...] = ()  # the two names when it was made, for the reader
    note: str = ""

    def describe(self) -> str:
        return f"merged from {self.from_} by a correction" + (
            f" ({self.note})" if self.note else ""
        )


@dataclass(frozen=True, slots=True)
class Split:
    author: str
    new_id: str
    name: str
    name_keys: tuple[str, ...]  # the spellings moved (name keys)
    papers: tuple[str, ...]
    note: str = ""

    def describe(self) -> str:
        return f"split from {self.author} by a correction" + (
            f" ({self.note})" if self.note else ""
        )


@dataclass(frozen=True, slots=True)
class Redirect:
    author_id: str
    detail: str


def split_id(author_id: str, papers: Sequence[str]) -> str:
    return make_id("A", f"split:{author_id}|{','.join(sorted(papers))}")


def _toml_str(text: str) -> str:
    # a JSON string is a TOML basic string (same escapes for quotes, backslash, control)
    return json.dumps(text, ensure_ascii=False)


def _toml_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(_toml_str(x) for x in items) + "]"


@dataclass(slots=True)
class Corrections:
    merges: list[Merge] = field(default_factory=list)
    splits: list[Split] = field(default_factory=list)

    # -- the file ---------------------------------------------------------------------------

    @classmethod
    def read(cls, path: Path | None) -> Corrections:
        """The corrections in ``path``; none when it does not exist."""
        if path is None or not path.exists():
            return cls()
        return cls.parse(path.read_text(encoding="utf-8"), str(path))

    @classmethod
    def parse(cls, text: str, where: str = "corrections") -> Corrections:
        try:
            data = tomllib.loads(text)
            merges = [
                Merge(m["into"], m["from"], tuple(m.get("names", ())), m.get("note", ""))
                for m in data.get("merge", [])
            ]
            splits = [
                Split(
                    s["author"],
                    s.get("new_id") or split_id(s["author"], s["papers"]),
                    s.get("name", ""),
                    tuple(s.get("name_keys", ())),
                    tuple(s["papers"]),
                    s.get("note", ""),
                )
                for s in data.get("split", [])
            ]
        except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
            raise InvalidQueryError(f"{where}: not a corrections file ({exc})") from exc
        return cls(merges, splits)

    def to_toml(self) -> str:
        parts = [_HEADER]
        for m in self.merges:
            parts.append(
                f"\n[[merge]]\ninto = {_toml_str(m.into)}\nfrom = {_toml_str(m.from_)}\n"
                f"names = {_toml_list(m.names)}\nnote = {_toml_str(m.note)}\n"
            )
        for s in self.splits:
            parts.append(
                f"\n[[split]]\nauthor = {_toml_str(s.author)}\nnew_id = {_toml_str(s.new_id)}\n"
                f"name = {_toml_str(s.name)}\nname_keys = {_toml_list(s.name_keys)}\n"
                f"papers = {_toml_list(s.papers)}\nnote = {_toml_str(s.note)}\n"
            )
        return "".join(parts)

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(self.to_toml(), encoding="utf-8")
        tmp.replace(path)

    def entries(self) -> list[Merge | Split]:
        return [*self.merges, *self.splits]

    def add(self, entry: Merge | Split) -> bool:
        """Add an entry unless the same one is there; True when added."""
        if isinstance(entry, Merge):
            if any((m.into, m.from_) == (entry.into, entry.from_) for m in self.merges):
                return False
            self.merges.append(entry)
        else:
            if any((s.author, s.papers) == (entry.author, entry.papers) for s in self.splits):
                return False
            self.splits.append(entry)
        return True

    # -- applied during a load ----------------------------------------------------------------

    def _merged_into(self, author_id: str) -> str:
        into = {m.from_: m.into for m in self.merges}
        seen = {author_id}
        while author_id in into and into[author_id] not in seen:
            author_id = into[author_id]
            seen.add(author_id)
        return author_id

    def redirect(self, author_id: str, paper_id: str | None) -> Redirect | None:
        """Where a merge or a split sends an occurrence resolved to ``author_id``."""
        if not self.merges and not self.splits:
            return None
        target = self._merged_into(author_id)
        detail = ""
        if target != author_id:
            detail = next(m.describe() for m in self.merges if m.from_ == author_id)
        if paper_id is not None:
            for s in self.splits:
                if s.author == target and paper_id in s.papers:
                    return Redirect(s.new_id, s.describe())
        return Redirect(target, detail) if target != author_id else None

    def split_for(self, paper_id: str, key: str) -> Split | None:
        """The split that claims this spelling on this paper, if any."""
        for s in self.splits:
            if paper_id in s.papers and key in s.name_keys:
                return s
        return None


# -- applied to a store now -------------------------------------------------------------------


def _author_row(author_id: str, name: str, store: GraphStore, like: str | None) -> AuthorRow:
    """A row carrying what author ``like`` holds (aliases, ids, affiliations) onto
    ``author_id`` named ``name``."""
    nk = name_key(name)
    row = AuthorRow(
        author_id, name, nk, surname_key(nk), aliases=[name], created_by=CORRECTION_SOURCE
    )
    if like is not None:
        detail = store.author_detail(like)
        if detail is not None:
            row.aliases = sorted({name, *detail.aliases})
            row.ids = dict(detail.ids)
            row.affiliations = list(detail.affiliations)
            row.has_profile = detail.has_profile
    return row


def _corrected(row: AuthoredRow, author_id: str, detail: str) -> AuthoredRow:
    occ = Occurrence(CORRECTION_SOURCE, "", (("correction", 0.0, detail),))
    return replace(
        row,
        author_id=author_id,
        evidence="correction",
        strength=1.0,
        weak=False,
        occurrences=(*row.occurrences, occ.to_json()),
    )


def apply_merge(store: GraphStore, merge: Merge) -> None:
    """Move every authorship of ``merge.from_`` to ``merge.into`` and delete it."""
    for aid in (merge.into, merge.from_):
        if store.author_detail(aid) is None:
            raise NotFoundError(f"no author with id {aid!r}", details={"id": aid})
    if merge.into == merge.from_:
        raise InvalidQueryError("an author cannot be merged with itself")
    into = store.author_detail(merge.into)
    assert into is not None
    rows = [_corrected(r, merge.into, merge.describe()) for r in store.authorships(merge.from_)]
    affs = [
        AffiliatedWithRow(merge.into, a.institution_id, a.paper_id, a.year)
        for a in store.affiliations_of([merge.from_])
    ]
    author = _author_row(merge.into, into.name, store, merge.from_)
    store.write(GraphBatch(authors=[author], authored=rows, affiliated_with=affs))
    store.remove_author(merge.from_)
    store.flush()


def apply_split(store: GraphStore, split: Split) -> None:
    """Move ``split.author``'s authorships on ``split.papers`` to ``split.new_id``."""
    if store.author_detail(split.author) is None:
        raise NotFoundError(f"no author with id {split.author!r}", details={"id": split.author})
    mine = {r.paper_id: r for r in store.authorships(split.author)}
    missing = [p for p in split.papers if p not in mine]
    if missing:
        raise InvalidQueryError(
            f"author {split.author} has no paper {', '.join(missing)}",
            details={"author": split.author, "papers": missing},
        )
    if len(split.papers) == len(mine):
        raise InvalidQueryError("a split must leave the author at least one paper")
    rows = [_corrected(mine[p], split.new_id, split.describe()) for p in split.papers]
    affs = [
        AffiliatedWithRow(split.new_id, a.institution_id, a.paper_id, a.year)
        for a in store.affiliations_of([split.author])
        if a.paper_id in split.papers
    ]
    author = _author_row(split.new_id, split.name, store, None)
    store.remove_authorships(split.author, list(split.papers))
    store.write(GraphBatch(authors=[author], authored=rows, affiliated_with=affs))
    store.flush()


def make_split(store: GraphStore, author_id: str, papers: Sequence[str], note: str = "") -> Split:
    """The split of ``author_id``'s occurrences on ``papers``, named as they were spelled."""
    chosen = sorted(dict.fromkeys(papers))
    spellings: list[str] = []
    for r in store.authorships(author_id):
        if r.paper_id in chosen:
            for text in r.occurrences:
                spelling = Occurrence.from_json(text).spelling
                if spelling:
                    spellings.append(spelling)
    detail = store.author_detail(author_id)
    name = spellings[0] if spellings else (detail.name if detail else "")
    keys = tuple(sorted({name_key(s) for s in spellings} | ({name_key(name)} if name else set())))
    return Split(author_id, split_id(author_id, chosen), name, keys, tuple(chosen), note)


def split_papers_of_source(store: GraphStore, author_id: str, source: str) -> list[str]:
    """The papers on which ``author_id``'s authorship comes from ``source`` (a Source id,
    or the path of the loaded file, or its name)."""
    out = []
    for r in store.authorships(author_id):
        if source in r.sources:
            out.append(r.paper_id)
            continue
        detail = store.paper_detail(r.paper_id)
        if detail is None:
            continue
        for s in detail.sources:
            if s.id in r.sources and (s.path == source or Path(s.path).name == source):
                out.append(r.paper_id)
                break
    return sorted(out)
