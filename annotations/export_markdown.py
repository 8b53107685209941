"""Markdown for note-taking apps (Obsidian first): one file per article, a zip for several.

Each file has YAML front matter (title, source, url, date, tags), then each annotation: its
quote as a blockquote, the note below it, its tags as #tags, its colour and a link back to the
passage; replies follow, indented as a list. The zip is written as it streams (zipfile writes
to a stream it cannot seek with data descriptors), one article after another.
"""

import io
import re
import zipfile
from collections.abc import Iterator
from itertools import chain, groupby

import yaml
from django.utils.translation import gettext as _

from .exporting import CHUNK
from .representation import Links

# What would make a quote's text into Markdown syntax in the blockquote.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_TAG_SPACE = re.compile(r"[\s#]+")


def file_name(article) -> str:
    return f"{article.slug}.md"


def _quote(text: str) -> str:
    lines = _SPECIAL.sub(r"\\\1", text).splitlines() or [""]
    return "\n".join(f"> {line}".rstrip() for line in lines)


def _escaped(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def obsidian_tag(tag: str) -> str:
    """A tag as Obsidian reads one: no spaces or #, which would end or start another."""
    return _TAG_SPACE.sub("-", tag).strip("-")


def front_matter(article, tags: set, links: Links) -> str:
    matter = {
        "title": article.title,
        "source": article.source_url or None,
        "url": links.article(article),
        "date": article.date.isoformat() if article.date else None,
        "tags": sorted({obsidian_tag(tag) for tag in tags} - {""}),
    }
    matter = {key: value for key, value in matter.items() if value not in (None, [])}
    return "---\n" + yaml.safe_dump(matter, allow_unicode=True, sort_keys=False) + "---\n"


def _annotation(annotation, links: Links) -> str:
    link = links.article(annotation.article) + f"#annotation-{annotation.uuid}"
    parts = [_quote(annotation.exact)]
    if annotation.note.strip():
        parts.append(annotation.note.strip())
    about = [
        f"[{_escaped(entity.name)}]({links.absolute(entity.get_absolute_url())})"
        for entity in annotation.entities.all()
    ]
    if about:
        parts.append(_("About: %(entities)s") % {"entities": ", ".join(about)})
    details = [f"#{obsidian_tag(tag)}" for tag in annotation.tags if obsidian_tag(tag)]
    details.append(_("colour: %(colour)s") % {"colour": annotation.get_colour_display()})
    label = _("Open in Glossa")
    details.append(f"[{label}]({link})")
    parts.append(" · ".join(details))
    return "\n\n".join(parts) + "\n"


def _reply(reply, links: Links, *, standalone: bool) -> str:
    who = reply.owner_full_name.strip() or reply.owner_username
    when = reply.created.date().isoformat()
    lines = reply.note.strip().splitlines() or [""]
    head = _("Reply by %(name)s (%(date)s):") % {"name": who, "date": when}
    body = "\n".join(["- " + head + " " + lines[0], *("  " + line for line in lines[1:])])
    if standalone:  # the annotation it answers is someone else's, not in this export
        return _quote(reply.parent.exact) + "\n\n" + body + "\n"
    return body + "\n"


def _tags_by_article(rows) -> dict[int, set]:
    """Each article's tags, for its front matter, read ahead in one light query."""
    tags: dict[int, set] = {}
    for article_id, row_tags in rows.values_list("article_id", "tags").iterator(chunk_size=CHUNK):
        tags.setdefault(article_id, set()).update(row_tags)
    return tags


def _articles(rows, links: Links) -> Iterator[tuple]:
    """(article, its Markdown piece by piece) for each article in turn, never all in memory."""
    tags = _tags_by_article(rows)
    for _key, group in groupby(rows.iterator(chunk_size=CHUNK), key=lambda a: a.article_id):
        first = next(group)
        # Each caller writes one article's pieces before asking for the next article.
        pieces = _pieces(first, group, tags[first.article_id], links)  # noqa: B031
        yield first.article, pieces


def _pieces(first, group, tags: set, links: Links) -> Iterator[str]:
    yield front_matter(first.article, tags, links)
    yield f"\n# {first.article.title}\n"
    root = None  # the thread being written: its replies come right after it (export_rows)
    for annotation in chain([first], group):
        if annotation.parent_id is None:
            root = annotation.pk
            yield "\n" + _annotation(annotation, links)
        else:
            standalone = annotation.parent_id != root
            yield "\n" + _reply(annotation, links, standalone=standalone)


def markdown_file(rows, *, links: Links) -> Iterator[bytes]:
    for _article, pieces in _articles(rows, links):
        for text in pieces:
            yield text.encode()


class _Sink(io.RawIOBase):
    """A stream zipfile writes into and the response drains; it cannot seek."""

    def __init__(self):
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def drain(self) -> bytes:
        data, self.chunks = b"".join(self.chunks), []
        return data


def markdown_zip(rows, *, links: Links) -> Iterator[bytes]:
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for article, pieces in _articles(rows, links):
            with archive.open(file_name(article), "w") as entry:
                for text in pieces:
                    entry.write(text.encode())
                    yield sink.drain()
    yield sink.drain()
