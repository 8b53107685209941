"""Benchmark the article importer (manage.py import_articles) on a large generated archive.

Generates N Markdown articles shaped like the seeds (YAML front matter, a 来源/作者/编辑 byline,
rules, bold headings, remote images, Chinese prose with Latin names), migrates a fresh SQLite
database, then times two runs of the import command, each in its own process: the first import
of all N files and a re-import of the same unchanged files. Each run's wall time (Django start-up
included) and peak memory (max RSS) is printed next to its target, then row-count checks. The
floor is measured first on the same files, in a process started the same way with the same
number of worker processes: reading, front matter, Markdown and the sanitiser, nothing else;
the first import's wall time is printed as a multiple of it.

Run from the project root:  .venv/bin/python bench/import_bench.py --count 10000 [--keep]
On PostgreSQL: add --database-url postgres://USER@HOST:PORT/NAME (an EMPTY database).
"""

import argparse
import datetime as dt
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
FIRST_SECONDS, FIRST_MIB, AGAIN_SECONDS, FLOOR_RATIO = 60.0, 300.0, 10.0, 2.5
CPU: dict[str, float] = {}

LATIN = (
    "OpenAI", "Sam Altman", "Anthropic", "NVIDIA", "John Schulman", "Greg Brockman", "Microsoft",
    "Ilya Sutskever", "Dario Amodei", "Google DeepMind", "Meta", "Jensen Huang", "TSMC", "Apple",
    "Satya Nadella", "Mistral", "xAI", "Elon Musk", "Hugging Face", "Demis Hassabis", "AMD",
)  # fmt: skip
# Empty items are deliberate: most sentences have no opener and no tail.
OPENERS = (
    "", "", "据The Information报道，", "事实上，", "从已有信息看，", "值得注意的是，",
    "与此同时，", "按照网友推测，", "去年年底，", "在这之前，", "显而易见，", "但",
)  # fmt: skip
SUBJECTS = LATIN + ("这家公司", "业内人士", "不少投资人", "多位分析师", "它的竞争对手", "监管机构")
VERBS = (
    "宣布了", "正在加速推进", "被曝出", "公开表示将继续投入", "已经放弃了", "重新评估了",
    "悄悄调整了", "押注于", "低估了", "高调发布了", "重新审视了", "始终没有解释",
)  # fmt: skip
OBJECTS = (
    "新一代大模型的训练计划", "商业化路线", "AI安全对齐研究", "数据中心扩建", "芯片采购合同",
    "开源策略", "“宫斗”之后的治理结构", "推理成本的下降曲线", "多模态产品线", "算力租赁业务",
    "与云厂商的独家协议", "AGI的时间表", "核心团队的去留",
)  # fmt: skip
TAILS = (
    "", "", "，这意味着行业格局可能再次改变", "，但市场对此仍有疑虑", "，而这可能只是开始",
    "，引发了舆论的广泛关注", "，估值因此达到{n}亿美元", "，涉及金额约{n}亿美元",
    "，员工规模在{n}天内翻了一倍", "，这也是{y}年以来最大的一次变动",
)  # fmt: skip
HEADINGS = (
    "堡垒内部的裂缝", "{x}的悖论", "算力之争", "谁在为泡沫买单", "{x}的下一步", "开源与闭源",
    "裂缝之外", "商业化的代价", "写在最后", "{x}还能走多远",
)  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁"
GIVEN = "山茶钱江明华伟芳娜静敏丽强磊军洋勇艳杰涛超秀霞平刚桂英玉兰晨阳思远雨欣子轩浩然"
ORG_A = ("产业", "科技", "硅谷", "智能", "半导体行业", "未来", "数字", "前沿", "深度", "财经")
ORG_B = ("象限", "观察", "评论", "研究院", "日报", "内参", "前哨", "派", "早知道", "公社")
PUBLISHERS = ("ByteAILab", "GPTNB", "AI前线", "机器之心Pro", "量子位", "新智元", "AIGC观察")
TAGS = ("AI", "大模型", "OpenAI", "芯片", "创业", "投融资", "开源", "AI安全", "算力", "人物")
CODE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def make_pools(rng: random.Random) -> tuple[list[str], list[str], list[str]]:
    """Several hundred distinct people and organisations, so those tables grow realistically."""
    pick = rng.choice
    people = sorted({pick(SURNAMES) + pick(GIVEN) + pick(GIVEN) for _ in range(900)})
    rng.shuffle(people)
    orgs = {a + b for a in ORG_A for b in ORG_B}
    orgs |= {pick(ORG_A) + pick(LATIN) + pick(ORG_B) for _ in range(300)}
    return people[:500], people[500:], sorted(orgs)


