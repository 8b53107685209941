"""Time name recognition (archive.recognition) on articles shaped like bench/import_bench.py's.

Generates articles with the import benchmark's generator, parses them with the importer's own
code (so recognition meets the canonical text and the HTML mask it will meet in the archive),
then times ``recognise_many`` over them in batches: once in this process (one core), and once in
N worker processes (default 2, the machine's cores), each loading the model itself. It prints
characters per second, the model's load time, and the time projected for --target articles
(10,000) from the measured rate; with --count equal to --target the time is the actual one.

Run from the project root:
  .venv/bin/python bench/recognition_bench.py --count 500           # a sample, projected
  .venv/bin/python bench/recognition_bench.py --count 10000 --skip-single   # the real thing
"""

import argparse
import os
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django  # noqa: E402

django.setup()

from import_bench import article, make_pools  # noqa: E402

from archive.masking import masked_spans  # noqa: E402
from archive.parsing import parse_bytes  # noqa: E402

TARGET_SECONDS = 600.0
BATCH = 50  # articles a task would take at once


def generate(count: int, seed: int) -> list[tuple[str, list]]:
    rng = random.Random(seed)
    pools = make_pools(rng)
    out = []
    for number in range(count):
        parsed = parse_bytes(article(rng, pools).encode(), relative=f"{number}.md")
        out.append((parsed.text, masked_spans(parsed.text, parsed.html)))
    return out


def _work(batch: list[tuple[str, list]]) -> tuple[int, int, float, float]:
    """Recognise one batch; (names found, characters, model load seconds, CPU seconds)."""
    from archive.recognition import lac, recognise_many

    cpu = time.process_time()
    started = time.perf_counter()
    loaded = lac.model.cache_info().currsize
    lac.model()
    load = 0.0 if loaded else time.perf_counter() - started
    texts = [text for text, _ in batch]
    found = recognise_many(texts, masked=[spans for _, spans in batch])
    return sum(map(len, found)), sum(map(len, texts)), load, time.process_time() - cpu


def run(articles, workers: int) -> tuple[float, int, float, float]:
    batches = [articles[i : i + BATCH] for i in range(0, len(articles), BATCH)]
    started = time.perf_counter()
    if workers <= 1:
        results = [_work(batch) for batch in batches]
    else:
        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(_work, batches))
    wall = time.perf_counter() - started
    return wall, sum(r[0] for r in results), max(r[2] for r in results), sum(r[3] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=500, help="articles to generate and time")
    parser.add_argument("--target", type=int, default=10000, help="articles to project for")
    parser.add_argument("--workers", type=int, default=2, help="processes of the parallel run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-single", action="store_true", help="only the parallel run")
    args = parser.parse_args()
    print(f"generating and parsing {args.count} articles ...", flush=True)
    articles = generate(args.count, args.seed)
    chars = sum(len(text) for text, _ in articles)
    print(f"{args.count} articles, {chars:,} characters of canonical text")
    print(f"load average {os.getloadavg()[0]:.2f} (2 cores, shared)")
    runs = [] if args.skip_single else [1]
    for workers in [*runs, args.workers]:
        wall, names, load, cpu = run(articles, workers)
        projected = wall * args.target / args.count
        # On a machine shared with other work the wall time says more about the neighbours:
        # the CPU seconds spent, spread over the run's processes, is what an idle machine takes.
        idle = cpu / workers * args.target / args.count
        verdict = "ok" if projected <= TARGET_SECONDS else "MISSED"
        idle_verdict = "ok" if idle <= TARGET_SECONDS else "MISSED"
        word = "actual" if args.count == args.target else "projected"
        print(
            f"{workers} process(es): {wall:.1f} s wall, {cpu:.1f} CPU s, "
            f"{chars / wall:,.0f} chars/s wall, {chars / cpu:,.0f} chars per CPU second, "
            f"{names:,} names, model load {load:.2f} s\n"
            f"  {word} for {args.target:,} articles: {projected:.0f} s wall "
            f"(target ≤ {TARGET_SECONDS:.0f} s) {verdict}; from CPU time, on an idle machine: "
            f"{idle:.0f} s {idle_verdict}",
            flush=True,
        )
    print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
