"""The two tree processors: markers to elements (before inline Markdown), pictures after it."""

import re
import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from .build import (
    CALLOUT_KINDS,
    Attributes,
    Break,
    Close,
    Link,
    Open,
    Picture,
    is_remote,
    link,
    missing_inline,
    parse_attribute_list,
    picture,
    size_and_classes,
    wrapper,
)
from .rewrite import UNRESOLVED

MARK_RE = re.compile("\x02glossa:(\\d+)\x03")
# An alert's first line: "[!NOTE]", "[!tip] Custom title", Obsidian's foldable "[!faq]-".
ALERT_RE = re.compile(r"^\[!([A-Za-z]{2,12})\][+-]?[ \t]*([^\n]*)(?:\n|$)")
ALERT_KINDS = {"note": "info", "important": "info", "caution": "danger"}  # GitHub's colours
TRAILING_MARK_RE = re.compile("\\s*\x02glossa:(\\d+)\x03\\s*$")
HEADING_ATTRIBUTES_RE = re.compile(r"\s*\{[:#.][^{}\n]{0,200}\}\s*$")


def _prompt(attributes: Attributes) -> str:
    """The callout kind of a Chirpy ``{: .prompt-tip }`` (tip, info, warning, danger)."""
    for name in attributes.classes:
        if name in {"prompt-tip", "prompt-info", "prompt-warning", "prompt-danger"}:
            return name.removeprefix("prompt-")
    return ""


class MarkerProcessor(Treeprocessor):
    """Markers left by the rewriter become figures, links and wrappers; attribute lists
    apply to the block they follow."""

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    @property
    def state(self):  # the state of the conversion under way
        return self.extension.state

    def run(self, root: etree.Element) -> None:
        if self.state.marks or root.find(".//blockquote") is not None:
            self.visit(root)

    def payload(self, element: etree.Element):
        m = MARK_RE.fullmatch((element.text or "").strip())
        if element.tag == "p" and m and len(element) == 0:
            return self.state.marks[int(m.group(1))]
        return None

    def visit(self, parent: etree.Element) -> None:
        rebuilt: list[etree.Element] = []
        stack: list[tuple[Open, list]] = []
        for child in list(parent):
            target = stack[-1][1] if stack else rebuilt
            payload = self.payload(child)
            if isinstance(payload, Open):
                stack.append((payload, []))
            elif isinstance(payload, Close):
                if stack:
                    opened, children = stack.pop()
                    (stack[-1][1] if stack else rebuilt).append(wrapper(opened, children))
            elif isinstance(payload, Picture):
                target.append(picture(payload, self.state.missing))
            elif isinstance(payload, Link):
                target.append(link(payload))
            elif isinstance(payload, Break):
                continue
            elif isinstance(payload, Attributes):
                self.attach(payload, target[-1] if target else None)
            elif child.tag == "blockquote":
                target.extend(self.callouts(child))
            else:
                self.trailing(child)
                target.append(child)
        for _, children in stack:  # a start without its end: the content stays, unwrapped
            rebuilt.extend(children)
        parent[:] = rebuilt
        for child in parent:
            self.visit(child)

    def callouts(self, quote: etree.Element) -> list[etree.Element]:
        """A quote split into its callouts: Chirpy's ``{: .prompt-… }`` under a paragraph ends
        one, an alert's ``[!NOTE]`` line (Hugo, GitHub, Obsidian) starts one.

        Python-Markdown joins quotes that only a blank line separates, so four prompts in a
        row arrive as one quote.
        """
        parts: list[etree.Element] = []
        group: dict = {"kind": "", "title": "", "children": []}
        split = False
        for child in list(quote):
            first = child is quote[0]  # an alert's mark opens its quote
            alert = ALERT_RE.match(child.text or "") if child.tag == "p" and first else None
            if alert:
                split = True
                parts.extend(_group(group))
                kind = alert.group(1).lower()
                group = {"kind": ALERT_KINDS.get(kind) or CALLOUT_KINDS.get(kind, "info"),
                         "title": alert.group(2).strip(), "children": []}  # fmt: skip
                child.text = child.text[alert.end() :]
                if not child.text.strip() and len(child) == 0:
                    continue
            group["children"].append(child)
            m = TRAILING_MARK_RE.search(child.text or "") if len(child) == 0 else None
            payload = self.state.marks[int(m.group(1))] if m else None
            if isinstance(payload, Attributes) and _prompt(payload):
                child.text = child.text[: m.start()]
                if not child.text.strip():
                    group["children"].pop()
                group["kind"], split = _prompt(payload), True
                parts.extend(_group(group))
                group = {"kind": "", "title": "", "children": []}
        if not split:
            return [quote]
        parts.extend(_group(group))
        if parts:
            parts[-1].tail = quote.tail
        return parts

    def trailing(self, element: etree.Element) -> None:
        """An attribute list on the last line of a block (kramdown's lazy line)."""
        m = TRAILING_MARK_RE.search(element.text or "") if len(element) == 0 else None
        if m is None:
            return
        element.text = element.text[: m.start()]
        payload = self.state.marks[int(m.group(1))]
        if isinstance(payload, Attributes):
            self.attach(payload, element)

    def attach(self, attributes: Attributes, block) -> None:
        if block is None:
            return
        text = (block.text or "").strip()
        if block.tag == "blockquote" and _prompt(attributes):
            _make_callout(block, _prompt(attributes))
        elif block.tag == "p" and HTML_PLACEHOLDER_RE.fullmatch(text):
            title = attributes.values.get("file") or attributes.values.get("title")
            if title:  # Chirpy's {: file="…" } under a code block names the file
                code = etree.Element("p")
                code.text = block.text
                block.tag, block.text = "figure", None
                block.attrib = {"class": "code"}
                caption = etree.SubElement(block, "figcaption")
                caption.text = title
                block.append(code)
        elif block.tag == "p" and text.endswith(")") and len(block) == 0:
            block.text = text + attributes.source  # the picture processor reads it


