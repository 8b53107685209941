"""Names that are also common words, and the neighbouring words that make them the word.

``Meta`` is a company, but ``Meta Block`` is a note-taking block and ``Meta数据`` metadata;
``Amazon`` is a company, but ``Amazon rainforest`` and ``亚马逊雨林`` are a forest. The table is
shared by the recogniser (archive/recognition) and may serve the mention linker too; the
registry's own ``not_before``/``not_after`` rules stay the registry's. Each entry lists words
that, right after the name (or right before it), mean the text is not naming the entity; Latin
words may stand one space away, Chinese ones touch the name.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Collision:
    after: tuple[str, ...] = ()
    before: tuple[str, ...] = ()


_CHINESE_NOUNS = ("数据", "分析", "学习", "信息", "标签", "字段", "属性", "描述", "编程", "对象")
COLLISIONS: dict[str, Collision] = {
    "Meta": Collision(
        after=(
            "Block", "Blocks", "block", "blocks", "Tag", "Tags", "tag", "tags", "Data", "data",
            "Description", "description", "Learning", "learning", "Analysis", "analysis",
            "Programming", "programming", "Object", "Objects", "Key", "Keys", "Field",
            "Fields", "Information", "key", "field", "-learning", "-analysis", "-data",
            *_CHINESE_NOUNS,
        ),
        before=("Data ", "data ", "HTML ", "html ", "<"),
    ),
    "Apple": Collision(after=("Pie", "pie", "Juice", "juice", "Tree", "tree", "派", "汁", "树")),
    "Amazon": Collision(
        after=("rainforest", "Rainforest", "River", "river", "basin", "Basin", "雨林", "河", "流域")
    ),
    "亚马逊": Collision(after=("雨林", "河", "流域", "森林")),
    "Oracle": Collision(after=("machine", "Machine", "problem", "预言机"), before=("the ",)),
    "Notion": Collision(before=("the ", "a ", "this ", "that ")),
    "Shell": Collision(after=("script", "Script", "scripts", "command", "脚本", "命令")),
    "Block": Collision(before=("Meta ", "Code ", "code ", "a ", "the ")),
    "Snowflake": Collision(after=("ID", "id", "IDs", "算法")),
    "Square": Collision(after=("root", "meter", "metre", "feet", "foot")),
    "Mistral": Collision(before=("the ",), after=("wind", "winds")),
    "Windows": Collision(before=("the ", "open ", "two ", "many ")),
}  # fmt: skip


def collides(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is a common word there (``Meta Block``).

    A recognised phrase that begins with such a name and its collision word (``Meta Block``
    found as one two-word name) collides as well.
    """
    surface = text[start:end]
    head = surface.split(" ", 1)[0]
    if head != surface and head in COLLISIONS:
        return _collides(text, start, start + len(head), COLLISIONS[head])
    rule = COLLISIONS.get(surface)
    return rule is not None and _collides(text, start, end, rule)


def _collides(text: str, start: int, end: int, rule: Collision) -> bool:
    after, before = text[end : end + 24], text[max(0, start - 24) : start]
    for word in rule.after:
        if word.isascii() and word[0].isalpha():
            if _word_at(after.removeprefix(" "), word) and (after[:1] == " " or not after):
                return True
        elif after.startswith(word):
            return True
    return any(before.endswith(word) for word in rule.before)


def _word_at(text: str, word: str) -> bool:
    return text.startswith(word) and not text[len(word) : len(word) + 1].isalnum()
