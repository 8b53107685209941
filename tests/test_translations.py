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
# Not the project's own source: installed packages, and tests (which may spell strings to check).
NOT_SOURCE = {".venv", "node_modules", "tests", "migrations", "__pycache__"}
# The message functions, with the positions of their (context, singular, plural) arguments.
# Static JavaScript has no catalogue: it is given its strings by templates (data attributes,
# json_script) and by Python (annotator_strings), which are scanned here.
MESSAGE_CALLS = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
_TEMPLATE_CALL = re.compile(
    r"""\b(gettext|ngettext|pgettext|npgettext|_)\("""
    r"""((?:\s*u?(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")\s*,?)+)"""
)


def project_files(*suffixes: str) -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*")
        if path.suffix in suffixes and not NOT_SOURCE & set(path.relative_to(ROOT).parts)
    )


def _message(function: str, strings: list) -> tuple | None:
    """(context, msgid, msgid_plural) as the catalogue keys it; None unless all are literals."""
    roles = MESSAGE_CALLS[function]
    if any(i is not None and (i >= len(strings) or not isinstance(strings[i], str)) for i in roles):
        return None
    return tuple(None if i is None else strings[i] for i in roles)


def template_messages() -> set[tuple]:
    """The messages of every template folder (the project's and any app's), read as
    makemessages reads them: Django's ``templatize`` turns {% translate %}, {% blocktranslate %}
    (variables as %(name)s, ``trimmed`` honoured, plurals and contexts kept) and _("...") in
    filter arguments into gettext calls, whose strings are read back here."""
    from django.utils.translation.template import templatize

    found = set()
    for template in project_files(".html", ".txt"):
        if "templates" in template.relative_to(ROOT).parts:
            calls = templatize(template.read_text(encoding="utf-8"), origin=str(template))
            for function, arguments in _TEMPLATE_CALL.findall(calls):
                strings = ast.literal_eval(f"({arguments.rstrip().rstrip(',')},)")
                found.add(_message(function, list(strings)))
    return found - {None}


def python_messages() -> set[tuple]:
    """The messages of every gettext-family call with literal strings in the Python source."""
    found = set()
    for module in project_files(".py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                function = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if function in MESSAGE_CALLS:
                    strings = [getattr(argument, "value", None) for argument in node.args]
                    found.add(_message(function, strings))
    return found - {None}


def catalogue_messages() -> set[tuple]:
    return {(e.get("msgctxt"), e["msgid"], e.get("msgid_plural")) for e in ENTRIES}


def test_the_scan_finds_blocktranslate_and_python_plurals():
    assert {
        (None, "Logged in as %(name)s", None),
        (None, "Merged %(n)d into %(name)s.", "Merged %(n)d into %(name)s."),
    } <= template_messages() | python_messages()


def test_every_template_message_is_in_the_catalogue():
    assert template_messages() - catalogue_messages() == set()


def test_every_python_message_is_in_the_catalogue():
    assert python_messages() - catalogue_messages() == set()
