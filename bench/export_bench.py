"""Exporting a reader's annotations: 10,000 of them in each format, streamed.

Prints, for each format (Markdown zip, CSV, W3C JSON-LD), the time to produce the whole
download through the view [target <= 5 s for 10,000] and the peak memory the export allocated
(tracemalloc) with 1,000 and with N annotations [flat: about the same]. The floor is the time
to read the same rows from the database without writing anything, measured in the same run.

Run from the project root: .venv/bin/python bench/export_bench.py [--annotations 10000]
"""

import argparse
import os
import random
import sys
import tempfile
import time
import tracemalloc
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(workdir: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    # DEBUG off, as served: with it on, Django keeps every query's SQL in memory.
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-" + "k7#Qv!2pLx9@Wm4$Rt8^Zb1&Nc6*Hd3(Fs5)Jg0-Yu+Ea")
    os.environ.setdefault("SECURE_COOKIES", "false")
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    # Whitenoise warns that collectstatic has not run: no static file is served here.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("import_articles", str(ROOT / "seeds"), verbosity=0)


def make_annotations(user, count: int) -> None:
    """``count`` annotations of ``user`` spread over the seed articles, written in bulk."""
    from annotations.anchoring import quote_context
    from annotations.models import Annotation, tag_index_for
    from archive.models import Article

    rng = random.Random(7)
    articles = list(Article.objects.all())
    rows = []
    for n in range(count):
        article = articles[n % len(articles)]
        text = article.text
        start = rng.randrange(0, len(text) - 40)
        end = start + rng.randint(2, 40)
        exact, prefix, suffix = quote_context(text, start, end)
        tags = ["bench", f"tag{n % 7}"] if n % 3 == 0 else []
        rows.append(
            Annotation(
                owner=user,
                article=article,
                revision_id=article.revisions.values_list("pk", flat=True).last(),
                start=start,
                end=end,
                exact=exact,
                prefix=prefix,
                suffix=suffix,
                note=f"笔记 {n}：**要点**" if n % 2 else "",
                note_html=f"<p>笔记 {n}：<strong>要点</strong></p>" if n % 2 else "",
                tags=tags,
                tag_index=tag_index_for(tags),
            )
        )
    Annotation.objects.bulk_create(rows, batch_size=1000)


def export(client, fmt: str) -> int:
    response = client.get("/annotations/mine/export/", {"format": fmt})
    assert response.status_code == 200
    return sum(len(chunk) for chunk in response.streaming_content)


def run(client, fmt: str) -> tuple[float, int, int]:
    """Seconds, peak bytes allocated and bytes produced for one whole export.

    Timed without tracemalloc, which slows Python down several times; measured again with it.
    """
    began = time.perf_counter()
    size = export(client, fmt)
    seconds = time.perf_counter() - began
    tracemalloc.start()
    export(client, fmt)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak, size


def floor(user) -> float:
    from annotations.exporting import export_rows
    from annotations.filters import Filters

    began = time.perf_counter()
    for _ in export_rows(user, Filters()).iterator(chunk_size=1000):
        pass
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        setup_django(Path(workdir))
        from django.contrib.auth.models import User
        from django.test import Client

        small, large = User.objects.create_user("small"), User.objects.create_user("large")
        make_annotations(small, 1000)
        make_annotations(large, args.annotations)
        clients = {}
        for user in (small, large):
            clients[user] = Client()
            clients[user].force_login(user)
        base = floor(large)
        print(f"floor (reading {args.annotations} rows): {base:.2f} s")
        for fmt in ("md", "csv", "jsonld"):
            run(clients[small], fmt)  # warm: templates, translations, imports
            _, small_peak, _ = run(clients[small], fmt)
            seconds, peak, size = run(clients[large], fmt)
            print(
                f"{fmt:7} {args.annotations} annotations: {seconds:.2f} s [<= 5 s] "
                f"({seconds / base:.1f}x floor), {size / 1e6:.1f} MB out; peak memory "
                f"{peak / 1e6:.1f} MB vs {small_peak / 1e6:.1f} MB for 1,000 [flat]"
            )


if __name__ == "__main__":
    main()
