"""A reader's annotations with every id and date fixed, for golden files and round trips."""

import datetime
import uuid

from annotations.models import Annotation
from annotations.services import reply_create
from tests.factories import make_annotation, make_article, make_user

WHEN = datetime.datetime(2025, 3, 1, 9, 30, tzinfo=datetime.UTC)
FOX = "The quick brown fox jumps over the lazy dog.\n\nA second paragraph, with *emphasis*."
RIVER = "河流穿过城市。城市在河的两岸生长。\n\n第二段：桥。"


def fixed(annotation: Annotation, n: int) -> Annotation:
    """Give ``annotation`` the n-th fixed uuid and a date n minutes after WHEN."""
    when = WHEN + datetime.timedelta(minutes=n)
    fields = {"uuid": uuid.UUID(int=n), "created": when, "modified": when}
    Annotation.objects.filter(pk=annotation.pk).update(**fields)
    annotation.refresh_from_db()
    return annotation


def passage(article, quote: str) -> dict:
    start = article.text.index(quote)
    return {"start": start, "end": start + len(quote)}


def golden_articles(fox_body: str = FOX):
    fox = make_article(
        relative="golden/fox.md", body=fox_body, title="Fox", slug="fox", date="2025-01-02"
    )
    river = make_article(
        relative="golden/river.md",
        body=RIVER,
        title="河流",
        slug="river",
        date="2025-02-03",
        source_url="https://news.example/river",
    )
    return fox, river


def golden_reader(username: str = "golden"):
    """Two articles: notes, tags, colours, a public thread with a reply, a bare highlight."""
    reader = make_user(username)
    reader.first_name, reader.last_name = "Gold", "Reader"
    reader.save()
    fox, river = golden_articles()
    note = make_annotation(
        owner=reader,
        article=fox,
        **passage(fox, "brown fox"),
        note="Quick *and* brown.\n\n- one\n- two",
        tags=["animals", "two words"],
        colour="green",
        visibility="public",
        entities=[credit.entity.pk for credit in fox.credits.all()],  # about whom it credits
    )
    fixed(note, 1)
    fixed(reply_create(reader=reader, parent=note, data={"note": "A reply\nover two lines."}), 2)
    fixed(make_annotation(owner=reader, article=fox, **passage(fox, "=lazy"[1:])), 3)
    fixed(
        make_annotation(
            owner=reader,
            article=river,
            **passage(river, "城市在河的两岸生长"),
            note="=SUM(A1) 不是公式",
            tags=["城市"],
            colour="blue",
            language="zh-Hans",
        ),
        4,
    )
    return reader
