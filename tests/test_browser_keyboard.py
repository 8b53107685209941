"""Keyboard reach in a real Chromium: toolbar, panel, highlights, mention links, language."""

import pytest
from playwright.sync_api import expect

from archive.importer import import_paths
from archive.models import Article
from archive.registry import read_registry, registry_import
from tests.browser import CREATE, log_in, open_article, press_tab_until, select
from tests.conftest import FIXTURES, SEEDS
from tests.factories import make_annotation, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST = "没有人敢轻易质疑一家引领时代的公司"
SENTENCE = FIRST + "，前提是它自己不出问题。"


@pytest.fixture
def seed():
    import_paths([str(SEEDS)])
    return Article.objects.get()


@pytest.fixture
def named_seed():
    """The seed imported after the registry, so that its names are linked."""
    registry_import(data=read_registry(FIXTURES / "registry.yaml"))
    import_paths([str(SEEDS)])
    return Article.objects.get()


@pytest.fixture
def reader():
    return make_user("alice")


def focused(page, selector):
    return page.evaluate("s => document.activeElement.matches(s)", selector)


def annotated(seed, reader, needle):
    start = seed.text.index(needle)
    return make_annotation(owner=reader, article=seed, start=start, end=start + len(needle))


@pytest.mark.parametrize("key", ["t", "Tab"])
def test_one_key_after_a_keyboard_selection_reaches_the_toolbar(
    page, live_server, named_seed, reader, key
):
    log_in(page, live_server, reader)
    open_article(page, live_server, named_seed)
    page.wait_for_selector("#article-body a.mention")
    press_tab_until(page, "#article-body")
    page.keyboard.press("j")
    expect(page.get_by_role("toolbar")).to_be_visible()
    page.keyboard.press(key)
    assert focused(page, ".glossa-toolbar-highlight")


def test_tab_after_a_mouse_selection_reaches_the_toolbar_and_highlights(
    page, live_server, seed, reader
):
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    page.focus("#article-body")
    select(page, FIRST)
    expect(page.get_by_role("toolbar")).to_be_visible()
    page.keyboard.press("Tab")
    with page.expect_response(CREATE):
        page.keyboard.press("Enter")
    assert seed.annotations.get().exact == FIRST


def test_saving_a_highlight_announces_its_opening_words(page, live_server, seed, reader):
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    select(page, SENTENCE)
    with page.expect_response(CREATE):
        page.get_by_role("toolbar").get_by_role("button", name="Highlight").click()
    expect(page.locator("#annotation-status")).to_have_text(f"Highlighted “{SENTENCE[:23]}…”")


def test_skip_link_jumps_from_the_top_to_the_annotations(page, live_server, seed, reader):
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    press_tab_until(page, "a[href='#annotation-panel']", limit=3)
    page.keyboard.press("Enter")
    assert focused(page, "#annotation-panel")


def test_p_jumps_from_the_article_to_the_panel_and_back_to_the_passage(
    page, live_server, seed, reader
):
    note = annotated(seed, reader, FIRST)
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    page.focus("#article-body")
    page.keyboard.press("p")
    in_panel = focused(page, f"#annotation-{note.uuid}")
    page.keyboard.press("p")
    assert (in_panel, page.evaluate("document.activeElement.dataset.annotationIds")) == (
        True,
        str(note.uuid),
    )


def test_enter_on_a_highlight_opens_its_note_and_the_quote_leads_back(
    page, live_server, seed, reader
):
    note = annotated(seed, reader, FIRST)
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    page.focus("#article-body")
    page.keyboard.press("]")
    on_mark = page.evaluate("document.activeElement.dataset.annotationIds")
    page.keyboard.press("Enter")
    on_item = focused(page, f"#annotation-{note.uuid}")
    page.keyboard.press("Tab")  # the quote, a button that leads to the passage
    page.keyboard.press("Enter")
    back = page.evaluate("document.activeElement.dataset.annotationIds")
    assert (on_mark, on_item, back) == (str(note.uuid), True, str(note.uuid))


def test_mention_links_are_one_tab_stop_per_name(page, live_server, named_seed):
    open_article(page, live_server, named_seed)
    page.wait_for_selector("#article-body a.mention")
    stops = page.evaluate(
        """() => {
          const links = [...document.querySelectorAll("#article-body a.mention")];
          const tabbable = links.filter((a) => a.tabIndex >= 0).map((a) => a.href);
          return [links.length, tabbable.length, new Set(links.map((a) => a.href)).size,
                  new Set(tabbable).size];
        }"""
    )
    total, tabbable, names, distinct = stops
    assert (total > names, tabbable, distinct) == (True, names, names)


def test_choosing_a_language_changes_nothing_until_submitted(page, live_server):
    page.goto(live_server.url + "/")
    page.select_option("#language-select", "zh-hans")
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    before = page.locator(".site-nav").inner_text().split()[:1]
    with page.expect_navigation():
        page.get_by_role("button", name="Change language").click()
    assert (before, page.locator(".site-nav").inner_text().split()[:1]) == (["Articles"], ["文章"])


def test_keyboard_help_shows_with_a_keyboard_and_hides_on_a_touch_phone(browser, live_server, seed):
    shown = []
    for options in (
        {},
        {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True},
    ):
        context = browser.new_context(locale="en-US", **options)
        page = context.new_page()
        open_article(page, live_server, seed)
        shown.append(page.locator("#annotation-keyboard-help").is_visible())
        context.close()
    assert shown == [True, False]


def test_network_links_are_reachable_outside_an_image_role(page, live_server):
    registry_import(data=read_registry(FIXTURES / "registry.yaml"))
    import_paths([str(SEEDS)])
    page.goto(live_server.url + "/network/")
    roles = page.evaluate(
        """() => [...document.querySelectorAll(".network-graph a")].map(
             (a) => a.closest("[role=img]") === null && a.getAttribute("href") !== null)"""
    )
    assert roles and all(roles)
