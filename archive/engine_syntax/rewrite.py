"""One pass over the Markdown text that rewrites engine syntax outside code.

Blocks (pictures, embeds, wrapper starts and ends) become markers on lines of their own, with
the line's list indentation or quote prefix, so they stay inside the list item or quote they
were written in; code becomes a fenced block; the rest is replaced by Markdown text. Inside
code, only what the engines themselves never show is rewritten: a pair of Jekyll
``{% raw %}``/``{% endraw %}`` markers and Hugo's ``{{</* escape */>}}``.

This module holds the pass, its output and the engine tags (Liquid, Hugo) with their pairs;
markup.py rewrites HTML embeds, quotes and kramdown attribute lists.
"""

import bisect
import functools
import heapq
import re

from . import tags
from .build import Close
from .markup import MarkupOpeners
from .scan import LINE_OPENER_RE, MAX_TAG, OPENER_RE, Code, Finder, find_code, parse_args

PREFIX_RE = re.compile(r"[ \t>]*")
SPACES_RE = re.compile(r"[ \t]*")
NAME_RE = re.compile(r"^/?\s*([A-Za-z_][\w.:/-]{0,60})")
TAG_NAME_RE = re.compile(r"^[a-z_][\w-]{0,60}$")
LIQUID_VARIABLE_RE = re.compile(
    r"^-?\s*(?:site|page|layout|paginator|jekyll)\.[\w.]+\s*(?:\|[^{}]*)?-?$"
)
LIQUID_LITERAL_RE = re.compile(
    r"""^-?\s*(["'])([^"'{}]*)\1\s*\|\s*(?:relative_url|absolute_url)\s*-?$"""
)
MAX_DEPTH = 50
# Where a link or picture pointed into the blog itself (another post, a site path): the
# picture processor shows the link's text, or the picture's caption.
UNRESOLVED = "glossa-unresolved:"


