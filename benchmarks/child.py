"""Measurements that run in a fresh child process, so that peak RSS is the measured
work's own and not the runner's: the child prints one JSON object on its last line."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

__all__ = ["peak_rss_mb", "run_child"]


def peak_rss_mb() -> float:
    """This process's resident-set high-water mark. VmHWM, not getrusage's ru_maxrss:
    Linux copies ru_maxrss from the parent at fork, so a child of a big runner would
    report the runner's peak; VmHWM belongs to the address space exec made."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_child(module: str, args: list[str], *, timeout: float = 6 * 3600) -> dict[str, Any]:
    """``python -m module *args`` in a new interpreter; the JSON of its last line."""
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{module} {args[0]} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result
