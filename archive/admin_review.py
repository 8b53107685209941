"""Editors' review actions on the entity list: confirm, merge into another, change kind, reject.

Renaming is the change form's (EntityAdmin.save_model). Each action calls a service of
archive.reviewing, which queues relinking; a check that fails is the editor's message, per
entity, and the others go ahead.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .admin_relinking import QUEUED
from .models import Alias, Entity
from .reviewing import entities_confirm, entities_merge_into, entity_change_kind, entity_reject


class MergeIntoForm(forms.Form):
    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        # The admin's search over entities (EntityAdmin.search_fields), as alias forms use it.
        widget = AutocompleteSelect(Alias._meta.get_field("entity"), admin_site)
        self.fields["target"] = forms.ModelChoiceField(
            queryset=Entity.objects.all(),
            widget=widget,
            label=_("Merge into"),
            help_text=_("A person or organisation of the same kind, found by name."),
        )


class ReviewActions:
    """Mixed into EntityAdmin."""

    review_actions = ["confirm", "merge_into", "make_person", "make_organisation", "reject"]

    def _done(self, request, text: str, errors: list[ValidationError]) -> None:
        for error in errors:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        if text:
            self.message_user(request, f"{text} {QUEUED}")

    @admin.action(description=_("Confirm: reviewed by an editor"))
    def confirm(self, request, queryset):
        confirmed = entities_confirm(entities=list(queryset))
        text = ngettext("Confirmed %(n)d.", "Confirmed %(n)d.", confirmed) % {"n": confirmed}
        self._done(request, text, [])

    @admin.action(description=_("Merge the selected into another person or organisation…"))
    def merge_into(self, request, queryset):
        entities = list(queryset.order_by("name", "pk"))
        data = request.POST if "post" in request.POST else None
        form = MergeIntoForm(data, admin_site=self.admin_site)
        if form.is_valid():
            target = form.cleaned_data["target"]
            try:
                merged = entities_merge_into(target=target, entities=entities)
            except ValidationError as exc:
                form.add_error("target", exc)
            else:
                text = ngettext(
                    "Merged %(n)d into %(name)s.", "Merged %(n)d into %(name)s.", merged
                ) % {"n": merged, "name": target.name}
                return self._done(request, text, [])
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge into another person or organisation"),
            "opts": self.opts,
            "entities": entities,
            "form": form,
            "media": self.media + form.media,
            "selected": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/archive/merge_into.html", context)

    def _change_kind(self, request, queryset, kind) -> None:
        changed, errors = 0, []
        for entity in queryset:
            try:
                entity_change_kind(entity=entity, kind=kind)
            except ValidationError as exc:
                errors.append(exc)
            else:
                changed += 1
        text = ngettext("Changed the kind of %(n)d.", "Changed the kind of %(n)d.", changed)
        self._done(request, text % {"n": changed} if changed else "", errors)

    @admin.action(description=_("Change kind: make the selected people"))
    def make_person(self, request, queryset):
        self._change_kind(request, queryset, Entity.Kind.PERSON)

    @admin.action(description=_("Change kind: make the selected organisations"))
    def make_organisation(self, request, queryset):
        self._change_kind(request, queryset, Entity.Kind.ORGANISATION)

    @admin.action(description=_("Reject: not a person or organisation, never propose again"))
    def reject(self, request, queryset):
        if "post" not in request.POST:  # deletes: asked first, as Django's own delete is
            context = {
                **self.admin_site.each_context(request),
                "title": _("Reject people and organisations"),
                "opts": self.opts,
                "entities": list(queryset.order_by("name", "pk")),
                "selected": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/archive/reject.html", context)
        deleted = kept = 0
        errors = []
        for entity in queryset:
            try:
                if entity_reject(entity=entity):
                    deleted += 1
                else:
                    kept += 1
            except ValidationError as exc:
                errors.append(exc)
        texts = []
        if deleted:
            texts.append(ngettext("Rejected %(n)d.", "Rejected %(n)d.", deleted) % {"n": deleted})
        if kept:
            texts.append(
                ngettext(
                    "Kept %(n)d for its byline credits, no longer linked in text.",
                    "Kept %(n)d for their byline credits, no longer linked in text.",
                    kept,
                )
                % {"n": kept}
            )
        self._done(request, " ".join(texts), errors)