def sentence(rng: random.Random) -> str:
    tail = rng.choice(TAILS).format(n=rng.randint(3, 900), y=rng.randint(2015, 2024))
    end = rng.choices("。？！", weights=(20, 2, 1))[0]
    return "".join(rng.choice(part) for part in (OPENERS, SUBJECTS, VERBS, OBJECTS)) + tail + end


def paragraph(rng: random.Random) -> str:
    return "".join(sentence(rng) for _ in range(rng.randint(2, 14)))


def heading(rng: random.Random) -> str:
    return rng.choice(HEADINGS).format(x=rng.choice(LATIN))


def article(rng: random.Random, pools: tuple[list[str], list[str], list[str]]) -> str:
    authors, editors, orgs = pools
    title = rng.choice(LATIN) + rng.choice(VERBS) + rng.choice(OBJECTS) + "，" + heading(rng)
    day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
    meta = [f"title: '{title}'", f"date: {day}", f"author: {rng.choice(PUBLISHERS)}"]
    if rng.random() < 0.3:
        meta.append(f"tags: [{', '.join(rng.sample(TAGS, rng.randint(1, 4)))}]")
    body = []
    if rng.random() < 0.85:  # the rest have no byline, so the front-matter author is the author
        url = "https://mp.weixin.qq.com/s/" + "".join(rng.choices(CODE_CHARS, k=22))
        names = "、".join(rng.sample(authors, rng.choice((1, 1, 1, 2))))
        byline = f"来源：[{rng.choice(orgs)}]({url})\n作者丨{names}\n编辑丨{rng.choice(editors)}"
        body.append(byline)
    cover = f"http://example.invalid/c{rng.randrange(999)}.png"
    body.append(f"![图片来源：由{rng.choice(PUBLISHERS)}生成]({cover})")
    target, size = rng.randint(3000, 6400), 0
    while size < target:
        roll = rng.random()
        if roll < 0.08:  # a rule glued to the next paragraph, as in the seeds
            block = "---\n" + paragraph(rng)
        elif roll < 0.16:
            block = f"**{heading(rng)}**"
        elif roll < 0.26:
            block = f"![图片](http://example.invalid/{rng.randrange(10**6):x}.png)"
        else:
            block = paragraph(rng)
        if size + len(block) > 6600:  # room for the byline and front matter within 7,000
            break
        body.append(block)
        size += len(block)
    if rng.random() < 0.5:
        body.append("---\n---\n感谢阅读！如果您对AI的更多资讯感兴趣，可以查看更多AI文章。")
    return "---\n\n" + "\n".join(meta) + "\n\n---\n\n" + "\n\n".join(body) + "\n"


def generate(folder: Path, count: int, seed: int) -> list[int]:
    """Write ``count`` articles into ``folder``; return their lengths in characters."""
    rng = random.Random(seed)
    pools = make_pools(rng)
    folder.mkdir(parents=True)
    lengths = []
    for number in range(count):
        text = article(rng, pools)
        name = f"{number:05d}_{rng.getrandbits(64):016x}{'.md' if number % 3 else '.txt'}"
        (folder / name).write_text(text, "utf-8")
        lengths.append(len(text))
    return lengths


