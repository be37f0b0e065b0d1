"""The JSON exports: Semantic Scholar (``s2``) and Crossref (``crossref``).

- S2 is written as the bulk datasets are, JSON lines, one paper per line. The
  templates are every paper of the samples: the 1,000 papers citing Turing's (the
  ``citations`` of Paper.json), the 60 of Author.json's ``papers``, and Turing's paper
  itself without its ``citations`` (which the loader would read as records of their
  own). An author is an author list entry, ``authorId`` and ``name``: the full author
  object of Paper.json (aliases, h-index) is cut to those two, so every line is one
  record. Every id in ``externalIds`` is made the copy's own.
- Crossref is written as the REST API's work list, ``{"message": {"items": [...]}}``
  on one line as the API sends it; its two sample works are single-work responses,
  whose ``message`` is an item. They name ten people between them, so the pool also
  takes every personal author of the PubMed XML samples, written as Crossref writes
  an author (given, family, affiliation names, ORCID URL).
"""

from __future__ import annotations

import copy as copying
import hashlib
import json
import random
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from benchmarks.exports.base import Export, Pool, Samples, new_doi, new_pmid, numbered, serial
from benchmarks.exports.pubmed import author_names

__all__ = ["CrossrefWorks", "S2Papers"]

Json = dict[str, Any]


def _load(path: Path) -> Any:
    return json.loads(path.read_bytes().decode("utf-8-sig"))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# -------------------------------------------------------------------- Semantic Scholar


def _s2_papers(document: Any) -> list[Json]:
    """The papers of one S2 sample document, each standing alone."""
    if not isinstance(document, dict):
        return [p for d in document or [] for p in _s2_papers(d)]
    if "data" in document:
        return [p for d in document["data"] for p in _s2_papers(d)]
    if "papers" in document and "title" not in document:
        return [dict(p) for p in document["papers"] if isinstance(p, dict)]
    paper = {k: v for k, v in document.items() if k != "citations"}
    citing = [c.get("citingPaper", c) for c in document.get("citations") or []]
    return [paper, *(dict(c) for c in citing if isinstance(c, dict))]


def _s2_author(entry: Json) -> Json:
    return {"authorId": entry.get("authorId"), "name": entry.get("name")}


def _s2_ids(ids: Json, copy: int, index: int) -> Json:
    out: Json = {}
    for kind, value in ids.items():
        if value is None:
            out[kind] = None
        elif kind in ("PubMed", "PubMedCentral"):
            out[kind] = new_pmid(copy, index)
        elif kind == "CorpusId":
            out[kind] = int(serial(copy, index))
        elif kind == "MAG":
            out[kind] = serial(copy, index)
        else:  # DOI, ArXiv, DBLP, ACL, ...: the original with the copy's suffix
            out[kind] = new_doi(str(value), copy)
    return out


class S2Papers(Export):
    fmt = "s2"
    suffix = ".jsonl"

    def __init__(self, samples: Samples) -> None:
        self._papers: list[Json] = []
        self._pool: Pool[Json] = Pool(lambda a: (a["authorId"], a["name"]))
        for path in samples.files(self.fmt):
            for paper in _s2_papers(_load(path)):
                authors = [_s2_author(a) for a in paper.get("authors") or [] if isinstance(a, dict)]
                paper["authors"] = authors
                self._papers.append(paper)
                self._pool.extend(a for a in authors if a["name"])
        self.templates = len(self._papers)
        self.authors = len(self._pool)

    def record(self, copy: int, index: int, rng: random.Random) -> str:
        paper = dict(self._papers[index])
        own = paper.get("paperId") or str(index)
        paper_id = hashlib.sha1(f"{own}:{copy}".encode()).hexdigest()
        paper["paperId"] = paper_id
        if paper.get("url"):
            paper["url"] = f"https://www.semanticscholar.org/paper/{paper_id}"
        if isinstance(paper.get("externalIds"), dict):
            paper["externalIds"] = _s2_ids(paper["externalIds"], copy, index)
        if "corpusId" in paper:
            paper["corpusId"] = int(serial(copy, index))
        if isinstance(paper.get("title"), str):
            paper["title"] = numbered(paper["title"], copy)
        paper["authors"] = self._pool.draw(rng, len(paper["authors"]))
        return _dumps(paper) + "\n"


# ---------------------------------------------------------------------------- Crossref


def _works(document: Any) -> list[Json]:
    message = document.get("message", document) if isinstance(document, dict) else document
    if isinstance(message, dict) and isinstance(message.get("items"), list):
        return list(message["items"])
    if isinstance(document, dict) and isinstance(document.get("items"), list):
        return list(document["items"])
    return [message] if isinstance(message, dict) else list(message or [])


def _as_crossref(author: ET.Element) -> Json:
    """A PubMed ``Author`` written as a Crossref work's author entry."""
    out: Json = {}
    given = author.findtext("ForeName")
    if given:
        out["given"] = given
    out["family"] = author.findtext("LastName") or ""
    out["sequence"] = "additional"
    out["affiliation"] = [
        {"name": a.text} for a in author.iterfind("AffiliationInfo/Affiliation") if a.text
    ]
    for ident in author.iterfind("Identifier"):
        if ident.get("Source") == "ORCID" and ident.text:
            out["ORCID"] = "http://orcid.org/" + ident.text.strip().rsplit("/", 1)[-1]
    return out


def _with_doi(work: Json, doi: str) -> None:
    old = work.get("DOI")
    work["DOI"] = doi
    if not old:
        return
    if isinstance(work.get("URL"), str):
        work["URL"] = work["URL"].replace(old, doi)
    primary = work.get("resource", {}).get("primary")
    if isinstance(primary, dict) and isinstance(primary.get("URL"), str):
        work["resource"] = {**work["resource"], "primary": {**primary}}
        work["resource"]["primary"]["URL"] = primary["URL"].replace(old, doi)
    if isinstance(work.get("link"), list):
        work["link"] = [
            {**link, "URL": link["URL"].replace(old, doi)}
            if isinstance(link, dict) and isinstance(link.get("URL"), str)
            else link
            for link in work["link"]
        ]


class CrossrefWorks(Export):
    fmt = "crossref"
    suffix = ".json"
    separator = ","

    def __init__(self, samples: Samples) -> None:
        self._works: list[Json] = []
        self._pool: Pool[Json] = Pool(lambda a: (a.get("given"), a.get("family"), a.get("ORCID")))
        for path in samples.files(self.fmt):
            for work in _works(_load(path)):
                self._works.append(work)
                self._pool.extend(a for a in work.get("author") or [] if isinstance(a, dict))
        self._pool.extend(_as_crossref(a) for a in author_names(samples))
        self.templates = len(self._works)
        self.authors = len(self._pool)

    def header(self) -> str:
        return (
            '{"status":"ok","message-type":"work-list","message-version":"1.0.0",'
            '"message":{"items":['
        )

    def record(self, copy: int, index: int, rng: random.Random) -> str:
        work = dict(self._works[index])
        if work.get("DOI"):
            _with_doi(work, new_doi(work["DOI"], copy))
        if isinstance(work.get("title"), list) and work["title"]:
            work["title"] = [numbered(work["title"][0], copy), *work["title"][1:]]
        if isinstance(work.get("author"), list):
            drawn = [copying.copy(a) for a in self._pool.draw(rng, len(work["author"]))]
            for position, author in enumerate(drawn):
                author["sequence"] = "first" if position == 0 else "additional"
            work["author"] = drawn
        return _dumps(work)

    def footer(self, records: int) -> str:
        return f'],"total-results":{records},"items-per-page":{records}}}}}\n'
