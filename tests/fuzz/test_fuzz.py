"""The fuzzing harness in the test command: a fixed number of cases for every format
of the registry's table (a format added to it is fuzzed from then on) and for
manifests; none may break the contract of tests/fuzz/__init__.py. Run longer with
``python -m tests.fuzz --seconds N``; run with ``-s`` to see the figures."""

from __future__ import annotations

import pytest

from loaders.registry import FORMATS
from tests.fuzz import fuzz_format
from tests.fuzz.manifest import fuzz_manifest

pytestmark = pytest.mark.slow  # about a minute in all

CASES = 300  # per format, each parsed, sniffed and loaded
MANIFESTS = 300
SEED = 20260618  # fixed: the test command runs the same cases every time


@pytest.mark.parametrize("fmt", [f.name for f in FORMATS])
def test_no_document_breaks_the_loader_contract(fmt: str) -> None:
    report = fuzz_format(fmt, cases=CASES, seed=SEED)
    print(f"\nfuzz {fmt}: {report.cases[fmt]} cases, {dict(report.outcomes)}")
    assert report.cases[fmt] == CASES
    assert not report.findings, report.summary()


def test_no_manifest_breaks_the_contract() -> None:
    report = fuzz_manifest(cases=MANIFESTS, seed_value=SEED)
    print(f"\nfuzz manifest: {report.cases['manifest']} examples")
    assert report.cases["manifest"] >= MANIFESTS
    assert not report.findings, report.summary()
