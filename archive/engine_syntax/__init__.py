"""Blog-engine syntax read as the engine would have shown it: a Python-Markdown extension.

Posts exported from Hexo, Jekyll (Chirpy) and Hugo carry their engine's template syntax, which
plain Markdown shows as text. This extension turns it into what the engine rendered, within
what the sanitiser allows:

* Hexo tag plugins (``asset_img``, ``img``, ``codeblock``, ``blockquote``, ``note``, ``link``,
  ``post_link``, ``youtube``…), Jekyll Liquid (``highlight``, ``raw``, ``comment``,
  ``include``, ``tweet``, ``{{ site.baseurl }}``) and Hugo shortcodes in both ``{{< >}}`` and
  ``{{% %}}`` forms (``figure``, ``highlight``, ``tweet``, ``youtube``, ``gist``, quote
  shortcodes such as ``fig-quote``, notices and admonitions, ``details``).
* kramdown attribute lists: Chirpy's ``{: .prompt-tip }`` under a quote makes a callout, as
  does an alert quote (``> [!NOTE]``: Hugo, GitHub, Obsidian); ``{: width="300" .right }``
  and pandoc's ``{ width=60% }`` size and place a picture; an emphasised line right under a
  picture is its caption (Chirpy). Quotes a blank line apart stay apart, as in CommonMark.
* ``<object>``, ``<embed>``, ``<iframe>``, ``<video>`` and ``<audio>`` stay forbidden but leave
  a link to what they showed, as do Chirpy's ``{% include embed/youtube.html id=… %}``.

The app never loads third-party frames or scripts, so an embed becomes a plain link. A picture
whose file is not here (any path that is not an http(s) URL: imported articles bring no
assets) becomes a figure showing its caption or alt text instead of a broken image. An
unknown tag or shortcode is removed, its content kept, and named in a warning; so is
everything else that could not be shown as the engine showed it.

How: the rewriter (rewrite.py, markup.py) runs as a preprocessor before fenced code, rewriting
tags outside code into Markdown and into markers on lines of their own; a tree processor turns
the markers into elements before inline Markdown, and another handles pictures after it. Tags
in code spans and code blocks are shown as written. The work is linear in the text (scan.py).
"""

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from .rewrite import Rewriter
from .tree import MARK_RE, MarkerProcessor, PictureProcessor


class State:
    """What one conversion collects: marker payloads, missing files, warnings."""

    def __init__(self, md):
        self.md = md
        self.marks: list = []
        self.missing: list[str] = []
        self.warned: set[str] = set()

    def mark(self, payload) -> str:
        self.marks.append(payload)
        return f"\x02glossa:{len(self.marks) - 1}\x03"

    def warn(self, message: str) -> None:
        if message not in self.warned:
            self.warned.add(message)
            getattr(self.md, "glossa_warnings", []).append(message)


class RewritePreprocessor(Preprocessor):
    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        return Rewriter("\n".join(lines), self.extension.state).run().split("\n")


class LeftoverMarkers(Postprocessor):
    """A marker the tree processor could not place (inside a tight list item or a table
    cell) must not reach the page."""

    def run(self, text: str) -> str:
        return MARK_RE.sub("", text)


class EngineSyntax(Extension):
    def extendMarkdown(self, md) -> None:
        md.registerExtension(self)
        self.reset_state(md)
        # After whitespace normalising (30), before fenced code (25) and raw HTML (20).
        md.preprocessors.register(RewritePreprocessor(md, self), "engine_syntax", 27)
        # Before inline Markdown (20), so that captions and callout titles get it.
        md.treeprocessors.register(MarkerProcessor(md, self), "engine_markers", 30)
        md.treeprocessors.register(PictureProcessor(md, self), "engine_pictures", 15)
        md.postprocessors.register(LeftoverMarkers(md), "engine_leftovers", 5)

    def reset_state(self, md) -> None:
        self.md = md
        self.state = State(md)

    def reset(self) -> None:
        self.reset_state(self.md)


def makeExtension(**kwargs) -> EngineSyntax:  # noqa: N802 (Python-Markdown's name)
    """A new extension per converter: each holds the state of its own conversions."""
    return EngineSyntax(**kwargs)