def floor_job(path: str) -> int:
    """The unavoidable work of one file: read, front matter (YAML), Markdown, sanitiser."""
    from archive.frontmatter import split_front_matter
    from archive.rendering import render_article

    split = split_front_matter(Path(path).read_bytes().decode("utf-8-sig"))
    return len(render_article(split.body).html)


def floor(folder: Path) -> None:
    """The floor, in a process of its own started like the import's: Django set up, then the
    files in the same number of worker processes as the import uses (archive.parallel)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    import django

    django.setup()
    from archive.parallel import WINDOW_PER_WORKER, worker_count

    files = sorted(str(path) for path in folder.iterdir())
    workers = worker_count(len(files))
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        total = sum(pool.map(floor_job, files, chunksize=WINDOW_PER_WORKER))
    print(f"{len(files)} files, {total:,} characters of HTML")


def run(args: list[str], env: dict, log: Path, *, script=None) -> tuple[float, float, int]:
    """Run manage.py ARGS (or SCRIPT ARGS); return (wall seconds, peak RSS in MiB, exit code).

    The CPU seconds it used, its workers' included, are kept in ``CPU[log.stem]``."""
    started = time.perf_counter()
    # Output goes to a file: nobody reads a pipe while we block in wait4, so a pipe could fill.
    with log.open("wb") as out:
        command = [PYTHON, script or "manage.py", *args]
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
        # wait4 gives this one child's rusage; RUSAGE_CHILDREN would mix in every child so far.
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    # The child's rusage includes the workers it waited for: the CPU time, unlike the wall
    # time, hardly moves with what else runs on the machine.
    CPU[log.stem] = usage.ru_utime + usage.ru_stime
    proc.returncode = os.waitstatus_to_exitcode(status)  # we reaped it, so Popen must not
    return wall, usage.ru_maxrss / 1024, proc.returncode


def sql(url: str, statement: str) -> list[tuple]:
    """Run one statement on the bench's database (SQLite file or PostgreSQL), outside Django."""
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            return conn.execute(statement).fetchall()
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(statement)
        return cursor.fetchall() if cursor.description else []


def count_rows(url: str, table: str) -> int:
    return sql(url, f"SELECT COUNT(*) FROM {table}")[0][0]


