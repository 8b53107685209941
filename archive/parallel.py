"""Parse article files in worker processes while the main process writes to the database.

Parsing (above all Markdown rendering) costs about as much as writing, and it needs no
database, so a large import runs both at once: workers parse, the main process applies each
result in its own transaction, in the order of the files. Results come back in a bounded
window, so memory stays flat however many files there are. Small imports skip the workers,
whose start-up would cost more than it saves.
"""

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .frontmatter import ArticleFileError
from .mentions import Linker
from .parsing import ParsedArticle, parse_file

PARALLEL_FROM = 50  # files to parse before worker processes pay for themselves
WINDOW_PER_WORKER = 16
# Set before the workers fork, so each inherits the run's matcher instead of rebuilding it.
_linker: Linker | None = None


@dataclass(frozen=True)
class ParseResult:
    parsed: ParsedArticle | None
    error: str = ""
    line: int | None = None


class ParseTimeout(Exception):
    pass


@contextmanager
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


def parse_job(path: str, relative: str) -> ParseResult:
    """Parse one file; every failure comes back as data (exceptions pickle badly)."""
    limit = settings.GLOSSA_PARSE_SECONDS
    try:
        with _time_limit(limit):
            return _parse(path, relative)
    except ParseTimeout:
        return ParseResult(
            None, f"rendering took longer than {limit:g} s (a pathological Markdown construct?)"
        )


def _parse(path: str, relative: str) -> ParseResult:
    try:
        parsed = parse_file(Path(path), relative=relative)
        if _linker is not None:
            parsed.mentions = [
                (f.entity[0], f.entity[1], f.start, f.end, parsed.text[f.start : f.end][:200])
                for f in _linker.find(parsed.text)
            ]
        return ParseResult(parsed)
    except ArticleFileError as exc:
        return ParseResult(None, exc.message, exc.line)
    except OSError as exc:
        return ParseResult(None, f"cannot read the file: {exc.strerror or exc}")
    except (RecursionError, ValueError) as exc:  # e.g. thousands of nested quotes
        return ParseResult(None, f"could not be parsed: {exc.__class__.__name__}")


def worker_count(files: int) -> int:
    if files < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return max(1, min(4, os.cpu_count() or 1))


def parse_all(
    jobs: list[tuple[str, str]], *, linker: Linker | None = None
) -> Iterator[ParseResult]:
    """Parse (path, relative) jobs, finding mentions with ``linker``; yield results in order."""
    global _linker
    _linker = linker
    workers = worker_count(len(jobs))
    if not workers:
        yield from (parse_job(path, relative) for path, relative in jobs)
        return
    # fork: the workers inherit the configured Django settings without importing them again.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from _windowed(pool, jobs, workers * WINDOW_PER_WORKER)


def _windowed(pool, jobs: Iterable[tuple[str, str]], window: int) -> Iterator[ParseResult]:
    in_flight = deque()
    for path, relative in jobs:
        in_flight.append(pool.submit(parse_job, path, relative))
        if len(in_flight) >= window:
            yield _result(in_flight.popleft())
    while in_flight:
        yield _result(in_flight.popleft())


def _result(future) -> ParseResult:
    try:
        return future.result()
    except Exception as exc:  # a worker that died takes only its file down
        return ParseResult(None, f"could not be parsed: {exc.__class__.__name__}")
