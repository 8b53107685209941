"""A reader's annotations leave Glossa: as W3C JSON-LD, CSV or Markdown (export_markdown.py).

Every format streams: rows come from the database in chunks (QuerySet.iterator) and leave as
they are written, so memory stays flat however many there are (bench/export_bench.py). The
order is stable: by article, then document order, each reply right after the annotation it
answers.
"""

import csv
import io
from collections.abc import Iterator

import orjson
from django.db.models import F
from django.db.models.functions import Coalesce

from .filters import Filters, readers_annotations
from .jsonld import ANNO_CONTEXT
from .representation import Links, annotation_json

CHUNK = 1000
EXPORT_PAGE_SIZE = 100
CSV_COLUMNS = [
    "id", "article", "article_url", "link", "reply_to", "created", "modified", "visibility",
    "colour", "anchor_state", "quote", "prefix", "suffix", "start", "end", "revision", "note",
    "tags", "about",
]  # fmt: skip
# A cell starting with one of these is a formula to a spreadsheet (CSV injection): it gets a
# leading apostrophe, which spreadsheets show as text and hide.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_rows(user, filters: Filters):
    return readers_annotations(user, filters).order_by(
        "article__title",
        "article_id",
        Coalesce(F("parent__start"), F("start")),
        Coalesce(F("parent_id"), F("id")),
        F("parent_id").asc(nulls_first=True),
        "created",
        "pk",
    )


def export_item(annotation, links: Links) -> dict:
    """The W3C description of one annotation, without what only Glossa's client reads."""
    data = annotation_json(annotation, with_context=False, links=links)
    state = data.pop("glossa")
    data["needsConfirmation"] = state["needsConfirmation"]
    return data


def jsonld_stream(rows, *, links: Links, collection_id: str, label: str) -> Iterator[bytes]:
    """One JSON-LD document: an AnnotationCollection and its AnnotationPages in its @graph."""
    total = rows.count()
    pages = max(1, -(-total // EXPORT_PAGE_SIZE))

    def page_id(number: int) -> str:
        return f"{collection_id}#page-{number}"

    head = {
        "@context": [ANNO_CONTEXT, links.context[1]],
        "@graph": [
            {
                "id": collection_id,
                "type": "AnnotationCollection",
                "label": label,
                "total": total,
                "generator": links.generator,
                "first": page_id(1),
                "last": page_id(pages),
            }
        ],
    }
    opening = orjson.dumps(head)
    yield opening[: -len(b"]}")]
    items = rows.iterator(chunk_size=CHUNK)
    for number in range(1, pages + 1):
        page = {"id": page_id(number), "type": "AnnotationPage", "partOf": collection_id}
        page["startIndex"] = (number - 1) * EXPORT_PAGE_SIZE
        if number > 1:
            page["prev"] = page_id(number - 1)
        if number < pages:
            page["next"] = page_id(number + 1)
        # range first: zip would otherwise take one row too many from ``items`` and drop it.
        chunk = zip(range(EXPORT_PAGE_SIZE), items, strict=False)
        page["items"] = [export_item(annotation, links) for _, annotation in chunk]
        yield b"," + orjson.dumps(page)
    yield b"]}"


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_stream(rows, *, links: Links) -> Iterator[bytes]:
    """One row per annotation, the columns of CSV_COLUMNS (README), UTF-8 with a BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    yield "\ufeff".encode() + buffer.getvalue().encode()
    for annotation in rows.iterator(chunk_size=CHUNK):
        buffer.seek(0)
        buffer.truncate()
        article = annotation.article
        writer.writerow(
            _cell(value)
            for value in (
                links.annotation(article.slug, annotation.uuid),
                article.title,
                links.article(article),
                links.article(article) + f"#annotation-{annotation.uuid}",
                annotation.parent.uuid if annotation.parent_id else "",
                annotation.created.isoformat(),
                annotation.modified.isoformat(),
                annotation.visibility,
                annotation.colour,
                annotation.anchor_state,
                annotation.exact,
                annotation.prefix,
                annotation.suffix,
                annotation.start,
                annotation.end,
                annotation.revision_number,
                annotation.note,
                "\n".join(annotation.tags),  # a tag never holds a newline (normalise_tag)
                "\n".join(
                    f"{entity.name} <{links.absolute(entity.get_absolute_url())}>"
                    for entity in annotation.entities.all()
                ),
            )
        )
        yield buffer.getvalue().encode()