def show(label: str, value: str, target: str = "", ok: bool | None = None) -> None:
    verdict = "" if ok is None else ("ok" if ok else "MISSED")
    print(f"  {label:<30}{value:>14}  {target:<14}{verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10000, help="articles to generate")
    parser.add_argument("--seed", type=int, default=1, help="random seed for the generator")
    parser.add_argument("--keep", action="store_true", help="keep the generated files and db")
    parser.add_argument("--workdir", help="folder to create this run's temporary folder in")
    parser.add_argument("--database-url", help="an EMPTY PostgreSQL database to use instead")
    parser.add_argument("--no-rerender", action="store_true", help="skip the re-render")
    parser.add_argument("--floor-only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor_only:
        sys.path.insert(0, str(ROOT))
        floor(Path(args.floor_only))
        return 0
    if args.workdir:
        Path(args.workdir).mkdir(parents=True, exist_ok=True)
    # Always a new folder, even inside --workdir: the first import must meet an empty database.
    work = Path(tempfile.mkdtemp(prefix="glossa-bench-", dir=args.workdir))
    folder, db = work / "articles", work / "bench.sqlite3"
    url = args.database_url or f"sqlite:///{db}"
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="config.settings")
    # Measure the import as production runs it: with DEBUG on, Django also keeps a log of
    # every query (with each article's text), which is not what an editor's import costs.
    env.setdefault("DEBUG", "0")
    env.setdefault("SECRET_KEY", "benchmark-only-not-a-secret-0123456789-abcdefghijklmnop")
    try:
        where = db if not args.database_url else "the PostgreSQL database"
        print(f"generating {args.count} articles and migrating {where} ...", flush=True)
        lengths = generate(folder, args.count, args.seed)
        migrate = [PYTHON, "manage.py", "migrate", "--verbosity", "0"]
        subprocess.run(migrate, cwd=ROOT, env=env, check=True)
        print("floor: read, front matter, Markdown, sanitiser ...", flush=True)
        floor_args = ["--floor-only", str(folder)]
        floor_wall, floor_rss, floor_code = run(
            floor_args, env, work / "floor.log", script=str(Path(__file__).resolve())
        )
        if floor_code:
            print((work / "floor.log").read_text()[-3000:])
        command = ["import_articles", str(folder), "--verbosity", "0"]
        runs = {}
        for name in ("first", "again"):
            print(f"{name} import ...", flush=True)
            revisions = count_rows(url, "archive_articlerevision")
            wall, rss, code = run(command, env, work / f"import-{name}.log")
            after = (count_rows(url, "archive_articlerevision"), count_rows(url, "archive_article"))
            runs[name] = (wall, rss, code, revisions, *after)
            if code:
                output = (work / f"import-{name}.log").read_text()[-3000:]
                print(f"{name} import exited with {code}; its output ends:\n{output}")
        n, chars = args.count, sum(lengths)
        shortest, longest = min(lengths), max(lengths)
        print(f"\n{n} articles, {chars:,} characters ({shortest:,}–{longest:,} per file)")
        print(f"database: {url.partition(':')[0]}")
        wall, rss, code, _, first_revisions, articles = runs["first"]
        print(f"first import (exit {code})")
        show("wall", f"{wall:.2f} s", f"≤ {FIRST_SECONDS:.0f} s", wall <= FIRST_SECONDS)
        show("rate", f"{n / wall:.1f} articles/s")
        show("peak RSS", f"{rss:.1f} MiB", f"< {FIRST_MIB:.0f} MiB", rss < FIRST_MIB)
        show("floor (same files, workers)", f"{floor_wall:.2f} s", f"exit {floor_code}")
        ratio = wall / floor_wall
        show("first import / floor", f"{ratio:.2f}", f"≤ {FLOOR_RATIO}", ratio <= FLOOR_RATIO)
        cpu, floor_cpu = CPU["import-first"], CPU["floor"]
        show("CPU, import / floor", f"{cpu:.1f} / {floor_cpu:.1f} s", f"{cpu / floor_cpu:.2f}")
        wall, rss, code, before, after, _ = runs["again"]
        print(f"re-import of the unchanged files (exit {code})")
        show("wall", f"{wall:.2f} s", f"≤ {AGAIN_SECONDS:.0f} s", wall <= AGAIN_SECONDS)
        show("peak RSS", f"{rss:.1f} MiB")
        print("checks")
        show("articles after first import", f"{articles}", f"= {n}", articles == n)
        show("revisions after first import", f"{first_revisions}")
        show("revisions across re-import", f"{before} -> {after}", "unchanged", before == after)
        for table in ("archive_entity", "archive_tag", "archive_credit"):
            show(f"rows in {table}", str(count_rows(url, table)))
        failed = any(result[2] for result in runs.values())
        if args.no_rerender:
            return 0 if articles == n and not failed else 1
        # Re-rendering: as after a renderer change, every article made by an older renderer.
        sql(url, "UPDATE archive_article SET rendered_with = 'bench-older'")
        print("re-render of every stored article (rerender_articles) ...", flush=True)
        before = count_rows(url, "archive_articlerevision")
        log = work / "rerender.log"
        wall, rss, code = run(["rerender_articles", "--verbosity", "0"], env, log)
        runs["rerender"] = (wall, rss, code)
        print(f"re-render of {n} articles from the database (exit {code})")
        show("wall", f"{wall:.2f} s")
        show("rate", f"{n / wall:.1f} articles/s")
        show("peak RSS", f"{rss:.1f} MiB")
        after = count_rows(url, "archive_articlerevision")
        show("revisions across re-render", f"{before} -> {after}", "unchanged", before == after)
        failed = any(result[2] for result in runs.values()) or before != after
        return 0 if articles == n and before == after and not failed else 1
    finally:
        if args.keep:
            print(f"\nkept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
