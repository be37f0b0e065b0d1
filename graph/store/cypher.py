"""Every Cypher statement coauthor-kg sends, in one place.

Writes are ``UNWIND $rows ... MERGE`` so one round trip carries a whole batch and a
retried transaction (the driver retries on transient errors) changes nothing. The
``ON MATCH`` clauses restate graph/resolve.py's merge rules (merge_paper, merge_author,
merge_authored) in Cypher; the two-store parity tests hold them to each other. Every
value is a parameter; labels and property names are never built from input.
"""

from __future__ import annotations

from graph.schema import (
    AUTHOR_IDENTIFIERS,
    INDEXED_PROPERTIES,
    INSTITUTION,
    NODE_LABELS,
    PAPER_IDENTIFIERS,
    REL_TYPES,
    TEXT_INDEXED_PROPERTIES,
    Identifier,
    identifiers_of,
)

__all__ = [
    "SCHEMA",
    "MERGE_AUTHORS",
    "MERGE_PAPERS",
    "MERGE_VENUES",
    "MERGE_TOPICS",
    "MERGE_SOURCES",
    "MERGE_INSTITUTIONS",
    "MERGE_AFFILIATED_WITH",
    "MERGE_CITES",
    "ABSORB_CITED",
    "MERGE_AUTHORED",
    "MERGE_PUBLISHED_IN",
    "MERGE_HAS_TOPIC",
    "MERGE_PAPER_SOURCE",
    "MERGE_AUTHOR_SOURCE",
    "MERGE_PAPER_GRAPH",
    "MATCH_PAPER_KEYS",
    "MATCH_AUTHOR_KEYS",
    "PAPER_KEY_PARAMS",
    "AUTHOR_KEY_PARAMS",
    "PAPER_AUTHORS",
    "COUNT_AUTHOR_KEYS",
    "COUNT_AUTHORS_BEFORE",
    "AUTHOR_EVIDENCE",
]

SCHEMA: tuple[str, ...] = (
    *(
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in NODE_LABELS
    ),
    *(
        f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for label, prop in INDEXED_PROPERTIES
    ),
    *(
        f"CREATE TEXT INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for name, label, prop in TEXT_INDEXED_PROPERTIES
    ),
)


def _first_seen(var: str, kinds: tuple[Identifier, ...]) -> str:
    """ON MATCH clauses keeping each identifier the node already has (first seen wins,
    graph/resolve.py's merge_paper / merge_author)."""
    return "".join(f"  {var}.{i.prop} = coalesce({var}.{i.prop}, r.{i.prop}),\n" for i in kinds)


_LIST_UNION = "coalesce({old}, []) + [x IN coalesce({new}, []) WHERE NOT x IN coalesce({old}, [])]"

MERGE_AUTHORS = f"""
UNWIND $rows AS r
MERGE (a:Author {{id: r.id}})
ON CREATE SET a += r
ON MATCH SET
  a.aliases = {_LIST_UNION.format(old="a.aliases", new="r.aliases")},
  a.affiliations = {_LIST_UNION.format(old="a.affiliations", new="r.affiliations")},
  a.emails = {_LIST_UNION.format(old="a.emails", new="r.emails")},
{_first_seen("a", AUTHOR_IDENTIFIERS)}  a.has_profile = a.has_profile OR r.has_profile,
  a.h_index = coalesce(r.h_index, a.h_index),
  a.citations = coalesce(r.citations, a.citations),
  a.profile_paper_count = coalesce(r.profile_paper_count, a.profile_paper_count),
  a.novelty = coalesce(r.novelty, a.novelty),
  a.ai_score = coalesce(r.ai_score, a.ai_score),
  a.created_by = coalesce(a.created_by, r.created_by)
WITH a, r
WHERE coalesce(a.initials_only, false) AND NOT r.initials_only AND a.initial_key = r.initial_key
SET a.name = r.name, a.name_key = r.name_key, a.surname_key = r.surname_key,
  a.given_key = r.given_key, a.initials_only = false
"""

_MIN = "CASE WHEN {a} IS NULL OR ({b} IS NOT NULL AND {b} < {a}) THEN {b} ELSE {a} END"
_MAX = "CASE WHEN {a} IS NULL OR ({b} IS NOT NULL AND {b} > {a}) THEN {b} ELSE {a} END"

# merge_paper's corpus-beats-reference rule, for the stored paper ``p`` and a new
# description ``new`` (a row, or the cited-only node folded into ``p``): "absorb" when
# ``p`` is cited-only and ``new`` a corpus description (which then counts as the first
# seen), "mixed" when exactly one of them is cited-only (a reference never moves the
# year). Between two corpus descriptions a publication year beats a preprint or page
# date (``year_published``), else the earliest. ``cited_only`` is set last and
# ``year_published`` after the year: the SET items before them read the stored values.
_CITED_ONLY = "coalesce(p.cited_only, false)"


