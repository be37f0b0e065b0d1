"""Affiliation strings as database exports write them, as institutions.

An affiliation string becomes an :class:`InstitutionRef` with the whole string as
``address``, the organisation part as ``name`` and the last comma part as ``country``,
as written (graph/places.py normalizes it). Exports put the department first as often as
the organisation ("Department of X, University of Y, City, Country" is affiliated with
the University), so the name is the first comma part that names an organisation standing
on its own (a university, hospital, company), else the first that names a unit (an
institute, centre, school), else the first part. The country part is dropped when it
names an organisation itself ("..., Forschungszentrum Jülich GmbH"). PubMed's trailing
"Electronic address: ..." and other e-mail addresses are not part of the address.
"""

from __future__ import annotations

import re

from loaders.records import InstitutionRef

__all__ = ["institution"]

# Bounded like real addresses (RFC 5321: a 64-character local part, 63-character labels)
# so that a long run of word characters without an "@" is not rescanned from every
# position: unbounded, a 100 kB affiliation took 30 s (found by tests/fuzz).
_EMAIL_RE = re.compile(
    r"[\s;,.]{0,8}(?:Electronic address:\s*)?[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\.?"
)
# An organisation that stands on its own (a university, hospital, company, national
# body) beats a unit inside one (a centre, school, faculty, institute, laboratory):
# "Monash Alfred Psychiatry Research Centre, Monash University, ..." is Monash University.
_INSTITUTION_RE = re.compile(
    r"univ|college|hospital|clinic|academy|foundation|company|corporation|\bcorp\b|"
    r"\binc\b|gmbh|\bltd\b|\bllc\b|\bs\.?l\.?$|\bs\.?a\.?$|\bagency\b|council|ministry|"
    r"observatory|polytechn|politecnic|institute of technology|\bcnrs\b|inria|ecole|école|"
    r"hochschule",
    re.IGNORECASE,
)
_UNIT_RE = re.compile(
    r"institut|school|laborator|\blab\b|\bcent(?:er|re)\b|facult|research|forschung",
    re.IGNORECASE,
)
_ORGANISATION_RE = re.compile(f"{_INSTITUTION_RE.pattern}|{_UNIT_RE.pattern}", re.IGNORECASE)
_NO_AFFILIATION = {"", "na", "n/a", "none"}


def institution(address: str) -> InstitutionRef | None:
    """An affiliation string as an institution; None when it names nothing ("NA").

    >>> institution("Department of Neurology, Albert Einstein College of Medicine, Bronx, "
    ...             "NY, USA. Electronic address: x@y.org.")  # doctest: +NORMALIZE_WHITESPACE
    InstitutionRef(name='Albert Einstein College of Medicine', country='USA',
                   address='Department of Neurology, Albert Einstein College of Medicine,
                   Bronx, NY, USA', ror=None)
    """
    text = " ".join(address.split())
    if "@" in text:
        text = _EMAIL_RE.sub("", text)
    text = text.strip(" .;,")
    if text.lower() in _NO_AFFILIATION:
        return None
    parts = [p.strip() for p in text.split(",") if p.strip()]
    name = next(
        (p for p in parts if _INSTITUTION_RE.search(p)),
        next((p for p in parts if _UNIT_RE.search(p)), parts[0]),
    )
    last = parts[-1] if len(parts) > 1 else None
    country = last if last and not _ORGANISATION_RE.search(last) else None
    return InstitutionRef(name=name, country=country, address=text)
