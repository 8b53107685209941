import contextlib
import os
import shutil

import pytest
from django.db import connection

from archive import importer, services
from archive.importer import import_paths
from archive.models import Article, ArticleRevision, Credit, Entity
from archive.rows import rows_insert
from archive.signals import article_text_changed
from search.index import Results
from search.query import parse_query
from tests.conftest import FIXTURES, SEED, SEEDS
from tests.factories import article_bytes
from tests.queries import queries

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")
# A new file's article, its search entry (two rows on SQLite), its first revision and its
# credits; and one more for each person or organisation it names first. Plus one INSERT of its
# candidate boilerplate blocks (archive.boilerplate). No savepoint: a batch that fails is
# written again with them.
QUERIES_PER_NEW_FILE = 6


def write_file(folder, name, raw: bytes):
    path = folder / name
    path.write_bytes(raw)
    return path


def test_seed_folder_imports_the_seed_article():
    report = import_paths([str(SEEDS)])
    assert (report.created, report.failed) == (1, 0)


def test_seed_article_fields():
    import_paths([str(SEEDS)])
    article = Article.objects.get()
    assert (article.title, str(article.date)) == ("OpenAI，雪崩开始了吗？", "2024-08-09")


def test_seed_article_credits():
    import_paths([str(SEEDS)])
    credits = [(c.role, c.entity.name, c.url) for c in Credit.objects.order_by("position")]
    assert credits == [
        ("source", "产业象限", "https://mp.weixin.qq.com/s/AB8wsXKqpep7DVtZ5dvVgQ"),
        ("author", "山茶", ""),
        ("editor", "钱江", ""),
        ("publisher", "ByteAILab", ""),
    ]


def test_byline_people_and_organisations_are_rows():
    import_paths([str(SEEDS)])
    people = set(Entity.objects.people().values_list("name", flat=True))
    organisations = set(Entity.objects.organisations().values_list("name", flat=True))
    assert (people, organisations) == ({"山茶", "钱江"}, {"产业象限", "ByteAILab"})


def test_first_import_keeps_revision_one():
    import_paths([str(SEEDS)])
    revision = ArticleRevision.objects.get()
    assert (revision.number, revision.text) == (1, Article.objects.get().text)


def test_every_fixture_variant_imports():
    report = import_paths([str(FIXTURES / "articles")])
    assert (report.created, report.failed) == (10, 0)


def test_glob_imports_matching_files():
    report = import_paths([str(FIXTURES / "articles" / "h*.md")])
    assert report.created == 1 and Article.objects.get().source_key == "slug:hugo-toml"


def test_glob_source_key_is_relative_to_the_glob_root():
    import_paths([str(FIXTURES / "articles" / "r*.md")])
    assert Article.objects.get().source_key == "path:rules.md"


def test_missing_path_is_reported_as_a_failure():
    report = import_paths(["/nonexistent/folder"])
    assert "no such file or folder" in report.failures[0].message


def test_missing_date_is_reported_as_a_warning():
    report = import_paths([str(FIXTURES / "articles" / "no_date.md")])
    assert any("no date" in warning for warning in report.warnings)


def test_reimport_of_unchanged_files_reports_unchanged():
    import_paths([str(FIXTURES / "articles")])
    report = import_paths([str(FIXTURES / "articles")])
    assert (report.created, report.updated, report.unchanged) == (0, 0, 10)


def test_reimport_of_unchanged_files_keeps_primary_keys():
    import_paths([str(FIXTURES / "articles")])
    before = sorted(Article.objects.values_list("pk", "source_key"))
    import_paths([str(FIXTURES / "articles")])
    assert sorted(Article.objects.values_list("pk", "source_key")) == before


def test_reimport_of_unchanged_files_writes_nothing():
    import_paths([str(FIXTURES / "articles")])
    with queries() as captured:
        import_paths([str(FIXTURES / "articles")])
    assert [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith(WRITES)] == []


def test_reimport_of_unchanged_files_takes_one_query_whatever_their_number(articles_dir):
    for n in range(3):
        write_file(articles_dir, f"{n}.md", article_bytes())
    import_paths([str(articles_dir)])
    with queries() as captured:
        import_paths([str(articles_dir)])
    assert len(captured) == 1


def test_each_new_file_costs_the_same_bounded_number_of_queries(tmp_path):
    counts = []
    for size in (1, 3, 5):
        folder = tmp_path / f"batch{size}"
        folder.mkdir()
        for n in range(size):
            write_file(folder, f"{size}-{n}.md", article_bytes(author=f"Publisher {size}-{n}"))
        with queries() as captured:
            import_paths([str(folder)])
        counts.append(len(captured))
    # Each file names four people and organisations that no file named before it.
    bound = 2 * (QUERIES_PER_NEW_FILE + 4)
    assert counts[2] - counts[1] == counts[1] - counts[0] <= bound


