"""Hand-labelled mentions: the seed (labels in seed_labels.yaml), five articles written in
its style whose mentions are marked inline as [[surface|registry-id]], and TRAPS: an article of
names and words that only look like registered ones (someone else's surname after a first
name, a product called X, fruit, a rainforest, Ultraman), so precision is measured on them.

Labels are (start, end, registry id) in each article's canonical text, resolved from the
labelled surfaces; every label is checked to cover exactly its surface.
"""

import re
from pathlib import Path

import yaml

from archive.mentions import CJK_START
from archive.parsing import parse_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "mentions"
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_b393f1c8d4a0daca.txt"
MARK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")

Label = tuple[int, int, str]


def _standalone(text: str, start: int, end: int) -> bool:
    def word(char: str) -> bool:
        return char.isalnum() and ord(char) < CJK_START

    return not (start > 0 and word(text[start - 1])) and not (end < len(text) and word(text[end]))


def _occurrences(text: str, surface: str) -> list[int]:
    found = [m.start() for m in re.finditer(re.escape(surface), text)]
    if surface.isascii():
        found = [s for s in found if _standalone(text, s, s + len(surface))]
    return found


def seed_labels() -> tuple[str, list[Label]]:
    text = parse_bytes(SEED.read_bytes(), relative=SEED.name).text
    rules = yaml.safe_load((FIXTURES / "seed_labels.yaml").read_text(encoding="utf-8"))
    labels: list[Label] = []
    taken = bytearray(len(text))
    for rule in sorted(rules, key=lambda r: -len(r["surface"])):
        starts = _occurrences(text, rule["surface"])
        if rule["occurrences"] != "all":
            starts = [starts[n - 1] for n in rule["occurrences"]]
        for start in starts:
            end = start + len(rule["surface"])
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                labels.append((start, end, rule["entity"]))
    return text, sorted(labels)


TRAPS = """---
title: 同名的人、常用词与产品型号
date: 2025-01-06
---

来源：[科技前沿](https://example.com/tech/7)
作者丨李想

[[Sam Altman|sam-altman]]与Sam Bankman-Fried都曾登上杂志封面，[[萨姆·奥特曼|sam-altman]]，\
和萨姆·班克曼-弗里德走上了不同的路。[[John Schulman|john-schulman]]和John Carmack\
都谈过强化学习，[[Mark Zuckerberg|mark-zuckerberg]]与Mark Cuban在节目上争论，\
[[Greg Brockman|greg-brockman]]和Greg Kamradt都测试过长上下文，\
[[Ilya Sutskever|ilya-sutskever]]则与Ilya Prigogine同名。\
[[Jensen Huang|jensen-huang]]与Jason Huang没有亲属关系。

[[特斯拉|tesla]]Model X上市多年，[[苹果|apple]]iPhone X上市时也曾轰动一时。\
X上周更新了社区规则，新功能在X上线后，[[马斯克|elon-musk]]在[[X|x]]上发文称还会继续改进，\
他在社交平台[[X|x]]上的帖子被转发了上万次。

一项Meta分析显示，每天吃一个苹果未必有益。拳王阿里曾到访阿里地区，亚马逊雨林的面积仍在缩小，\
奥特曼系列动画依旧受欢迎。[[OpenAI|openai]]的[[奥特曼|sam-altman]]说，\
[[亚马逊|amazon]]云科技和[[Meta|meta]]都在追赶。
"""


def written_labels(path: Path) -> tuple[str, list[Label]]:
    return _written(path.read_text(encoding="utf-8"), path.name)


def _written(marked: str, relative: str) -> tuple[str, list[Label]]:
    plain, wanted, position = "", [], 0
    for match in MARK.finditer(marked):
        plain += marked[position : match.start()]
        surface = match.group(1)
        wanted.append(
            (surface, _occurrences(plain + surface, surface).index(len(plain)), match.group(2))
        )
        plain += surface
        position = match.end()
    plain += marked[position:]
    text = parse_bytes(plain.encode(), relative=relative).text
    labels = []
    for surface, index, entity in wanted:
        start = _occurrences(text, surface)[index - _removed_before(plain, text, surface)]
        labels.append((start, start + len(surface), entity))
    return text, sorted(labels)


def _removed_before(plain: str, text: str, surface: str) -> int:
    """Occurrences the importer removed from the body (front matter, byline) come first."""
    return len(_occurrences(plain, surface)) - len(_occurrences(text, surface))


def corpus() -> list[tuple[str, str, list[Label]]]:
    articles = [("seed", *seed_labels())]
    for path in sorted(FIXTURES.glob("*.md")):
        articles.append((path.stem, *written_labels(path)))
    articles.append(("traps", *_written(TRAPS, "traps.md")))
    for name, text, labels in articles:
        for start, end, entity in labels:
            assert text[start:end], (name, start, end, entity)
    return articles
