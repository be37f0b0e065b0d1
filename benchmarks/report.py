"""results.json, the markdown table, and the comparison with a previous run."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = [
    "compare",
    "loaders_markdown",
    "loaders_table",
    "markdown",
    "sizes_table",
    "write_results",
]

# The p99 target for each question (set at 1M papers), checked at every size.
QUERY_P99_TARGET_MS = 20.0


def _get(d: dict[str, Any], dotted: str) -> Any:
    cur: Any = d
    for part in dotted.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def _fmt(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        if v >= 100:
            return f"{v:,.0f}"
        return f"{v:.2f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def _met(value: Any, threshold: float, direction: str) -> str:
    if value is None:
        return "–"
    ok = value >= threshold if direction == ">=" else value < threshold
    return "yes" if ok else "**no**"


def markdown(results: dict[str, Any], comparison: dict[str, Any] | None = None) -> str:
    r = results
    load = r.get("load", {})
    lines = [
        f"### {r['papers']:,} papers, {r['authors']:,} authors "
        f"({load.get('corpus', {}).get('shape', '?')} shape)",
        "",
        "| measure | value | target | met |",
        "|---|---:|---:|:-:|",
    ]
    naive = load.get("naive", {})
    rows: list[tuple[str, Any, str, str]] = [
        (
            "loader → Neo4j, papers/s",
            load.get("papers_per_s"),
            "≥ 3,000",
            _met(load.get("papers_per_s"), 3000, ">="),
        ),
        ("loader → Neo4j, authorship edges/s", load.get("edges_per_s"), "", ""),
        (
            f"naive loader, papers/s (first {naive.get('papers', '?')} records)",
            load.get("naive_papers_per_s"),
            "",
            "",
        ),
        ("speed-up over naive", load.get("speedup"), "≥ 20×", _met(load.get("speedup"), 20, ">=")),
        (
            "bulk path (resolve + CSV + neo4j-admin import + schema), papers/s",
            load.get("bulk_papers_per_s"),
            "≥ 20,000",
            _met(load.get("bulk_papers_per_s"), 20000, ">="),
        ),
    ]
    for name, q in sorted(r.get("queries", {}).items()):
        target = "< 20 ms" if q.get("store") == "neo4j" else ""
        met = _met(q.get("p99_ms"), QUERY_P99_TARGET_MS, "<") if target else ""
        rows.append(
            (
                f"{name} p50 / p95 / p99 ms",
                f"{_fmt(q.get('p50_ms'))} / {_fmt(q.get('p95_ms'))} / {_fmt(q.get('p99_ms'))}",
                target,
                met,
            )
        )
    api = r.get("api", {})
    workers = api.get("workers", 1)
    for level, a in sorted(api.get("levels", {}).items(), key=lambda kv: int(kv[0])):
        one = api.get("one_worker_levels", {}).get(level)
        if one and workers != 1:
            rows.append(
                (
                    f"API {api.get('endpoint')} at concurrency {level}, 1 worker: req/s (p99 ms)",
                    f"{_fmt(one.get('requests_per_s'))} ({_fmt(one.get('p99_ms'))})",
                    "",
                    "",
                )
            )
        rows.append(
            (
                f"API {api.get('endpoint')} at concurrency {level}, {workers} worker(s): "
                "req/s (p99 ms)",
                f"{_fmt(a.get('requests_per_s'))} ({_fmt(a.get('p99_ms'))})",
                "≥ 500 req/s",
                _met(a.get("requests_per_s"), 500, ">="),
            )
        )
    emb = r.get("embedded", {})
    if emb:
        rows.append(("embedded: load papers/s", emb.get("load_papers_per_s"), "", ""))
        rows.append(("embedded: open persisted store, s", emb.get("open_s"), "", ""))
        rows.append(("embedded: peak RSS after open, MB", emb.get("peak_rss_mb"), "", ""))
        reads = emb.get("reads_during_load")
        if reads:
            rows.append(
                (
                    f"embedded: read p99 during a {reads['upload_mb']} MB upload "
                    f"({reads['upload_s']} s), ms (idle)",
                    f"{_fmt(reads['during_load']['p99_ms'])} ({_fmt(reads['idle']['p99_ms'])})",
                    "",
                    "",
                )
            )
    for label, value, target, met in rows:
        lines.append(f"| {label} | {_fmt(value)} | {target} | {met} |")
    m = r.get("machine", {})
    lines += [
        "",
        f"Machine: {m.get('cpu', '?')}, {m.get('cores', '?')} cores, "
        f"{m.get('memory_gb', '?')} GB; Neo4j {m.get('neo4j_version', '?')} "
        f"(heap {m.get('neo4j_heap', '?')}, page cache {m.get('neo4j_pagecache', '?')}); "
        f"Python {m.get('python', '?')}; load average at start/end "
        f"{m.get('loadavg_start', '?')} / {m.get('loadavg_end', '?')}.",
    ]
    if naive:
        lines.append(
            f"The naive loader was timed on the first {naive.get('papers')} records "
            f"({naive.get('seconds')} s, stopped by the {naive.get('stopped_by')} limit); its "
            "rate is extrapolated to the whole corpus for the speed-up."
        )
    if r.get("loaders"):
        lines += ["", "Each export loader on a generated file:", "", loaders_table(r["loaders"])]
    lines += _comparison_lines(comparison)
    return "\n".join(lines) + "\n"


def _comparison_lines(comparison: dict[str, Any] | None) -> list[str]:
    if not comparison:
        return []
    lines = ["", "Against the baseline run:", "", "| measure | now | before | ratio |"]
    lines.append("|---|---:|---:|---:|")
    for key, c in comparison.items():
        lines.append(f"| {key} | {_fmt(c['now'])} | {_fmt(c['before'])} | {_fmt(c['ratio'])} |")
    return lines


def loaders_table(loaders: dict[str, Any]) -> str:
    """One row per export format: the generated file, then parse and load figures."""
    lines = [
        "| format | file MB | records | parse records/s | parse peak RSS MB "
        "| load records/s | load peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for fmt, f in loaders.items():
        cells = (
            f.get("mb"),
            f.get("records"),
            f.get("parse_records_per_s"),
            f.get("parse_peak_rss_mb"),
            f.get("load_records_per_s"),
            f.get("load_peak_rss_mb"),
        )
        lines.append(f"| {fmt} | " + " | ".join(_fmt(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def loaders_markdown(results: dict[str, Any], comparison: dict[str, Any] | None = None) -> str:
    """The report of a loaders-only run (``python -m benchmarks loaders``)."""
    m = results.get("machine", {})
    lines = [
        "### Export loaders on generated files",
        "",
        loaders_table(results.get("loaders", {})),
        f"Machine: {m.get('cpu', '?')}, {m.get('cores', '?')} cores, "
        f"{m.get('memory_gb', '?')} GB; Python {m.get('python', '?')}; load average at "
        f"start/end {m.get('loadavg_start', '?')} / {m.get('loadavg_end', '?')}.",
    ]
    lines += _comparison_lines(comparison)
    return "\n".join(lines) + "\n"


_COMPARED = (
    "load.papers_per_s",
    "load.edges_per_s",
    "load.naive_papers_per_s",
    "load.speedup",
    "load.bulk_papers_per_s",
    "api.levels.8.requests_per_s",
    "api.levels.32.requests_per_s",
    "embedded.load_papers_per_s",
    "embedded.open_s",
    "embedded.peak_rss_mb",
    "embedded.reads_during_load.during_load.p99_ms",
)


_COMPARED_PER_LOADER = (
    "parse_records_per_s",
    "parse_peak_rss_mb",
    "load_records_per_s",
    "load_peak_rss_mb",
)


def compare(now: dict[str, Any], before: dict[str, Any]) -> dict[str, Any]:
    """now/before ratio of each headline figure both runs have (query p99s and each
    export loader's figures included)."""
    keys = list(_COMPARED) + [f"queries.{q}.p99_ms" for q in sorted(now.get("queries", {}))]
    keys += [
        f"loaders.{fmt}.{figure}"
        for fmt in now.get("loaders", {})
        for figure in _COMPARED_PER_LOADER
    ]
    out: dict[str, Any] = {}
    for key in keys:
        a, b = _get(now, key), _get(before, key)
        if isinstance(a, int | float) and isinstance(b, int | float) and b:
            out[key] = {"now": a, "before": b, "ratio": round(a / b, 3)}
    return out


def write_results(
    out_dir: Path,
    results: dict[str, Any],
    comparison: dict[str, Any] | None = None,
    render: Callable[[dict[str, Any], dict[str, Any] | None], str] = markdown,
) -> str:
    """results.json and results.md (``render``'s table) in ``out_dir``; the table."""
    out_dir.mkdir(parents=True, exist_ok=True)
    data = dict(results)
    if comparison:
        data["baseline"] = comparison
    (out_dir / "results.json").write_text(
        json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    table = render(results, comparison)
    (out_dir / "results.md").write_text(table, encoding="utf-8")
    return table


def sizes_table(runs: list[dict[str, Any]]) -> str:
    """One column per run (size), the headline figures as rows: the README's table."""
    runs = sorted(runs, key=lambda r: r["papers"])
    head = "| | " + " | ".join(f"{r['papers']:,} papers" for r in runs) + " |"
    lines = [head, "|---|" + "---:|" * len(runs)]

    def row(label: str, cell: Any) -> None:
        lines.append(f"| {label} | " + " | ".join(cell(r) for r in runs) + " |")

    def num(key: str) -> Any:
        return lambda r: _fmt(_get(r, key))

    row("authors", num("authors"))
    row("loader → Neo4j, papers/s", num("load.papers_per_s"))
    row("loader → Neo4j, authorship edges/s", num("load.edges_per_s"))
    row("naive loader, papers/s", num("load.naive_papers_per_s"))
    row("speed-up over naive", lambda r: _fmt(_get(r, "load.speedup")) + "×")
    row("bulk path, papers/s end to end", num("load.bulk_papers_per_s"))
    for q in ("shared_collaborators", "topic_overlap", "collaboration_path", "resolve_name"):
        for store in ("neo4j", "embedded"):
            key = f"{q}/{store}"

            def cell(r: dict[str, Any], key: str = key) -> str:
                v = r.get("queries", {}).get(key)
                if not v:
                    return "–"
                return f"{_fmt(v['p50_ms'])} / {_fmt(v['p95_ms'])} / {_fmt(v['p99_ms'])}"

            row(f"{q} on {store}, p50 / p95 / p99 ms", cell)
    for level in ("8", "32"):

        def api(r: dict[str, Any], level: str = level) -> str:
            a = _get(r, f"api.levels.{level}")
            if not a:
                return "–"
            cell = f"{_fmt(a['requests_per_s'])} ({_fmt(a['p99_ms'])})"
            workers = _get(r, "api.workers") or 1
            return cell if workers == 1 else f"{cell} with {workers} workers"

        row(f"API /shared-collaborators, concurrency {level}: req/s (p99 ms)", api)
    row("embedded: load papers/s", num("embedded.load_papers_per_s"))
    row("embedded: open persisted store, s", num("embedded.open_s"))
    row("embedded: peak RSS after open, MB", num("embedded.peak_rss_mb"))

    def reads(r: dict[str, Any]) -> str:
        during = _get(r, "embedded.reads_during_load.during_load.p99_ms")
        idle = _get(r, "embedded.reads_during_load.idle.p99_ms")
        return "–" if during is None else f"{_fmt(during)} ({_fmt(idle)})"

    row("embedded: read p99 during a load, ms (idle)", reads)
    return "\n".join(lines) + "\n"
