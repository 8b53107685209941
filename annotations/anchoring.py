"""Where an annotation sits in an article's canonical text.

Offsets are Unicode code points, as Python indexes ``str``: the W3C TextPositionSelector
counts characters, and the browser code converts from its UTF-16 units before sending them.
"""

CONTEXT_LENGTH = 32


def quote_context(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The quote at ``start..end`` and about 32 characters on either side of it."""
    return (
        text[start:end],
        text[max(0, start - CONTEXT_LENGTH) : start],
        text[end : end + CONTEXT_LENGTH],
    )
