"""Mention linking at archive scale: import with linking, then relink everything.

Generates N articles (as bench/import_bench.py does), imports the registry and the articles in
a fresh SQLite database, then times ``relink_all`` (what an alias change triggers).
Prints [targets]: the import's wall time with linking [the import target, <= 60 s for
10,000] and the relink time [<= 30 s for 10,000], with the number of mentions.

Run from the project root: .venv/bin/python bench/mentions_bench.py [--count 10000]
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--registry", default=str(ROOT / "seeds" / "registry.yaml"))
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="glossa-mentions-bench-"))
    try:
        run(workdir, args.count, Path(args.registry))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(workdir: Path, count: int, registry: Path) -> None:
    from import_bench import generate

    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret-0123456789-abcdefghijklmnop")
    import django

    django.setup()
    from django.core.management import call_command

    from archive.importer import import_paths
    from archive.models import Mention
    from archive.registry import read_registry, registry_import, relink_all

    call_command("migrate", verbosity=0)
    folder = workdir / "articles"
    generate(folder, count, seed=1)
    report = registry_import(data=read_registry(registry))
    print(f"{report.summary()} ({registry.name})")
    began = time.perf_counter()
    result = import_paths([str(folder)])
    imported = time.perf_counter() - began
    mentions = Mention.objects.count()
    print(
        f"import of {count} articles with linking: {imported:.1f} s "
        f"({result.summary()}), {mentions} mentions [target: <= 60 s for 10,000]"
    )
    began = time.perf_counter()
    counts = relink_all()
    relinked = time.perf_counter() - began
    print(
        f"relink all {counts['articles']} articles: {relinked:.1f} s, "
        f"{counts['mentions']} mentions [target: <= 30 s for 10,000]"
    )


if __name__ == "__main__":
    main()
