"""JSON nested 200,000 levels deep is a ParseError naming the file, for every format
of the table (the JSON loaders decode through loaders/jsonsafe.py), never a
RecursionError; the CLI says so in one line, the API answers 422."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from loaders.errors import ParseError, UnknownFormatError
from loaders.registry import FORMATS, DocumentSpec, parse_document

LEVELS = 200_000
DEEP = {
    "array": "[" * LEVELS + "]" * LEVELS + "\n",
    "in a work": '{"id": "https://openalex.org/W1", "authorships": '
    + "[" * LEVELS
    + "]" * LEVELS
    + "}\n",
    "in an arXiv line": '{"id": "0704.0001", "submitter": "S", "authors_parsed": '
    + "[" * LEVELS
    + "]" * LEVELS
    + "}\n",
    "after a good line": json.dumps(
        {"id": "0704.0001", "submitter": "S", "title": "T", "authors_parsed": [["A", "B", ""]]}
    )
    + "\n"
    + '{"id": "0704.0002", "x": '
    + "{"
    + '"a":{' * LEVELS
    + "}" * LEVELS
    + "}\n",
}


@pytest.mark.parametrize("fmt", [f.name for f in FORMATS])
@pytest.mark.parametrize("shape", list(DEEP))
def test_deep_json_is_a_parse_error_naming_the_file(tmp_path: Path, fmt: str, shape: str) -> None:
    path = tmp_path / "deep.json"
    path.write_text(DEEP[shape], encoding="utf-8")
    with pytest.raises((ParseError, UnknownFormatError)) as info:
        doc = parse_document(DocumentSpec(path, fmt))
        # a format may also read it as one bad record; then it must say so (a JSON-lines
        # reader keeps the good line before it)
        assert doc.errors, (fmt, shape, doc)
        assert shape == "after a good line" or not doc.papers, (fmt, shape, doc)
        raise ParseError(str(path), doc.errors[0].reason)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("fmt", ["arxiv", "openalex"])
def test_json_loaders_call_deep_nesting_what_it_is(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "deep.json"
    path.write_text(DEEP["array"], encoding="utf-8")
    with pytest.raises(ParseError, match="nested too deeply") as info:
        parse_document(DocumentSpec(path, fmt))
    assert info.value.line == 1


def test_the_cli_says_it_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text(DEEP["in a work"], encoding="utf-8")
    result = CliRunner().invoke(
        app, ["load", str(path), "--data-dir", str(tmp_path / "s")], env={"NEO4J_URI": ""}
    )
    assert result.exit_code == 2, result.output
    assert result.output.strip().count("\n") == 0, result.output
    assert f"{path}:1: not usable JSON: nested too deeply" in result.output
