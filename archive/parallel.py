"""Parse article files in worker processes while the main process writes to the database.

Parsing (above all Markdown rendering) costs about as much as writing, and it needs no
database, so a large import runs both at once: workers parse, the main process applies each
result in its own transaction, in the order of the files. Results come back in a bounded
window, so memory stays flat however many files there are. Small imports skip the workers,
whose start-up would cost more than it saves.

Workers are started fresh (``spawn``), not forked: a forked worker would inherit the import's
database connection, and after a ``kill -9`` of the import it kept that connection, and its
open transaction and locks, alive for ever. A worker is given what parsing needs through the
pool's initializer (the parsing settings as the import sees them, and the linker), has no
database configured at all, and exits as soon as the import that started it is gone.
"""

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .derivation import Deriver, derive, derivers
from .frontmatter import ArticleFileError
from .mentions import Linker
from .parsing import ParsedArticle, parse_file

PARALLEL_FROM = 50  # files to parse before worker processes pay for themselves
WINDOW_PER_WORKER = 16
# The settings that parsing reads. A worker gets their values from the import, so that a
# value changed at run time (a test's override) holds in the workers too.
PARSING_SETTINGS = ("GLOSSA_MAX_ARTICLE_BYTES", "GLOSSA_PARSE_SECONDS", "TIME_ZONE", "USE_TZ")
PARENT_CHECK_SECONDS = 0.2
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
# In a worker only: the linker and the other apps' functions that the initializer received.
_worker_linker: Linker | None = None
_worker_derivers: dict[str, Deriver] = {}


@dataclass(frozen=True)
class ParseResult:
    parsed: ParsedArticle | None
    error: str = ""
    line: int | None = None


class ParseTimeout(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Stop a parse that runs past ``seconds``: Python-Markdown is quadratic on some inputs
    (tens of thousands of inline marks in one paragraph), and one such file must not stall
    an import. Signals reach only the main thread, where workers and the command both parse;
    elsewhere (a test's thread) the parse simply runs unbounded."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise ParseTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def parse_job(
    path: str,
    relative: str,
    linker: Linker | None = None,
    functions: dict[str, Deriver] | None = None,
) -> ParseResult:
    """Parse one file, finding mentions with ``linker`` and running the other apps'
    ``functions`` on it (archive.derivation); every failure comes back as data (exceptions
    pickle badly)."""
    limit = settings.GLOSSA_PARSE_SECONDS
    try:
        with _time_limit(limit):
            return _parse(path, relative, linker, functions or {})
    except ParseTimeout:
        return ParseResult(
            None, f"rendering took longer than {limit:g} s (a pathological Markdown construct?)"
        )


def _parse(path: str, relative: str, linker: Linker | None, functions: dict) -> ParseResult:
    try:
        parsed = parse_file(Path(path), relative=relative)
        if linker is not None:
            parsed.mentions = [
                (f.entity, f.start, f.end, parsed.text[f.start : f.end][:200])
                for f in linker.find(parsed.text, html=parsed.html)
            ]
        parsed.derived = derive(parsed, functions)
        return ParseResult(parsed)
    except ArticleFileError as exc:
        return ParseResult(None, exc.message, exc.line)
    except OSError as exc:
        return ParseResult(None, f"cannot read the file: {exc.strerror or exc}")
    except (RecursionError, ValueError) as exc:  # e.g. thousands of nested quotes
        return ParseResult(None, f"could not be parsed: {exc.__class__.__name__}")


def worker_count(files: int) -> int:
    if files < PARALLEL_FROM:
        return 0
    return max(1, min(4, os.cpu_count() or 1))


def parse_all(
    jobs: list[tuple[str, str]], *, linker: Linker | None = None, ahead: int = 0
) -> Iterator[ParseResult]:
    """Parse (path, relative) jobs, finding mentions with ``linker``; yield results in order.

    ``ahead``: how many results the caller takes at once before it stops to write them. The
    workers keep parsing only while the window has room, so it holds that many more: with a
    window smaller than a batch, the workers would sit idle while each batch is written."""
    workers, functions = worker_count(len(jobs)), derivers()
    if not workers:
        yield from (parse_job(path, relative, linker, functions) for path, relative in jobs)
        return
    parsing_settings = {name: getattr(settings, name) for name in PARSING_SETTINGS}
    remaining = deque(jobs)
    # A worker that dies (out of memory, a crash in a C extension) breaks its whole pool: the
    # files it had in hand fail, and the others go on in a fresh pool.
    while remaining:
        pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(os.getpid(), parsing_settings, linker, functions),
        )
        with pool:
            yield from _windowed(pool, remaining, workers * WINDOW_PER_WORKER + ahead)


def _start_worker(
    parent: int, parsing_settings: dict, linker: Linker | None, functions: dict[str, Deriver]
) -> None:
    """Make a fresh process a parsing worker of the import ``parent``."""
    global _worker_linker, _worker_derivers
    # Ctrl-C reaches the whole process group: the import stops, and it stops its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent(parent)
    # Only what parsing reads; no DATABASES, so any query in a worker would fail loudly.
    settings.configure(**parsing_settings)
    _worker_linker, _worker_derivers = linker, functions


def _parse_in_worker(path: str, relative: str) -> ParseResult:
    return parse_job(path, relative, _worker_linker, _worker_derivers)


def _exit_with_parent(parent: int) -> None:
    """A worker must not outlive its import. An import killed with SIGKILL cannot shut its
    pool down, and its workers would wait for work for ever. On Linux the kernel kills them
    at once; everywhere, a thread notices that the parent has gone and ends the worker."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(AttributeError, OSError):  # no prctl: the thread remains
            ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    watch = threading.Thread(target=_watch_parent, args=(parent,), daemon=True)
    watch.start()


def _watch_parent(parent: int) -> None:
    # Checked before the first sleep too: the parent may have died before prctl took effect.
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)  # no clean-up: a half-parsed file is worth nothing to anyone


def _windowed(pool, remaining: deque, window: int) -> Iterator[ParseResult]:
    """Results of the jobs taken from ``remaining``, in order, until it is empty or the pool
    breaks; a job the broken pool was not given stays in ``remaining``."""
    in_flight: deque[Future] = deque()
    while remaining:
        try:
            in_flight.append(pool.submit(_parse_in_worker, *remaining[0]))
        except BrokenProcessPool:
            break
        remaining.popleft()
        if len(in_flight) >= window:
            yield _result(in_flight.popleft())
    while in_flight:
        yield _result(in_flight.popleft())


def _result(future: Future) -> ParseResult:
    try:
        return future.result()
    except BrokenProcessPool:
        return ParseResult(
            None, "its parsing worker stopped (out of memory?) while it was in hand: import again"
        )
    except Exception as exc:  # an exception that would not come back as data
        return ParseResult(None, f"could not be parsed: {exc.__class__.__name__}")
