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
from itertools import groupby

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


def obsidian_tag(tag: str) -> str:
    """A tag as Obsidian reads one: no spaces or #, which would end or start another."""
    return _TAG_SPACE.sub("-", tag).strip("-")


def front_matter(article, annotations: list, links: Links) -> str:
    tags = sorted({obsidian_tag(tag) for a in annotations for tag in a.tags} - {""})
    matter = {
        "title": article.title,
        "source": article.source_url or None,
        "url": links.article(article),
        "date": article.date.isoformat() if article.date else None,
        "tags": tags,
    }
    matter = {key: value for key, value in matter.items() if value not in (None, [])}
    return "---\n" + yaml.safe_dump(matter, allow_unicode=True, sort_keys=False) + "---\n"


def _annotation(annotation, links: Links) -> str:
    link = links.article(annotation.article) + f"#annotation-{annotation.uuid}"
    parts = [_quote(annotation.exact)]
    if annotation.note.strip():
        parts.append(annotation.note.strip())
    details = [f"#{obsidian_tag(tag)}" for tag in annotation.tags if obsidian_tag(tag)]
    details.append(_("colour: %(colour)s") % {"colour": annotation.get_colour_display()})
    details.append(f"[{_('Open in Glossa')}]({link})")
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


def article_markdown(article, annotations: list, links: Links) -> Iterator[str]:
    yield front_matter(article, annotations, links)
    yield f"\n# {article.title}\n"
    exported = {a.pk for a in annotations}
    for annotation in annotations:
        if annotation.parent_id is None:
            yield "\n" + _annotation(annotation, links)
        else:
            standalone = annotation.parent_id not in exported
            yield "\n" + _reply(annotation, links, standalone=standalone)


def _by_article(rows) -> Iterator[tuple]:
    # One article's annotations at a time: a file is only as large as one article's notes.
    for _key, group in groupby(rows.iterator(chunk_size=CHUNK), key=lambda a: a.article_id):
        annotations = list(group)
        yield annotations[0].article, annotations


def markdown_file(rows, *, links: Links) -> Iterator[bytes]:
    for article, annotations in _by_article(rows):
        for text in article_markdown(article, annotations, links):
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
        for article, annotations in _by_article(rows):
            with archive.open(file_name(article), "w") as entry:
                for text in article_markdown(article, annotations, links):
                    entry.write(text.encode())
                    yield sink.drain()
    yield sink.drain()
