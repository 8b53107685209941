"""Japanese names: katakana names joined by a middle dot, names before honorifics, companies.

Chinese models cut Japanese into fragments they call people, so Japanese lines (any kana) get
these rules instead; Latin names in them are left to archive/recognition/latin.py.
"""

import re

_KATAKANA = r"[\u30A1-\u30FAー]"
_KANJI = r"[\u4E00-\u9FFF々]"
# サム・アルトマン, ジェンスン・フアン: a foreign person's given name and surname.
_DOTTED_NAME = re.compile(rf"{_KATAKANA}{{2,}}(?:[・=＝]{_KATAKANA}{{2,}})+")
# 松尾豊先生, 西川徹氏, 岡野原さん: a kanji name right before an honorific or a title.
_HONORIFIC_NAME = re.compile(
    rf"(?<!{_KANJI}){_KANJI}{{2,4}}(?=(?:氏|さん|先生|教授|准教授|博士|社長|会長|所長))"
)
_KATAKANA_HONORIFIC = re.compile(rf"(?<!{_KATAKANA}){_KATAKANA}{{3,}}(?=(?:氏|さん|教授|博士))")
# 株式会社プリファードネットワークス, トヨタ社, 東京大学, 理化学研究所.
_COMPANY = re.compile(
    rf"株式会社{_KATAKANA}{{2,}}|{_KATAKANA}{{2,}}(?=社(?!会|員|長))"
    rf"|(?<!{_KANJI}){_KANJI}(?:{_KANJI}|[A-Z]){{0,7}}(?:大学|研究所|研究機構|銀行|新聞社|新聞|製作所)"
    rf"|(?<!{_KANJI}){_KANJI}{{2,4}}(?:省|庁)"  # 外務省, 文化庁; 反省 has one character before
    rf"|{_KATAKANA}{{2,}}(?:自動車|製作所|電機|電気|工業|重工|化学|製薬|銀行|証券|商事|物産)"
    rf"|{_KATAKANA}{{2,}}(?:ホールディングス|グループ|インターネット|ネットワークス)"
)
KANA = re.compile(r"[\u3040-\u30FF]")


def japanese_names(text: str) -> list[tuple[int, int, str, float]]:
    """(start, end, kind, score) of Japanese names in the lines of ``text`` that hold kana."""
    if not KANA.search(text):
        return []
    found = [(m.start(), m.end(), "person", 0.8) for m in _DOTTED_NAME.finditer(text)]
    found += [(m.start(), m.end(), "person", 0.75) for m in _HONORIFIC_NAME.finditer(text)]
    found += [(m.start(), m.end(), "person", 0.7) for m in _KATAKANA_HONORIFIC.finditer(text)]
    found += [(m.start(), m.end(), "organisation", 0.7) for m in _COMPANY.finditer(text)]
    return [span for span in found if KANA.search(_line(text, span[0]))]


def _line(text: str, position: int) -> str:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text[start : end if end != -1 else len(text)]
