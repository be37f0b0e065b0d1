"""What the CLI prints goes through here: text from documents is shown as text.

Names, titles and venues come from documents anyone can write. Rich would read
``Evil [/]`` as a closing tag (and crash), ``:x:`` as an emoji, and would pass an ESC
sequence straight to the terminal (clearing it, setting its title). So the CLI's
consoles are made here, and only here, with markup, emoji and highlighting off, also
where a caller or a table cell would turn them on; and every string they render is
stripped of control characters first, although the loaders already cleaned what
reached the store (belt and braces: a message can quote a file name or a command-line
argument too). JSON output escapes what ``json`` leaves raw (C1 controls, DEL, lone
surrogates).
"""

from __future__ import annotations

import json
import re
import sys
from typing import IO, Any

from rich.console import Console
from rich.text import Text

__all__ = ["console", "err_console", "make_console", "printable", "write_json"]

# C0 but TAB and LF, DEL, C1; lone surrogates cannot be encoded at all
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_RAW = re.compile("[\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without terminal control characters; a lone surrogate becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


class _PlainConsole(Console):
    """A console that renders every string as plain text, whatever the call asks."""

    def render_str(self, text: str, **kwargs: Any) -> Text:
        kwargs.update(markup=False, emoji=False, highlight=False)
        return super().render_str(printable(text), **kwargs)


def make_console(*, stderr: bool = False, file: IO[str] | None = None, **kwargs: Any) -> Console:
    """A console for document text (see the module docstring)."""
    return _PlainConsole(
        stderr=stderr, file=file, markup=False, emoji=False, highlight=False, **kwargs
    )


def write_json(data: Any) -> None:
    """``data`` as indented JSON on stdout. Non-ASCII text stays readable; the controls
    ``json`` would write raw are escaped, and a lone surrogate becomes U+FFFD."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    text = _SURROGATE.sub("\ufffd", text)
    text = _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    sys.stdout.write(text + "\n")


console = make_console()
err_console = make_console(stderr=True)