def _paper_merge_set(new: str) -> str:
    absorb = f"({_CITED_ONLY} AND NOT {new}.cited_only)"
    mixed = f"({_CITED_ONLY} <> {new}.cited_only)"
    old_pub, new_pub = "coalesce(p.year_published, false)", f"coalesce({new}.year_published, false)"

    def corpus_first(prop: str) -> str:
        return (
            f"  p.{prop} = CASE WHEN {absorb} THEN coalesce({new}.{prop}, p.{prop})"
            f" ELSE coalesce(p.{prop}, {new}.{prop}) END,\n"
        )

    def earliest(prop: str) -> str:
        return (
            f"  p.{prop} = CASE WHEN {absorb} THEN coalesce({new}.{prop}, p.{prop})"
            f" WHEN {mixed} THEN coalesce(p.{prop}, {new}.{prop})"
            f" ELSE {_MIN.format(a=f'p.{prop}', b=f'{new}.{prop}')} END,\n"
        )

    return (
        f"  p.title = CASE WHEN {absorb} THEN {new}.title ELSE p.title END,\n"
        f"  p.title_key = CASE WHEN {absorb} THEN {new}.title_key ELSE p.title_key END,\n"
        + f"  p.year = CASE WHEN {absorb} THEN coalesce({new}.year, p.year)"
        f" WHEN {mixed} THEN coalesce(p.year, {new}.year)"
        f" WHEN {new_pub} AND NOT {old_pub} THEN {new}.year"
        f" WHEN {old_pub} AND NOT {new_pub} THEN p.year"
        f" ELSE {_MIN.format(a='p.year', b=f'{new}.year')} END,\n"
        + f"  p.year_published = {old_pub} OR {new_pub},\n"
        + earliest("date")
        + "".join(
            corpus_first(prop)
            for prop in ("abstract", *(i.prop for i in PAPER_IDENTIFIERS), "url", "code_url")
        )
        + f"  p.has_code = p.has_code OR {new}.has_code,\n"
        + f"  p.author_count = {_MAX.format(a='p.author_count', b=f'{new}.author_count')},\n"
        + f"  p.authors_truncated = p.authors_truncated AND {new}.authors_truncated,\n"
        + "".join(corpus_first(prop) for prop in ("score", "upvotes", "organization"))
        + f"  p.cited_by = {_MAX.format(a='p.cited_by', b=f'{new}.cited_by')},\n"
        + f"  p.cited_key = coalesce(p.cited_key, {new}.cited_key),\n"
        + f"  p.first_author = coalesce(p.first_author, {new}.first_author),\n"
        + f"  p.cited_only = {_CITED_ONLY} AND {new}.cited_only\n"
    )


_PAPER_MERGE = (
    "MERGE (p:Paper {id: r.id})\nON CREATE SET p += r\nON MATCH SET\n" + _paper_merge_set("r")
)

MERGE_PAPERS = "\nUNWIND $rows AS r\n" + _PAPER_MERGE

MERGE_VENUES = """
UNWIND $rows AS r
MERGE (v:Venue {id: r.id})
ON CREATE SET v += r
"""

MERGE_TOPICS = """
UNWIND $rows AS r
MERGE (t:Topic {id: r.id})
ON CREATE SET t += r
"""

MERGE_INSTITUTIONS = f"""
UNWIND $rows AS r
MERGE (i:Institution {{id: r.id}})
ON CREATE SET i += r
ON MATCH SET
{_first_seen("i", identifiers_of(INSTITUTION))}
  i.country_code = coalesce(i.country_code, r.country_code),
  i.country = coalesce(i.country, r.country),
  i.aliases = {_LIST_UNION.format(old="i.aliases", new="r.aliases")}
"""

# One relationship per (author, institution, paper): the byline of each paper is its own
# evidence of where the author was that year.
MERGE_AFFILIATED_WITH = """
UNWIND $rows AS r
MATCH (a:Author {id: r.author_id})
MATCH (i:Institution {id: r.institution_id})
MERGE (a)-[e:AFFILIATED_WITH {paper: r.paper}]->(i)
ON CREATE SET e.year = r.year
"""

MERGE_SOURCES = """
UNWIND $rows AS r
MERGE (s:Source {id: r.id})
ON CREATE SET s += r
ON MATCH SET s.loaded_at = r.loaded_at
"""

