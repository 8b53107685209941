"""Imports: Glossa's W3C export round trip, Hypothesis's export, re-imports, hostile files."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from annotations.errors import Invalid
from annotations.import_parsing import parse_file
from annotations.importing import annotations_import
from annotations.models import Annotation
from archive.models import Article, Entity
from tests.export_data import FOX, golden_articles, golden_reader
from tests.factories import make_user
from tests.queries import queries

pytestmark = pytest.mark.django_db

HYPOTHESIS = Path(__file__).parent / "fixtures" / "hypothesis" / "export.json"
EXPORT = "/annotations/mine/export/?format=jsonld"


def exported(user) -> bytes:
    client = Client()
    client.force_login(user)
    return b"".join(client.get(EXPORT).streaming_content)


def imported(user, raw: bytes, **options):
    return annotations_import(reader=user, entries=parse_file(raw)[1], **options)


def fresh_archive() -> None:
    """As a fresh database: no annotations, the same articles imported anew."""
    Annotation.objects.all().delete()
    Article.objects.all().delete()
    golden_articles()


@pytest.fixture
def reader():
    return golden_reader()


def test_w3c_export_imported_into_a_fresh_database_exports_identically(reader):
    before = exported(reader)
    fresh_archive()
    lines = imported(reader, before)
    assert [line.status for line in lines] == ["created"] * 4
    assert exported(reader) == before


def test_reimporting_the_same_file_creates_nothing(reader):
    raw = exported(reader)
    lines = imported(reader, raw)
    assert {line.status for line in lines} == {"skipped"} and Annotation.objects.count() == 4


def test_reimport_after_a_first_import_elsewhere_is_idempotent(reader):
    """Another reader imports the file: new ids (the first ones are taken), kept as via; the
    reply joins the other reader's copy of the thread, which the same file made."""
    raw = exported(reader)
    other = make_user()
    first = imported(other, raw)
    second = imported(other, raw)
    vias = set(Annotation.objects.filter(owner=other).values_list("via", flat=True))
    assert [line.status for line in first] == ["created"] * 4
    assert {line.status for line in second} == {"skipped"} and len(vias) == 4


def test_an_annotation_whose_passage_moved_is_placed_by_its_quote(reader):
    raw = exported(reader)
    Annotation.objects.all().delete()
    Article.objects.all().delete()
    golden_articles(fox_body="A new opening line.\n\n" + FOX)
    imported(reader, raw)
    lazy = Annotation.objects.get(exact="lazy")
    text = Article.objects.get(slug="fox").text
    assert (lazy.anchor_state, text[lazy.start : lazy.end]) == ("moved", "lazy")


def test_an_annotation_that_cannot_be_placed_is_kept_as_an_orphan(reader):
    raw = exported(reader)
    Annotation.objects.all().delete()
    Article.objects.all().delete()
    golden_articles(fox_body="Nothing of the old text remains here at all.")
    lines = imported(reader, raw)
    orphan = Annotation.objects.get(note__startswith="Quick")
    assert (orphan.anchor_state, orphan.exact, lines[0].status) == (
        "orphan",
        "brown fox",
        "orphaned",
    )


def w3c_quote_without_context(article, exact: str) -> bytes:
    """One annotation as tools write it that leave out the quote's prefix and suffix."""
    start = article.text.index(exact)
    return json.dumps([{
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": "No context", "purpose": "commenting"},
        "target": {"source": "http://testserver" + article.get_absolute_url(), "selector": [
            {"type": "TextQuoteSelector", "exact": exact},
            {"type": "TextPositionSelector", "start": start, "end": start + len(exact)}]},
    }]).encode()  # fmt: skip


def test_a_quote_without_context_at_its_position_is_anchored_not_orphaned():
    fox, _river = golden_articles()
    imported(make_user(), w3c_quote_without_context(fox, "lazy dog"))
    note = Annotation.objects.get(note="No context")
    assert (note.anchor_state, fox.text[note.start : note.end]) == ("anchored", "lazy dog")


def test_round_trip_keeps_quotes_notes_tags_colours_visibility_and_replies(reader):
    fields = ("exact", "note", "tags", "colour", "visibility", "parent__uuid")
    before = list(Annotation.objects.order_by("uuid").values_list(*fields))
    raw = exported(reader)
    fresh_archive()
    imported(reader, raw)
    assert list(Annotation.objects.order_by("uuid").values_list(*fields)) == before


def test_dry_run_writes_nothing(reader):
    raw = exported(reader)
    fresh_archive()
    lines = imported(reader, raw, dry_run=True)
    assert len(lines) == 4 and not Annotation.objects.exists()


# --- Hypothesis ---------------------------------------------------------------------------


@pytest.fixture
def hypothesis_lines():
    golden_articles()
    user = make_user()
    return user, imported(user, HYPOTHESIS.read_bytes())


