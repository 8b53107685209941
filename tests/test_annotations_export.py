"""Exports of a reader's annotations: each format against its golden file, filters, streaming.

The golden files (tests/fixtures/export/) were written by the exporter and read line by line
when they were made; a change to a format shows here as a diff to review. To rewrite them
after an intended change: GLOSSA_WRITE_GOLDEN=1 .venv/bin/python -m pytest this file.
"""

import csv
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from django.http import StreamingHttpResponse

from accounts.tokens import token_create
from annotations import exporting
from tests.export_data import golden_reader
from tests.factories import make_annotation, make_article, make_user
from tests.queries import queries
from tests.test_annotations_w3c import assertions, passes

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).parent / "fixtures" / "export"
EXPORT = "/annotations/mine/export/"


def golden(name: str, actual: str) -> str:
    path = GOLDEN / name
    if os.environ.get("GLOSSA_WRITE_GOLDEN"):
        path.write_bytes(actual.encode())
    return path.read_bytes().decode()  # as bytes: CSV rows end in CRLF, kept


@pytest.fixture
def reader(client):
    user = golden_reader()
    client.force_login(user)
    return user


def download(client, query: str) -> bytes:
    response = client.get(EXPORT + "?" + query)
    assert response.status_code == 200 and isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)


def test_markdown_of_one_article_matches_its_golden_file(client, reader):
    text = download(client, "format=md&article=fox").decode()
    assert text == golden("fox.md", text)


def test_markdown_of_several_articles_is_a_zip_of_golden_files(client, reader):
    archive = zipfile.ZipFile(io.BytesIO(download(client, "format=md")))
    members = {name: archive.read(name).decode() for name in archive.namelist()}
    assert sorted(members) == ["fox.md", "river.md"]
    assert all(text == golden(name, text) for name, text in members.items())


def test_markdown_links_back_to_the_passage(client, reader):
    text = download(client, "format=md&article=fox").decode()
    assert (
        "(http://testserver/articles/fox/#annotation-00000000-0000-0000-0000-000000000001)" in text
    )


def test_markdown_indents_replies(client, reader):
    text = download(client, "format=md&article=fox").decode()
    assert "- Reply by Gold Reader (2025-03-01): A reply\n  over two lines." in text


def test_markdown_says_whom_a_note_is_about(client, reader):
    text = download(client, "format=md&article=fox").decode()
    assert "\nAbout: [ByteAILab](http://testserver/people/byteailab/)\n" in text


def test_csv_names_whom_a_note_is_about_with_their_page(client, reader):
    rows = list(csv.DictReader(io.StringIO(download(client, "format=csv").decode("utf-8-sig"))))
    about = [row["about"] for row in rows if row["note"].startswith("Quick")]
    assert about == ["ByteAILab <http://testserver/people/byteailab/>"]


def test_jsonld_has_an_identifying_body_per_entity(client, reader):
    items = json.loads(download(client, "format=jsonld"))["@graph"][1]["items"]
    bodies = [body for item in items for body in item.get("body", [])]
    assert {
        "type": "SpecificResource",
        "purpose": "identifying",
        "source": "http://testserver/people/byteailab/",
    } in bodies


def test_csv_matches_its_golden_file(client, reader):
    text = download(client, "format=csv").decode("utf-8")
    assert text == golden("annotations.csv", text)


def test_csv_starts_with_a_byte_order_mark(client, reader):
    assert download(client, "format=csv").startswith("\ufeff".encode())


def test_csv_has_the_documented_columns(client, reader):
    rows = list(csv.reader(io.StringIO(download(client, "format=csv").decode("utf-8-sig"))))
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert rows[0] == exporting.CSV_COLUMNS and all(f"`{c}`" in readme for c in rows[0])


def test_csv_disarms_a_formula(client, reader):
    rows = list(csv.DictReader(io.StringIO(download(client, "format=csv").decode("utf-8-sig"))))
    assert [row["note"] for row in rows if row["article"] == "河流"] == ["'=SUM(A1) 不是公式"]


