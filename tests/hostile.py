"""Hostile documents, written on demand (the repository holds no raw control bytes).

Each carries text a terminal, an XML writer or Rich would misread: Rich markup
(``[/]``, ``[bold]``), emoji codes (``:x:``), ANSI escapes that clear the screen or set
the window title, NUL, C1 controls (U+009B is a one-byte CSI), BEL and, in JSON, a lone
surrogate. The names also co-author with the seed owners, so queries over the seeds
print them.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["CONTROL", "write_hostile"]

ESC = "\x1b"
CONTROL = [chr(c) for c in range(0x20) if chr(c) not in "\t\n"] + [
    chr(c) for c in range(0x7F, 0xA0)
]

BIBTEX = (
    "@article{evil1, author={Collab, Evil [/] and Mao, Ziming and Zhuo, Danyang},\n"
    f"  title={{Clear{ESC}[2Jscreen :x: {ESC}]0;pwned\x07 title}}, year=2020,\n"
    f"  abstract={{Line one{ESC}[31m\n\nline two\x85 end}}}}\n"
    f"@article{{evil2, author={{Collab, Evil [/] and Zhuo, Danyang and Bell\x07{ESC}[2J, Ring}},\n"
    "  title={Second [bold]paper[/bold] :thumbs_up:}, year=2021}\n"
)

ARXIV = {
    "id": "2401.00001",
    "submitter": "E",
    "authors": "A",
    "title": "Null\u0000and\u001bESC\u009bCSI title \ud800 lone",
    "authors_parsed": [["Person\u001b[2J", "Evil\u0000", ""], ["Zhuo", "Danyang", ""]],
    "abstract": "tab\there\nnew\u0007line",
    "categories": "cs.DC",
    "versions": [{"version": "v1", "created": "Mon, 1 Jan 2024 00:00:00 GMT"}],
}

OPENALEX = {
    "id": "https://openalex.org/W1",
    "display_name": "Open\u001b]0;pwned\u0007Alex \ufffe title",
    "publication_year": 2022,
    "authorships": [
        {"author": {"display_name": "Hostile\u009b2J Author"}},
        {"author": {"display_name": "Ziming Mao"}},
    ],
}

# XML 1.0 allows the C1 range (not C0): the one way controls reach a dblp record
DBLP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<dblp>\n'
    '<article key="journals/x/Evil1" mdate="2024-01-01">\n'
    "<author>C1&#x9b;2J Person</author><author>Ziming Mao</author>\n"
    "<title>A &#x85;C1&#x9b;31m title.</title><year>2023</year><journal>J</journal>\n"
    "</article>\n</dblp>\n"
)


def write_hostile(folder: Path) -> dict[str, Path]:
    """Write one hostile document per format that can carry control characters."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "bibtex": folder / "evil.bib",
        "arxiv": folder / "evil-arxiv.json",
        "openalex": folder / "evil-openalex.json",
        "dblp": folder / "evil-dblp.xml",
    }
    files["bibtex"].write_text(BIBTEX, encoding="utf-8")
    # json.dumps escapes the controls and the lone surrogate as \\uXXXX: valid JSON
    files["arxiv"].write_text(json.dumps(ARXIV) + "\n", encoding="utf-8")
    files["openalex"].write_text(json.dumps(OPENALEX) + "\n", encoding="utf-8")
    files["dblp"].write_text(DBLP, encoding="utf-8")
    return files
