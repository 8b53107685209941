"""The apply step of an import: entries (import_parsing.py) become the reader's annotations.

Each annotation is matched to an article (by the Glossa page or revision its source names,
else by the article's original URL, else by its quote), placed on the article's current text
by the re-anchoring code, and kept as an orphan when it cannot be placed. An annotation that is
already here (the same id, the IRI it came from, or its canonical IRI) is skipped, so importing
a file twice creates nothing the second time. All of it is one transaction.
"""

import uuid as uuid_module
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive.models import Article, ArticleRevision

from .about import slug_of
from .anchoring import ANCHORED, ORPHAN, Anchor, PositionMap, Quote, quote_context, reanchor
from .cleaning import clean_fields
from .errors import Invalid
from .import_matching import Articles, article_for
from .import_parsing import Entry
from .models import AnchorState, Annotation
from .notes import render_note
from .permissions import can_reply
from .reanchoring import apply_anchor
from .services import require_reader
from .w3c_input import place

MAX_TEXT = 100_000  # characters in a quote or an IRI: more is not an annotation of an article
CREATED, ORPHANED, SKIPPED, FAILED = "created", "orphaned", "skipped", "failed"
LABELS = {
    CREATED: gettext_lazy("imported"),
    ORPHANED: gettext_lazy("kept as an orphan"),
    SKIPPED: gettext_lazy("skipped"),
    FAILED: gettext_lazy("failed"),
}


@dataclass
class Line:
    """One annotation's outcome, for the report."""

    number: int  # its position in the file, from 1
    status: str
    message: str
    article: str = ""

    @property
    def label(self) -> str:
        return str(LABELS[self.status])


def _anchor(entry: Entry, base: str, current: ArticleRevision) -> Anchor:
    start, end = entry.start, entry.end
    if start is None or end is None or not 0 <= start < end <= len(base):
        try:
            found = place(
                [
                    {
                        "type": "TextQuoteSelector",
                        "exact": entry.exact,
                        "prefix": entry.prefix,
                        "suffix": entry.suffix,
                    }
                ],
                current.text,
            )
        except Invalid:
            return Anchor(ORPHAN, 0, max(1, len(entry.exact)), 0.0)
        start, end, base = found["start"], found["end"], current.text
    prefix, suffix = entry.prefix, entry.suffix
    if not prefix and not suffix and base[start:end] == entry.exact:
        # Many tools write a TextQuoteSelector without prefix or suffix. Where the position
        # holds the quote, the text around it is the context that the file left out;
        # without it, re-anchoring has nothing that confirms the place and orphans it.
        _, prefix, suffix = quote_context(base, start, end)
    return reanchor(Quote(entry.exact, prefix, suffix, start, end), PositionMap(base, current.text))


def _kept_state(entry: Entry, annotation: Annotation, anchor: Anchor) -> None:
    """Where nothing moved, the anchor state the file records stays (a round trip)."""
    state = entry.state
    if anchor.state != ANCHORED or (entry.start, entry.end) != (anchor.start, anchor.end):
        return
    if state.get("anchorState") in AnchorState.values and state["anchorState"] != ORPHAN:
        annotation.anchor_state = state["anchorState"]
    if isinstance(state.get("anchorConfidence"), int | float):
        annotation.anchor_confidence = min(1.0, max(0.0, float(state["anchorConfidence"])))
    if isinstance(state.get("needsConfirmation"), bool):
        annotation.needs_confirmation = state["needsConfirmation"]


def _existing(reader, entry: Entry) -> Annotation | None:
    mine = Annotation.objects.filter(owner=reader)
    if entry.uuid and (found := mine.filter(uuid=entry.uuid).first()):
        return found
    if entry.key and (found := mine.filter(via=entry.key).first()):
        return found
    canonical = entry.fields.get("canonical")
    return mine.filter(canonical=canonical).first() if canonical else None


def _identity(annotation: Annotation, entry: Entry) -> None:
    """Keep the file's id when it is free here; otherwise a new one, the old kept as via."""
    if entry.uuid and not Annotation.objects.filter(uuid=entry.uuid).exists():
        annotation.uuid = uuid_module.UUID(entry.uuid)
    elif entry.key:
        annotation.via = entry.key[:2000]
    version = entry.state.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and 0 < version < 2**31:
        annotation.version = version
    annotation.created = entry.created or timezone.now()


def _cleaned(entry: Entry, article: Article | None) -> dict:
    errors: dict[str, list[str]] = {}
    fields = clean_fields({"note": entry.note, "tags": entry.tags, **entry.fields}, errors)
    if errors:
        raise Invalid(errors=errors)
    if article is not None and fields.get("language") == article.lang:
        fields["language"] = ""  # the article's language is what an empty one means
    return fields


