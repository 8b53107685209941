"""People and organisations: one model, told apart by ``kind``, and the rows that name them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import localised
from ..validators import is_web_url, validate_web_links, validate_web_url

LINK_LABELS = {
    "wikipedia": _("Wikipedia"),
    "wikipedia_zh": _("Wikipedia (Chinese)"),
    "wikidata": _("Wikidata"),
    "website": _("Website"),
}


class EntityQuerySet(models.QuerySet):
    def people(self):
        return self.filter(kind=Entity.Kind.PERSON)

    def organisations(self):
        return self.filter(kind=Entity.Kind.ORGANISATION)

    def reviewed(self):
        return self.filter(reviewed=True)

    def unreviewed(self):
        return self.filter(reviewed=False)

    def found_in_text(self):
        return self.filter(find_in_text=True)

    def with_article_counts(self):
        return self.annotate(article_count=models.Count("credits__article", distinct=True))


class Entity(models.Model):
    """A person or an organisation: names in several scripts, links, a registry id."""

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANISATION = "organisation", _("organisation")

    class Category(models.TextChoices):
        COMPANY = "company", _("company")
        LAB = "lab", _("research lab")
        PUBLICATION = "publication", _("publication")
        GOVERNMENT = "government", _("government body")
        UNIVERSITY = "university", _("university")
        FUND = "fund", _("investment fund")
        OTHER = "other", _("other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Names and slugs are unique per kind: a person and an organisation may share one
    # (ByteAILab credited as author and as publisher), and their pages have separate URLs.
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, allow_unicode=True)
    # NULL, not "": the many entities without a registry id must not collide in the constraint.
    registry_id = models.SlugField(  # noqa: DJ001
        _("registry id"),
        max_length=100,
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
    # Organisations only.
    url = models.URLField(_("website"), max_length=500, blank=True, validators=[validate_web_url])
    category = models.CharField(
        _("type of organisation"),
        max_length=20,
        choices=Category.choices,
        default=Category.OTHER,
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        limit_choices_to={"kind": Kind.ORGANISATION},
        verbose_name=_("part of"),
    )
    # False for a name that the recogniser made an entity of, until an editor confirms it in
    # the admin; registry entries and byline names are reviewed from the start.
    reviewed = models.BooleanField(
        _("reviewed"),
        default=True,
        help_text=_("Unticked: found by the recogniser and not yet confirmed by an editor."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = EntityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person or organisation")
        verbose_name_plural = _("people and organisations")
        constraints = [
            models.CheckConstraint(
                # Kind.values, which Meta cannot see
                condition=models.Q(kind__in=["person", "organisation"]),
                name="entity_kind_known",
            ),
            models.UniqueConstraint(fields=["kind", "name"], name="entity_unique_name"),
            models.UniqueConstraint(fields=["kind", "slug"], name="entity_unique_slug"),
            models.UniqueConstraint(
                fields=["kind", "registry_id"], name="entity_unique_registry_id"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(f"archive:{self.kind}_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.parent_id and (
            self.kind != self.Kind.ORGANISATION or self.parent.kind != self.Kind.ORGANISATION
        ):
            raise ValidationError({"parent": _("Only an organisation is part of another.")})

    @property
    def is_person(self) -> bool:
        return self.kind == self.Kind.PERSON

    @property
    def display_name(self) -> str:
        """The name in the reader's language: the Chinese one in the Chinese interface."""
        return localised.name_in_reader_language(self.name, self.names or {})

    @property
    def display_description(self) -> str:
        """The description in the reader's language, else the one there is."""
        pair = (self.description, self.description_en)
        first, second = pair if localised.reads_chinese() else pair[::-1]
        return first or second

    @property
    def other_names(self) -> list[tuple[str, str]]:
        """(language, name) of the names that are not ``display_name``, canonical first."""
        return localised.other_names(self.name, self.names or {})

    @property
    def link_items(self) -> list[tuple[str, str]]:
        # Rows written past the validators (a shell, an update(), older data) must still never
        # put another scheme in an href.
        return [
            (LINK_LABELS.get(key, key), url) for key, url in self.links.items() if is_web_url(url)
        ]


class EntityLink(models.Model):
    """A row that belongs to one person or organisation."""

    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, verbose_name=_("person or organisation")
    )

    class Meta:
        abstract = True


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

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return self.entity.get_absolute_url()


class AffiliationQuerySet(models.QuerySet):
    def of(self, entity):
        """A person's affiliations, or an organisation's people."""
        return self.filter(models.Q(person=entity) | models.Q(organisation=entity))


class Affiliation(models.Model):
    person = models.ForeignKey(
        Entity,
        on_delete=models.CASCADE,
        related_name="affiliations",
        limit_choices_to={"kind": Entity.Kind.PERSON},
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Entity,
        on_delete=models.CASCADE,
        related_name="members",
        limit_choices_to={"kind": Entity.Kind.ORGANISATION},
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    role_zh = models.CharField(_("role (Chinese)"), max_length=200, blank=True)
    since = models.CharField(_("from"), max_length=10, blank=True, help_text=_("YYYY or YYYY-MM"))
    until = models.CharField(_("to"), max_length=10, blank=True, help_text=_("empty if current"))

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        ordering = ["person", "since"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")

    def __str__(self) -> str:
        return f"{self.person}, {self.role} ({self.organisation})"

    def get_absolute_url(self) -> str:
        return self.person.get_absolute_url()

    @property
    def display_role(self) -> str:
        """The role in the reader's language, else the one recorded (either may be empty)."""
        first, second = (
            (self.role_zh, self.role) if localised.reads_chinese() else (self.role, self.role_zh)
        )
        return first or second

    @property
    def period(self) -> str:
        return localised.period(self.since, self.until)

    def clean(self) -> None:
        errors = {}
        if self.person_id and self.person.kind != Entity.Kind.PERSON:
            errors["person"] = _("An affiliation is a person's.")
        if self.organisation_id and self.organisation.kind != Entity.Kind.ORGANISATION:
            errors["organisation"] = _("A person is affiliated with an organisation.")
        if errors:
            raise ValidationError(errors)