def test_changed_file_updates_the_article_in_place(articles_dir):
    path = write_file(articles_dir, "a.md", article_bytes(title="Old", body="Old text."))
    import_paths([str(articles_dir)])
    pk = Article.objects.get().pk
    path.write_bytes(article_bytes(title="New", body="New text."))
    report = import_paths([str(articles_dir)])
    assert (report.updated, Article.objects.get().pk, Article.objects.get().title) == (1, pk, "New")


def test_changed_text_keeps_the_previous_text_as_a_revision(articles_dir):
    path = write_file(articles_dir, "a.md", article_bytes(title="T", body="Old text."))
    import_paths([str(articles_dir)])
    path.write_bytes(article_bytes(title="T", body="New text."))
    import_paths([str(articles_dir)])
    texts = list(ArticleRevision.objects.order_by("number").values_list("number", "text"))
    assert texts == [(1, "Old text."), (2, "New text.")]


def test_changed_text_sends_a_signal_with_both_revisions(articles_dir):
    path = write_file(articles_dir, "a.md", article_bytes(title="T", body="Old text."))
    import_paths([str(articles_dir)])
    received = []

    def receiver(sender, article, previous, current, **kwargs):
        received.append((previous.text, current.text, article.revision_number))

    article_text_changed.connect(receiver)
    try:
        path.write_bytes(article_bytes(title="T", body="New text."))
        import_paths([str(articles_dir)])
    finally:
        article_text_changed.disconnect(receiver)
    assert received == [("Old text.", "New text.", 2)]


def test_metadata_change_adds_no_revision(articles_dir):
    path = write_file(articles_dir, "a.md", article_bytes(title="T", body="Same."))
    import_paths([str(articles_dir)])
    path.write_bytes(article_bytes(title="T", body="Same.", tags=["new"]))
    report = import_paths([str(articles_dir)])
    assert (report.updated, ArticleRevision.objects.count()) == (1, 1)


def test_slug_in_front_matter_keeps_identity_across_renames(articles_dir):
    write_file(articles_dir, "old-name.md", article_bytes(title="T", slug="stable", body="A"))
    import_paths([str(articles_dir)])
    shutil.move(articles_dir / "old-name.md", articles_dir / "new-name.md")
    import_paths([str(articles_dir)])
    assert Article.objects.get().source_path == "new-name.md"


def test_same_title_gets_a_distinct_slug(articles_dir):
    write_file(articles_dir, "a.md", article_bytes(title="Same title"))
    write_file(articles_dir, "b.md", article_bytes(title="Same title"))
    import_paths([str(articles_dir)])
    assert sorted(Article.objects.values_list("slug", flat=True)) == ["same-title", "same-title-2"]


def test_broken_files_fail_alone_and_good_ones_import(articles_dir):
    for broken in (FIXTURES / "broken").iterdir():
        shutil.copy(broken, articles_dir / broken.name)
    shutil.copy(SEED, articles_dir / SEED.name)
    report = import_paths([str(articles_dir)])
    assert (report.created, report.failed, Article.objects.count()) == (1, 6, 1)


def test_failure_names_file_line_and_reason(articles_dir):
    shutil.copy(FIXTURES / "broken" / "broken_yaml.md", articles_dir / "bad.md")
    failure = import_paths([str(articles_dir)]).failures[0]
    assert str(failure).endswith(
        "bad.md:5: broken YAML front matter: did not find expected ',' or ']'"
    )


def test_failure_while_saving_leaves_no_partial_rows(articles_dir, monkeypatch):
    write_file(articles_dir, "a.md", article_bytes())

    def refuse(model, names, rows):
        if model is Credit:  # the last rows of the file: its article and entities are in
            raise RuntimeError("disk full")
        rows_insert(model, names, rows)

    monkeypatch.setattr(services, "rows_insert", refuse)
    report = import_paths([str(articles_dir)])
    assert (report.failed, Article.objects.count(), Entity.objects.count()) == (1, 0, 0)


def test_failing_receiver_rolls_back_the_whole_file(articles_dir):
    path = write_file(articles_dir, "a.md", article_bytes(title="T", body="Old text."))
    import_paths([str(articles_dir)])

    def receiver(**kwargs):
        raise RuntimeError("could not re-anchor")

    article_text_changed.connect(receiver)
    try:
        path.write_bytes(article_bytes(title="T", body="New text."))
        report = import_paths([str(articles_dir)])
    finally:
        article_text_changed.disconnect(receiver)
    assert (report.failed, Article.objects.get().text, ArticleRevision.objects.count()) == (
        1,
        "Old text.",
        1,
    )


