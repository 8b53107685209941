"""The header's language form in a real Chromium, with and without the site script."""

import pytest

from tests.browser import keep_offline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def change_language(page, live_server):
    page.goto(live_server.url + "/people/")
    page.select_option("#language-select", "zh-hans")
    with page.expect_navigation(url="**/people/"):
        page.get_by_role("button", name="Change language").click()


def test_with_the_script_the_language_changes_in_one_step(page, live_server):
    posted = []
    page.on("request", lambda r: r.method == "POST" and posted.append(r.url))
    change_language(page, live_server)
    heading = page.locator("html").get_attribute("lang")
    assert (heading, posted) == ("zh-hans", [live_server.url + "/i18n/setlang/"])


def test_without_the_script_the_language_changes_through_the_choice_page(browser, live_server):
    context = browser.new_context(locale="en-US", java_script_enabled=False)
    keep_offline(context, live_server.url)
    page = context.new_page()
    page.goto(live_server.url + "/people/")
    page.select_option("#language-select", "zh-hans")
    with page.expect_navigation(url="**/i18n/language/**"):
        page.get_by_role("button", name="Change language").click()
    with page.expect_navigation(url="**/people/"):
        page.locator("main").get_by_role("button").click()
    lang = page.locator("html").get_attribute("lang")
    context.close()
    assert lang == "zh-hans"
