from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .admin_relinking import QUEUED, relink_and_report, relinking_context
from .admin_review import ReviewActions
from .boilerplate_marking import boilerplate_redo, boilerplate_undo
from .candidates import candidate_accept, candidate_map
from .merging import alias_split
from .models import (
    Affiliation,
    Alias,
    Article,
    ArticleRevision,
    Boilerplate,
    Candidate,
    Credit,
    Entity,
    Tag,
)
from .relinking import relink_enqueue
from .reviewing import entities_merge_into, entity_rename

# A bare "example.org" typed in a URL field means the secure site (Django 6's default).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}
KIND_PLURALS = {Entity.Kind.PERSON: _("people"), Entity.Kind.ORGANISATION: _("organisations")}


class CreditInline(admin.TabularInline):
    model = Credit
    formfield_overrides = URL_FIELDS
    extra = 0
    autocomplete_fields = ["entity"]


class RevisionInline(admin.TabularInline):
    model = ArticleRevision
    extra = 0
    fields = ["number", "content_hash", "created"]
    readonly_fields = fields
    can_delete = False  # annotations point into these texts
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "lang", "revision_number", "updated_at"]
    list_filter = ["lang", "date", "tags"]
    search_fields = ["title", "source_key", "description"]
    date_hierarchy = "published_at"
    # The Markdown file is the source of truth, and only the import changes a text the way
    # annotations need: a new revision, then article_text_changed so they re-anchor. Edited
    # here, the text would no longer be the textContent of the HTML and annotations would point
    # into a text that exists nowhere, so everything derived from the body is shown, not edited.
    # The title too: the import would overwrite an edit at the file's next change (and until
    # then the archive would disagree with its file).
    readonly_fields = [
        "source_key", "source_path", "file_hash", "title", "title_html", "excerpt", "html", "text",
        "content_hash", "revision_number", "front_matter", "boilerplate_blocks",
    ]  # fmt: skip
    filter_horizontal = ["tags"]
    inlines = [CreditInline, RevisionInline]
    formfield_overrides = URL_FIELDS

    @admin.display(description=_("publisher boilerplate"))
    def boilerplate_blocks(self, obj):
        # Undone under "Publisher boilerplate": the decision is the group's, not one article's.
        return "\n\n".join(obj.text[start:end] for start, end in obj.boilerplate) or "-"

    def has_add_permission(self, request):
        return False  # an article comes from a file, through the import that makes revision 1


@admin.register(ArticleRevision)
class ArticleRevisionAdmin(admin.ModelAdmin):
    list_display = ["article", "number", "created"]
    search_fields = ["article__title"]
    readonly_fields = ["article", "number", "markdown", "text", "content_hash", "created"]

    def has_add_permission(self, request):
        return False  # revisions are made by the import, when a file's text changes

    def has_delete_permission(self, request, obj=None):
        return False


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 1
    fields = ["text", "ambiguous", "rule"]


class AffiliationInline(admin.TabularInline):
    """A person's affiliations."""

    model = Affiliation
    fk_name = "person"
    extra = 0
    autocomplete_fields = ["organisation"]


class MemberInline(AffiliationInline):
    """An organisation's people."""

    fk_name = "organisation"
    autocomplete_fields = ["person"]


# One list for people and organisations, filtered by kind: editors search one place for a
# name (an entity recorded under the wrong kind turns up too), and merging or relinking works
# the same for both. Each change form shows only what its kind has.
@admin.register(Entity)
class EntityAdmin(ReviewActions, admin.ModelAdmin):
    list_display = ["name", "kind", "reviewed", "registry_id", "category", "find_in_text",
                    "created"]  # fmt: skip
    list_filter = ["reviewed", "kind", "category", "find_in_text", "credits__role"]
    search_fields = ["name", "slug", "registry_id", "aliases__text", "description"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge", *ReviewActions.review_actions, "relink"]
    formfield_overrides = URL_FIELDS
    ORGANISATION_FIELDS = ["url", "category", "parent"]

    def get_inlines(self, request, obj):
        if obj is None:
            return [AliasInline]
        return [AliasInline, AffiliationInline if obj.is_person else MemberInline]

    def get_exclude(self, request, obj=None):
        return self.ORGANISATION_FIELDS if obj is not None and obj.is_person else []

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, relinking_context(extra_context))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return super().changeform_view(
            request, object_id, form_url, relinking_context(extra_context)
        )

    def save_model(self, request, obj, form, change):
        # A new name goes through the service, which keeps the old one as an alias: articles
        # that wrote it still link the entity.
        name = obj.name
        if change and "name" in form.changed_data:
            obj.name = form.initial["name"]
        super().save_model(request, obj, form, change)
        if obj.name != name:
            entity_rename(entity=obj, name=name)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        relink_and_report(self, request, reason=_changed(form.instance))

    @admin.action(description=_("Merge the selected into one of them (you choose which)"))
    def merge(self, request, queryset):
        entities = list(queryset.order_by("created", "pk"))
        if len(entities) < 2:
            self.message_user(request, _("Select at least two to merge."), messages.WARNING)
            return None
        if len({e.kind for e in entities}) > 1:
            self.message_user(
                request,
                _("Merge people with people and organisations with organisations."),
                messages.ERROR,
            )
            return None
        if "survivor" not in request.POST:
            return self._merge_page(request, entities)
        survivor = next((e for e in entities if str(e.pk) == request.POST["survivor"]), None)
        if survivor is None:
            self.message_user(
                request, _("The survivor must be one of those selected."), messages.ERROR
            )
            return None
        merged = entities_merge_into(target=survivor, entities=entities)
        text = ngettext("Merged %(n)d into %(name)s.", "Merged %(n)d into %(name)s.", merged)
        self.message_user(request, f"{text % {'n': merged, 'name': survivor.name}} {QUEUED}")
        return None

    def _merge_page(self, request, entities):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge %(name)s") % {"name": KIND_PLURALS[entities[0].kind]},
            "opts": self.opts,
            "name": entities[0].get_kind_display(),
            "entities": entities,
            # The registry's entry is the one worth keeping by default: re-imports update it.
            "default": next((e for e in entities if e.registry_id), entities[0]),
            "selected": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/archive/merge.html", context)

    @admin.action(description=_("Link mentions in every article again"))
    def relink(self, request, queryset):
        relink_and_report(self, request, reason=gettext("asked for in the admin"))


