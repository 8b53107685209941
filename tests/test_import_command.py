import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from archive.models import Article
from tests.conftest import FIXTURES, SEED, SEEDS

pytestmark = pytest.mark.django_db


def run(*args, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_articles", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_summary_counts_each_outcome():
    out, _ = run(str(SEEDS))
    assert "created 1, updated 0, unchanged 0, failed 0" in out


def test_second_run_reports_unchanged():
    run(str(SEEDS))
    out, _ = run(str(SEEDS))
    assert "created 0, updated 0, unchanged 1, failed 0" in out


def test_failures_exit_non_zero_after_importing_the_rest(articles_dir):
    shutil.copy(SEED, articles_dir / "good.md")
    shutil.copy(FIXTURES / "broken" / "broken_yaml.md", articles_dir / "bad.md")
    with pytest.raises(CommandError, match="1 file"):
        run(str(articles_dir))
    assert Article.objects.count() == 1


def test_failure_line_names_file_line_and_reason(articles_dir):
    shutil.copy(FIXTURES / "broken" / "not_utf8.md", articles_dir / "gbk.md")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(articles_dir), stdout=StringIO(), stderr=err)
    assert "gbk.md:2: the file is not UTF-8 text" in err.getvalue()


def test_dry_run_says_so_and_writes_nothing():
    out, _ = run(str(SEEDS), dry_run=True)
    assert "dry run" in out and Article.objects.count() == 0


def test_verbosity_two_lists_each_file():
    out, _ = run(str(SEEDS), verbosity=2)
    assert f"created   {SEED}" in out


def test_verbosity_zero_prints_nothing_on_success():
    out, err = run(str(SEEDS), verbosity=0)
    assert (out, err) == ("", "")


def test_verbosity_two_lists_each_warning_with_its_file(articles_dir):
    shutil.copy(FIXTURES / "articles" / "no_date.md", articles_dir)
    out, _ = run(str(articles_dir), verbosity=2)
    assert f"warning   {articles_dir / 'no_date.md'}: no date in the front matter" in out


def test_summary_counts_warnings_and_says_how_to_list_them(articles_dir):
    shutil.copy(FIXTURES / "articles" / "no_date.md", articles_dir)
    shutil.copy(SEED, articles_dir)
    out, _ = run(str(articles_dir))
    assert ("failed 0, warnings 1" in out, "1 file(s) with warnings: -v 2 lists them" in out) == (
        True,
        True,
    )
