"""What the index finds, on SQLite FTS5 and on PostgreSQL, and how it stays in step."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from archive.importer import import_paths
from archive.models import Article
from archive.signals import article_text_changed
from search.index import Results, index_article, matching_titles, rebuild
from search.models import SearchDocument
from search.query import parse_query
from tests.factories import article_bytes, make_article
from tests.queries import queries

pytestmark = pytest.mark.django_db

# These check one engine's own storage (FTS5 rows, tsvector positions); the behaviour they
# support is tested on both databases by the other tests here.
sqlite_only = pytest.mark.skipif(
    "connection.vendor != 'sqlite'", reason="inspects SQLite's FTS5 tables"
)
postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="inspects PostgreSQL's tsvector"
)


def found(text: str, **options) -> list[str]:
    """Titles of the articles matching ``text``, best first."""
    ids = Results(parse_query(text), **options)[0:100]
    titles = dict(Article.objects.filter(pk__in=ids).values_list("pk", "title"))
    return [titles[pk] for pk in ids]


def test_two_character_word_is_found_where_it_occurs():
    make_article(title="together", body="这关乎人工智能的安全。")
    assert found("安全") == ["together"]


def test_two_character_word_is_not_found_where_its_characters_are_apart():
    make_article(title="apart", body="他安心全面地投入工作。")
    assert found("安全") == []


def test_longer_phrase_needs_its_characters_in_order():
    make_article(title="phrase", body="OpenAI联合创始人兼首席科学家Ilya Sutskever离职。")
    make_article(title="scattered", body="首席执行官说，科学家们都很忙。")
    assert found("首席科学家") == ["phrase"]


@pytest.mark.parametrize("text", ["OpenAI", "联合创始人", "OpenAI联合创始人"])
def test_mixed_script_word_is_found_by_either_part(text):
    make_article(title="mixed", body="据报道，OpenAI联合创始人John Schulman已经离职。")
    assert found(text) == ["mixed"]


def test_latin_words_match_whatever_their_case():
    make_article(title="case", body="John Schulman joined Anthropic.")
    assert found("SCHULMAN") == ["case"]


def test_full_width_query_finds_ascii_text():
    make_article(title="width", body="OpenAI发布了新模型。")
    assert found("ＯｐｅｎＡＩ") == ["width"]


def test_ascii_query_finds_full_width_text():
    make_article(title="width", body="ＯｐｅｎＡＩ发布了新模型。")
    assert found("openai") == ["width"]


@pytest.mark.parametrize("text", ["cafe", "café", "CAFÉ"])
def test_accents_do_not_matter(text):
    make_article(title="accent", body="在巴黎的一家café里。")
    assert found(text) == ["accent"]


def test_quoted_phrase_needs_its_words_together():
    make_article(title="together", body="Sam Altman said so.")
    make_article(title="apart", body="Altman met Sam.")
    assert found('"Sam Altman"') == ["together"]


def test_words_without_quotes_may_be_apart():
    make_article(title="apart", body="Altman met Sam.")
    assert found("Sam Altman") == ["apart"]


def test_minus_excludes_articles_with_the_word():
    make_article(title="both", body="OpenAI和Anthropic。")
    make_article(title="one", body="只有OpenAI。")
    assert found("OpenAI -Anthropic") == ["one"]


def test_lone_cjk_character_finds_words_starting_with_it():
    make_article(title="prefix", body="这关乎安全。")
    assert found("安") == ["prefix"]


def test_title_match_ranks_above_body_match():
    make_article(title="芯片", body="正文没有那个词。")
    make_article(title="other", body="正文提到芯片。")
    assert found("芯片") == ["芯片", "other"]


def test_results_can_be_restricted_to_some_articles():
    make_article(title="kept", body="芯片")
    make_article(title="dropped", body="芯片")
    within = Article.objects.filter(title="kept")
    assert found("芯片", within=within) == ["kept"]


def test_results_by_date_are_newest_first():
    make_article(title="old", body="芯片", date="2020-01-01")
    make_article(title="new", body="芯片", date="2024-01-01")
    assert found("芯片", by_date=True) == ["new", "old"]


def test_count_counts_matches_only():
    make_article(body="芯片")
    make_article(body="算力")
    assert Results(parse_query("芯片")).count() == 1


def test_many_matches_are_counted_up_to_the_candidates(monkeypatch):
    monkeypatch.setattr("search.index.CANDIDATES", 2)
    for _ in range(3):
        make_article(body="芯片")
    results = Results(parse_query("芯片"))
    assert (results.count(), results.more) == (2, True)


def test_many_matches_offer_the_newest_title_matches_first(monkeypatch):
    monkeypatch.setattr("search.index.CANDIDATES", 2)
    make_article(title="芯片 oldest", body="芯片")
    make_article(title="芯片 newer", body="芯片")
    make_article(title="newest", body="芯片")
    assert found("芯片") == ["芯片 newer", "newest"]


def test_titles_match_as_typed():
    make_article(title="Schulman离职", body="正文")
    ids = matching_titles(parse_query("Schul"), limit=8)
    assert list(Article.objects.filter(pk__in=ids).values_list("title", flat=True)) == [
        "Schulman离职"
    ]


def test_reimport_replaces_the_indexed_text(articles_dir):
    path = articles_dir / "a.md"
    path.write_bytes(article_bytes(title="T", body="旧的正文讲安全。"))
    import_paths([str(articles_dir)])
    path.write_bytes(article_bytes(title="T", body="新的正文讲芯片。"))
    import_paths([str(articles_dir)])
    assert (found("芯片"), found("安全")) == (["T"], [])


def test_failed_import_keeps_the_old_text_findable_and_not_the_new(articles_dir):
    path = articles_dir / "a.md"
    path.write_bytes(article_bytes(title="T", body="旧的正文讲安全。"))
    import_paths([str(articles_dir)])
    path.write_bytes(article_bytes(title="T", body="新的正文讲芯片。"))

    def fail(**kwargs):  # sent after the article is saved, and so indexed
        raise RuntimeError("refused")

    article_text_changed.connect(fail, dispatch_uid="test-fail")
    try:
        report = import_paths([str(articles_dir)])
    finally:
        article_text_changed.disconnect(dispatch_uid="test-fail")
    assert (report.failed, found("安全"), found("芯片")) == (1, ["T"], [])


def test_rebuild_command_restores_a_lost_index():
    make_article(title="kept", body="芯片")
    SearchDocument.objects.all().delete()
    call_command("rebuild_search_index", verbosity=0)
    assert found("芯片") == ["kept"]


def test_rebuild_command_dry_run_writes_nothing():
    make_article(title="kept", body="芯片")
    SearchDocument.objects.all().delete()
    call_command("rebuild_search_index", dry_run=True, verbosity=0)
    assert found("芯片") == []


def test_rebuild_reports_how_many_articles_it_indexed():
    for _ in range(3):
        make_article()
    assert rebuild(batch_size=2) == 3


def test_deleted_article_is_not_found():
    make_article(title="gone", body="芯片").delete()
    assert found("芯片") == []


@sqlite_only
def test_sqlite_index_keeps_cjk_bigrams_as_single_terms():
    make_article(body="首席科学家")
    with connection.cursor() as cursor:
        cursor.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, search_fts, 'row')")
        cursor.execute("SELECT term FROM temp.terms")
        terms = {row[0] for row in cursor.fetchall()}
        cursor.execute("DROP TABLE temp.terms")
    assert {"首席", "席科", "科学", "学家"} <= terms


@sqlite_only
def test_sqlite_rebuild_drops_retired_rows():
    article = make_article(body="芯片")
    for _ in range(2):
        article.save()
    rebuild()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM search_fts")
        assert cursor.fetchone()[0] == 1


def test_overlong_article_is_indexed_without_error():
    article = make_article(title="long", body="芯片")
    words = [f"{n:06d}" + "x" * 90 for n in range(20000)]  # 1.9 MB, well past a tsvector's 1 MB
    article.text = "开头 " + " ".join(words)
    index_article(article)
    assert found("开头") == ["long"]


@postgres_only
def test_postgres_rebuild_restores_the_gin_index():
    make_article(body="芯片")
    rebuild()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_document_vector_gin'"
        )
        assert "USING gin (vector)" in cursor.fetchone()[0]


@postgres_only
def test_postgres_vector_holds_cjk_bigrams_with_the_title_weighted():
    make_article(title="安全", body="首席科学家")
    with connection.cursor() as cursor:
        cursor.execute("SELECT vector::text FROM search_searchdocument")
        vector = cursor.fetchone()[0]
    assert "'安全':1A" in vector and all(f"'{b}'" in vector for b in ("首席", "席科", "学家"))


@postgres_only
def test_postgres_title_vector_holds_the_title_alone():
    make_article(title="安全", body="首席科学家")
    with connection.cursor() as cursor:
        cursor.execute("SELECT vector::text FROM search_title")
        assert cursor.fetchone()[0] == "'安全':1A"


@postgres_only
@pytest.mark.parametrize("rebuilt", [False, True])
def test_postgres_every_document_has_its_title_vector(rebuilt):
    for number in range(3):
        make_article(title=f"标题{number}", body="正文")
    if rebuilt:
        rebuild(batch_size=2)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM search_searchdocument d JOIN search_title t"
            " ON t.article_id = d.article_id AND t.vector = ts_filter(d.vector, '{a}')"
        )
        assert cursor.fetchone()[0] == 3


@postgres_only
def test_postgres_deleted_article_leaves_no_title_vector():
    make_article(title="安全", body="正文").delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM search_title")
        assert cursor.fetchone()[0] == 0


def test_rebuild_command_reports_success():
    make_article()
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert out.getvalue().startswith("indexed 1 articles")


@pytest.mark.parametrize(("text", "body"), [("5月", "他在5月离职。"), ("A股", "A股市场大涨。")])
def test_cjk_character_after_latin_or_digits_finds_the_run_it_starts(text, body):
    make_article(title="edge", body=body)
    assert found(text) == ["edge"]


def test_cjk_character_after_digits_is_not_found_elsewhere_in_a_run():
    make_article(title="apart", body="他在5日月底离职。")
    assert found("5月") == []


def test_two_character_word_is_not_found_where_other_characters_part_it():
    make_article(title="apart", body="他离开了职位。")
    assert found("离职") == []


def test_mixed_phrase_is_not_found_where_its_parts_are_apart():
    make_article(title="apart", body="OpenAI的联合创始人离职。")
    assert found("OpenAI联合创始人") == []


def test_phrase_does_not_run_from_the_title_into_the_body():
    make_article(title="Report by Sam", body="Altman was there.")
    assert found('"Sam Altman"') == []


def test_katakana_middle_dot_and_middle_dot_are_the_same_separator():
    make_article(title="dot", body="萨姆・奥特曼来了。")
    assert found("萨姆·奥特曼") == ["dot"]


def test_punctuation_from_the_kana_block_only_separates():
    make_article(title="dot", body="这关乎安全。")
    assert found("安全 ・・") == ["dot"]


def fts_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM search_fts_docsize")
        return cursor.fetchone()[0]


@sqlite_only
def test_sqlite_reimport_with_edits_keeps_one_fts_row(articles_dir):
    path = articles_dir / "a.md"
    for word in ("安全", "芯片", "算力"):
        path.write_bytes(article_bytes(title=f"T {word}", body=f"正文讲{word}。"))
        import_paths([str(articles_dir)])
    assert (fts_rows(), found("安全"), found("芯片"), found("算力")) == (1, [], [], ["T 算力"])


@sqlite_only
def test_sqlite_reimport_leaves_no_old_word_in_the_index(articles_dir):
    path = articles_dir / "a.md"
    path.write_bytes(article_bytes(title="T", body="正文讲安全。"))
    import_paths([str(articles_dir)])
    path.write_bytes(article_bytes(title="T", body="正文讲芯片。"))
    import_paths([str(articles_dir)])
    with connection.cursor() as cursor:
        cursor.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, search_fts, 'row')")
        cursor.execute("SELECT term FROM temp.terms")
        terms = {row[0] for row in cursor.fetchall()}
        cursor.execute("DROP TABLE temp.terms")
    assert ("芯片" in terms, "安全" in terms) == (True, False)


@sqlite_only
def test_sqlite_deleted_article_leaves_no_fts_row():
    make_article(title="kept", body="芯片")
    make_article(title="gone", body="芯片")
    Article.objects.get(title="gone").delete()
    assert fts_rows() == 1


@sqlite_only
def test_sqlite_save_without_the_old_text_retires_the_row():
    article = make_article(title="T", body="旧的正文讲安全。")
    stale = Article.objects.defer("text").get(pk=article.pk)
    stale.title = "T2"
    stale.save()
    assert (found("T2"), found("安全"), fts_rows()) == (["T2"], ["T2"], 2)


def test_article_saved_outside_the_importer_is_found_by_its_new_words():
    article = Article.objects.get(pk=make_article(title="Old title", body="芯片").pk)
    article.title, article.text = "New title", "算力"
    article.save()
    assert (found("new"), found("old"), found("算力"), found("芯片")) == (
        ["New title"],
        [],
        ["New title"],
        [],
    )


def test_changed_date_is_reindexed_for_sorting():
    article = Article.objects.get(pk=make_article(body="芯片", date="2020-01-01").pk)
    article.date = datetime.date(2024, 5, 1)
    article.save()
    assert SearchDocument.objects.get().date == datetime.date(2024, 5, 1)


def test_import_of_an_edited_file_indexes_it_once(articles_dir):
    path = articles_dir / "a.md"
    path.write_bytes(article_bytes(title="T", body="旧的正文。"))
    import_paths([str(articles_dir)])
    path.write_bytes(article_bytes(title="T", body="新的正文。"))
    with queries() as captured:
        import_paths([str(articles_dir)])
    writes = [
        q["sql"] for q in captured if "search_searchdocument" in q["sql"] and "INSERT" in q["sql"]
    ]
    assert len(writes) == 1
