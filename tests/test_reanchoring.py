"""Re-anchoring through the real import: annotations survive a changed article file."""

from io import StringIO

import pytest
from django.core.management import call_command

from annotations.models import Annotation
from archive.importer import import_paths
from archive.models import Article
from tests.conftest import SEED
from tests.factories import make_annotation, make_user

pytestmark = pytest.mark.django_db

SENTENCE = "但OpenAI的问题显然一直在暴露。"
PARAGRAPH_START = "将这些事情联系起来看"


def annotate(passage: str, **fields) -> Annotation:
    article = Article.objects.get()
    start = article.text.index(passage)
    return make_annotation(article=article, start=start, end=start + len(passage), **fields)


def edit(path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_annotation_moves_with_its_passage(seed_copy):
    annotation = annotate("Sam Altman去留")
    edit(seed_copy, "没有人敢轻易质疑", "新增一句开场白。没有人敢轻易质疑")
    import_paths([str(seed_copy.parent)])
    annotation.refresh_from_db()
    text = Article.objects.get().text
    assert (annotation.anchor_state, text[annotation.start : annotation.end]) == (
        "moved",
        "Sam Altman去留",
    )


def test_edited_quote_is_re_anchored_approximately(seed_copy):
    annotation = annotate("OpenAI显然正在经历一场极为痛苦的撕扯")
    edit(seed_copy, "极为痛苦的撕扯", "极其痛苦的撕扯")
    import_paths([str(seed_copy.parent)])
    annotation.refresh_from_db()
    text = Article.objects.get().text
    assert (annotation.anchor_state, text[annotation.start : annotation.end]) == (
        "fuzzy",
        "OpenAI显然正在经历一场极其痛苦的撕扯",
    )


def test_deleted_passage_leaves_an_orphan_with_its_note(seed_copy):
    annotation = annotate(PARAGRAPH_START, note="我的笔记")
    paragraph = next(
        p for p in SEED.read_text(encoding="utf-8").split("\n\n") if PARAGRAPH_START in p
    )
    edit(seed_copy, paragraph, "")
    import_paths([str(seed_copy.parent)])
    annotation.refresh_from_db()
    assert (annotation.anchor_state, annotation.note, annotation.exact) == (
        "orphan",
        "我的笔记",
        PARAGRAPH_START,
    )


def test_import_never_deletes_annotations(seed_copy):
    for passage in ("Sam Altman", SENTENCE, PARAGRAPH_START, "Anthropic"):
        annotate(passage)
    seed_copy.write_text(
        "---\ntitle: 'OpenAI，雪崩开始了吗？'\ndate: 2024-08-09\n---\n\n全文已被替换。\n",
        encoding="utf-8",
    )
    import_paths([str(seed_copy.parent)])
    assert Annotation.objects.count() == 4 and Annotation.objects.orphans().count() == 4


def test_re_anchoring_points_annotations_at_the_new_revision(seed_copy):
    annotation = annotate(SENTENCE)
    edit(seed_copy, "没有人敢轻易质疑", "没有人敢随便质疑")
    import_paths([str(seed_copy.parent)])
    annotation.refresh_from_db()
    assert annotation.anchored_revision.number == 2 and annotation.revision.number == 1


def test_import_summary_reports_re_anchoring(seed_copy):
    annotate("Sam Altman")
    annotate(PARAGRAPH_START)
    paragraph = next(
        p for p in SEED.read_text(encoding="utf-8").split("\n\n") if PARAGRAPH_START in p
    )
    edit(seed_copy, paragraph, "")
    out = StringIO()
    call_command("import_articles", str(seed_copy.parent), stdout=out)
    assert "annotations: 1 re-anchored exactly, 0 moved, 0 fuzzy, 1 orphaned" in out.getvalue()


def test_annotation_made_on_an_old_revision_is_anchored_to_the_current_one(seed_copy):
    old_text = Article.objects.get().text
    edit(seed_copy, "没有人敢轻易质疑", "开头新增。没有人敢轻易质疑")
    import_paths([str(seed_copy.parent)])
    article = Article.objects.get()
    start = old_text.index("Sam Altman")
    annotation = make_annotation(
        article=article, start=start, end=start + 10, exact="Sam Altman", revision=1
    )
    assert (annotation.anchor_state, article.text[annotation.start : annotation.end]) == (
        "moved",
        "Sam Altman",
    )


def test_owner_re_attaches_an_orphan_to_new_text(seed_copy, client):
    owner = make_user()
    annotation = annotate(PARAGRAPH_START, owner=owner)
    paragraph = next(
        p for p in SEED.read_text(encoding="utf-8").split("\n\n") if PARAGRAPH_START in p
    )
    edit(seed_copy, paragraph, "")
    import_paths([str(seed_copy.parent)])
    text = Article.objects.get().text
    start = text.index("堡垒内部的裂缝")
    client.force_login(owner)
    response = client.patch(
        annotation.get_api_url(),
        {"start": start, "end": start + 7, "exact": "堡垒内部的裂缝", "version": 1},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["glossa"]["anchorState"]) == (200, "anchored")


def test_failed_re_anchoring_rolls_back_the_article(seed_copy, monkeypatch):
    annotate(SENTENCE)

    def broken(*args, **kwargs):
        raise RuntimeError("re-anchoring failed")

    monkeypatch.setattr("annotations.reanchoring.reanchor_annotations", broken)
    edit(seed_copy, "没有人敢轻易质疑", "没有人敢随便质疑")
    report = import_paths([str(seed_copy.parent)])
    assert report.failed == 1 and Article.objects.get().revision_number == 1


def test_unconfirmed_fuzzy_annotation_stays_flagged_after_an_unrelated_import(seed_copy):
    annotation = annotate("前提是它自己不出问题")
    edit(seed_copy, "前提是它自己不出问题", "前提是它自身不出问题")
    import_paths([str(seed_copy.parent)])
    edit(seed_copy, "没有人敢轻易质疑", "没有人敢随便质疑")
    import_paths([str(seed_copy.parent)])
    annotation.refresh_from_db()
    assert (annotation.anchor_state, annotation.needs_confirmation) == ("fuzzy", True)


def orphaned(seed_copy, owner) -> Annotation:
    annotation = annotate(PARAGRAPH_START, owner=owner, note="我的笔记")
    paragraph = next(
        p for p in SEED.read_text(encoding="utf-8").split("\n\n") if PARAGRAPH_START in p
    )
    edit(seed_copy, paragraph, "")
    import_paths([str(seed_copy.parent)])
    annotation.refresh_from_db()
    return annotation


def test_my_annotations_marks_an_orphan(seed_copy, client):
    owner = make_user()
    orphaned(seed_copy, owner)
    client.force_login(owner)
    assert "badge-orphan" in client.get("/annotations/mine/").content.decode()


def test_owner_deletes_an_orphan(seed_copy, client):
    owner = make_user()
    annotation = orphaned(seed_copy, owner)
    client.force_login(owner)
    assert client.delete(annotation.get_api_url()).status_code == 204
    assert not Annotation.objects.filter(pk=annotation.pk).exists()


def test_owner_confirms_an_approximate_place(seed_copy, client):
    owner = make_user()
    annotation = annotate("前提是它自己不出问题", owner=owner)
    edit(seed_copy, "前提是它自己不出问题", "前提是它自身不出问题")
    import_paths([str(seed_copy.parent)])
    annotation.refresh_from_db()
    assert annotation.needs_confirmation  # what the owner is asked to confirm
    client.force_login(owner)
    response = client.patch(
        annotation.get_api_url(),
        {"confirm": True, "version": annotation.version},
        content_type="application/json",
    )
    annotation.refresh_from_db()
    assert (response.status_code, annotation.needs_confirmation) == (200, False)


def test_annotation_on_an_old_revision_is_accepted_through_the_api(seed_copy, client):
    article = Article.objects.get()
    start = article.text.index(SENTENCE)
    edit(seed_copy, "没有人敢轻易质疑", "新增一句开场白。没有人敢轻易质疑")
    import_paths([str(seed_copy.parent)])
    client.force_login(make_user())
    response = client.post(
        f"/api/articles/{article.slug}/annotations/",
        {"start": start, "end": start + len(SENTENCE), "exact": SENTENCE, "revision": 1},
        content_type="application/json",
    )
    created = Annotation.objects.get()
    text = Article.objects.get().text
    assert (response.status_code, text[created.start : created.end]) == (201, SENTENCE)
