"""The page of a person or an organisation lists the public annotations about them."""

import pytest

from annotations.entity_notes import NOTES_PER_PAGE
from annotations.services import annotation_update, reply_create
from archive.merging import entity_merge
from tests.factories import make_annotation, make_article, make_user
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article()


@pytest.fixture
def author(article):
    return article.credits.get(role="author").entity


def about(article, entity, **fields):
    return make_annotation(article=article, entities=[entity.pk], **fields)


def test_the_page_lists_a_public_note_with_quote_reader_and_article(client, article, author):
    reader = make_user("quoting-reader")
    about(
        article, author, owner=reader, start=2, end=9, note="*Worth* reading.", visibility="public"
    )
    page = client.get(author.get_absolute_url()).content.decode()
    assert article.text[2:9] in page
    assert "<em>Worth</em> reading." in page
    assert 'href="/readers/quoting-reader/"' in page
    assert f'href="{article.get_absolute_url()}#annotation-' in page


def test_a_private_note_is_never_listed(client, article, author):
    owner = make_user()
    about(article, author, owner=owner, note="My secret thought.", visibility="private")
    client.force_login(owner)  # not even to its author: the page is the same for everyone
    assert "My secret thought." not in client.get(author.get_absolute_url()).content.decode()


def test_a_note_made_private_leaves_the_page(client, article, author):
    note = about(article, author, note="Public for a while.", visibility="public")
    client.get(author.get_absolute_url())
    annotation_update(reader=note.owner, annotation=note, version=1, data={"visibility": "private"})
    assert "Public for a while." not in client.get(author.get_absolute_url()).content.decode()


def test_a_new_note_shows_on_the_next_view(client, article, author):
    client.get(author.get_absolute_url())
    about(article, author, note="Fresh note.", visibility="public")
    assert "Fresh note." in client.get(author.get_absolute_url()).content.decode()


def test_replies_are_not_listed_as_notes_about_the_entity(client, article, author):
    note = about(article, author, note="The thread.", visibility="public")
    reply_create(reader=make_user(), parent=note, data={"note": "A reply in it."})
    assert "A reply in it." not in client.get(author.get_absolute_url()).content.decode()


def test_notes_about_someone_else_are_not_listed(client, article, author):
    about(
        article, article.credits.get(role="editor").entity, note="Elsewhere.", visibility="public"
    )
    assert "Elsewhere." not in client.get(author.get_absolute_url()).content.decode()


def test_notes_are_newest_first_with_their_count(client, article, author):
    for number in range(3):
        about(article, author, note=f"Note number {number}.", visibility="public")
    page = client.get(author.get_absolute_url()).content.decode()
    assert (
        page.index("Note number 2.") < page.index("Note number 1.") < page.index("Note number 0.")
    )
    assert "3 public annotations about" in page


def test_notes_are_paged(client, article, author):
    for number in range(NOTES_PER_PAGE + 1):
        about(article, author, note=f"Paged note {number}.", visibility="public")
    first = client.get(author.get_absolute_url()).content.decode()
    second = client.get(author.get_absolute_url() + "?notes=2").content.decode()
    assert "Paged note 0." not in first and "Paged note 0." in second


def test_an_organisation_page_lists_its_notes(client, article):
    source = article.credits.get(role="source").entity
    about(article, source, note="About the source.", visibility="public")
    assert "About the source." in client.get(source.get_absolute_url()).content.decode()


def test_the_page_has_no_notes_section_without_public_notes(client, article, author):
    assert 'id="entity-notes-title"' not in client.get(author.get_absolute_url()).content.decode()


def test_the_query_count_stays_the_same_as_notes_grow(client, article, author):
    about(article, author, note="One.", visibility="public")
    one = page_queries(client, author.get_absolute_url())
    for number in range(5):
        about(article, author, owner=make_user(), note=f"More {number}.", visibility="public")
    assert page_queries(client, author.get_absolute_url()) == one


def test_a_merge_moves_the_notes_about_the_duplicate_to_the_survivor(client, article, author):
    survivor = make_article().credits.get(role="author").entity
    note = about(article, author, note="Merged along.", visibility="public")
    entity_merge(survivor=survivor, others=[author])
    assert list(note.entities.all()) == [survivor]
    assert "Merged along." in client.get(survivor.get_absolute_url()).content.decode()