def test_failure_in_one_file_does_not_poison_entities_of_the_next(articles_dir, monkeypatch):
    write_file(articles_dir, "a.md", article_bytes(body="作者丨共同作者\n\n正文一"))
    write_file(articles_dir, "b.md", article_bytes(body="作者丨共同作者\n\n正文二"))
    credit = services._set_tags_and_credits

    def fail_first(article, parsed, cache, **kwargs):
        credit(article, parsed, cache, **kwargs)  # its author is created, then rolled back
        if parsed.source_path == "a.md":
            raise RuntimeError("first file fails")

    monkeypatch.setattr(services, "_set_tags_and_credits", fail_first)
    report = import_paths([str(articles_dir)])
    assert (report.created, Credit.objects.get(role="author").entity.name) == (1, "共同作者")


def test_a_file_failing_mid_batch_fails_alone_and_leaves_no_rows(articles_dir, monkeypatch):
    for name in ("a.md", "b.md", "c.md"):
        write_file(
            articles_dir, name, article_bytes(title=name, body=f"作者丨{name}的作者\n\n正文")
        )
    credit = services._set_tags_and_credits

    def fail_b(article, parsed, cache, **kwargs):
        credit(article, parsed, cache, **kwargs)  # its article and author are written first
        if parsed.source_path == "b.md":
            raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_set_tags_and_credits", fail_b)
    report = import_paths([str(articles_dir)])
    titles = sorted(Article.objects.values_list("title", flat=True))
    names = set(Entity.objects.values_list("name", flat=True))
    assert (report.failed, titles, "b.md的作者" in names) == (1, ["a.md", "c.md"], False)


def test_a_batch_whose_commit_fails_imports_each_file_on_its_own(articles_dir, monkeypatch):
    for name in ("a.md", "b.md", "c.md"):
        write_file(articles_dir, name, article_bytes(title=name, body="作者丨同一作者\n\n正文"))
    real = importer.registry_changes_collected

    @contextlib.contextmanager
    def failing_once():
        with real():
            yield
        monkeypatch.setattr(importer, "registry_changes_collected", real)
        raise RuntimeError("the batch's commit failed")

    monkeypatch.setattr(importer, "registry_changes_collected", failing_once)
    report = import_paths([str(articles_dir)])
    assert (report.created, report.failed, Article.objects.count(), Entity.objects.count()) == (
        3,
        0,
        3,
        2,
    )


def test_dry_run_writes_nothing():
    report = import_paths([str(FIXTURES / "articles")], dry_run=True)
    assert (report.created, Article.objects.count()) == (10, 0)


def test_dry_run_reports_updates(articles_dir):
    path = write_file(articles_dir, "a.md", article_bytes(title="T", body="Old"))
    import_paths([str(articles_dir)])
    path.write_bytes(article_bytes(title="T", body="New"))
    report = import_paths([str(articles_dir)], dry_run=True)
    assert (report.updated, Article.objects.get().text) == (1, "Old")


def test_hidden_and_non_article_files_in_folders_are_skipped(articles_dir):
    write_file(articles_dir, ".hidden.md", article_bytes())
    write_file(articles_dir, "image.png", b"\x89PNG")
    write_file(articles_dir, "a.md", article_bytes())
    assert import_paths([str(articles_dir)]).created == 1


def test_deeply_nested_quotes_fail_cleanly_or_import(articles_dir):
    write_file(articles_dir, "deep.md", article_bytes(body="> " * 5000 + "deep"))
    report = import_paths([str(articles_dir)])
    assert report.created + report.failed == 1


def test_parallel_parsing_gives_the_same_articles(monkeypatch):
    import_paths([str(FIXTURES / "articles")])
    sequential = sorted(Article.objects.values_list("source_key", "text", "html"))
    Article.objects.all().delete()
    monkeypatch.setattr("archive.parallel.PARALLEL_FROM", 1)
    report = import_paths([str(FIXTURES / "articles")])
    parallel = sorted(Article.objects.values_list("source_key", "text", "html"))
    assert (report.created, parallel) == (10, sequential)


def test_parallel_parsing_reports_broken_files(monkeypatch, articles_dir):
    monkeypatch.setattr("archive.parallel.PARALLEL_FROM", 1)
    shutil.copy(FIXTURES / "broken" / "broken_yaml.md", articles_dir / "bad.md")
    shutil.copy(SEED, articles_dir / "good.md")
    report = import_paths([str(articles_dir)])
    assert (report.created, report.failures[0].line) == (1, 5)


