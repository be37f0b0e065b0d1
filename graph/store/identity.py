"""The identity lookups the resolver (graph/resolve.py) asks of the graph already stored.

They live with the store interface, not with the resolver: every store answers them,
and the store layer must not depend on the code that uses it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

__all__ = ["AuthorMatch", "IdentityLookup"]


@dataclass(frozen=True, slots=True)
class AuthorMatch:
    """An existing author a key points at, with the strong ids it already holds."""

    id: str
    ids: Mapping[str, str] = field(default_factory=dict)  # Identifier.prop -> value


class IdentityLookup(Protocol):
    """What the resolver needs to know about the graph already stored."""

    def match_paper_keys(self, keys: Sequence[str]) -> dict[str, list[str]]:
        """For each key (an identifier's ``key_of`` value, e.g. "doi:…", or "title:…"),
        the ids of stored papers carrying it (keys with no match may be absent)."""
        ...

    def paper_author_keys(self, paper_ids: Sequence[str]) -> dict[str, set[str]]:
        """Name keys of each stored paper's authors."""
        ...

    def match_author_keys(self, keys: Sequence[str]) -> dict[str, list[AuthorMatch]]:
        """For each key (an identifier's ``key_of`` value, e.g. "orcid:…", or "name:…"),
        the stored authors holding it."""
        ...

    def cited_only_papers(self, paper_ids: Sequence[str]) -> set[str]:
        """The ids among these that are stored cited-only papers."""
        ...
