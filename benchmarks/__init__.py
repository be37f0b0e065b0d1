"""Benchmarks at DBLP scale: a corpus generator, the naive baseline, and the runner
(``python -m benchmarks run --papers N --out DIR``). See docs/performance.md."""
