"""Markdown to sanitised HTML, and the canonical plain text derived from that HTML.

The canonical text is what annotations and search count offsets in, so it must equal the
browser's ``textContent`` of the rendered body character for character. It is derived from the
sanitised HTML (never from the Markdown), because the sanitiser's output is what the browser
parses; nh3 (html5ever) re-serialises a well-formed tree, so the browser rebuilds the same one.
"""

import re
from dataclasses import dataclass, field
from html import unescape

import nh3

from .autolinks import BareUrls
from .cjk_emphasis import CjkEmphasis
from .code_blocks import code_class, code_highlighting
from .html_blocks import CommonMarkHtmlBlocks
from .linebreaks import LineBreaks
from .lists import ListInterruption, ListNesting
from .markdown_limits import converter
from .terminal import fence_terminal_sessions

# Bump when rendering changes: the importer then re-renders files whose bytes did not change.
RENDERER_VERSION = "5"

ALLOWED_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"lang", "dir", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed"},
    "time": {"datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "sup": {"id"},
    "li": {"id"},
}
# Articles only (notes share the rest): classes, which _filter_attribute narrows to the names
# the stylesheet knows (ALLOWED_CLASSES) and to code's language and highlighted tokens.
ARTICLE_ATTRIBUTES = {
    **ALLOWED_ATTRIBUTES,
    "img": ALLOWED_ATTRIBUTES["img"] | {"class"},
    **{tag: {"class"} for tag in ("code", "div", "figure", "p", "span")},
}
# The only class names kept, each one the stylesheet knows (archive/engine_syntax makes them):
# callouts, figures whose file is not here, code captions, picture placement and width.
ALLOWED_CLASSES = {
    "div": {"callout", "callout-tip", "callout-info", "callout-warning", "callout-danger"},
    "figure": {"missing", "code", "align-left", "align-right", "align-center", "only-light",
               "only-dark"},
    "img": {"align-left", "align-right", "align-center", "only-light", "only-dark",
            *(f"width-{percent}" for percent in range(10, 101, 10))},
    "p": {"callout-title", "quote-source"},
    "span": {"missing"},
}  # fmt: skip
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"
# Footnote anchors are the only ids kept; any other id could clobber DOM globals.
FOOTNOTE_ID_RE = re.compile(r"^fn(?:ref)?(?::\d+)+$")
# Three or more dashes (optionally spaced) alone on a line.
RULE_RE = re.compile(r"^ {0,3}(?:-[ \t]*){3,}$")
FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# "#话题#" or "#OpenAI" at the start of a line is a hashtag (Weibo, Obsidian): as in CommonMark,
# a heading needs a space after its hashes.
HASHTAG_LINE_RE = re.compile(r"^( {0,3})(#+[^#\s])")

EXTENSIONS = [
    "tables", "fenced_code", code_highlighting(), "footnotes", "sane_lists", "def_list", "abbr",
    CommonMarkHtmlBlocks(), LineBreaks(), ListInterruption(), ListNesting(), CjkEmphasis(),
    BareUrls(), "archive.engine_syntax",
]  # fmt: skip


@dataclass(frozen=True)
class Rendered:
    html: str
    # What could not be rendered as the author meant (repaired HTML, removed tags...): the
    # importer reports these per file.
    warnings: list[str] = field(default_factory=list)


def render_article(markdown_text: str) -> Rendered:
    """Render an article's Markdown to HTML that is safe to show as it is, with warnings."""
    md = converter("article", EXTENSIONS)
    md.glossa_warnings = []  # extensions append to this while they convert
    html = md.convert(separate_rules(fence_terminal_sessions(markdown_text)))
    return Rendered(sanitise(html), list(md.glossa_warnings))


def render(markdown_text: str) -> str:
    """Render Markdown to HTML that is safe to show as it is."""
    return render_article(markdown_text).html


