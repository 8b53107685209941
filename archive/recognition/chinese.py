"""Chinese people and organisations: LAC on the Chinese sentences of a text, then rules.

Only sentences with Han characters and no kana go to the model (Japanese has its own rules),
cut at sentence ends and at masked ranges, so the model never reads an address or code. Its
spans keep to Chinese: Latin words are the Latin rules' to decide, one character is no name,
and a bare generic noun (公司, 团队) names nobody. Names joined by a middle dot are one
transliterated name (埃隆·马斯克).
"""

import re

from .words import CHINESE_STOPWORDS, NON_NAME_CHARS, words_of

_HAN = re.compile(r"[\u3400-\u9FFF]")
_KANA = re.compile(r"[\u3040-\u30FF]")
# Sentence ends, and runs of blanks left by masking, cut the text into model inputs.
_CUT = re.compile(r"(?<=[。！？!?；;])|\s{2,}|\n")
LONGEST = 160  # longer inputs are cut at a comma: the model's cost grows with length anyway
_COMMA = re.compile(r"(?<=[，,、：:])")
_NOT_NAME = re.compile(r"[\sA-Za-z0-9_\W]", re.UNICODE)
GENERIC = words_of(
    """公司 集团 团队 政府 大学 学院 医院 研究院 研究所 实验室 中心 委员会 部门 机构 企业 厂商 平台
    媒体 官方 我们 他们 本公司 该公司 这家公司 课题组 研究组 小组 学校 高校 国家"""
)
DOTS = "·・•"


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each model input of ``text``: Chinese, no kana, no blanks."""
    found = []
    for line_match in re.finditer(r"[^\n]+", text):
        line = line_match.group()
        if not _HAN.search(line) or _KANA.search(line):
            continue
        start = line_match.start()
        for piece in _pieces(line):
            stripped = piece.strip()
            if _HAN.search(stripped):
                found.append((start + piece.index(stripped), stripped))
            start += len(piece)
    return found


def _pieces(line: str) -> list[str]:
    """The line cut at sentence ends and blank runs; pieces keep their separators."""
    pieces, position = [], 0
    for match in _CUT.finditer(line):
        if match.end() > position:
            pieces.append(line[position : match.end()])
            position = match.end()
    pieces.append(line[position:])
    out = []
    for piece in pieces:
        while len(piece) > LONGEST:
            cut = max((m.end() for m in _COMMA.finditer(piece, 0, LONGEST)), default=LONGEST)
            out.append(piece[:cut])
            piece = piece[cut:]
        out.append(piece)
    return [p for p in out if p]


def keep(surface: str) -> bool:
    """Whether a model span can be a name: Chinese, two characters or more, not generic."""
    if len(surface) < 2 or surface in GENERIC:
        return False
    letters = surface.replace("·", "").replace("・", "")
    return not _NOT_NAME.search(letters) and bool(_HAN.search(letters))


def join_dotted(spans: list[tuple[int, int, str, float]], text: str) -> list:
    """People either side of a middle dot are one name: 埃隆·马斯克."""
    joined: list[tuple[int, int, str, float]] = []
    for span in sorted(spans):
        if (
            joined
            and joined[-1][2] == span[2] == "person"
            and span[0] == joined[-1][1] + 1
            and text[joined[-1][1]] in DOTS
        ):
            last = joined.pop()
            span = (last[0], span[1], "person", min(last[3], span[3]))
        joined.append(span)
    return joined


# An organisation right before a title that only an organisation has people in (快手副总裁,
# 字节跳动旗下): it begins after punctuation or a line's start (after a Latin name, as in
# OpenAI研究副总裁, the Latin name is the organisation), and is no field of work (产品副总裁).
_ORG_CUE = re.compile(
    r"(?:(?<=[^\u4E00-\u9FFFA-Za-z0-9])|^)"
    r"(?P<name>[\u4E00-\u9FFF]{2,6}?)"
    r"(?=(?:高级|资深|前)?(?:副总裁|总裁|副总经理|总经理|联合创始人|创始人|董事长|首席[\u4E00-\u9FFF]{1,3}官"
    r"|旗下|发言人))"
)
# Particles, pronouns and verbs: a "name" holding one is a phrase the cue cut out.
FIELDS = words_of(
    """研究 安全 政策 产品 技术 工程 市场 销售 运营 财务 战略 业务 全球 中国 亚太 执行 人工智能 硬件
    软件 数据 算法 研发 商务 公关 法务 人力 设计 营销 区域 集团 公司 前任 现任 时任"""
)
_NOT_IN_NAME = NON_NAME_CHARS | set("你我他她它们这那该其可以能会要表示认为称")
# Units inside an institution: the institution is the one the text names (厦门大学信息学院).
_DEPARTMENT = re.compile(r"(?<=大学|医院)[\u4E00-\u9FFF]{1,10}(?:学院|系|科|实验室|课题组|研究组)$")
# Verbs and conjunctions the model sometimes takes into an organisation (中芯国际联合).
_TRAILING = re.compile(r"(?:联合|合作|发布|宣布|推出|表示|透露|以及|和|与|等)$")


def trim_organisation(surface: str) -> str:
    """An organisation's span without a department or a verb the model took in."""
    surface = _TRAILING.sub("", surface)
    return _DEPARTMENT.sub("", surface)


def cue_names(text: str) -> list[tuple[int, int, str, float]]:
    """Organisations named right before a title or 旗下 (快手副总裁 names 快手)."""
    found = []
    for match in _ORG_CUE.finditer(text):
        name = match.group("name")
        if name in GENERIC or name in FIELDS or name in CHINESE_STOPWORDS:
            continue
        if _NOT_IN_NAME & set(name):
            continue
        if _KANA.search(_line_of(text, match)):
            continue
        found.append((match.start("name"), match.end("name"), "organisation", 0.55))
    return found


def _line_of(text: str, match: re.Match) -> str:
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    return text[start : end if end != -1 else len(text)]
