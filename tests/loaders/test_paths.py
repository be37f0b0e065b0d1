"""Files are read only inside the folder the user named: a manifest names files in its
own folder (no "..", no absolute path, no link out of it), and folder discovery does
not follow a link out of the folder either. The refusal reads the same whether or not
the named file exists, and quotes nothing of any file."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.errors import ManifestError
from loaders.registry import discover, read_manifest

BIB = "@article{k, author={A B}, title={Inside}, year=2020}\n"


def _manifest(folder: Path, file: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / "manifest.toml"
    manifest.write_text(f'[[document]]\nfile = "{file}"\nformat = "bibtex"\n', encoding="utf-8")
    return manifest


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.bib"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    return secret


@pytest.mark.parametrize("name", ["../secret.bib", "../../etc/passwd", "sub/../../secret.bib"])
def test_a_manifest_cannot_name_a_file_above_its_folder(
    tmp_path: Path, outside: Path, name: str
) -> None:
    with pytest.raises(ManifestError, match="outside the manifest's folder") as info:
        read_manifest(_manifest(tmp_path / "docs", name))
    assert "root:x" not in str(info.value) and info.value.details["line"] == 1


def test_a_manifest_cannot_name_an_absolute_path(tmp_path: Path, outside: Path) -> None:
    for name in (str(outside), "/etc/passwd", "/no/such/file"):
        with pytest.raises(ManifestError, match="outside the manifest's folder"):
            read_manifest(_manifest(tmp_path / "docs", name))


def test_the_refusal_does_not_tell_whether_the_file_exists(tmp_path: Path, outside: Path) -> None:
    messages = []
    for name in ("../secret.bib", "../missing.bib"):
        with pytest.raises(ManifestError) as info:
            read_manifest(_manifest(tmp_path / "docs", name))
        messages.append(str(info.value).replace(name, "NAME"))
    assert messages[0] == messages[1]


def test_a_manifest_cannot_reach_out_through_a_link(tmp_path: Path, outside: Path) -> None:
    docs = tmp_path / "docs"
    manifest = _manifest(docs, "link.bib")
    (docs / "link.bib").symlink_to(outside)
    with pytest.raises(ManifestError, match="outside the manifest's folder"):
        read_manifest(manifest)
    (docs / "dir").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(ManifestError, match="outside the manifest's folder"):
        read_manifest(_manifest(docs, "dir/secret.bib"))


def test_links_inside_the_folder_are_fine(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "real.bib").write_text(BIB, encoding="utf-8")
    (docs / "alias.bib").symlink_to(docs / "real.bib")
    assert [s.path.name for s in read_manifest(_manifest(docs, "alias.bib"))] == ["alias.bib"]
    (docs / "manifest.toml").unlink()
    assert sorted(s.path.name for s in discover([docs])) == ["alias.bib", "real.bib"]


def test_folder_discovery_does_not_follow_a_link_out(tmp_path: Path, outside: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "real.bib").write_text(BIB, encoding="utf-8")
    (docs / "link.bib").symlink_to(outside)
    with pytest.raises(ManifestError, match=r"link\.bib.*outside") as info:
        discover([docs])
    assert "root:x" not in str(info.value)
    (docs / "link.bib").unlink()
    (docs / "linked-dir").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.bib").write_text(BIB, encoding="utf-8")
    with pytest.raises(ManifestError, match="outside"):
        discover([docs])


def test_a_file_named_on_its_own_is_read_even_through_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.bib"
    real.write_text(BIB, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    link = tmp_path / "docs" / "link.bib"
    link.symlink_to(real)
    assert [s.format for s in discover([link])] == ["bibtex"]  # the user named it


def test_a_name_with_a_nul_character_is_refused(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "manifest.toml").write_text(
        '[[document]]\nfile = "a.bib\\u0000"\nformat = "bibtex"\n', encoding="utf-8"
    )
    with pytest.raises(ManifestError, match="not a file name"):
        read_manifest(docs / "manifest.toml")


@pytest.mark.parametrize(
    "text", ["x = " + "9" * 5000 + "\n", "x = " + "[" * 100_000 + "\n", "x = '\udcff'\n"]
)
def test_a_manifest_toml_cannot_read_is_a_manifest_error(tmp_path: Path, text: str) -> None:
    manifest = tmp_path / "manifest.toml"
    manifest.write_bytes(text.encode("utf-8", "surrogateescape"))
    with pytest.raises(ManifestError, match="not valid TOML"):
        read_manifest(manifest)


def test_a_name_too_long_for_the_file_system_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="does not exist"):
        read_manifest(_manifest(tmp_path / "docs", "x" * 5000))
    with pytest.raises(ManifestError, match="no such file"):
        discover([tmp_path / ("y" * 5000)])
