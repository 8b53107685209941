"""Link what discovery found: in the articles recognised, and in every other that names it.

Mentions are only ever added here, never replaced: a new mention is kept where it overlaps no
mention that the article has, so the registry's mentions (and anything an editor's relink wrote)
stay as they are, and the longer known form keeps its place. The registry's linking rules hold
for the new names too (archive/mentions.py: word boundaries, masks, ambiguous aliases).
"""

import ahocorasick

from .boilerplate_marking import outside
from .masking import merge, overlaps
from .mentions import FULL_WIDTH, TO_ASCII, Linker
from .models import Alias, Article, Entity, Mention
from .registry import linker_for_registry, mentions_for, mentions_insert
from .registry_generation import registry_changed

CHUNK = 200  # articles read at once


def mentions_add(*, article_ids: list[int], linker: Linker, only: set[int] | None = None) -> int:
    """Add the mentions that ``linker`` finds in the articles and that they lack; with
    ``only``, of those entities alone. Returns how many were added."""
    added = 0
    for first in range(0, len(article_ids), CHUNK):
        chunk = article_ids[first : first + CHUNK]
        existing: dict[int, list] = {pk: [] for pk in chunk}
        rows = Mention.objects.filter(article_id__in=chunk)
        for article_id, start, end in rows.values_list("article_id", "start", "end"):
            existing[article_id].append((start, end))
        new = []
        articles = Article.objects.filter(pk__in=chunk)
        for pk, text, html, boilerplate in articles.values_list(
            "pk", "text", "html", "boilerplate"
        ):
            taken = merge(existing[pk])
            new += [
                row
                for row in outside(mentions_for(pk, text, linker, html=html), boilerplate)
                if (only is None or row[1] in only) and not overlaps(row[2], row[3], taken)
            ]
        mentions_insert(new)
        added += len(new)
    if added:
        registry_changed()  # the rows are written in bulk, without signals
    return added


def articles_naming(entities: list[Entity], *, exclude: list[int] = ()) -> list[int]:
    """The articles whose text contains a form of one of ``entities``: one pass over the texts
    with one automaton, whatever the number of forms (a LIKE per form scans the table again
    for each, measured 3× slower with ten forms)."""
    forms = {e.name for e in entities}
    forms |= set(Alias.objects.filter(entity__in=entities).values_list("text", flat=True))
    if not forms:
        return []
    automaton = ahocorasick.Automaton()
    for form in forms:
        automaton.add_word(form, form)
    automaton.make_automaton()
    found = []
    texts = Article.objects.exclude(pk__in=list(exclude)).order_by("pk").values_list("pk", "text")
    for pk, text in texts.iterator(chunk_size=CHUNK):
        if FULL_WIDTH.search(text):  # as the linker reads it
            text = text.translate(TO_ASCII)
        if next(automaton.iter(text), None) is not None:
            found.append(pk)
    return found


def discovered_link(*, article_ids: list[int], entities: list[Entity]) -> int:
    """Link the recognised articles with every entity found in text (the new ones too), and
    the rest of the archive with the new ones wherever it names them."""
    linker = linker_for_registry()
    added = mentions_add(article_ids=article_ids, linker=linker)
    if entities:
        others = articles_naming(entities, exclude=article_ids)
        added += mentions_add(article_ids=others, linker=linker, only={e.pk for e in entities})
    return added
