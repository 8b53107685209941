"""Publisher boilerplate: found across one publisher's articles, folded away, undoable."""

import pytest

from archive.boilerplate import fingerprint
from archive.boilerplate_marking import Ledger, boilerplate_undo
from archive.models import Article, Boilerplate, Entity, Mention
from search.index import Results
from search.query import parse_query
from tests.factories import make_annotation, make_article

pytestmark = pytest.mark.django_db

FOOTER = "感谢阅读！如果您对AI的更多资讯感兴趣，可以关注 GPTNB 查看更多文章。"
LEADER = "点击上方蓝字关注我们，每天为你精选好文章"


def body(n: int, *, footer: str = FOOTER, leader: str = "") -> str:
    opening = f"{leader}\n\n" if leader else ""
    return (
        f"{opening}第{n}篇的开头段落，讲述今天的新闻内容。\n\n"
        f"第{n}篇的中间段落，继续讲述更多的细节。\n\n"
        f"第{n}篇的结尾段落，总结全文的观点。\n\n{footer}\n"
    )


def publish(count: int, publisher: str = "GPTNB", **kwargs) -> list[Article]:
    made = [make_article(body=body(n, **kwargs), publisher=publisher) for n in range(count)]
    return [Article.objects.get(pk=a.pk) for a in made]


def test_a_footer_in_three_articles_of_a_publisher_is_marked_in_all_three():
    articles = publish(3)
    assert all(a.text[s:e] == FOOTER for a in articles for s, e in a.boilerplate)
    assert [len(a.boilerplate) for a in articles] == [1, 1, 1]


def test_a_footer_in_two_articles_is_not_marked():
    assert [a.boilerplate for a in publish(2)] == [[], []]


def test_the_same_footer_under_another_publisher_is_not_counted_with_them():
    publish(2, publisher="GPTNB")
    assert [a.boilerplate for a in publish(1, publisher="Other")] == [[]]


def test_a_leading_block_is_marked_as_well_as_a_trailing_one():
    article = publish(3, leader=LEADER)[0]
    assert [article.text[s:e] for s, e in article.boilerplate] == [LEADER, FOOTER]


def test_marking_keeps_the_canonical_text_revisions_and_annotations():
    first = publish(1)[0]
    note = make_annotation(article=first, start=len(first.text) - 10, end=len(first.text) - 2)
    text, revisions = first.text, list(first.revisions.values_list("text", flat=True))
    publish(2)
    first.refresh_from_db()
    note.refresh_from_db()
    assert first.boilerplate
    assert (first.text, list(first.revisions.values_list("text", flat=True))) == (text, revisions)
    assert first.text[note.start : note.end] == note.exact


def test_the_html_wraps_the_footer_without_changing_its_text():
    from archive.rendering import html_to_text

    article = publish(3)[0]
    assert '<details class="boilerplate">' in article.html
    assert html_to_text(article.html) == article.text


def test_the_excerpt_leaves_out_a_leading_block():
    article = publish(3, leader=LEADER)[0]
    assert LEADER not in article.excerpt and article.excerpt


def test_search_does_not_find_articles_by_their_footer():
    publish(3)
    assert Results(parse_query("资讯感兴趣")).count() == 0


def test_search_still_finds_the_footer_before_it_is_marked():
    publish(2)
    assert Results(parse_query("资讯感兴趣")).count() == 2


def test_mentions_leave_out_the_footer():
    Entity.objects.create(
        kind=Entity.Kind.ORGANISATION,
        name="GPTNB",
        slug="gptnb",
        find_in_text=True,
        registry_id="gptnb",
    )
    publish(3)
    assert not Mention.objects.filter(surface="GPTNB").exists()


def test_the_page_shows_the_footer_in_a_closed_details_labelled_from_the_publisher(client):
    article = publish(3)[0]
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'data-label="From the publisher"' in page
    assert '<details class="boilerplate" open' not in page


def test_the_label_is_in_chinese_for_chinese_readers(client):
    article = publish(3)[0]
    page = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-Hans").content
    assert 'data-label="来自发布方"' in page.decode()


def test_undo_restores_the_blocks_and_the_mentions():
    Entity.objects.create(
        kind=Entity.Kind.ORGANISATION,
        name="GPTNB",
        slug="gptnb",
        find_in_text=True,
        registry_id="gptnb",
    )
    articles = publish(3)
    boilerplate_undo(boilerplate=Boilerplate.objects.get())
    after = Article.objects.filter(pk__in=[a.pk for a in articles])
    assert [a.boilerplate for a in after] == [[], [], []]
    assert all("boilerplate" not in a.html for a in after)
    assert Mention.objects.filter(surface="GPTNB").count() == 3


def test_a_later_import_does_not_mark_an_undone_footer_again():
    publish(3)
    boilerplate_undo(boilerplate=Boilerplate.objects.get())
    assert publish(1)[0].boilerplate == []


def test_the_ledger_counts_a_block_apart_for_each_group():
    ledger, key = Ledger(), fingerprint("关注我们，获取更多资讯")
    ledger.load_counts()
    ledger.count("publisher:甲", key, add=1)
    ledger.count("publisher:甲", key, add=1)
    ledger.count("publisher:乙", key, add=1)
    assert (ledger.count("publisher:甲", key), ledger.count("publisher:乙", key)) == (2, 1)


def test_the_ledger_counts_a_fingerprint_of_another_shape_apart_from_ours():
    ledger, ours = Ledger(), "00" + fingerprint("关注我们")[:30]
    ledger.load_counts()
    ledger.count("publisher:甲", ours, add=1)
    other = "0" + ours[2:17] + "_" + ours[17:]  # as long as ours; int(other, 16) == int(ours, 16)
    assert ledger.count("publisher:甲", other, add=1) == 1