def _changed(obj) -> str:
    return gettext("changed %(name)s") % {"name": obj}


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ["text", "entity", "ambiguous"]
    list_filter = ["ambiguous", "entity__kind"]
    search_fields = ["text", "entity__name"]
    autocomplete_fields = ["entity"]
    actions = ["split_off"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        relink_and_report(self, request, reason=_changed(obj.entity))

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        relink_and_report(self, request, reason=_changed(obj.entity))

    def delete_queryset(self, request, queryset):
        entities = sorted({str(alias.entity) for alias in queryset.select_related("entity")})
        super().delete_queryset(request, queryset)
        relink_and_report(self, request, reason=_changed(", ".join(entities)))

    @admin.action(description=_("Split off: make each selected alias an entity of its own"))
    def split_off(self, request, queryset):
        created = [alias_split(alias=alias) for alias in queryset]
        names = ", ".join(map(str, created))
        relink_enqueue(reason=_changed(names))
        text = _("Split off: %(names)s.") % {"names": names}
        self.message_user(request, f"{text} {QUEUED}")


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    """Suggested names. Set "is an alias of" and save to map one onto an entity."""

    list_display = ["name", "kind", "count", "article_count", "score", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["name"]
    readonly_fields = ["name", "count", "article_count", "score", "examples"]
    autocomplete_fields = ["entity"]
    actions = ["accept_as_person", "accept_as_organisation", "ignore"]

    def save_model(self, request, obj, form, change):
        if obj.entity is not None:
            candidate_map(candidate=obj, entity=obj.entity)
            relink_and_report(self, request, reason=_changed(obj.entity))
        else:
            super().save_model(request, obj, form, change)

    def _accept(self, request, queryset, kind):
        accepted = [candidate_accept(candidate=c, kind=kind) for c in queryset]
        names = ", ".join(map(str, accepted))
        relink_enqueue(reason=gettext("accepted %(names)s") % {"names": names})
        text = _("Accepted: %(names)s.") % {"names": names}
        self.message_user(request, f"{text} {QUEUED}")

    @admin.action(description=_("Accept as new people"))
    def accept_as_person(self, request, queryset):
        self._accept(request, queryset, Entity.Kind.PERSON)

    @admin.action(description=_("Accept as new organisations"))
    def accept_as_organisation(self, request, queryset):
        self._accept(request, queryset, Entity.Kind.ORGANISATION)

    @admin.action(description=_("Ignore: never suggest again"))
    def ignore(self, request, queryset):
        queryset.update(status=Candidate.Status.IGNORED)


@admin.register(Boilerplate)
class BoilerplateAdmin(admin.ModelAdmin):
    list_display = ["sample", "group", "status", "decided_at"]
    list_filter = ["status"]
    search_fields = ["group", "sample"]
    readonly_fields = ["group", "fingerprint", "sample", "status", "decided_at"]
    actions = ["undo", "redo"]

    def has_add_permission(self, request):
        return False  # found by the import, never typed in

    @admin.action(description=_("Undo: show as the article's own text"))
    def undo(self, request, queryset):
        changed = sum(boilerplate_undo(boilerplate=b) for b in queryset)
        self.message_user(request, _("%(count)d articles changed.") % {"count": changed})

    @admin.action(description=_("Mark as publisher boilerplate again"))
    def redo(self, request, queryset):
        changed = sum(boilerplate_redo(boilerplate=b) for b in queryset)
        self.message_user(request, _("%(count)d articles changed.") % {"count": changed})
