"""Time the import with discovery queued, then the discovery itself in two background workers.

Generates N articles with bench/import_bench.py's generator, migrates a fresh SQLite database
and imports the shipped registry, then, each in its own process as in production (the
database task backend): ``import_articles`` (its end-of-run hook queues a discovery task per
100 articles; the import's wall time is held to the import target) and two
``db_worker --batch`` processes, started together, which recognise, decide and link until the
queue is empty (the wall time until both exit is held to the background target, projected to
--target articles when N is smaller; as the machine is shared, the workers' CPU seconds are
also spread over the two of them, which is what an idle machine takes). Row counts follow:
tasks, entities made (unreviewed), suggestions, mentions; then, in a process of its own, what
the import's hook costs and what one scan for the articles naming ten entities costs (a task
that made entities adds one). With --no-registry the bench's names are all new: they become
entities in the first tasks and are linked across the archive.

Run from the project root:  .venv/bin/python bench/discovery_bench.py --count 2000
"""

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from import_bench import FIRST_SECONDS, PYTHON, count_rows, generate, run, show  # noqa: E402

BACKGROUND_SECONDS = 600.0
WORKERS = 2


def workers(env: dict, work: Path, count: int) -> tuple[float, float, list[int]]:
    """Start ``count`` batch workers at once; (wall seconds until all exit, their CPU seconds,
    exit codes)."""
    started = time.perf_counter()
    procs = []
    for number in range(count):
        log = (work / f"worker-{number}.log").open("wb")
        command = [PYTHON, "manage.py", "db_worker", "--batch", "--no-startup-delay"]
        command += ["--worker-id", f"bench-{number}"]
        procs.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log))
    codes, cpu = [], 0.0
    for proc in procs:
        # wait4 gives this one child's rusage; RUSAGE_CHILDREN would mix in every child so far.
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        codes.append(proc.returncode)
        cpu += usage.ru_utime + usage.ru_stime
    return time.perf_counter() - started, cpu, codes


def probe() -> None:
    """In this process, on the bench database: what the import's hook costs (finding the
    articles' ids by source key and queueing their tasks) and one scan of the archive for the
    articles that name ten entities (what a task that created entities adds)."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from archive.discovery_links import articles_naming
    from archive.importer import _discover_names
    from archive.models import Article, Entity

    keys = list(Article.objects.values_list("source_key", flat=True))
    started = time.perf_counter()
    _discover_names(keys)
    print(f"{time.perf_counter() - started:.2f} s to queue discovery for {len(keys)} articles")
    entities = list(Entity.objects.found_in_text()[:10])
    started = time.perf_counter()
    found = articles_naming(entities)
    print(
        f"{time.perf_counter() - started:.2f} s to scan for {len(entities)} entities "
        f"({len(found)} articles name them)"
    )


def sql(db: Path, query: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(query).fetchall()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000, help="articles to generate")
    parser.add_argument("--target", type=int, default=10000, help="articles to project for")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the generated files and db")
    parser.add_argument(
        "--no-registry",
        action="store_true",
        help="import no registry: the bench's names are then new, made entities and linked",
    )
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        probe()
        return 0
    work = Path(tempfile.mkdtemp(prefix="glossa-discovery-bench-"))
    folder, db = work / "articles", work / "bench.sqlite3"
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}", DJANGO_SETTINGS_MODULE="config.settings")
    env.setdefault("DEBUG", "0")
    env.setdefault("SECRET_KEY", "benchmark-only-not-a-secret-0123456789-abcdefghijklmnop")
    try:
        print(
            f"generating {args.count} articles, migrating, importing the registry ...", flush=True
        )
        generate(folder, args.count, args.seed)
        registry = [] if args.no_registry else [["import_registry", "seeds/registry.yaml"]]
        for command in (["migrate"], *registry):
            subprocess.run(
                [PYTHON, "manage.py", *command, "--verbosity", "0"], cwd=ROOT, env=env, check=True
            )
        print(f"load average {os.getloadavg()[0]:.2f} (2 cores, shared)")
        print("import ...", flush=True)
        wall, rss, code = run(["import_articles", str(folder), "--verbosity", "0"], env, work / "i")
        tasks = count_rows(f"sqlite:///{db}", "django_tasks_database_dbtaskresult")
        scale = args.target / args.count
        print(f"\n{args.count} articles: import (exit {code}), discovery queued at its end")
        # Start-up is a fixed cost: a smaller import says little about 10,000 (import_bench.py).
        verdict = wall <= FIRST_SECONDS if scale == 1 else None
        show("wall", f"{wall:.2f} s", f"≤ {FIRST_SECONDS:.0f} s" if scale == 1 else "", verdict)
        show("peak RSS", f"{rss:.1f} MiB")
        show("tasks queued", str(tasks))
        print(f"discovery in {WORKERS} db_worker processes ...", flush=True)
        wall, cpu, codes = workers(env, work, WORKERS)
        states = sql(
            db, "SELECT status, COUNT(*) FROM django_tasks_database_dbtaskresult GROUP BY 1"
        )
        projected = wall * scale
        print(f"background discovery (exits {codes})")
        show("wall", f"{wall:.1f} s")
        word = "actual" if scale == 1 else "projected"
        ok = projected <= BACKGROUND_SECONDS
        show(
            f"{word} for {args.target:,}", f"{projected:.0f} s", f"≤ {BACKGROUND_SECONDS:.0f} s", ok
        )
        # On a machine shared with other work the wall time says more about the neighbours:
        # the CPU seconds, spread over the workers, is what an idle machine would take.
        idle = cpu / WORKERS * scale
        show("CPU", f"{cpu:.1f} s")
        show(
            f"from CPU time, {args.target:,}",
            f"{idle:.0f} s",
            "idle machine",
            idle <= BACKGROUND_SECONDS,
        )
        show("tasks by status", ", ".join(f"{s} {n}" for s, n in states))
        entities = sql(db, "SELECT reviewed, COUNT(*) FROM archive_entity GROUP BY 1")
        show("entities (reviewed: count)", ", ".join(f"{r}: {n}" for r, n in entities))
        show("suggestions", str(count_rows(f"sqlite:///{db}", "archive_candidate")))
        show("mentions", str(count_rows(f"sqlite:///{db}", "archive_mention")))
        script = [PYTHON, str(Path(__file__).resolve()), "--probe"]
        print(subprocess.run(script, cwd=ROOT, env=env, capture_output=True, text=True).stdout)
        print(f"load average at the end {os.getloadavg()[0]:.2f}")
        return 0 if code == 0 and not any(codes) else 1
    finally:
        if args.keep:
            print(f"\nkept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
