"""Standard W3C annotations (a protocol client's POST or PUT, an import) as Glossa's fields.

The result is the short shape the services take ({"start", "end", "exact", "note", "tags",
...}), so a W3C annotation is validated and stored by exactly the code that serves Glossa's
own client. What Glossa cannot keep is refused with the constraint it breaks, never dropped.
"""

from urllib.parse import unquote

from django.utils.translation import gettext as _

from archive.models import Article

from .about import entities_by_iri, is_identifying
from .errors import Invalid
from .jsonld import ANNO_CONTEXT, CLASS_COLOURS
from .representation import Links

MAX_OCCURRENCES = 500
NOTE_PURPOSES = {None, "commenting", "replying", "describing", "questioning", "editing"}
NOTE_FORMATS = {None, "text/plain", "text/markdown"}
TERMS = ("visibility", "colour", "canonical", "via")


def is_w3c(data: dict) -> bool:
    return "@context" in data or "target" in data or data.get("type") == "Annotation"


def _refuse(field: str, message: str):
    raise Invalid(errors={field: [message]})


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]


def check_envelope(data: dict) -> None:
    contexts = _listed(data.get("@context"))
    if ANNO_CONTEXT not in contexts:
        _refuse(
            "@context", _("must be %(iri)s, or a list that includes it") % {"iri": ANNO_CONTEXT}
        )
    if "Annotation" not in _listed(data.get("type")):
        _refuse("type", _('must be "Annotation"'))


def bodies_of(data: dict) -> dict:
    """The note, tags and language that the TextualBody bodies carry."""
    bodies = _listed(data.get("body", []))
    if "bodyValue" in data:
        bodies.append({"type": "TextualBody", "value": data["bodyValue"]})
    fields: dict = {"tags": []}
    for body in bodies:
        if is_identifying(body):
            fields.setdefault("entities", []).append(body.get("source"))
            continue
        if not isinstance(body, dict) or body.get("type", "TextualBody") != "TextualBody":
            _refuse(
                "body",
                _("Glossa keeps embedded TextualBody bodies, and SpecificResource bodies with "
                  "purpose identifying (a person or organisation of the article)"),
            )  # fmt: skip
        value, purpose = body.get("value"), body.get("purpose")
        if not isinstance(value, str):
            _refuse("body", _("a TextualBody needs a string value"))
        if purpose == "tagging":
            fields["tags"].append(value)
        elif purpose in NOTE_PURPOSES and body.get("format") in NOTE_FORMATS:
            if "note" in fields:
                _refuse("body", _("at most one body that is not a tag (the note)"))
            fields["note"] = value
        else:
            _refuse(
                "body",
                _("a body is a note (text/plain or text/markdown) or a tag (purpose tagging)"),
            )
        if isinstance(body.get("language"), str) and "language" not in fields:
            fields["language"] = body["language"]
    return fields


def terms_of(data: dict, *, creating: bool) -> dict:
    fields = {term: data[term] for term in TERMS if term in data}
    if creating and "via" not in fields and isinstance(data.get("id"), str):
        fields["via"] = data["id"]  # the server names it; where it came from stays (section 5.1)
    return fields


def article_target(data: dict, *, article: Article, links: Links):
    """("passage", revision number or None, selectors, style class) or ("reply", parent uuid)."""
    targets = _listed(data.get("target"))
    if len(targets) != 1:
        _refuse("target", _("must be exactly one target"))
    target = targets[0]
    container = unquote(links.container(article.slug))
    iri = unquote(target) if isinstance(target, str) else ""
    if iri.startswith(container) and iri != container:
        return ("reply", iri[len(container) :].strip("/"))
    source = target.get("source") if isinstance(target, dict) else target
    number = _revision_of(source, article, links)
    if not isinstance(target, dict) or "selector" not in target:
        _refuse(
            "target",
            _("must select a passage: a SpecificResource with a TextQuoteSelector or "
              "TextPositionSelector"),
        )  # fmt: skip
    return ("passage", number, _listed(target["selector"]), target.get("styleClass"))


