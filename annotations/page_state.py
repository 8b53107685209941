"""What the annotations app tells archive's article page validators (``archive.caching``).

Every write of an annotation or a reply (create, edit, delete, re-anchoring) changes the count
or the latest ``modified`` of the article's rows, so the page's ETag changes with it. One
aggregate over the article's rows, read through the (article, start) index.
"""

from django.db import connection
from django.dispatch import receiver

from archive.caching import article_page_validators, as_datetime

from .models import Annotation

# Plain SQL: it runs on every view of an article page (see archive.caching).
STATE_SQL = f"SELECT COUNT(*), MAX(modified) FROM {Annotation._meta.db_table} WHERE article_id = %s"


@receiver(article_page_validators, dispatch_uid="annotations.page_state")
def annotations_state(sender, *, article_id: int, **kwargs) -> tuple[str, object]:
    with connection.cursor() as cursor:
        cursor.execute(STATE_SQL, [article_id])
        count, last = cursor.fetchone()
    return f"{count}:{last}", as_datetime(last) if last else None
