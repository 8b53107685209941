"""Whether a byline name is a person or an organisation (issue 11, point 4).

Bylines name both: ``作者丨山茶`` is a writer, ``来源：机器之心`` a publication, and publications
often sign as the author too (``author: ByteAILab``, ``作者：量子位``). The decision, in order:
1. the registry's kind, when it knows the name: the curated layer always wins;
2. a name shaped like a publication or a lab is an organisation, whatever the role: CamelCase
   joined words or long acronyms (``ScienceAI``, ``ByteAILab``, ``GPTNB``), Latin names ending
   in a publication or lab word (``AI News``), Chinese names ending in one (``半导体行业观察``),
   Chinese names longer than a person's (``机器之心``), names mixing scripts (``AI前线``);
3. the role: a source, publisher or producer (来源, 出品) is an organisation; an author, editor,
   translator (作者, 编辑, 译者) is a person unless the recogniser said organisation, and so is
   a three-character name that no common surname begins (``量子位``), unless the recogniser
   said person. Initials (``KX``) and pen names (``山茶``) stay people.
"""

import re

from .byline import LABELS
from .surnames import SURNAMES

PERSON, ORGANISATION = "person", "organisation"
ORGANISATION_ROLES = frozenset({"source", "publisher", "producer", "organisation"})
_ROLE_WORDS = {**LABELS, "publisher": "source", "出版": "source", "发布": "source"}
_CAMEL_JOINED = re.compile(r"^[A-Za-z0-9]*[a-z][A-Z]|^[A-Z]{2,}[a-z]")  # ScienceAI, GPTNews
_LONG_ACRONYM = re.compile(r"^[A-Z0-9]{4,}$")  # GPTNB; KX and ABC may be initials
_LATIN_ORG_END = re.compile(
    r"(?:AI|Lab|Labs|News|Daily|Weekly|Monthly|Media|Tech|Review|Insider|Times|Post|Press|"
    r"Digest|Journal|Magazine|Radio|TV|Group|Team|Research|Institute|Inc\.?|Ltd\.?)$"
)
_CHINESE_ORG_END = re.compile(
    r"(?:观察|日报|晚报|早报|周刊|月刊|杂志|报社|新闻|资讯|财经|评论|研究院|研究所|研究中心|实验室|"
    r"科技|智库|前线|公社|内参|频道|头条|视界|视点|课堂|社区|之家|之心|网|社|号|台|报|团队|工作室|"
    r"编辑部|出版社|学会|协会|联盟|基金会|大学|学院|医院|公司|集团|Pro)$"
)
_HAN = re.compile(r"^[\u3400-\u9FFF·]+$")
_HAS_HAN = re.compile(r"[\u3400-\u9FFF]")
_HAS_LATIN = re.compile(r"[A-Za-z]")
LONGEST_CHINESE_NAME = 4  # compound surnames (欧阳, 司马) and a two-character given name


def role_of(role: str) -> str:
    """The byline role (archive/byline.py) of a label or role name: 作者 → author."""
    return _ROLE_WORDS.get(role.strip().lower(), role.strip().lower())


def looks_like_organisation(name: str) -> bool:
    """A publication's or lab's name, from its shape alone."""
    name = name.strip()
    if _HAS_HAN.search(name) and _HAS_LATIN.search(name):
        return True  # AI前线, 机器之心Pro: a person's name keeps to one script
    if _HAN.match(name):
        return bool(_CHINESE_ORG_END.search(name)) or len(name) > LONGEST_CHINESE_NAME
    if _LONG_ACRONYM.match(name):
        return True
    words = name.split()
    if len(words) == 1 and _CAMEL_JOINED.match(name):
        return True
    return bool(_LATIN_ORG_END.search(name)) and (len(words) > 1 or _CAMEL_JOINED.match(name))


def decide_kind(
    *,
    name: str,
    role: str,
    recognised_kind: str | None = None,
    registry_kind: str | None = None,
) -> str:
    """``person`` or ``organisation`` for a name credited in a byline with ``role``."""
    if registry_kind in (PERSON, ORGANISATION):
        return registry_kind
    if looks_like_organisation(name):
        return ORGANISATION
    if role_of(role) in ORGANISATION_ROLES:
        return ORGANISATION
    if recognised_kind == ORGANISATION:
        return ORGANISATION
    name = name.strip()
    no_surname = _HAN.match(name) and len(name) == 3 and name[0] not in SURNAMES
    if no_surname and recognised_kind != PERSON:
        return ORGANISATION
    return PERSON
