"""The reading pages in a real Chromium: canonical text, offline images, layout, language."""

import random

import pytest

from archive.importer import import_paths
from archive.models import Article
from tests.browser import BODY_TEXT, open_article
from tests.conftest import FIXTURES, SEEDS
from tests.factories import make_article
from tests.material import xss_payloads

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_seed_canonical_text_equals_browser_text_content(page, live_server):
    import_paths([str(SEEDS)])
    article = Article.objects.get()
    open_article(page, live_server, article)
    assert page.evaluate(BODY_TEXT) == article.text


@pytest.mark.parametrize("folder", ["articles", "engines"])
def test_fixture_articles_canonical_text_equals_browser_text_content(page, live_server, folder):
    import_paths([str(FIXTURES / folder)])
    mismatched = []
    for article in Article.objects.all():
        open_article(page, live_server, article)
        if page.evaluate(BODY_TEXT) != article.text:
            mismatched.append(article.source_key)
    assert mismatched == []


def test_broken_engine_syntax_keeps_the_text_equal(page, live_server):
    # Unclosed, mis-nested and stray tags, shortcodes, attribute lists, quotes and code.
    pieces = [
        "{% note info %}", "{% endnote %}", "{{< notice warning >}}", "{{< /notice >}}",
        "{{< /fig-quote >}}", '{{< fig-quote author="A" >}}', "{% raw %}", "{% endraw %}",
        "{: .prompt-tip }", "> [!NOTE]", "> quoted", "```", "`{% x %}`", "![a](b.png){ width=60% }",
        '<object data="c.svg">', "</object>", "{% highlight py %}", "{% endhighlight %}",
        "{{< youtube abc >}}", "{% asset_img d.png 标题 %}", "| {{< gallery >}} |", "- item",
        "    {% codeblock %}", "<div>", "</div>", "text 文字", "\n", "\n\n",
    ]  # fmt: skip
    rng = random.Random(10)
    body = "\n".join("".join(rng.choice(pieces) for _ in range(4)) for _ in range(120))
    article = make_article(title="Broken engine syntax", body=body)
    open_article(page, live_server, article)
    assert page.evaluate(BODY_TEXT) == article.text


def test_callouts_take_the_dark_theme_colours(page, live_server):
    import_paths([str(FIXTURES / "engines" / "hugo-shortcodes.md")])
    page.emulate_media(color_scheme="dark")
    open_article(page, live_server, Article.objects.get())
    edge = page.eval_on_selector(
        "#article-body .callout-warning", "e => getComputedStyle(e).borderLeftColor"
    )
    assert edge == "rgb(252, 196, 25)"


def test_callouts_take_the_light_theme_colours(page, live_server):
    import_paths([str(FIXTURES / "engines" / "hugo-shortcodes.md")])
    page.emulate_media(color_scheme="light")
    open_article(page, live_server, Article.objects.get())
    edge = page.eval_on_selector(
        "#article-body .callout-warning", "e => getComputedStyle(e).borderLeftColor"
    )
    assert edge == "rgb(232, 161, 0)"


def test_hostile_article_runs_no_script_and_keeps_text_equal(page, live_server):
    body = "\n\n".join(xss_payloads())
    article = make_article(title="Hostile", body=body)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_article(page, live_server, article)
    page.wait_for_timeout(300)
    assert (dialogs, page.evaluate(BODY_TEXT) == article.text) == ([], True)


def test_page_makes_no_request_beyond_the_app_but_remote_images(page, live_server):
    import_paths([str(SEEDS)])
    open_article(page, live_server, Article.objects.get())
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(300)
    refused = page.context.refused
    assert refused and all(url.startswith("http://www.jesonc.com/") for url in refused)


def test_offline_images_keep_alt_text_visible(page, live_server):
    import_paths([str(SEEDS)])
    open_article(page, live_server, Article.objects.get())
    image = page.locator("#article-body img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('#article-body img').complete")
    box = image.bounding_box()
    assert image.get_attribute("alt") == "图片来源：由GPTNB生成" and box["width"] > 40


def test_remote_images_send_no_referrer_and_load_lazily(page, live_server):
    import_paths([str(SEEDS)])
    open_article(page, live_server, Article.objects.get())
    attributes = page.eval_on_selector_all(
        "#article-body img", "imgs => imgs.map(i => [i.referrerPolicy, i.loading])"
    )
    assert attributes and all(pair == ["no-referrer", "lazy"] for pair in attributes)


def test_article_page_has_no_console_errors_from_csp(page, live_server):
    import_paths([str(SEEDS)])
    open_article(page, live_server, Article.objects.get())
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []


