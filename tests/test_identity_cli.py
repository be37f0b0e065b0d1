"""`coauthor-kg explain` and `coauthor-kg identity ...` as a user runs them: the evidence
of a merge, and corrections kept in a file that a reset and reload obey."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from api.cli import app
from tests.conftest import SEEDS
from tests.graph.test_corrections import namesake_files

runner = CliRunner()


def _run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args), env={"NEO4J_URI": "", **(env or {})})
    print(result.output)  # pytest shows it when an assertion fails
    return result


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    result = _run(*args, "--json")
    assert result.exit_code == 0
    data: dict = json.loads(result.output)  # type: ignore[type-arg]
    return data


def _wei_wangs(data_dir: str) -> list[str]:
    found = _json("query", "authors", "Wei Wang", "--data-dir", data_dir)["data"]
    return [a["id"] for a in found if a["name"] == "Wei Wang"]


def test_explain_shows_the_evidence_of_each_occurrence(tmp_path: Path) -> None:
    d = str(tmp_path / "store")
    assert _run("load", str(SEEDS), "--data-dir", d).exit_code == 0
    data = _json("explain", "Shiyi Cao", "--data-dir", d)
    assert data["author"]["name"] == "Shiyi Cao"
    occurrences = data["occurrences"]
    assert len(occurrences) == 3 and data["weak"] == 1
    fairness = next(o for o in occurrences if o["weak"])
    assert fairness["paper"]["title"] == "Fairness in Serving Large Language Models"
    assert fairness["source"]["format"] == "profile" and fairness["spelling"] == "Shiyi Cao"
    assert [c["kind"] for c in fairness["evidence"]] == ["topic"]
    text = _run("explain", "Shiyi Cao", "--data-dir", d)
    assert text.exit_code == 0
    assert "WEAK" in text.output and "shares topics" in text.output
    missing = _run("explain", "Nobody Atall", "--data-dir", d)
    assert missing.exit_code != 0 and "no author matches" in missing.output


def test_corrections_are_kept_in_a_file_and_survive_reset_and_reload(tmp_path: Path) -> None:
    d = str(tmp_path / "store")
    bib = str(namesake_files(tmp_path / "bib"))
    where = tmp_path / "repo" / "identity.toml"  # a file the user keeps under git
    env = {"COAUTHOR_KG_CORRECTIONS": str(where)}
    assert _run("load", str(SEEDS), bib, "--data-dir", d, env=env).exit_code == 0
    wang = _wei_wangs(d)
    assert len(wang) == 2  # nothing in common: two people to the resolver
    merged = _run("identity", "merge", wang[0], wang[1], "--note", "one person",
                  "--data-dir", d, env=env)  # fmt: skip
    assert merged.exit_code == 0 and str(where) in merged.output
    cao = _json("explain", "Shiyi Cao", "--data-dir", d)
    weak_paper = next(o["paper"]["id"] for o in cao["occurrences"] if o["weak"])
    split = _run("identity", "split", "Shiyi Cao", "--papers", weak_paper, "--data-dir", d,
                 env=env)  # fmt: skip
    assert split.exit_code == 0, split.output

    listed = _json("identity", "list", "--data-dir", d, "--corrections", str(where))
    assert listed["file"] == str(where)
    assert [next(iter(c)) for c in listed["corrections"]] == ["merge", "split"]

    def state() -> tuple[int, list[str], list[str]]:
        authors = _json("stats", "--data-dir", d)["nodes"]["Author"]
        shared = _json("query", "shared", "Mao", "Zhuo", "--data-dir", d)["shared_by_all"]
        return authors, _wei_wangs(d), [c["name"] for c in shared]

    before = state()
    assert before[1] == [wang[0]] and before[2] == []
    assert _run("reset", "--yes", "--data-dir", d).exit_code == 0
    assert where.is_file()  # reset leaves the corrections alone
    assert _run("load", str(SEEDS), bib, "--data-dir", d, env=env).exit_code == 0
    assert state() == before

    # export, and import into another store: the same corrections, applied there now
    exported = tmp_path / "export.toml"
    assert _run("identity", "export", str(exported), "--data-dir", d, env=env).exit_code == 0
    other = str(tmp_path / "other")
    other_file = tmp_path / "other.toml"
    other_env = {"COAUTHOR_KG_CORRECTIONS": str(other_file)}
    assert _run("load", str(SEEDS), bib, "--data-dir", other, env=other_env).exit_code == 0
    imported = _run("identity", "import", str(exported), "--data-dir", other, env=other_env)
    assert imported.exit_code == 0 and "2 new correction(s), 2 applied" in imported.output
    assert other_file.read_text() == exported.read_text()
    assert _wei_wangs(other) == [wang[0]]
    again = _run("identity", "import", str(exported), "--data-dir", other, env=other_env)
    assert "0 new correction(s)" in again.output


def test_split_needs_papers_or_a_source(tmp_path: Path) -> None:
    d = str(tmp_path / "store")
    env = {"COAUTHOR_KG_CORRECTIONS": str(tmp_path / "c.toml")}
    assert _run("load", str(SEEDS), "--data-dir", d, env=env).exit_code == 0
    bad = _run("identity", "split", "Mao", "--data-dir", d, env=env)
    assert bad.exit_code != 0 and "--papers" in bad.output
    by_source = _run(
        "identity", "split", "Shiyi Cao", "--source", "001_092fb8031e0953bf.txt",
        "--data-dir", d, env=env,
    )  # fmt: skip
    assert by_source.exit_code == 0, by_source.output
    found = _json("query", "authors", "Shiyi Cao", "--data-dir", d)["data"]
    assert [a["name"] for a in found] == ["Shiyi Cao", "Shiyi Cao"]
