"""A results page ranks the matches the count found (search.index.Results): the same articles,
in the same order, as finding them again would give, on SQLite and on PostgreSQL, whichever
way PostgreSQL finds them (search.pg_sparse)."""

import pytest

from archive.models import Article
from search.index import Results, backend, rebuild
from search.query import parse_query
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["walk", "sparse"])
def path(request, monkeypatch):
    """Both ways PostgreSQL finds the newest matches (search.pg_sparse); SQLite has one."""
    if request.param == "sparse":
        monkeypatch.setattr("search.pg_sparse._statistics", lambda table: ({}, 1.0, 1.0))
    else:
        monkeypatch.setattr("search.pg_sparse.SPARSE", -1)
    return request.param


def titles(ids: list[int]) -> list[str]:
    names = dict(Article.objects.filter(pk__in=ids).values_list("pk", "title"))
    return [names[pk] for pk in ids]


def every_page(text: str, size: int = 2, **options) -> list[str]:
    results = Results(parse_query(text), **options)
    ids = []
    for start in range(0, results.count(), size):
        ids += results[start : start + size]
    return titles(ids)


def test_an_amount_is_found_only_where_its_digits_and_words_touch():
    make_article(title="together", body="融资总额达到891亿美元。")
    make_article(title="apart", body="第891页写着亿美元。")
    make_article(title="other amount", body="融资总额达到892亿美元。")
    assert every_page("891亿美元") == ["together"]


def test_a_cjk_phrase_in_the_title_ranks_above_one_in_the_body():
    make_article(title="正文", body="他们谈到商业化路线。")
    make_article(title="商业化路线图", body="正文。")
    make_article(title="散开", body="商业化的另一条路线。")
    assert every_page("商业化路线") == ["商业化路线图", "正文"]


def test_a_mixed_phrase_is_ranked_like_any_other():
    make_article(title="body", body="OpenAI联合创始人离职。")
    make_article(title="OpenAI联合创始人", body="正文。")
    make_article(title="apart", body="OpenAI的联合创始人。")
    assert every_page("OpenAI联合创始人") == ["OpenAI联合创始人", "body"]


def test_a_quoted_latin_phrase_needs_its_words_together():
    make_article(title="name", body="Sam Altman spoke.")
    make_article(title="apart", body="Sam met Altman.")
    assert every_page('"Sam Altman"') == ["name"]


def test_pages_of_ranked_matches_hold_each_match_once():
    for number in range(5):
        make_article(title=f"match {number}", body="芯片" * (number + 1))
    pages = every_page("芯片")
    assert (len(pages), set(pages)) == (5, {f"match {n}" for n in range(5)})


def test_ranked_matches_respect_the_filters():
    make_article(title="kept", body="数据中心扩建")
    make_article(title="dropped", body="数据中心扩建")
    within = Article.objects.filter(title="kept")
    assert every_page("数据中心扩建", within=within) == ["kept"]


def test_exclusions_hold_when_matches_are_ranked():
    make_article(title="both", body="芯片和监管")
    make_article(title="chips", body="芯片")
    assert every_page("芯片 -监管") == ["chips"]


def test_beyond_the_candidates_the_newest_phrase_matches_are_offered(monkeypatch):
    monkeypatch.setattr("search.index.CANDIDATES", 3)
    for number in range(5):
        make_article(title=f"phrase {number}", body="推理成本的下降曲线")
    make_article(title="apart", body="推理成本的下降，另一条曲线")
    assert every_page("推理成本的下降曲线") == ["phrase 4", "phrase 3", "phrase 2"]


def test_beyond_the_candidates_title_matches_come_first(monkeypatch):
    monkeypatch.setattr("search.index.CANDIDATES", 3)
    make_article(title="older", body="核心团队的去留")
    make_article(title="核心团队的去留", body="正文")
    make_article(title="newer", body="核心团队的去留")
    make_article(title="newest", body="核心团队的去留")
    assert every_page("核心团队的去留") == ["核心团队的去留", "newest", "newer"]


