"""PubMed E-utilities XML (``pubmed_xml``): the sample's prolog and one
``PubmedArticleSet`` root, a ``PubmedArticle`` per record.

An author is the sample's whole ``Author`` element (names, ORCID ``Identifier``,
``AffiliationInfo``). A copy gets a PMID of its own in ``MedlineCitation`` and in its
``ArticleIdList`` (with the DOI and PMC id there and in ``ELocationID``); the PMIDs
and DOIs of its references and comments are other works' and stay as written.
"""

from __future__ import annotations

import copy as copying
import random
import re
import xml.etree.ElementTree as ET

from benchmarks.exports.base import Export, Pool, Samples, new_doi, new_pmid, numbered

__all__ = ["PubmedXml", "author_names"]

_ARTICLE_RE = re.compile(r"<PubmedArticle>.*?</PubmedArticle>", re.S)
_PROLOG_END = "<PubmedArticleSet>"


def _key(author: ET.Element) -> tuple[str, ...]:
    return tuple(
        (child.text or "").strip()
        for child in author
        if child.tag in ("LastName", "ForeName", "Initials", "CollectiveName", "Identifier")
    )


def _numbered(element: ET.Element, copy: int) -> None:
    """A copy number at the end of an element's text, after any markup inside it."""
    if len(element):
        last = element[-1]
        last.tail = numbered((last.tail or "").rstrip(), copy)
    else:
        element.text = numbered((element.text or "").strip(), copy)


def author_names(samples: Samples) -> list[ET.Element]:
    """Every distinct personal ``Author`` of the PubMed XML samples (Crossref's pool
    borrows them)."""
    pool: Pool[ET.Element] = Pool(_key)
    for path in samples.files("pubmed_xml"):
        text = path.read_bytes().decode("utf-8")
        for block in _ARTICLE_RE.findall(text):
            pool.extend(
                a for a in ET.fromstring(block).iter("Author") if a.find("LastName") is not None
            )
    return pool.people


class PubmedXml(Export):
    fmt = "pubmed_xml"
    suffix = ".xml"

    def __init__(self, samples: Samples) -> None:
        self._prolog = ""
        self._articles: list[ET.Element] = []
        self._pool: Pool[ET.Element] = Pool(_key)
        for path in samples.files(self.fmt):
            text = path.read_bytes().decode("utf-8")
            prolog = text[: text.index(_PROLOG_END) + len(_PROLOG_END)] + "\n"
            if self._prolog and prolog != self._prolog:
                continue  # one prolog (DOCTYPE) per file
            self._prolog = prolog
            for block in _ARTICLE_RE.findall(text):
                article = ET.fromstring(block)
                self._articles.append(article)
                author_list = article.find("MedlineCitation/Article/AuthorList")
                self._pool.extend(author_list if author_list is not None else ())
        self.templates = len(self._articles)
        self.authors = len(self._pool)

    def header(self) -> str:
        return self._prolog

    def record(self, copy: int, index: int, rng: random.Random) -> str:
        article = copying.deepcopy(self._articles[index])
        pmid = new_pmid(copy, index)
        citation = article.find("MedlineCitation")
        assert citation is not None
        own_pmid = citation.find("PMID")
        if own_pmid is not None:
            own_pmid.text = pmid
        title = citation.find("Article/ArticleTitle")
        if title is not None:
            _numbered(title, copy)
        for loc in citation.iterfind("Article/ELocationID[@EIdType='doi']"):
            loc.text = new_doi((loc.text or "").strip(), copy)
        for aid in article.iterfind("PubmedData/ArticleIdList/ArticleId"):
            kind = aid.get("IdType")
            if kind == "pubmed":
                aid.text = pmid
            elif kind == "doi":
                aid.text = new_doi((aid.text or "").strip(), copy)
            elif kind == "pmc":
                aid.text = f"PMC{pmid}"
        author_list = citation.find("Article/AuthorList")
        if author_list is not None and len(author_list):
            tails = [a.tail for a in author_list]
            drawn = self._pool.draw(rng, len(author_list))
            for old in list(author_list):
                author_list.remove(old)
            for person, tail in zip(drawn, tails, strict=False):
                fresh = copying.deepcopy(person)
                fresh.tail = tail
                author_list.append(fresh)
            if len(author_list):
                author_list[-1].tail = tails[-1]
        article.tail = "\n\n"
        return ET.tostring(article, encoding="unicode")

    def footer(self, records: int) -> str:
        return "</PubmedArticleSet>\n"
