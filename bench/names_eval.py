"""Precision and recall of the name recogniser (archive.recognition) on the labelled set.

Prints, per kind, exact-span figures on each Markdown body as written and distinct-name figures
on the text as imported (parsed and rendered by the importer's own code, bylines taken out, the
rendered HTML's code and missing pictures masked), then the credits' kinds (archive.credit_kinds
on every byline name that the set labels), what was wrong or missed per article with --verbose,
and the seed article's names that the registry does not know.

Run from the project root: .venv/bin/python bench/names_eval.py [--verbose] [--json FILE]
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django  # noqa: E402

django.setup()

from archive.credit_kinds import decide_kind  # noqa: E402
from archive.masking import masked_spans  # noqa: E402
from archive.parsing import parse_bytes  # noqa: E402
from archive.recognition import recognise  # noqa: E402
from tests.names_scoring import KINDS, Tally, distinct, exact, load_articles, missed  # noqa: E402

SEED = ROOT / "seeds" / "000_b393f1c8d4a0daca.txt"


def imported(article: dict):
    """The article as the importer stores it: (text, html, contributors)."""
    front = article.get("front_matter") or f"title: {json.dumps(article.get('title', 'x'))}\n"
    raw = f"---\n{front}---\n\n{article['text']}".encode()
    parsed = parse_bytes(raw, relative=f"{article['id']}.md")
    return parsed.text, parsed.html, parsed.contributors


def evaluate(articles: list[dict], verbose: bool = False) -> dict:
    spans = {kind: Tally() for kind in KINDS}
    names = {kind: Tally() for kind in KINDS}
    credits = Tally()
    for article in articles:
        body = recognise(article["text"])
        for kind in KINDS:
            exact(article, body, kind, spans[kind])
        text, html, contributors = imported(article)
        found = recognise(text, masked_spans=masked_spans(text, html))
        for kind in KINDS:
            shown = {r.surface for r in found if r.kind == kind}
            # Credits are shown too: a byline name counts with the kind decided for it.
            shown |= {c.name for c in contributors if _credit_kind(c, found) == kind}
            wrong = distinct(article, shown, kind, names[kind])
            if verbose and (wrong or missed(article, shown, kind)):
                print(
                    f"  {article['id']} {kind}: wrong {wrong} missed {missed(article, shown, kind)}"
                )
        _score_credits(article, contributors, found, credits, verbose)
    return {"spans": spans, "names": names, "credits": credits}


def _credit_kind(contributor, found) -> str:
    recognised = next((r.kind for r in found if r.surface == contributor.name), None)
    return decide_kind(name=contributor.name, role=contributor.role, recognised_kind=recognised)


def _score_credits(article, contributors, found, tally: Tally, verbose: bool) -> None:
    kinds = {f: e["kind"] for e in article["entities"] for f in (e["name"], *e.get("surfaces", []))}
    for contributor in contributors:
        if contributor.name not in kinds:
            continue
        tally.predicted += 1
        tally.gold += 1
        if _credit_kind(contributor, found) == kinds[contributor.name]:
            tally.right += 1
            tally.found += 1
        elif verbose:
            print(f"  {article['id']} credit {contributor.role} {contributor.name}: wrong kind")


def seed_check() -> tuple[list[str], list[str]]:
    """(names the registry knows with that kind, the others) recognised in the seed article."""
    import yaml

    registry = yaml.safe_load((ROOT / "seeds" / "registry.yaml").read_text(encoding="utf-8"))
    known = {}
    for group, kind in (("people", "person"), ("organisations", "organisation")):
        for entry in registry.get(group) or []:
            forms = [entry.get("name", ""), *(entry.get("names") or {}).values()]
            for key in ("aliases", "ambiguous"):
                forms += [
                    a if isinstance(a, str) else a.get("text", "") for a in entry.get(key) or []
                ]
            known.update(dict.fromkeys(forms, kind))
    parsed = parse_bytes(SEED.read_bytes(), relative=SEED.name)
    found = recognise(parsed.text, masked_spans=masked_spans(parsed.text, parsed.html))
    names = sorted({(r.surface, r.kind) for r in found})
    right = [n for n, k in names if known.get(n) == k]
    return right, [f"{n} ({k})" for n, k in names if known.get(n) != k]


def _row(label: str, tally: Tally) -> str:
    return (
        f"  {label:<26} P {tally.precision:.2f}  R {tally.recall:.2f}  F1 {tally.f1:.2f}"
        f"   ({tally.right}/{tally.predicted} right, {tally.found}/{tally.gold} found)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list wrong and missed names")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    articles = load_articles()
    chars = sum(len(a["text"]) for a in articles)
    scripts = sorted({a["id"].split("_")[1] for a in articles})
    print(f"{len(articles)} articles ({', '.join(scripts)}), {chars:,} characters")
    started = time.perf_counter()
    figures = evaluate(articles, args.verbose)
    print(f"evaluated in {time.perf_counter() - started:.1f} s (model load included)")
    for kind in KINDS:
        print(_row(f"{kind}, exact spans", figures["spans"][kind]))
        print(_row(f"{kind}, names as imported", figures["names"][kind]))
    print(_row("credits' kinds", figures["credits"]))
    known, unknown = seed_check()
    precision = len(known) / (len(known) + len(unknown)) if known or unknown else 1.0
    print(f"seed article: {len(known)} names the registry knows, {len(unknown)} others")
    print(f"  precision against the registry {precision:.2f}; others: {unknown}")
    if args.json:
        rows = {
            f"{group}/{kind}": vars(t) | {"p": t.precision, "r": t.recall, "f1": t.f1}
            for group in ("spans", "names")
            for kind, t in figures[group].items()
        }
        Path(args.json).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
