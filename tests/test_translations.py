"""The Simplified Chinese catalogue is complete, and the compiled file is the one in use."""

import ast
import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES"
_STRINGS = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) ((?:".*"\n?)+)', re.M)


def catalogue() -> list[dict]:
    """The entries of django.po (the header left out), each {keyword: text, "fuzzy": bool}."""
    entries = []
    for block in LOCALE.joinpath("django.po").read_text(encoding="utf-8").split("\n\n"):
        fields = {
            key: "".join(ast.literal_eval(line) for line in value.strip().split("\n"))
            for key, value in _STRINGS.findall(block + "\n")
        }
        if fields.get("msgid"):
            fields["fuzzy"] = any(
                line.startswith("#,") and "fuzzy" in line for line in block.split("\n")
            )
            entries.append(fields)
    return entries


ENTRIES = catalogue()


def test_catalogue_has_entries():
    assert len(ENTRIES) > 100


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry["msgid"][:40])
def test_every_message_is_translated_and_not_fuzzy(entry):
    translations = [value for key, value in entry.items() if key.startswith("msgstr")]
    assert not entry["fuzzy"] and translations and all(translations)


def test_compiled_catalogue_matches_the_source():
    with LOCALE.joinpath("django.mo").open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)
    stale = []
    for entry in ENTRIES:
        key = entry["msgid"]
        if "msgctxt" in entry:
            key = f"{entry['msgctxt']}\x04{key}"
        # Plural forms are stored under (msgid, index); zh_Hans has one form.
        expected = entry.get("msgstr", entry.get("msgstr[0]"))
        found = catalog._catalog.get((key, 0) if "msgid_plural" in entry else key)
        if found != expected:
            stale.append(entry["msgid"])
    assert stale == []


ROOT = LOCALE.parent.parent.parent
_TRANSLATE_TAG = re.compile(r"""\{%\s*(?:translate|trans)\s+("[^"]*"|'[^']*')""")


def template_messages() -> set[str]:
    """The literal strings of every {% translate %} tag in the project's templates."""
    found = set()
    for template in ROOT.glob("**/templates/**/*.html"):
        if ".venv" not in template.parts:
            text = template.read_text(encoding="utf-8")
            found.update(match[1:-1] for match in _TRANSLATE_TAG.findall(text))
    return found


def test_every_template_message_is_in_the_catalogue():
    assert template_messages() - {entry["msgid"] for entry in ENTRIES} == set()