# One relationship row ``r`` whose end nodes are bound (``a``/``p``, ``p``/``v``, ...):
# shared by the per-relationship statements and by MERGE_PAPER_GRAPH below.
# graph/resolve.merge_authored: occurrences accumulate, the strongest one's evidence is
# the edge's (evidence before strength: it compares with the old strength)
_AUTHORED_MERGE = f"""MERGE (a)-[e:AUTHORED]->(p)
ON CREATE SET e.position = r.position, e.inferred = r.inferred,
  e.equal_contribution = r.equal_contribution, e.sources = r.sources,
  e.evidence = r.evidence, e.strength = r.strength, e.weak = r.weak,
  e.occurrences = r.occurrences
ON MATCH SET e.position = coalesce(e.position, r.position),
  e.inferred = e.inferred AND r.inferred,
  e.equal_contribution = e.equal_contribution OR r.equal_contribution,
  e.sources = {_LIST_UNION.format(old="e.sources", new="r.sources")},
  e.occurrences = {_LIST_UNION.format(old="e.occurrences", new="r.occurrences")},
  e.evidence = CASE WHEN r.strength > coalesce(e.strength, 1.0) THEN r.evidence
    ELSE coalesce(e.evidence, r.evidence) END,
  e.strength = CASE WHEN r.strength > coalesce(e.strength, 1.0) THEN r.strength
    ELSE coalesce(e.strength, 1.0) END,
  e.weak = coalesce(e.weak, false) AND r.weak
"""
_PUBLISHED_IN_MERGE = """MERGE (p)-[e:PUBLISHED_IN]->(v)
ON CREATE SET e.year = r.year
"""
_HAS_TOPIC_MERGE = """MERGE (p)-[e:HAS_TOPIC]->(t)
ON CREATE SET e.source = r.source
"""
_SOURCE_MERGE = """MERGE (n)-[e:FROM_SOURCE]->(s)
ON CREATE SET e.line = r.line
"""

MERGE_AUTHORED = (
    "\nUNWIND $rows AS r\nMATCH (a:Author {id: r.author_id})\nMATCH (p:Paper {id: r.paper_id})\n"
    + _AUTHORED_MERGE
)

MERGE_PUBLISHED_IN = (
    "\nUNWIND $rows AS r\nMATCH (p:Paper {id: r.paper_id})\nMATCH (v:Venue {id: r.venue_id})\n"
    + _PUBLISHED_IN_MERGE
)

MERGE_HAS_TOPIC = (
    "\nUNWIND $rows AS r\nMATCH (p:Paper {id: r.paper_id})\nMATCH (t:Topic {id: r.topic_id})\n"
    + _HAS_TOPIC_MERGE
)

MERGE_PAPER_SOURCE = (
    "\nUNWIND $rows AS r\nMATCH (n:Paper {id: r.node_id})\nMATCH (s:Source {id: r.source_id})\n"
    + _SOURCE_MERGE
)

MERGE_AUTHOR_SOURCE = MERGE_PAPER_SOURCE.replace("(n:Paper", "(n:Author")

# After every paper of the batch is written (a reference may cite a paper, or a
# cited-only one, that a later row of the same batch creates): one row per citing paper
# with the ids it cites. A paper that cited nothing before gets its CITES created (most
# of a load's citing papers are new: no Expand(Into) + LockingMerge per reference);
# one that already cites merges them.
MERGE_CITES = """
UNWIND $rows AS r
MATCH (a:Paper {id: r.citing_id})
WITH a, r, EXISTS { (a)-[:CITES]->() } AS cited_before
CALL (a, r, cited_before) {
  WITH * WHERE NOT cited_before
  UNWIND r.cited AS cited
  MATCH (b:Paper {id: cited})
  CREATE (a)-[:CITES]->(b)
}
CALL (a, r, cited_before) {
  WITH * WHERE cited_before
  UNWIND r.cited AS cited
  MATCH (b:Paper {id: cited})
  MERGE (a)-[:CITES]->(b)
}
"""

# Last of a batch (graph.model.AbsorbedRow): the cited-only paper ``s`` is ``p``. Its
# citations move to ``p`` (one from ``p`` itself is dropped), ``p`` takes what ``s``
# says by merge_paper's rule, and ``s`` goes. Only ever a cited-only node.
ABSORB_CITED = (
    """
UNWIND $rows AS r
MATCH (s:Paper {id: r.stub_id}) WHERE s.cited_only = true
MATCH (p:Paper {id: r.into_id}) WHERE p <> s
CALL (s, p) {
  MATCH (c:Paper)-[:CITES]->(s) WHERE c <> p
  MERGE (c)-[:CITES]->(p)
}
SET
"""
    + _paper_merge_set("s")
    + "WITH s\nDETACH DELETE s\n"
)


def _created(merge: str) -> str:
    """A relationship MERGE's ON CREATE branch as a plain CREATE, for a paper this very
    statement created: it has no relationship yet, so nothing can match."""
    head, _, on_create = merge.partition("ON CREATE SET")
    return head.replace("MERGE", "CREATE", 1) + "SET" + on_create.partition("ON MATCH SET")[0]


