"""axe-core on every page type, light and dark, English and Chinese: no violations.

axe-core comes from npm (installed into var/npm on first use, see tests/pages.py). It runs as
an injected script, so only the checker's own browser context bypasses the page's Content
Security Policy; every other browser test runs under it.
"""

import pytest

from tests.browser import keep_offline, log_in
from tests.pages import axe_source, build_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RUN = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  const violations = result.violations.map(
    (v) => [v.id, v.nodes.slice(0, 3).map((n) => n.target.join(" "))]);
  return { violations, passed: result.passes.length };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_every_page_type_has_no_accessibility_violations(
    browser, live_server, tmp_path, scheme, locale
):
    reader, pages = build_site(tmp_path)
    source = axe_source()
    context = browser.new_context(locale=locale, color_scheme=scheme, bypass_csp=True)
    keep_offline(context, live_server.url)
    page = context.new_page()
    log_in(page, live_server, reader)
    found = {}
    passed = {}
    try:
        for name, path in pages.items():
            page.goto(live_server.url + path)
            if name == "article":
                page.wait_for_selector("body[data-annotations-ready='true']", state="attached")
            page.add_script_tag(content=source)
            result = page.evaluate(RUN)
            passed[name] = result["passed"]
            if result["violations"]:
                found[name] = result["violations"]
    finally:
        context.close()
    # Rules that passed on each page show that axe did check it.
    assert (found, min(passed.values()) > 10) == ({}, True), passed
