"""Control characters: a text keeps its tabs and line breaks, a one-line field does not."""

from archive.control_characters import CONTROL_RE, ONE_LINE_CONTROL_RE


def test_a_text_loses_its_control_characters_but_keeps_tabs_and_line_breaks():
    assert CONTROL_RE.sub("", "a\x00b\x1b[0m\x7f\tc\r\nd") == "ab[0m\tc\r\nd"


def test_a_one_line_field_loses_tabs_and_line_breaks_too():
    assert ONE_LINE_CONTROL_RE.sub(" ", "a\x00b\tc\r\nd") == "a b c d"
