"""Recording, marking and unmarking publisher boilerplate in the database.

The import records each article's candidate blocks (one INSERT) and counts them in memory
(``Ledger``, loaded once per run), so an article costs no further query unless one of its
blocks has just reached the threshold: then that block is marked in every article of the group
that has it, in the same transaction. An editor's undo (the admin) unmarks it everywhere and
is remembered, so it is never marked again automatically.

Marking or unmarking an article rewraps its HTML, recomputes its excerpt and its mentions, and
saves it, which re-indexes it for search (``search.receivers`` listens to saves): the canonical
text and its revisions never change, so annotations keep their offsets.
"""

import re
from collections import Counter, defaultdict
from functools import cache

from .boilerplate import FINGERPRINT_DIGITS, THRESHOLD, group_of, inside, wrap
from .excerpts import excerpt_of
from .models import Article, Boilerplate, BoilerplateBlock, Mention
from .registry import linker_for_registry, mentions_for, mentions_insert
from .rows import rows_insert

AUTOMATIC = Boilerplate.Status.AUTOMATIC
OUR_FINGERPRINT_RE = re.compile(f"[0-9a-f]{{{FINGERPRINT_DIGITS}}}")


class Ledger:
    """What one import run knows of boilerplate: the decisions, and how often each block occurs."""

    def __init__(self) -> None:
        self._status: dict[tuple[str, str], str] | None = None
        self._counts: Counter | None = None
        self._groups: dict[str, int] = {}

    def status(self, group: str, fingerprint: str) -> str | None:
        if self._status is None:
            rows = Boilerplate.objects.values_list("group", "fingerprint", "status")
            self._status = {(g, f): status for g, f, status in rows}
        return self._status.get((group, fingerprint))

    def decide(self, group: str, fingerprint: str, status: str) -> None:
        self.status(group, fingerprint)  # loaded first, or the load would miss nothing new
        self._status[(group, fingerprint)] = status

    def load_counts(self) -> None:
        """Count the blocks stored so far, once: before the run stores any of its own."""
        if self._counts is None:
            self._counts = Counter()
            rows = BoilerplateBlock.objects.values_list("group", "fingerprint")
            for row in rows.iterator(chunk_size=5000):
                self._counts[self._key(*row)] += 1

    def count(self, group: str, fingerprint: str, *, add: int = 0) -> int:
        """How many articles of ``group`` have the block, after adding ``add`` to it."""
        if self._counts is None:
            raise RuntimeError("load_counts() first: the run's own blocks would count twice")
        key = self._key(group, fingerprint)
        self._counts[key] += add
        return self._counts[key]

    def _key(self, group: str, fingerprint: str) -> "int | tuple":
        # One int for the pair: a large import counts every candidate block it meets, most of
        # them seen once, and two strings in a tuple took 240 bytes a block (10 MiB of the
        # import's peak memory at 10,000 files); the int takes about 80.
        number = self._groups.setdefault(group, len(self._groups))
        if OUR_FINGERPRINT_RE.fullmatch(fingerprint):
            return number << (4 * FINGERPRINT_DIGITS) | int(fingerprint, 16)
        return (group, fingerprint)  # not one of ours: counted apart, never mixed up


def marked_ranges(group: str, blocks: list[tuple], ledger: Ledger) -> list[list[int]]:
    """The ranges of ``blocks`` that are boilerplate already decided for ``group``."""
    if not group:
        return []
    return [[start, end] for key, start, end in blocks if ledger.status(group, key) == AUTOMATIC]


def prepare(article: Article, *, contributors, blocks: list[tuple], ledger: Ledger) -> None:
    """Set the unsaved article's boilerplate, HTML wrappers and excerpt from known decisions."""
    article.boilerplate = marked_ranges(group_of(contributors), blocks, ledger)
    if article.boilerplate:
        article.html = wrap(article.html, article.boilerplate)
        article.excerpt = _excerpt(article)


def blocks_record(
    *, article: Article, contributors, blocks: list[tuple], ledger: Ledger, linker, replace: bool
) -> None:
    """Store the saved article's candidate blocks; mark those that have reached the threshold."""
    ledger.load_counts()
    if replace:
        old = BoilerplateBlock.objects.filter(article=article)
        for old_group, old_key in old.values_list("group", "fingerprint"):
            ledger.count(old_group, old_key, add=-1)
        old.delete()
    group = group_of(contributors)
    if not group or not blocks:
        return
    rows_insert(
        BoilerplateBlock,
        ["article", "group", "fingerprint", "start", "end"],
        [(article.pk, group, key, start, end) for key, start, end in blocks],
    )
    for key, start, end in blocks:
        if ledger.count(group, key, add=1) >= THRESHOLD and ledger.status(group, key) is None:
            Boilerplate.objects.create(
                group=group, fingerprint=key, sample=article.text[start:end], status=AUTOMATIC
            )
            ledger.decide(group, key, AUTOMATIC)
            _apply(group, key, marked=True, linker=linker)  # ``linker``: a function giving one


def boilerplate_undo(*, boilerplate: Boilerplate) -> int:
    """Unmark the block in every article that has it, for good; return how many changed."""
    boilerplate.status = Boilerplate.Status.UNDONE
    boilerplate.save(update_fields=["status", "decided_at"])
    return _apply(boilerplate.group, boilerplate.fingerprint, marked=False, linker=_linker())


def boilerplate_redo(*, boilerplate: Boilerplate) -> int:
    """Mark an undone block again, in every article that has it; return how many changed."""
    boilerplate.status = AUTOMATIC
    boilerplate.save(update_fields=["status", "decided_at"])
    return _apply(boilerplate.group, boilerplate.fingerprint, marked=True, linker=_linker())


def _linker():
    return cache(linker_for_registry)  # built once per decision, only if an article needs it


def _apply(group: str, fingerprint: str, *, marked: bool, linker) -> int:
    spans = defaultdict(list)
    rows = BoilerplateBlock.objects.filter(group=group, fingerprint=fingerprint)
    for article_id, start, end in rows.values_list("article_id", "start", "end"):
        spans[article_id].append([start, end])
    changed = 0
    for article in Article.objects.filter(pk__in=spans).order_by("pk"):
        ranges = [r for r in article.boilerplate if r not in spans[article.pk]]
        if marked:
            ranges += spans[article.pk]
        changed += article_boilerplate_set(article=article, ranges=ranges, linker=linker())
    return changed


def article_boilerplate_set(*, article: Article, ranges: list[list[int]], linker) -> bool:
    """Mark exactly ``ranges`` of a saved article as boilerplate; False if nothing changed."""
    ranges = sorted(ranges)
    if ranges == sorted(article.boilerplate):
        return False
    article.boilerplate = ranges
    article.html = wrap(article.html, ranges)
    article.excerpt = _excerpt(article)
    article.save(update_fields=["html", "boilerplate", "excerpt"])
    Mention.objects.filter(article=article).delete()
    found = mentions_for(article.pk, article.text, linker, html=article.html)
    mentions_insert(outside(found, ranges))
    return True


def outside(rows: list[tuple], ranges) -> list[tuple]:
    """Mention rows (article, entity, start, end, surface) not in ``ranges``."""
    if not ranges:
        return rows
    return [row for row in rows if not inside(row[2], row[3], ranges)]


def _excerpt(article: Article) -> str:
    return excerpt_of(article.html, title=article.title, summary=article.description)
