"""Benchmark full-text search (search/) on a large generated archive.

Generates N articles shaped like the seeds (bench/import_bench.py's generator: 3,000–7,000
characters of Chinese with Latin names) and inserts them directly (bulk, no importer, no
rendering: text = html = the Markdown body). Then it times ``search.index.rebuild()`` (what
``manage.py rebuild_search_index`` runs), compares the index's size with the text's, and runs a
fixed, deterministic mix of 200 queries for the first results page: the engine alone (count and
the first 20 ids), the page's data (plus the 20 articles, their titles and snippets marked),
and the engine sorting by date instead of relevance.
The same mix then runs as a plain ``LIKE '%…%'`` scan, on a sample if that is too slow.

Run from the project root:
  .venv/bin/python bench/search_bench.py --count 20000
  .venv/bin/python bench/search_bench.py --count 20000 \\
      --database-url postgres://postgres@127.0.0.1:5432/glossa_search_bench   # an empty database
"""

import argparse
import datetime as dt
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from import_bench import LATIN, OBJECTS, article, make_pools  # noqa: E402

MEDIAN_MS, P95_MS, BUILD_MINUTES, SIZE_RATIO, DATE_MS = 20.0, 100.0, 10.0, 1.5, 30.0
WORDS = ("安全", "芯片", "算力", "模型", "开源", "监管", "估值", "团队", "治理", "商业")
PHRASES = ("商业化路线", "数据中心扩建", "推理成本的下降曲线", "核心团队的去留", '"Sam Altman"')
MIXED = ("AGI的时间表", "AI安全对齐研究", "OpenAI 芯片", "Anthropic 开源策略", "xAI 算力")
RARE = ("量子计算", "区块链", "元宇宙", "Zaremba", "诺贝尔奖")
EXCLUDING = ("OpenAI -Anthropic", "芯片 -NVIDIA", "模型 -开源", "安全 -监管", "Meta -Apple")


def configure(database_url: str | None, work: Path) -> None:
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "0")  # no query log: measure what production costs
    os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret-0123456789-abcdefghijklmnop")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


# The kinds of query in the mix, in the order query_mix takes them.
KINDS = (
    "words", "phrases", "Latin names", "mixed", "rare", "exclusions", "organisations",
    "objects", "amounts",
)  # fmt: skip


def query_mix(rng: random.Random, pools) -> list[str]:
    """200 queries: two-character words, phrases, Latin names, mixed, rare, exclusions."""
    _, _, orgs = pools
    groups = [
        WORDS, PHRASES, LATIN, MIXED, RARE, EXCLUDING, tuple(orgs[:40]),
        tuple(o[:4] for o in OBJECTS), tuple(f"{n}亿美元" for n in range(3, 900, 37)),
    ]  # fmt: skip
    return [rng.choice(groups[i % len(groups)]) for i in range(200)]


def report_kinds(label: str, queries: list[str], timings: list[float]) -> None:
    """Median and p95 of each kind of query, and the slowest query of each."""
    print(f"{label}, by kind of query (median / p95 / slowest)")
    for number, kind in enumerate(KINDS):
        pairs = enumerate(zip(timings, queries, strict=True))
        mine = [pair for i, pair in pairs if i % len(KINDS) == number]
        times = sorted(t for t, _ in mine)
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
        slowest = max(mine)
        verdict = "ok" if p95 <= P95_MS else "MISSED"
        print(
            f"  {kind:<16}{statistics.median(times):>8.1f} ms{p95:>8.1f} ms"
            f"{slowest[0]:>8.1f} ms  {slowest[1]:<24}{verdict}"
        )


def fill(count: int, seed: int) -> tuple[int, list[str]]:
    """Insert ``count`` generated articles; return the text size in bytes and the query mix."""
    from archive.models import Article

    if Article.objects.exists():
        sys.exit("the database already holds articles: give the benchmark an empty one")
    rng = random.Random(seed)
    pools = make_pools(rng)
    text_bytes, batch = 0, []
    for number in range(count):
        source = article(rng, pools)
        title = re.search(r"^title: '(.*)'$", source, re.M).group(1)
        day = dt.date.fromisoformat(re.search(r"^date: (.*)$", source, re.M).group(1))
        body = source.split("\n\n---\n\n", 1)[1]
        text_bytes += len(title.encode()) + len(body.encode())
        batch.append(
            Article(
                source_key=f"bench/{number}", source_path=f"bench/{number}.md", file_hash="-",
                slug=f"bench-{number}", title=title, date=day, lang="zh-Hans", html=body,
                text=body, excerpt=body[:120], content_hash="-",
                published_at=dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC),
            )
        )  # fmt: skip
        if len(batch) == 1000 or number == count - 1:
            Article.objects.bulk_create(batch)
            batch = []
    return text_bytes, query_mix(random.Random(seed), pools)


def index_bytes() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_fts%' "
                "OR name LIKE '%search_searchdocument%'"
            )
        else:
            cursor.execute("SELECT pg_total_relation_size('search_searchdocument')")
        return cursor.fetchone()[0]


