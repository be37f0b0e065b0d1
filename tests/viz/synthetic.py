"""Graphs made for the view tests: a big one with community structure, and a small one
whose names, titles, venues and topics are hostile HTML/JS.

Rows are written straight into an embedded store (the loaders have their own tests);
that keeps every character of the hostile strings exactly as given.
"""

from __future__ import annotations

import random

from graph.model import (
    AffiliatedWithRow,
    AuthoredRow,
    AuthorRow,
    GraphBatch,
    HasTopicRow,
    InstitutionRow,
    PaperRow,
    PublishedInRow,
    TopicRow,
    VenueRow,
    make_id,
    name_key,
    surname_key,
    title_key,
)
from graph.store.memory import MemoryStore

__all__ = ["HOSTILE", "big_store", "hostile_store"]

_GIVEN = ["Ada", "Bo", "Chen", "Dana", "Eli", "Fang", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea"]
_FAMILY = ["Li", "Moreau", "Nakamura", "Okafor", "Petrov", "Quinn", "Rossi", "Silva", "Tanaka"]


def _author(name: str, *, profile: bool = False) -> AuthorRow:
    key = name_key(name)
    return AuthorRow(
        id=make_id("a", "name:" + key),
        name=name,
        name_key=key,
        surname_key=surname_key(key),
        has_profile=profile,
    )


def _paper(title: str, year: int) -> PaperRow:
    return PaperRow(
        id=make_id("p", "title:" + title), title=title, title_key=title_key(title), year=year
    )


def big_store(n_authors: int = 5000, community_size: int = 50, seed: int = 1) -> MemoryStore:
    """``n_authors`` authors in communities of ``community_size``; papers of 2-4 authors,
    nearly all within one community; every author on at least one paper."""
    rng = random.Random(seed)
    authors = [
        _author(f"{_GIVEN[i % len(_GIVEN)]} {_FAMILY[(i // 12) % len(_FAMILY)]} {i:05d}")
        for i in range(n_authors)
    ]
    venues = [
        VenueRow(id=make_id("v", f"venue {k}"), name=f"Venue {k}", kind="conference")
        for k in range(8)
    ]
    batch = GraphBatch(authors=authors, venues=venues)
    n_comm = max(1, n_authors // community_size)
    papers = 0

    def add_paper(members: list[int]) -> None:
        nonlocal papers
        p = _paper(f"Synthetic paper {papers:06d}", 2000 + papers % 25)
        papers += 1
        batch.papers.append(p)
        for pos, m in enumerate(members):
            batch.authored.append(AuthoredRow(authors[m].id, p.id, pos, False))
        batch.published_in.append(PublishedInRow(p.id, venues[papers % len(venues)].id, p.year))

    order = list(range(n_authors))
    for start in range(0, n_authors, 2):
        pair = order[start : start + 2]
        if len(pair) == 2:
            add_paper(pair)
    for _ in range(int(n_authors * 0.6)):
        c = rng.randrange(n_comm)
        base = c * community_size
        size = min(community_size, n_authors - base)
        k = rng.choice((2, 3, 3, 4))
        members = rng.sample(range(base, base + size), min(k, size))
        if rng.random() < 0.08:
            members[-1] = rng.randrange(n_authors)
        add_paper(sorted(set(members)))
    store = MemoryStore(None)
    store.write(batch)
    return store


HOSTILE = {
    "img": '<img src=x onerror="window.__pwned=1">',
    "script": "</script><script>window.__pwned=2</script>",
    "alert": "<img src=x onerror=alert(1)>",
    "href": '<a href="javascript:window.__pwned=4" onclick="window.__pwned=4">click me</a>',
    "svg": "<svg onload=window.__pwned=5>",
    "iframe": '<iframe src="javascript:window.__pwned=6"></iframe>',
    "amp": 'Tom & Jerry\'s "quoted" <b>bold</b> \u2028 line',
}


def hostile_store() -> tuple[MemoryStore, dict[str, str]]:
    """A small graph whose every text field is an attack. Returns the store and the ids
    of the three "queried" authors (q1, q2, q3), of the hostile collaborator, and of the
    institution (``inst``) q1 and q2 are at, whose partners are two more institutions in
    two more countries, every name and country an attack."""
    q1 = _author(HOSTILE["img"], profile=True)
    q2 = _author("Grace " + HOSTILE["script"], profile=True)
    q3 = _author("Plain Person", profile=True)
    shared = _author(HOSTILE["href"])
    other = _author(HOSTILE["amp"])
    venue = VenueRow(id=make_id("v", "hostile"), name=HOSTILE["svg"], kind="conference")
    topic = TopicRow(id="kw:hostile", name=HOSTILE["iframe"], kind="keyword")
    topic2 = TopicRow(id="kw:plain", name="Plain topic", kind="keyword")
    p1 = _paper(HOSTILE["alert"], 2024)
    p2 = _paper(HOSTILE["script"] + " title", 2023)
    p3 = _paper("An href in a title: " + HOSTILE["href"], 2022)
    p4 = _paper(HOSTILE["amp"], 2021)
    batch = GraphBatch(
        authors=[q1, q2, q3, shared, other],
        papers=[p1, p2, p3, p4],
        venues=[venue],
        topics=[topic, topic2],
        authored=[
            AuthoredRow(q1.id, p1.id, 0, False),
            AuthoredRow(shared.id, p1.id, 1, False),
            AuthoredRow(q2.id, p2.id, 0, False),
            AuthoredRow(shared.id, p2.id, 1, False),
            AuthoredRow(q3.id, p3.id, 0, False),
            AuthoredRow(shared.id, p3.id, 1, False),
            AuthoredRow(q1.id, p4.id, 0, False),
            AuthoredRow(other.id, p4.id, 1, False),
            AuthoredRow(q2.id, p4.id, 2, False),
        ],
        published_in=[PublishedInRow(p.id, venue.id, p.year) for p in (p1, p2, p3, p4)],
        has_topic=[
            HasTopicRow(p1.id, topic.id, "keyword"),
            HasTopicRow(p2.id, topic.id, "keyword"),
            HasTopicRow(p3.id, topic.id, "keyword"),
            HasTopicRow(p4.id, topic2.id, "keyword"),
        ],
    )
    inst, inst2, inst3 = (
        InstitutionRow(make_id("I", "name:" + name), name, title_key(name), code, country)
        for name, code, country in [
            (HOSTILE["svg"] + " Univ", "US", HOSTILE["amp"]),
            (HOSTILE["img"], "BR", HOSTILE["href"]),
            ("Plain Institute", "GB", HOSTILE["script"]),
        ]
    )
    batch.institutions = [inst, inst2, inst3]
    batch.affiliated_with = [
        AffiliatedWithRow(author, institution.id, paper.id, paper.year)
        for author, institution, paper in [
            (q1.id, inst, p1),
            (shared.id, inst2, p1),
            (q2.id, inst, p2),
            (shared.id, inst2, p2),
            (q3.id, inst3, p3),
            (shared.id, inst2, p3),
            (q1.id, inst, p4),
            (other.id, inst3, p4),
            (q2.id, inst, p4),
        ]
    ]
    store = MemoryStore(None)
    store.write(batch)
    return store, {
        "q1": q1.id,
        "q2": q2.id,
        "q3": q3.id,
        "shared": shared.id,
        "other": other.id,
        "inst": inst.id,
    }
