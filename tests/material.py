"""Third-party test material: the public XSS payload corpora and the W3C conformance files.

The repository holds only what its own sessions wrote, so this material stays outside it, in the
folder beside the checkout (``../shared``) or the one that GLOSSA_SHARED_DIR names. Where it is
absent (a user's fresh clone), the tests that read it skip and say which folder they looked in;
CI sets GLOSSA_REQUIRE_SHARED, which turns that absence into a failure, so CI always runs them.
"""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings

FOLDER_VARIABLE = "GLOSSA_SHARED_DIR"
REQUIRE_VARIABLE = "GLOSSA_REQUIRE_SHARED"


def folder() -> Path:
    return Path(os.environ.get(FOLDER_VARIABLE) or Path(settings.BASE_DIR).parent / "shared")


def material(*parts: str, module: bool = False) -> Path:
    """The path of a piece of shared material; skips (or, in CI, fails) the test without it.

    ``module``: called at a test module's top level, so the whole module skips.
    """
    path = folder().joinpath(*parts)
    if path.exists():
        return path
    reason = (
        f"third-party test material {'/'.join(parts)} is not in {folder()} "
        f"(set {FOLDER_VARIABLE} to the folder that holds it)"
    )
    if os.environ.get(REQUIRE_VARIABLE):
        pytest.fail(f"{reason}; {REQUIRE_VARIABLE} is set, so it must be there", pytrace=False)
    pytest.skip(reason, allow_module_level=module)


def xss_payloads() -> list[str]:
    """The public XSS and bad-input strings (xss/payloads.json, each {source, payload})."""
    entries = json.loads(material("xss", "payloads.json").read_text(encoding="utf-8"))
    return [entry["payload"] for entry in entries]
