"""Notes are Markdown written by readers: rendered with the article sanitiser, minus images.

Images are left out because a remote image in a note would tell its host who read the note.
"""

import nh3

from archive.markdown_limits import converter
from archive.rendering import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES

NOTE_TAGS = ALLOWED_TAGS - {"img", "figure", "figcaption", "details", "summary"}
NOTE_ATTRIBUTES = {tag: attrs - {"id"} for tag, attrs in ALLOWED_ATTRIBUTES.items() if tag != "img"}

EXTENSIONS = ["fenced_code", "sane_lists", "tables"]


def render_note(source: str) -> str:
    return nh3.clean(
        converter("note", EXTENSIONS).convert(source),
        tags=NOTE_TAGS,
        clean_content_tags={"script", "style", "template", "textarea", "title", "noscript"},
        attributes=NOTE_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow ugc",
    )