def _passage(reader, entry: Entry, articles: Articles) -> Annotation:
    if not entry.exact:
        raise Invalid(_("the annotation quotes no passage"))
    article, number = article_for(entry, articles)
    current = articles.revision(article, None)
    base = articles.revision(article, number) if number else current
    fields = _cleaned(entry, article)
    made_on = articles.revision(
        article,
        entry.state.get("revision") if isinstance(entry.state.get("revision"), int) else None,
    )
    annotation = Annotation(
        owner=reader,
        article=article,
        revision=made_on or current,
        anchored_revision=base or current,
        exact=entry.exact,
        prefix=entry.prefix[:64],
        suffix=entry.suffix[:64],
        note_html=render_note(fields.get("note", "")),
        **fields,
    )
    anchor = _anchor(entry, (base or current).text, current)
    annotation.start, annotation.end = entry.start, entry.end
    if anchor.state == ORPHAN and (
        entry.start is None or entry.end is None or entry.start >= entry.end
    ):
        annotation.start, annotation.end = anchor.start, anchor.end
    apply_anchor(annotation, anchor, current)
    _kept_state(entry, annotation, anchor)
    _identity(annotation, entry)
    annotation.save()
    _link_entities(annotation, entry, articles)
    return annotation


def _link_entities(annotation: Annotation, entry: Entry, articles: Articles) -> None:
    """Link the people and organisations of the article that the entry is about; a page that
    names none of them (an entity this archive lacks) is left out, and the report says so."""
    known = articles.entities_of(annotation.article)
    keys = {iri: slug_of(iri) for iri in entry.about}
    found = {known[key].pk for key in keys.values() if key in known}
    Through = Annotation.entities.through
    Through.objects.bulk_create(
        [Through(annotation_id=annotation.pk, entity_id=pk) for pk in sorted(found)]
    )
    annotation.entities_left_out = sum(key not in known for key in keys.values())


def _reply(reader, entry: Entry, keys: dict) -> Annotation:
    parent = keys.get(entry.parent_key)
    if parent is None:
        probe = Entry(key=entry.parent_key)
        parent = Annotation.objects.filter(uuid=probe.uuid).first() if probe.uuid else None
    if parent is None or not can_reply(reader, parent):
        raise Invalid(_("the annotation it answers is neither in the file nor here"))
    fields = _cleaned(Entry(key="", note=entry.note), None)
    if not fields["note"].strip():
        raise Invalid(_("a reply needs some text"))
    reply = Annotation(
        owner=reader,
        article_id=parent.article_id,
        revision_id=parent.revision_id,
        parent=parent,
        note=fields["note"],
        note_html=render_note(fields["note"]),
        visibility=parent.visibility,
    )
    _identity(reply, entry)
    reply.save()
    return reply


def annotations_import(*, reader, entries: list[Entry], dry_run: bool = False) -> list[Line]:
    """Import ``entries`` as ``reader``'s annotations; one Line per entry, in file order."""
    require_reader(reader)
    articles, keys, lines = Articles(), {}, {}
    order = sorted(range(len(entries)), key=lambda i: bool(entries[i].parent_key))
    with transaction.atomic():
        for index in order:
            lines[index] = _one(reader, entries[index], index + 1, articles, keys)
        if dry_run:
            transaction.set_rollback(True)
    return [lines[index] for index in range(len(entries))]


def _text_problem(entry: Entry) -> str:
    """What no database can store or look up: NUL, lone surrogates, absurd sizes."""
    for value in (
        entry.key,
        entry.source,
        entry.parent_key,
        entry.exact,
        entry.prefix,
        entry.suffix,
    ):
        if "\x00" in value or len(value) > MAX_TEXT:
            return _("the annotation holds text too long or with NUL characters")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return _("the annotation holds invalid Unicode (lone surrogates)")
    for value in (entry.start, entry.end, entry.state.get("revision"), entry.state.get("version")):
        if isinstance(value, int) and not 0 <= value < 2**31:
            return _("the annotation holds a number out of range")
    return entry.problem


def _one(reader, entry: Entry, number: int, articles: Articles, keys: dict) -> Line:
    if problem := _text_problem(entry):
        return Line(number, FAILED, problem)
    existing = _existing(reader, entry)
    if existing is not None:
        keys[entry.key] = existing
        return Line(number, SKIPPED, _("already imported"), existing.article.slug)
    try:
        with transaction.atomic():  # an annotation that fails leaves nothing behind
            made = (
                _reply(reader, entry, keys)
                if entry.parent_key
                else _passage(reader, entry, articles)
            )
            if entry.modified:
                Annotation.objects.filter(pk=made.pk).update(modified=entry.modified)
    except Invalid as exc:
        return Line(number, FAILED, exc.message)
    keys[entry.key] = made
    if made.anchor_state == ORPHAN and not made.parent_id:
        return Line(
            number,
            ORPHANED,
            _("kept as an orphan: its passage is not in the article's text"),
            made.article.slug,
        )
    message = made.get_anchor_state_display()
    if getattr(made, "entities_left_out", 0):
        message = _(
            "%(state)s; %(count)s people or organisations it is about are not in the article "
            "here, left out"
        ) % {"state": message, "count": made.entities_left_out}
    return Line(number, CREATED, message, made.article.slug)


def summary(lines: list[Line]) -> str:
    counts = {status: 0 for status in (CREATED, ORPHANED, SKIPPED, FAILED)}
    for line in lines:
        counts[line.status] += 1
    return ", ".join(f"{LABELS[status]}: {count}" for status, count in counts.items())
