"""Author names and affiliation strings as database exports write them.

Exports spell one person three ways: family first with a comma (RIS ``Ross, A.``,
MEDLINE ``FAU - Sathyan, Sanish``), given name first (IEEE ``A. S. Z. Belloum``), or in
parts (PubMed XML ``LastName``/``ForeName``). Every loader for them turns a name into
the one display form the records use, "Given Family", and says whether the given name
is only initials: "Ross, A." and "A. Ross" are weak evidence of identity and the
resolver treats them so. Initials are always written with a dot and a space
("A. K. Ross", "J.-P. Nominé") so that "Ross, A.K." and "A. K. Ross" read the same.

Only single letters count as initials. "Zhang, ZL" is WoS's way of writing initials,
but an all-capital given name ("LI, WEI") has the same shape, so an undotted run of
capitals is left as written; formats that always write initials that way (MEDLINE
``AU``) say so themselves through :func:`dotted`.

An affiliation string becomes an :class:`InstitutionRef` with the whole string as
``address``, the organisation part as ``name`` (the first comma part that names an
organisation: "Department of X, University of Y, City, Country" is affiliated with the
University, not the Department) and the last comma part as ``country`` as written,
unless that part itself names an organisation ("..., Forschungszentrum Jülich GmbH").
"""

from __future__ import annotations

import re

from loaders.records import InstitutionRef

__all__ = ["direct_name", "dotted", "initials", "institution", "inverted_name", "split_name"]

_HYPHEN_INITIAL_RE = re.compile(r"(?<=\.)\s*-\s*(?=[^\W\d_]\.)")
_EMAIL_RE = re.compile(r"[\s;,.]*(?:Electronic address:\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\.?")
_ORGANISATION_RE = re.compile(
    r"univ|institut|college|school|hospital|clinic|laborator|\blab\b|\bcent(?:er|re)\b|"
    r"academy|foundation|company|corporation|\bcorp\b|\binc\b|gmbh|\bltd\b|\bllc\b|"
    r"\bagency\b|council|ministry|observatory|polytechn|politecnic|\bcnrs\b|inria|"
    r"facult|research|forschung|ecole|école|hochschule|universi",
    re.IGNORECASE,
)
_NO_AFFILIATION = {"", "na", "n/a", "none"}


def _letters(part: str) -> list[str] | None:
    """The letters of "A.", "A.K." or "A" when each is a single capital; else None."""
    pieces = [p for p in part.split(".") if p]
    if not pieces or any(len(p) != 1 or not p.isalpha() or not p.isupper() for p in pieces):
        return None
    return pieces


def initials(given: str) -> str | None:
    """The given name as dotted initials when it is nothing but initials, else None.

    >>> initials("A.K."), initials("M. L."), initials("J. -P."), initials("J.-P.")
    ('A. K.', 'M. L.', 'J.-P.', 'J.-P.')
    >>> initials("R. Uma") is None, initials("Md") is None, initials("ZL") is None
    (True, True, True)
    """
    words = _HYPHEN_INITIAL_RE.sub("-", given.strip()).split()
    if not words:
        return None
    out: list[str] = []
    for word in words:
        parts = [_letters(p) for p in word.split("-")]
        if any(p is None for p in parts):
            return None
        out.append("-".join(" ".join(f"{c}." for c in p or ()) for p in parts))
    return " ".join(out)


def dotted(letters: str) -> str:
    """Undotted initials ("JA") written with dots ("J. A."), for formats whose short
    form is always family name plus initials (MEDLINE ``AU  - Smith JA``)."""
    return " ".join(f"{c}." for c in letters if c.isalpha())


def split_name(family: str, given: str | None, suffix: str | None = None) -> tuple[str, bool]:
    """("Given Family [Suffix]", initials_only) from a name given in parts."""
    family = " ".join(family.split())
    given = " ".join((given or "").split())
    if not given:
        return " ".join(p for p in (family, suffix) if p), False
    short = initials(given)
    return " ".join(p for p in (short or given, family, suffix) if p), short is not None


def inverted_name(raw: str) -> tuple[str, bool]:
    """A name written "Family, Given[, Suffix]" (the RIS order); without a comma the
    name is read as given-first (:func:`direct_name`)."""
    parts = [p.strip() for p in raw.split(",")]
    if len(parts) < 2 or not parts[0]:
        return direct_name(raw)
    return split_name(parts[0], parts[1], ", ".join(p for p in parts[2:] if p) or None)


def direct_name(raw: str) -> tuple[str, bool]:
    """A name written given-first ("A. S. Z. Belloum", "J. -P. Nominé", "Priya").

    The leading words that are initials are the given name; when there are some and a
    family name follows, the name is initials-only."""
    words = _HYPHEN_INITIAL_RE.sub("-", " ".join(raw.split())).split()
    lead: list[str] = []
    for word in words[:-1]:
        short = initials(word)
        if short is None:
            break
        lead.append(short)
    if not lead:
        return " ".join(words), False
    return " ".join([*lead, *words[len(lead) :]]), True


def institution(address: str) -> InstitutionRef | None:
    """An affiliation string as an institution; None when it names nothing ("NA").

    >>> institution("Department of Neurology, Albert Einstein College of Medicine, Bronx, "
    ...             "NY, USA. Electronic address: x@y.org.")  # doctest: +NORMALIZE_WHITESPACE
    InstitutionRef(name='Albert Einstein College of Medicine', country='USA',
                   address='Department of Neurology, Albert Einstein College of Medicine,
                   Bronx, NY, USA', ror=None)
    """
    text = _EMAIL_RE.sub("", " ".join(address.split())).strip(" .;,")
    if text.lower() in _NO_AFFILIATION:
        return None
    parts = [p.strip() for p in text.split(",") if p.strip()]
    name = next((p for p in parts if _ORGANISATION_RE.search(p)), parts[0])
    last = parts[-1] if len(parts) > 1 else None
    country = last if last and not _ORGANISATION_RE.search(last) else None
    return InstitutionRef(name=name, country=country, address=text)