def test_hypothesis_annotation_is_matched_by_its_source_url(hypothesis_lines):
    user, lines = hypothesis_lines
    river = Annotation.objects.get(owner=user, note__startswith="Cities")
    assert (lines[0].status, river.article.slug, river.exact) == (
        "created",
        "river",
        "城市在河的两岸生长",
    )


def test_hypothesis_annotation_keeps_tags_visibility_and_dates(hypothesis_lines):
    user, _ = hypothesis_lines
    river = Annotation.objects.get(owner=user, note__startswith="Cities")
    assert (river.tags, river.visibility, river.created.isoformat()) == (
        ["cities", "rivers"],
        "public",
        "2025-03-10T10:00:00+00:00",
    )


def test_hypothesis_annotation_of_another_url_is_matched_by_its_quote(hypothesis_lines):
    user, lines = hypothesis_lines
    lazy = Annotation.objects.get(owner=user, exact="lazy dog")
    assert (lines[1].status, lazy.article.slug, lazy.visibility) == ("created", "fox", "private")


def test_hypothesis_reply_joins_its_thread(hypothesis_lines):
    user, _ = hypothesis_lines
    reply = Annotation.objects.get(owner=user, note="And bridges join them.")
    assert reply.parent.note.startswith("Cities")


def test_hypothesis_page_note_and_unknown_quote_are_reported_not_imported(hypothesis_lines):
    _, lines = hypothesis_lines
    assert [line.status for line in lines[3:]] == ["failed", "failed"]
    assert "quote" in lines[4].message


def test_hypothesis_reimport_creates_nothing(hypothesis_lines):
    user, _ = hypothesis_lines
    again = imported(user, HYPOTHESIS.read_bytes())
    assert [line.status for line in again] == ["skipped"] * 3 + ["failed"] * 2


def test_hypothesis_file_is_recognised(hypothesis_lines):
    assert parse_file(HYPOTHESIS.read_bytes())[0] == "hypothesis"


# --- The command and the upload ----------------------------------------------------------


def test_command_imports_and_reports(tmp_path, reader):
    path = tmp_path / "mine.jsonld"
    path.write_bytes(exported(reader))
    fresh_archive()
    out = StringIO()
    call_command("import_annotations", str(path), user=reader.username, stdout=out)
    assert "imported: 4" in out.getvalue() and Annotation.objects.count() == 4


def test_command_refuses_an_unknown_user(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("[]")
    with pytest.raises(CommandError, match="no user"):
        call_command("import_annotations", str(path), user="nobody")


def test_command_names_the_problem_of_a_malformed_file(tmp_path, reader):
    path = tmp_path / "x.json"
    path.write_text('{"@graph": 5}')
    with pytest.raises(CommandError, match="@graph"):
        call_command("import_annotations", str(path), user=reader.username)


def upload(client, raw: bytes, name="mine.jsonld"):
    return client.post("/annotations/mine/import/", {"file": SimpleUploadedFile(name, raw)})


def test_upload_shows_a_report_line_per_annotation(reader):
    raw = exported(reader)
    fresh_archive()
    client = Client()
    client.force_login(reader)
    response = upload(client, raw)
    assert (
        response.status_code == 200
        and response.content.decode().count('class="import-created"') == 4
    )


def test_upload_needs_the_csrf_token(reader):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    assert upload(client, b"[]").status_code == 403


@override_settings(GLOSSA_MAX_IMPORT_BYTES=10)
def test_upload_larger_than_the_limit_is_a_400(reader):
    client = Client()
    client.force_login(reader)
    assert upload(client, b"[" + b" " * 20 + b"]").status_code == 400


def test_my_annotations_has_the_upload_form(reader):
    client = Client()
    client.force_login(reader)
    html = client.get("/annotations/mine/").content.decode()
    assert 'action="/annotations/mine/import/"' in html and 'type="file"' in html


# --- Hostile files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        (b"\xff\xfe", "UTF-8"),
        (b'{"@graph": 5}', "@graph"),
        (b'{"@graph": [{"type": "Person"}]}', "AnnotationCollection"),
        (b'{"annotations": {"a": 1}}', "list"),
        (b"[" * 100_000 + b"]" * 100_000, "nested"),
        (b"not json", "JSON"),
        (b"5", "object"),
    ],
)
def test_malformed_file_is_refused_naming_the_problem(raw, named):
    with pytest.raises(Invalid) as caught:
        parse_file(raw)
    assert named in caught.value.message


