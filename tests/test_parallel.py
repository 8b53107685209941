"""Parsing in worker processes (archive/parallel.py): a worker that dies fails only its files."""

import os
import signal
from pathlib import Path

from archive.parallel import PARALLEL_FROM, parse_all
from tests.factories import article_bytes

FILES = PARALLEL_FROM * 4


def spawned_workers() -> list[int]:
    """The pids of this process's children that multiprocessing started with spawn."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue  # gone meanwhile
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == os.getpid() and b"spawn_main" in command:  # not the resource tracker
            found.append(int(entry.name))
    return found


def test_a_worker_that_dies_fails_the_files_in_hand_and_the_rest_are_parsed(tmp_path):
    jobs = []
    for number in range(FILES):
        path = tmp_path / f"a{number}.md"
        path.write_bytes(article_bytes(title=f"第{number}篇", body="正文。" * 200))
        jobs.append((str(path), path.name))
    results = parse_all(jobs)
    first = next(results)
    os.kill(spawned_workers()[0], signal.SIGKILL)
    rest = list(results)
    failed = [r.error for r in rest if r.parsed is None]
    assert (
        first.parsed is not None,
        len(rest) + 1,
        0 < len(failed) < FILES // 2,
        {error.split(" (")[0] for error in failed},
        rest[-1].parsed is not None,
    ) == (True, FILES, True, {"its parsing worker stopped"}, True)
