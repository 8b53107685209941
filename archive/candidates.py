"""Suggested names for editors: collected from every article, then accepted, mapped or ignored."""

from django.db import transaction
from django.utils.text import slugify

from .models import Alias, Article, Candidate, Organisation, Person
from .suggestions import collect


def known_names() -> set[str]:
    names = set(Person.objects.filter(find_in_text=True).values_list("name", flat=True))
    names |= set(Organisation.objects.filter(find_in_text=True).values_list("name", flat=True))
    return names | set(Alias.objects.values_list("text", flat=True))


@transaction.atomic
def candidates_refresh() -> int:
    """Count every suggested name again; editors' decisions on earlier ones are kept."""
    texts = Article.objects.values_list("text", "lang").iterator(chunk_size=500)
    suggestions = collect(texts, known_names())
    decided = set(
        Candidate.objects.exclude(status=Candidate.Status.NEW).values_list("name", flat=True)
    )
    Candidate.objects.filter(status=Candidate.Status.NEW).delete()
    Candidate.objects.bulk_create(
        Candidate(name=s.name[:200], kind=s.kind, count=s.count, examples=s.examples)
        for s in suggestions
        if s.name not in decided
    )
    return len(suggestions)


def _unique_slug(model, name: str) -> str:
    base = slugify(name, allow_unicode=True) or model._meta.model_name
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def candidate_accept(*, candidate: Candidate, kind: str) -> Person | Organisation:
    model = Person if kind == "person" else Organisation
    entity = model.objects.filter(name=candidate.name).first()
    if entity is None:
        entity = model.objects.create(
            name=candidate.name, slug=_unique_slug(model, candidate.name), find_in_text=True
        )
    else:
        model.objects.filter(pk=entity.pk).update(find_in_text=True)
    candidate.status = Candidate.Status.ACCEPTED
    candidate.save(update_fields=["status"])
    return entity


@transaction.atomic
def candidate_map(*, candidate: Candidate, entity: Person | Organisation) -> Alias:
    field = "person" if isinstance(entity, Person) else "organisation"
    alias, _ = Alias.objects.get_or_create(text=candidate.name, **{field: entity})
    candidate.status = Candidate.Status.MAPPED
    setattr(candidate, field, entity)
    candidate.save()
    return alias
