"""Articles, the revisions of their text, their tags and who made them."""

from collections.abc import Mapping

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..derivation import NOTHING
from ..querystrings import url_with_query
from ..validators import validate_web_url
from .entities import EntityLink
from .mentions import Mention


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_with_query("archive:home", tag=self.name)


class ArticleQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by(models.F("published_at").desc(nulls_last=True), "-id")

    def involving(self, entity):
        """Articles that mention ``entity`` or credit it (author, source, publisher...)."""
        mentioned = Mention.objects.filter(entity=entity).values("article_id")
        credited = Credit.objects.filter(entity=entity).values("article_id")
        return self.filter(models.Q(pk__in=mentioned) | models.Q(pk__in=credited))

    def for_listing(self):
        """What a list of articles shows: the credits (source, publisher) without N+1 queries."""
        return self.defer(*Article.HEAVY_FIELDS).prefetch_related(
            models.Prefetch("credits", queryset=Credit.objects.select_related("entity"))
        )

    def for_reading(self):
        return self.prefetch_related(
            models.Prefetch("credits", queryset=Credit.objects.select_related("entity")),
            "tags",
        )


class Article(models.Model):
    source_key = models.CharField(
        _("source key"),
        max_length=500,
        unique=True,
        help_text=_("Stable identity across imports: front-matter slug or id, else the file path."),
    )
    source_path = models.CharField(
        _("source path"),
        max_length=500,
        db_index=True,
        help_text=_("Path of the file relative to the import root, as last imported."),
    )
    file_hash = models.CharField(
        _("file hash"),
        max_length=64,
        help_text=_("SHA-256 of the file as last imported (with the renderer version)."),
    )
    slug = models.SlugField(_("slug"), max_length=220, unique=True, allow_unicode=True)
    title = models.CharField(_("title"), max_length=500)
    title_html = models.TextField(
        _("title as HTML"),
        blank=True,
        help_text=_("The title's inline Markdown (code, emphasis), sanitised, for headings."),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    lang = models.CharField(_("language"), max_length=20, default="zh-Hans")
    description = models.TextField(_("description"), blank=True)
    excerpt = models.TextField(_("excerpt"), blank=True, help_text=_("Opening lines of the text."))
    source_url = models.URLField(
        _("original URL"), max_length=1000, blank=True, validators=[validate_web_url]
    )
    html = models.TextField(_("sanitised HTML"))
    text = models.TextField(
        _("canonical text"),
        help_text=_("Plain text of the body, equal to the browser's textContent of the HTML."),
    )
    content_hash = models.CharField(_("content hash"), max_length=64)
    rendered_with = models.CharField(
        _("renderer version"),
        max_length=20,
        blank=True,
        help_text=_("The renderer that made the HTML; rerender_articles renders older ones again."),
    )
    boilerplate = models.JSONField(
        _("publisher boilerplate"),
        default=list,
        blank=True,
        help_text=_("[start, end] in the text of each block marked as the publisher's."),
    )
    revision_number = models.PositiveIntegerField(_("revision"), default=1)
    front_matter = models.JSONField(_("front matter"), default=dict, blank=True)
    tags = models.ManyToManyField(Tag, related_name="articles", blank=True, verbose_name=_("tags"))
    imported_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    # Not stored: what other apps computed from the parsed file for the import's save of it
    # (archive.derivation); read-only and empty on an article loaded from the database.
    derived: Mapping = NOTHING

    # Large fields that lists never show: deferring them keeps list pages light.
    # The Markdown source lives on the revisions only: a second copy on every article was
    # a fifth of everything a large import wrote.
    HEAVY_FIELDS = ("html", "text", "front_matter")

    class Meta:
        ordering = [models.F("published_at").desc(nulls_last=True), "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("archive:article_detail", kwargs={"slug": self.slug})


class ArticleRevision(models.Model):
    """One version of an article's text. Never deleted: annotations point into these texts."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("article")
    )
    number = models.PositiveIntegerField(_("number"))
    markdown = models.TextField(_("Markdown source"))
    text = models.TextField(_("canonical text"))
    content_hash = models.CharField(_("content hash"), max_length=64)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["article", "number"]
        verbose_name = _("article revision")
        verbose_name_plural = _("article revisions")
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="unique_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.article} (r{self.number})"

    def get_absolute_url(self) -> str:
        return self.article.get_absolute_url()


class Credit(EntityLink):
    """Who made or published an article: a person or an organisation, in a role."""

    class Role(models.TextChoices):
        AUTHOR = "author", _("author")
        EDITOR = "editor", _("editor")
        TRANSLATOR = "translator", _("translator")
        PLANNER = "planner", _("planning")
        REVIEWER = "reviewer", _("review")
        DESIGNER = "designer", _("design")
        IMAGES = "images", _("images")
        SOURCE = "source", _("source")
        PRODUCER = "producer", _("producer")
        PUBLISHER = "publisher", _("publisher")

    # Whether a credited name is a person or an organisation is decided from the name as well
    # as the role: archive/credit_kinds.py.

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="credits", verbose_name=_("article")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    url = models.URLField(_("URL"), max_length=1000, blank=True, validators=[validate_web_url])
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["article", "position"]
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        default_related_name = "credits"

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.entity}"

    def get_absolute_url(self) -> str:
        return self.entity.get_absolute_url()
