"""What each Hexo/Jekyll tag and Hugo shortcode means, as the rewriter's results.

A handler gets the tag's positional and named parameters and returns what replaces it:
``Inline`` text, a ``Block`` (a marker or a fenced code block), the ``Begin`` of a wrapper
whose end tag follows, or ``Verbatim`` (the text up to the end tag is code or raw). ``None``
means the tag is not one this module knows.
"""

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from .build import (
    ALIGNMENTS,
    CALLOUT_KINDS,
    Attributes,
    Link,
    Open,
    Picture,
    is_remote,
    size_and_classes,
)
from .scan import Quoted

LANGUAGE_RE = re.compile(r"^[\w+#.-]{1,30}$")
ID_RE = re.compile(r"^[\w-]{1,64}$")
IMAGE_FILE_RE = re.compile(r"\.(?:png|jpe?g|gif|webp|avif|svg|bmp)(?:[?#]|$)", re.IGNORECASE)
TITLE_AND_ALT_RE = re.compile(r"""^\s*"([^"]*)"\s*(?:"([^"]*)")?\s*$""")
MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_\[\]])")


@dataclass(frozen=True)
class Inline:
    text: str


@dataclass(frozen=True)
class Block:
    payload: object = None  # a build.* payload, shown through a marker
    code: str | None = None  # or a code block (after the marker, when there is one)
    language: str = ""

    def code_markdown(self, nested: bool) -> str:
        """The code as Markdown: fenced, or indented where Python-Markdown's fences do not
        work (inside a list item or a quote), which loses only the language."""
        code = textwrap.dedent(self.code.strip("\n"))  # the rewriter indents it as its tag was
        if nested:
            return "\n".join("    " + line for line in code.split("\n"))
        longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
        marks = "`" * max(3, longest + 1)  # longer than any backtick run inside
        language = self.language if LANGUAGE_RE.match(self.language or "") else ""
        return f"{marks}{language}\n{code}\n{marks}"


@dataclass(frozen=True)
class Begin:
    payload: Open | None  # None: an unknown pair, whose tags go and content stays


@dataclass(frozen=True)
class Verbatim:
    """The text up to the end tag is taken as it is and handed to ``finish``."""

    finish: Callable[[str], Inline | Block]


def escape_markdown(text: str) -> str:
    return MARKDOWN_SPECIAL_RE.sub(r"\\\1", text).replace("<", "&lt;")


def code_block(language: str, title: str = "", link: str = "", link_text: str = "") -> Verbatim:
    def finish(code: str) -> Block:
        if not title and not link:
            return Block(code=code, language=language)
        caption = Open("code", title=title, link=link, source=link_text)
        return Block(caption, code=code, language=language)

    return Verbatim(finish)


def inline_form(payload) -> str:
    """A link or a picture as inline Markdown, for a tag that shares its line with text."""
    if isinstance(payload, Link) and is_remote(payload.url):
        return f"[{escape_markdown(payload.text or payload.url)}](<{payload.url}>)"
    if isinstance(payload, Picture) and " " not in payload.src:
        return f"![{escape_markdown(payload.alt or payload.caption)}](<{payload.src}>)"
    return ""


def _embed(url: str, text: str = "") -> Block:
    return Block(Link(url, text))


def _first_url(words: list[str]) -> int:
    return next((i for i, word in enumerate(words) if is_remote(word)), -1)


def _split_path(words: list[str]) -> tuple[list[str], str, list[str]]:
    """Hexo's ``[class names] path [width] [height] [title]``: the path is the first word that
    looks like a file (class names have no dot or slash)."""
    index = next((i for i, w in enumerate(words) if re.search(r"[./:]", w)), -1)
    if index == -1:
        return [], "", words
    return words[:index], words[index], words[index + 1 :]


