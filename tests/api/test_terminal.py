"""The CLI's consoles print text as text: no markup, no emoji, no control sequence."""

from __future__ import annotations

import io
import json

import pytest
from rich.table import Table

from api.terminal import make_console, write_json
from tests.hostile import CONTROL


def _no_controls(text: str) -> None:
    bad = sorted({c for c in text if c in CONTROL})
    assert not bad, bad


def test_console_is_plain_text_and_strips_control_sequences() -> None:
    out = io.StringIO()
    console = make_console(file=out, width=200)
    table = Table(title="[/] :x:")
    table.add_column("[red]name")
    table.add_row("Evil [/] \x1b]0;pwned\x07Collab :x:", "\x9b2J")
    console.print(table)
    console.print("[/]", ":smile:", "a\x1b[2Jb\ud800", markup=True, emoji=True)
    text = out.getvalue()
    assert "[/] :x:" in text and "[red]name" in text and "Evil [/] ]0;pwnedCollab :x:" in text
    assert "[/] :smile: a[2Jb\ufffd" in text
    _no_controls(text.replace("\n", ""))


def test_json_output_escapes_every_control(capsys: pytest.CaptureFixture[str]) -> None:
    write_json({"name": "a\x1b[2J\x9b\x7f\ud800b", "ok": "Gröbner"})
    text = capsys.readouterr().out
    _no_controls(text.replace("\n", ""))
    assert json.loads(text) == {"name": "a\x1b[2J\x9b\x7f\ufffdb", "ok": "Gröbner"}
