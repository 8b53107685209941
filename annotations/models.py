import unicodedata
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive.models import Article, ArticleRevision, Entity


class Colour(models.TextChoices):
    """Highlight colours; each passes WCAG AA for body text on the light and the dark page."""

    YELLOW = "yellow", _("Yellow")
    GREEN = "green", _("Green")
    BLUE = "blue", _("Blue")
    PINK = "pink", _("Pink")
    PURPLE = "purple", _("Purple")


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Private")
    PUBLIC = "public", _("Public")


class AnchorState(models.TextChoices):
    ANCHORED = "anchored", _("Anchored")
    MOVED = "moved", _("Moved")
    FUZZY = "fuzzy", _("Approximate")
    ORPHAN = "orphan", _("Orphaned")


class AnnotationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """What ``user`` may see: public threads and their own, replies as their thread."""
        top = Q(parent__isnull=True)
        public = (top & Q(visibility=Visibility.PUBLIC)) | Q(parent__visibility=Visibility.PUBLIC)
        if not user.is_authenticated:
            return self.filter(public)
        return self.filter(public | (top & Q(owner=user)) | Q(parent__owner=user))

    def tagged(self, tag: str):
        """Annotations with this exact tag, in any letter case, alike on SQLite and PostgreSQL."""
        tag = normalise_tag(tag)
        if not tag or "\x00" in tag:  # PostgreSQL refuses NUL in a text parameter
            return self.none()
        # Both sides are folded in Python: SQLite's LIKE folds ASCII only, PostgreSQL's none.
        return self.filter(tag_index__contains=f"\n{tag.casefold()}\n")

    def about(self, entity):
        """Public annotations (not replies) that identify ``entity``, newest first."""
        return self.filter(
            entities=entity, parent__isnull=True, visibility=Visibility.PUBLIC
        ).order_by("-created", "-pk")

    def orphans(self):
        return self.filter(anchor_state=AnchorState.ORPHAN)

    def in_document_order(self):
        # The id last: pages of a container must not shift between two requests.
        return self.order_by(F("start").asc(nulls_last=True), "end", "created", "pk")


class Annotation(models.Model):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="annotations",
        verbose_name=_("owner"),
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.PROTECT,  # readers' notes outlive an editor's clean-up
        related_name="annotations",
        verbose_name=_("article"),
    )
    revision = models.ForeignKey(
        ArticleRevision,
        on_delete=models.PROTECT,
        related_name="annotations",
        verbose_name=_("revision"),
        help_text=_("The revision of the article text the annotation was made on."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    exact = models.TextField(_("quote"), blank=True)
    prefix = models.CharField(_("text before"), max_length=64, blank=True)
    suffix = models.CharField(_("text after"), max_length=64, blank=True)
    start = models.PositiveIntegerField(
        _("start"), null=True, blank=True, help_text=_("Code point offset in the canonical text.")
    )
    end = models.PositiveIntegerField(_("end"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, help_text=_("Markdown."))
    note_html = models.TextField(_("note as sanitised HTML"), blank=True, editable=False)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    # The tags casefolded, between newlines ("\nai\n安全\n"): lets both databases filter by one
    # tag with a plain substring match; SQLite cannot look inside a JSON list.
    tag_index = models.TextField(_("tag index"), blank=True, editable=False)
    colour = models.CharField(
        _("colour"), max_length=10, choices=Colour.choices, default=Colour.YELLOW
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    anchor_state = models.CharField(
        _("anchor"), max_length=10, choices=AnchorState.choices, default=AnchorState.ANCHORED
    )
    anchor_confidence = models.FloatField(_("anchor confidence"), default=1.0)
    anchored_revision = models.ForeignKey(
        ArticleRevision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anchored_annotations",
        verbose_name=_("anchored to revision"),
        help_text=_("The revision that start and end point into."),
    )
    needs_confirmation = models.BooleanField(
        _("needs confirmation"),
        default=False,
        help_text=_("Re-anchored approximately; the owner should confirm the new place."),
    )
    language = models.CharField(
        _("language"),
        max_length=35,  # BCP 47 tags are rarely longer; RFC 5646 suggests 35
        blank=True,
        help_text=_("The language of the note and tags, as a BCP 47 tag."),
    )
    canonical = models.CharField(
        _("canonical IRI"),
        max_length=2000,
        blank=True,
        help_text=_("The IRI a protocol client gave the annotation; kept unchanged."),
    )
    via = models.CharField(
        _("via"),
        max_length=2000,
        blank=True,
        help_text=_("The IRI the annotation had where it came from (an import, a client)."),
    )
    # The people and organisations of the article that the annotation is about (a W3C body with
    # purpose "identifying"). Deleting an entity unlinks it; the annotation stays.
    entities = models.ManyToManyField(
        Entity,
        blank=True,
        related_name="annotations",
        verbose_name=_("about"),
        help_text=_("People and organisations of the article that the annotation is about."),
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    modified = models.DateTimeField(_("modified"), auto_now=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised on every change; a stale write is refused.")
    )

    objects = AnnotationQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("annotation")
        verbose_name_plural = _("annotations")
        indexes = [
            models.Index(fields=["article", "start"]),
            models.Index(fields=["owner", "-created"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=False)
                | Q(start__isnull=False, end__gt=models.F("start")),
                name="annotation_has_a_passage_or_a_parent",
            )
        ]

    def __str__(self) -> str:
        quote = self.exact[:40] if self.exact else self.note[:40]
        return f"{self.owner}: {quote}"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#annotation-{self.uuid}"

    def get_api_url(self) -> str:
        """The annotation's IRI in its article's container (the W3C Annotation Protocol)."""
        return reverse(
            "annotations:api_item", kwargs={"slug": self.article.slug, "uuid": self.uuid}
        )


# Zero-width characters and bidirectional controls: invisible, so two tags that look alike
# would differ, and an override (U+202E) would show a tag written backwards.
INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x200E, 0x200F, 0x061C]
    + list(range(0x202A, 0x202F))
    + list(range(0x2066, 0x206A))
)


def normalise_tag(tag: str) -> str:
    """NFKC (full-width "ＡＩ" is "AI"), without invisible characters, on one line with single
    spaces: a newline would let a filter match across two tags."""
    return " ".join(unicodedata.normalize("NFKC", tag).translate(INVISIBLE).split())


def tag_index_for(tags: list[str]) -> str:
    return "\n" + "\n".join(tag.casefold() for tag in tags) + "\n" if tags else ""