def test_sorting_by_date_beyond_the_candidates_is_unchanged(monkeypatch):
    monkeypatch.setattr("search.index.CANDIDATES", 2)
    make_article(title="old", body="芯片", date="2020-01-01")
    make_article(title="new", body="芯片", date="2024-01-01")
    make_article(title="middle", body="芯片", date="2022-01-01")
    assert every_page("芯片", by_date=True) == ["new", "middle"]


def test_a_lone_character_at_the_end_is_still_a_prefix():
    make_article(title="word", body="他们谈到安全。")
    make_article(title="other", body="他们谈到安静。")
    make_article(title="none", body="他们谈到监管。")
    assert sorted(every_page("谈到安")) == ["other", "word"]


def test_a_phrase_and_a_word_both_hold():
    make_article(title="both", body="数据中心扩建，芯片")
    make_article(title="phrase only", body="数据中心扩建")
    make_article(title="word only", body="芯片")
    assert every_page("数据中心扩建 芯片") == ["both"]


def test_checking_in_batches_keeps_the_newest_matches_in_order(monkeypatch):
    monkeypatch.setattr("search.index.CANDIDATES", 4)
    for number in range(9):
        body = "推理成本的下降曲线" if number % 3 else "推理成本的下降，曲线"
        make_article(title=f"article {number}", body=body)
    assert every_page("推理成本的下降曲线", size=3) == [
        "article 8", "article 7", "article 5", "article 4",
    ]  # fmt: skip


def test_beyond_the_candidates_a_retitled_match_comes_first(monkeypatch):
    monkeypatch.setattr("search.index.CANDIDATES", 2)
    make_article(title="oldest", body="核心团队的去留")
    retitled = make_article(title="middle", body="核心团队的去留")
    make_article(title="newest", body="核心团队的去留")
    retitled.title = "核心团队的去留"
    retitled.save()
    assert every_page("核心团队的去留") == ["核心团队的去留", "newest"]


def test_beyond_the_candidates_a_title_that_lost_the_phrase_no_longer_comes_first(monkeypatch):
    monkeypatch.setattr("search.index.CANDIDATES", 2)
    make_article(title="oldest", body="核心团队的去留")
    retitled = make_article(title="核心团队的去留", body="核心团队的去留")
    make_article(title="newest", body="核心团队的去留")
    retitled.title = "retitled"
    retitled.save()
    # SQLite's index order puts the re-indexed article last: the newest, in index order.
    newest = backend().newest(parse_query("核心团队的去留"), limit=2)
    assert every_page("核心团队的去留") == titles([pk for pk, _position in newest])


def test_beyond_the_candidates_title_matches_come_first_after_a_rebuild(monkeypatch):
    monkeypatch.setattr("search.index.CANDIDATES", 3)
    make_article(title="older", body="核心团队的去留")
    make_article(title="核心团队的去留", body="正文")
    make_article(title="newer", body="核心团队的去留")
    make_article(title="newest", body="核心团队的去留")
    rebuild()
    assert every_page("核心团队的去留") == ["核心团队的去留", "newest", "newer"]


def test_beyond_the_candidates_an_exclusion_keeps_title_matches_first(monkeypatch):
    monkeypatch.setattr("search.index.CANDIDATES", 2)
    make_article(title="older", body="芯片")
    make_article(title="芯片", body="芯片")
    make_article(title="芯片新闻", body="芯片和监管")
    make_article(title="newest", body="芯片")
    assert every_page("芯片 -监管") == ["芯片", "newest"]


def test_beyond_the_candidates_only_the_whole_phrase_in_a_title_comes_first(monkeypatch):
    monkeypatch.setattr("search.index.CANDIDATES", 3)
    make_article(title="核心团队", body="核心团队的去留")
    make_article(title="newer", body="核心团队的去留")
    make_article(title="newest", body="核心团队的去留")
    make_article(title="的去留", body="核心团队的去留")
    assert every_page("核心团队的去留") == ["的去留", "newest", "newer"]


