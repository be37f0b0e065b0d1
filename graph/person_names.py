"""Personal names as the resolver compares them: which stored names could be the same
person as a name written in a document, and how specific a name is.

Everything works on name keys (graph/model.name_key: folded, "given ... family", the
family name last). A name is *compatible* with another when one could be a spelling of
the other:

- ``exact``: the same key ("Ziming MAO" and "Ziming Mao");
- ``variant``: the same given name written with or without a space or hyphen ("Zhi-Li
  Zhang" and "Zhili Zhang"), or a middle name present on one side only ("Joseph E.
  Gonzalez" and "Joseph Gonzalez");
- ``initials``: a given name abbreviated on one side ("Z. Zhang" and "Zili Zhang",
  "J. E. Gonzalez" and "Joseph Gonzalez"), never two different spelled-out names
  ("Zili Zhang" and "Zhiwei Zhang" share initials, not a name);
- ``swapped``: the same words with the family name written first ("Zhang Zili").

Compatibility only nominates candidates; graph/evidence.py decides whether a candidate
is the same person. The keys below are what the store indexes so that candidates are
found by equality: the name key itself, its swapped forms, and the *initial key* (first
initial + family name, "z zhang"), under which every compatible abbreviated or
spelled-out form meets.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Literal

__all__ = [
    "Compatibility",
    "by_initial_key",
    "compatibility",
    "family_of",
    "given_key",
    "given_tokens",
    "initial_key",
    "is_initials_only",
    "shared_names",
    "swapped_keys",
]

Compatibility = Literal["exact", "variant", "initials", "swapped"]


def family_of(key: str) -> str:
    """The family name of a name key: its last word ("" for an empty key)."""
    _, _, last = key.rpartition(" ")
    return last


def given_tokens(key: str) -> list[str]:
    """The given-name words of a name key (everything before the family name)."""
    return key.split()[:-1]


def given_key(key: str) -> str:
    """The first given name ("zili" of "zili zhang"; "z" of "z l zhang"; "" for a
    mononym): how common a given name is is counted under this key."""
    parts = key.split(maxsplit=1)
    return parts[0] if len(parts) == 2 else ""


def initial_key(key: str) -> str:
    """First initial and family name ("z zhang" for "zili zhang" and "z l zhang"); ""
    for a mononym. Every name compatible by initials shares it."""
    parts = key.split()
    if len(parts) < 2:
        return ""
    return f"{parts[0][0]} {parts[-1]}"


def is_initials_only(key: str) -> bool:
    """True when every given name is a single letter ("z l zhang")."""
    parts = key.split()
    return len(parts) > 1 and max(map(len, parts[:-1])) == 1


def swapped_keys(key: str) -> list[str]:
    """The key with the family name moved to the front or the first word moved to the
    end: the forms a family-name-first spelling takes ("zhang zili" <-> "zili zhang")."""
    parts = key.split()
    if len(parts) < 2:
        return []
    out = [" ".join([*parts[1:], parts[0]]), " ".join([parts[-1], *parts[:-1]])]
    return [k for k in dict.fromkeys(out) if k != key]


def _given_compatible(a: list[str], b: list[str]) -> Compatibility | None:
    """How two given-name word lists can be one name (``None``: they cannot)."""
    if "".join(a) == "".join(b):
        return "variant"
    if not a or not b:
        return None  # a mononym against a full name: too little to go on
    initials = False
    for x, y in zip(a, b, strict=False):
        if len(x) > 1 and len(y) > 1:
            if x != y:
                return None
        elif x[0] != y[0]:
            return None
        else:
            initials = initials or len(x) != len(y)
    # the first given name decides: a spelled-out first name never meets another one
    return "initials" if initials else "variant"


def compatibility(a: str, b: str) -> Compatibility | None:
    """How name keys ``a`` and ``b`` can name one person, or ``None``.

    >>> compatibility("zili zhang", "z zhang"), compatibility("zili zhang", "zhiwei zhang")
    ('initials', None)
    >>> compatibility("zhang zili", "zili zhang"), compatibility("zhi li zhang", "zhili zhang")
    ('swapped', 'variant')
    """
    if a == b:
        return "exact"
    if not a or not b:
        return None
    if family_of(a) == family_of(b):
        found = _given_compatible(given_tokens(a), given_tokens(b))
        if found is not None:
            return found
    if b in swapped_keys(a):
        return "swapped"
    return None


def by_initial_key(keys: Iterable[str]) -> dict[str, set[str]]:
    """Name keys grouped by :func:`initial_key` (mononyms left out)."""
    out: dict[str, set[str]] = {}
    for k in keys:
        ik = initial_key(k)
        if ik:
            out.setdefault(ik, set()).add(k)
    return out


def shared_names(
    ours: Iterable[str],
    theirs: Collection[str],
    theirs_by_initial: Mapping[str, Collection[str]] | None = None,
) -> set[str]:
    """The names of ``ours`` that ``theirs`` also lists: the same key, or, where one of
    the two is only initials, a compatible spelling ("w fuertes" and "walter fuertes":
    a Scopus export's co-author and the Web of Science record's). Two spelled-out names
    meet only by key. ``theirs_by_initial``: :func:`by_initial_key` of ``theirs``, when
    kept up to date by the caller."""
    out: set[str] = set()
    index = theirs_by_initial
    for o in ours:
        if o in theirs:
            out.add(o)
            continue
        ik = initial_key(o)
        if not ik:
            continue
        if index is None:
            index = by_initial_key(theirs)
        found = index.get(ik)
        if not found:
            continue
        o_initials = is_initials_only(o)
        if any(
            (o_initials or is_initials_only(t)) and compatibility(o, t) is not None for t in found
        ):
            out.add(o)
    return out