def _revision_of(source, article: Article, links: Links) -> int | None:
    # An IRI may come with its characters as they are or percent-encoded: compare both decoded.
    source = unquote(source) if isinstance(source, str) else source
    if source == unquote(links.article(article)):
        return None
    prefix = unquote(links.revision(article.slug, 0))[: -len("0/")]
    if isinstance(source, str) and source.startswith(prefix):
        number = source[len(prefix) :].rstrip("/")
        if number.isascii() and number.isdigit() and len(number) < 10:
            return int(number)
    _refuse(
        "target",
        _("the target's source must be this container's article, %(url)s: a container holds "
          "the annotations of one article (constraint: %(constraint)s)")
        % {"url": links.article(article), "constraint": "target.source"},
    )  # fmt: skip


def place(selectors: list, text: str) -> dict:
    """start, end and exact in ``text`` from a TextPositionSelector, else a TextQuoteSelector."""
    position = next((s for s in selectors if _typed(s, "TextPositionSelector")), None)
    quote = next((s for s in selectors if _typed(s, "TextQuoteSelector")), None)
    if position is None and quote is None:
        _refuse("target", _("needs a TextQuoteSelector or a TextPositionSelector"))
    if position is not None:
        start, end = position.get("start"), position.get("end")
        valid = all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end))
        if valid and 0 <= start < end <= len(text):
            if quote is None or text[start:end] == quote.get("exact"):
                return {"start": start, "end": end, "exact": text[start:end]}
        elif quote is None:
            _refuse("target", _("the TextPositionSelector is outside the article's text"))
    return _find_quote(quote, text)


def _typed(selector, name: str) -> bool:
    return isinstance(selector, dict) and selector.get("type") == name


def _find_quote(quote: dict, text: str) -> dict:
    exact, prefix, suffix = (quote.get(k, "") for k in ("exact", "prefix", "suffix"))
    if not all(isinstance(v, str) for v in (exact, prefix, suffix)) or not exact:
        _refuse("target", _("a TextQuoteSelector needs an exact quote, as strings"))
    best, best_score, at = None, -1, text.find(exact)
    for _count in range(MAX_OCCURRENCES):
        if at < 0:
            break
        score = _agreement(prefix[::-1], text[:at][::-1]) + _agreement(
            suffix, text[at + len(exact) :]
        )
        if score > best_score:
            best, best_score = at, score
        at = text.find(exact, at + 1)
    if best is None:
        _refuse("target", _("the quote of the TextQuoteSelector is not in the article's text"))
    return {"start": best, "end": best + len(exact), "exact": exact}


def _agreement(expected: str, actual: str) -> int:
    count = 0
    for a, b in zip(expected, actual, strict=False):
        if a != b:
            break
        count += 1
    return count


def _identified(sources: list, links: Links) -> list[int]:
    """The ids of the entities whose pages on this site the identifying bodies name."""
    here = [s for s in sources if isinstance(s, str) and s.startswith(links.origin + "/")]
    found = entities_by_iri(here)
    unknown = [str(s)[:200] for s in sources if not isinstance(s, str) or s not in found]
    if unknown:
        _refuse(
            "body",
            _("an identifying body's source must be the page of a person or organisation on "
              "this site (constraint: %(constraint)s); not: %(sources)s")
            % {"constraint": "body.source", "sources": ", ".join(unknown)},
        )  # fmt: skip
    return [found[source].pk for source in sources]


def colour_of(style_class) -> dict:
    colour = CLASS_COLOURS.get(style_class) if isinstance(style_class, str) else None
    return {"colour": colour} if colour else {}


def from_w3c(data: dict, *, article: Article, links: Links, creating: bool) -> tuple[str, dict]:
    """("passage", fields) for an annotation of the article, ("reply", fields) for a reply."""
    check_envelope(data)
    kind = article_target(data, article=article, links=links)
    bodies = bodies_of(data)
    if kind[0] == "reply" or data.get("motivation") == "replying":
        if kind[0] != "reply":
            _refuse("target", _("a reply's target is the annotation it answers, in this container"))
        if bodies["tags"] or "entities" in bodies:
            _refuse("body", _("a reply has only a note; tags belong to the annotation it answers"))
        return "reply", {"parent": kind[1], "note": bodies.get("note", "")}
    number, selectors, style = kind[1:]
    revision = article.revisions.filter(number=number or article.revision_number).first()
    if revision is None:
        _refuse("target", _("the article has no such revision"))
    if "entities" in bodies:
        bodies["entities"] = _identified(bodies["entities"], links)
    fields = colour_of(style) | bodies | terms_of(data, creating=creating)
    fields |= place(selectors, revision.text) | {"revision": revision.number}
    return "passage", fields