def hexo_image(words: list[str]) -> Block | None:
    classes, path, rest = _split_path(words)
    if not path:
        return None
    sizes = {}
    for name in ("width", "height"):
        if rest and rest[0].isdigit():
            sizes[name] = rest.pop(0)
    if len(rest) == 2 and all(isinstance(word, Quoted) for word in rest):
        rest = [f'"{rest[0]}" "{rest[1]}"']  # a title and an alt text, each quoted
    title = alt = " ".join(rest)
    if m := TITLE_AND_ALT_RE.match(title):
        title, alt = m.group(1), m.group(2) or m.group(1)
    layout = tuple(ALIGNMENTS[c.lower()] for c in classes if c.lower() in ALIGNMENTS)
    return Block(Picture(path, alt=alt, caption=title, sizes=sizes, classes=layout))


def hexo_quote(words: list[str]) -> Begin:
    url = _first_url(words)
    before = words if url == -1 else words[:url]
    author, _, source = " ".join(before).partition(",")
    link = words[url] if url != -1 else ""
    link_title = " ".join(words[url + 1 :]) if url != -1 else ""
    return Begin(
        Open("quote", author=author.strip(), source=source.strip() or link_title, link=link)
    )


def hexo_codeblock(words: list[str]) -> Verbatim:
    language = next((w[5:] for w in words if w.startswith("lang:")), "")
    words = [w for w in words if ":" not in w or is_remote(w)]  # options are name:value
    url = _first_url(words)
    if url == -1:
        return code_block(language, title=" ".join(words))
    title, link_text = " ".join(words[:url]), " ".join(words[url + 1 :])
    return code_block(language, title=title, link=words[url], link_text=link_text)


def callout(name: str, words: list[str], named: dict[str, str]) -> Begin:
    variant = next((named[k] for k in ("type", "kind", "class", "variant") if k in named), "")
    title = named.get("title", "")
    if not variant and words and words[0].lower() in CALLOUT_KINDS:
        variant = words.pop(0)
    if not title and words and words[0].lower() not in {"no-icon", "true", "false"}:
        title = words[0]
    kind = CALLOUT_KINDS.get(variant.lower()) or CALLOUT_KINDS.get(name, "info")
    return Begin(Open("callout", variant=kind, title=title))


def quote(words: list[str], named: dict[str, str]) -> Begin:
    def first(*keys: str) -> str:
        return next((named[k] for k in keys if named.get(k)), "")

    author = first("author", "by", "name", "attribution") or (words[0] if words else "")
    source = first("source", "cite", "title", "book", "work") or " ".join(words[1:2])
    return Begin(Open("quote", author=author, source=source, link=first("link", "url", "href")))


def liquid(name: str, words: list[str], named: dict[str, str]):
    """A Hexo tag plugin or a Jekyll Liquid tag (both write ``{% name … %}``)."""
    if name in {"highlight", "code"}:
        if name == "code":
            return hexo_codeblock(words)
        return code_block(words[0] if words else "")
    if name == "codeblock":
        return hexo_codeblock(words)
    if name in {"asset_img", "img", "image"}:
        return hexo_image(words)
    if name in {"tweet", "twitter"} and words and is_remote(words[0]):
        return _embed(words[0])
    if name in {"youtube", "vimeo", "jsfiddle", "gist"} and words and ID_RE.match(words[0]):
        return _embed(_embed_url(name, words))
    if name == "iframe" and words and is_remote(words[0]):
        return _embed(words[0])
    if name == "blockquote":
        return hexo_quote(words)
    if name == "pullquote":
        return Begin(Open("quote"))
    if name in {"note", "alert", "callout"}:
        return callout(name, words, named)
    if name == "link" and len(words) >= 2 and _first_url(words) > 0:
        url = _first_url(words)
        return Inline(f"[{escape_markdown(' '.join(words[:url]))}](<{words[url]}>)")
    if name in {"post_link", "asset_link"} and words:
        return Inline(escape_markdown(" ".join(words[1:]) or words[0]))
    return None


CHIRPY_EMBEDS = {
    "youtube": "https://www.youtube.com/watch?v={}",
    "bilibili": "https://www.bilibili.com/video/{}",
    "twitch": "https://www.twitch.tv/videos/{}",
}


