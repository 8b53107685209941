"""Annotations survive a corrected article, in a real Chromium (the re-anchoring issue)."""

import pytest

from annotations.models import Annotation
from archive.importer import import_paths
from archive.models import Article
from tests.browser import CREATE, item, log_in, marked, open_article, select
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITED_QUOTE = "OpenAI显然正在经历一场极为痛苦的撕扯"
EDITED_TEXT = "OpenAI显然正在经历一场极其痛苦的撕扯"
DELETED_QUOTE = "从已有信息看，撕扯OpenAI的核心原因"


def annotate_in_browser(page, live_server, reader):
    log_in(page, live_server, reader)
    open_article(page, live_server, Article.objects.get())
    select(page, EDITED_QUOTE)
    with page.expect_response(CREATE):
        page.get_by_role("button", name="Highlight").click()
    select(page, DELETED_QUOTE)
    page.get_by_role("button", name="Annotate").click()
    page.get_by_label("Note", exact=True).fill("这一段是全文的关键")
    with page.expect_response(CREATE):
        page.get_by_role("dialog").get_by_role("button", name="Save").click()


def correct_the_article(path):
    text = path.read_text(encoding="utf-8").replace("极为痛苦", "极其痛苦")
    paragraph = next(p for p in text.split("\n\n") if DELETED_QUOTE in p)
    path.write_text(text.replace(paragraph + "\n\n", ""), encoding="utf-8")
    import_paths([str(path.parent)])


@pytest.fixture
def corrected(page, live_server, seed_copy):
    """The reader annotated two passages; then the article was corrected and re-imported."""
    annotate_in_browser(page, live_server, make_user("reader"))
    correct_the_article(seed_copy)
    page.reload()
    page.wait_for_selector("body[data-annotations-ready='true']", state="attached")
    return page


def test_edited_highlight_is_painted_in_its_new_place(corrected):
    page = corrected
    highlight = Annotation.objects.get(note="")
    assert marked(page, highlight) == EDITED_TEXT


def test_deleted_passage_is_listed_as_an_orphan_with_its_note(corrected):
    page = corrected
    orphan = Annotation.objects.get(note="这一段是全文的关键")
    listed = page.locator("#annotation-orphan-list").locator(f"#annotation-{orphan.uuid}")
    assert (marked(page, orphan), listed.locator(".annotation-note").inner_text()) == (
        "",
        "这一段是全文的关键",
    )


def test_orphan_is_re_attached_to_newly_selected_text(corrected):
    page = corrected
    orphan = Annotation.objects.get(note="这一段是全文的关键")
    item(page, orphan).get_by_role("button", name="Re-attach").click()
    select(page, "堡垒内部的裂缝")
    with page.expect_response(f"**/annotations/{orphan.uuid}/"):
        page.get_by_role("button", name="Highlight").click()
    orphan.refresh_from_db()
    assert (orphan.anchor_state, marked(page, orphan)) == ("anchored", "堡垒内部的裂缝")