class Rewriter(MarkupOpeners):
    def __init__(self, text: str, state):
        self.text, self.state = text, state
        self.finder = Finder(text)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.out: list[str] = []
        self.position = 0
        self.stack: list[tuple[str, str, bool]] = []  # open pairs: syntax, name, known
        self.closers: dict[tuple, tuple[int, re.Match | None]] = {}
        self.raw_ends: set[int] = set()  # {% endraw %} in code that close a {% raw %}

    @functools.cached_property
    def code(self) -> Code:  # found only when there is a tag to look at
        return find_code(self.text, self.finder)

    def run(self) -> str:
        tags_found = OPENER_RE.finditer(self.text)
        lines_found = LINE_OPENER_RE.finditer(self.text)
        for m in heapq.merge(tags_found, lines_found, key=lambda m: m.start()):
            if m.start() >= self.position:
                getattr(self, "_" + m.lastgroup)(m, self.code.contains(m.end() - 1))
        closes = [self.state.mark(Close()) for _, _, known in reversed(self.stack) if known]
        self.out.append(self.text[self.position :])
        if closes:
            self.out.append("\n\n" + "\n\n".join(closes) + "\n")
        return "".join(self.out)

    # Output

    def replace(self, start: int, end: int, text: str) -> None:
        self.out.append(self.text[self.position : start])
        self.out.append(text)
        self.position = end

    def line_of(self, position: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.line_starts, position) - 1
        start = self.line_starts[index]
        following = self.line_starts[index + 1] - 1 if index + 1 < len(self.line_starts) else None
        return start, len(self.text) if following is None else following

    def alone(self, start: int, end: int) -> bool:
        """Whether nothing but a quote prefix or spaces shares the lines of ``start:end``."""
        line_start, _ = self.line_of(start)
        _, line_end = self.line_of(end)
        before = PREFIX_RE.match(self.text, line_start, start).end() == start
        return before and SPACES_RE.match(self.text, end, line_end).end() == line_end

    def block(self, start: int, end: int, parts: list[str]) -> None:
        """Put ``parts`` in place of the tag as blocks of their own, each blank-line apart."""
        line_start, _ = self.line_of(start)
        prefix = PREFIX_RE.match(self.text, line_start, start).group(0)
        separator = "\n" + prefix.rstrip() + "\n" + prefix
        body = separator.join(part.replace("\n", "\n" + prefix) for part in parts)
        self.replace(start, end, separator + body + separator)

    def remove(self, start: int, end: int, warning: str = "") -> None:
        self.replace(start, end, "")
        if warning:
            self.state.warn(warning)

    # Pairs

    def closer(self, syntax: str, name: str, start: int, *, prose: bool) -> re.Match | None:
        """The first end tag of ``name`` after ``start`` (outside code when ``prose``)."""
        key = (syntax, name, prose)
        cached = self.closers.get(key)
        if cached and cached[0] <= start and (cached[1] is None or start <= cached[1].start()):
            return cached[1]
        escaped = re.escape(name)
        if syntax == "liquid":
            pattern = re.compile(r"\{%-?\s*end" + escaped + r"\s*-?%\}")
        else:
            pattern = re.compile(r"\{\{[<%]\s*/\s*" + escaped + r"\s*[>%]\}\}")
        found = pattern.search(self.text, start)
        while prose and found and self.code.contains(found.start()):
            found = pattern.search(self.text, found.end())
        self.closers[key] = (start, found)
        return found

    def apply(self, result, syntax: str, name: str, start: int, end: int) -> None:
        shown = f"{{% {name} %}}" if syntax == "liquid" else f"{{{{< {name} >}}}}"
        kind = "tag" if syntax == "liquid" else "Hugo shortcode"
        if isinstance(result, tags.Verbatim):
            found = self.closer(syntax, name, end, prose=False)
            if found is None:
                return self.remove(start, end, f"{shown} has no end tag: removed")
            result = result.finish(self.text[end : found.start()])
            end = found.end()
        if isinstance(result, tags.Inline):
            return self.replace(start, end, result.text)
        inline = tags.inline_form(result.payload) if isinstance(result, tags.Block) else ""
        if inline and not self.alone(start, end):  # in a sentence or a table cell
            return self.replace(start, end, inline)
        if isinstance(result, tags.Block):
            parts = [self.state.mark(result.payload)] if result.payload else []
            if result.code is not None:
                line_start, _ = self.line_of(start)
                nested = PREFIX_RE.match(self.text, line_start, start).end() > line_start
                parts.append(result.code_markdown(nested))
                if result.payload:
                    parts.append(self.state.mark(Close()))
            return self.block(start, end, parts)
        paired = len(self.stack) < MAX_DEPTH and self.closer(syntax, name, end, prose=True)
        if not paired:
            return self.remove(start, end, f"unknown {kind} {shown} removed" if result is None
                               else f"{shown} has no end tag: removed")  # fmt: skip
        known = result is not None and result.payload is not None
        self.stack.append((syntax, name, known))
        if known:
            return self.block(start, end, [self.state.mark(result.payload)])
        self.remove(start, end, f"unknown {kind} {shown} removed; its content kept")

    def close(self, syntax: str, name: str, start: int, end: int) -> None:
        entries = [(s, n) for s, n, _ in self.stack]
        if (syntax, name) not in entries:
            shown = f"{{% end{name} %}}" if syntax == "liquid" else f"{{{{< /{name} >}}}}"
            return self.remove(start, end, f"{shown} without its start removed")
        index = len(entries) - 1 - entries[::-1].index((syntax, name))
        closes = [self.state.mark(Close()) for _, _, known in reversed(self.stack[index:]) if known]
        del self.stack[index:]
        if closes:
            return self.block(start, end, closes)
        self.remove(start, end)

    # Openers of engine tags, by the OPENER_RE group that found them (the others: markup.py)

    def _liquid(self, m: re.Match, in_code: bool) -> None:
        start = m.start()
        close = self.finder.find("%}", m.end())
        if close == -1 or close - start > MAX_TAG or "{%" in self.text[m.end() : close]:
            return
        inner = self.text[m.end() : close].rstrip("-").strip()
        name, rest = ([*inner.split(None, 1), ""])[:2] if inner else ("", "")
        name, end = name.lower(), close + 2
        if in_code:
            return self.raw_in_code(name, start, end)
        if not TAG_NAME_RE.match(name):
            return  # "{%22" in a URL, not a tag
        if name == "raw":
            return self.apply(tags.Verbatim(tags.Inline), "liquid", name, start, end)
        if name == "comment":
            return self.apply(tags.Verbatim(lambda _: tags.Inline("")), "liquid", name, start, end)
        if name.startswith("end"):
            return self.close("liquid", name[3:], start, end)
        if name in {"post_url", "post_path", "link", "asset_path"} and self.in_link(start):
            return self.replace(start, end, UNRESOLVED + "".join(rest.split()[:1]))
        positional, named = parse_args(rest)
        if name in {"include", "include_relative", "include_code", "include_raw"}:
            if result := tags.include(positional, named):
                return self.apply(result, "liquid", name, start, end)
            shown = f"{{% {name} {''.join(positional[:1])} %}}"
            return self.remove(start, end, f"{shown} removed: the file is not part of the article")
        self.apply(tags.liquid(name, positional, named), "liquid", name, start, end)

    def raw_in_code(self, name: str, start: int, end: int) -> None:
        """Jekyll never shows a ``{% raw %}``…``{% endraw %}`` pair, even in code (Liquid runs
        before Markdown); a lone one is someone writing about the tag, and stays."""
        if name == "raw":
            found = self.closer("liquid", "raw", end, prose=False)
            if found is None or not self.code.contains(found.start()):
                return
            self.raw_ends.add(found.start())
        elif name != "endraw" or start not in self.raw_ends:
            return
        line_start, line_end = self.line_of(start)
        if self.alone(start, end) and line_start >= self.position:
            return self.replace(line_start, min(line_end + 1, len(self.text)), "")
        self.replace(start, end, "")

    def in_link(self, start: int) -> bool:
        """Whether ``start`` is where a Markdown link's destination begins: ``[text](here``."""
        return self.text[max(0, start - 8) : start].rstrip().endswith("](")

    def _hugo(self, m: re.Match, in_code: bool) -> None:
        start, delimiter = m.start(), m.group(0)[-1]
        ending = ">}}" if delimiter == "<" else "%}}"
        body_start = m.end()
        escaped = self.text[body_start : body_start + 3].lstrip().startswith("/*")
        close = self.finder.find(("*/" if escaped else "") + ending, body_start)
        if close == -1 or close - start > MAX_TAG:
            return
        if escaped:  # Hugo shows {{</* x */>}} as {{< x >}}, in code too
            inner = self.text[body_start:close].lstrip()[2:]
            return self.replace(start, close + 2 + len(ending), "{{" + delimiter + inner + ending)
        inner = self.text[body_start:close].strip()
        end = close + len(ending)
        name_match = NAME_RE.match(inner)
        if in_code or not name_match:
            return
        name = name_match.group(1).lower()
        if inner.startswith("/"):
            return self.close("hugo", name, start, end)
        if name in {"ref", "relref"}:
            if self.in_link(start):
                target = "".join(parse_args(inner[len(name) :])[0][:1])
                return self.replace(start, end, UNRESOLVED + target)
            return self.remove(start, end, f"Hugo {{{{< {name} >}}}} link removed")
        positional, named = parse_args(inner[name_match.end() :].rstrip("/"))
        self.apply(tags.hugo(name, positional, named), "hugo", name, start, end)

    def _output(self, m: re.Match, in_code: bool) -> None:
        close = self.finder.find("}}", m.end())
        if in_code or close == -1 or close - m.start() > MAX_TAG:
            return
        inner = self.text[m.end() : close].strip()
        if literal := LIQUID_LITERAL_RE.match(inner):
            target = (UNRESOLVED if self.in_link(m.start()) else "") + literal.group(2)
            return self.replace(m.start(), close + 2, target)
        if LIQUID_VARIABLE_RE.match(inner):
            self.remove(m.start(), close + 2, f"Liquid variable {{{{ {inner} }}}} removed")
