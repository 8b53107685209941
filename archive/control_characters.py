"""Control characters that text from outside (files, a search box) may not bring in.

A NUL breaks PostgreSQL's text and JSON types; the others are invisible and only get in the way.
"""

import re

# Every C0 control character and DEL but tab, line feed and carriage return, which a text may keep.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# All of them, tab and line breaks too: for a one-line field (a search box drops line breaks
# without leaving a space, so words on two lines would run together when the query comes back).
ONE_LINE_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]+")
