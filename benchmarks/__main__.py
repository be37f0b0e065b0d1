"""``python -m benchmarks run --papers N --out DIR`` (and ``loaders``, ``table``,
``generate``, ``disambiguation``)."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

from benchmarks.apiload import ensure_wrk
from benchmarks.exports import DEFAULT_SAMPLES, GENERATORS
from benchmarks.generate import DEFAULT_SEED, SHAPES, GenParams, ensure_corpus
from benchmarks.report import loaders_table, sizes_table
from benchmarks.runner import LoaderRunConfig, RunConfig, run, run_loaders
from benchmarks.server import DEFAULT_BENCH_HOME, DEFAULT_BENCH_PORT

# What `run` imports beyond the base install: the `bench` extra of pyproject.toml. Checked
# before the run starts, as the API load phase comes after minutes of loading.
BENCH_EXTRA = ("httpx",)
RESULTS = Path(__file__).resolve().parent / "results"
LOADER_MB = 50.0  # the size of each generated export, as the issue asks


def _require_bench_extra() -> None:
    missing = []
    for module in BENCH_EXTRA:
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(module)
    if missing:
        sys.exit(
            f"python -m benchmarks run needs {', '.join(missing)}, which the base install "
            "does not include: pip install 'coauthor-kg[bench]'"
        )


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m benchmarks")
    sub = ap.add_subparsers(dest="cmd", required=True)
    defaults = RunConfig(papers=0, out=Path("."))

    r = sub.add_parser("run", help="generate a corpus and run every measurement on it")
    r.add_argument("--papers", type=int, required=True)
    r.add_argument("--out", type=Path, help="results folder (default benchmarks/results/N)")
    r.add_argument("--shape", choices=SHAPES, default=defaults.shape)
    r.add_argument("--seed", type=int, default=DEFAULT_SEED)
    r.add_argument("--data-dir", type=Path, default=defaults.data_dir, help="corpus cache")
    r.add_argument("--neo4j-home", type=Path, default=DEFAULT_BENCH_HOME)
    r.add_argument("--bolt-port", type=int, default=DEFAULT_BENCH_PORT)
    r.add_argument("--heap", default=defaults.heap, help="Neo4j max heap (e.g. 4g)")
    r.add_argument("--pagecache", default=defaults.pagecache, help="Neo4j page cache")
    r.add_argument("--naive-sample", type=int, default=defaults.naive_sample)
    r.add_argument("--naive-seconds", type=float, default=defaults.naive_seconds)
    r.add_argument("--picks", type=int, default=defaults.picks)
    r.add_argument(
        "--query-seconds", type=float, help="cap on each question's timing run, per store"
    )
    r.add_argument("--api-requests", type=int, default=defaults.api_requests)
    r.add_argument("--api-seconds", type=float, default=defaults.api_seconds)
    r.add_argument(
        "--api-workers", type=int, default=defaults.api_workers, help="uvicorn processes"
    )
    r.add_argument(
        "--upload-papers",
        type=int,
        default=defaults.upload_papers,
        help="reads during a load: papers in the upload (at most --papers; 0 skips it)",
    )
    r.add_argument("--no-bulk", action="store_true")
    r.add_argument("--no-api", action="store_true")
    r.add_argument("--no-embedded", action="store_true")
    r.add_argument(
        "--embedded-only",
        action="store_true",
        help="re-measure the embedded store; keep the Neo4j figures of OUT/results.json",
    )
    r.add_argument("--keep-server", action="store_true", help="leave Neo4j running")
    r.add_argument(
        "--loader-mb",
        type=float,
        default=LOADER_MB,
        help="size of the generated file each export loader is measured on",
    )
    r.add_argument("--no-loaders", action="store_true", help="skip the export loaders")
    r.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES, help="the real exports")
    r.add_argument("--baseline", type=Path, help="a previous results.json to compare with")

    lo = sub.add_parser("loaders", help="only measure each export loader on a generated file")
    lo.add_argument("--mb", type=float, default=LOADER_MB, help="size of each generated file")
    lo.add_argument("--out", type=Path, default=RESULTS / "loaders", help="results folder")
    lo.add_argument(
        "--format", action="append", choices=list(GENERATORS), help="only these (repeatable)"
    )
    lo.add_argument("--seed", type=int, default=DEFAULT_SEED)
    lo.add_argument("--data-dir", type=Path, default=defaults.data_dir, help="file cache")
    lo.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES, help="the real exports")
    lo.add_argument("--baseline", type=Path, help="a previous results.json to compare with")

    t = sub.add_parser("table", help="one table of every results.json under a folder")
    t.add_argument("folder", type=Path, nargs="?", default=RESULTS)

    d = sub.add_parser(
        "disambiguation",
        help="B³ precision/recall/F1 of author identity on labelled sets (generated + real)",
    )
    d.add_argument("--papers", type=int, default=100_000, help="size of the generated set")
    d.add_argument("--seed", type=int, default=DEFAULT_SEED)
    d.add_argument("--out", type=Path, help="results folder (default benchmarks/results/"
                   "disambiguation)")  # fmt: skip
    d.add_argument("--no-real", action="store_true", help="only the generated set")

    g = sub.add_parser("generate", help="only write the corpus file")
    g.add_argument("--papers", type=int, required=True)
    g.add_argument("--shape", choices=SHAPES, default="dblp")
    g.add_argument("--seed", type=int, default=DEFAULT_SEED)
    g.add_argument("--data-dir", type=Path, default=defaults.data_dir)
    return ap


def main(argv: list[str] | None = None) -> None:
    ns = _parser().parse_args(argv)
    command = ["python", "-m", "benchmarks", *(argv if argv is not None else sys.argv[1:])]
    if ns.cmd == "table":
        runs = [json.loads(p.read_text()) for p in sorted(ns.folder.glob("*/results.json"))]
        print(sizes_table([r for r in runs if "papers" in r]), end="")
        for r in runs:
            if r.get("loaders"):
                print("\n" + loaders_table(r["loaders"]), end="")
        return
    if ns.cmd == "loaders":
        run_loaders(
            LoaderRunConfig(
                mb=ns.mb,
                out=ns.out,
                formats=ns.format,
                seed=ns.seed,
                data_dir=ns.data_dir,
                samples=ns.samples,
                baseline=ns.baseline,
                command=command,
            )
        )
        return
    if ns.cmd == "disambiguation":
        from benchmarks import disambiguation

        out = ns.out or Path(__file__).resolve().parent / "results" / "disambiguation"
        command = ["python", "-m", "benchmarks", *(argv if argv is not None else sys.argv[1:])]
        results = disambiguation.main(
            ns.papers, ns.seed, out, real=not ns.no_real, command=" ".join(command)
        )
        sys.stdout.write((out / "results.md").read_text(encoding="utf-8"))
        del results
        return
    if ns.cmd == "generate":
        path, stats = ensure_corpus(ns.data_dir, ns.shape, GenParams(ns.papers, seed=ns.seed))
        print(
            f"{path}: {stats.papers:,} papers, {stats.authors:,} authors, "
            f"{stats.mean_team:.2f} authors/paper, {stats.mean_productivity:.2f} papers/author"
        )
        return
    _require_bench_extra()
    if not ns.no_api and not ns.embedded_only:
        try:
            ensure_wrk()
        except RuntimeError as exc:
            sys.exit(str(exc))
    out = ns.out or Path(__file__).resolve().parent / "results" / str(ns.papers)
    cfg = RunConfig(
        papers=ns.papers,
        out=out,
        shape=ns.shape,
        seed=ns.seed,
        data_dir=ns.data_dir,
        neo4j_home=ns.neo4j_home,
        bolt_port=ns.bolt_port,
        heap=ns.heap,
        pagecache=ns.pagecache,
        naive_sample=ns.naive_sample,
        naive_seconds=ns.naive_seconds,
        picks=ns.picks,
        query_seconds=ns.query_seconds,
        api_requests=ns.api_requests,
        api_seconds=ns.api_seconds,
        api_workers=ns.api_workers,
        upload_papers=ns.upload_papers,
        bulk=not ns.no_bulk,
        api=not ns.no_api,
        embedded=not ns.no_embedded,
        neo4j=not ns.embedded_only,
        keep_server=ns.keep_server,
        loader_mb=None if ns.no_loaders else ns.loader_mb,
        samples=ns.samples,
        baseline=ns.baseline,
        command=command,
    )
    run(cfg)


if __name__ == "__main__":
    main()
