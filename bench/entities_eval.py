"""What readers see after an import: precision and recall of the people and organisations shown.

Imports the labelled set (tests/fixtures/names/, 21 articles in three scripts) with the shipped
registry (seeds/registry.yaml) into a fresh test database, through the real importer, whose
end-of-run hook queues the discovery task (archive.tasks.discover_names), run at once by the
immediate backend. Then, per article, what the page shows (entities linked in the text, and the
credits) is scored against the labels by distinct name (tests/names_scoring.py): a shown entity
is right if one of its forms (name, aliases, names in other scripts) is a form of a labelled
entity of its kind. The suggestions queue (new Candidates) is scored the same way over the set.
Last, the seed article with the registry: what it shows against what the registry knows (the
registry's linking of its text, and its credits).

Run from the project root: .venv/bin/python bench/entities_eval.py [--verbose]
"""

import argparse
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import TestCase  # noqa: E402

from archive.boilerplate_marking import outside  # noqa: E402
from archive.importer import import_paths  # noqa: E402
from archive.models import Alias, Article, Candidate, Credit, Entity, Mention  # noqa: E402
from archive.registry import (  # noqa: E402
    linker_for_registry,
    mentions_for,
    read_registry,
    registry_import,
)
from tests.names_scoring import KINDS, Tally, distinct, load_articles, missed  # noqa: E402

SEED = ROOT / "seeds" / "000_b393f1c8d4a0daca.txt"
REGISTRY = ROOT / "seeds" / "registry.yaml"
OVERALL = "overall"


def import_with_tasks(paths: list[str]) -> None:
    """Import as the command does; what the commit would run (the queued discovery, with the
    immediate backend) runs when the import ends, also inside a test's transaction."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        import_paths(paths)


def write_set(folder: Path, articles: list[dict]) -> None:
    for article in articles:
        front = article.get("front_matter") or f"title: {json.dumps(article.get('title', 'x'))}\n"
        text = f"---\n{front}---\n\n{article['text']}"
        (folder / f"{article['id']}.md").write_text(text, encoding="utf-8")


def forms_of(entity_ids: set[int]) -> dict[int, tuple[str, set[str]]]:
    """{entity id: (kind, every form of it)}."""
    forms: dict[int, tuple[str, set[str]]] = {}
    for pk, kind, name, names in Entity.objects.filter(pk__in=entity_ids).values_list(
        "pk", "kind", "name", "names"
    ):
        forms[pk] = (kind, {name, *map(str, (names or {}).values())})
    for entity, text in Alias.objects.filter(entity__in=entity_ids).values_list("entity", "text"):
        forms[entity][1].add(text)
    return forms


def shown_ids(article: Article) -> set[int]:
    """The entities an article's page shows: linked in its text, or credited."""
    mentions = Mention.objects.filter(article=article).values_list("entity_id", flat=True)
    credits = Credit.objects.filter(article=article).values_list("entity_id", flat=True)
    return set(mentions) | set(credits)


def _shown_names(labelled: dict, forms: dict, kind: str) -> set[str]:
    """One name per shown entity of ``kind``: its form that the labels list, else its name."""
    gold = {f for e in labelled["entities"] if e["kind"] == kind for f in _gold_forms(e)}
    names = set()
    for entity_kind, entity_forms in forms.values():
        if entity_kind == kind:
            matching = sorted(entity_forms & gold)
            names.add(matching[0] if matching else min(entity_forms, key=len))
    return names


def _gold_forms(entity: dict) -> set[str]:
    return {entity["name"], *entity.get("surfaces", [])}


