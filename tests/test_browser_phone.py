"""Every page on a 360 px phone in a real Chromium: no sideways scrolling, a compact header
whose menu holds navigation and language, thumb-sized controls, and touch highlighting."""

import pytest
from playwright.sync_api import expect

from annotations.models import Annotation
from tests.browser import CREATE, SELECT, keep_offline, log_in, open_article
from tests.pages import build_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True}
SECOND = "OpenAI显然正在经历一场极为痛苦的撕扯"

# The app's own controls (not links inside an article's text) smaller than 24 px either way.
SMALL_CONTROLS = """() => [...document.querySelectorAll(
    ".site-header button, .site-header a, .site-header select, .site-header input,"
    + " .annotation-panel button, .annotation-panel select, .pagination a")]
  .filter((node) => node.getClientRects().length && getComputedStyle(node).visibility !== "hidden")
  .filter((node) => {
    const box = node.getBoundingClientRect();
    return box.width < 24 || box.height < 24;
  })
  .map((node) => node.outerHTML.slice(0, 80))"""


@pytest.fixture
def phone(browser, live_server, tmp_path):
    reader, pages = build_site(tmp_path)
    context = browser.new_context(locale="en-US", **PHONE)
    keep_offline(context, live_server.url)
    tab = context.new_page()
    log_in(tab, live_server, reader)
    yield tab, pages
    context.close()


def test_no_page_scrolls_sideways_on_a_360_px_phone(phone, live_server):
    page, pages = phone
    wide = {}
    for name, path in pages.items():
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[name] = width
    assert wide == {}


def test_phone_header_folds_navigation_and_language_into_a_menu(phone, live_server):
    page, pages = phone
    page.goto(live_server.url + pages["home"])
    folded = (page.locator(".site-nav").is_visible(), page.locator("#language-select").is_visible())
    height = page.locator(".site-header").bounding_box()["height"]
    page.get_by_role("button", name="Menu").click()
    opened = (page.locator(".site-nav").is_visible(), page.locator("#language-select").is_visible())
    assert (folded, height <= 80, opened) == ((False, False), True, (True, True))


def test_app_controls_are_at_least_24_px_on_a_phone(phone, live_server):
    page, pages = phone
    small = {}
    for name in ("home", "article", "mine", "search"):
        page.goto(live_server.url + pages[name])
        if name == "article":
            page.wait_for_selector("body[data-annotations-ready='true']", state="attached")
        page.get_by_role("button", name="Menu").click()
        found = page.evaluate(SMALL_CONTROLS)
        if found:
            small[name] = found
    assert small == {}


def test_touch_selection_highlights_on_a_360_px_phone(phone, live_server):
    from archive.models import Article

    page, _ = phone
    article = Article.objects.get(title__contains="OpenAI")
    open_article(page, live_server, article)
    page.evaluate(SELECT.replace('"mouseup", {', '"touchend", {'), [SECOND, 0])
    toolbar = page.get_by_role("toolbar", name="Annotate the selected text")
    expect(toolbar).to_be_visible()
    box = toolbar.bounding_box()
    with page.expect_response(CREATE):
        toolbar.get_by_role("button", name="Highlight").tap()
    saved = Annotation.objects.filter(exact=SECOND)
    assert (box["x"] >= 0, box["x"] + box["width"] <= 360, saved.count()) == (True, True, 1)
