"""SpringerLink search-result CSV exports ("Download search results (CSV)").

Ten columns: ``Item Title, Publication Title, Book Series Title, Journal Volume,
Journal Issue, Item DOI, Authors, Publication Year, URL, Content Type``.

Authors cannot be read from this export. SpringerLink writes the names one after the
other with nothing between them ("Araz R. AlievNigar T. Ismayilova", "Prof. Rafik A.
AlievProf. Dr. Janusz Kacprzyk..."). Cutting where a lower-case letter meets a capital
recovers most lists, but not the names that carry such a change themselves: McIntosh,
MacLeod, DeWitt, LeCun, DiCaprio, given names such as JoAnne, or a family name in
capitals followed by the next given name ("Wei LIJohn Smith"). A wrong cut invents two
people and loses one, and invented people become false co-authors; so every record keeps
its paper and no authors, with ``authors_truncated`` set (the document shows names it
does not give) and ``author_count`` unknown. The same paper loaded from another source
(same DOI) brings its authors. For a ``Book`` the names are often its editors (titles
"Prof."/"Dr." and series volumes suggest so), which would not be authors anyway.

Mapping decisions: ``Item Title`` -> title; ``Item DOI`` -> doi; ``URL`` -> url;
``Publication Year`` -> year; ``Content Type`` -> kind as written (Article, Chapter,
Book, ...). Venue: ``Book Series Title``, else ``Publication Title`` (the journal of an
Article, the book or proceedings of a Chapter, the series of a Book); kind journal for an
Article, conference for a Chapter whose book is a conference's proceedings (by name),
else other.
"""

from __future__ import annotations

import datetime as dt
import re

from loaders.csv_rows import Row, csv_rows, header_fields
from loaders.format import Format
from loaders.identifiers import clean_doi
from loaders.markup import strip_markup
from loaders.records import PaperRecord, ParsedDocument, RecordError, VenueKind, VenueRef

__all__ = ["FORMAT", "parse_springer_csv"]

_YEAR_RE = re.compile(r"^\s*(\d{4})\b")
_CONFERENCE_RE = re.compile(
    r"conference|proceedings|symposium|workshop|congress|colloquium", re.IGNORECASE
)


def _venue(row: Row, content: str | None, year: int | None) -> VenueRef | None:
    name = row.get("Book Series Title") or row.get("Publication Title")
    if name is None:
        return None
    kind: VenueKind = "other"
    if content == "Article":
        kind = "journal"
    elif content == "Chapter" and _CONFERENCE_RE.search(name):
        kind = "conference"
    return VenueRef(name=strip_markup(name), kind=kind, year=year)


def _paper(row: Row, path: str) -> PaperRecord | RecordError:
    title = strip_markup(row.get("Item Title") or "")
    if not title:
        return RecordError(path, row.line, "row has no Item Title")
    m = _YEAR_RE.match(row.get("Publication Year") or "")
    year = int(m.group(1)) if m else None
    content = row.get("Content Type")
    return PaperRecord(
        title=title,
        line=row.line,
        authors_truncated=row.get("Authors") is not None,
        year=year,
        doi=clean_doi(row.get("Item DOI")),
        url=row.get("URL"),
        venue=_venue(row, content, year),
        kind=content,
    )


def parse_springer_csv(
    text: str, *, path: str, owner: str | None = None, captured: dt.date | None = None
) -> ParsedDocument:
    """Read every row of a SpringerLink CSV export (papers without authors: see above;
    ``owner`` is not used)."""
    doc = ParsedDocument(path=path, format="springer_csv", captured=captured)
    for item in csv_rows(text, path=path, required=("Item Title", "Item DOI", "Authors")):
        doc.read += 1
        doc.add(item if isinstance(item, RecordError) else _paper(item, path))
    return doc


def _sniff(head: str) -> bool:
    """A CSV header that starts with SpringerLink's ``Item Title`` and has its columns."""
    fields = header_fields(head)
    return fields[:1] == ["Item Title"] and {"Item DOI", "Content Type"} <= set(fields)


FORMAT = Format(
    name="springer_csv",
    description="a SpringerLink search export (CSV; its authors cannot be split)",
    sniff=_sniff,
    parse=parse_springer_csv,
)
