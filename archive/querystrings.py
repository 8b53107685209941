"""URLs with a query string, built in one place so that every value is encoded.

A tag such as ``R&D #1`` pasted into a URL by hand becomes ``tag=R`` and a fragment. Python code
calls ``url_with_query``; templates call the ``{% url_with_query %}`` tag for a link to another
page, and Django's ``{% querystring %}`` for this page with some parameters changed (pagination).
Both follow the same rules: ``None`` removes a parameter, a list repeats it.
"""

from collections.abc import Iterable

from django.http import QueryDict
from django.urls import reverse


def url_with_query(path_or_name: str, query: QueryDict | None = None, /, **params) -> str:
    """``path_or_name`` (a path starting with "/", else a URL name) with ``query`` and ``params``.

    ``query`` is copied (``request.GET`` to keep this page's parameters) and ``params`` change it.
    """
    path = path_or_name if path_or_name.startswith("/") else reverse(path_or_name)
    merged = query.copy() if query is not None else QueryDict(mutable=True)
    for key, value in params.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, Iterable) and not isinstance(value, str):
            merged.setlist(key, [str(item) for item in value])
        else:
            merged[key] = str(value)
    encoded = merged.urlencode()
    return f"{path}?{encoded}" if encoded else path
