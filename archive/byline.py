"""Recognise the byline near the top of an article body: source, author and editor lines.

Chinese publications write these in a handful of shapes: ``来源：[产业象限](url)``,
``文章来源：[半导体行业观察](url)``, ``作者丨山茶``, ``编辑 | KX``, ``译者：…``, ``策划：…``,
sometimes in bold or in a quote, sometimes two on one line, sometimes with a second source line
(``来源：内容编译自…``) or a closing one (``来源 / 转载于…``, ``本文转载自…``) under the text.
Recognised lines are removed from the body, because the article header shows them (with links)
and showing them twice reads as a mistake; each credit keeps its role.
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
    "主编": "editor",
    "editor": "editor",
    "译者": "translator",
    "翻译": "translator",
    "编译": "translator",
    "translator": "translator",
    "策划": "planner",
    "统筹": "planner",
    "审校": "reviewer",
    "审核": "reviewer",
    "校对": "reviewer",
    "终审": "reviewer",
    "出品": "producer",
    "出品人": "producer",
    "监制": "producer",
    "排版": "designer",
    "美编": "designer",
    "设计": "designer",
    "视觉": "designer",
    "摄影": "images",
    "图片": "images",
    "配图": "images",
    "图": "images",
}
# Credits that share byline lines (运营：钱七) but that the article header does not show. They
# must end the segment before them, or their label would become part of a name.
OTHER_LABELS = ("运营", "推广", "商务")
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
# "Compiled from", "reposted from": the publication named after these is the source.
_FROM = r"(?:内容|本文|文章|原文)?(?:编译|转载|转|摘编|摘|整理|选|来|译)[自于]"
FROM_RE = re.compile(_FROM)
SOURCE_PREFIX_RE = re.compile(rf"^{_FROM}\s*[:：]?\s*")
# A source line without a label: 内容编译自The Information, 本文转载自：机器之心.
UNLABELLED_SOURCE_RE = re.compile(rf"^[（(]?\s*{_FROM}\s*[:：]?\s*(?P<value>.+?)\s*[）)]?$")
# Under the text, only a few closing lines may be credits: above them is the article.
BYLINE_TAIL_LINES = 3
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
    role: str  # a value of archive.models.Credit.Role: "author", "editor", "source"...
    name: str
    url: str = ""


@dataclass(frozen=True)
class Byline:
    contributors: tuple[Contributor, ...]
    body: str  # the body without the byline lines


def extract_byline(body: str) -> Byline:
    """The credits in the first lines of ``body`` and in its last few, and the body without them."""
    lines: list[str | None] = body.split("\n")
    found: list[Contributor] = []
    content = [index for index, line in enumerate(lines) if line.strip()]
    head = content[:BYLINE_SCAN_LINES]
    # Closing credits: the last lines, stopping at the first that is text.
    tail = []
    for index in reversed(content[len(head) :][-BYLINE_TAIL_LINES:]):
        if parse_byline_line(lines[index], closing=True) is None:
            break
        tail.append(index)
    for index in head + sorted(tail):
        contributors = parse_byline_line(lines[index], closing=index in tail)
        if contributors is not None:
            found.extend(contributors)
            lines[index] = None
    if None not in lines:
        return Byline(contributors=(), body=body)
    kept = [line for line in lines if line is not None]
    return Byline(contributors=tuple(_unique(found)), body="\n".join(kept).strip("\n"))


def parse_byline_line(line: str, *, closing: bool = False) -> list[Contributor] | None:
    """The contributors a byline line names, or None when it is not (entirely) a byline line.

    A byline that names only a placeholder source ("来源：网络") gives [] and is still removed.
    ``closing``: a line under the text, where only a source that says it was reposted or
    compiled from somewhere, or links to it, is a credit ("图：" there captions a picture).
    """
    text = WRAPPER_RE.match(BOLD_RE.sub("", line.strip())).group("inner").strip()
    if closing and not (FROM_RE.search(text) or "http" in text):
        return None  # "来源：某报告" under the text cites a report; "转载于…" credits a source
    unlabelled = UNLABELLED_SOURCE_RE.match(text)
    if unlabelled:
        return _parse_value("source", unlabelled.group("value"))
    by = ENGLISH_BY_RE.match(text)
    if by and not closing:
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
            continue  # 运营...: a credit the header does not show
        if closing and role != "source":
            return None
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
        value = ACCOUNT_ID_RE.sub("", SOURCE_PREFIX_RE.sub("", value))
        link = LINK_RE.match(value)
        if link and not url:  # 来源：转载于[机器之心](url)
            value, url = link.group("name").strip(), link.group("url")
            if not url.startswith(("http://", "https://")):
                url = ""
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
