"""Input for the services, checked: each function adds what is wrong to ``errors`` by field.

The services raise Invalid with all of it at once, so a reader sees every problem in one reply.
"""

import re

from django.utils.translation import gettext as _

from archive.models import Article, ArticleRevision

from .about import MAX_ENTITIES, article_entities, entities_by_iri
from .models import Colour, Visibility, normalise_tag, tag_index_for

MAX_NOTE = 10_000
MAX_TAGS = 20
MAX_TAG_LENGTH = 64
REPLY_LACKS = (
    "start", "end", "exact", "revision", "tags", "colour", "visibility", "confirm", "entities",
)  # fmt: skip
MAX_IRI = 2000
# BCP 47 in outline (RFC 5646): a primary subtag, then subtags of letters and digits.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")


def clean_string(value, field: str, errors: dict, *, limit: int) -> str:
    """A string the database can store on both SQLite and PostgreSQL, or an error for ``field``."""
    if not isinstance(value, str):
        errors.setdefault(field, []).append(_("must be a string"))
        return ""
    if "\x00" in value:
        errors.setdefault(field, []).append(_("must not contain NUL characters"))
        return ""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        errors.setdefault(field, []).append(_("must not contain lone surrogates (invalid Unicode)"))
        return ""
    if len(value) > limit:
        errors.setdefault(field, []).append(
            _("must be at most %(limit)s characters") % {"limit": f"{limit:,}"}
        )
    return value


def clean_tags(value, errors: dict) -> list[str]:
    # A string is refused rather than split: "a,b" and "a, b" would each guess differently.
    if not isinstance(value, list):
        errors.setdefault("tags", []).append(_("must be a list of strings"))
        return []
    # Count and sizes first: a body of thousands of tags is refused before any is normalised.
    if len(value) > MAX_TAGS:
        errors.setdefault("tags", []).append(_("at most %(count)s tags") % {"count": MAX_TAGS})
        return []
    raw = [clean_string(item, "tags", errors, limit=MAX_TAG_LENGTH) for item in value]
    if "tags" in errors:
        return []
    tags: list[str] = []
    seen: set[str] = set()
    for tag in map(normalise_tag, raw):
        problem = _tag_problem(tag)
        if problem:
            if problem not in errors.get("tags", []):
                errors.setdefault("tags", []).append(problem)
        elif tag.casefold() not in seen:
            # The filter matches tags case-insensitively, so "AI" and "ai" are one tag.
            seen.add(tag.casefold())
            tags.append(tag)
    return tags


def _tag_problem(tag: str) -> str | None:
    if not tag:
        return _("a tag needs some visible text")
    if len(tag) > MAX_TAG_LENGTH:  # NFKC can lengthen a tag: "㍿" becomes "株式会社"
        return _("must be at most %(limit)s characters") % {"limit": MAX_TAG_LENGTH}
    return None


def clean_choice(value, field: str, choices, errors: dict) -> str:
    if value not in choices.values:
        allowed = ", ".join(choices.values)
        errors.setdefault(field, []).append(_("must be one of: %(allowed)s") % {"allowed": allowed})
    return value


def clean_fields(data: dict, errors: dict) -> dict:
    """Validate the editable fields present in ``data``."""
    cleaned = {}
    if "note" in data:
        cleaned["note"] = clean_string(data["note"], "note", errors, limit=MAX_NOTE)
    if "tags" in data:
        cleaned["tags"] = clean_tags(data["tags"], errors)
        cleaned["tag_index"] = tag_index_for(cleaned["tags"])
    if "colour" in data:
        cleaned["colour"] = clean_choice(data["colour"], "colour", Colour, errors)
    if "visibility" in data:
        cleaned["visibility"] = clean_choice(data["visibility"], "visibility", Visibility, errors)
    if "language" in data:
        cleaned["language"] = clean_string(data["language"], "language", errors, limit=35)
        if cleaned["language"] and not LANGUAGE_TAG.fullmatch(cleaned["language"]):
            errors.setdefault("language", []).append(_("must be a language tag, such as zh-Hans"))
    for field in ("canonical", "via"):
        if field in data:
            cleaned[field] = clean_string(data[field], field, errors, limit=MAX_IRI)
            if cleaned[field] and not IRI.fullmatch(cleaned[field]):
                errors.setdefault(field, []).append(_("must be an absolute IRI"))
    return cleaned


def clean_entities(value, article: Article, errors: dict) -> list:
    """The article's people and organisations named in ``value`` by id or by their page's IRI."""
    if not isinstance(value, list) or not all(
        isinstance(item, str) or (type(item) is int and 0 < item < 2**63) for item in value
    ):
        errors.setdefault("entities", []).append(
            _("must be a list of ids or pages of people and organisations")
        )
        return []
    if len(value) > MAX_ENTITIES:
        errors.setdefault("entities", []).append(
            _("at most %(count)s people and organisations") % {"count": MAX_ENTITIES}
        )
        return []
    by_iri = entities_by_iri([item for item in value if isinstance(item, str)])
    ids = [by_iri[item].pk if item in by_iri else item for item in value]
    unknown = [str(item) for item in ids if isinstance(item, str)]
    if unknown:
        errors.setdefault("entities", []).append(
            _("no person or organisation has this page: %(iris)s") % {"iris": ", ".join(unknown)}
        )
        return []
    found = {entity.pk: entity for entity in article_entities(article).filter(pk__in=ids)}
    foreign = [str(pk) for pk in ids if pk not in found]
    if foreign:
        errors.setdefault("entities", []).append(
            _(
                "an annotation can be about the people and organisations of its article only "
                "(credited or mentioned); not: %(ids)s"
            )
            % {"ids": ", ".join(foreign)}
        )
        return []
    return list({pk: found[pk] for pk in ids}.values())


def revision_for(article: Article, number, errors: dict) -> ArticleRevision | None:
    if number is None:
        number = article.revision_number
    if not isinstance(number, int) or isinstance(number, bool):
        errors.setdefault("revision", []).append(_("must be a revision number"))
        return None
    revision = article.revisions.filter(number=number).first()
    if revision is None:
        errors.setdefault("revision", []).append(
            _("article has no revision %(number)s") % {"number": number}
        )
    return revision


def clean_position(data: dict, text: str, errors: dict) -> tuple[int, int, str] | None:
    start, end = data.get("start"), data.get("end")
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors.setdefault(name, []).append(_("must be a whole number of characters, 0 or more"))
    if "start" in errors or "end" in errors:
        return None
    if not start < end <= len(text):
        errors.setdefault("end", []).append(
            _("must be after start and at most the text length (%(length)s)")
            % {"length": len(text)}
        )
        return None
    exact = clean_string(data.get("exact"), "exact", errors, limit=len(text))
    if "exact" not in errors and exact != text[start:end]:
        errors.setdefault("exact", []).append(_("does not match the article text at start..end"))
    return start, end, exact


def refuse_reply_fields(data: dict, errors: dict) -> None:
    # A reply takes its place, colour and visibility from its thread and has no tags; saying
    # so beats accepting the field and keeping nothing.
    for field in REPLY_LACKS:
        if field in data:
            errors.setdefault(field, []).append(
                _("a reply has only a note; this belongs to the annotation it replies to")
            )