def sanitise(
    html: str,
    *,
    tags: set[str] = ALLOWED_TAGS,
    attributes: dict[str, set[str]] = ARTICLE_ATTRIBUTES,
    link_rel: str = LINK_REL,
) -> str:
    """The one HTML sanitiser: articles use it as it is, readers' notes with fewer tags."""
    return nh3.clean(
        html,
        tags=tags,
        clean_content_tags={"script", "style", "template", "textarea", "title", "noscript"},
        attributes=attributes,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel=link_rel,
        set_tag_attribute_values={
            "img": {"loading": "lazy", "decoding": "async", "referrerpolicy": "no-referrer"}
        },
        strip_comments=True,
    )


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and not FOOTNOTE_ID_RE.match(value):
        return None
    if attribute == "class":
        known = [name for name in value.split() if name in ALLOWED_CLASSES.get(tag, ())]
        return " ".join(known) or code_class(tag, value)
    return value


def separate_rules(text: str) -> str:
    """Put a blank line before a dash rule that directly follows a text line; escape hashtags.

    In these articles a ``---`` under a paragraph is a cut mark, not a setext underline: without
    this, Markdown would turn the paragraph above it into a heading. A line that starts with a
    hashtag (``#话题#``) is text, not a heading.
    """
    lines = text.split("\n")
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        opener = FENCE_RE.match(line)
        if fence is None and opener:
            fence = opener.group(1)[0] * 3
        elif fence is not None and line.strip().startswith(fence):
            fence = None
        elif fence is None and RULE_RE.match(line) and out and out[-1].strip():
            out.append("")
        elif fence is None:
            line = HASHTAG_LINE_RE.sub(r"\1\\\2", line)
        out.append(line)
    return "\n".join(out)


# A tag in nh3's output: html5ever quotes every attribute value with double quotes and escapes
# the quotes inside, but leaves ">" unescaped there, so a quoted value may contain one.
TAG_RE = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>"]|"[^"]*")*>')
# The HTML parser drops one newline right after these start tags, so the browser's
# textContent does not contain it either.
NEWLINE_EATERS = {"pre", "listing", "textarea"}


def html_to_text(html: str) -> str:
    """The ``textContent`` a browser computes for an element whose innerHTML is ``html``.

    Only for the sanitiser's output: well-formed, no comments, no script or style content.
    A regular expression over it is five times faster than html.parser, which matters when
    10,000 articles are imported (the browser test proves the equality on hostile input).
    """
    parts: list[str] = []
    position = 0
    eat_newline = False
    for tag in TAG_RE.finditer(html):
        text = html[position : tag.start()]
        if eat_newline and text.startswith("\n"):
            text = text[1:]
        parts.append(unescape(text))  # per text node: an entity never spans two
        eat_newline = not tag.group(1) and tag.group(2).lower() in NEWLINE_EATERS
        position = tag.end()
    text = html[position:]
    if eat_newline and text.startswith("\n"):
        text = text[1:]
    parts.append(unescape(text))
    return "".join(parts)


HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
KANA_RE = re.compile(r"[\u3040-\u30ff]")
HANGUL_RE = re.compile(r"[\uac00-\ud7af]")
LATIN_RE = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    """A BCP 47 tag for the text's main script: enough for fonts, hyphenation and screen readers."""
    sample = text[:1500]  # enough to tell the script, and cheap on every import
    kana, hangul = len(KANA_RE.findall(sample)), len(HANGUL_RE.findall(sample))
    han, latin = len(HAN_RE.findall(sample)), len(LATIN_RE.findall(sample))
    if kana > 20:
        return "ja"
    if hangul > 20:
        return "ko"
    # Each Han character is a word; Latin letters are about five to a word.
    if han and han * 5 >= latin:
        return "zh-Hans"
    return "en"


def reading_minutes(text: str, lang: str) -> int:
    """Minutes to read: about 400 Chinese characters or 220 English words a minute."""
    if lang.startswith(("zh", "ja", "ko")):
        units = len(HAN_RE.findall(text)) + len(KANA_RE.findall(text)) + len(text.split()) // 2
        return max(1, round(units / 400))
    return max(1, round(len(text.split()) / 220))
