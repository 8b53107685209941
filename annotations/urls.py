from django.urls import path, re_path

from . import api, compact, views

app_name = "annotations"
urlpatterns = [
    path("api/articles/<str:slug>/annotations/", api.article_annotations, name="api_collection"),
    path(
        "api/articles/<str:slug>/annotations/compact/",
        compact.article_annotations_compact,
        name="api_compact",
    ),
    # <str:uuid>, not <uuid:uuid>: the view answers a malformed id with a JSON 404.
    path("api/annotations/<str:uuid>/", api.annotation_detail, name="api_annotation"),
    path("api/annotations/<str:uuid>/replies/", api.annotation_replies, name="api_replies"),
    path("api/notes/preview/", api.note_preview, name="api_preview"),
    # Only this app's prefixes, so other apps can still add their own routes under api/.
    # Ending in a slash keeps APPEND_SLASH redirecting "/api/annotations/<uuid>" to the real view.
    re_path(r"^api/(?:annotations|articles|notes)/(?:.*/)?\Z", api.not_found),
    path("annotations/mine/", views.my_annotations, name="mine"),
]