def labelled_figures(articles: list[dict], verbose: bool = False) -> dict:
    """Import the set with the registry; score what is shown and what is suggested."""
    registry_import(data=read_registry(REGISTRY))
    with tempfile.TemporaryDirectory() as folder:
        write_set(Path(folder), articles)
        import_with_tasks([folder])
    shown = {kind: Tally() for kind in (*KINDS, OVERALL)}
    for labelled in articles:
        article = Article.objects.get(source_path=f"{labelled['id']}.md")
        forms = forms_of(shown_ids(article))
        for kind in KINDS:
            names = _shown_names(labelled, forms, kind)
            wrong = distinct(labelled, names, kind, shown[kind])
            distinct(labelled, names, kind, shown[OVERALL])
            lost = missed(labelled, names, kind)
            if verbose and (wrong or lost):
                print(f"  {labelled['id']} {kind}: wrong {wrong} missed {lost}")
    return {
        "shown": shown,
        "suggestions": _suggestions(articles, verbose),
        "unreviewed": Entity.objects.unreviewed().count(),
    }


def _suggestions(articles: list[dict], verbose: bool) -> dict[str, Tally]:
    gold = defaultdict(set)
    for labelled in articles:
        for entity in labelled["entities"]:
            for form in _gold_forms(entity):
                gold[form].add(entity["kind"])
    tallies = {kind: Tally() for kind in (*KINDS, OVERALL)}
    rows = Candidate.objects.filter(status=Candidate.Status.NEW).values_list("name", "kind")
    for name, kind in rows:
        right = kind in gold.get(name, ())
        for key in (kind or OVERALL, OVERALL) if kind else (OVERALL,):
            tallies[key].predicted += 1
            tallies[key].right += right
        if verbose:
            print(f"  suggestion {'right' if right else 'WRONG'}: {name} ({kind})")
    return tallies


def seed_figures() -> Tally:
    """The seed with the registry: shown entities against the registry's linking and credits."""
    registry_import(data=read_registry(REGISTRY))
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / SEED.name).write_bytes(SEED.read_bytes())
        import_with_tasks([folder])
    article = Article.objects.get()
    reviewed = set(Entity.objects.reviewed().values_list("pk", flat=True))
    rows = mentions_for(article.pk, article.text, linker_for_registry(), html=article.html)
    rows = outside(rows, article.boilerplate)
    expected = {row[1] for row in rows if row[1] in reviewed}
    expected |= set(Credit.objects.filter(article=article).values_list("entity_id", flat=True))
    shown = shown_ids(article)
    both = len(shown & expected)
    return Tally(right=both, predicted=len(shown), gold=len(expected), found=both)


def evaluate(verbose: bool = False) -> dict:
    """Both evaluations, each in a transaction rolled back at its end (the database is left as
    it was, so that a test may call this too)."""
    figures = {}
    with transaction.atomic():
        figures.update(labelled_figures(load_articles(), verbose))
        transaction.set_rollback(True)
    with transaction.atomic():
        figures["seed"] = seed_figures()
        transaction.set_rollback(True)
    return figures


def _row(label: str, tally: Tally, recall: bool = True) -> str:
    figures = f"P {tally.precision:.2f}" + (f"  R {tally.recall:.2f}" if recall else "")
    counts = f"{tally.right}/{tally.predicted} right" + (
        f", {tally.found}/{tally.gold} found" if recall else ""
    )
    return f"  {label:<24} {figures:<16} ({counts})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list wrong and missed names")
    args = parser.parse_args()
    from django.test.utils import setup_test_environment

    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        figures = evaluate(args.verbose)
        print(f"evaluated in {time.perf_counter() - started:.1f} s (model load included)")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)
    print(
        f"shown on the article pages (targets P ≥ 0.90, R ≥ 0.85); {figures['unreviewed']} "
        "unreviewed entities created"
    )
    for kind in (*KINDS, OVERALL):
        print(_row(kind, figures["shown"][kind]))
    print("suggestions queue (target P ≥ 0.60)")
    for kind in (*KINDS, OVERALL):
        print(_row(kind, figures["suggestions"][kind], recall=False))
    print("seed article with the registry (target P and R 1.00)")
    print(_row("seed", figures["seed"]))


if __name__ == "__main__":
    main()
