"""A small graph with institutions and countries, made from byline records the way the
database loaders make them (through the resolver), for the network questions, exports,
views and routes over institutions. The seeds name no institution.

By hand, from the records below (paper: countries):
  1 US-BR, 2 US-BR, 3 US-GB, 4 BR, 5 US-JP, 6 US-GB-ZA, 7 JP-CH, 8 US-BR-CH, 9 BR.
Country pairs: BR-US 3 (1, 2, 8), GB-US 2 (3, 6), CH-JP, JP-US, US-ZA, GB-ZA, BR-CH,
CH-US 1 each. Univ Florida's members: Emilio Bruna (1, 2, 3, 5, 8) and Mei Lee (5, 6,
8), co-authors on 5 and 8; its partners: Univ Sao Paulo 3 (1, 2, 8), Univ Oxford 2 (3,
6), and one paper each with INPA (1), Kyoto Univ (5), Univ Cape Town (6), ETH Zurich (8).
"""

from __future__ import annotations

from graph.model import SourceRow
from graph.resolve import Resolver
from graph.store.base import GraphStore
from loaders.records import AuthorRef, InstitutionRef, PaperRecord

__all__ = ["PAPERS", "load_bylines"]

UF = InstitutionRef("Univ Florida", address="Univ Florida, Dept Biol, Gainesville, FL 32611 USA")
USP = InstitutionRef("Univ Sao Paulo", address="Univ Sao Paulo, Sao Paulo, Brazil")
INPA = InstitutionRef("Inst Nacl Pesquisas Amazonia", country="Brazil")
OX = InstitutionRef("Univ Oxford", address="Univ Oxford, Oxford OX1 3PS, England")
KYOTO = InstitutionRef("Kyoto Univ", address="Kyoto Univ, Kyoto 6068501, Japan")
UCT = InstitutionRef("Univ Cape Town", country="South Africa")
ETH = InstitutionRef("ETH Zurich", country="Switzerland", ror="05a28rw58")


def _paper(title: str, year: int, *authors: tuple[str, tuple[InstitutionRef, ...]]) -> PaperRecord:
    refs = tuple(
        AuthorRef(name, position=i, institutions=insts)
        for i, (name, insts) in enumerate(authors, 1)
    )
    return PaperRecord(title=title, line=1, year=year, authors=refs)


PAPERS = [
    _paper("Forest fragments", 2010, ("Emilio Bruna", (UF,)), ("Ana Silva", (USP, INPA))),
    _paper("Seed dispersal", 2012, ("Emilio Bruna", (UF,)), ("Ana Silva", (USP,))),
    _paper("Herbivory", 2015, ("Emilio Bruna", (UF, OX)), ("Jon Smith", (OX,))),
    _paper("Plants alone", 2016, ("Ana Silva", (INPA,)), ("Rui Costa", (USP,))),
    _paper(
        "Canopy gaps",
        2017,
        ("Emilio Bruna", (UF,)),
        ("Mei Lee", (UF,)),
        ("Ken Tanaka", (KYOTO,)),
    ),
    _paper(
        "Pollinators",
        2018,
        ("Mei Lee", (UF,)),
        ("Thandi Nkosi", (UCT,)),
        ("Jon Smith", (OX,)),
    ),
    _paper("Soil carbon", 2019, ("Ken Tanaka", (KYOTO,)), ("Eva Muller", (ETH,))),
    _paper(
        "Fire ecology",
        2020,
        ("Emilio Bruna", (UF,)),
        ("Mei Lee", (UF,)),
        ("Ana Silva", (USP,)),
        ("Eva Muller", (ETH,)),
    ),
    _paper("Lone paper", 2021, ("Rui Costa", (USP,))),
]


def load_bylines(store: GraphStore) -> GraphStore:
    """Write :data:`PAPERS` into ``store`` (empty or not) and return it."""
    source = SourceRow("S-bylines", "bylines.txt", "test", "1" * 64, "2026-01-01T00:00:00+00:00")
    batch, _ = Resolver(store, source).resolve(PAPERS)
    store.write(batch)
    store.flush()
    return store
