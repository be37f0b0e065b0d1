"""``python -m tests.fuzz --seconds N``: fuzz every format (and manifests) for N seconds
each, with a fresh seed unless one is given; failing inputs are saved for replay."""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from tests.fuzz import Report, format_names, fuzz_format
from tests.fuzz.manifest import fuzz_manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("--seconds", type=float, default=60, help="per format (default 60)")
    parser.add_argument("--format", action="append", help="only these (repeatable)")
    parser.add_argument("--seed", type=int, default=None, help="default: a random one")
    parser.add_argument("--save", type=Path, default=Path("fuzz-findings"))
    parser.add_argument("--no-manifest", action="store_true")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(2**31)
    print(f"seed {seed}", flush=True)
    report = Report()
    for fmt in args.format or format_names():
        one = fuzz_format(fmt, seconds=args.seconds, seed=seed, save=args.save)
        print(f"{fmt}: {one.cases[fmt]} cases, {dict(one.outcomes)}", flush=True)
        report.merge(one)
    if not args.no_manifest and not args.format:
        one = fuzz_manifest(seconds=args.seconds, seed_value=seed)
        print(f"manifest: {one.cases['manifest']} examples", flush=True)
        report.merge(one)
    print(report.summary())
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.exit(main())
