"""Reading an annotations file into entries: the parse step of an import, no database.

Two shapes are read: Glossa's W3C JSON-LD export (or any W3C annotations: an
AnnotationCollection with its pages, a page, a list, one annotation) and Hypothesis's export
JSON (its API's annotation objects: uri, text, tags, target selectors, permissions,
references). Each annotation becomes an Entry; what the apply step (importing.py) needs to
place it and to find it again on a second import is all there.
"""

import datetime
import json
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .about import is_identifying
from .errors import Invalid
from .jsonld import CLASS_COLOURS
from .models import Colour, Visibility
from .w3c_input import NOTE_PURPOSES

MAX_ENTRIES = 100_000
UUID_IN_IRI = re.compile(
    r"/annotations/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/?$"
)


@dataclass
class Entry:
    key: str  # the annotation's IRI where it came from: a re-import finds it by this
    source: str = ""  # the page or text it annotates
    exact: str = ""
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    note: str = ""
    tags: list = field(default_factory=list)
    about: list = field(default_factory=list)  # pages of the people and organisations identified
    fields: dict = field(default_factory=dict)  # colour, visibility, language, canonical...
    parent_key: str = ""  # a reply: the key of the annotation it answers
    created: datetime.datetime | None = None
    modified: datetime.datetime | None = None
    state: dict = field(default_factory=dict)  # Glossa's version and anchor state, if given
    problem: str = ""  # why it cannot be imported, when known already

    @property
    def uuid(self) -> str | None:
        match = UUID_IN_IRI.search(self.key)
        return match[1] if match else None


def parse_file(raw: bytes) -> tuple[str, list[Entry]]:
    """("w3c" or "hypothesis", its entries), or Invalid naming what is wrong with the file."""
    data = _json(raw)
    if isinstance(data, list) or "annotations" in data or "rows" in data:
        items = data if isinstance(data, list) else data.get("annotations", data.get("rows"))
        if not isinstance(items, list):
            raise Invalid(_("the file's annotations must be a list"))
        if items and all(isinstance(i, dict) and "uri" in i for i in items):
            return "hypothesis", [_hypothesis(item) for item in _limited(items)]
        return "w3c", [_w3c(item) for item in _limited(items)]
    return "w3c", [_w3c(item) for item in _limited(list(_w3c_items(data)))]


def _json(raw: bytes):
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise Invalid(_("the file is not UTF-8")) from exc
    except json.JSONDecodeError as exc:
        raise Invalid(
            _("the file is not valid JSON: %(problem)s at character %(position)s")
            % {"problem": exc.msg, "position": exc.pos}
        ) from exc
    except RecursionError as exc:
        raise Invalid(_("the file is nested too deeply")) from exc
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise Invalid(_("the file has a number too long to read")) from exc
    if not isinstance(data, dict | list):
        raise Invalid(_("the file must hold a JSON object or a list of annotations"))
    return data


def _limited(items: list) -> list:
    if len(items) > MAX_ENTRIES:
        raise Invalid(_("a file may hold at most %(count)s annotations") % {"count": MAX_ENTRIES})
    return items


def _w3c_items(data: dict):
    """The annotations of a W3C document, wherever they sit in it."""
    nodes = data.get("@graph", [data])
    if not isinstance(nodes, list):
        raise Invalid(_("@graph must be a list"))
    for node in nodes:
        if not isinstance(node, dict):
            raise Invalid(_("every node of the document must be an object"))
        kinds = node.get("type") if isinstance(node.get("type"), list) else [node.get("type")]
        if "Annotation" in kinds:
            yield node
        elif "AnnotationPage" in kinds:
            yield from _listed_items(node)
        elif "AnnotationCollection" in kinds:
            if isinstance(node.get("first"), dict):
                yield from _listed_items(node["first"])
        else:
            raise Invalid(_("the document holds neither annotations nor an AnnotationCollection"))


