import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.notes import render_note
from tests.factories import make_annotation, make_article, make_user
from tests.test_rendering import harmful, load_payloads

pytestmark = pytest.mark.django_db


def my_list(html: str) -> str:
    start = html.index('<ol class="my-annotations">')
    return html[start : html.index("</ol>", start)]


def test_every_xss_payload_in_a_note_renders_harmless():
    assert [p for p in load_payloads() if harmful(render_note(p))] == []


def test_notes_drop_images_that_would_track_readers():
    assert "<img" not in render_note("![x](https://tracker.example/pixel.png)")


def test_hostile_notes_and_tags_are_harmless_on_my_annotations(client):
    owner = make_user()
    article = make_article()
    payloads = [p for p in load_payloads() if "<" in p][:200]
    for payload in payloads:
        tags = [payload[:64]] if payload.strip() else []
        make_annotation(owner=owner, article=article, note=payload, tags=tags)
    client.force_login(owner)
    pages = [client.get("/annotations/mine/", {"page": n}).content.decode() for n in range(1, 8)]
    assert [problem for page in pages for problem in harmful(my_list(page))] == []


def test_my_annotations_needs_login(client):
    response = client.get("/annotations/mine/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_my_annotations_lists_only_mine_newest_first(client):
    owner = make_user()
    first = make_annotation(owner=owner, note="first")
    second = make_annotation(owner=owner, note="second")
    make_annotation(note="someone else's", visibility="public")
    client.force_login(owner)
    listed = list(client.get("/annotations/mine/").context["page"].object_list)
    assert listed == [second, first]


def test_my_annotations_filters_by_tag(client):
    owner = make_user()
    tagged = make_annotation(owner=owner, tags=["安全", "AI"])
    make_annotation(owner=owner, tags=["安全感"])
    client.force_login(owner)
    listed = list(client.get("/annotations/mine/", {"tag": "安全"}).context["page"].object_list)
    assert listed == [tagged]


def test_my_annotations_filters_by_colour(client):
    owner = make_user()
    green = make_annotation(owner=owner, colour="green")
    make_annotation(owner=owner, colour="yellow")
    client.force_login(owner)
    listed = list(client.get("/annotations/mine/", {"colour": "green"}).context["page"].object_list)
    assert listed == [green]


def test_my_annotations_filters_by_article(client):
    owner = make_user()
    wanted = make_annotation(owner=owner)
    make_annotation(owner=owner)
    client.force_login(owner)
    response = client.get("/annotations/mine/", {"article": wanted.article.slug})
    assert list(response.context["page"].object_list) == [wanted]


def test_my_annotations_links_to_the_passage(client):
    owner = make_user()
    annotation = make_annotation(owner=owner)
    client.force_login(owner)
    page = client.get("/annotations/mine/").content.decode()
    assert f'href="{annotation.article.get_absolute_url()}#annotation-{annotation.uuid}"' in page


def test_my_annotations_query_count_is_constant(client):
    owner = make_user()
    make_annotation(owner=owner)
    client.force_login(owner)
    with CaptureQueriesContext(connection) as one:
        client.get("/annotations/mine/")
    for _ in range(3):
        make_annotation(owner=owner)
    with CaptureQueriesContext(connection) as many:
        client.get("/annotations/mine/")
    assert len(many) == len(one)


def test_article_page_query_count_ignores_annotations(client):
    article = make_article()
    reader = make_user()
    make_annotation(owner=reader, article=article, visibility="public")
    client.force_login(reader)
    with CaptureQueriesContext(connection) as one:
        client.get(article.get_absolute_url())
    for _ in range(3):
        make_annotation(article=article, visibility="public")
    with CaptureQueriesContext(connection) as many:
        client.get(article.get_absolute_url())
    assert len(many) == len(one)


def test_signup_logs_the_new_reader_in(client):
    client.post(
        "/accounts/signup/",
        {"username": "newreader", "password1": "a-long-pass-9281", "password2": "a-long-pass-9281"},
    )
    assert "newreader" in client.get("/").content.decode()


def test_header_shows_who_is_logged_in(client):
    client.force_login(make_user("山茶读者"))
    assert "山茶读者" in client.get("/").content.decode()


def test_login_page_renders(client):
    assert client.get("/accounts/login/").status_code == 200


def test_password_reset_mail_is_sent(client, mailoutbox):
    make_user("forgetful")
    client.post("/accounts/password_reset/", {"email": "forgetful@example.org"})
    assert len(mailoutbox) == 1 and "/accounts/reset/" in mailoutbox[0].body


def test_password_change_needs_login(client):
    assert client.get("/accounts/password_change/").status_code == 302


def test_logout_is_a_post(client):
    client.force_login(make_user())
    client.post("/accounts/logout/")
    assert client.get("/annotations/mine/").status_code == 302
