"""Live searches without an index: people and organisations by name or alias, and a reader's
own annotations (quotes, notes, tags).

Both sets are small next to the articles (hundreds of names, a reader's hundreds or thousands
of annotations), so they are matched in Python, the same way on both databases: names and
query are folded as the index folds them (``search.tokens.fold``: full-width forms, case and
accents), punctuation and spaces become single spaces, and each part of the query must occur
in the folded text where a word starts (``ai`` finds Meta AI, not Baidu or Kai-Fu Lee, and
``sutsk`` finds Sutskever); a part that starts with a CJK character may start anywhere (特曼
finds 奥特曼), since CJK text has no spaces to mark its words.
"""

import re
from functools import lru_cache

from django.db.models import QuerySet

from annotations.models import Annotation
from archive.models import Alias, Article, Entity

from .query import Query
from .tokens import fold, is_cjk_char, word_starts_at

# A reader's annotations are scanned newest first, up to this many, so a search stays bounded.
ANNOTATIONS_SCANNED = 5000
_SEPARATORS = re.compile(r"[\W_]+")


def folded(text: str) -> str:
    """``text`` folded like the index, every run of punctuation and spaces one space."""
    return _SEPARATORS.sub(" ", fold(text)).strip()


_folded_name = lru_cache(maxsize=8192)(folded)  # names repeat across searches; notes rarely do


def contains(text: str, part: str) -> bool:
    """Whether folded ``part`` occurs in folded ``text`` at the start of a word (see above)."""
    anywhere = is_cjk_char(part[0])
    position = text.find(part)
    while position >= 0:
        if anywhere or word_starts_at(text, position):
            return True
        position = text.find(part, position + 1)
    return False


def _parts(texts) -> list[str]:
    return [part for part in map(folded, texts) if part]


def _wanted(texts: list[str], wanted: list[str], unwanted: list[str]) -> bool:
    """Every wanted part in one of ``texts``, and no unwanted one in any."""
    return all(any(contains(t, p) for t in texts) for p in wanted) and not any(
        contains(t, p) for t in texts for p in unwanted
    )


def _names(entities: QuerySet) -> dict[int, list[str]]:
    """Each entity's folded names: its name first, then its aliases."""
    names = {pk: [_folded_name(name)] for pk, name in entities.values_list("pk", "name")}
    aliases = Alias.objects.filter(entity__in=entities.values("pk")).values_list("entity", "text")
    for pk, text in aliases:
        names.setdefault(pk, []).append(_folded_name(text))
    return names


def _best(entities, names: dict[int, list[str]], found: list[int], first: str, limit: int) -> list:
    """Names that start with the first part first, then the shortest (closest) names."""
    found.sort(key=lambda pk: (not names[pk][0].startswith(first), len(names[pk][0]), names[pk][0]))
    rows = entities.only("kind", "name", "slug").in_bulk(found[:limit])  # kind: for the URL
    return [rows[pk] for pk in found[:limit] if pk in rows]


def entities_matching(entities: QuerySet, query: Query, *, limit: int = 10) -> list[Entity]:
    """Those of ``entities`` named by every part of ``query`` and by none it excludes."""
    wanted, unwanted = _parts(query.needles), _parts(query.excluded_needles)
    if not wanted:
        return []
    names = _names(entities)
    found = [pk for pk, texts in names.items() if _wanted(texts, wanted, unwanted)]
    return _best(entities, names, found, wanted[0], limit)


def entities_named(entities: QuerySet, text: str, *, limit: int) -> list[Entity]:
    """Suggestions while typing: the whole text as one part of a name or alias."""
    part = folded(text)
    if not part or limit <= 0:
        return []
    names = _names(entities)
    found = [pk for pk, texts in names.items() if any(contains(t, part) for t in texts)]
    return _best(entities, names, found, part, limit)


def own_annotations(user, query: Query, *, limit: int = 20) -> list[Annotation]:
    """The reader's own annotations whose quote, note or tags hold every part of ``query``.

    Only ``owner=user``: another reader's annotation is never searched, public or not.
    """
    wanted, unwanted = _parts(query.needles), _parts(query.excluded_needles)
    if not user.is_authenticated or not wanted:
        return []
    recent = Annotation.objects.filter(owner=user).order_by("-modified")
    scanned = recent.values_list("pk", "exact", "note", "tag_index")[:ANNOTATIONS_SCANNED]
    found = [
        pk for pk, *texts in scanned if _wanted([folded(text) for text in texts], wanted, unwanted)
    ][:limit]
    rows = (
        Annotation.objects.select_related("article")
        .defer(*(f"article__{name}" for name in Article.HEAVY_FIELDS))
        .in_bulk(found)
    )
    return [rows[pk] for pk in found]
