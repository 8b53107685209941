"""Names that look like people or organisations but are not in the registry.

Two kinds of evidence, both cheap and language-aware:
- runs of capitalised Latin words (``Mira Murati``, ``Safe Superintelligence``); in Chinese
  text a single capitalised word counts too (``Anthropic`` stands out among Han characters);
- Chinese names right after a cue: 作者, 编辑, 记者, 创始人, 首席执行官, CEO, 总裁 and the like;
  organisations right before one (英伟达创始人, 谷歌旗下); names before a verb of saying
  (纳德拉说, 杨植麟则表示); transliterations with a middle dot (埃隆·马斯克) or followed by
  their Latin form in brackets (扎克伯格（Mark Zuckerberg）).
Known names and aliases are left out, as are words that merely start an English sentence.
"""

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

LATIN_RUN = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z]|[a-z]+[A-Z])[A-Za-z0-9.&'-]*(?:[ ][A-Z][A-Za-z0-9.&'-]*){0,3}"
)
HAN = "\u4e00-\u9fff"
# Where a Chinese name may begin: after punctuation, Latin text or a particle.
HAN_START = rf"(?:(?<=[^{HAN}])|(?<=^)|(?<=[的和与及、前在是由]))"
ORG_BEFORE_ROLE = re.compile(
    rf"{HAN_START}(?P<name>[{HAN}]{{2,4}}?)(?:联合创始人|创始人|首席执行官|首席科学家|CEO|总裁|董事长|旗下|发言人)"
)
NAME_BEFORE_SAYING = re.compile(
    rf"{HAN_START}(?P<name>[{HAN}]{{2,4}}?)(?:[则也还曾]?)(?:说|表示|称|认为|指出|透露|回应|写道)"
)
TRANSLITERATED = re.compile(rf"[{HAN}]{{1,6}}·[{HAN}]{{1,8}}")
BEFORE_LATIN_GLOSS = re.compile(rf"{HAN_START}(?P<name>[{HAN}]{{2,8}})（[A-Z][A-Za-z .'-]+）")
CUE = re.compile(
    r"(?:作者|编辑|记者|撰文|创始人|联合创始人|创办人|首席执行官|首席科学家|董事长|总裁|总经理|CEO|CTO|"
    r"教授|研究员|负责人|发言人)\s*[丨|｜:：]?\s*(?P<name>[\u4e00-\u9fff]{2,4})"
)
# The commonest Chinese surnames: a cue followed by anything else is a title, not a name.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
# A Chinese name is two or three characters; these begin the verb or particle after it.
NAME_ENDERS = set("表说称认指在的也曾已将和与等于是对向被把从为就都还又则")
STOPWORDS = {
    "The", "A", "An", "In", "On", "At", "For", "And", "But", "Or", "If", "It", "This", "That",
    "We", "I", "He", "She", "They", "AI", "CEO", "CTO", "GPU", "GPUs", "API", "AGI", "LLM",
}  # fmt: skip
SENTENCE_END = ".!?。！？\n"
# Particles and function words: a "name" containing one is a phrase that a cue cut out.
NON_NAME_CHARS = set("的了着过在是和与及被也因而此位副中上下里内外说任论评发文公开联合兼始")
# Words that stand where a name would, before a role or a verb of saying.
CHINESE_STOPWORDS = {
    "他们", "我们", "公司", "业内人士", "分析师", "有分析师", "网友", "消息人士", "官方", "对方",
    "外界", "报道", "媒体", "人士", "团队", "此前", "随后", "同时", "他曾", "她曾",
}  # fmt: skip


@dataclass
class Suggestion:
    name: str
    kind: str  # "person", "organisation" or "" when the evidence does not say
    count: int = 0
    examples: list[str] = field(default_factory=list)


def _sentence(text: str, start: int, end: int) -> str:
    left = max((text.rfind(c, 0, start) for c in SENTENCE_END), default=-1) + 1
    rights = [i for i in (text.find(c, end) for c in SENTENCE_END) if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return " ".join(text[max(left, start - 80) : min(right, end + 80)].split())


def _chinese_name(raw: str) -> str:
    for length in (3, 2):
        if len(raw) > length and raw[length] in NAME_ENDERS:
            return raw[:length]
    return raw[:3] if len(raw) > 3 else raw


def names_in(text: str, *, chinese: bool) -> Iterable[tuple[str, str, int, int]]:
    """(name, kind guess, start, end) for every name-like run in ``text``, each span once."""
    seen: set[tuple[int, int]] = set()
    for name, kind, start, end in _names_in(text, chinese=chinese):
        if (start, end) not in seen:
            seen.add((start, end))
            yield name, kind, start, end


def _names_in(text: str, *, chinese: bool) -> Iterable[tuple[str, str, int, int]]:
    for match in LATIN_RUN.finditer(text):
        for name, start in _split_at_stopwords(match.group(), match.start(), chinese=chinese):
            words = name.split()
            if name in STOPWORDS or len(name) < 2:
                continue
            if len(words) == 1 and (not chinese or (name.isupper() and len(name) < 3)):
                continue  # in English a lone capital word is as often a sentence's first word
            yield name, "", start, start + len(name)
    for match in CUE.finditer(text):
        name = _chinese_name(match.group("name"))
        if name[0] in SURNAMES:
            yield name, "person", match.start("name"), match.start("name") + len(name)
    for pattern, kind in (
        (ORG_BEFORE_ROLE, "organisation"),
        (NAME_BEFORE_SAYING, ""),
        (BEFORE_LATIN_GLOSS, ""),
        (TRANSLITERATED, "person"),
    ):
        for match in pattern.finditer(text):
            group = "name" if "name" in pattern.groupindex else 0
            name = match.group(group)
            if name not in CHINESE_STOPWORDS and not NON_NAME_CHARS & set(name):
                yield name, kind, match.start(group), match.end(group)


def _split_at_stopwords(run: str, offset: int, *, chinese: bool):
    """Pieces of a capitalised run between stopwords (``OpenAI CEO Sam Altman``)."""
    piece: list[str] = []
    position = offset
    piece_start = offset
    for index, word in enumerate(run.split(" ")):
        keep_article = chinese and index == 0 and word == "The"  # The Information
        if word in STOPWORDS and not keep_article:
            if piece:
                yield " ".join(piece).rstrip(".'-"), piece_start
            piece = []
            piece_start = position + len(word) + 1
        else:
            piece.append(word)
        position += len(word) + 1
    if piece:
        yield " ".join(piece).rstrip(".'-"), piece_start


def collect(texts: Iterable[tuple[str, str]], known: set[str], limit: int = 3) -> list[Suggestion]:
    """Suggestions over (text, lang) pairs, most frequent first; ``known`` names are skipped."""
    found: dict[str, Suggestion] = {}
    kinds: dict[str, Counter] = defaultdict(Counter)
    for text, lang in texts:
        for name, kind, start, end in names_in(text, chinese=lang.startswith("zh")):
            if name in known:
                continue
            suggestion = found.setdefault(name, Suggestion(name, kind))
            suggestion.count += 1
            kinds[name][kind] += 1
            if len(suggestion.examples) < limit:
                suggestion.examples.append(_sentence(text, start, end))
    for name, suggestion in found.items():
        suggestion.kind = kinds[name].most_common(1)[0][0]
    return sorted(found.values(), key=lambda s: (-s.count, s.name))
