"""Recognise the byline near the top of an article body: source, author and editor lines.

Chinese publications write these in a handful of shapes: ``来源：[产业象限](url)``,
``文章来源：[半导体行业观察](url)``, ``作者丨山茶``, ``编辑 | KX``, sometimes in bold or in a quote,
sometimes two on one line. Recognised lines are removed from the body, because the article
header shows them (with links) and showing them twice reads as a mistake.
"""

import re
from dataclasses import dataclass

# How far into the body a byline may stand: past the first few paragraphs a "来源：" line is
# part of the text (a caption, a citation), not a byline.
BYLINE_SCAN_LINES = 10
MAX_NAME_LENGTH = 40
MAX_PERSON_LENGTH = 24
# A sentence is not a name: these marks never occur in a byline value.
SENTENCE_MARKS = set("。！？!?；;")

LABELS = {
    "本文来源": "source",
    "文章来源": "source",
    "内容来源": "source",
    "来源": "source",
    "出处": "source",
    "source": "source",
    "作者": "author",
    "撰文": "author",
    "文": "author",
    "记者": "author",
    "author": "author",
    "authors": "author",
    "by": "author",
    "责任编辑": "editor",
    "责编": "editor",
    "编辑": "editor",
    "editor": "editor",
}
# Other credits that share byline lines (审核：钱七, 图 | 赵六). They are not shown in the header,
# but they must end the segment before them, or their label would become part of a name.
OTHER_LABELS = (
    "审核", "审校", "校对", "终审", "主编", "监制", "出品", "出品人", "策划", "统筹", "排版",
    "美编", "设计", "视觉", "摄影", "图片", "图", "配图", "翻译", "译者", "编译", "运营",
)  # fmt: skip
# Longest first, so that 文章来源 wins over 来源 and 责任编辑 over 编辑.
_LABEL_ALT = "|".join(sorted(map(re.escape, [*LABELS, *OTHER_LABELS]), key=len, reverse=True))
_SEP = r"\s*[:：丨|｜│/]\s*"
# Segments stand apart by spaces or by a bar between them (作者：张三 | 编辑：李四).
_BETWEEN = r"(?:\s*[|丨｜│/]\s*|\s+)"
SEGMENT_RE = re.compile(
    rf"(?P<label>{_LABEL_ALT}){_SEP}(?P<value>.*?)"
    rf"(?={_BETWEEN}(?:{_LABEL_ALT}){_SEP}|\s*[|丨｜│/]?\s*$)",
    re.IGNORECASE,
)
# A public-account id after the publication's name: 产业象限（ID：cyxx2024）.
ACCOUNT_ID_RE = re.compile(r"\s*[（(]\s*(?:ID|id|微信号|微信ID)\s*[:：].*?[）)]\s*$")
BOLD_RE = re.compile(r"\*\*|__")
URL_ONLY_RE = re.compile(r"^https?://(?P<host>[^/\s]+)\S*$")
# "By Jane Doe, Staff Writer": what follows a comma is a title or a newsroom, not a person.
JOB_TITLE_RE = re.compile(
    r"\b(?:writer|editor|correspondent|reporter|staff|contributor|columnist|journalist|"
    r"analyst|bureau|chief|senior|desk)\b",
    re.IGNORECASE,
)
NOT_NAME_STARTS = {"the", "a", "an", "this", "that", "our", "design", "default"}
LINE_START_RE = re.compile(rf"^(?:{_LABEL_ALT}){_SEP}", re.IGNORECASE)
ENGLISH_BY_RE = re.compile(
    r"^[Bb]y\s+(?P<value>[A-Z][\w.'-]*(?:[ ,&]+(?:and\s+)?[A-Z][\w.'-]*){0,5})$"
)
LINK_RE = re.compile(r"^\[(?P<name>[^\]]+)\]\((?P<url>[^)\s]+)(?:\s+\"[^\"]*\")?\)$")
WRAPPER_RE = re.compile(r"^(?:>\s*)*(?:[*_]{1,3})?(?P<inner>.*?)(?:[*_]{1,3})?\s*$")
NAME_SPLIT_RE = re.compile(r"\s*(?:[、，,;；/&]|\band\b)\s*")
QUOTES = "\"'“”‘’「」『』《》【】"
# Placeholders that name no publication: recording them as an organisation helps nobody.
GENERIC_SOURCES = {"网络", "互联网", "网络整理", "综合", "未知", "整理", "原创", "unknown"}