def test_sorting_a_phrase_by_date_beyond_the_candidates_keeps_every_page_in_date_order(
    monkeypatch,
):
    monkeypatch.setattr("search.index.CANDIDATES", 3)
    for title, day in (("b", "2021-01-01"), ("d", "2019-01-01"), ("a", "2024-01-01")):
        make_article(title=title, body="推理成本的下降曲线", date=day)
    make_article(title="apart", body="推理成本的下降，另一条曲线", date="2025-01-01")
    make_article(title="c", body="推理成本的下降曲线", date="2020-01-01")
    assert every_page("推理成本的下降曲线", size=1, by_date=True) == ["a", "b", "c"]


def test_sorting_an_exclusion_by_date_beyond_the_candidates_leaves_out_the_excluded(
    monkeypatch,
):
    monkeypatch.setattr("search.index.CANDIDATES", 2)
    for title, body, day in (
        ("old", "芯片", "2019-01-01"),
        ("excluded", "芯片和监管", "2024-01-01"),
        ("new", "芯片", "2023-01-01"),
        ("middle", "芯片", "2021-01-01"),
    ):
        make_article(title=title, body=body, date=day)
    assert every_page("芯片 -监管", by_date=True) == ["new", "middle"]


def test_sorting_by_date_beyond_the_candidates_respects_the_filters(monkeypatch):
    monkeypatch.setattr("search.index.CANDIDATES", 1)
    make_article(title="kept old", body="数据中心扩建", date="2020-01-01")
    make_article(title="dropped", body="数据中心扩建", date="2024-01-01")
    make_article(title="kept new", body="数据中心扩建", date="2022-01-01")
    within = Article.objects.filter(title__startswith="kept")
    assert every_page("数据中心扩建", size=1, by_date=True, within=within) == ["kept new"]


# Phrases of common tokens: the articles holding every token far outnumber those holding the
# phrase, so most candidates fail the check. Expected lists are written out, not recomputed.
AMOUNTS = [
    ("a", "融资总额达到891亿美元。", "2021-03-01"),
    ("b", "第891页：亿美元计价。", "2024-05-01"),
    ("c", "估值因此达到891亿美元", "2020-01-01"),
    ("d", "891 名员工，亿美元估值", "2023-01-01"),
    ("e", "涉及金额约891亿美元，另有亿美元贷款", "2022-07-01"),
    ("f", "约892亿美元，891次会议", "2025-01-01"),
    ("g", "达到891亿美元", "2019-06-01"),
]


@pytest.fixture
def amounts(monkeypatch):
    monkeypatch.setattr("search.index.CANDIDATES", 2)
    for title, body, date in AMOUNTS:
        make_article(title=title, body=body, date=date)


def test_a_common_token_phrase_counts_only_its_matches(amounts):
    results = Results(parse_query("891亿美元"))
    assert (results.count(), results.more) == (2, True)


def test_a_common_token_phrase_offers_its_newest_matches(amounts):
    assert every_page("891亿美元", size=1) == ["g", "e"]


def test_a_common_token_phrase_sorted_by_date_lists_every_match(amounts):
    assert every_page("891亿美元", size=1, by_date=True) == ["e", "a"]


def test_a_common_token_phrase_sorted_by_date_pages_past_the_count(amounts):
    results = Results(parse_query("891亿美元"), by_date=True)
    assert [titles(results[start : start + 1]) for start in range(4)] == [
        ["e"], ["a"], ["c"], ["g"],
    ]  # fmt: skip


def test_a_common_token_phrase_respects_the_filters(amounts):
    within = Article.objects.filter(title__in=["a", "b", "c", "d"])
    assert every_page("891亿美元", within=within, by_date=True) == ["a", "c"]
