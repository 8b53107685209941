"""The filters of the results page, read from the URL so that every search can be bookmarked."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from archive.models import Article, Credit, Entity

from .models import SearchDocument

NARROWING = ("from", "to", "source", "tag", *Entity.Kind.values)


class SearchFilterForm(forms.Form):
    """Date range, source, person, organisation, tag and order; ``q`` is read by search.query.

    An invalid value (a malformed date, a NUL in a slug) only drops that filter: a search
    never fails because of what the URL holds.
    """

    SORTS = [("relevance", _("Relevance")), ("date", _("Date, newest first"))]

    source = forms.ChoiceField(label=_("Source"), required=False)
    # Set by the links beside each person and organisation found, carried in hidden fields.
    person = forms.SlugField(required=False, allow_unicode=True, widget=forms.HiddenInput)
    organisation = forms.SlugField(required=False, allow_unicode=True, widget=forms.HiddenInput)
    tag = forms.CharField(label=_("Tag"), required=False, max_length=100)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(self, *args, sources: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        # "from" and "to" are Python keywords, so these fields cannot be class attributes.
        date = {"required": False, "widget": forms.DateInput(attrs={"type": "date"})}
        self.fields["from"] = forms.DateField(label=_("From"), **date)
        self.fields["to"] = forms.DateField(label=_("To"), **date)
        self.fields["source"].choices = [("", _("Any source")), *sources]
        self.order_fields(["from", "to", "source", "tag", "sort"])

    def filters(self) -> dict:
        """The valid filters; a field that did not validate counts as empty."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) or None for name in self.fields}


def source_choices() -> list[tuple[str, str]]:
    """Organisations credited as the source of some article, by name."""
    sources = Entity.objects.organisations().filter(
        pk__in=Credit.objects.filter(role=Credit.Role.SOURCE).values("entity_id")
    )
    return list(sources.order_by("name").values_list("slug", "name"))


def filtered_documents(filters: dict) -> tuple[QuerySet | None, dict[str, str]]:
    """The indexed articles the filters allow (None: no filter), and the names of the person
    and organisation filtered by (their slug if no such entity exists).

    Dates are compared on the search documents, which keep each article's date: a filter on
    the articles' own rows would read every (large) row.
    """
    documents, chosen = SearchDocument.objects.all(), {}
    if filters["from"]:
        documents = documents.filter(date__gte=filters["from"])
    if filters["to"]:
        documents = documents.filter(date__lte=filters["to"])
    if filters["source"]:
        sourced = Credit.objects.filter(
            role=Credit.Role.SOURCE,
            entity__kind=Entity.Kind.ORGANISATION,
            entity__slug=filters["source"],
        )
        documents = documents.filter(article__in=sourced.values("article_id"))
    if filters["tag"]:
        tagged = Article.tags.through.objects.filter(tag__name=filters["tag"])
        documents = documents.filter(article__in=tagged.values("article_id"))
    for kind in Entity.Kind.values:  # ?person=<slug>, ?organisation=<slug>
        if filters[kind]:
            found = Entity.objects.filter(kind=kind, slug=filters[kind]).only("name", "slug")
            entity = found.first()
            if entity is None:
                documents = documents.none()
            else:
                involved = Article.objects.involving(entity).values("pk")
                documents = documents.filter(article__in=involved)
            chosen[kind] = entity.name if entity else filters[kind]
    narrowed = any(filters[name] for name in NARROWING)
    return (documents if narrowed else None), chosen
