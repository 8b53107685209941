"""Parse one article file into plain data: the pure half of the importer.

``parse_file`` reads a file and returns a ParsedArticle or raises ArticleFileError with a
message (and line, where known) that names the problem. It touches no database, so it can be
tested on its own and run in a worker process.
"""

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify

from .boilerplate import candidates as boilerplate_candidates
from .byline import Contributor, extract_byline
from .control_characters import CONTROL_RE
from .dates import parse_date
from .excerpts import excerpt_of
from .frontmatter import ArticleFileError, normalise_newlines, split_front_matter, value_text
from .rendering import RENDERER_VERSION, detect_language, html_to_text, render_article
from .titles import drop_repeated_title, plain_title, render_title

LANGUAGE_TAG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$")
ATX_TITLE_RE = re.compile(r"^#\s+(?P<title>.+?)\s*#*\s*$")
SUMMARY_KEYS = ("description", "summary", "excerpt")  # as Hugo, Hexo and Jekyll name it
URL_KEYS = ("source_url", "original", "original_url", "canonical_url", "link", "url")
MAX_TITLE = 500
MAX_TAG = 100
MAX_TAGS = 50  # front matter with more is a keyword dump, not tags


@dataclass
class ParsedArticle:
    source_key: str
    source_path: str
    file_hash: str
    title: str  # plain text: the browser tab, lists of names, search
    title_html: str  # its inline Markdown, sanitised, for headings
    slug: str
    date: dt.date | None
    published_at: dt.datetime | None
    lang: str
    description: str
    tags: list[str]
    source_url: str
    markdown: str
    html: str
    text: str
    excerpt: str
    content_hash: str
    contributors: list[Contributor]
    front_matter: dict
    warnings: list[str] = field(default_factory=list)
    rendered_with: str = RENDERER_VERSION
    # (entity id, start, end, surface), found while parsing when a linker was given
    mentions: list[tuple] | None = None
    # (fingerprint, start, end) of the leading and trailing blocks that could be boilerplate
    blocks: list[tuple] = field(default_factory=list)
    # What other apps' functions computed from it where it was parsed (archive.derivation)
    derived: dict = field(default_factory=dict)


def file_hash(raw: bytes) -> str:
    return hashlib.sha256(RENDERER_VERSION.encode() + b"\0" + raw).hexdigest()


def read_text(path: Path) -> bytes:
    size = path.stat().st_size
    limit = settings.GLOSSA_MAX_ARTICLE_BYTES
    if size > limit:
        raise ArticleFileError(
            f"the file is too large ({size / 2**20:.1f} MiB; the limit is {limit / 2**20:.1f} MiB)"
        )
    return path.read_bytes()


def decode(raw: bytes) -> str:
    if not raw.strip():
        raise ArticleFileError("the file is empty")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleFileError("the file is UTF-16 text: save it as UTF-8 and import it again")
    if b"\0" in raw[:8192]:
        raise ArticleFileError("this is not a text file (it contains NUL bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ArticleFileError(
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02X} cannot be decoded)",
            line=line,
        ) from exc
    return CONTROL_RE.sub("", normalise_newlines(text))


def parse_file(path: Path, *, relative: str) -> ParsedArticle:
    raw = read_text(path)
    return parse_bytes(raw, relative=relative)


def parse_bytes(raw: bytes, *, relative: str) -> ParsedArticle:
    split = split_front_matter(decode(raw))
    meta, body = split.meta, split.body
    if split.format == "none":
        meta, body = _title_from_heading(body)
    return parse_parts(meta, body, relative=relative, digest=file_hash(raw))