@pytest.mark.parametrize(
    "item",
    [
        5,
        {"type": "Annotation"},
        {"type": "Annotation", "target": {"source": 7}},
        {"type": "Annotation", "target": {"source": "http://x/", "selector": "nope"}},
        {"type": "Annotation", "body": {"value": "x" * 20_000, "purpose": "commenting"},
         "target": {"source": "http://testserver/articles/fox/",
                    "selector": {"type": "TextQuoteSelector", "exact": "lazy"}}},
        {"type": "Annotation", "body": [{"value": "t" * 100, "purpose": "tagging"}],
         "target": {"source": "http://testserver/articles/fox/",
                    "selector": {"type": "TextPositionSelector", "start": 10**30, "end": -1}}},
    ],
)  # fmt: skip
def test_a_bad_annotation_fails_alone_and_writes_nothing(reader, item):
    raw = json.dumps({"@graph": [{"type": "AnnotationPage", "items": [item]}]}).encode()
    lines = imported(reader, raw)
    assert [line.status for line in lines] == ["failed"] and Annotation.objects.count() == 4


@pytest.mark.parametrize(
    "selector",
    [
        {"type": "TextQuoteSelector", "exact": "lazy\x00dog"},
        {"type": "TextQuoteSelector", "exact": "lazy \ud800"},
        {"type": "TextQuoteSelector", "exact": "lazy", "prefix": "x" * 200_000},
        {"type": "TextPositionSelector", "start": 2**40, "end": 2**41},
    ],
)
def test_text_no_database_can_store_fails_alone(reader, selector):
    item = {
        "type": "Annotation",
        "target": {"source": "http://testserver/articles/fox/", "selector": selector},
    }
    raw = json.dumps({"@graph": [{"type": "AnnotationPage", "items": [item]}]}).encode()
    assert [line.status for line in imported(reader, raw)] == ["failed"]


def test_a_revision_number_past_the_column_is_a_failure_not_a_crash(reader):
    source = f"http://testserver/api/articles/fox/revisions/{10**20}/"
    item = {
        "type": "Annotation",
        "target": {"source": source, "selector": {"type": "TextQuoteSelector", "exact": "lazy"}},
    }
    raw = json.dumps([item]).encode()
    assert [line.status for line in imported(reader, raw)] == ["failed"]


# --- People and organisations an annotation is about ------------------------------------


def test_round_trip_links_the_same_people_by_their_pages(reader):
    """In a fresh database the entities are new rows: the pages' paths find them again."""
    before = set(Annotation.objects.values_list("uuid", "entities__slug", "entities__kind"))
    raw = exported(reader)
    fresh_archive()
    Entity.objects.all().delete()
    Article.objects.all().delete()
    golden_articles()
    imported(reader, raw)
    after = set(Annotation.objects.values_list("uuid", "entities__slug", "entities__kind"))
    assert after == before and any(slug for _uuid, slug, _kind in after)


def test_a_person_the_article_here_does_not_name_is_left_out_and_reported(reader):
    raw = exported(reader).replace(b"/people/byteailab/", b"/people/someone-else/")
    fresh_archive()
    lines = imported(reader, raw)
    note = Annotation.objects.get(note__startswith="Quick")
    assert list(note.entities.all()) == [] and "left out" in lines[0].message


# --- Query counts -----------------------------------------------------------------------


def w3c_file(article, count: int) -> bytes:
    """``count`` annotations of ``article``, each about the people it credits."""
    url = "http://testserver" + article.get_absolute_url()
    about = [
        {"type": "SpecificResource", "purpose": "identifying",
         "source": "http://testserver" + credit.entity.get_absolute_url()}
        for credit in article.credits.all()
    ]  # fmt: skip
    items = [
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": f"https://elsewhere.example/annotations/{number}",
            "type": "Annotation",
            "body": [{"type": "TextualBody", "value": f"Note {number}", "purpose": "commenting"},
                     {"type": "TextualBody", "value": "tag", "purpose": "tagging"}, *about],
            "target": {"source": url, "selector": [
                {"type": "TextQuoteSelector", "exact": "brown fox", "prefix": article.text[:10],
                 "suffix": article.text[19:51]},
                {"type": "TextPositionSelector", "start": 10, "end": 19}]},
        }
        for number in range(count)
    ]  # fmt: skip
    return json.dumps(items).encode()


def import_queries(user, raw: bytes) -> int:
    with queries() as captured:
        lines = imported(user, raw)
    assert {line.status for line in lines} == {"created"}
    return len(captured)


def test_import_costs_the_same_number_of_queries_for_each_annotation():
    """The design: a fixed cost per file (each article, its text and its people read once)
    and a fixed cost per annotation (is it here already, the savepoint that lets one fail
    alone, its row, its links: 5 when measured), the same for the hundredth as for the first."""
    fox, _river = golden_articles()
    fixed_and_ten = import_queries(make_user(), w3c_file(fox, 10))
    fixed_and_twenty = import_queries(make_user(), w3c_file(fox, 20))
    per_annotation = (fixed_and_twenty - fixed_and_ten) // 10
    fixed = fixed_and_ten - 10 * per_annotation
    assert import_queries(make_user(), w3c_file(fox, 100)) == fixed + 100 * per_annotation
    assert per_annotation <= 5
