"""Read latency while a load runs: the API over an embedded store, served by uvicorn on
127.0.0.1, a few clients reading (``/authors``, ``/shared-collaborators``) all along,
and one client uploading a large document through ``POST /documents`` meanwhile.

The reads are timed first with the server otherwise idle, then while the upload is in
flight (from the first byte sent to the answer), so one row shows what a load costs
the readers: an upload used to be parsed and loaded under the store's write lock,
stalling every read for the whole load.
"""

from __future__ import annotations

import secrets
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from benchmarks.apiload import api_server
from benchmarks.picks import percentiles

__all__ = ["read_paths", "reads_during_load"]


Sample = tuple[float, float, int]  # (start, latency ms, status)


def _reader(
    base: str, paths: list[str], offset: int, stop: threading.Event, out: list[Sample]
) -> None:
    import httpx

    with httpx.Client(base_url=base, timeout=120) as client:
        i = offset
        while not stop.is_set():
            path = paths[i % len(paths)]
            i += 1
            t = time.perf_counter()
            try:
                status = client.get(path).status_code
            except httpx.HTTPError:
                status = 0
            out.append((t, (time.perf_counter() - t) * 1000, status))


def read_paths(triples: list[list[str]]) -> list[str]:
    """Name searches and shared-collaborator questions, alternating."""
    paths = []
    for t in triples:
        paths.append(f"/authors?q={quote(t[0])}")
        paths.append("/shared-collaborators?" + "&".join(f"author={quote(n)}" for n in t))
    return paths


def _by_id(base: str, paths: list[str]) -> list[str]:
    """The shared-collaborator questions asked by author id, as a client does once it
    has resolved a name: the upload adds namesakes of the picked authors (generated
    corpora share a name distribution), and a name that then matches two people is
    answered 409 with its candidates, which is right but not the read being timed."""
    import httpx

    ids: dict[str, str] = {}
    out = []
    with httpx.Client(base_url=base, timeout=120) as client:
        for path in paths:
            route, _, query = path.partition("?")
            if route != "/shared-collaborators":
                out.append(path)
                continue
            names = [unquote(v) for k, v in (p.split("=", 1) for p in query.split("&"))]
            for name in names:
                if name not in ids:
                    found = client.get("/authors", params={"q": name}).json()["data"]
                    ids[name] = found[0]["id"] if found else name
            out.append(route + "?" + "&".join(f"author={quote(ids[n])}" for n in names))
    return out


def reads_during_load(
    store_dir: Path,
    upload: Path,
    paths: list[str],
    *,
    readers: int = 4,
    idle_seconds: float = 5.0,
) -> dict[str, Any]:
    """Read latencies idle and during the upload of ``upload`` into the embedded store
    at ``store_dir`` (which the upload changes)."""
    import httpx

    key = secrets.token_hex(16)
    env = {"COAUTHOR_KG_DATA_DIR": str(store_dir), "COAUTHOR_KG_API_KEY": key, "NEO4J_URI": ""}
    samples: list[Sample] = []
    stop = threading.Event()
    with api_server(env, workers=1) as base:
        paths = _by_id(base, paths)
        threads = [
            threading.Thread(target=_reader, args=(base, paths, i * 7, stop, samples))
            for i in range(readers)
        ]
        for t in threads:
            t.start()
        try:
            time.sleep(1.0)  # warm-up, not counted
            idle_from = time.perf_counter()
            time.sleep(idle_seconds)
            t0 = time.perf_counter()
            with upload.open("rb") as fh, httpx.Client(base_url=base, timeout=3600) as client:
                response = client.post(
                    "/documents",
                    files={"file": (upload.name, fh)},
                    headers={"X-API-Key": key},
                )
            t1 = time.perf_counter()
        finally:
            stop.set()
            for t in threads:
                t.join(120)
    idle = [ms for start, ms, _ in samples if idle_from <= start < t0]
    during = [ms for start, ms, _ in samples if t0 <= start < t1]
    answer = response.json() if response.status_code == 200 else {}
    return {
        "readers": readers,
        "upload_mb": round(upload.stat().st_size / 2**20, 1),
        "upload_status": response.status_code,
        "upload_loaded": answer.get("loaded", 0) + answer.get("merged", 0),
        "upload_s": round(t1 - t0, 2),
        "idle": {"reads": len(idle), **percentiles(idle), "max_ms": round(max(idle, default=0), 1)},
        "during_load": {
            "reads": len(during),
            **percentiles(during),
            "max_ms": round(max(during, default=0), 1),
        },
        "errors": sum(1 for start, _, status in samples if status != 200 and start >= idle_from),
    }
