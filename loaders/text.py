"""Text that is safe to store, print and export: control characters out, once.

Documents carry whatever their authors or tools put in them: ESC sequences that clear a
terminal or set its title, NUL, BEL, C1 controls (U+009B is a one-byte CSI), JSON's
``\\u0000`` and lone surrogates, and U+FFFE/U+FFFF, which XML 1.0 does not allow. None of
that is meaning, and each of those characters breaks something downstream: a terminal,
an XML export that no longer parses, a UTF-8 encoder. So the text of every record is
cleaned at one boundary, where records leave the loaders (loaders/registry.py hands out
nothing else), rather than in each parser or each writer: a format added later is
covered without knowing about it.

What cleaning does: in single-line text (names, titles, venues, identifiers) each run of
control characters, with the blanks around it, becomes one space; in multi-line text
(:data:`MULTILINE_FIELDS`: abstracts) tabs and newlines stay and CR LF becomes LF. A lone
surrogate becomes U+FFFD (a character was lost there). Text without any of these is
returned as the same object, so clean documents load exactly as before.

Error messages quote document text through :func:`quote`: bounded and escaped, so a
message never prints a control character, nor more of a file than the offending token.
"""

from __future__ import annotations

import dataclasses
import operator
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from loaders.errors import ParseError
from loaders.records import PaperRecord, ParsedDocument, PersonRecord, RecordError

__all__ = [
    "MULTILINE_FIELDS",
    "TextRepairs",
    "clean_document",
    "clean_record",
    "clean_text",
    "escape",
    "quote",
]

# Fields that may hold paragraphs: they keep their tabs and newlines.
MULTILINE_FIELDS = frozenset({"abstract"})

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff"  # C0 but TAB/LF, DEL, C1, non-chars
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSAFE = re.compile(f"[{_CONTROLS}\t\n\ud800-\udfff]")
_UNSAFE_MULTILINE = re.compile(f"[{_CONTROLS}\ud800-\udfff]")
_LINE_RUN = re.compile(f"[ ]*[{_CONTROLS}\t\n]+[ ]*")
_MULTILINE_RUN = re.compile(f"[ ]*[{_CONTROLS}]+[ ]*")
_QUOTE_LIMIT = 40


def clean_text(text: str, *, multiline: bool = False) -> str:
    """``text`` without control characters (see the module docstring); the same object
    when there was nothing to clean."""
    if (_UNSAFE_MULTILINE if multiline else _UNSAFE).search(text) is None:
        return text
    out = _SURROGATE.sub("\ufffd", text)
    if multiline:
        out = _MULTILINE_RUN.sub(" ", out.replace("\r\n", "\n").replace("\r", "\n"))
    else:
        out = _LINE_RUN.sub(" ", out)
    return out.strip(" ")


def quote(text: str, *, limit: int = _QUOTE_LIMIT) -> str:
    """Document text for an error message: at most ``limit`` characters (an ellipsis
    marks the cut), quoted and with every unprintable character escaped.

    >>> quote("root:x:0:0:root:/root:/bin/bash", limit=10)
    "'root:x:0:0…'"
    """
    cut = text[:limit] + ("…" if len(text) > limit else "")
    return repr(cut)


def escape(text: str, *, limit: int = _QUOTE_LIMIT) -> str:
    r""":func:`quote` without the quotes, for a token a message already sets off
    (a citation key in ``@article{key}``).

    >>> escape("key\x1b[2J")
    'key\\x1b[2J'
    """
    return quote(text, limit=limit)[1:-1]


_FIELDS: dict[type, tuple[tuple[str, bool, bool], ...]] = {}


def _fields(cls: type) -> tuple[tuple[str, bool, bool], ...]:
    """(name, multi-line, required) of each field of a record class, cached."""
    found = _FIELDS.get(cls)
    if found is None:
        found = tuple(
            (
                f.name,
                f.name in MULTILINE_FIELDS,
                f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
            )
            for f in dataclasses.fields(cls)
        )
        _FIELDS[cls] = found
    return found


Walk = Callable[[Any, list[Any], list[Any]], "str | None"]
_WALKS: dict[type, Walk] = {}
_WORD = re.compile(r"[^\W_]")


def _walk(cls: type) -> Walk:
    """A function that gathers the text of a record of ``cls`` (single-line text into
    one list, paragraphs into another) and returns the first required text field (a
    title, a name: what identifies the thing) with no letter or digit in it, as
    "authors[2].name", or None. Compiled once per class from the field types, so a
    field added to a record later is covered.

    It runs for every record of a load (millions for a dump), and almost none has
    anything wrong, so it must be cheap: each class's text is read with one
    ``attrgetter``, and the caller searches all of a record's text as one string."""
    found = _WALKS.get(cls)
    if found is not None:
        return found
    hints = typing.get_type_hints(cls)
    lines: list[str] = []
    paragraphs: list[str] = []
    text_tuples: list[str] = []
    nested: list[str] = []
    required: list[int] = []  # positions in ``lines``
    for name, multiline, is_required in _fields(cls):
        kind = _kind(hints[name])
        if kind == "text" and multiline:
            paragraphs.append(name)
        elif kind == "text":
            if is_required:
                required.append(len(lines))
            lines.append(name)
        elif kind == "texts":
            text_tuples.append(name)
        elif kind in ("record", "records"):
            nested.append(name)
    get_lines, get_paragraphs = _getter(lines), _getter(paragraphs)
    get_tuples, get_nested = _getter(text_tuples), _getter(nested)
    search = _WORD.search

    def walk(obj: Any, texts: list[Any], paras: list[Any]) -> str | None:
        values = get_lines(obj)
        texts.extend(values)
        for i in required:
            if search(values[i]) is None:
                return lines[i]
        if paragraphs:
            paras.extend(get_paragraphs(obj))
        for values in get_tuples(obj):
            texts.extend(values)
        for name, value in zip(nested, get_nested(obj), strict=True):
            if value is None:
                continue
            if type(value) is tuple:
                for i, item in enumerate(value):
                    bad = (_WALKS.get(type(item)) or _walk(type(item)))(item, texts, paras)
                    if bad is not None:
                        return f"{name}[{i}].{bad}"
            else:
                bad = (_WALKS.get(type(value)) or _walk(type(value)))(value, texts, paras)
                if bad is not None:
                    return f"{name}.{bad}"
        return None

    _WALKS[cls] = walk
    return walk


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """A function returning the named attributes as a tuple (empty for no names)."""
    if not names:
        return lambda obj: ()
    if len(names) == 1:
        one = operator.attrgetter(names[0])
        return lambda obj: (one(obj),)
    return operator.attrgetter(*names)


