"""Re-rendering stored articles with the current renderer (archive/rerendering.py)."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from annotations.models import Annotation
from archive.models import Article
from archive.rendering import RENDERER_VERSION
from archive.rerendering import rerender
from tests.factories import make_annotation, make_article

pytestmark = pytest.mark.django_db

BODY = "第一段，读者在这里做了批注。\n\n第二段。"
QUOTE = "读者在这里做了批注"


def as_an_old_renderer_left_it(article: Article, *, text_prefix: str = "") -> Article:
    """The article as an older renderer stored it: marked so, its text optionally different."""
    fields = {"rendered_with": "0"}
    if text_prefix:
        text = text_prefix + article.text
        fields |= {
            "text": text,
            "html": f"<p>{text_prefix}</p>" + article.html,
            "content_hash": hashlib.sha256(text.encode()).hexdigest(),
        }
        article.revisions.filter(number=article.revision_number).update(text=text)
    Article.objects.filter(pk=article.pk).update(**fields)
    return Article.objects.get(pk=article.pk)


def run(*args) -> str:
    out = StringIO()
    call_command("rerender_articles", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_article_of_an_older_renderer_is_rendered_with_the_current_one():
    article = as_an_old_renderer_left_it(make_article(body=BODY))
    rerender()
    article.refresh_from_db()
    assert (article.rendered_with, article.html) == (
        RENDERER_VERSION,
        "<p>第一段，读者在这里做了批注。</p>\n<p>第二段。</p>",
    )


def test_same_text_makes_no_new_revision():
    article = as_an_old_renderer_left_it(make_article(body=BODY))
    report = rerender()
    assert (report.rendered, report.text_changed, article.revisions.count()) == (1, 0, 1)


def test_new_text_becomes_a_new_revision_and_keeps_the_old_one():
    old = as_an_old_renderer_left_it(make_article(body=BODY), text_prefix="旧渲染器的残留。")
    rerender()
    texts = list(old.revisions.order_by("number").values_list("text", flat=True))
    assert texts == [old.text, Article.objects.get(pk=old.pk).text]


def test_annotations_re_anchor_on_the_new_text_and_none_is_lost():
    article = as_an_old_renderer_left_it(make_article(body=BODY), text_prefix="旧渲染器的残留。")
    start = article.text.index(QUOTE)
    annotation = make_annotation(article=article, start=start, end=start + len(QUOTE))
    rerender()
    annotation.refresh_from_db()
    text = Article.objects.get(pk=article.pk).text
    assert (
        Annotation.objects.count(),
        text[annotation.start : annotation.end],
        annotation.anchor_state,
    ) == (1, QUOTE, "moved")


def test_articles_of_the_current_renderer_are_left_alone():
    make_article(body=BODY)
    assert rerender().rendered == 0


def test_all_renders_every_article_again():
    make_article(body=BODY)
    assert rerender(everything=True).rendered == 1


def test_article_that_cannot_be_rendered_fails_alone():
    broken = as_an_old_renderer_left_it(make_article(body=BODY))
    Article.objects.filter(pk=broken.pk).update(front_matter={})  # no title: refused
    good = as_an_old_renderer_left_it(make_article(body=BODY))
    report = rerender()
    good.refresh_from_db()
    assert (report.rendered, len(report.failures), good.rendered_with) == (1, 1, RENDERER_VERSION)


def test_command_prints_what_it_did():
    as_an_old_renderer_left_it(make_article(body=BODY), text_prefix="旧。")
    assert "re-rendered 1 (1 with a new text revision), failed 0" in run()


def test_command_dry_run_counts_and_writes_nothing():
    article = as_an_old_renderer_left_it(make_article(body=BODY))
    out = run("--dry-run")
    article.refresh_from_db()
    assert ("would re-render 1 article(s)" in out, article.rendered_with) == (True, "0")


def test_command_exits_non_zero_when_an_article_fails():
    broken = as_an_old_renderer_left_it(make_article(body=BODY))
    Article.objects.filter(pk=broken.pk).update(front_matter={})
    with pytest.raises(CommandError, match="1 article"):
        run()