# Paper-centric write: one row per paper of the batch, carrying the paper's properties
# and its relationship rows (without the paper id they all share, at most one row per
# relationship), so each paper is found (or created) once instead of once per statement.
# A paper that did not exist before the statement gets its relationships CREATEd (no
# Expand(Into) + LockingMerge per row); an existing one MERGEs them by the rules above,
# whose text both branches reuse. Relationship rows whose paper has no row in the batch
# go through MERGE_AUTHORED & co. (graph/store/neo4j.py).
_PAPER_RELS = (
    ("authored", "MATCH (a:Author {id: r.author_id})", _AUTHORED_MERGE),
    ("published_in", "MATCH (v:Venue {id: r.venue_id})", _PUBLISHED_IN_MERGE),
    ("has_topic", "MATCH (t:Topic {id: r.topic_id})", _HAS_TOPIC_MERGE),
    ("from_source", "MATCH (s:Source {id: r.source_id})\nWITH p AS n, s, r", _SOURCE_MERGE),
)

MERGE_PAPER_GRAPH = (
    "\nUNWIND $rows AS row\nWITH row, row.paper AS r\n"
    "OPTIONAL MATCH (old:Paper {id: r.id})\nWITH row, r, old IS NULL AS fresh\n"
    + _PAPER_MERGE
    # a concurrent loader may have created the same paper (and its relationships)
    # between the OPTIONAL MATCH and the MERGE: then it is not ours to CREATE on
    + "WITH p, row, fresh AND NOT EXISTS { (p)--() } AS fresh\n"
    + "".join(
        f"CALL (p, row, fresh) {{\nWITH * WHERE {cond}\nUNWIND row.{key} AS r\n{match}\n{body}}}\n"
        for key, match, merge in _PAPER_RELS
        for cond, body in (("fresh", _created(merge)), ("NOT fresh", merge))
    )
)

ANY_NODE = "MATCH (n) RETURN 1 AS found LIMIT 1"
MARK_SOURCE_COMPLETE = "MATCH (s:Source {id: $id}) SET s.status = 'complete'"
COMPLETED_SOURCES = """
MATCH (s:Source) WHERE s.status = 'complete'
WITH s.sha256 AS sha ORDER BY sha
RETURN collect(sha) AS rows
"""
SOURCE_COMPLETE = (
    "MATCH (s:Source {sha256: $sha256}) WHERE s.status = 'complete' RETURN count(s) > 0 AS done"
)
# Relationships first, in their own batches: DETACH DELETE of a node removes all its
# relationships in one inner transaction, and a Source of a million-paper load has a
# million FROM_SOURCE relationships (it ran out of transaction memory).
CLEAR = (
    "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
    "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
)

# -- identity lookups -------------------------------------------------------------------
# Reads that can return many rows return ONE record holding a list instead (``rows``):
# the Python driver spends about 20 µs per record (a Bolt message, a Record object, keyed
# access), so an author with 700 papers cost 20 ms of client CPU in records alone; one
# list is decoded in bulk (by the Rust extension). 3-6x less client time, about half the
# latency on prolific authors, same answers.

# One UNION branch per identity key kind; the parameter of each branch is named like
# the key prefix ($doi, $arxiv, ..., $title, $cited, $stub), the rows are [key, id]. The
# kinds beyond identifiers are graph.model.paper_index_keys': a title names corpus
# papers only, a stub key cited-only ones.
_PAPER_KEY_KINDS: tuple[tuple[str, str, str], ...] = (
    *((i.key, i.prop, "") for i in PAPER_IDENTIFIERS),
    ("title", "title_key", f" AND NOT {_CITED_ONLY}"),
    ("cited", "cited_key", ""),
    ("stub", "cited_key", f" AND {_CITED_ONLY}"),
)
MATCH_PAPER_KEYS = (
    "CALL () {\n"
    + "  UNION ALL\n".join(
        f"  MATCH (p:Paper) WHERE p.{prop} IN ${key}{also}"
        f" RETURN '{key}:' + p.{prop} AS key, p.id AS id\n"
        for key, prop, also in _PAPER_KEY_KINDS
    )
    + "}\nRETURN collect([key, id]) AS rows\n"
)
PAPER_KEY_PARAMS: tuple[str, ...] = tuple(key for key, _, _ in _PAPER_KEY_KINDS)

CITED_ONLY_PAPERS = """
UNWIND $ids AS id
MATCH (p:Paper {id: id}) WHERE p.cited_only = true
RETURN collect(p.id) AS rows
"""

# "Before the load of $source" (graph/store/identity.py): an author it did not create,
# an authorship some other source asserts (an edge written before the evidence was kept
# has no sources: it is older than any load that asks).
_BEFORE = "coalesce(a.created_by, '') <> $source"
_ASSERTED = "any(s IN coalesce({e}.sources, ['']) WHERE s <> $source)"

