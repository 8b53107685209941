"""Inserting many plain rows at once, for the importer's hottest tables.

One prepared INSERT run for every row: building a model instance per row and letting
``bulk_create`` compile its SQL cost more than the rest of writing them (measured: bench/).
Values go to the database as given, so only for columns that need no conversion by a field
(numbers, text, dates); no signals are sent.
"""

from django.db import connection
from django.db.models import Model


def rows_insert(model: type[Model], names: list[str], rows: list[tuple]) -> None:
    """Insert ``rows``, tuples of values for the fields ``names`` of ``model``."""
    if not rows:
        return
    meta, quote = model._meta, connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in names)
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(names))})"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
