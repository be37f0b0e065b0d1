"""Personal names in one order and one spelling of initials, whatever the export.

Database exports disagree: Semantic Scholar and Lens write "A. M. Turing" or
"A.V. Arhangel'ski", Crossref gives the given and family names apart, and a given name
can be initials with or without dots ("S J", "S.J."). ``AuthorRef.name`` is always
"Given Family", and a given name that is only initials is written "S. J." (a hyphenated
one "J.-P."), so that "A.V. Smith" from one source and "A. V. Smith" from another are
one spelling and ``initials_only`` can be set wherever the source gives no more.

Only letters followed by a dot, or a single letter, count as initials: an undotted
"Li" or "AJ" may be a name, and calling it initials would invent a spelling. A format
whose short form is always family name plus undotted initials (MEDLINE ``AU  - Smith
JA``) says so by calling :func:`dotted`. IEEE Xplore writes a hyphenated initial with a
blank before the hyphen ("J. -P. Nominé"); it is read as "J.-P.".
"""

from __future__ import annotations

import re

__all__ = ["display_name", "dotted", "given_family", "initials", "inverted_name"]

_INITIAL_RE = re.compile(r"^(?:[^\W\d_]\.?|(?:[^\W\d_]\.-?)+[^\W\d_]?\.?)$")
_SPACED_HYPHEN_RE = re.compile(r"(?<=\.)\s+-(?=[^\W\d_]\.)")


def _initial_token(token: str) -> str | None:
    """``token`` written as dotted initials ("A.B." -> "A. B.", "J-P" -> "J.-P."),
    or None when it is not made of initials."""
    if not token.replace(".", "").replace("-", "").isupper():
        return None
    parts = token.split("-")
    if not all(_INITIAL_RE.match(p) for p in parts if p) or not any(parts):
        return None
    return "-".join(" ".join(f"{c}." for c in p if c != ".") for p in parts if p)


def initials(given: str) -> str | None:
    """A given name made only of initials, dotted ("S J" -> "S. J."); else None.

    >>> initials("S.J.")
    'S. J.'
    >>> initials("J.-P.")
    'J.-P.'
    >>> initials("Steven J.") is None
    True
    """
    tokens = _SPACED_HYPHEN_RE.sub("-", given).split()
    dotted = [_initial_token(t) for t in tokens]
    if not tokens or any(d is None for d in dotted):
        return None
    return " ".join(d for d in dotted if d)


def display_name(name: str) -> tuple[str, bool]:
    """A "Given Family" display name with its leading initials dotted, and whether the
    given names are only initials.

    >>> display_name("A.V. Arhangel'ski")
    ("A. V. Arhangel'ski", True)
    >>> display_name("G. Di Maio")
    ('G. Di Maio', True)
    >>> display_name("Thomas J. Peters")
    ('Thomas J. Peters', False)
    >>> display_name("J. -P. Nominé")
    ('J.-P. Nominé', True)
    """
    tokens = _SPACED_HYPHEN_RE.sub("-", name).split()
    dotted: list[str] = []
    for token in tokens[:-1]:
        d = _initial_token(token)
        if d is None:
            break
        dotted.append(d)
    if not dotted:
        return " ".join(tokens), False
    return " ".join([*dotted, *tokens[len(dotted) :]]), True


def given_family(given: str | None, family: str) -> tuple[str, bool]:
    """The display name of separately given parts, and whether the given part is only
    initials.

    >>> given_family("S J", "Mansfield")
    ('S. J. Mansfield', True)
    >>> given_family("Ēriks", "Kupče")
    ('Ēriks Kupče', False)
    """
    given = " ".join((given or "").split())
    family = " ".join(family.split())
    if not given:
        return family, False
    dotted = initials(given)
    return f"{dotted or given} {family}", dotted is not None


_MIDDLE_INITIAL = re.compile(r"^[^\W\d_]\.?$")


def inverted_name(raw: str) -> tuple[str, bool]:
    """The display name of a name written "Family, Given[, Suffix]" (the RIS and
    MEDLINE ``FAU`` order), and whether the given part is only initials; a name without
    comma is read given-first (:func:`display_name`).

    >>> inverted_name("Marcialis, G.L.")
    ('G. L. Marcialis', True)
    >>> inverted_name("Smith, John, Jr.")
    ('John Smith Jr.', False)

    A single letter after a second comma is a middle initial, not a suffix (WoS ``AF``
    writes "Konstantinidis, Evdokimos, I"):

    >>> inverted_name("Konstantinidis, Evdokimos, I")
    ('Evdokimos I. Konstantinidis', False)
    """
    parts = [p.strip() for p in raw.split(",")]
    if len(parts) < 2 or not parts[0]:
        return display_name(raw)
    while len(parts) > 2 and _MIDDLE_INITIAL.match(parts[2]):
        parts[1:3] = [f"{parts[1]} {parts[2].rstrip('.')}."]
    name, initials_only = given_family(parts[1], parts[0])
    suffix = ", ".join(p for p in parts[2:] if p)
    return (f"{name} {suffix}" if suffix else name), initials_only


def dotted(letters: str) -> str:
    """Undotted initials ("JA") written with dots ("J. A."), for a format that always
    writes initials so (MEDLINE ``AU``, PubMed XML ``Initials``).

    >>> dotted("JA")
    'J. A.'
    """
    return " ".join(f"{c}." for c in letters if c.isalpha())
