"""A readable outline of rendered article HTML, for golden-file tests of rendering fidelity.

Each block becomes one line, indented by nesting: ``h2 Title``, ``p 24 chars: The opening wor…``,
``li``, ``pre python (3 lines)``, ``figure img=photo.png caption="A photo"``, ``a https://…``.
A reviewer reads the outline and knows what the page looks like, without reading the HTML; a
golden outline that changes shows exactly which structure a change altered.
"""

from html.parser import HTMLParser

BLOCKS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "pre", "blockquote", "table",
    "tr", "figure", "figcaption", "details", "summary", "hr", "div", "aside", "dl", "dt", "dd",
}  # fmt: skip
# Inline elements worth a line of their own: where a link or picture goes matters to a reader.
NOTED_INLINE = {"a", "img", "br"}
TEXT_PREVIEW = 32


class _Outliner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.stack: list[dict] = []  # open blocks: their line index and text so far

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        depth = len(self.stack)
        if tag in BLOCKS:
            self.lines.append("  " * depth + _describe(tag, attrs))
            if tag not in {"hr"}:
                if self.stack:
                    self.stack[-1]["children"] = True
                self.stack.append({"tag": tag, "line": len(self.lines) - 1, "text": [], "own": []})
        elif tag in NOTED_INLINE:
            self.lines.append("  " * depth + _describe(tag, attrs))
        elif tag == "code" and self.stack and self.stack[-1]["tag"] == "pre":
            language = _language(attrs)
            if language:
                self.lines[self.stack[-1]["line"]] += f" {language}"

    def handle_endtag(self, tag):
        if tag not in BLOCKS or tag == "hr":
            return
        while self.stack:
            block = self.stack.pop()
            text = "".join(block["text"])
            if block["tag"] == "pre":
                self.lines[block["line"]] += f" ({len(text.rstrip(chr(10)).splitlines())} lines)"
            else:
                # A container (list, quote, table) shows only the text outside its children.
                shown = "".join(block["own"]) if block.get("children") else text
                if shown.strip():
                    self.lines[block["line"]] += " " + _preview(shown)
            if self.stack:
                self.stack[-1]["text"].append(text)
            if block["tag"] == tag:
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1]["text"].append(data)
            self.stack[-1]["own"].append(data)


def _language(attrs: dict) -> str:
    for name in (attrs.get("class") or "").split():
        if name.startswith("language-"):
            return name
    return ""


def _describe(tag: str, attrs: dict) -> str:
    if tag == "a":
        return f"a {attrs.get('href', '')}"
    if tag == "img":
        return f"img {attrs.get('src', '')} alt={attrs.get('alt', '')!r}"
    if tag == "ol" and attrs.get("start"):
        return f"ol start={attrs['start']}"
    classes = " ".join(f".{name}" for name in (attrs.get("class") or "").split())
    return f"{tag}{' ' + classes if classes else ''}"


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    cut = flat if len(flat) <= TEXT_PREVIEW else flat[:TEXT_PREVIEW] + "…"
    return f"{len(flat)} chars: {cut}"


def outline(html: str) -> str:
    """One line per block of ``html`` (and per link, image and line break), indented."""
    parser = _Outliner()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.lines) + "\n"