def test_jsonld_matches_its_golden_file(client, reader):
    document = json.loads(download(client, "format=jsonld"))
    pretty = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    assert pretty == golden("annotations.jsonld", pretty)


def graph(client, query="format=jsonld"):
    document = json.loads(download(client, query))
    return document["@context"], document["@graph"]


def test_jsonld_is_a_collection_with_its_pages(client, reader, monkeypatch):
    monkeypatch.setattr(exporting, "EXPORT_PAGE_SIZE", 2)
    _, nodes = graph(client)
    collection, pages = nodes[0], nodes[1:]
    assert (collection["total"], [len(page["items"]) for page in pages]) == (4, [2, 2])
    assert (pages[0]["next"], pages[1]["prev"], collection["last"]) == (
        pages[1]["id"],
        pages[0]["id"],
        pages[1]["id"],
    )


@pytest.mark.parametrize(
    ("test_file", "position"),
    [("collections/collectionMusts.test", 0), ("collections/pages/pageMusts.test", 1)],
)
def test_jsonld_collection_and_pages_pass_the_w3c_assertions(client, reader, test_file, position):
    context, nodes = graph(client)
    node = {"@context": context} | nodes[position]
    assert [a.get("title") for a in assertions(test_file) if not passes(a, node)] == []


def test_jsonld_items_pass_the_w3c_annotation_assertions(client, reader):
    context, nodes = graph(client)
    items = [{"@context": context} | item for item in nodes[1]["items"]]
    checks = assertions("annotations/annotationMusts.test")
    assert [(i["id"], a.get("title")) for i in items for a in checks if not passes(a, i)] == []


def test_filters_of_my_annotations_apply(client, reader):
    _, nodes = graph(client, "format=jsonld&tag=城市")
    assert [item["colour"] for item in nodes[1]["items"]] == ["blue"]


def test_date_filter_applies(client, reader):
    assert graph(client, "format=jsonld&since=2025-03-02")[1][0]["total"] == 0


def test_export_holds_no_other_readers_annotations(client, reader):
    article = make_article()
    make_annotation(owner=make_user(), article=article, visibility="public")
    assert graph(client)[1][0]["total"] == 4


def test_export_needs_a_login(client):
    assert client.get(EXPORT + "?format=csv").status_code == 302


def test_unknown_format_is_a_400(client, reader):
    assert client.get(EXPORT + "?format=pdf").status_code == 400


def test_api_export_with_a_token(reader, client):
    client.logout()
    _, token = token_create(user=reader, name="n", scope="read")
    response = client.get(
        "/api/export/annotations/?format=csv", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert (
        response.status_code == 200 and len(b"".join(response.streaming_content).splitlines()) > 4
    )


def test_api_export_without_credentials_is_a_json_401(client):
    response = client.get("/api/export/annotations/")
    assert response.status_code == 401 and "error" in response.json()


@pytest.mark.parametrize("fmt", ["md", "csv", "jsonld"])
def test_export_runs_a_constant_number_of_queries(client, fmt):
    user = make_user()
    client.force_login(user)
    article = make_article()
    make_annotation(owner=user, article=article)
    with queries() as one:
        download(client, f"format={fmt}")
    for start in (5, 10):
        make_annotation(owner=user, article=article, start=start, end=start + 3)
    with queries() as three:
        download(client, f"format={fmt}")
    assert len(three) == len(one)


def test_my_annotations_links_each_export_with_its_filters(client, reader):
    html = client.get("/annotations/mine/?tag=城市").content.decode()
    assert 'href="/annotations/mine/export/?tag=%E5%9F%8E%E5%B8%82&amp;format=md"' in html


def test_article_panel_links_the_export_of_that_article(client, reader):
    html = client.get("/articles/fox/").content.decode()
    assert 'href="/annotations/mine/export/?article=fox&amp;format=csv"' in html
