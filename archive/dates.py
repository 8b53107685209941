"""The date of an article, as the many blog engines write it in their front matter.

ISO 8601 with or without a time or an offset, slashes, "Aug 9, 2024", "2024年8月9日", Unix
time: each is read as the moment it stands for; a bare date is midnight in TIME_ZONE. A date
that cannot be read becomes a warning, and the article is imported without one.
"""

import datetime as dt
import re

from django.utils import timezone

from .frontmatter import value_text

# Dates as blog engines write them besides ISO 8601: "Aug 9, 2024", "9 August 2024".
ENGLISH_DATE_FORMATS = ("%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y")
# Unix time in seconds from 2001 to 2100: a number in that range in a date field is one.
UNIX_TIME_RANGE = (978_307_200, 4_102_444_800)
PLAUSIBLE_YEARS = range(1000, 9999)
DATE_KEYS = ("date", "published", "pubdate", "publishdate", "created")


def parse_date(meta: dict, warnings: list[str]) -> tuple[dt.date | None, dt.datetime | None]:
    """The date as written and the moment it stands for (midnight local time for a bare date)."""
    raw = next((meta[key] for key in DATE_KEYS if meta.get(key)), None)
    if raw is None:
        warnings.append("no date in the front matter; imported without one")
        return None, None
    value = value_text(raw)
    try:
        moment = _read_moment(raw, value)
    except ValueError as exc:
        warnings.append(f"{exc}; imported without one")
        return None, None
    if moment.year not in PLAUSIBLE_YEARS:
        warnings.append(f"the date {value[:40]!r} is out of range; imported without one")
        return None, None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    # The date as written: an offset keeps the author's calendar day, whatever TIME_ZONE is.
    return moment.date(), moment


def _read_moment(raw, value: str) -> dt.datetime:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if UNIX_TIME_RANGE[0] <= raw <= UNIX_TIME_RANGE[1]:
            return dt.datetime.fromtimestamp(raw, tz=dt.UTC)
        raise ValueError(f"could not read the date {value[:40]!r}")
    for candidate in (value, value.replace("/", "-"), value.replace(" ", "T", 1)):
        try:
            return dt.datetime.fromisoformat(candidate)
        except ValueError:
            continue
    for pattern in ENGLISH_DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.replace(".", ""), pattern)
        except ValueError:
            continue
    match = re.match(r"^(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})", value)
    if not match:
        raise ValueError(f"could not read the date {value[:40]!r}")
    try:
        return dt.datetime(*map(int, match.groups()))
    except ValueError:
        raise ValueError(f"the date {value[:40]!r} does not exist") from None
