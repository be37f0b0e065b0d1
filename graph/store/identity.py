"""The identity lookups the resolver (graph/author_identity.py, graph/resolve.py) asks of
the graph already stored, and the few writes users' corrections need.

They live with the store interface, not with the resolver: every store answers them,
and the store layer must not depend on the code that uses it.

Lookups that take ``source`` answer about the graph as it was before the load of that
source: they leave out authors whose ``created_by`` is that source and authorships whose
only source it is. A load therefore gets the same answers from its first batch to its
last, whether or not its previous batch has been written, and when a killed load is run
again (graph/author_identity.py relies on it for batch-cut independence).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

__all__ = [
    "AuthorMatch",
    "EvidenceFound",
    "EvidenceQuery",
    "IdentityEditor",
    "IdentityLookup",
    "PaperAuthor",
]


@dataclass(frozen=True, slots=True)
class AuthorMatch:
    """An existing author a key points at, with what the resolver compares: the strong
    ids it holds, its name key and whether that name is only initials."""

    id: str
    ids: Mapping[str, str] = field(default_factory=dict)  # Identifier.prop -> value
    name_key: str = ""
    initials_only: bool = False


@dataclass(frozen=True, slots=True)
class PaperAuthor:
    """An author listed on a paper."""

    author_id: str
    name_key: str
    position: int | None = None


@dataclass(frozen=True, slots=True)
class EvidenceQuery:
    """What one reference could share with one stored author: the store answers with
    the items the author really has (:class:`EvidenceFound`). Venues, topics and
    institutions count only on papers (or bylines) of the years ``first_year`` to
    ``last_year`` (or of unknown year); ``None`` for either: any year."""

    author_id: str
    coauthor_keys: tuple[str, ...] = ()
    venue_ids: tuple[str, ...] = ()
    topic_ids: tuple[str, ...] = ()
    institution_ids: tuple[str, ...] = ()
    first_year: int | None = None
    last_year: int | None = None
    # the initial keys of ``coauthor_keys``: co-authors under them are answered too, for
    # the caller to compare spellings (graph/person_names.shared_names)
    coauthor_initials: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EvidenceFound:
    """The part of an :class:`EvidenceQuery` the stored author has (``coauthor_keys``:
    the name keys of the author's co-authors among the query's keys or initial keys),
    plus the author's e-mail addresses and affiliation strings (few; compared by the
    caller)."""

    coauthor_keys: frozenset[str] = frozenset()
    venue_ids: frozenset[str] = frozenset()
    topic_ids: frozenset[str] = frozenset()
    institution_ids: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    affiliations: frozenset[str] = frozenset()


class IdentityLookup(Protocol):
    """What the resolver needs to know about the graph already stored."""

    def match_paper_keys(self, keys: Sequence[str]) -> dict[str, list[str]]:
        """For each key (an identifier's ``key_of`` value, e.g. "doi:…", or "title:…"),
        the ids of stored papers carrying it (keys with no match may be absent)."""
        ...

    def paper_authors(
        self, paper_ids: Sequence[str], *, source: str
    ) -> dict[str, list[PaperAuthor]]:
        """The authors of each stored paper (as before the load of ``source``)."""
        ...

    def match_author_keys(
        self, keys: Sequence[str], *, source: str
    ) -> dict[str, list[AuthorMatch]]:
        """For each key, the stored authors holding it (as before the load of
        ``source``): an identifier's ``key_of`` value ("orcid:…"), "name:<name key>",
        "init:<initial key>" (graph/person_names.initial_key) or "aid:<author id>"."""
        ...

    def count_author_keys(self, keys: Sequence[str], *, source: str) -> dict[str, int]:
        """How many stored authors (as before the load of ``source``) have each key:
        "family:<surname key>", "given:<given key>", "init:<initial key>", or "*" (all
        authors). Keys with none may be absent."""
        ...

    def author_evidence(
        self, queries: Sequence[EvidenceQuery], *, source: str
    ) -> list[EvidenceFound]:
        """For each query, what its stored author shares with it (as before the load of
        ``source``), in order; one round trip for all of them on a server."""
        ...

    def cited_only_papers(self, paper_ids: Sequence[str]) -> set[str]:
        """The ids among these that are stored cited-only papers."""
        ...


class IdentityEditor(Protocol):
    """The writes a user's correction makes beyond ordinary rows (graph/corrections.py):
    the rows it moves are written with ``GraphWriter.write`` like any load's."""

    def remove_authorships(self, author_id: str, paper_ids: Sequence[str]) -> None:
        """Delete the author's AUTHORED and AFFILIATED_WITH relationships for those
        papers."""
        ...

    def remove_author(self, author_id: str) -> None:
        """Delete the author and every relationship it has."""
        ...