def test_second_file_with_the_same_slug_fails_naming_the_first(tmp_path):
    write_file(tmp_path, "a.md", b"---\ntitle: A\nslug: same\n---\nBody A.")
    write_file(tmp_path, "b.md", b"---\ntitle: B\nslug: same\n---\nBody B.")
    report = import_paths([str(tmp_path)])
    assert (report.created, report.failed) == (1, 1) and "a.md" in report.failures[0].message


def test_same_slug_does_not_take_over_the_article_on_a_rerun(tmp_path):
    write_file(tmp_path, "a.md", b"---\ntitle: A\nslug: same\n---\nBody A.")
    write_file(tmp_path, "b.md", b"---\ntitle: B\nslug: same\n---\nBody B.")
    import_paths([str(tmp_path)])
    import_paths([str(tmp_path)])
    assert list(Article.objects.values_list("title", "revision_number")) == [("A", 1)]


def test_same_relative_path_under_two_roots_fails_the_second(tmp_path):
    for root in ("a", "b"):
        (tmp_path / root).mkdir()
        write_file(tmp_path / root, "index.md", f"---\ntitle: {root}\n---\nBody".encode())
    report = import_paths([str(tmp_path / "a"), str(tmp_path / "b")])
    assert (report.created, report.failed) == (1, 1)


def test_fifo_in_a_folder_is_skipped(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    write_file(tmp_path, "a.md", b"---\ntitle: A\n---\nBody")
    assert import_paths([str(tmp_path)]).created == 1


def test_file_that_renders_too_long_fails_alone(tmp_path, settings):
    settings.GLOSSA_PARSE_SECONDS = 0.2
    write_file(tmp_path, "slow.md", b"---\ntitle: Slow\n---\n" + b"*a* [b](c) " * 60_000)
    write_file(tmp_path, "ok.md", b"---\ntitle: OK\n---\nBody")
    report = import_paths([str(tmp_path)])
    assert (report.created, report.failed) == (1, 1) and "longer than" in report.failures[0].message


def test_parse_time_limit_set_at_run_time_holds_in_parse_workers(tmp_path, settings, monkeypatch):
    monkeypatch.setattr("archive.parallel.PARALLEL_FROM", 1)
    # Far below the slow file's half a minute, far above a fresh worker's first parse.
    settings.GLOSSA_PARSE_SECONDS = 2
    write_file(tmp_path, "slow.md", b"---\ntitle: Slow\n---\n" + b"*a* [b](c) " * 60_000)
    write_file(tmp_path, "ok.md", b"---\ntitle: OK\n---\nBody")
    report = import_paths([str(tmp_path)])
    assert (report.created, report.failed) == (1, 1) and "longer than" in report.failures[0].message


def test_size_limit_set_at_run_time_holds_in_parse_workers(tmp_path, settings, monkeypatch):
    monkeypatch.setattr("archive.parallel.PARALLEL_FROM", 1)
    settings.GLOSSA_MAX_ARTICLE_BYTES = 100
    write_file(tmp_path, "big.md", b"---\ntitle: Big\n---\n" + b"word " * 100)
    report = import_paths([str(tmp_path)])
    assert "too large" in report.failures[0].message


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own settings")
def test_a_large_import_sets_sqlite_back_as_it_was(articles_dir):
    for number in range(importer.PARALLEL_FROM):
        write_file(articles_dir, f"a{number}.md", article_bytes(title=f"第{number}篇"))
    settings = ("PRAGMA wal_autocheckpoint",)
    with connection.cursor() as cursor:
        before = [cursor.execute(pragma).fetchone()[0] for pragma in settings]
        before.append(connection.features.can_return_columns_from_insert)
        report = import_paths([str(articles_dir)])
        after = [cursor.execute(pragma).fetchone()[0] for pragma in settings]
        after.append(connection.features.can_return_columns_from_insert)
    assert (report.created, after) == (importer.PARALLEL_FROM, before)


def test_each_article_of_a_large_import_is_found_by_its_own_title(articles_dir):
    # A large import on SQLite takes new rows' ids without RETURNING (importer._sqlite_tuned):
    # every search entry must still point at the article that was written with it.
    for number in range(importer.PARALLEL_FROM):
        write_file(articles_dir, f"a{number}.md", article_bytes(title=f"题目{number}号样本"))
    import_paths([str(articles_dir)])
    found = {}
    for article in Article.objects.all():
        number = article.title.removeprefix("题目").removesuffix("号样本")
        found[number] = list(Results(parse_query(f'"{number}号"'))[:5])
    assert found == {
        str(number): [Article.objects.get(title=f"题目{number}号样本").pk]
        for number in range(importer.PARALLEL_FROM)
    }
