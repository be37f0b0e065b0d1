"""Personal names as Web of Science and Scopus write them: "Family, Given" with the
given name spelled out, as dotted initials or as capitals run together, and the same
person written several ways in one record.

Both databases give each author twice (a short "Zhang, ZL" / "Zhang Z.L." and a full
"Zhang, Zhi-Li") and then name the same people again in address blocks, identifier
lists and correspondence lines, in yet other spellings ("Zhang, Z. L.", "ZHANG,
ZHILI", "Z.L. Zhang"). This module reads the inverted "Family, Given" form and the
run-together initials of the short forms ("ZL"), leaves the display form and the
spelling of initials to loaders/personname.py, and finds which author of a record a
name written elsewhere in it refers to. Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from loaders.personname import dotted, initials, inverted_name

__all__ = ["NameIndex", "fold", "initials_only", "person_name", "split_inverted"]

_TOKEN_RE = re.compile(r"[^\s.]+")
_NOT_LETTER_RE = re.compile(r"[^a-z]")
_COMPACT_RE = re.compile(r"^[A-Z]{1,4}$")
# letters Unicode does not decompose into a base letter and an accent, as the
# databases write them without their stroke (WoS "Sulkowski" for "Sułkowski")
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"}
)


def fold(text: str) -> str:
    """Case and accents folded, spacing collapsed: how two spellings of one name meet.

    >>> fold("Cinto Mejía,  E"), fold("Sułkowski, Łukasz")
    ('cinto mejia, e', 'sulkowski, lukasz')
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().translate(_UNDECOMPOSED).split())


def _letters(text: str) -> str:
    return _NOT_LETTER_RE.sub("", fold(text))


def split_inverted(name: str) -> tuple[str, str]:
    """``"Family, Given"`` to its two parts; a name without a comma is all family name
    (a mononym, or a group written as a person).

    >>> split_inverted("Marroquin Gavelan, Juan Patricio")
    ('Marroquin Gavelan', 'Juan Patricio')
    """
    family, _, given = name.partition(",")
    return " ".join(family.split()), " ".join(given.split())


def _given(given: str, *, compact: bool) -> str:
    """With ``compact``, capitals run together written as dotted initials ("ZL" ->
    "Z. L.", the WoS ``AU`` short form); else the given name as it is."""
    if not compact:
        return given
    return " ".join(dotted(t) if _COMPACT_RE.match(t) else t for t in given.split())


def initials_only(given: str, *, compact: bool = False) -> bool:
    """Whether the given name is only initials ("Z.", "M. L.", "M. -J."; with
    ``compact`` also "ZL").

    >>> initials_only("M. L."), initials_only("Juan Patricio"), initials_only("JPM", compact=True)
    (True, False, True)
    """
    return initials(_given(given, compact=compact)) is not None


def person_name(written: str, *, compact: bool = False) -> tuple[str, bool]:
    """The display name of a name written "Family, Given[, Suffix]" and whether the
    given name is only initials (:func:`loaders.personname.inverted_name`); with
    ``compact`` the given name may be capitals run together.

    >>> person_name("Zhang, ZL", compact=True)
    ('Z. L. Zhang', True)
    >>> person_name("Endara, M. -J.")
    ('M.-J. Endara', True)
    >>> person_name("Pombal, Jose, Jr.")
    ('Jose Pombal Jr.', False)
    """
    if compact:
        family, _, rest = written.partition(",")
        given, comma, suffix = rest.partition(",")
        written = f"{family}, {_given(given, compact=True)}{comma}{suffix}" if rest else family
    return inverted_name(written)


def _full_key(family: str, given: str) -> str:
    return _letters(family) + "," + _letters(given)


def _family_words(family: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", fold(family)) if len(_letters(w)) >= 3]


def _first_word(given: str) -> str:
    words = _TOKEN_RE.findall(given.replace("-", " "))
    return _letters(words[0]) if words else ""


class NameIndex:
    """Finds which author of a record a name written elsewhere in it refers to.

    Each author is known by one or more ``(family, given)`` spellings (WoS ``AF`` and
    ``AU``; Scopus full and short names). A name matches an author when, letters
    folded, it spells one of them exactly ("Robinson, M. L." = "Robinson, ML"); else
    when the family name and first initial agree with exactly one author whose given
    name does not contradict it ("Rodriguez, Ciro Rodriguez" -> "Rodriguez, Ciro"; but
    "Hennecke, Juliane" never matches "Hennecke, Justus"); else, the same way, when the
    family names share a word of three letters or more, for compound names written in
    part ("Garcez Lohmann, Lucia" -> "Lohmann, Lucia G."; "Ungvari, Judit" ->
    "Ungvari-Martin, Judit"). Ambiguous or unknown names match no one: attaching an
    address or an identifier to the wrong person is worse than leaving it out.
    """

    def __init__(self, spellings: Sequence[Sequence[tuple[str, str]]]) -> None:
        self._exact: dict[str, set[int]] = {}
        self._by_family: dict[str, list[tuple[int, str]]] = {}
        self._by_word: dict[str, list[tuple[int, str]]] = {}
        for i, forms in enumerate(spellings):
            for family, given in forms:
                self._exact.setdefault(_full_key(family, given), set()).add(i)
                self._by_family.setdefault(_letters(family), []).append((i, given))
                for word in _family_words(family):
                    self._by_word.setdefault(word, []).append((i, given))

    def find(self, family: str, given: str) -> int | None:
        """The index of the author ``(family, given)`` names, or None."""
        exact = self._exact.get(_full_key(family, given))
        if exact is not None and len(exact) == 1:
            return next(iter(exact))
        if exact:
            return None
        found = self._compatible(given, self._by_family.get(_letters(family), ()))
        if not found:
            for word in _family_words(family):
                found |= self._compatible(given, self._by_word.get(word, ()))
        return found.pop() if len(found) == 1 else None

    @staticmethod
    def _compatible(given: str, candidates: Sequence[tuple[int, str]]) -> set[int]:
        """The authors among ``candidates`` whose given name agrees with ``given``: same
        first initial and, when both are spelled out, the same first name."""
        initial = _letters(given)[:1]
        if not initial:
            return set()
        word = _first_word(given) if not initials_only(given, compact=True) else None
        found = set()
        for i, other in candidates:
            if _letters(other)[:1] != initial:
                continue
            if word and not initials_only(other, compact=True) and _first_word(other) != word:
                continue
            found.add(i)
        return found

    def find_written(self, name: str) -> int | None:
        """Like :meth:`find` for a name written "Family, Given" or "Given Family"
        (a Scopus correspondence line writes "T. Liu")."""
        if "," in name:
            return self.find(*split_inverted(name))
        words = name.split()
        if len(words) < 2:
            return self.find(name, "") if words else None
        return self.find(words[-1], " ".join(words[:-1]))
