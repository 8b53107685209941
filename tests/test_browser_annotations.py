"""The annotator in a real Chromium: select, highlight, annotate, edit, delete, reply, read."""

import re

import pytest
from playwright.sync_api import expect

from annotations.models import Annotation
from annotations.services import annotation_update
from archive.importer import import_paths
from archive.models import Article
from tests.browser import (
    BODY_TEXT,
    CREATE,
    SELECT,
    item,
    keep_offline,
    log_in,
    marked,
    open_article,
    press_tab_until,
    select,
)
from tests.conftest import SEEDS
from tests.factories import make_annotation, make_article, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST = "没有人敢轻易质疑一家引领时代的公司"
SECOND = "OpenAI显然正在经历一场极为痛苦的撕扯"


@pytest.fixture
def seed():
    import_paths([str(SEEDS)])
    return Article.objects.get()


@pytest.fixture
def reader():
    return make_user("alice")


def offset(article, needle):
    start = article.text.index(needle)
    return {"start": start, "end": start + len(needle)}


def test_highlight_button_saves_a_private_yellow_highlight_of_the_selection(
    page, live_server, seed, reader
):
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    select(page, FIRST)
    with page.expect_response(CREATE):
        page.get_by_role("toolbar").get_by_role("button", name="Highlight").click()
    saved = Annotation.objects.get()
    assert (saved.exact, saved.colour, saved.visibility, saved.note) == (
        FIRST,
        "yellow",
        "private",
        "",
    )


def test_highlight_and_note_made_in_the_page_are_painted_in_place_after_reload(
    page, live_server, seed, reader
):
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    select(page, FIRST)
    with page.expect_response(CREATE):
        page.get_by_role("button", name="Highlight").click()
    select(page, SECOND)
    page.get_by_role("button", name="Annotate").click()
    page.get_by_label("Note", exact=True).fill("A *turning* point")
    with page.expect_response(CREATE):
        page.get_by_role("dialog").get_by_role("button", name="Save").click()
    page.reload()
    page.wait_for_selector("body[data-annotations-ready='true']", state="attached")
    highlight, note = Annotation.objects.order_by("start")
    listed = item(page, note).locator(".annotation-note").inner_html()
    assert (marked(page, highlight), marked(page, note), listed) == (
        FIRST,
        SECOND,
        "<p>A <em>turning</em> point</p>",
    )


def test_editor_saves_colour_tags_and_public_visibility(page, live_server, seed, reader):
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    select(page, SECOND)
    page.get_by_role("button", name="Annotate").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Note", exact=True).fill("Note")
    dialog.get_by_label("Green").check()
    dialog.get_by_label("Tags").fill("AI, 安全")
    dialog.get_by_label("Public: other readers can see it").check()
    with page.expect_response(CREATE):
        dialog.get_by_role("button", name="Save").click()
    saved = Annotation.objects.get()
    assert (saved.colour, saved.tags, saved.visibility) == ("green", ["AI", "安全"], "public")


def test_editor_preview_shows_the_note_rendered_from_markdown(page, live_server, seed, reader):
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    select(page, SECOND)
    page.get_by_role("button", name="Annotate").click()
    page.get_by_label("Note", exact=True).fill("**重要** <script>alert(1)</script>")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".glossa-preview")
    expect(preview.locator("strong")).to_have_text("重要")
    assert preview.locator("script").count() == 0


