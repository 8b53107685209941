"""Searching in a real Chromium: the header's box, its suggestions, and the results page."""

import pytest

from archive.importer import import_paths
from archive.models import Article
from tests.conftest import SEEDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOX = "#site-search-q"


def test_reader_searches_from_home_and_opens_the_seed(page, live_server):
    import_paths([str(SEEDS)])
    article = Article.objects.get()
    page.goto(live_server.url + "/")
    page.fill(BOX, "首席科学家")
    with page.expect_navigation():
        page.press(BOX, "Enter")
    hit = page.locator(".search-hit").first
    marked = hit.locator(".search-snippet mark").first.inner_text()
    hit.locator(".article-item-title a").click()
    assert (marked, page.url) == ("首席科学家", live_server.url + article.get_absolute_url())


def open_suggestions(page, live_server):
    """The seed imported, and the suggestions for a word of its title showing."""
    import_paths([str(SEEDS)])
    page.goto(live_server.url + "/")
    page.fill(BOX, "雪崩")
    page.wait_for_selector(".suggestions [role=option]")


def test_suggestions_are_an_accessible_combobox(page, live_server):
    open_suggestions(page, live_server)
    page.press(BOX, "ArrowDown")
    box = page.locator(BOX)
    option = page.locator(".suggestions [role=option]").first
    assert (
        box.get_attribute("role"),
        box.get_attribute("aria-expanded"),
        box.get_attribute("aria-activedescendant") == option.get_attribute("id"),
        option.get_attribute("aria-selected"),
    ) == ("combobox", "true", True, "true")


def test_enter_on_a_suggestion_opens_it(page, live_server):
    open_suggestions(page, live_server)
    article = Article.objects.get()
    page.press(BOX, "ArrowDown")
    with page.expect_navigation():
        page.press(BOX, "Enter")
    assert page.url == live_server.url + article.get_absolute_url()


def test_escape_closes_the_suggestions(page, live_server):
    open_suggestions(page, live_server)
    page.press(BOX, "Escape")
    assert (page.locator(BOX).get_attribute("aria-expanded"), page.is_hidden(".suggestions")) == (
        "false",
        True,
    )


def test_results_page_has_no_console_errors(page, live_server):
    import_paths([str(SEEDS)])
    page.goto(live_server.url + "/search/?q=OpenAI")
    page.fill(BOX, "Open")
    page.wait_for_selector(".suggestions [role=option]")
    assert page.console_errors == []
