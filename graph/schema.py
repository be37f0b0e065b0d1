"""The graph's schema, declared once: node labels, relationship types, identifier kinds.

Everything that used to spell these out by hand derives from the tables below: the
Neo4j constraints and indexes (graph/store/cypher.py), the embedded store's identity
indexes (graph/store/memory.py), the bulk-import CSV headers (graph/bulk.py), the
resolver's key precedence and id-conflict rule (graph/resolve.py), the property-merge
rule for identifiers (first seen wins) and the typed detail records. Adding an
identifier is one :class:`Identifier` line here (plus the record field the loader that
reads it fills, named like ``prop``) and its tests.

Order matters: within a label, identifiers are listed strongest first, and that is the
order the resolver tries them in and the key a new node's id is hashed from. The key
strings (``doi:10.1145/...``) are part of the id rule, so an existing ``key`` is never
renamed: every stored id would change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from loaders.identifiers import (
    clean_arxiv_id,
    clean_dblp_key,
    clean_dblp_pid,
    clean_doi,
    clean_lens_id,
    clean_openalex_id,
    clean_orcid,
    clean_pmcid,
    clean_pmid,
    clean_researcher_id,
    clean_ror,
    clean_s2_author_id,
    clean_s2_paper_id,
    clean_scopus_author_id,
    clean_scopus_eid,
    clean_wos_ut,
)

__all__ = [
    "AUTHOR",
    "AUTHOR_IDENTIFIERS",
    "CITES",
    "IDENTIFIERS",
    "INDEXED_PROPERTIES",
    "NODE_LABELS",
    "PAPER",
    "PAPER_IDENTIFIERS",
    "REL_TYPES",
    "TEXT_INDEXED_PROPERTIES",
    "Identifier",
    "identifiers_of",
]

AUTHOR = "Author"
PAPER = "Paper"
VENUE = "Venue"
TOPIC = "Topic"
SOURCE = "Source"
INSTITUTION = "Institution"
NODE_LABELS: tuple[str, ...] = (AUTHOR, PAPER, VENUE, TOPIC, SOURCE, INSTITUTION)

AUTHORED = "AUTHORED"
PUBLISHED_IN = "PUBLISHED_IN"
HAS_TOPIC = "HAS_TOPIC"
FROM_SOURCE = "FROM_SOURCE"
AFFILIATED_WITH = "AFFILIATED_WITH"
# (citing Paper)-[:CITES]->(cited Paper). A cited work the corpus does not hold is a
# Paper with ``cited_only`` set: its title, year and first author come from the
# reference, ``cited_key`` is the key references meet on (loaders/references.py).
CITES = "CITES"
REL_TYPES: tuple[str, ...] = (
    AUTHORED,
    PUBLISHED_IN,
    HAS_TOPIC,
    FROM_SOURCE,
    AFFILIATED_WITH,
    CITES,
)


@dataclass(frozen=True, slots=True)
class Identifier:
    """One kind of external identifier a node can carry.

    ``key`` prefixes the identity key the resolver matches on (``doi:10.1/x``);
    ``prop`` is the node property, the row's ``ids`` entry and the record field that
    holds it; ``normalize`` turns what a document writes into the one normal form (or
    ``None``: not an identifier of this kind).
    """

    key: str
    label: str
    prop: str
    normalize: Callable[[str | None], str | None]
    title: str

    def key_of(self, value: str) -> str:
        return f"{self.key}:{value}"


IDENTIFIERS: tuple[Identifier, ...] = (
    # Paper, strongest first
    Identifier("doi", PAPER, "doi", clean_doi, "DOI"),
    Identifier("arxiv", PAPER, "arxiv_id", clean_arxiv_id, "arXiv id"),
    Identifier("dblp", PAPER, "dblp_key", clean_dblp_key, "DBLP key"),
    Identifier("openalex", PAPER, "openalex_id", clean_openalex_id, "OpenAlex work id"),
    Identifier("wos", PAPER, "wos_ut", clean_wos_ut, "Web of Science UT"),
    Identifier("scopus", PAPER, "scopus_eid", clean_scopus_eid, "Scopus EID"),
    Identifier("pmid", PAPER, "pmid", clean_pmid, "PubMed id"),
    Identifier("pmcid", PAPER, "pmcid", clean_pmcid, "PubMed Central id"),
    Identifier("s2", PAPER, "s2_id", clean_s2_paper_id, "Semantic Scholar paper id"),
    Identifier("lens", PAPER, "lens_id", clean_lens_id, "Lens.org work id"),
    # Author, strongest first
    Identifier("orcid", AUTHOR, "orcid", clean_orcid, "ORCID iD"),
    Identifier("dblp", AUTHOR, "dblp_pid", clean_dblp_pid, "DBLP person"),
    Identifier("openalex", AUTHOR, "openalex_id", clean_openalex_id, "OpenAlex author id"),
    Identifier("scopus", AUTHOR, "scopus_author_id", clean_scopus_author_id, "Scopus author id"),
    Identifier("s2", AUTHOR, "s2_author_id", clean_s2_author_id, "Semantic Scholar author id"),
    Identifier("rid", AUTHOR, "researcher_id", clean_researcher_id, "Web of Science ResearcherID"),
    # Institution
    Identifier("ror", INSTITUTION, "ror", clean_ror, "ROR id"),
)


def identifiers_of(label: str) -> tuple[Identifier, ...]:
    """The identifier kinds a node of ``label`` carries, strongest first."""
    return tuple(i for i in IDENTIFIERS if i.label == label)


PAPER_IDENTIFIERS = identifiers_of(PAPER)
AUTHOR_IDENTIFIERS = identifiers_of(AUTHOR)

# Properties looked up by equality (identity keys, name search, source dedup); every
# identifier is one of them. Neo4j gets a range index on each, the embedded store a
# dictionary.
INDEXED_PROPERTIES: tuple[tuple[str, str], ...] = (
    (AUTHOR, "name_key"),
    (AUTHOR, "surname_key"),
    # identity on evidence (graph/author_identity.py): candidates by first initial and
    # family name, name commonness by given name, and what a load created
    (AUTHOR, "initial_key"),
    (AUTHOR, "given_key"),
    (AUTHOR, "created_by"),
    *((AUTHOR, i.prop) for i in AUTHOR_IDENTIFIERS),
    *((PAPER, i.prop) for i in PAPER_IDENTIFIERS),
    (PAPER, "title_key"),
    (PAPER, "cited_key"),
    (PAPER, "cited_only"),
    (SOURCE, "sha256"),
    *((INSTITUTION, i.prop) for i in identifiers_of(INSTITUTION)),
    (INSTITUTION, "country_code"),
)
# Properties searched by substring (author search, paper search).
TEXT_INDEXED_PROPERTIES: tuple[tuple[str, str, str], ...] = (
    ("author_name_text", AUTHOR, "name_key"),
    ("paper_title_text", PAPER, "title_key"),
)
