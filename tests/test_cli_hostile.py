"""Document text is never markup, emoji or a terminal control sequence, wherever the
CLI prints it: reports, tables, load summaries and error messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from tests.conftest import SEEDS
from tests.hostile import CONTROL, write_hostile

runner = CliRunner()


def _run(*args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args), env={"NEO4J_URI": ""})
    print(result.output)
    return result


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("hostile")
    files = write_hostile(tmp / "docs")
    data = str(tmp / "store")
    result = _run("load", str(SEEDS), *map(str, files.values()), "--data-dir", data)
    assert result.exit_code == 0, result.output
    return data


def test_load_summary_warns_per_cleaned_document(tmp_path: Path) -> None:
    files = write_hostile(tmp_path / "docs")
    result = _run("load", *map(str, files.values()), "--data-dir", str(tmp_path / "s"))
    assert result.exit_code == 0
    assert result.output.count("warning: control characters removed") == len(files)
    _no_controls(result.output)


def _no_controls(text: str) -> None:
    bad = sorted({c for c in text if c in CONTROL and c not in "\r"})
    assert not bad, bad


def test_names_with_markup_print_as_written(hostile_dir: str) -> None:
    # the hostile BibTeX's Mao and Zhuo share no evidence with the seeds' (issue 15):
    # they are people of their own, so the shared question is asked about its names
    result = _run("query", "shared", "Collab", "Ring", "--data-dir", hostile_dir)
    assert result.exit_code == 0, result.exception
    assert "Evil [/] Collab" in result.output
    assert "Second [bold]paper[/bold]" in result.output
    _no_controls(result.output)


def test_titles_print_without_emoji_or_escape_sequences(hostile_dir: str) -> None:
    result = _run("query", "papers", "title", "--data-dir", hostile_dir)
    assert result.exit_code == 0, result.exception
    assert ":x:" in result.output and "❌" not in result.output
    _no_controls(result.output)
    second = _run("query", "papers", "Second", "--data-dir", hostile_dir)
    assert "[bold]paper[/bold] :thumbs_up:" in second.output


def test_error_messages_quote_document_text_as_text(tmp_path: Path) -> None:
    bad = tmp_path / "bad.bib"
    bad.write_text("@article{k, title={:x: [bold]x[/]\x1b[2J}, year=2020 @@@}\n")
    result = _run("load", str(bad), "--data-dir", str(tmp_path / "s"))
    assert "❌" not in result.output
    _no_controls(result.output)
    missing = _run("query", "coauthors", ":x: [/]", "--data-dir", str(tmp_path / "s"))
    assert missing.exit_code == 2
    assert "':x: [/]'" in missing.output and "❌" not in missing.output