def build() -> float:
    from django.db import transaction

    from search.index import rebuild

    started = time.perf_counter()
    with transaction.atomic():
        rebuild(batch_size=1000)
    return time.perf_counter() - started


def time_queries(queries: list[str], run) -> list[float]:
    timings = []
    for text in queries:
        started = time.perf_counter()
        run(text)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def engine(text: str, *, by_date: bool = False) -> list[int]:
    from search.index import Results
    from search.query import parse_query

    results = Results(parse_query(text), by_date=by_date)
    results.count()
    return results[0:20]


def by_date(text: str) -> list[int]:
    return engine(text, by_date=True)


def page_data(text: str) -> None:
    from django.test import RequestFactory

    from search.query import parse_query
    from search.views import _hits

    request = RequestFactory().get("/search/", {"q": text})
    _hits(request, engine(text), parse_query(text))


def like_scan(text: str) -> list[int]:
    """What the engine does, as a plain substring scan: count, and the first page newest first
    (case-insensitive for ASCII only; no phrases of tokens, no folding)."""
    from archive.models import Article
    from search.query import parse_query

    query, articles = parse_query(text), Article.objects.all()
    for needle in query.needles:
        articles = articles.filter(text__icontains=needle)
    for needle in query.excluded_needles:
        articles = articles.exclude(text__icontains=needle)
    articles.count()
    return list(articles.order_by("-published_at").values_list("pk", flat=True)[:20])


def show(label: str, value: str, target: str = "", ok: bool | None = None) -> None:
    verdict = "" if ok is None else ("ok" if ok else "MISSED")
    print(f"  {label:<36}{value:>14}  {target:<14}{verdict}")


def report_timings(
    label: str, timings: list[float], *, targets: bool = True, median_ms: float = MEDIAN_MS
) -> None:
    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
    for name, value, limit in (("median", median, median_ms), ("95th percentile", p95, P95_MS)):
        target = f"≤ {limit:.0f} ms" if targets else ""
        show(f"{label}: {name}", f"{value:.1f} ms", target, value <= limit if targets else None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="articles to generate")
    parser.add_argument("--seed", type=int, default=1, help="random seed for the generator")
    parser.add_argument("--database-url", help="an EMPTY database to use (default: temp SQLite)")
    parser.add_argument("--like-sample", type=int, default=0, help="LIKE queries (0: auto)")
    parser.add_argument("--workdir", help="folder for this run's temporary SQLite database")
    parser.add_argument("--keep", action="store_true", help="keep the temporary SQLite database")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="the database holds this --count and --seed's articles, indexed: time the queries",
    )
    parser.add_argument("--skip-like", action="store_true", help="skip the LIKE comparison")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="glossa-search-bench-", dir=args.workdir))
    try:
        configure(args.database_url, work)
        run(args)
    finally:
        if args.keep:
            print(f"\nkept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def build_index(args) -> list[str]:
    from django.db import connection

    print(f"{connection.vendor}: inserting {args.count} articles ...", flush=True)
    started = time.perf_counter()
    text_bytes, queries = fill(args.count, args.seed)
    print(f"  inserted in {time.perf_counter() - started:.0f} s; indexing ...", flush=True)
    seconds = build()
    size = index_bytes()
    print(f"\n{args.count} articles, {text_bytes / 2**20:,.0f} MiB of text (title + body, UTF-8)")
    show("index build", f"{seconds:.1f} s", f"≤ {BUILD_MINUTES:.0f} min", seconds <= 600)
    show("index size", f"{size / 2**20:,.0f} MiB")
    ratio = size / text_bytes
    show("index size / text size", f"{ratio:.2f}", f"≤ {SIZE_RATIO}", ratio <= SIZE_RATIO)
    return queries


def run(args) -> None:
    from django.db import connection

    if args.reuse:
        # A database filled and indexed by an earlier run: the same queries, nothing rebuilt.
        queries = query_mix(random.Random(args.seed), make_pools(random.Random(args.seed)))
        print(f"{connection.vendor}: reusing the database's articles and index")
    else:
        queries = build_index(args)
    engine(queries[0])  # warm the caches once, as a running server would have
    print(f"{len(queries)} queries, first page of 20 (count included)")
    timings = time_queries(queries, engine)
    report_timings("engine", timings)
    report_kinds("engine", queries, timings)
    report_timings("page (+ articles, snippets)", time_queries(queries, page_data))
    timings = time_queries(queries, by_date)
    report_timings("engine, sorted by date", timings, median_ms=DATE_MS)
    report_kinds("engine, sorted by date", queries, timings)
    if args.skip_like:
        return
    one = time_queries(queries[:1], like_scan)[0]
    sample = args.like_sample or max(1, min(len(queries), int(60_000 / max(one, 1))))
    step = max(1, len(queries) // sample)
    note = " (a sample: all of them would take too long)" if step > 1 else ""
    print(f"LIKE '%…%' scan, count and first page, {len(queries[::step])} queries{note}")
    report_timings("LIKE scan", time_queries(queries[::step], like_scan), targets=False)


if __name__ == "__main__":
    sys.exit(main())
