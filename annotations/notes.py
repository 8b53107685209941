"""Notes are Markdown written by readers: rendered with the article sanitiser, minus images.

Images are left out because a remote image in a note would tell its host who read the note;
ids too, since a note has no footnotes and an id could clobber a DOM global. Links are marked
``ugc`` (user-generated content).
"""

from archive.markdown_limits import converter
from archive.rendering import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, LINK_REL, sanitise

NOTE_TAGS = ALLOWED_TAGS - {"img", "figure", "figcaption", "details", "summary"}
NOTE_ATTRIBUTES = {tag: attrs - {"id"} for tag, attrs in ALLOWED_ATTRIBUTES.items() if tag != "img"}

EXTENSIONS = ["fenced_code", "sane_lists", "tables"]


def render_note(source: str) -> str:
    return sanitise(
        converter("note", EXTENSIONS).convert(source),
        tags=NOTE_TAGS,
        attributes=NOTE_ATTRIBUTES,
        link_rel=f"{LINK_REL} ugc",
    )