PAPER_AUTHORS = f"""
UNWIND $ids AS id
MATCH (p:Paper {{id: id}})
OPTIONAL MATCH (p)<-[e:AUTHORED]-(a:Author) WHERE {_ASSERTED.format(e="e")}
WITH id, collect(CASE WHEN a IS NULL THEN NULL ELSE [a.id, a.name_key, e.position] END) AS authors
RETURN collect([id, authors]) AS rows
"""

# One UNION branch per key kind; the parameter of each is named like the key prefix.
# Rows are [key, id, name_key, initials_only, [identifier values in AUTHOR_IDENTIFIERS
# order]].
_AUTHOR_KEY_BRANCHES = (
    *((i.key, i.prop) for i in AUTHOR_IDENTIFIERS),
    ("name", "name_key"),
    ("init", "initial_key"),
    ("aid", "id"),
)
MATCH_AUTHOR_KEYS = (
    "CALL () {\n"
    + "  UNION ALL\n".join(
        f"  MATCH (a:Author) WHERE a.{prop} IN ${key} AND {_BEFORE}"
        f" RETURN '{key}:' + a.{prop} AS key, a\n"
        for key, prop in _AUTHOR_KEY_BRANCHES
    )
    + "}\nRETURN collect([key, a.id, a.name_key, coalesce(a.initials_only, false), ["
    + ", ".join(f"a.{i.prop}" for i in AUTHOR_IDENTIFIERS)
    + "]]) AS rows\n"
)
AUTHOR_KEY_PARAMS: tuple[str, ...] = tuple(key for key, _ in _AUTHOR_KEY_BRANCHES)

# Rows are [key, count]; "*" is counted separately (COUNT_AUTHORS_BEFORE).
_COUNT_BRANCHES = (("family", "surname_key"), ("given", "given_key"), ("init", "initial_key"))
COUNT_AUTHOR_KEYS = (
    "CALL () {\n"
    + "  UNION ALL\n".join(
        f"  UNWIND ${kind} AS k MATCH (a:Author {{{prop}: k}}) WHERE {_BEFORE}"
        f" RETURN '{kind}:' + k AS key, count(a) AS n\n"
        for kind, prop in _COUNT_BRANCHES
    )
    + "}\nRETURN collect([key, n]) AS rows\n"
)
COUNT_KEY_PARAMS: tuple[str, ...] = tuple(kind for kind, _ in _COUNT_BRANCHES)
# all authors (the count store) less those the load created (the created_by index)
COUNT_AUTHORS_BEFORE = """
CALL () { MATCH (a:Author) RETURN count(a) AS total }
CALL () { MATCH (a:Author {created_by: $source}) RETURN count(a) AS mine }
RETURN total - mine AS n
"""

# What each stored author shares with one reference (graph/store/identity.EvidenceQuery);
# a part whose list is empty is skipped (its subquery aggregates over no rows).
_IN_WINDOW = "(q.lo IS NULL OR q.hi IS NULL OR {y} IS NULL OR (q.lo <= {y} AND {y} <= q.hi))"
AUTHOR_EVIDENCE = f"""
UNWIND range(0, size($queries) - 1) AS i
WITH i, $queries[i] AS q
OPTIONAL MATCH (a:Author {{id: q.id}})
CALL (a, q) {{
  WITH a, q WHERE a IS NOT NULL AND size(q.coauthors) > 0
  MATCH (a)-[e:AUTHORED]->(p:Paper)<-[f:AUTHORED]-(b:Author)
  WHERE b <> a AND (b.name_key IN q.coauthors OR b.initial_key IN q.coauthor_initials)
    AND {_ASSERTED.format(e="e")}
    AND {_ASSERTED.format(e="f")}
  RETURN collect(DISTINCT b.name_key) AS coauthors
}}
CALL (a, q) {{
  WITH a, q WHERE a IS NOT NULL AND size(q.venues) + size(q.topics) > 0
  MATCH (a)-[e:AUTHORED]->(p:Paper)-[:PUBLISHED_IN|HAS_TOPIC]->(x)
  WHERE (x.id IN q.venues OR x.id IN q.topics) AND {_ASSERTED.format(e="e")}
    AND {_IN_WINDOW.format(y="p.year")}
  RETURN collect(DISTINCT x.id) AS places
}}
CALL (a, q) {{
  WITH a, q WHERE a IS NOT NULL AND size(q.institutions) > 0
  MATCH (a)-[w:AFFILIATED_WITH]->(inst:Institution)
  WHERE inst.id IN q.institutions AND {_IN_WINDOW.format(y="w.year")}
    AND EXISTS {{ MATCH (a)-[e:AUTHORED]->(:Paper {{id: w.paper}})
      WHERE {_ASSERTED.format(e="e")} }}
  RETURN collect(DISTINCT inst.id) AS institutions
}}
RETURN collect([i, coauthors, places, institutions, coalesce(a.emails, []),
  coalesce(a.affiliations, [])]) AS rows
"""

