from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from archive.models import Article

from .models import Annotation, Colour

PER_PAGE = 30


@login_required
def my_annotations(request):
    """All of the reader's annotations, newest first, filterable by article, tag and colour."""
    annotations = (
        Annotation.objects.filter(owner=request.user)
        .select_related("article", "parent")
        .defer(*(f"article__{name}" for name in Article.HEAVY_FIELDS))
        .order_by("-created")
    )
    filters = {
        "article": request.GET.get("article", ""),
        "tag": request.GET.get("tag", "").strip(),
        "colour": request.GET.get("colour", ""),
    }
    if "\x00" in filters["article"]:  # PostgreSQL refuses NUL in a text parameter
        annotations = annotations.none()
    elif filters["article"]:
        annotations = annotations.filter(article__slug=filters["article"])
    if filters["tag"]:
        annotations = annotations.tagged(filters["tag"])
    if filters["colour"] in Colour.values:
        annotations = annotations.filter(colour=filters["colour"])
    page = Paginator(annotations, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "colours": Colour.choices,
        "articles": Article.objects.filter(annotations__owner=request.user)
        .distinct()
        .only("slug", "title")
        .order_by("title"),
    }
    return render(request, "annotations/mine.html", context)
