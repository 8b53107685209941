from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from annotations.models import AnchorState, Colour

register = template.Library()


@register.simple_tag(takes_context=True)
def annotation_config(context, article) -> dict:
    """What the annotator script needs to start, without a query of its own."""
    request = context["request"]
    user = request.user
    return {
        "article": article.slug,
        "revision": article.revision_number,
        "collectionUrl": reverse("annotations:api_collection", kwargs={"slug": article.slug}),
        # The page loads the compact shape; every address it writes to comes in that payload.
        "compactUrl": reverse("annotations:api_compact", kwargs={"slug": article.slug}),
        "previewUrl": reverse("annotations:api_preview"),
        "user": {
            "authenticated": user.is_authenticated,
            "username": user.get_username() if user.is_authenticated else "",
            "isStaff": bool(user.is_authenticated and user.is_staff),
        },
        "colours": [{"value": value, "label": str(label)} for value, label in Colour.choices],
        "states": [
            (value, str(label)) for value, label in AnchorState.choices if value != "orphan"
        ],
        "strings": annotator_strings(),
    }


def annotator_strings() -> dict:
    return {
        "highlight": _("Highlight"),
        "annotate": _("Annotate"),
        "toolbar": _("Annotate the selected text"),
        "note": _("Note"),
        "notePlaceholder": _("Write a note (Markdown)…"),
        "preview": _("Preview"),
        "write": _("Write"),
        "colour": _("Colour"),
        "tags": _("Tags"),
        "tagsHelp": _("Separate tags with commas"),
        "public": _("Public: other readers can see it"),
        "about": _("About"),
        "aboutHelp": _("People and organisations of this article that the note is about"),
        "person": _("Person"),
        "organisation": _("Organisation"),
        "save": _("Save"),
        "cancel": _("Cancel"),
        "edit": _("Edit"),
        "delete": _("Delete"),
        "confirmDelete": _("Delete this annotation? This cannot be undone."),
        "reply": _("Reply"),
        "replyPlaceholder": _("Write a reply…"),
        "sendReply": _("Send reply"),
        "private": _("Private"),
        "publicBadge": _("Public"),
        "you": _("you"),
        "by": _("by %(name)s"),
        "annotations": _("Annotations"),
        "none": _("No annotations yet. Select a passage to highlight it or add a note."),
        "logInToAnnotate": _("Log in to highlight passages and write notes."),
        "logIn": _("Log in"),
        "saved": _("Saved the note on “%(quote)s”"),
        "highlighted": _("Highlighted “%(quote)s”"),
        "deleted": _("Deleted the annotation on “%(quote)s”"),
        "replied": _("Replied to “%(quote)s”"),
        "showing": _("%(first)s–%(last)s of %(total)s"),
        "noMatch": _("No annotations match these filters."),
        "conflict": _("This annotation changed in another window. Reload to see the latest."),
        "failed": _("Could not save: %(reason)s"),
        "editNote": _("Edit annotation"),
        "reattach": _("Re-attach"),
        "reattachHelp": _("Select the passage this note belongs to, then choose Highlight."),
        "confirm": _("Confirm the new place"),
        "approximate": _("Moved approximately"),
        "newNote": _("New annotation"),
        "keyboardHelp": _(
            "Keyboard: with the article focused, J and K select the next or previous sentence, "
            "Shift+J extends the selection; H highlights it, N annotates it, T or Tab goes to "
            "the toolbar. [ and ] move between highlights, Enter on one opens its note; "
            "P jumps between the article and the annotations."
        ),
    }


@register.simple_tag
def querystring_of(query: dict | None = None, **extra) -> str:
    """``query`` and ``extra`` as a URL query string (the filters of a page, plus a format)."""
    return urlencode({**(query or {}), **extra})