AUTHORSHIPS = """
MATCH (:Author {id: $id})-[e:AUTHORED]->(p:Paper)
WITH p.id AS paper, properties(e) AS props ORDER BY paper
RETURN collect([paper, props]) AS rows
"""

WEAK_AUTHORSHIPS = """
UNWIND range(0, size($pairs) - 1) AS i
MATCH (:Author {id: $pairs[i][0]})-[e:AUTHORED]->(:Paper {id: $pairs[i][1]})
WHERE e.weak
RETURN collect(i) AS rows
"""

GET_SOURCES = """
UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN collect([s.id, s.path, s.format]) AS rows
"""

REMOVE_AUTHORSHIPS = """
MATCH (a:Author {id: $id})-[e:AUTHORED|AFFILIATED_WITH]->(x)
WHERE (type(e) = 'AUTHORED' AND x.id IN $papers)
  OR (type(e) = 'AFFILIATED_WITH' AND e.paper IN $papers)
DELETE e
"""

REMOVE_AUTHOR = "MATCH (a:Author {id: $id}) DETACH DELETE a"

# -- primitive reads ---------------------------------------------------------------------

_AUTHOR_SUMMARY = (
    "{id: a.id, name: a.name, has_profile: coalesce(a.has_profile, false), "
    "paper_count: COUNT { (a)-[:AUTHORED]->(:Paper) }, name_key: a.name_key, "
    "aliases: coalesce(a.aliases, [])}"
)

AUTHORS_BY_NAME = f"""
CALL () {{
  MATCH (a:Author) WHERE a.name_key IN $name_keys RETURN a
  UNION
  MATCH (a:Author) WHERE a.surname_key IN $surname_keys RETURN a
}}
RETURN collect({_AUTHOR_SUMMARY}) AS rows
"""

SEARCH_AUTHORS = f"""
MATCH (a:Author) WHERE a.name_key CONTAINS $text
WITH a ORDER BY a.id LIMIT $limit
RETURN collect({_AUTHOR_SUMMARY}) AS rows
"""

GET_AUTHORS = f"""
UNWIND $ids AS id
MATCH (a:Author {{id: id}})
RETURN collect({_AUTHOR_SUMMARY}) AS rows
"""

COAUTHOR_PAPERS = """
MATCH (a:Author {id: $id})-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(b:Author)
WHERE b <> a
WITH b.id AS id, collect(p.id) AS papers
RETURN collect([id, papers]) AS rows
"""

NEIGHBOURS = """
UNWIND $ids AS id
MATCH (a:Author {id: id})-[:AUTHORED]->(:Paper)<-[:AUTHORED]-(b:Author)
WHERE b <> a
WITH id, collect(DISTINCT b.id) AS ids
RETURN collect([id, ids]) AS rows
"""

AUTHOR_TOPIC_PAPERS = """
MATCH (:Author {id: $id})-[:AUTHORED]->(p:Paper)-[:HAS_TOPIC]->(t:Topic)
WITH t.id AS id, collect(p.id) AS papers
RETURN collect([id, papers]) AS rows
"""

SHARED_COAUTHOR_PAPERS = """
UNWIND $ids AS id
MATCH (a:Author {id: id})-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(b:Author)
WHERE NOT b.id IN $ids
WITH b, id, collect(p.id) AS papers
WITH b, collect([id, papers]) AS joint
WHERE size(joint) >= 2
RETURN collect([b.id, b.name, joint]) AS rows
"""

AUTHOR_TOPIC_COUNTS = """
UNWIND $ids AS id
MATCH (:Author {id: id})-[:AUTHORED]->(p:Paper)-[:HAS_TOPIC]->(t:Topic)
WITH id, t.id AS topic, count(p) AS n
WITH id, collect([topic, n]) AS counts
RETURN collect([id, counts]) AS rows
"""

JOINT_PAPERS = """
UNWIND range(0, size($pairs) - 1) AS i
MATCH (:Author {id: $pairs[i][0]})-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(:Author {id: $pairs[i][1]})
WITH i, collect(p.id) AS papers
RETURN collect([i, papers]) AS rows
"""

GET_PAPERS = """
UNWIND $ids AS id
MATCH (p:Paper {id: id})
OPTIONAL MATCH (p)-[:PUBLISHED_IN]->(v:Venue)
WITH p, collect(v.name) AS venues
RETURN collect([p.id, p.title, p.year, venues]) AS rows
"""

GET_TOPICS = """
UNWIND $ids AS id
MATCH (t:Topic {id: id})
RETURN collect([t.id, t.name, t.kind, t.code, COUNT { (t)<-[:HAS_TOPIC]-() }]) AS rows
"""

