"""A fuzzing harness for every loader of the format table and for manifests.

Documents: real files of each format (../shared/realdata, the seeds, tests/data; found
by sniffing, so a format added to loaders/registry.FORMATS is fuzzed as soon as a
sample of it exists, and with hostile blobs alone before that) are mutated (bytes
flipped, slices cut, repeated or spliced between samples, hostile tokens inserted:
control characters, lone surrogates, invalid UTF-8, 200,000-deep JSON, numbers of
5,000 digits, entity and brace bombs, very long lines) and each case is parsed through
the registry in the given format, sniffed, and loaded into an empty embedded store.

The contract each case must keep:
- no exception but the domain's (``CoauthorKGError``): no traceback;
- a refusal names the file, and a ParseError its line or record; its message quotes
  at most a bounded excerpt of the file and no control character;
- a parse that succeeds reports every skipped record with the file and a line or
  record number, and hands out text without control characters;
- no case runs longer than the time bound or needs more than the memory bound: each
  runs in a worker process with an address-space limit, killed when it overruns.

Manifests: hypothesis generates ``[[document]]`` tables of every shape (names with
``..``, absolute paths, links out of the folder, control characters, values of the
wrong type) and mutates them as text; ``read_manifest``/``discover`` must refuse with a
ManifestError or name only files inside the folder.

Cases are reproducible: case ``i`` of format ``f`` under seed ``s`` is mutated by
``random.Random(f"{s}:{f}:{i}")``. ``python -m tests.fuzz --seconds N`` runs longer;
tests/fuzz/test_fuzz.py runs a fixed number of cases in the test command.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import multiprocessing
import random
import re
import resource
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from loaders.registry import FORMATS, MANIFEST, read_manifest, sniff_format

__all__ = [
    "CONTROL",
    "Finding",
    "Report",
    "fuzz_format",
    "mutate",
    "seeds_for",
]

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE_DIRS = (ROOT.parent / "shared" / "realdata", ROOT / "seeds", ROOT / "tests" / "data")
SAMPLE_BYTES = 16 << 10  # a longer sample is cut (at a line end) to keep cases fast
CASE_SECONDS = 20.0  # a case taking longer is a hang
MEMORY_BYTES = 1 << 30  # address space a case may take beyond the worker's own
MESSAGE_SLACK = 400  # characters an error message may have beyond the file's path
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

# Tokens a hostile or broken document carries, inserted at random places.
HOSTILE: tuple[bytes, ...] = (
    b"\x00",
    b"\x1b[2J\x1b]0;pwned\x07",
    "\u009b31m".encode(),
    b"\xff\xfe\xc3",
    b"\\u0000\\ud800\\u001b",
    "\u202e\ufeff\ufffe".encode(),
    b"[" * 200_000,
    b'{"a":' * 50_000,
    b"9" * 5000,
    b"1e999999",
    b"-0.0e-400",
    b"\r\n\r",
    b"a" * 100_000,
    b"{" * 3000,
    b"}" * 3000,
    b"@article{",
    b'"',
    b"\\",
    b"%",
    b'<!DOCTYPE dblp [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
    b'<!ENTITY x SYSTEM "file:///etc/passwd">&x;',
    b"&ouml;&#0;&#x1b;&#xD800;&nosuch;",
    b'<author orcid="x">',
    b"</dblp>",
    b"# Heading\n## Publications\n",
    b"h-index99999999999999999999",
    b"\xe2\x80\xa2 99999999999999999999 authors",
    b"Feb 30, 2025 999999999999",
    b'[[document]]\nfile = "../../etc/passwd"\n',
    b"$\\frac{\\frac{\\frac{",
    b"\\'{\\\"{\\c{",
    b"null",
    b"true",
    b"[]",
    b"{}",
    b'"x"',
    b"-1",
    b"0",
)


@dataclass
class Finding:
    """One case that broke the contract: where, how, and the input to reproduce it."""

    format: str
    case: int
    kind: str  # traceback | contract | hang | memory | crash
    detail: str
    sample: str = ""  # where the failing input was saved


@dataclass
class Report:
    """What a fuzzing run did: cases per format, outcomes, findings."""

    cases: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0

    def merge(self, other: Report) -> None:
        self.cases.update(other.cases)
        self.outcomes.update(other.outcomes)
        self.findings.extend(other.findings)
        self.seconds += other.seconds

    def summary(self) -> str:
        lines = [f"{fmt}: {n} cases" for fmt, n in sorted(self.cases.items())]
        outcomes = ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items()))
        lines.append(f"outcomes: {outcomes}")
        lines.append(f"findings: {len(self.findings)} in {self.seconds:.0f} s")
        lines += [
            f"  {f.format} #{f.case} {f.kind}: {f.detail[:300]} {f.sample}" for f in self.findings
        ]
        return "\n".join(lines)


# ------------------------------------------------------------------------- samples


def _cut(data: bytes) -> list[bytes]:
    """A sample small enough for fast cases: a JSON document keeps the first items of
    its arrays (as one document, and as JSON lines when it lists objects); anything
    else keeps its first SAMPLE_BYTES, ending at a line end."""
    if len(data) <= SAMPLE_BYTES:
        return [data]
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        head = data[:SAMPLE_BYTES]
        end = head.rfind(b"\n")
        return [head[: end + 1] if end > 0 else head]
    value = _trim(value, 0)
    records = value if isinstance(value, list) else []
    if isinstance(value, dict) and isinstance(value.get("results"), list):
        records = value["results"]  # a list page: its works are also JSON lines
    whole = json.dumps(value, indent=1).encode()
    lines = b"".join(json.dumps(r).encode() + b"\n" for r in records if isinstance(r, dict))
    return [whole, lines] if lines else [whole]


def _trim(value: Any, depth: int) -> Any:
    """Arrays cut to their first few elements (fewer further down)."""
    if isinstance(value, list):
        return [_trim(v, depth + 1) for v in value[: 3 if depth == 0 else 5]]
    if isinstance(value, dict):
        return {k: _trim(v, depth + 1) for k, v in value.items()}
    return value


def _samples() -> Iterator[tuple[Path, str]]:
    """(file, format) of every sample document: manifests say, else sniffing does."""
    for folder in SAMPLE_DIRS:
        if not folder.is_dir():
            continue
        listed: dict[Path, str] = {}
        for manifest in folder.rglob(MANIFEST):
            with contextlib.suppress(Exception):
                listed.update({s.path.resolve(): s.format for s in read_manifest(manifest)})
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.suffix in (".md", ".toml", ".py", ".pyc", ".dtd"):
                continue
            fmt = listed.get(path.resolve())
            if fmt is None:
                try:
                    fmt = sniff_format(path)
                except Exception:
                    continue
            yield path, fmt


def seeds_for(fmt: str) -> list[bytes]:
    """The sample documents of one format, cut to SAMPLE_BYTES; hostile blobs alone
    when the format has no sample yet."""
    found = [cut for path, name in _samples() if name == fmt for cut in _cut(path.read_bytes())]
    return found or [b"".join(HOSTILE[:6]), b"{}", b"\n"]


# ------------------------------------------------------------------------- mutation


def _insert(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(HOSTILE) + data[at:]


def _flip(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _cut_slice(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    return data[:a] + data[a + rng.randint(1, max(1, len(data) // 4)) :]


def _repeat(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    piece = data[a : a + rng.randint(1, 2000)]
    return data[:a] + piece * rng.randint(2, 50) + data[a:]


def _splice(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    other = rng.choice(others) if others else data
    a, b = rng.randrange(len(data) + 1), rng.randrange(len(other) + 1)
    return data[:a] + other[b : b + rng.randint(1, 4000)] + data[a:]


def _truncate(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


_NUMBER = re.compile(rb"\d+")
_JSON_VALUE = re.compile(rb'(":\s*)("[^"\\]*"|-?\d[\d.eE+-]*|true|false|null|\[|\{)')
_TYPES = (b'"x"', b"1", b"1.5", b"true", b"null", b"[]", b"{}", b'["x"]', b'[{"x": 1}]')


def _numbers(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    spots = list(_NUMBER.finditer(data))
    if not spots:
        return _insert(rng, data, _)
    m = rng.choice(spots)
    return data[: m.start()] + rng.choice((b"9" * 5000, b"0", b"9" * 12, b"-1")) + data[m.end() :]


def _retype(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    """A JSON member's value replaced by one of another type (only its first token:
    the rest of an array or object then reads as broken JSON, also worth a case)."""
    spots = list(_JSON_VALUE.finditer(data))
    if not spots:
        return _flip(rng, data, _)
    m = rng.choice(spots)
    value = rng.choice(_TYPES)
    if m.group(2) in (b"[", b"{"):
        return data[: m.start(2)] + value + b"," + data[m.start(2) :]  # value, then junk
    return data[: m.start(2)] + value + data[m.end(2) :]


_STRINGS = (
    "\x00",
    "\x1b[2J\x1b]0;pwned\x07",
    "\u009b",
    "\ud800",
    "\ufffe",
    "[/] :x: [bold]",
    "a" * 10_000,
    "",
    " ",
    "Mao, Ziming",
    "https://openalex.org/W1",
    "10.1/x",
    "2020-13-45",
    "Mon, 99 Foo 2007 99:99:99 GMT",
)


def _random_json(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.randrange(12)
    if roll == 0 and depth < 3:
        return [_random_json(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if roll == 1 and depth < 3:
        return {rng.choice(_STRINGS[:6]): _random_json(rng, depth + 1)}
    if roll == 2:
        nested: Any = []
        for _ in range(rng.choice((10, 500, 2000))):
            nested = [nested]
        return nested
    return rng.choice(
        (*_STRINGS, 10**400, -1, 0, 2**63, 1.5, float("inf"), True, False, None, [], {})
    )


def _json_nodes(value: Any, out: list[tuple[Any, Any]]) -> None:
    """(container, key) of every member and element, for replacing one."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, member in list(items):
        out.append((value, key))
        if isinstance(member, dict | list):
            _json_nodes(member, out)