def test_escape_closes_the_editor_and_returns_focus_to_the_article(page, live_server, seed, reader):
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    page.focus("#article-body")
    page.keyboard.press("j")
    page.keyboard.press("n")
    expect(page.get_by_role("dialog")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "article-body"


def test_editing_a_note_saves_it_and_shows_the_new_text(page, live_server, seed, reader):
    annotation = make_annotation(owner=reader, article=seed, note="old", **offset(seed, SECOND))
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    item(page, annotation).get_by_role("button", name="Edit").click()
    page.get_by_label("Note", exact=True).fill("new **words**")
    page.get_by_role("dialog").get_by_role("button", name="Save").click()
    expect(item(page, annotation).locator(".annotation-note strong")).to_have_text("words")
    annotation.refresh_from_db()
    assert (annotation.note, annotation.version) == ("new **words**", 2)


def test_editing_a_note_changed_elsewhere_shows_the_conflict(page, live_server, seed, reader):
    annotation = make_annotation(owner=reader, article=seed, note="old", **offset(seed, SECOND))
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    annotation_update(reader=reader, annotation=annotation, version=1, data={"note": "other tab"})
    item(page, annotation).get_by_role("button", name="Edit").click()
    page.get_by_label("Note", exact=True).fill("mine")
    page.get_by_role("dialog").get_by_role("button", name="Save").click()
    expect(page.get_by_role("dialog").get_by_role("alert")).to_have_text(
        "This annotation changed in another window. Reload to see the latest."
    )


def test_deleting_after_confirming_removes_the_annotation_and_its_highlight(
    page, live_server, seed, reader
):
    annotation = make_annotation(owner=reader, article=seed, **offset(seed, FIRST))
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    page.once("dialog", lambda dialog: dialog.accept())
    item(page, annotation).get_by_role("button", name="Delete").click()
    expect(item(page, annotation)).to_have_count(0)
    assert (Annotation.objects.count(), page.locator("mark").count()) == (0, 0)


def test_second_reader_does_not_see_anothers_private_annotation(page, live_server, seed, reader):
    private = make_annotation(owner=reader, article=seed, note="mine", **offset(seed, FIRST))
    public = make_annotation(
        owner=reader, article=seed, visibility="public", **offset(seed, SECOND)
    )
    log_in(page, live_server, make_user("bob"))
    open_article(page, live_server, seed)
    shown = page.eval_on_selector_all("#annotation-list > li", "items => items.map(i => i.id)")
    assert (shown, marked(page, private)) == ([f"annotation-{public.uuid}"], "")


def test_second_reader_replies_to_a_public_annotation(page, live_server, seed, reader):
    public = make_annotation(
        owner=reader, article=seed, visibility="public", note="Agreed?", **offset(seed, SECOND)
    )
    log_in(page, live_server, make_user("bob"))
    open_article(page, live_server, seed)
    thread = item(page, public)
    thread.get_by_role("button", name="Reply").click()
    thread.get_by_label("Reply").fill("Yes, **agreed**.")
    thread.get_by_role("button", name="Send reply").click()
    expect(thread.locator(".annotation-reply .annotation-note")).to_have_text("Yes, agreed.")
    reply = Annotation.objects.get(parent=public)
    assert (reply.owner.username, reply.note) == ("bob", "Yes, **agreed**.")


def test_anonymous_reader_sees_public_annotations_read_only_with_a_login_prompt(
    page, live_server, seed, reader
):
    make_annotation(owner=reader, article=seed, note="secret", **offset(seed, FIRST))
    public = make_annotation(
        owner=reader, article=seed, visibility="public", note="Shared", **offset(seed, SECOND)
    )
    open_article(page, live_server, seed)
    select(page, FIRST)
    page.wait_for_timeout(400)  # longer than the toolbar's selectionchange debounce
    assert (
        page.locator("#annotation-list > li").count(),
        item(page, public).get_by_role("button").all_inner_texts(),
        page.locator(".glossa-toolbar").count(),
        page.locator(".login-prompt").is_visible(),
        marked(page, public),
    ) == (1, [SECOND], 0, True, SECOND)


def test_keyboard_alone_selects_highlights_annotates_edits_and_deletes(
    page, live_server, seed, reader
):
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    page.on("dialog", lambda dialog: dialog.accept())
    press_tab_until(page, "#article-body")
    page.keyboard.press("j")
    first = page.evaluate("getSelection().toString()")
    with page.expect_response(CREATE):
        page.keyboard.press("h")
    page.keyboard.press("j")
    page.keyboard.press("Shift+J")
    page.keyboard.press("n")
    page.keyboard.type("By keyboard")
    press_tab_until(page, ".glossa-editor .glossa-primary")
    with page.expect_response(CREATE):
        page.keyboard.press("Enter")
    highlight, note = Annotation.objects.order_by("start")
    press_tab_until(page, f"#annotation-{note.uuid} .annotation-edit-button")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+A")
    page.keyboard.type("Edited by keyboard")
    press_tab_until(page, ".glossa-editor .glossa-primary")
    page.keyboard.press("Enter")
    expect(item(page, note).locator(".annotation-note")).to_have_text("Edited by keyboard")
    page.keyboard.press("Tab")  # focus came back to Edit: Delete is next
    page.keyboard.press("Enter")
    expect(item(page, note)).to_have_count(0)
    assert (first, highlight.exact, note.exact, note.note, Annotation.objects.count()) == (
        "没有人敢轻易质疑一家引领时代的公司，前提是它自己不出问题。",
        first,
        "但OpenAI的问题显然一直在暴露。\n\n2023年11月，一场围绕着OpenAI CEO Sam Altman去留的“宫斗”"
        "就成为了当时科技圈最重要的新闻之一。",
        "By keyboard",
        1,
    )


def test_phone_toolbar_appears_on_screen_after_a_touch_selection_and_highlights(
    browser, live_server, seed, reader
):
    context = browser.new_context(
        locale="en-US", viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    keep_offline(context, live_server.url)
    page = context.new_page()
    try:
        log_in(page, live_server, reader)
        open_article(page, live_server, seed)
        page.evaluate(SELECT.replace('"mouseup", {', '"touchend", {'), [SECOND, 0])
        toolbar = page.get_by_role("toolbar", name="Annotate the selected text")
        expect(toolbar).to_be_visible()
        box = toolbar.bounding_box()
        with page.expect_response(CREATE):
            toolbar.get_by_role("button", name="Highlight").tap()
        assert (
            box["x"] >= 0 and box["y"] >= 0,
            box["x"] + box["width"] <= 390 and box["y"] + box["height"] <= 844,
            Annotation.objects.get().exact,
        ) == (True, True, SECOND)
    finally:
        context.close()


def test_highlight_after_emoji_and_extension_b_stores_code_point_offsets(page, live_server, reader):
    article = make_article(title="Astral", body="前文😀𠀀后文 Target text\n\n更多😀内容")
    log_in(page, live_server, reader)
    open_article(page, live_server, article)
    select(page, "Target")
    with page.expect_response(CREATE):
        page.get_by_role("button", name="Highlight").click()
    saved = Annotation.objects.get()
    page.reload()
    page.wait_for_selector("body[data-annotations-ready='true']", state="attached")
    start = article.text.index("Target")
    assert (saved.start, saved.end, saved.exact, article.text[saved.start : saved.end]) == (
        start,
        start + 6,
        "Target",
        "Target",
    )
    assert marked(page, saved) == "Target"


def test_painting_leaves_the_article_text_unchanged(page, live_server, reader):
    article = make_article(title="Astral", body="前文😀𠀀后文 **Target** text\n\n更多😀内容")
    text = article.text
    make_annotation(owner=reader, article=article, start=1, end=text.index("text") + 2)
    make_annotation(owner=reader, article=article, start=3, end=len(text) - 1, colour="blue")
    log_in(page, live_server, reader)
    open_article(page, live_server, article)
    assert (page.evaluate(BODY_TEXT), page.locator("mark").count() > 2) == (text, True)


def test_overlapping_highlights_share_a_mark_that_lists_both(page, live_server, seed, reader):
    start = seed.text.index(SECOND)
    outer = make_annotation(owner=reader, article=seed, start=start, end=start + 12)
    inner = make_annotation(
        owner=reader, article=seed, start=start + 6, end=start + 20, colour="blue"
    )
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    shared = page.locator("mark.glossa-overlap")
    assert (
        marked(page, outer),
        marked(page, inner),
        shared.inner_text(),
        shared.get_attribute("data-annotation-ids"),
    ) == (
        seed.text[start : start + 12],
        seed.text[start + 6 : start + 20],
        seed.text[start + 6 : start + 12],
        f"{outer.uuid} {inner.uuid}",
    )


def test_adjacent_highlights_of_one_colour_each_mark_their_start(page, live_server, seed, reader):
    start = seed.text.index(SECOND)
    left = make_annotation(owner=reader, article=seed, start=start, end=start + 6)
    right = make_annotation(owner=reader, article=seed, start=start + 6, end=start + 12)
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    starts = page.eval_on_selector_all(
        "mark.glossa-start", "marks => marks.map(m => [m.dataset.annotationIds, m.textContent])"
    )
    assert starts == [
        [str(left.uuid), seed.text[start : start + 6]],
        [str(right.uuid), seed.text[start + 6 : start + 12]],
    ]


def test_highlight_across_paragraphs_and_bold_text_paints_every_part(
    page, live_server, seed, reader
):
    start = seed.text.index("而这场动荡")
    end = seed.text.index("堡垒内部") + 4
    spanning = make_annotation(owner=reader, article=seed, start=start, end=end)
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    in_bold = page.locator("#article-body strong mark").inner_text()
    # White space between paragraphs is layout: it is not wrapped, everything else is.
    assert (marked(page, spanning), in_bold) == ("".join(spanning.exact.split()), "堡垒内部")


def test_highlight_across_a_link_paints_inside_and_outside_it(page, live_server, reader):
    article = make_article(
        title="Linked", body="Read [the original source](https://example.com/) now."
    )
    start = article.text.index("Read")
    across = make_annotation(owner=reader, article=article, start=start + 2, end=start + 16)
    log_in(page, live_server, reader)
    open_article(page, live_server, article)
    in_link = page.locator("#article-body a mark").inner_text()
    assert (marked(page, across), in_link) == ("ad the origina", "the origina")


def test_clicking_a_quote_in_the_list_flashes_its_passage(page, live_server, seed, reader):
    annotation = make_annotation(owner=reader, article=seed, **offset(seed, SECOND))
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    item(page, annotation).locator(".annotation-quote").click()
    # A passage that starts with a linked name is painted in two marks, either side of the
    # mention's edge: together they are the passage.
    flashed = page.locator("mark.glossa-flash")
    expect(flashed.first).to_be_visible()
    assert "".join(flashed.all_text_contents()) == SECOND


def test_clicking_a_highlight_focuses_its_list_item(page, live_server, seed, reader):
    annotation = make_annotation(owner=reader, article=seed, **offset(seed, SECOND))
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    # The passage opens with a linked name, its first mark: click the plain text after it.
    page.locator("mark.glossa-highlight").last.click()
    expect(item(page, annotation)).to_be_focused()


def test_annotation_link_from_my_annotations_reveals_the_passage(page, live_server, seed, reader):
    annotation = make_annotation(owner=reader, article=seed, **offset(seed, "堡垒内部的裂缝"))
    log_in(page, live_server, reader)
    page.set_viewport_size({"width": 1000, "height": 500})
    open_article(page, live_server, seed, fragment=f"#annotation-{annotation.uuid}")
    mark = page.locator("mark.glossa-highlight")
    expect(mark).to_have_class(re.compile(r"\bglossa-flash\b"))
    expect(mark).to_be_in_viewport()


def test_annotated_article_has_no_content_security_policy_errors(page, live_server, seed, reader):
    make_annotation(owner=reader, article=seed, note="**bold**", **offset(seed, SECOND))
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    select(page, FIRST)
    page.get_by_role("button", name="Annotate").click()
    page.get_by_label("Note", exact=True).fill("*x*")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".glossa-preview em")).to_have_text("x")
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []


