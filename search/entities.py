"""Live searches without an index: people and organisations by name or alias, and a reader's
own annotations. Both sets are small next to the articles, so substring matches are enough.
"""

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length

from annotations.models import Annotation
from archive.models import Alias, Article, Organisation, Person

from .query import Query


def _named(model, text: str) -> Q:
    """Rows of ``model`` whose name, or one of whose aliases, contains ``text``."""
    field = model._meta.model_name
    aliases = Alias.objects.filter(text__icontains=text, **{f"{field}__isnull": False})
    return Q(name__icontains=text) | Q(pk__in=aliases.values(field))


def entities_matching(model, query: Query, *, limit: int = 10) -> list[Person | Organisation]:
    """People or organisations named by every part of ``query`` and by none it excludes."""
    if not query.needles:
        return []
    entities = model.objects.all()
    for text in query.needles:
        entities = entities.filter(_named(model, text))
    for text in query.excluded_needles:
        entities = entities.exclude(_named(model, text))
    return list(_best_first(entities, query.needles[0])[:limit])


def entities_named(model, text: str, *, limit: int) -> list[Person | Organisation]:
    """Suggestions while typing: the whole text as one substring of a name or alias."""
    if not text or limit <= 0:
        return []
    return list(_best_first(model.objects.filter(_named(model, text)), text)[:limit])


def _best_first(entities: QuerySet, text: str) -> QuerySet:
    """Names that start with the text first, then the shortest (closest) names."""
    starts = Case(
        When(name__istartswith=text, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return entities.only("name", "slug").order_by(starts, Length("name"), "name")


def own_annotations(user, query: Query, *, limit: int = 20) -> list[Annotation]:
    """The reader's own annotations whose quote, note or tags contain every part of ``query``.

    Only ``owner=user``: another reader's annotation is never searched, public or not.
    """
    if not user.is_authenticated or not query.needles:
        return []
    found = Annotation.objects.filter(owner=user)
    for text in query.needles:
        found = found.filter(_in_annotation(text))
    for text in query.excluded_needles:
        found = found.exclude(_in_annotation(text))
    return list(
        found.select_related("article")
        .defer(*(f"article__{name}" for name in Article.HEAVY_FIELDS))
        .order_by("-modified")[:limit]
    )


def _in_annotation(text: str) -> Q:
    return Q(exact__icontains=text) | Q(note__icontains=text) | Q(tag_index__icontains=text)
