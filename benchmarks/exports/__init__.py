"""Database exports of any size, replicated from the real samples, for the loader
benchmark: one generator per format the exports issue added (base.py says how a copy
differs from its sample record).

Files go to ``data_dir/exports/`` with a ``.json`` beside each (records, bytes and a
fingerprint of this package's code and of the samples); a file whose fingerprint still
matches is reused. Same arguments, same bytes.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.exports.base import DEFAULT_SAMPLES, Export, Samples
from benchmarks.exports.jsonexports import CrossrefWorks, S2Papers
from benchmarks.exports.pubmed import PubmedXml
from benchmarks.exports.tables import IeeeCsv, LensCsv, ScopusCsv, SpringerCsv
from benchmarks.exports.tagged import Medline, Ris
from benchmarks.exports.wos import WosPlain, WosTab

__all__ = ["DEFAULT_SAMPLES", "GENERATORS", "ExportFile", "Samples", "ensure_export"]

# The formats of loaders/registry.py beyond the original seven, in its table order.
GENERATORS: dict[str, type[Export]] = {
    g.fmt: g
    for g in (
        S2Papers,
        CrossrefWorks,
        LensCsv,
        Ris,
        Medline,
        PubmedXml,
        IeeeCsv,
        SpringerCsv,
        WosPlain,
        WosTab,
        ScopusCsv,
    )
}


@dataclass(frozen=True, slots=True)
class ExportFile:
    path: Path
    fmt: str
    records: int  # records written: what the loader must read
    bytes: int
    templates: int  # sample records replicated
    authors: int  # the author pool drawn from
    fingerprint: str


def _fingerprint(samples: Samples) -> str:
    h = hashlib.sha256()
    for source in sorted(Path(__file__).resolve().parent.glob("*.py")):
        h.update(source.read_bytes())
    for part in samples.fingerprint_parts():
        h.update(part.encode())
    return h.hexdigest()[:16]


def _write(export: Export, path: Path, target: int, rng: random.Random) -> tuple[int, int]:
    """Copies of every template in turn until ``target`` bytes; (records, bytes)."""
    if export.templates == 0:
        raise ValueError(f"no {export.fmt} samples to replicate")
    records = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        size = fh.write(export.header())
        copy = 0
        while size < target or records == 0:
            copy += 1
            for index in range(export.templates):
                text = (export.separator if records else "") + export.record(copy, index, rng)
                fh.write(text)
                size += len(text.encode("utf-8"))
                records += 1
                if size >= target:
                    break
        fh.write(export.footer(records))
    return records, path.stat().st_size


def ensure_export(
    data_dir: Path, fmt: str, mb: float, *, seed: int = 1, samples: Path = DEFAULT_SAMPLES
) -> ExportFile:
    """The generated ``fmt`` file of about ``mb`` MiB, written unless already there."""
    if not samples.is_dir():
        raise FileNotFoundError(
            f"the loader benchmark replicates the real samples, which are not at {samples}"
        )
    found = Samples(samples)
    fingerprint = _fingerprint(found)
    generator = GENERATORS[fmt]
    path = data_dir / "exports" / f"{fmt}-{mb:g}mb-seed{seed}{generator.suffix}"
    meta = path.with_name(path.name + ".json")
    if path.exists() and meta.exists():
        saved = json.loads(meta.read_text(encoding="utf-8"))
        if saved.get("fingerprint") == fingerprint and saved.get("bytes") == path.stat().st_size:
            return ExportFile(path=path, **saved)
    export = generator(found)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    records, size = _write(export, tmp, int(mb * 2**20), random.Random(f"{seed}:{fmt}"))
    tmp.replace(path)
    made = ExportFile(path, fmt, records, size, export.templates, export.authors, fingerprint)
    fields = {k: v for k, v in asdict(made).items() if k != "path"}
    meta.write_text(json.dumps(fields, indent=1) + "\n", encoding="utf-8")
    return made
