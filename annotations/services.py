"""Writes to annotations. Each service checks that the reader may act, validates, then acts.

Views and the API call only these, so permission and validation (its input checks are in
cleaning.py) live in one visible place.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.models import Article, ArticleRevision

from .anchoring import quote_context
from .cleaning import (
    MAX_NOTE,
    clean_entities,
    clean_fields,
    clean_position,
    clean_string,
    refuse_reply_fields,
    revision_for,
)
from .errors import Conflict, Forbidden, Invalid, NotAuthenticated, NotFound, StaleVersion
from .models import AnchorState, Annotation
from .notes import render_note
from .permissions import can_delete, can_edit, can_reply, can_view
from .reanchoring import reanchor_annotations


def require_reader(reader) -> None:
    if not reader.is_authenticated:
        raise NotAuthenticated(_("log in to write annotations"))


def annotation_create(*, reader, article: Article, data: dict) -> Annotation:
    """Create a highlight or note on ``article`` from the reader's selection in ``data``."""
    require_reader(reader)
    errors: dict[str, list[str]] = {}
    fields = clean_fields(data, errors)
    note_html = render_note(fields.get("note", "")) if not errors else ""
    with transaction.atomic():
        # The article as it is now, locked: an import of a new text either committed first,
        # and this is placed in that text, or waits and then re-anchors this with the rest.
        article = Article.objects.select_for_update().filter(pk=article.pk).first()
        if article is None:
            raise NotFound(_("no such article"))
        revision = revision_for(article, data.get("revision"), errors)
        position = clean_position(data, revision.text, errors) if revision else None
        entities = clean_entities(data["entities"], article, errors) if "entities" in data else []
        if errors or position is None:
            raise Invalid(errors=errors)
        start, end = position[:2]
        exact, prefix, suffix = quote_context(revision.text, start, end)
        annotation = Annotation(
            owner=reader,
            article=article,
            revision=revision,
            start=start,
            end=end,
            exact=exact,
            prefix=prefix,
            suffix=suffix,
            note_html=note_html,
            **fields,
        )
        annotation.anchored_revision = revision
        if revision.number != article.revision_number:
            # Made on text that has changed since (a tab left open during an import): place it
            # in the current text the way the import placed everyone else's.
            current = article.revisions.get(number=article.revision_number)
            reanchor_annotations([annotation], current)
        annotation.save()
        if entities:
            annotation.entities.set(entities)
    return annotation


def reply_create(*, reader, parent: Annotation, data: dict) -> Annotation:
    require_reader(reader)
    _check_repliable(reader, parent)
    errors: dict[str, list[str]] = {}
    refuse_reply_fields(data, errors)
    note = clean_string(data.get("note", ""), "note", errors, limit=MAX_NOTE)
    if "note" not in errors and not note.strip():
        errors["note"] = [_("a reply needs some text")]
    if errors:
        raise Invalid(errors=errors)
    note_html = render_note(note)
    try:
        with transaction.atomic():
            # The thread as it is now, locked: a delete of it waits, then finds this reply and
            # deletes it too; one that came first leaves no thread, so a 404. Its visibility
            # is read here too, so a reply racing a change of it cannot keep the old one.
            parent = _locked(parent)
            _check_repliable(reader, parent)
            reply = Annotation.objects.create(
                owner=reader,
                article_id=parent.article_id,
                revision_id=parent.revision_id,
                parent=parent,
                note=note,
                note_html=note_html,
                visibility=parent.visibility,
            )
    except IntegrityError:
        # The lock makes this unlikely, but a vanished thread is the reader's 404, not a 500.
        if Annotation.objects.filter(pk=parent.pk).exists():
            raise
        raise NotFound(_("no such annotation")) from None
    return reply


def _check_repliable(reader, parent: Annotation) -> None:
    if not can_view(reader, parent):
        raise NotFound(_("no such annotation"))
    if not can_reply(reader, parent):
        raise Forbidden(_("replies go to the first annotation of a thread"))


def _locked(annotation: Annotation) -> Annotation:
    """The annotation's row as it is now, locked until the transaction ends, or a 404.

    On SQLite there is no row lock, but every transaction there is IMMEDIATE: it holds the
    database's one write lock from its start, so what it reads cannot change under it.
    """
    fresh = Annotation.objects.select_for_update().filter(pk=annotation.pk).first()
    if fresh is None:
        raise NotFound(_("no such annotation"))
    return fresh


