"""Names, roles and dates of people and organisations in the reader's language.

The registry keeps an entity's canonical (usually Latin-script) name and its names in other
scripts; a reader of the Chinese interface sees the Chinese name first. Punctuation that the
pages put between names, roles and dates comes from translated format strings, so that Chinese
gets its full-width commas and parentheses from the catalogue, not from code.
"""

import datetime
import re

from django.utils.formats import date_format
from django.utils.translation import get_language, pgettext

# Affiliation dates are stored as the registry writes them: YYYY or YYYY-MM.
YEAR_OR_MONTH = re.compile(r"(\d{4})(?:-(\d{1,2}))?")


def reads_chinese() -> bool:
    return (get_language() or "").lower().startswith("zh")


def name_in_reader_language(name: str, names: dict) -> str:
    """The Chinese name for a reader of the Chinese interface, where there is one."""
    return (names.get("zh") or name) if reads_chinese() else name


def other_names(name: str, names: dict) -> list[tuple[str, str]]:
    """(language, text) of the names shown beside the heading; "" for the canonical name,
    whose language the registry does not record."""
    heading = name_in_reader_language(name, names)
    others = [("", name), *((script, text) for script, text in names.items() if text)]
    seen, result = {heading}, []
    for script, text in others:
        if text not in seen:
            seen.add(text)
            result.append((script, text))
    return result


def month_or_year(value: str) -> str:
    """ "2024" or "2024-08" in the reader's language (2024年8月); anything else as stored."""
    match = YEAR_OR_MONTH.fullmatch(value.strip())
    if not match:
        return value
    year, month = int(match[1]), match[2]
    if month is None:
        return pgettext("a year alone, as in an affiliation's dates", "{year}").format(year=year)
    if not 1 <= int(month) <= 12:
        return value
    return date_format(datetime.date(year, int(month), 1), "YEAR_MONTH_FORMAT")


def period(since: str, until: str) -> str:
    """The span of an affiliation: both ends, from a date on (current), or up to a date."""
    since, until = month_or_year(since), month_or_year(until)
    if since and until:
        return pgettext("affiliation dates", "{since}–{until}").format(since=since, until=until)
    if since:
        return pgettext("affiliation dates, current", "since {since}").format(since=since)
    if until:
        return pgettext("affiliation dates, start unknown", "until {until}").format(until=until)
    return ""