def test_phone_width_has_no_horizontal_scrolling(page, live_server):
    import_paths([str(SEEDS), str(FIXTURES / "articles" / "english.md"), str(FIXTURES / "engines")])
    page.set_viewport_size({"width": 360, "height": 740})
    overflowing = []
    for article in Article.objects.all():
        open_article(page, live_server, article)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            overflowing.append(article.title)
    assert overflowing == []


def test_dark_theme_follows_the_system(page, live_server):
    page.emulate_media(color_scheme="dark")
    page.goto(live_server.url + "/")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(22, 23, 26)"


def test_light_theme_follows_the_system(page, live_server):
    page.emulate_media(color_scheme="light")
    page.goto(live_server.url + "/")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(253, 252, 249)"


def test_language_menu_switches_the_interface_to_chinese(page, live_server):
    page.goto(live_server.url + "/")
    page.select_option("#language-select", "zh-hans")
    with page.expect_navigation():
        page.get_by_role("button", name="Change language").click()
    assert page.locator(".site-nav").inner_text().split()[:3] == ["文章", "人物", "机构"]


def test_reader_follows_the_seed_from_home_to_author_page(page, live_server):
    import_paths([str(SEEDS)])
    page.goto(live_server.url + "/")
    page.click("text=OpenAI，雪崩开始了吗？")
    page.click(".byline-author a")
    assert page.locator("h1").inner_text() == "山茶"


def test_reader_follows_a_name_to_its_person_page_and_back(page, live_server):
    from archive.registry import read_registry, registry_import

    registry_import(data=read_registry(FIXTURES / "registry.yaml"))
    import_paths([str(SEEDS)])
    article = Article.objects.get()
    open_article(page, live_server, article)
    name = page.locator("#article-body a.mention", has_text="Sam Altman").first
    name.hover()
    card = page.locator(".mention-card.visible")
    assert "OpenAI" in card.inner_text()
    name.click()
    assert page.locator("h1 .entity-name").inner_text() == "Sam Altman"
    page.click(f"text={article.title}")
    assert page.url.endswith(article.get_absolute_url())


def test_mention_marks_keep_the_text_content_equal(page, live_server):
    from archive.registry import read_registry, registry_import

    registry_import(data=read_registry(FIXTURES / "registry.yaml"))
    import_paths([str(SEEDS)])
    article = Article.objects.get()
    open_article(page, live_server, article)
    page.wait_for_selector("#article-body a.mention")
    assert page.evaluate(BODY_TEXT) == article.text


def test_chinese_paragraph_justifies_without_spacing_latin_letters(page, live_server):
    article = make_article(body="这是一段包含 OpenAI 与 Anthropic 的中文段落。" * 20)
    open_article(page, live_server, article)
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('#article-body p'));"
        " return [s.textAlign, s.textJustify]; }"
    )
    assert style == ["justify", "auto"]


def test_title_wraps_in_balanced_lines_on_a_phone(page, live_server):
    article = make_article(title="一个很长的标题，" * 6)
    page.set_viewport_size({"width": 390, "height": 844})
    open_article(page, live_server, article)
    wrap = page.evaluate("getComputedStyle(document.querySelector('.article-title')).textWrap")
    assert wrap == "balance"


KEYWORD_COLOUR = "getComputedStyle(document.querySelector('#article-body pre .k')).color"


def test_highlighted_code_keywords_change_colour_with_the_theme(page, live_server):
    article = make_article(title="Code", body="```python\ndef f():\n    return 1\n```")
    colours = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        open_article(page, live_server, article)
        colours.append(page.evaluate(KEYWORD_COLOUR))
    assert colours[0] != colours[1] and "rgb(31, 29, 26)" not in colours


CODE_TO_TEXT_SIZE = """(() => {
  const size = (s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize);
  return size('#article-body pre code') / size('#article-body p');
})()"""


def test_code_block_type_is_close_to_the_body_text_size(page, live_server):
    article = make_article(title="Code", body="Some text.\n\n```python\nx = 1\n```")
    open_article(page, live_server, article)
    assert page.evaluate(CODE_TO_TEXT_SIZE) >= 0.85


def test_code_block_is_never_justified_in_chinese_text(page, live_server):
    article = make_article(title="代码", body="中文正文，介绍下面的代码。\n\n```sh\nls -la\n```")
    open_article(page, live_server, article)
    align = page.evaluate("getComputedStyle(document.querySelector('#article-body pre')).textAlign")
    assert align == "start"


def test_folded_publisher_boilerplate_keeps_the_text_equal_and_shows_its_label(page, live_server):
    from tests.test_boilerplate import publish

    article = Article.objects.get(pk=publish(3)[0].pk)
    open_article(page, live_server, article)
    label = page.evaluate(
        "getComputedStyle(document.querySelector('summary.boilerplate-label'), '::after').content"
    )
    assert (page.evaluate(BODY_TEXT) == article.text, bool(article.boilerplate), label) == (
        True,
        True,
        '"From the publisher"',
    )
