"""In Chromium: the annotator reads a container of several pages; the export and token pages."""

import pytest
from playwright.sync_api import expect

from annotations import protocol
from archive.importer import import_paths
from archive.models import Article
from tests.browser import item, log_in, open_article
from tests.conftest import SEEDS
from tests.factories import make_annotation, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seed():
    import_paths([str(SEEDS)])
    return Article.objects.get()


def test_annotator_lists_annotations_from_every_page_of_the_container(
    page, live_server, seed, monkeypatch
):
    monkeypatch.setattr(protocol, "PAGE_SIZE", 2)  # the live server runs in this process
    reader = make_user()
    annotations = [
        make_annotation(owner=reader, article=seed, start=n * 10, end=n * 10 + 4) for n in range(5)
    ]
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    for annotation in annotations:
        expect(item(page, annotation)).to_have_count(1)


def test_a_new_token_is_shown_once_on_the_token_page(page, live_server):
    reader = make_user()
    log_in(page, live_server, reader)
    page.goto(live_server.url + "/accounts/tokens/")
    page.get_by_label("Name").fill("my script")
    page.get_by_label("Read and write").check()
    page.get_by_role("button", name="Create token").click()
    expect(page.locator(".token-value")).to_contain_text("glossa_")
    # Shown in the answer to the POST only (never stored to show again): a later visit lacks it.
    page.goto(live_server.url + "/accounts/tokens/")
    expect(page.locator(".token-value")).to_have_count(0)
    expect(page.get_by_role("cell", name="Read and write")).to_have_count(1)
