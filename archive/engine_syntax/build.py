"""What engine syntax becomes: the payloads the rewriter leaves in the text as markers, and the
elements the tree processor builds from them.

Every picture, link, callout and quote is built here and nowhere else, so a Hugo ``figure``, a
Hexo ``asset_img`` and a Markdown image with a relative path that end up the same thing (a
figure whose file is not here) are the same HTML. Class names are only those that
archive/rendering.py ALLOWED_CLASSES lets through and the stylesheet knows.
"""

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from markdown.util import AtomicString

from .scan import ARG_RE

CALLOUT_KINDS = {
    "tip": "tip", "success": "tip", "hint": "tip", "check": "tip", "done": "tip",
    "info": "info", "note": "info", "notice": "info", "primary": "info", "default": "info",
    "abstract": "info", "summary": "info", "question": "info", "example": "info",
    "warning": "warning", "warn": "warning", "caution": "warning", "important": "warning",
    "attention": "warning", "danger": "danger", "error": "danger", "failure": "danger",
    "bug": "danger",
}  # fmt: skip
ALIGNMENTS = {
    "left": "align-left", "float-left": "align-left", "pull-left": "align-left",
    "align-left": "align-left", "fl": "align-left", "right": "align-right",
    "float-right": "align-right", "pull-right": "align-right", "align-right": "align-right",
    "fr": "align-right", "center": "align-center", "centre": "align-center",
    "align-center": "align-center", "mx-auto": "align-center", "text-center": "align-center",
    # Chirpy shows a ".light" picture only in the light theme, ".dark" only in the dark one.
    "light": "only-light", "dark": "only-dark",
}  # fmt: skip
PIXELS_RE = re.compile(r"^(\d{1,5})(?:px)?$")
PERCENT_RE = re.compile(r"^(\d{1,3}(?:\.\d+)?)%$")
ATTRIBUTE_LIST_RE = re.compile(r"^\{:?[ \t]*([^{}\n]{0,300}?)[ \t]*\}")


@dataclass(frozen=True)
class Attributes:
    """A kramdown or pandoc attribute list: ``{: .right width="300" }``, ``{ width=60% }``."""

    source: str
    classes: tuple[str, ...] = ()
    values: dict = field(default_factory=dict)


def parse_attribute_list(text: str) -> Attributes | None:
    """The attribute list at the start of ``text``, or None when there is none."""
    m = ATTRIBUTE_LIST_RE.match(text)
    if not m or not m.group(1).strip():
        return None
    classes: list[str] = []
    values: dict[str, str] = {}
    for token in ARG_RE.finditer(m.group(1)):
        if token.group("key"):
            value = next((v for v in token.group("dq", "sq", "bq", "bare") if v is not None), "")
            values[token.group("key").lower()] = value
        elif (word := token.group("word")) and word.startswith("."):
            classes.extend(name for name in word.split(".") if name)
        elif word and word.startswith("#"):
            continue  # ids are never kept (they could clobber DOM globals)
        elif word:
            values[word.lower()] = ""  # a bare word: kramdown's {:toc}, {: nolineno }
    return Attributes(m.group(0), tuple(classes), values)


def size_and_classes(attributes: Attributes) -> tuple[dict[str, str], list[str]]:
    """The width, height and layout classes an attribute list gives a picture.

    Pixel sizes become width/height attributes; a percentage width becomes a ``width-NN``
    class in steps of ten (CSP forbids style attributes, and HTML's width takes pixels only).
    """
    sizes: dict[str, str] = {}
    classes: list[str] = []
    for name in ("width", "height"):
        value = attributes.values.get(name, "").strip()
        if m := PIXELS_RE.match(value):
            sizes[name] = m.group(1)
        elif (m := PERCENT_RE.match(value)) and name == "width":
            step = min(100, max(10, round(float(m.group(1)) / 10) * 10))
            classes.append(f"width-{step}")
    align = attributes.values.get("align", "")
    for name in (*attributes.classes, align):
        if name.lower() in ALIGNMENTS and ALIGNMENTS[name.lower()] not in classes:
            classes.append(ALIGNMENTS[name.lower()])
    return sizes, classes


def is_remote(url: str) -> bool:
    """Whether a picture at ``url`` can be shown: only remote files are; the app holds no
    assets of an imported article (a relative path, ``/images/…`` or an attached file)."""
    return url.startswith("//") or urlsplit(url).scheme.lower() in {"http", "https"}


def file_name(url: str) -> str:
    path = urlsplit(url).path.rstrip("/")
    return path.rsplit("/", 1)[-1] or url


