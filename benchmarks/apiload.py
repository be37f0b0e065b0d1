"""HTTP load on ``/shared-collaborators``: the API served by uvicorn on 127.0.0.1,
requests from ``wrk`` (Debian's package ``wrk``).

Bounded both ways: each level stops after ``max_requests`` or ``seconds``, whichever
comes first, and only loopback is ever addressed. wrk is C and uses a fraction of the
CPU a Python client would: on two cores a Python client competes with the server and
its figures say more about the client than the server, so there is no fallback:
:func:`ensure_wrk` installs wrk with apt-get where that is possible (root on Debian)
and otherwise stops the run, naming the package.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

__all__ = ["ENDPOINT", "api_server", "ensure_wrk", "load_levels", "request_paths"]

ENDPOINT = "/shared-collaborators"
HOST = "127.0.0.1"


def request_paths(triples: list[list[str]]) -> list[str]:
    return [f"{ENDPOINT}?{urlencode([('author', n) for n in t])}" for t in triples]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _serve_command(port: int, workers: int) -> list[str]:
    """``coauthor-kg serve`` when the CLI has it, else the same function directly."""
    exe = Path(sys.executable).with_name("coauthor-kg")
    if exe.exists():
        probe = subprocess.run(
            [str(exe), "serve", "--help"], capture_output=True, text=True, check=False
        )
        if probe.returncode == 0 and "--workers" in probe.stdout:
            return [
                *(str(exe), "serve", "--host", HOST, "--port", str(port)),
                *("--workers", str(workers)),
            ]
    code = f"from api.serve import serve; serve(host={HOST!r}, port={port}, workers={workers})"
    return [sys.executable, "-c", code]


@contextmanager
def api_server(env: dict[str, str], *, workers: int = 1, timeout: float = 120) -> Iterator[str]:
    """Run the API (store from ``env``: NEO4J_* or COAUTHOR_KG_DATA_DIR) until the block
    ends; yields its base URL once /health answers."""
    import httpx

    port = _free_port()
    log = tempfile.NamedTemporaryFile(prefix="bench-api-", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen(
        _serve_command(port, workers),
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"the API exited ({proc.returncode}): {Path(log.name).read_text()[-2000:]}"
                )
            try:
                if httpx.get(base + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the API did not answer within {timeout}s")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        os.unlink(log.name)


_LUA = """
local paths = {%(paths)s}
local limit = %(limit)d
local counter = 0
local thread_count = 0
local threads = {}
function setup(thread)
  thread:set("tid", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end
function init(args)
  counter = tonumber(tid)
end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
local done_requests = 0
function response(status, headers, body)
  done_requests = done_requests + 1
  if done_requests >= limit then wrk.thread:stop() end
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, "mean_us": %%f, ' ..
    '"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.mean, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def _lua_quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _wrk(
    base: str, paths: list[str], concurrency: int, max_requests: int, seconds: float
) -> dict[str, Any]:
    threads = min(2, concurrency)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(
            _LUA
            % {
                "paths": ", ".join(_lua_quote(p) for p in paths),
                "limit": max(1, max_requests // threads),
            }
        )
        script = fh.name
    try:
        out = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{concurrency}",
                f"-d{max(1, int(seconds))}s",
                "--timeout",
                "10s",
                "-s",
                script,
                base + paths[0],
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        ).stdout
    finally:
        os.unlink(script)
    line = next(x for x in reversed(out.splitlines()) if x.startswith("{"))
    r = json.loads(line)
    errors = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
    secs = r["duration_us"] / 1e6
    return {
        "requests": r["requests"],
        "seconds": round(secs, 2),
        "requests_per_s": round(r["requests"] / secs, 1) if secs else 0.0,
        "p50_ms": round(r["p50_us"] / 1000, 2),
        "p99_ms": round(r["p99_us"] / 1000, 2),
        "errors": errors,
    }


def ensure_wrk() -> str:
    """The path of wrk, installing Debian's package when missing and this is root on
    a system with apt-get; otherwise a RuntimeError that says what to install."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for cmd in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "wrk"]):
            subprocess.run(cmd, env=env, capture_output=True, check=False, timeout=600)
        found = shutil.which("wrk")
        if found:
            return found
    raise RuntimeError(
        "the API load phase needs wrk (Debian package: apt-get install wrk), or --no-api"
    )


def load_levels(
    base: str,
    paths: list[str],
    levels: tuple[int, ...] = (8, 32),
    *,
    max_requests: int = 5000,
    seconds: float = 20.0,
) -> dict[str, Any]:
    """Requests/s and latency per concurrency level (wrk), after a short warm-up."""
    ensure_wrk()
    out: dict[str, Any] = {"endpoint": ENDPOINT, "tool": "wrk", "levels": {}}
    _wrk(base, paths, 4, min(200, max_requests), 5)
    for c in levels:
        out["levels"][str(c)] = _wrk(base, paths, c, max_requests, seconds)
    return out
