"""People and organisations: who writes, publishes and appears in articles."""

import re

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..validators import is_web_url, validate_web_links, validate_web_url


class EntityQuerySet(models.QuerySet):
    """Reads shared by people and organisations."""

    def with_article_counts(self):
        return self.annotate(article_count=models.Count("credits__article", distinct=True))


class Entity(models.Model):
    """What people and organisations share: names in several scripts, links, a registry id."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, allow_unicode=True)
    registry_id = models.SlugField(
        _("registry id"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "The entry's id in seeds/registry.yaml; empty for names found only in bylines."
        ),
    )
    names = models.JSONField(
        _("names in other scripts"), default=dict, blank=True, help_text=_('e.g. {"zh": "奥特曼"}')
    )
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    links = models.JSONField(
        _("external links"),
        default=dict,
        blank=True,
        validators=[validate_web_links],
        help_text=_('e.g. {"wikipedia": "https://en.wikipedia.org/wiki/…"}'),
    )
    find_in_text = models.BooleanField(
        _("find in article text"),
        default=False,
        help_text=_(
            "Link every occurrence of the name and aliases in articles. Off for names known only "
            "from bylines, which are often ordinary words (山茶 is also a flower)."
        ),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = EntityQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def link_items(self) -> list[tuple[str, str]]:
        # Rows written past the validators (a shell, an update(), older data) must still never
        # put another scheme in an href.
        return [
            (LINK_LABELS.get(key, key), url) for key, url in self.links.items() if is_web_url(url)
        ]


class Organisation(Entity):
    class Kind(models.TextChoices):
        COMPANY = "company", _("company")
        LAB = "lab", _("research lab")
        PUBLICATION = "publication", _("publication")
        GOVERNMENT = "government", _("government body")
        UNIVERSITY = "university", _("university")
        FUND = "fund", _("investment fund")
        OTHER = "other", _("other")

    url = models.URLField(_("website"), max_length=500, blank=True, validators=[validate_web_url])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )

    class Meta(Entity.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def get_absolute_url(self) -> str:
        return reverse("archive:organisation_detail", kwargs={"slug": self.slug})


class Person(Entity):
    class Meta(Entity.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def get_absolute_url(self) -> str:
        return reverse("archive:person_detail", kwargs={"slug": self.slug})


PERSON_OR_ORGANISATION = models.Q(person__isnull=False, organisation__isnull=True) | models.Q(
    person__isnull=True, organisation__isnull=False
)


class EntityLink(models.Model):
    """A row that belongs to exactly one person or one organisation."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )

    class Meta:
        abstract = True

    @property
    def entity(self) -> Person | Organisation:
        return self.person or self.organisation


class Alias(EntityLink):
    """Another way articles write an entity's name."""

    text = models.CharField(_("text"), max_length=200)
    rule = models.JSONField(
        _("rule"),
        default=dict,
        blank=True,
        help_text=_(
            'When an ambiguous alias is linked anyway: {"before": ["在"], "after": ["上"], '
            '"with": ["registry-id"]}.'
        ),
    )
    ambiguous = models.BooleanField(
        _("ambiguous"),
        default=False,
        help_text=_(
            "Linked only in articles that also name the entity unambiguously (first names, "
            "shared surnames, short acronyms such as X or SSI)."
        ),
    )

    class Meta:
        ordering = ["text"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        default_related_name = "aliases"
        constraints = [
            models.CheckConstraint(condition=PERSON_OR_ORGANISATION, name="alias_has_one_entity")
        ]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return self.entity.get_absolute_url()


class Affiliation(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="affiliations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    since = models.CharField(_("from"), max_length=10, blank=True, help_text=_("YYYY or YYYY-MM"))
    until = models.CharField(_("to"), max_length=10, blank=True, help_text=_("empty if current"))

    class Meta:
        ordering = ["person", "since"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")

    def __str__(self) -> str:
        return f"{self.person}, {self.role} ({self.organisation})"

    def get_absolute_url(self) -> str:
        return self.person.get_absolute_url()


KWIC_WIDTH = 40
LINK_LABELS = {
    "wikipedia": _("Wikipedia"),
    "wikipedia_zh": _("Wikipedia (Chinese)"),
    "wikidata": _("Wikidata"),
    "website": _("Website"),
}


def _fold_space(text: str) -> str:
    """Runs of white space (paragraph breaks included) become one space, edges kept."""
    return re.sub(r"\s+", " ", text)


class MentionQuerySet(models.QuerySet):
    def of(self, entity):
        field = "person" if isinstance(entity, Person) else "organisation"
        return self.filter(**{field: entity})

    def with_context(self, width: int = KWIC_WIDTH):
        """Each mention with the text around it, cut in the database (not whole articles)."""
        first = models.functions.Greatest(models.F("start") - width, models.Value(0))
        return self.annotate(
            context_start=first,
            context=models.functions.Substr(
                "article__text", first + 1, models.F("end") - first + width
            ),
        )

    def co_mentioned_with(self, entity, limit: int = 15) -> list[tuple]:
        """Who else the articles mentioning ``entity`` mention, most articles first."""
        articles = self.of(entity).values("article_id")
        own = {"person": entity} if isinstance(entity, Person) else {"organisation": entity}
        rows = list(
            self.filter(article_id__in=articles)
            .exclude(**own)
            .values("person_id", "organisation_id")
            .annotate(
                articles=models.Count("article_id", distinct=True), mentions=models.Count("id")
            )
            .order_by("-articles", "-mentions")[:limit]
        )
        people = Person.objects.in_bulk([r["person_id"] for r in rows if r["person_id"]])
        orgs = Organisation.objects.in_bulk(
            [r["organisation_id"] for r in rows if r["organisation_id"]]
        )
        return [
            (
                people.get(r["person_id"]) or orgs.get(r["organisation_id"]),
                r["articles"],
                r["mentions"],
            )
            for r in rows
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
        constraints = [
            models.CheckConstraint(condition=PERSON_OR_ORGANISATION, name="mention_has_one_entity")
        ]

    def __str__(self) -> str:
        return f"{self.surface} @ {self.start}"

    def get_absolute_url(self) -> str:
        return self.entity.get_absolute_url()

    @property
    def keyword_in_context(self) -> tuple[str, str, str]:
        """(before, the mention, after) from ``with_context()``."""
        offset = self.start - self.context_start
        length = self.end - self.start
        before, match = self.context[:offset], self.context[offset : offset + length]
        return _fold_space(before), match, _fold_space(self.context[offset + length :])


class Candidate(models.Model):
    """A name that looks like a person or organisation and is not in the registry yet."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        ACCEPTED = "accepted", _("accepted as a new entity")
        MAPPED = "mapped", _("added as an alias")
        IGNORED = "ignored", _("ignored")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(
        _("looks like"),
        max_length=20,
        blank=True,
        choices=[("person", _("person")), ("organisation", _("organisation"))],
    )
    count = models.PositiveIntegerField(_("occurrences"), default=0)
    examples = models.JSONField(_("example sentences"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("is an alias of person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("is an alias of organisation"),
    )

    class Meta:
        ordering = ["-count", "name"]
        verbose_name = _("suggested name")
        verbose_name_plural = _("suggested names")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("admin:archive_candidate_change", args=[self.pk])