def test_highlight_containing_emoji_and_extension_b_stores_code_point_offsets(
    page, live_server, reader
):
    article = make_article(title="Astral inside", body="前文😀𠀀后文 Target text\n\n更多😀内容")
    log_in(page, live_server, reader)
    open_article(page, live_server, article)
    select(page, "文😀𠀀后")
    with page.expect_response(CREATE):
        page.get_by_role("button", name="Highlight").click()
    saved = Annotation.objects.get()
    start = article.text.index("文😀𠀀后")
    assert (saved.start, saved.end, saved.exact) == (start, start + 4, "文😀𠀀后")


def test_reader_logs_in_through_the_form_and_sees_their_name(page, live_server, reader):
    reader.set_password("a-long-pass-9281")
    reader.save()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("a-long-pass-9281")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    assert page.locator(".account-name").inner_text() == "Logged in as alice"


def test_editor_links_a_note_to_a_person_of_the_article_by_keyboard(
    page, live_server, seed, reader
):
    person = seed.credits.filter(entity__kind="person").first().entity
    log_in(page, live_server, reader)
    open_article(page, live_server, seed)
    select(page, SECOND)
    page.get_by_role("button", name="Annotate").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Note", exact=True).fill("About them")
    expect(dialog.get_by_role("group", name="About")).to_be_visible()
    press_tab_until(page, f"#glossa-editor-entity-{person.pk}")
    page.keyboard.press("Space")
    with page.expect_response(CREATE):
        dialog.get_by_role("button", name="Save").click()
    saved = Annotation.objects.get()
    link = item(page, saved).locator(".annotation-about a")
    expect(link).to_have_text(person.name)
    assert (list(saved.entities.all()), link.get_attribute("href")) == (
        [person],
        person.get_absolute_url(),
    )
