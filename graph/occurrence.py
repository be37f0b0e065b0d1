"""How one occurrence of a name was attributed to an author, as stored on AUTHORED.

An *occurrence* is a name in one source's author list of one paper (or a person record):
the paper, the source and the spelling. Each keeps the evidence that joined it to its
author, so ``coauthor-kg explain`` can show why two names became one node.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from graph.evidence import SIMILARITY, is_weak

__all__ = ["Occurrence"]

_str = json.encoder.encode_basestring  # a JSON string literal (C-accelerated)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """How one occurrence of a name (a paper's author list in one source, or a person
    record) was attributed: stored on the AUTHORED edge, one per source, as JSON.

    ``evidence`` lists the clues as (kind, bits, detail); the kinds decided by rule are
    ``new`` (created the author), ``id`` (a strong id the author holds), ``owner``
    (profile/CV ownership) and ``correction``. ``strength`` is the posterior of a join
    on evidence, 1.0 for the rules.
    """

    source: str
    spelling: str
    evidence: tuple[tuple[str, float, str], ...]
    strength: float = 1.0
    namesakes: float | None = None  # the name's estimated commonness (evidence joins)
    candidates: int = 0  # compatible authors weighed

    @property
    def kinds(self) -> list[str]:
        return [k for k, _, _ in self.evidence]

    @property
    def weak(self) -> bool:
        if len(self.evidence) == 1:
            return self.evidence[0][0] in SIMILARITY
        return is_weak(self.kinds)

    def to_json(self) -> str:
        """Compact JSON, keys in a fixed order (written by hand: one per author reference
        of a load, and the generic encoder was most of its cost)."""
        if len(self.evidence) == 1:
            kind, bits, detail = self.evidence[0]
            clues = f"[{_str(kind)},{bits!r},{_str(detail)}]"
        else:
            clues = ",".join(
                f"[{_str(kind)},{bits!r},{_str(detail)}]" for kind, bits, detail in self.evidence
            )
        text = (
            f'{{"source":{_str(self.source)},"spelling":{_str(self.spelling)},'
            f'"evidence":[{clues}],"strength":{self.strength!r}'
        )
        if self.namesakes is not None:
            text += f',"namesakes":{round(self.namesakes, 3)!r}'
        if self.candidates:
            text += f',"candidates":{self.candidates}'
        return text + "}"

    @staticmethod
    def by_id_json(source: str, spelling: str, detail: str) -> str:
        """``Occurrence(source, spelling, (("id", 0.0, detail),)).to_json()``, made
        directly: most occurrences of a large load are decided by a strong id."""
        return (
            f'{{"source":{_str(source)},"spelling":{_str(spelling)},'
            f'"evidence":[["id",0.0,{_str(detail)}]],"strength":1.0}}'
        )

    @classmethod
    def from_json(cls, text: str) -> Occurrence:
        data = json.loads(text)
        return cls(
            source=data["source"],
            spelling=data["spelling"],
            evidence=tuple((k, float(b), d) for k, b, d in data["evidence"]),
            strength=float(data["strength"]),
            namesakes=data.get("namesakes"),
            candidates=int(data.get("candidates", 0)),
        )

    def summary(self) -> str:
        """The evidence kinds, strongest first, joined by "+" (the edge's ``evidence``)."""
        if len(self.evidence) == 1:
            return self.evidence[0][0]
        return "+".join(dict.fromkeys(self.kinds)) or "new"