@dataclass(frozen=True)
class Picture:
    """An image with an optional caption: Hugo ``figure``, Hexo ``asset_img``/``img``."""

    src: str
    alt: str = ""
    caption: str = ""
    caption_is_markdown: bool = False
    link: str = ""
    sizes: dict = field(default_factory=dict)
    classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    """What an embed (a tweet, a video, an object) leaves: a plain link to it."""

    url: str
    text: str


@dataclass(frozen=True)
class Open:
    """The start of a wrapper around the blocks up to the matching ``Close``."""

    kind: str  # "callout", "quote", "details" or "code"
    variant: str = ""  # the callout's kind: tip, info, warning, danger
    title: str = ""  # callout title, details summary, code caption
    author: str = ""
    source: str = ""
    link: str = ""


@dataclass(frozen=True)
class Close:
    pass


@dataclass(frozen=True)
class Break:
    """Between two quotes: keeps them apart, then goes."""


def picture(payload: Picture, missing: list[str]) -> etree.Element:
    """A figure (or a bare image when there is nothing to caption)."""
    figure = etree.Element("figure")
    classes = list(payload.classes)
    caption = payload.caption
    if is_remote(payload.src):
        image = etree.Element("img", {"src": payload.src, "alt": payload.alt, **payload.sizes})
        if payload.link and is_remote(payload.link):
            anchor = etree.SubElement(figure, "a", {"href": payload.link})
            anchor.append(image)
        else:
            figure.append(image)
    else:
        missing.append(file_name(payload.src))
        classes.insert(0, "missing")
        figure.set("title", file_name(payload.src))
        caption = caption or payload.alt or file_name(payload.src)
    if classes:
        figure.set("class", " ".join(classes))
    if caption:
        element = etree.SubElement(figure, "figcaption")
        element.text = caption if payload.caption_is_markdown else AtomicString(caption)
    return figure


def missing_inline(src: str, alt: str, missing: list[str]) -> etree.Element:
    """An image inside a line of text whose file is not here: its alt text, marked."""
    missing.append(file_name(src))
    span = etree.Element("span", {"class": "missing", "title": file_name(src)})
    span.text = AtomicString(alt or file_name(src))
    return span


def link(payload: Link) -> etree.Element:
    paragraph = etree.Element("p")
    if is_remote(payload.url):
        anchor = etree.SubElement(paragraph, "a", {"href": payload.url})
        anchor.text = AtomicString(payload.text or payload.url)
    else:
        paragraph.text = AtomicString(payload.text or payload.url)
    return paragraph


def wrapper(payload: Open, children: list[etree.Element]) -> etree.Element:
    if payload.kind == "callout":
        element = etree.Element("div", {"class": f"callout callout-{payload.variant or 'info'}"})
        if payload.title:
            title = etree.SubElement(element, "p", {"class": "callout-title"})
            title.text = payload.title
    elif payload.kind == "details":
        element = etree.Element("details")
        summary = etree.SubElement(element, "summary")
        summary.text = payload.title or "…"
    elif payload.kind == "code":
        element = etree.Element("figure", {"class": "code"})
        caption = etree.SubElement(element, "figcaption")
        caption.text = AtomicString(payload.title)
        if payload.link and is_remote(payload.link):  # Hexo's [url] [link text]
            caption.text = AtomicString(payload.title + " " if payload.title else "")
            anchor = etree.SubElement(caption, "a", {"href": payload.link})
            anchor.text = AtomicString(payload.source or payload.link)
    else:
        element = etree.Element("blockquote")
    element.extend(children)
    if payload.kind == "quote" and (payload.author or payload.source):
        element.append(_attribution(payload))
    return element


def _attribution(payload: Open) -> etree.Element:
    """ "Author, Source" under a quote; the dash before it is the stylesheet's."""
    line = etree.Element("p", {"class": "quote-source"})
    href = payload.link if payload.link and is_remote(payload.link) else ""
    if payload.source:
        line.text = AtomicString(payload.author + ", " if payload.author else "")
        cite = etree.SubElement(line, "cite")
        target = etree.SubElement(cite, "a", {"href": href}) if href else cite
        target.text = AtomicString(payload.source)
    elif href:
        anchor = etree.SubElement(line, "a", {"href": href})
        anchor.text = AtomicString(payload.author)
    else:
        line.text = AtomicString(payload.author)
    return line


def to_html(element: etree.Element) -> str:
    """An element as the HTML Python-Markdown would write for it (for raw HTML contexts)."""
    return etree.tostring(element, encoding="unicode", method="html")
