"""The annotation panel with many annotations in a real Chromium: a window of items, more on
request, filters and order, and on a wide screen a window that follows the reading."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from annotations.models import Annotation
from archive.importer import import_paths
from archive.models import Article
from tests.browser import CREATE, item, log_in, open_article, select
from tests.conftest import SEEDS
from tests.factories import make_annotation, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ITEMS = "#annotation-list > li"


@pytest.fixture
def seed():
    import_paths([str(SEEDS)])
    return Article.objects.get()


@pytest.fixture
def reader():
    return make_user("alice")


def annotate_evenly(article, count, owners, **fields):
    """``count`` annotations spread over the whole text, owners taking turns."""
    step = len(article.text) // count
    return [
        make_annotation(
            owner=owners[n % len(owners)],
            article=article,
            start=n * step,
            end=n * step + 3,
            visibility="public",
            **fields,
        )
        for n in range(count)
    ]


def listed(page):
    return page.locator(ITEMS).evaluate_all("items => items.map(li => li.dataset.uuid)")


def test_panel_lists_a_first_page_and_shows_more_on_request(page, live_server, seed, reader):
    annotations = annotate_evenly(seed, 45, [reader])
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    first = listed(page)
    count = page.locator("#annotation-count").inner_text()
    page.get_by_role("button", name="Show more").click()
    uuids = [str(a.uuid) for a in annotations]
    assert (first, count, listed(page)) == (uuids[:20], "1–20 of 45", uuids[:40])


def test_panel_filters_by_whose_and_colour(page, live_server, seed, reader):
    other = make_user("bob")
    mine, theirs = annotate_evenly(seed, 2, [reader, other])
    green = annotate_evenly(seed, 1, [other], colour="green")[0]
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    page.select_option("#annotation-filter-who", "mine")
    only_mine = listed(page)
    page.select_option("#annotation-filter-who", "")
    page.select_option("#annotation-filter-colour", "green")
    assert (only_mine, listed(page)) == ([str(mine.uuid)], [str(green.uuid)])


def test_panel_sorts_newest_first(page, live_server, seed, reader):
    annotations = annotate_evenly(seed, 3, [reader])
    for minutes, annotation in enumerate(annotations):  # made a minute apart
        Annotation.objects.filter(pk=annotation.pk).update(
            created=annotation.created + timedelta(minutes=minutes)
        )
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    page.select_option("#annotation-filter-sort", "newest")
    assert listed(page) == [str(a.uuid) for a in reversed(annotations)]


def test_panel_filters_by_tag(page, live_server, seed, reader):
    tagged = annotate_evenly(seed, 1, [reader], tags=["经济"])[0]
    annotate_evenly(seed, 2, [reader])
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    page.select_option("#annotation-filter-tag", "经济")
    assert listed(page) == [str(tagged.uuid)]


def test_new_highlight_beyond_the_window_is_listed(page, live_server, seed, reader):
    annotate_evenly(seed, 30, [reader])
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    page.set_viewport_size({"width": 800, "height": 900})  # one column: no following
    tail = seed.text[-40:].strip()[:10]
    select(page, tail)
    with page.expect_response(CREATE):
        page.get_by_role("toolbar").get_by_role("button", name="Highlight").click()
    created = seed.annotations.order_by("-created").first()
    expect(item(page, created)).to_be_visible()
    assert page.locator(ITEMS).count() <= 20


def test_scrolling_the_article_brings_its_annotations_into_the_panel(
    page, live_server, seed, reader
):
    annotations = annotate_evenly(seed, 60, [reader])
    log_in(page, live_server, reader)
    page.set_viewport_size({"width": 1280, "height": 800})
    open_article(page, live_server, seed)
    late = annotations[50]
    page.evaluate(
        "id => document.querySelector(`mark[data-annotation-ids~='${id}']`)"
        ".scrollIntoView({block: 'start'})",
        str(late.uuid),
    )
    expect(item(page, late)).to_be_visible()


def test_many_annotations_keep_the_page_within_three_article_heights(
    page, live_server, seed, reader
):
    annotate_evenly(seed, 200, [reader], note="A note long enough to take a line or two.")
    log_in(page, live_server, reader)
    heights = []
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 800})
        open_article(page, live_server, seed)
        heights.append(
            page.evaluate(
                "document.documentElement.scrollHeight"
                " / document.querySelector('article.article').offsetHeight"
            )
        )
    assert max(heights) <= 3, heights