COUNT_LABEL = {label: f"MATCH (n:{label}) RETURN count(n) AS n" for label in NODE_LABELS}
# cited-only papers are counted apart (through the cited_only index), corpus ones as the
# rest of the label's count-store figure
COUNT_CITED_ONLY = "MATCH (n:Paper) WHERE n.cited_only = true RETURN count(n) AS n"
COUNT_REL = {rel: f"MATCH ()-[r:{rel}]->() RETURN count(r) AS n" for rel in REL_TYPES}

# One page of the whole-graph stream: the next ``$limit`` authors after ``$after`` (by
# id, the id constraint's index gives the order), each with their co-authors of a larger
# id: joint papers, first and last year. OPTIONAL, so an author without co-authors is
# listed too (with no links).
COAUTHORSHIP_PAGE = f"""
MATCH (a:Author) WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
CALL (a) {{
  OPTIONAL MATCH (a)-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(b:Author)
  WHERE b.id > a.id
  WITH b, p.year AS year, count(p) AS n
  WITH b, sum(n) AS papers, min(year) AS first_year, max(year) AS last_year,
       collect(CASE WHEN year IS NULL THEN NULL ELSE [year, n] END) AS years
  RETURN collect(
    CASE WHEN b IS NULL THEN NULL ELSE [b.id, papers, first_year, last_year, years] END
  ) AS links
}}
RETURN collect([{_AUTHOR_SUMMARY}, links]) AS rows
"""

# -- institutions ---------------------------------------------------------------------------

GET_INSTITUTIONS = """
UNWIND $ids AS id
MATCH (i:Institution {id: id})
RETURN collect([i.id, i.name, i.country_code, i.country]) AS rows
"""
SEARCH_INSTITUTIONS = """
MATCH (i:Institution) WHERE i.name_key CONTAINS $text
WITH i ORDER BY i.id LIMIT $limit
RETURN collect([i.id, i.name, i.country_code, i.country]) AS rows
"""
AFFILIATIONS_OF = """
UNWIND $ids AS id
MATCH (a:Author {id: id})-[e:AFFILIATED_WITH]->(i:Institution)
WITH a.id AS a, i.id AS i, e.paper AS p, e.year AS y ORDER BY a, i, p
RETURN collect([a, i, p, y]) AS rows
"""
INSTITUTION_AFFILIATIONS = """
MATCH (a:Author)-[e:AFFILIATED_WITH]->(i:Institution {id: $id})
WITH a.id AS a, i.id AS i, e.paper AS p, e.year AS y ORDER BY a, p
RETURN collect([a, i, p, y]) AS rows
"""
PAPER_INSTITUTIONS = """
MATCH (:Author)-[e:AFFILIATED_WITH]->(i:Institution)
WITH e.paper AS p, i.id AS i ORDER BY p, i
WITH p, collect(DISTINCT i) AS insts
RETURN collect([p, insts]) AS rows
"""

# -- citations ------------------------------------------------------------------------------

REFERENCES_OF = """
UNWIND $ids AS id
MATCH (:Paper {id: id})-[:CITES]->(q:Paper)
WITH id, collect(q.id) AS refs
RETURN collect([id, refs]) AS rows
"""
CITING_PAPERS = """
UNWIND $ids AS id
MATCH (:Paper {id: id})<-[:CITES]-(c:Paper)
WITH id, collect(c.id) AS citing
RETURN collect([id, citing]) AS rows
"""
CITED_WORKS = """
UNWIND $ids AS id
MATCH (p:Paper {id: id})
CALL (p) {
  OPTIONAL MATCH (p)<-[e:AUTHORED]-(a:Author)
  RETURN collect(CASE WHEN a IS NULL THEN NULL ELSE [a.id, a.name, e.position] END) AS authors
}
RETURN collect([p.id, p.title, p.year, coalesce(p.cited_only, false), p.cited_by,
  p.first_author, authors]) AS rows
"""
MOST_CITED = {
    "local": """
MATCH (p:Paper)
WITH p, COUNT { (p)<-[:CITES]-(:Paper) } AS n WHERE n > 0
WITH p.id AS id, n ORDER BY n DESC, id LIMIT $limit
RETURN collect(id) AS rows
""",
    "global": """
MATCH (p:Paper) WHERE p.cited_by > 0
WITH p.id AS id, p.cited_by AS n ORDER BY n DESC, id LIMIT $limit
RETURN collect(id) AS rows
""",
}
# One author's pairs (GraphReader.cocited_pairs / coupled_pairs): counted per pair of
# nodes (no property read per path), cut to the strongest $limit, then the papers behind
# those only. A pair of two of the author's papers is counted from both ends and kept
# once (smaller id first).
COCITED_PAIRS = """
MATCH (p:Paper) WHERE p.id IN $ids
WITH collect(p) AS mine
UNWIND mine AS p
MATCH (p)<-[:CITES]-(:Paper)-[:CITES]->(x:Paper)
WHERE x <> p
WITH p, x, count(*) AS n WHERE n >= $min
WITH p.id AS a, x.id AS b, n WHERE NOT (b < a AND b IN $ids)
WITH a, b, n ORDER BY n DESC, a, b LIMIT $limit
CALL (a, b) {
  MATCH (:Paper {id: a})<-[:CITES]-(c:Paper)-[:CITES]->(:Paper {id: b})
  RETURN collect(c.id) AS papers
}
RETURN collect([a, b, papers]) AS rows
"""
COUPLED_PAIRS = """
MATCH (p:Paper) WHERE p.id IN $ids
WITH collect(p) AS mine
UNWIND mine AS p
MATCH (p)-[:CITES]->(:Paper)<-[:CITES]-(x:Paper)
WHERE x <> p
WITH p, x, count(*) AS n WHERE n >= $min
WITH p.id AS a, x.id AS b, n WHERE NOT (b < a AND b IN $ids)
WITH a, b, n ORDER BY n DESC, a, b LIMIT $limit
CALL (a, b) {
  MATCH (:Paper {id: a})-[:CITES]->(q:Paper)<-[:CITES]-(:Paper {id: b})
  RETURN collect(q.id) AS papers
}
RETURN collect([a, b, papers]) AS rows
"""

