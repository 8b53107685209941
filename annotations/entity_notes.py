"""The public annotations about a person or an organisation, as a section of its page.

archive's entity page sends ``entity_page_sections`` and renders what its receivers answer, so
the section lives here and archive never imports this app. Only public annotations are listed,
even to their author: the page is the same for every reader, so a shared cache may keep it.
"""

from django.core.paginator import Paginator
from django.db.models import F, Value
from django.db.models.functions import Concat, Trim
from django.dispatch import receiver

from archive.signals import entities_merged, entity_page_sections

from .models import Annotation

NOTES_PER_PAGE = 10
PAGE_PARAMETER = "notes"


def notes_about(entity):
    """The public annotations about ``entity``, newest first, with what the section shows."""
    return (
        Annotation.objects.about(entity)
        .select_related("article")
        .only(
            "uuid",
            "exact",
            "note_html",
            "created",
            "owner_id",
            "article__slug",
            "article__title",
            "article__lang",
        )  # fmt: skip
        .annotate(
            owner_username=F("owner__username"),
            owner_full_name=Trim(Concat("owner__first_name", Value(" "), "owner__last_name")),
        )
    )


@receiver(entity_page_sections, dispatch_uid="annotations.entity_notes")
def entity_notes_section(sender, *, entity, request, **kwargs) -> dict:
    page = Paginator(notes_about(entity), NOTES_PER_PAGE).get_page(request.GET.get(PAGE_PARAMETER))
    return {
        "template": "annotations/_entity_notes.html",
        "context": {"page": page, "entity": entity},
    }


@receiver(entities_merged, dispatch_uid="annotations.entities_merged")
def move_notes_to_survivor(sender, *, survivor, other, **kwargs) -> None:
    """Notes about a merged-away duplicate are about the survivor: deleting it would unlink them."""
    links = Annotation.entities.through.objects
    already = links.filter(entity=survivor).values("annotation_id")
    links.filter(entity=other, annotation_id__in=already).delete()
    links.filter(entity=other).update(entity=survivor)
