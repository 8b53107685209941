"""Where articles name an entity, and names suggested for the registry."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..snippets import PEEK, Snippet, snippet
from .entities import Entity, EntityLink

KWIC_WIDTH = 40


class MentionQuerySet(models.QuerySet):
    def of(self, entity):
        return self.filter(entity=entity)

    def with_context(self, width: int = KWIC_WIDTH):
        """Each mention with the text around it, cut in the database (not whole articles);
        one character more either side tells ``keyword_in_context`` where the text goes on."""
        margin = width + PEEK
        first = models.functions.Greatest(models.F("start") - margin, models.Value(0))
        return self.annotate(
            context_start=first,
            context_width=models.Value(width),
            context=models.functions.Substr(
                "article__text", first + 1, models.F("end") - first + margin
            ),
        )

    def co_mentioned_with(self, entity, limit: int = 15) -> list[tuple]:
        """Who else the articles mentioning ``entity`` mention, most articles first."""
        articles = self.of(entity).values("article_id")
        rows = list(
            self.filter(article_id__in=articles)
            .exclude(entity=entity)
            .values("entity_id")
            .annotate(
                articles=models.Count("article_id", distinct=True), mentions=models.Count("id")
            )
            .order_by("-articles", "-mentions")[:limit]
        )
        entities = Entity.objects.in_bulk([r["entity_id"] for r in rows])
        return [
            (entities[r["entity_id"]], r["articles"], r["mentions"])
            for r in rows
            if r["entity_id"] in entities
        ]


class Mention(EntityLink):
    """One occurrence of an entity's name in an article's canonical text (code points)."""

    article = models.ForeignKey(
        "archive.Article",
        on_delete=models.CASCADE,
        related_name="mentions",
        verbose_name=_("article"),
    )
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    surface = models.CharField(_("as written"), max_length=200)

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        default_related_name = "mentions"
        indexes = [models.Index(fields=["article", "start"])]

    def __str__(self) -> str:
        return f"{self.surface} @ {self.start}"

    def get_absolute_url(self) -> str:
        return self.entity.get_absolute_url()

    @property
    def keyword_in_context(self) -> Snippet:
        """The mention and the text around it, from ``with_context()``."""
        offset = self.start - self.context_start
        length = self.end - self.start
        return snippet(
            self.context[:offset],
            self.context[offset : offset + length],
            self.context[offset + length :],
            width=self.context_width,
            start=self.start,
        )


class CandidateQuerySet(models.QuerySet):
    def open(self):
        """Suggestions that no editor has decided on yet."""
        return self.filter(status=Candidate.Status.NEW)

    def listed(self, *, kind: str = "", min_count: int = 1):
        """Open suggestions of ``kind`` (any when empty) seen at least ``min_count`` times,
        the most frequent first."""
        rows = self.open().filter(count__gte=min_count)
        return (rows.filter(kind=kind) if kind else rows).order_by("-count", "-score", "name")


class Candidate(models.Model):
    """A name that looks like a person or organisation and is not in the registry yet."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        ACCEPTED = "accepted", _("accepted as a new entity")
        MAPPED = "mapped", _("added as an alias")
        # Kept so that the name is never proposed again (an editor's "reject").
        IGNORED = "ignored", _("rejected")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("looks like"), max_length=20, blank=True, choices=Entity.Kind.choices)
    count = models.PositiveIntegerField(_("occurrences"), default=0)
    article_count = models.PositiveIntegerField(_("articles"), default=0)
    score = models.FloatField(
        _("confidence"), default=0.0, help_text=_("The recogniser's best score for the name, 0–1.")
    )
    examples = models.JSONField(_("example sentences"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    entity = models.ForeignKey(
        Entity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("is an alias of"),
    )

    objects = CandidateQuerySet.as_manager()

    class Meta:
        ordering = ["-count", "name"]
        verbose_name = _("suggested name")
        verbose_name_plural = _("suggested names")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("admin:archive_candidate_change", args=[self.pk])
