"""Re-anchoring: the evaluation corpus's rates, and the time to re-anchor 1,000 annotations.

Prints (targets from the re-anchoring issue in brackets):
- untouched quotes re-anchored exactly [100%], lightly edited quotes at the right place
  [>= 95%], annotations at a wrong place [0], lost [0];
- the time to re-anchor 1,000 annotations on a 7,000-character article after an edit
  [< 1 s], for the pure algorithm and through the database (the import's receiver).

Run from the project root: .venv/bin/python bench/reanchor_bench.py
"""

import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(workdir: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")  # as measured so far: the development server's settings
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def long_text(texts: dict[str, str], size: int = 7000) -> str:
    text = "\n".join(texts.values())
    while len(text) < size:
        text += "\n" + text
    return text[:size]


def quotes(text: str, count: int, rng: random.Random) -> list:
    from annotations.anchoring import Quote, quote_context

    chosen = []
    for _ in range(count):
        start = rng.randrange(0, len(text) - 60)
        end = start + rng.randint(2, 60)
        chosen.append(Quote(*quote_context(text, start, end), start, end))
    return chosen


def edited(text: str) -> str:
    """A typo fix, an inserted paragraph and a deleted sentence."""
    cut = text.index("。", len(text) // 2) + 1
    sentence_end = text.index("。", cut) + 1
    text = text[:cut] + text[sentence_end:]
    text = text[:100] + "新插入的一段文字，用来移动后面的所有位置。\n" + text[100:]
    return text.replace("OpenAI", "Open AI", 1)


def time_pure(old: str, new: str, annotations: list) -> float:
    from annotations.anchoring import PositionMap, reanchor

    began = time.perf_counter()
    positions = PositionMap(old, new)
    for quote in annotations:
        reanchor(quote, positions)
    return time.perf_counter() - began


def time_database(old: str, new: str, annotations: list) -> tuple[float, dict]:
    from django.contrib.auth.models import User

    from annotations.reanchoring import reanchor_article
    from archive.models import ArticleRevision
    from tests.anchoring_corpus import annotated_article

    article, _ = annotated_article("bench", old, annotations, User.objects.create_user("bench"))
    second = ArticleRevision.objects.create(article=article, number=2, markdown=new, text=new)
    began = time.perf_counter()
    counts = reanchor_article(article=article, current=second)
    return time.perf_counter() - began, dict(counts)


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="glossa-reanchor-bench-"))
    try:
        run(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(workdir: Path) -> None:
    setup_django(workdir)
    from tests.anchoring_corpus import build_cases, evaluate, load_texts

    began = time.perf_counter()
    cases = build_cases()
    rates, _ = evaluate(cases)
    elapsed = time.perf_counter() - began
    print(f"evaluation corpus ({len(cases)} annotation-edit pairs, {elapsed:.2f} s)")
    print("  " + rates.line())
    print("  [targets: 100% untouched exact, >= 95% light at the right place, 0 wrong, 0 lost]")
    old = long_text(load_texts())
    new = edited(old)
    annotations = quotes(old, 1000, random.Random(3))
    pure = min(time_pure(old, new, annotations) for _ in range(5))
    print(f"re-anchor 1,000 annotations on a {len(old):,}-character article: {pure * 1000:.0f} ms")
    seconds, counts = time_database(old, new, annotations)
    print(
        f"  through the database (load, re-anchor, bulk update): {seconds * 1000:.0f} ms {counts}"
    )
    print("  [target: < 1 s]")


if __name__ == "__main__":
    main()
