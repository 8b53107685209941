"""The filters of "My annotations", shared by the page, its exports and the export API."""

import datetime
from dataclasses import asdict, dataclass

from django.db.models import F, Value
from django.db.models.functions import Concat

from archive.models import Article

from .about import prefetch_entities
from .models import AnchorState, Annotation, Colour


@dataclass(frozen=True)
class Filters:
    article: str = ""
    tag: str = ""
    colour: str = ""
    state: str = ""
    since: str = ""
    until: str = ""

    @classmethod
    def from_query(cls, query) -> "Filters":
        return cls(
            article=query.get("article", ""),
            tag=query.get("tag", "").strip(),
            colour=query.get("colour", ""),
            state=query.get("state", ""),
            since=_date(query.get("since", "")),
            until=_date(query.get("until", "")),
        )

    def as_query(self) -> dict:
        return {key: value for key, value in asdict(self).items() if value}

    def apply(self, annotations):
        if "\x00" in self.article:  # PostgreSQL refuses NUL in a text parameter
            return annotations.none()
        if self.article:
            annotations = annotations.filter(article__slug=self.article)
        if self.tag:
            annotations = annotations.tagged(self.tag)
        if self.colour in Colour.values:
            annotations = annotations.filter(colour=self.colour)
        if self.state in AnchorState.values:
            annotations = annotations.filter(anchor_state=self.state)
        if self.since:
            annotations = annotations.filter(created__date__gte=self.since)
        if self.until:
            annotations = annotations.filter(created__date__lte=self.until)
        return annotations


def _date(value: str) -> str:
    """An ISO date (yyyy-mm-dd) as typed, or "" for anything else: a bad date filters nothing."""
    try:
        return datetime.date.fromisoformat(value.strip()).isoformat() if value.strip() else ""
    except ValueError:
        return ""


def readers_annotations(user, filters: Filters):
    """The reader's annotations that ``filters`` select, with what every format writes."""
    return (
        filters.apply(Annotation.objects.filter(owner=user))
        .select_related("article", "parent")
        .prefetch_related(prefetch_entities())
        .defer(*(f"article__{name}" for name in Article.HEAVY_FIELDS))
        .annotate(
            revision_number=F("revision__number"),
            anchored_number=F("anchored_revision__number"),
            owner_username=F("owner__username"),
            owner_full_name=Concat("owner__first_name", Value(" "), "owner__last_name"),
        )
    )