@dataclass(frozen=True)
class Contributor:
    role: str  # "author", "editor" or "source"
    name: str
    url: str = ""


@dataclass(frozen=True)
class Byline:
    contributors: tuple[Contributor, ...]
    body: str  # the body without the byline lines


def extract_byline(body: str) -> Byline:
    lines = body.split("\n")
    found: list[Contributor] = []
    seen_content = 0
    for index, line in enumerate(lines):
        if seen_content >= BYLINE_SCAN_LINES:
            break
        if not line.strip():
            continue
        seen_content += 1
        contributors = parse_byline_line(line)
        if contributors is not None:
            found.extend(contributors)
            lines[index] = None
    if None not in lines:
        return Byline(contributors=(), body=body)
    kept = [line for line in lines if line is not None]
    return Byline(contributors=tuple(_unique(found)), body="\n".join(kept))


def parse_byline_line(line: str) -> list[Contributor] | None:
    """The contributors a byline line names, or None when it is not (entirely) a byline line.

    A byline that names only a placeholder source ("来源：网络") gives [] and is still removed.
    """
    text = WRAPPER_RE.match(BOLD_RE.sub("", line.strip())).group("inner").strip()
    by = ENGLISH_BY_RE.match(text)
    if by:
        names = _english_names(by.group("value"))
        return [Contributor("author", name) for name in names] if names else None
    if not LINE_START_RE.match(text):
        return None
    contributors: list[Contributor] = []
    position, credited = 0, False
    for match in SEGMENT_RE.finditer(text):
        if text[position : match.start()].strip(" \t|丨｜│/"):
            return None  # prose between segments: not a byline line
        position = match.end()
        role = LABELS.get(match.group("label").lower())
        if role is None:
            continue  # 审核, 图...: a credit the header does not show
        credited = True
        parsed = _parse_value(role, match.group("value").strip(" \t|丨｜│/"))
        if parsed is None:
            return None
        contributors.extend(parsed)
    if text[position:].strip(" \t|丨｜│/") or not credited:
        return None
    return contributors


def _english_names(value: str) -> list[str]:
    """The people of an English "By ..." line: names of two to four words, titles dropped."""
    first, *rest = (part.strip() for part in value.split(","))
    names = [
        name
        for part in [first, *(part for part in rest if not JOB_TITLE_RE.search(part))]
        for name in _split_names(part)
    ]
    return [
        name
        for name in names
        if 2 <= len(name.split()) <= 4 and name.split()[0].lower() not in NOT_NAME_STARTS
    ]


def _parse_value(role: str, value: str) -> list[Contributor] | None:
    value = value.strip().strip("*_").strip()
    link = LINK_RE.match(value)
    url = ""
    if link:
        value, url = link.group("name").strip(), link.group("url")
        if not url.startswith(("http://", "https://")):
            url = ""
    value = value.strip(QUOTES + " ")
    if role == "source":
        value = ACCOUNT_ID_RE.sub("", value)
        bare = URL_ONLY_RE.match(value)
        if bare:  # "Source: https://example.com/a": the site names the source
            value, url = bare.group("host").removeprefix("www."), value
    if not value or len(value) > MAX_NAME_LENGTH or "](" in value or SENTENCE_MARKS & set(value):
        return None
    if role == "source":
        if "，" in value:
            return None
        if value.lower() in GENERIC_SOURCES:
            return []
        return [Contributor(role, value, url)]
    names = _split_names(value)
    if not names or any(len(name) > MAX_PERSON_LENGTH for name in names):
        return None
    return [Contributor(role, name, url if len(names) == 1 else "") for name in names]


def _split_names(value: str) -> list[str]:
    return [name.strip(QUOTES + " ") for name in NAME_SPLIT_RE.split(value) if name.strip()]


def _unique(contributors: list[Contributor]) -> list[Contributor]:
    seen: set[tuple[str, str]] = set()
    result = []
    for contributor in contributors:
        key = (contributor.role, contributor.name)
        if key not in seen:
            seen.add(key)
            result.append(contributor)
    return result
