import pytest

from archive.importer import import_paths
from archive.models import Article
from archive.revisions import paragraph_diff
from tests.factories import article_bytes, make_article
from tests.test_importer import write_file


def test_unchanged_paragraphs_are_the_same():
    assert [p.kind for p in paragraph_diff("一\n二", "一\n二")] == ["same", "same"]


def test_inserted_paragraph_shows_whole():
    assert [p.kind for p in paragraph_diff("一\n三", "一\n二\n三")] == ["same", "added", "same"]


def test_changed_paragraph_shows_the_changed_characters():
    paragraph = paragraph_diff("没有人敢轻易质疑", "没有人敢随便质疑")[0]
    assert [(s.kind, s.text) for s in paragraph.segments] == [
        ("same", "没有人敢"),
        ("removed", "轻易"),
        ("added", "随便"),
        ("same", "质疑"),
    ]


@pytest.mark.django_db
def test_changes_page_shows_the_last_change(client, articles_dir):
    path = write_file(articles_dir, "a.md", article_bytes(title="T", body="旧的文字。"))
    import_paths([str(articles_dir)])
    path.write_bytes(article_bytes(title="T", body="新的文字。"))
    import_paths([str(articles_dir)])
    page = client.get(Article.objects.get().get_absolute_url() + "changes/").content.decode()
    assert "<del>旧</del><ins>新</ins>的文字。" in page


@pytest.mark.django_db
def test_changes_page_of_a_single_revision_is_a_404(client):
    assert client.get(make_article().get_absolute_url() + "changes/").status_code == 404


@pytest.mark.django_db
def test_article_page_links_to_the_changes_after_an_edit(client, articles_dir):
    path = write_file(articles_dir, "a.md", article_bytes(title="T", body="旧的文字。"))
    import_paths([str(articles_dir)])
    path.write_bytes(article_bytes(title="T", body="新的文字。"))
    import_paths([str(articles_dir)])
    article = Article.objects.get()
    assert (
        f'href="{article.get_absolute_url()}changes/"'
        in client.get(article.get_absolute_url()).content.decode()
    )