def _group(group: dict) -> list[etree.Element]:
    """A callout of the group's kind, or a plain quote; nothing for an empty group."""
    if not group["children"]:
        return []
    if not group["kind"]:
        element = etree.Element("blockquote")
        element.extend(group["children"])
        return [element]
    return [wrapper(Open("callout", group["kind"], group["title"]), group["children"])]


def _make_callout(element: etree.Element, kind: str) -> None:
    element.tag = "div"
    element.set("class", f"callout callout-{kind}")


class PictureProcessor(Treeprocessor):
    """After inline Markdown: attribute lists on pictures, figures for pictures whose file is
    not here, links to other posts of the blog shown as text, heading attributes removed."""

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    @property
    def state(self):  # the state of the conversion under way
        return self.extension.state

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    self.picture(child, parent, index)
                elif child.tag == "a" and child.get("href", "").startswith(UNRESOLVED):
                    child.tag, child.attrib = "span", {}
                    self.state.warn("a link to another post of the blog kept as text")
                elif child.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                    _strip_heading_attributes(child)
        if self.state.missing:
            names = list(dict.fromkeys(self.state.missing))
            shown = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
            what = (
                "picture or file is" if len(names) == 1 else f"{len(names)} pictures or files are"
            )
            self.state.warn(f"{what} not here, shown as a caption: {shown}")

    def caption(self, image, parent, alt: str, classes: list[str]) -> None:
        """Chirpy's caption: an emphasised line right under the picture."""
        emphasis = parent[1]
        src = image.get("src", "")
        if is_remote(src):
            figure = etree.Element("figure")
            image.tail = None
            figure.append(image)
        else:
            figure = picture(Picture(src, alt=alt, classes=tuple(classes)), self.state.missing)
            figure.remove(figure[0])  # the emphasised line is the caption, not the alt text
        caption = etree.SubElement(figure, "figcaption")
        caption.text = emphasis.text
        caption.extend(list(emphasis))
        parent.tag, parent.attrib, parent.text = figure.tag, figure.attrib, None
        parent[:] = list(figure)

    def picture(self, image: etree.Element, parent: etree.Element, index: int) -> None:
        attributes = parse_attribute_list(image.tail) if image.tail else None
        sizes, classes = {}, []
        if attributes:
            image.tail = image.tail[len(attributes.source) :]
            sizes, classes = size_and_classes(attributes)
        src = image.get("src", "").removeprefix(UNRESOLVED)
        if remote := is_remote(src):
            image.attrib.update(sizes)
            if classes:
                image.set("class", " ".join(classes))
        alt = image.get("alt", "") or image.get("title", "")
        if _captioned(image, parent):
            return self.caption(image, parent, alt, classes)
        if remote:
            return
        alone = len(parent) == 1 and not (parent.text or "").strip()
        if parent.tag == "p" and alone and not (image.tail or "").strip():
            # The paragraph holds only this picture: it becomes the figure, in place.
            figure = picture(Picture(src, alt=alt, classes=tuple(classes)), self.state.missing)
            parent.tag, parent.attrib, parent.text = figure.tag, figure.attrib, figure.text
            parent[:] = list(figure)
            return
        span = missing_inline(src, alt, self.state.missing)
        span.tail = image.tail
        parent[index] = span


def _captioned(image: etree.Element, parent: etree.Element) -> bool:
    """Whether a paragraph is just a picture, a line break and an emphasised line."""
    if parent.tag != "p" or len(parent) != 2 or parent[0] is not image or parent[1].tag != "em":
        return False
    gap, after = image.tail or "", parent[1].tail or ""
    return (
        not (parent.text or "").strip() and gap.strip() == "" and "\n" in gap and not after.strip()
    )


def _strip_heading_attributes(heading: etree.Element) -> None:
    """``## Title {#custom-id}`` (pandoc, kramdown, Hugo): ids are never kept; the braces go."""
    if len(heading):
        last = heading[-1]
        if last.tail and HEADING_ATTRIBUTES_RE.search(last.tail):
            last.tail = HEADING_ATTRIBUTES_RE.sub("", last.tail)
    elif heading.text and HEADING_ATTRIBUTES_RE.search(heading.text):
        heading.text = HEADING_ATTRIBUTES_RE.sub("", heading.text)
