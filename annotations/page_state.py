"""What the annotations app adds to archive's article page validators (``archive.caching``).

Every write of an annotation or a reply (create, edit, delete, re-anchoring) changes the count
or the latest ``modified`` of the article's rows, so the page's ETag changes with it. Both are
read through the (article, start) index, inside the page's one query.
"""

from archive.caching import page_state_add

from .models import Annotation

TABLE = Annotation._meta.db_table


def connect() -> None:
    page_state_add(
        "annotations",
        token_sql=f"(SELECT COUNT(*) FROM {TABLE} n WHERE n.article_id = a.id)",
        changed_sql=f"(SELECT MAX(n.modified) FROM {TABLE} n WHERE n.article_id = a.id)",
    )