def _listed_items(page: dict):
    items = page.get("items", [])
    if not isinstance(items, list):
        raise Invalid(_("an AnnotationPage's items must be a list"))
    yield from items


def _date(value) -> datetime.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)


def _selectors(target: dict, entry: Entry) -> None:
    selectors = target.get("selector", [])
    for selector in selectors if isinstance(selectors, list) else [selectors]:
        if not isinstance(selector, dict):
            continue
        if selector.get("type") == "TextQuoteSelector":
            for name in ("exact", "prefix", "suffix"):
                if isinstance(selector.get(name), str):
                    setattr(entry, name, selector[name])
        elif selector.get("type") == "TextPositionSelector":
            start, end = selector.get("start"), selector.get("end")
            if all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
                entry.start, entry.end = start, end


def _w3c(item) -> Entry:
    if not isinstance(item, dict):
        return Entry(key="", problem=_("an item is not an annotation object"))
    entry = Entry(key=item.get("id") if isinstance(item.get("id"), str) else "")
    entry.created, entry.modified = _date(item.get("created")), _date(item.get("modified"))
    bodies = item.get("body", [])
    for body in bodies if isinstance(bodies, list) else [bodies]:
        if is_identifying(body) and isinstance(body.get("source"), str):
            entry.about.append(body["source"])
        if not isinstance(body, dict) or not isinstance(body.get("value"), str):
            continue
        if body.get("purpose") == "tagging":
            entry.tags.append(body["value"])
        elif body.get("purpose") in NOTE_PURPOSES and not entry.note:
            entry.note = body["value"]
            if isinstance(body.get("language"), str):
                entry.fields["language"] = body["language"]
    target = item.get("target")
    target = target[0] if isinstance(target, list) and target else target
    if isinstance(target, str):
        entry.parent_key = target
    elif isinstance(target, dict) and isinstance(target.get("source"), str):
        entry.source = target["source"]
        _selectors(target, entry)
        colour = CLASS_COLOURS.get(target.get("styleClass"))
        if colour:
            entry.fields["colour"] = colour
    else:
        entry.problem = _("the annotation has no target that Glossa can place")
    for term in ("colour", "visibility", "canonical"):
        if isinstance(item.get(term), str):
            entry.fields[term] = item[term]
    for term in ("version", "anchorState", "anchorConfidence", "needsConfirmation", "revision"):
        if term in item:
            entry.state[term] = item[term]
    return entry


def _hypothesis(item: dict) -> Entry:
    identifier = item.get("id") if isinstance(item.get("id"), str) else ""
    entry = Entry(key=f"https://hypothes.is/a/{identifier}" if identifier else "")
    entry.source = item["uri"] if isinstance(item["uri"], str) else ""
    entry.created, entry.modified = _date(item.get("created")), _date(item.get("updated"))
    entry.note = item.get("text") if isinstance(item.get("text"), str) else ""
    tags = item.get("tags")
    entry.tags = [tag for tag in tags if isinstance(tag, str)] if isinstance(tags, list) else []
    references = item.get("references")
    if isinstance(references, list) and references and isinstance(references[-1], str):
        entry.parent_key = f"https://hypothes.is/a/{references[-1]}"
        return entry
    targets = item.get("target")
    if isinstance(targets, list) and targets and isinstance(targets[0], dict):
        _selectors(targets[0], entry)
    if not entry.exact:
        entry.problem = _("a page note without a quoted passage has no place in an article")
    # Hypothesis offsets count in the original page's text, not Glossa's: only the quote places.
    entry.start = entry.end = None
    permissions = item.get("permissions")
    readers = permissions.get("read", []) if isinstance(permissions, dict) else []
    public = isinstance(readers, list) and "group:__world__" in readers
    entry.fields["visibility"] = Visibility.PUBLIC if public else Visibility.PRIVATE
    entry.fields["colour"] = Colour.YELLOW
    return entry