def _restructure(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    """A JSON document (or one line of JSON lines) with one member or element replaced
    by a value of any type, or its key dropped: stays valid JSON, so the loader's
    typed access is what gets exercised."""
    try:
        return _restructured(rng, data, others)
    except RecursionError:  # an earlier mutation nested it too deeply to walk
        return _insert(rng, data, others)


def _restructured(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    lines = data.split(b"\n")
    whole = len([ln for ln in lines if ln.strip()]) > 1 and data.lstrip()[:1] in (b"{", b"[")
    try:
        targets = [json.loads(data)] if whole or len(lines) < 2 else None
    except ValueError:
        targets = None
    if targets is None:
        candidates = [i for i, ln in enumerate(lines) if ln.strip()]
        if not candidates:
            return _insert(rng, data, _)
        at = rng.choice(candidates)
        try:
            targets = [json.loads(lines[at])]
        except ValueError:
            return _insert(rng, data, _)
    else:
        at = -1
    nodes: list[tuple[Any, Any]] = []
    if isinstance(targets[0], dict | list):
        _json_nodes(targets[0], nodes)
    if not nodes:
        return _insert(rng, data, _)
    for _ in range(rng.randint(1, 3)):
        container, key = rng.choice(nodes)
        with contextlib.suppress(KeyError, IndexError):
            if isinstance(container, dict) and rng.random() < 0.2:
                del container[key]
            else:
                container[key] = _random_json(rng)
    try:
        text = json.dumps(targets[0], indent=1 if whole else None).encode("utf-8", "surrogatepass")
    except (ValueError, RecursionError):
        return _insert(rng, data, _)
    if at < 0:
        return text
    lines[at] = text
    return b"\n".join(lines)


def _lines(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    lines = data.split(b"\n")
    if len(lines) > 2:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


MUTATORS: tuple[Callable[[random.Random, bytes, list[bytes]], bytes], ...] = (
    _insert,
    _insert,
    _flip,
    _cut_slice,
    _repeat,
    _splice,
    _truncate,
    _numbers,
    _retype,
    _restructure,
    _restructure,
    _restructure,
    _lines,
)


def mutate(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    """One to four mutations of ``data``; a third of the cases only restructure JSON
    (valid documents whose values have unexpected types), the others anything."""
    gentle = rng.random() < 0.33
    for _ in range(rng.randint(1, 4)):
        data = (_restructure if gentle else rng.choice(MUTATORS))(rng, data, others)
    return data


def case_input(fmt: str, seed: int, index: int, seeds: list[bytes]) -> bytes:
    """The input of case ``index``: deterministic for (seed, format, index)."""
    rng = random.Random(f"{seed}:{fmt}:{index}")
    return mutate(rng, rng.choice(seeds), seeds)


# ------------------------------------------------------------------------- checking


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for v in value:
            yield from _strings(v)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name))


def _check_message(message: str, path: str) -> str | None:
    if path not in message:
        return f"message does not name the file: {message[:200]!r}"
    if CONTROL.search(message):
        return f"control character in message: {message[:200]!r}"
    if len(message) > len(path) + MESSAGE_SLACK:
        return f"message of {len(message)} characters: {message[:200]!r}..."
    return None


def check_case(fmt: str, data: bytes, folder: Path) -> tuple[str, str | None]:
    """Parse, sniff and load one input: (outcome, contract problem or None). An
    exception outside the domain's escapes: the caller reports its traceback."""
    from graph.ingest import load_documents
    from graph.store.memory import MemoryStore
    from loaders.errors import CoauthorKGError, ParseError
    from loaders.records import RecordError
    from loaders.registry import DocumentSpec, parse_document

    path = folder / f"case.{fmt}"
    path.write_bytes(data)
    spec = DocumentSpec(path, fmt)
    with contextlib.suppress(CoauthorKGError):
        sniff_format(path)
    try:
        doc = parse_document(spec)
    except CoauthorKGError as exc:
        problem = _check_message(exc.message, str(path))
        unplaced = exc.line is None and exc.details.get("record") is None
        if problem is None and isinstance(exc, ParseError) and unplaced:
            problem = f"ParseError without a line or record: {exc.message[:200]!r}"
        return type(exc).__name__, problem
    for error in doc.errors:
        if not isinstance(error, RecordError) or error.path != str(path):
            return "parsed", f"record error naming another file: {error}"
        if error.line is None and error.record is None:
            return "parsed", f"record error without a line or record: {error}"
        if CONTROL.search(error.reason) or len(error.reason) > MESSAGE_SLACK:
            return "parsed", f"record error quoting too much: {error.reason[:200]!r}"
    for text in _strings([doc.papers, doc.people, doc.owner]):
        if CONTROL.search(text.replace("\n", " ").replace("\t", " ")):
            return "parsed", f"control character in loaded text: {text[:100]!r}"
    try:
        summary = load_documents(MemoryStore(None), [spec])
    except CoauthorKGError as exc:
        return "load refused", _check_message(exc.message, str(path))
    d = summary.documents[0]
    if d.read != d.loaded + d.merged + d.skipped or d.skipped < 0:
        return "loaded", f"summary does not add up: {d}"
    return ("loaded" if d.loaded or d.merged else "loaded nothing"), None


def _worker(conn: Connection, fmt: str, seed: int, memory: int) -> None:
    """Runs cases sent by index until told to stop; answers (outcome, problem, trace).

    The budget is on top of the address space the worker already maps: an absolute
    limit below what the interpreter and its extensions hold makes every allocation
    fail, and C code that does not check (seen in CI as SIGSEGV) crashes."""
    limit = _address_space() + memory
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    seeds = seeds_for(fmt)
    with tempfile.TemporaryDirectory(prefix="coauthor-kg-fuzz-") as tmp:
        folder = Path(tmp)
        while True:
            index = conn.recv()
            if index is None:
                return
            try:
                data = case_input(fmt, seed, index, seeds)
            except BaseException:
                conn.send(("harness", None, traceback.format_exc(limit=-8)))
                continue
            try:
                outcome, problem = check_case(fmt, data, folder)
                conn.send((outcome, problem, None))
            except MemoryError:
                conn.send(("memory", "MemoryError", traceback.format_exc(limit=-8)))
            except BaseException as exc:  # the finding: a traceback
                conn.send((type(exc).__name__, None, traceback.format_exc(limit=-8)))


def _address_space() -> int:
    """This process's mapped bytes (VmSize), which RLIMIT_AS is compared with."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmSize in /proc/self/status")


class _Pool:
    """One worker process for a format's cases, replaced when a case kills it."""

    def __init__(self, fmt: str, seed: int, memory: int) -> None:
        self.fmt, self.seed, self.memory = fmt, seed, memory
        self.proc: multiprocessing.process.BaseProcess | None = None
        self.conn: Connection | None = None

    def _start(self) -> None:
        # spawn, not fork: a forked child of a test process inherits its locks (held
        # by threads that are not copied) and its size; a fresh interpreter has neither
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        self.proc = ctx.Process(
            target=_worker, args=(child, self.fmt, self.seed, self.memory), daemon=True
        )
        self.proc.start()
        self.conn = parent

    def run(self, index: int, timeout: float) -> tuple[str, str | None, str | None]:
        if self.proc is None or not self.proc.is_alive():
            self._start()
        assert self.conn is not None and self.proc is not None
        self.conn.send(index)
        if not self.conn.poll(timeout):
            self.close(kill=True)
            return "hang", f"no answer within {timeout:.0f} s", None
        try:
            answer: tuple[str, str | None, str | None] = self.conn.recv()
        except EOFError:
            code = self.proc.exitcode
            self.close(kill=True)
            return "crash", f"the worker died (exit code {code})", None
        return answer

    def close(self, kill: bool = False) -> None:
        if self.proc is None:
            return
        if kill:
            self.proc.kill()
        else:
            with contextlib.suppress(OSError, ValueError):
                assert self.conn is not None
                self.conn.send(None)
        self.proc.join(10)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(10)
        self.proc = self.conn = None


def fuzz_format(
    fmt: str,
    *,
    cases: int | None = None,
    seconds: float | None = None,
    seed: int = 0,
    timeout: float = CASE_SECONDS,
    memory: int = MEMORY_BYTES,
    save: Path | None = None,
) -> Report:
    """Run ``cases`` cases (or as many as fit in ``seconds``) of one format."""
    if (cases is None) == (seconds is None):
        raise ValueError("give cases or seconds")
    report = Report()
    pool = _Pool(fmt, seed, memory)
    t0 = time.monotonic()
    index = 0
    try:
        while (cases is not None and index < cases) or (
            seconds is not None and time.monotonic() - t0 < seconds
        ):
            outcome, problem, trace = pool.run(index, timeout)
            report.cases[fmt] += 1
            report.outcomes[outcome] += 1
            if problem is not None or trace is not None or outcome in ("hang", "crash"):
                kind = {"hang": "hang", "crash": "crash", "memory": "memory"}.get(
                    outcome, "traceback" if trace else "contract"
                )
                finding = Finding(fmt, index, kind, trace or problem or outcome)
                if save is not None:
                    save.mkdir(parents=True, exist_ok=True)
                    sample = save / f"{fmt}-{seed}-{index}.bin"
                    sample.write_bytes(case_input(fmt, seed, index, seeds_for(fmt)))
                    finding.sample = str(sample)
                report.findings.append(finding)
            index += 1
    finally:
        pool.close()
    report.seconds = time.monotonic() - t0
    return report


def format_names() -> list[str]:
    """The formats to fuzz: the registry's table, whatever it holds."""
    return [f.name for f in FORMATS]
