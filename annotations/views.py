from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from archive.models import Article

from .feeds import public_annotations_of
from .filters import Filters
from .models import AnchorState, Annotation, Colour

PER_PAGE = 30


@login_required
def my_annotations(request):
    """All of the reader's annotations, newest first, filterable by article, tag, colour, anchor
    state and date; exportable and importable from here."""
    filters = Filters.from_query(request.GET)
    annotations = (
        filters.apply(Annotation.objects.filter(owner=request.user))
        .select_related("article", "parent")
        .defer(*(f"article__{name}" for name in Article.HEAVY_FIELDS))
        .order_by("-created")
    )
    page = Paginator(annotations, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "export_query": filters.as_query(),
        "colours": Colour.choices,
        "states": AnchorState.choices,
        "articles": Article.objects.filter(annotations__owner=request.user)
        .distinct()
        .only("slug", "title")
        .order_by("title"),
    }
    return render(request, "annotations/mine.html", context)


def reader_annotations(request, username):
    """A reader's public annotations, newest first; their Atom feed is linked from here."""
    reader = get_object_or_404(get_user_model(), username=username, is_active=True)
    page = Paginator(public_annotations_of(reader), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "annotations/reader.html", {"reader": reader, "page": page})
