"""The upload on "My annotations": import a file, then see what became of each annotation."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from .errors import Invalid
from .import_parsing import parse_file
from .importing import annotations_import, summary


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("Glossa's W3C JSON-LD export, or a Hypothesis export (JSON)."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.GLOSSA_MAX_IMPORT_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": limit // (1024 * 1024)}
            )
        return upload


@login_required
@require_http_methods(["GET", "POST"])
def my_import(request):
    """Upload annotations; the page then lists each one's outcome."""
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                kind, entries = parse_file(form.cleaned_data["file"].read())
                lines = annotations_import(reader=request.user, entries=entries)
            except Invalid as exc:
                form.add_error("file", exc.message)
            else:
                context |= {"lines": lines, "summary": summary(lines), "kind": kind}
                status = 200
    return render(request, "annotations/import.html", context, status=status)
