"""Heavy or untrusted work (checking uploads, laying out and merging a pack) in a child
process with a time limit and a memory limit, so a hostile PDF can neither hang nor exhaust
the web server. The parent watches the child's resident memory and ends it past the limit.
No Django here: children come from a clean fork server.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

MB = 1024 * 1024
# How often the parent looks at the child's memory, in seconds.
_WATCH = 0.05

# The children's modules are imported once, in the fork server, not in every child.
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(
    ["committees.sandbox", "committees.pdfs", "committees.packs.printing"]
)


class Overrun(Exception):
    """The work did not finish within its limits; the message says which."""


class TimedOut(Overrun):
    """The work took longer than its time limit and was stopped."""


class OutOfMemory(Overrun):
    """The work needed more memory than its limit."""


class Crashed(Overrun):
    """The child process stopped without an answer (a crash, or killed for memory)."""


def _child(conn: Connection, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        conn.send(("ok", function(*args)))
    except MemoryError:
        conn.send(("memory", None))
    except Exception as problem:  # sent back to be raised in the parent as it was
        try:
            conn.send(("error", problem))
        except Exception:
            conn.send(("crash", f"{type(problem).__name__}: {problem}"))
    finally:
        conn.close()


def _resident_mb(pid: int) -> float:
    """The process's resident memory in MB, from /proc (0 where there is none)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def run_limited(function: Callable[..., Any], *args: Any, seconds: float, memory_mb: int) -> Any:
    """function(*args) in a child process; its exceptions are raised here as they were.

    Raises TimedOut after `seconds`, OutOfMemory once the child's resident memory passes
    `memory_mb` MB (0: no limit), and Crashed if the child dies without answering. The child
    is always ended.
    """
    receiving, sending = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(target=_child, args=(sending, function, args), daemon=True)
    process.start()
    sending.close()
    deadline = time.monotonic() + max(seconds, 0)
    try:
        # Watched rather than limited from inside: a library that meets a failed allocation
        # can misbehave (fontconfig once wrote an empty font cache for the whole machine).
        while not receiving.poll(min(_WATCH, max(deadline - time.monotonic(), 0))):
            if time.monotonic() >= deadline:
                raise TimedOut(f"took longer than {_seconds(seconds)}")
            if memory_mb and process.pid and _resident_mb(process.pid) > memory_mb:
                raise OutOfMemory(f"needed more than its {memory_mb:,} MB memory limit")
            if not process.is_alive() and not receiving.poll(0):
                break
        try:
            outcome, value = receiving.recv()
        except (EOFError, OSError):
            process.join(5)
            raise Crashed(_death(process.exitcode)) from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiving.close()
    if outcome == "ok":
        return value
    if outcome == "memory":
        raise OutOfMemory(f"needed more than its {memory_mb:,} MB memory limit")
    if outcome == "crash":
        raise Crashed(value)
    raise value


def _seconds(seconds: float) -> str:
    shown = f"{seconds:g}" if seconds < 10 else f"{round(seconds):,}"
    return f"{shown} second{'' if shown == '1' else 's'}"


def _death(exitcode: int | None) -> str:
    signal = f" (signal {-exitcode})" if exitcode is not None and exitcode < 0 else ""
    return f"stopped unexpectedly{signal}"