def include(words: list[str], named: dict[str, str]) -> Block | None:
    """What a Jekyll include shows when its parameters say: Chirpy's ``embed/youtube.html
    id=…`` and ``embed/video.html src=…``, or a picture include (``image.html url=…``).
    Any other include is a file of the site, which the article does not bring."""
    path = words[0] if words else ""
    embed = re.fullmatch(r"embed/(\w+)\.html", path)
    if embed and embed.group(1) in CHIRPY_EMBEDS and ID_RE.match(named.get("id", "")):
        return _embed(CHIRPY_EMBEDS[embed.group(1)].format(named["id"]), named.get("title", ""))
    if embed and named.get("src"):
        if is_remote(named["src"]):
            return _embed(named["src"], named.get("title", ""))
        return Block(Picture(named["src"], caption=named.get("title", "")))
    src = next((named[k] for k in ("url", "src", "image", "file", "path") if k in named), "")
    if src and IMAGE_FILE_RE.search(src):
        caption = next((named[k] for k in ("caption", "description", "title") if k in named), "")
        return Block(Picture(src, alt=named.get("alt", ""), caption=caption))
    return None


def _embed_url(name: str, words: list[str]) -> str:
    if name == "youtube":
        return f"https://www.youtube.com/watch?v={words[0]}"
    if name == "vimeo":
        return f"https://vimeo.com/{words[0]}"
    if name == "jsfiddle":
        return f"https://jsfiddle.net/{words[0]}/"
    if len(words) > 1 and ID_RE.match(words[1]):
        return f"https://gist.github.com/{words[0]}/{words[1]}"
    return f"https://gist.github.com/{words[0]}"


QUOTE_NAME_RE = re.compile(r"quote|epigraph", re.IGNORECASE)
HUGO_CALLOUTS = {"notice", "admonition", "alert", "callout", "hint", *CALLOUT_KINDS}
HUGO_DETAILS = {"details", "expand", "collapse", "spoiler", "collapsible"}


def hugo(name: str, words: list[str], named: dict[str, str]):
    """A Hugo shortcode, built-in or from a common theme."""
    if name == "highlight":
        return code_block(words[0] if words else named.get("lang", ""))
    if name in {"tweet", "x"}:
        tweet = named.get("id") or (words[-1] if words else "")
        user = named.get("user") or (words[0] if len(words) > 1 else "i")
        if ID_RE.match(tweet) and ID_RE.match(user):
            return _embed(f"https://x.com/{user}/status/{tweet}")
        return None
    if name in {"youtube", "vimeo", "gist"}:
        ids = [named["id"]] if named.get("id") else words
        if ids and all(ID_RE.match(i) for i in ids[:2]):
            return _embed(_embed_url(name, ids), named.get("title", ""))
        return None
    if name == "instagram" and words and ID_RE.match(words[0]):
        return _embed(f"https://www.instagram.com/p/{words[0]}/")
    if name in HUGO_CALLOUTS:
        return callout(name, list(words), named)
    if QUOTE_NAME_RE.search(name):
        return quote(words, named)
    if name in HUGO_DETAILS:
        title = named.get("summary") or named.get("title") or (words[0] if words else "")
        return Begin(Open("details", title=title))
    src = named.get("src") or next((w for w in words if IMAGE_FILE_RE.search(w)), "")
    if name in {"figure", "img", "image", "fig"} or (src and IMAGE_FILE_RE.search(src)):
        return hugo_figure(src, named)
    return None


def hugo_figure(src: str, named: dict[str, str]) -> Block | None:
    if not src:
        return None
    sizes, classes = size_and_classes(Attributes("", tuple(named.get("class", "").split()), named))
    caption = named.get("caption", "")
    if named.get("title"):
        caption = f"**{escape_markdown(named['title'])}** {caption}".strip()
    if named.get("attr"):
        attribution = escape_markdown(named["attr"])
        if is_remote(named.get("attrlink", "")):
            attribution = f"[{attribution}](<{named['attrlink']}>)"
        caption = f"{caption} {attribution}".strip()
    return Block(
        Picture(
            src,
            alt=named.get("alt", ""),
            caption=caption,
            caption_is_markdown=True,
            link=named.get("link", ""),
            sizes=sizes,
            classes=tuple(classes),
        )
    )