def annotation_update(*, reader, annotation: Annotation, version, data: dict) -> Annotation:
    """Change note, tags, colour, visibility or whom it is about; ``version`` must be the one
    the reader saw."""
    require_reader(reader)
    _check_writable(reader, annotation, can_edit)
    errors: dict[str, list[str]] = {}
    if not isinstance(version, int) or isinstance(version, bool):
        errors["version"] = [_("send the version you edited (or an If-Match header)")]
    if annotation.parent_id:
        refuse_reply_fields(data, errors)
    fields = clean_fields(data, errors)
    if not annotation.parent_id:
        fields |= _clean_placement(annotation, data, errors)
    entities = None
    if "entities" in data and not annotation.parent_id:
        entities = clean_entities(data["entities"], annotation.article, errors)
    if errors:
        raise Invalid(errors=errors)
    if "note" in fields:
        fields["note_html"] = render_note(fields["note"])
    with transaction.atomic():
        if "anchored_revision" in fields:
            _check_still_current(fields["anchored_revision"])
        # Compare-and-set in one statement, so two tabs saving at once cannot both win.
        updated = Annotation.objects.filter(pk=annotation.pk, version=version).update(
            version=F("version") + 1, **fields, modified=timezone.now()
        )
        if not updated:
            if not Annotation.objects.filter(pk=annotation.pk).exists():
                raise NotFound(_("no such annotation"))  # deleted since the reader loaded it
            raise StaleVersion(
                _("the annotation changed since version %(version)s; reload and edit again")
                % {"version": version}
            )
        if "visibility" in fields:
            annotation.replies.update(visibility=fields["visibility"])
        if entities is not None:
            annotation.entities.set(entities)
        # Re-read inside the transaction, which holds the row (the UPDATE locked it): after
        # it, a delete could already have taken it. Only the written fields, so the owner,
        # revision and thread that the caller loaded stay, and no lazy load can miss them.
        annotation.refresh_from_db(fields=[*fields, "version", "modified"])
    return annotation


def _check_still_current(revision: ArticleRevision) -> None:
    """Refuse a selection in a text that an import has replaced since it was read.

    The article is locked as in annotation_create: an import still running waits until this
    transaction ends, then re-anchors the new place with the rest.
    """
    articles = Article.objects.select_for_update().filter(pk=revision.article_id)
    if articles.values_list("revision_number", flat=True).first() != revision.number:
        raise Conflict(_("the article's text changed meanwhile; reload it and select again"))


def _clean_placement(annotation: Annotation, data: dict, errors: dict) -> dict:
    """Re-attach to a new selection, or confirm an approximate re-anchoring."""
    if "start" in data or "end" in data:
        current = annotation.article.revisions.get(number=annotation.article.revision_number)
        position = clean_position(data, current.text, errors)
        if position is None or errors:
            return {}
        start, end, _ = position
        exact, prefix, suffix = quote_context(current.text, start, end)
        return {
            "start": start,
            "end": end,
            "exact": exact,
            "prefix": prefix,
            "suffix": suffix,
            "anchored_revision": current,
            "anchor_state": AnchorState.ANCHORED,
            "anchor_confidence": 1.0,
            "needs_confirmation": False,
        }
    if data.get("confirm") is True and annotation.anchor_state == AnchorState.FUZZY:
        return {"needs_confirmation": False, "anchor_confidence": 1.0}
    return {}


def annotation_delete(*, reader, annotation: Annotation, version: int | None = None) -> None:
    """Delete; with ``version`` (an If-Match), only if the annotation is still at it."""
    require_reader(reader)
    _check_writable(reader, annotation, can_delete)
    with transaction.atomic():
        # Locked before the cascade collects the replies: a reply being written either
        # commits first and is collected, or waits and then finds no thread (see reply_create).
        annotation = _locked(annotation)
        _check_writable(reader, annotation, can_delete)
        if version is not None and annotation.version != version:
            raise StaleVersion(
                _("the annotation changed since version %(version)s; reload it first")
                % {"version": version}
            )
        annotation.delete()


def _check_writable(reader, annotation: Annotation, allowed) -> None:
    if not can_view(reader, annotation):
        raise NotFound(_("no such annotation"))
    if not allowed(reader, annotation):
        raise Forbidden(_("only its author can change this annotation"))