def _kind(hint: Any) -> str:
    """What a field's type says it holds: "text", "texts" (a tuple of text), "record",
    "records" (a tuple of records) or "other" (numbers, dates, flags)."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    origin = typing.get_origin(hint)
    if hint is str or origin is Literal:
        return "text"
    if origin is tuple:
        item = args[0] if args else None
        if item is str:
            return "texts"
        return "records" if dataclasses.is_dataclass(item) else "other"
    if dataclasses.is_dataclass(hint):
        return "record"
    if args and origin is not None and len(args) == 1:  # X | None
        return _kind(args[0])
    return "other"


def _clean_value(value: Any, multiline: bool, counter: list[int]) -> Any:
    if isinstance(value, str):
        cleaned = clean_text(value, multiline=multiline)
        if cleaned is not value:
            counter[0] += 1
        return cleaned
    if isinstance(value, tuple):
        items = [_clean_value(v, multiline, counter) for v in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else tuple(items)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _clean_dataclass(value, counter)
    return value


def _clean_dataclass(obj: Any, counter: list[int]) -> Any:
    changes: dict[str, Any] = {}
    for name, multiline, _ in _fields(type(obj)):
        value = getattr(obj, name)
        cleaned = _clean_value(value, multiline, counter)
        if cleaned is not value:
            changes[name] = cleaned
    return dataclasses.replace(obj, **changes) if changes else obj


def clean_record(
    record: PaperRecord | PersonRecord | RecordError, *, path: str = ""
) -> tuple[PaperRecord | PersonRecord | RecordError, int]:
    """The record with every string field cleaned, however deeply nested (authors,
    venues, topics, institutions, references), and how many fields changed. A record
    whose title or a name has no letter or digit (once cleaned: it may have been
    nothing but control characters) becomes a RecordError saying which. A
    RecordError's reason is cleaned too but not counted: it is the loader's text."""
    if isinstance(record, RecordError):
        reason = clean_text(record.reason)
        if reason is record.reason:
            return record, 0
        return dataclasses.replace(record, reason=reason), 0
    texts: list[Any] = []
    paras: list[Any] = []
    nameless = _walk(type(record))(record, texts, paras)
    if nameless is not None:  # (cleaning would not change that: controls are no letters)
        return RecordError(path, record.line, f"{nameless} has no letter or digit"), 0
    if (
        _UNSAFE.search(" ".join(filter(None, texts))) is None
        and _UNSAFE_MULTILINE.search(" ".join(filter(None, paras))) is None
    ):
        return record, 0
    counter = [0]
    return _clean_dataclass(record, counter), counter[0]


@dataclass(slots=True)
class TextRepairs:
    """What cleaning changed in one document, for its load summary."""

    fields: int = 0
    records: int = 0
    first_line: int | None = None

    def add(self, line: int | None, changed: int) -> None:
        """Count one record (its line) in which ``changed`` fields were cleaned."""
        if changed:
            self.fields += changed
            self.records += 1
            if line is not None and (self.first_line is None or line < self.first_line):
                self.first_line = line

    def warning(self) -> str | None:
        """One line for the load summary, or None when nothing was cleaned."""
        if not self.fields:
            return None
        where = f", the first at line {self.first_line}" if self.first_line else ""
        return (
            f"control characters removed from {self.fields} text field(s) in "
            f"{self.records} record(s){where}"
        )


def clean_document(doc: ParsedDocument) -> ParsedDocument:
    """Clean every record of a parsed document in place; a warning joins
    ``doc.warnings`` when something was cleaned. Returns ``doc``. An owner whose name
    has no letter or digit is a :class:`ParseError`: the whole document is theirs."""
    repairs = TextRepairs()
    kept: dict[type, list[Any]] = {PaperRecord: [], PersonRecord: [], RecordError: []}
    emptied: list[RecordError] = []
    records: list[PaperRecord | PersonRecord | RecordError] = [
        *doc.errors,
        *doc.papers,
        *doc.people,
    ]
    for record in records:
        cleaned, changed = clean_record(record, path=doc.path)
        repairs.add(record.line, changed)
        if isinstance(cleaned, RecordError) and not isinstance(record, RecordError):
            emptied.append(cleaned)
        else:
            kept[type(cleaned)].append(cleaned)
    doc.papers, doc.people = kept[PaperRecord], kept[PersonRecord]
    doc.errors = kept[RecordError] + emptied
    if doc.owner is not None:
        owner, changed = clean_record(doc.owner, path=doc.path)
        repairs.add(doc.owner.line, changed)
        if not isinstance(owner, PersonRecord):
            reason = "the owner's name has no letter or digit"
            raise ParseError(doc.path, reason, line=doc.owner.line)
        doc.owner = owner
    warning = repairs.warning()
    if warning is not None:
        doc.warnings.append(warning)
    return doc