# One page of the whole citation graph: the next ``$limit`` citing papers after ``$after``.
REFERENCES_PAGE = """
MATCH (p:Paper) WHERE p.id > $after AND EXISTS { (p)-[:CITES]->() }
WITH p ORDER BY p.id LIMIT $limit
CALL (p) {
  MATCH (p)-[:CITES]->(q:Paper)
  RETURN collect(q.id) AS refs
}
RETURN collect([p.id, refs]) AS rows
"""

# -- detail reads -----------------------------------------------------------------------

AUTHOR_DETAIL = "MATCH (a:Author {id: $id}) RETURN properties(a) AS props"

AUTHOR_PAPERS = "MATCH (:Author {id: $id})-[:AUTHORED]->(p:Paper) RETURN p.id AS id ORDER BY id"

PAPER_DETAIL = """
MATCH (p:Paper {id: $id})
CALL (p) {
  OPTIONAL MATCH (p)<-[e:AUTHORED]-(a:Author)
  RETURN collect(CASE WHEN a IS NULL THEN NULL ELSE {id: a.id, name: a.name,
    position: e.position, inferred: e.inferred,
    equal_contribution: e.equal_contribution} END) AS authors
}
CALL (p) {
  OPTIONAL MATCH (p)-[e:PUBLISHED_IN]->(v:Venue)
  RETURN collect(CASE WHEN v IS NULL THEN NULL ELSE
    {id: v.id, name: v.name, kind: v.kind, year: e.year} END) AS venues
}
CALL (p) {
  OPTIONAL MATCH (p)-[e:HAS_TOPIC]->(t:Topic)
  RETURN collect(CASE WHEN t IS NULL THEN NULL ELSE
    {id: t.id, name: t.name, kind: t.kind, code: t.code, source: e.source} END) AS topics
}
CALL (p) {
  OPTIONAL MATCH (p)-[e:FROM_SOURCE]->(s:Source)
  RETURN collect(CASE WHEN s IS NULL THEN NULL ELSE
    {id: s.id, path: s.path, format: s.format, line: e.line} END) AS sources
}
RETURN properties(p) AS props, authors, venues, topics, sources
"""

TOPIC_DETAIL = """
MATCH (t:Topic {id: $id})
OPTIONAL MATCH (t)<-[:HAS_TOPIC]-(p:Paper)
OPTIONAL MATCH (p)<-[:AUTHORED]-(a:Author)
RETURN properties(t) AS props, collect(DISTINCT p.id) AS paper_ids,
  collect(DISTINCT a.id) AS author_ids
"""

SEARCH_PAPERS = f"""
MATCH (p:Paper) WHERE p.title_key CONTAINS $text AND NOT {_CITED_ONLY}
WITH p ORDER BY p.id
WITH collect(p.id) AS ids
RETURN ids[$offset..$offset + $limit] AS page, size(ids) AS total
"""

LIST_TOPICS = """
MATCH (t:Topic) WITH t ORDER BY t.id
WITH collect(t.id) AS ids
RETURN ids[$offset..$offset + $limit] AS page, size(ids) AS total
"""

LIST_VENUES = """
MATCH (v:Venue) WITH v ORDER BY v.id
WITH collect(v) AS vs
UNWIND vs[$offset..$offset + $limit] AS v
RETURN v.id AS id, v.name AS name, v.kind AS kind, v.acronym AS acronym,
  COUNT { (v)<-[:PUBLISHED_IN]-() } AS paper_count, size(vs) AS total
"""
COUNT_VENUES = "MATCH (v:Venue) RETURN count(v) AS total"
