"""Name recognisers compared on the labelled set of tests/fixtures/names/.

For each candidate of bench/recognisers.py it prints precision, recall and F1 for people and
organisations (exact spans, and distinct names per article), throughput in characters per
second over the set repeated to about 1 MB, model load time (a fresh process), the installed
size of the packages it needs, and whether it runs with no network at all: the load-and-run
process is started in a new network namespace (`unshare -n`, no interface but a down loopback)
with HF_HUB_OFFLINE=1 and no proxy variables.

Needs the bench extra: .venv/bin/pip install -e '.[bench]'
Run from the project root: .venv/bin/python bench/recognisers_bench.py [--only NAME] [--mb 1]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from recognisers import CANDIDATES, ORG, PERSON  # noqa: E402

NAMES = ROOT / "tests" / "fixtures" / "names"


def load_articles():
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(NAMES.glob("*.yaml"))]


def _prf(right, predicted, gold):
    p = right / predicted if predicted else 0.0
    r = right / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(articles, predictions, kind):
    """(exact-span P, R, F1), (distinct-name P, R, F1) for one kind over all articles."""
    span_right = span_pred = span_gold = 0
    name_right = name_pred = name_gold = name_found = 0
    for article, found in zip(articles, predictions, strict=True):
        text, entities = article["text"], [e for e in article["entities"] if e["kind"] == kind]
        gold = {(s, e) for ent in entities for s, e in ent["spans"]}
        spans = {(s, e) for s, e, k in found if k == kind}
        span_right, span_pred, span_gold = (
            span_right + len(gold & spans),
            span_pred + len(spans),
            span_gold + len(gold),
        )
        surfaces = [{ent["name"], *ent.get("surfaces", [])} for ent in entities]
        names = {text[s:e] for s, e in spans}
        name_pred += len(names)
        name_right += sum(1 for n in names if any(n in forms for forms in surfaces))
        name_gold += len(entities)
        name_found += sum(1 for forms in surfaces if forms & names)
    exact = _prf(span_right, span_pred, span_gold)
    distinct = (
        name_right / name_pred if name_pred else 0.0,
        name_found / name_gold if name_gold else 0.0,
    )
    distinct += (2 * distinct[0] * distinct[1] / sum(distinct) if sum(distinct) else 0.0,)
    return exact, distinct


def installed_size(distributions):
    total = 0
    for name in distributions:
        try:
            files = metadata.distribution(name).files or []
        except metadata.PackageNotFoundError:
            continue
        total += sum(f.locate().stat().st_size for f in files if f.locate().is_file())
    return total


def _child(name):
    """Load one candidate and run it on the set: the offline check and the load time."""
    started = time.perf_counter()
    recognise = CANDIDATES[name][0]()
    loaded = time.perf_counter() - started
    found = sum(len(recognise(a["text"])) for a in load_articles())
    print(json.dumps({"load_s": loaded, "found": found}))


def offline_run(name):
    """Run _child in a namespace with no network; (load seconds, ok, error line)."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    command = [sys.executable, __file__, "--child", name]
    if shutil.which("unshare"):
        command = ["unshare", "-n", *command]
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        return None, False, (done.stderr.strip().splitlines() or ["?"])[-1]
    return json.loads(done.stdout.strip().splitlines()[-1])["load_s"], True, ""


def throughput(recognise, articles, megabytes):
    texts = [a["text"] for a in articles]
    per_round = sum(len(t.encode()) for t in texts)
    rounds = max(1, round(megabytes * 1_000_000 / per_round))
    chars = rounds * sum(len(t) for t in texts)
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            recognise(text)
    return chars / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="a candidate's name (repeatable)")
    parser.add_argument("--mb", type=float, default=1.0, help="text for the throughput run")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    if args.child:
        return _child(args.child)
    articles = load_articles()
    total = sum(len(a["text"]) for a in articles)
    print(f"{len(articles)} articles, {total} characters; load average {os.getloadavg()[0]:.2f}")
    rows = []
    for name in args.only or CANDIDATES:
        factory, distributions, what = CANDIDATES[name]
        load_s, offline, error = offline_run(name)
        recognise = factory()
        predictions = [recognise(a["text"]) for a in articles]
        people, orgs = score(articles, predictions, PERSON), score(articles, predictions, ORG)
        speed = throughput(recognise, articles, args.mb)
        rows.append(
            {
                "name": name,
                "what": what,
                "person": people,
                "organisation": orgs,
                "chars_per_s": speed,
                "load_s": load_s,
                "size_mb": installed_size(distributions) / 1e6,
                "offline": offline,
                "error": error,
            }
        )
        print_row(rows[-1])
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    print(f"load average at the end {os.getloadavg()[0]:.2f}")


def print_row(row):
    def f(triple):
        return "/".join(f"{x:.2f}" for x in triple)

    load = f"{row['load_s']:.2f}s" if row["load_s"] is not None else "n/a"
    print(
        f"\n{row['name']}: {row['what']}\n"
        f"  person       exact P/R/F1 {f(row['person'][0])}   names P/R/F1 {f(row['person'][1])}\n"
        f"  organisation exact P/R/F1 {f(row['organisation'][0])}"
        f"   names P/R/F1 {f(row['organisation'][1])}\n"
        f"  {row['chars_per_s']:,.0f} chars/s, load {load}, installed {row['size_mb']:.1f} MB, "
        f"offline {'yes' if row['offline'] else 'NO: ' + row['error']}",
        flush=True,
    )


if __name__ == "__main__":
    main()