def parse_parts(meta: dict, body: str, *, relative: str, digest: str) -> ParsedArticle:
    """An article from its front matter and Markdown body: the file's, or (re-rendering) the
    ones stored with the article. ``digest`` is the file's hash."""
    warnings: list[str] = []
    title_html = render_title(_title(meta))
    title = plain_title(title_html)[:MAX_TITLE] or _title(meta)
    date, published_at = parse_date(meta, warnings)
    byline = extract_byline(body)
    rendered = render_article(drop_repeated_title(byline.body, title))
    warnings.extend(rendered.warnings)
    html = rendered.html
    plain = html_to_text(html)
    if not plain.strip():
        warnings.append("the article has no text")
    lang = _language(meta, warnings) or detect_language(plain)
    description = value_text(next((meta[key] for key in SUMMARY_KEYS if meta.get(key)), ""))
    return ParsedArticle(
        source_key=_source_key(meta, relative),
        source_path=relative,
        file_hash=digest,
        title=title,
        title_html=title_html,
        slug=slugify(value_text(meta.get("slug")), allow_unicode=True)[:200],
        date=date,
        published_at=published_at,
        lang=lang[:20],
        description=description,
        tags=_tags(meta),
        source_url=_source_url(meta, byline.contributors),
        markdown=body,
        html=html,
        text=plain,
        excerpt=excerpt_of(html, title=title, summary=description),
        content_hash=hashlib.sha256(plain.encode()).hexdigest(),
        contributors=_contributors(meta, list(byline.contributors)),
        front_matter=meta,
        warnings=warnings,
        blocks=boilerplate_candidates(html, plain),
    )


def _title_from_heading(body: str) -> tuple[dict, str]:
    """Files without front matter may still name their title in a leading '# ' heading."""
    first, _, rest = body.partition("\n")
    match = ATX_TITLE_RE.match(first.strip())
    if not match:
        raise ArticleFileError(
            "no front matter: expected a YAML block between '---' lines (or TOML between '+++')"
            " with at least a title",
            line=1,
        )
    return {"title": match.group("title")}, rest


def _title(meta: dict) -> str:
    title = " ".join(value_text(meta.get("title")).split())
    if not title:
        raise ArticleFileError("the front matter has no title")
    return title[:MAX_TITLE]


def _flat(value) -> list:
    """List items with nested lists flattened: categories: [[ai, chips], policy]."""
    if not isinstance(value, list):
        return [value]
    return [item for part in value for item in _flat(part)]


def _language(meta: dict, warnings: list[str]) -> str:
    value = value_text(meta.get("lang") or meta.get("language"))
    if value and not LANGUAGE_TAG_RE.match(value):
        warnings.append(f"{value[:40]!r} is not a language tag (such as zh-Hans or en); ignored")
        return ""
    return value


def _source_key(meta: dict, relative: str) -> str:
    for key in ("slug", "id"):
        value = value_text(meta.get(key))
        if value:
            return f"{key}:{value}"[:500]
    return f"path:{relative}"[:500]


def _tags(meta: dict) -> list[str]:
    tags: list[str] = []
    for key in ("tags", "categories", "category", "keywords"):
        value = meta.get(key)
        if isinstance(value, dict):
            continue  # a mapping names no tags
        items = _flat(value) if isinstance(value, list) else re.split(r"[,，、]", value_text(value))
        for item in items:
            name = " ".join(value_text(item).split())[:MAX_TAG]
            if name and name.lower() not in {tag.lower() for tag in tags}:
                tags.append(name)
    return tags[:MAX_TAGS]


def _source_url(meta: dict, contributors) -> str:
    for key in URL_KEYS:
        value = value_text(meta.get(key))
        if value.startswith(("http://", "https://")):
            return value[:1000]
    return next((c.url for c in contributors if c.role == "source" and c.url), "")


def _contributors(meta: dict, contributors: list[Contributor]) -> list[Contributor]:
    """Byline contributors, plus the front matter's author and publisher.

    When the body carries a byline, the front matter's ``author`` is the account that
    published the article (ByteAILab reposting a piece by 山茶), so it becomes the publisher;
    without a byline it names the article's author.
    """
    names = _names(meta.get("author") or meta.get("authors"))
    publishers = _names(meta.get("publisher"))
    if contributors:
        publishers = publishers or names
    else:
        contributors = [Contributor("author", name) for name in names]
    contributors += [Contributor("publisher", name) for name in publishers]
    return contributors


def _names(value) -> list[str]:
    if isinstance(value, dict):
        value = [value]
    items = _flat(value) if isinstance(value, list) else re.split(r"[,，、;；]", value_text(value))
    names = []
    for item in items:
        if isinstance(item, dict):  # authors as {name: ..., url: ...}
            item = item.get("name", "")
        name = " ".join(value_text(item).split())[:200]
        if name and name not in names:
            names.append(name)
    return names
