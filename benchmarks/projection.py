"""The projection's figures, the open measured in a fresh process so that its time and
resident memory are the projection's own and not the runner's:

``python -m benchmarks.projection open FOLDER [--paths N]`` maps a saved generation
(graph/projection/files.py), then answers N seeded shortest paths between authors who
have a co-author (touching the pages a path search reads) and prints, as JSON on its last
line, the open time, the peak resident memory and the path latencies.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.child import peak_rss_mb

__all__ = ["open_in_child"]


def _open(folder: Path, paths: int) -> dict[str, Any]:
    import numpy as np

    from benchmarks.picks import percentiles
    from graph.projection.core import Projection
    from graph.projection.files import read_generation
    from graph.projection.paths import shortest_path

    before = peak_rss_mb()
    t = time.perf_counter()
    found = read_generation(folder)
    if found is None:
        raise SystemExit(f"{folder}: not a projection this version can read")
    meta, arrays = found
    proj = Projection(arrays, stamp=meta["stamp"], where=folder)
    open_s = time.perf_counter() - t
    connected = np.flatnonzero(np.diff(proj.indptr) > 0)
    rng = random.Random(20240601)
    samples = []
    for _ in range(paths if connected.size > 1 else 0):
        a, b = (int(x) for x in rng.sample(connected.tolist(), 2))
        t = time.perf_counter()
        shortest_path(proj, a, b, 20)
        samples.append((time.perf_counter() - t) * 1000)
    return {
        "open_s": round(open_s, 4),
        "rss_mb": peak_rss_mb(),
        "rss_before_open_mb": before,
        "paths": len(samples),
        **{f"path_{k}": v for k, v in percentiles(samples).items()},
    }


def open_in_child(folder: Path, paths: int = 200) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.projection", "open", str(folder), "--paths", str(paths)],
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmarks.projection open failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.projection")
    sub = ap.add_subparsers(dest="cmd", required=True)
    o = sub.add_parser("open")
    o.add_argument("folder", type=Path)
    o.add_argument("--paths", type=int, default=200)
    ns = ap.parse_args(argv)
    print(json.dumps(_open(ns.folder, ns.paths)))


if __name__ == "__main__":
    main()
