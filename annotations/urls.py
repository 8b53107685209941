from django.urls import path, re_path

from . import api, compact, export_views, feeds, http, import_views, jsonld, views, writes

app_name = "annotations"
urlpatterns = [
    # Each article's annotations are a W3C Annotation Protocol container; an annotation's IRI
    # starts with its container's.
    path("api/articles/<str:slug>/annotations/", api.article_annotations, name="api_collection"),
    path(
        "api/articles/<str:slug>/annotations/compact/",
        compact.article_annotations_compact,
        name="api_compact",
    ),
    # <str:uuid>, not <uuid:uuid>: the view answers a malformed id with a JSON 404.
    path(
        "api/articles/<str:slug>/annotations/<str:uuid>/",
        api.annotation_detail,
        name="api_item",
    ),
    path(
        "api/articles/<str:slug>/annotations/<str:uuid>/replies/",
        api.annotation_replies,
        name="api_item_replies",
    ),
    path(
        "api/articles/<str:slug>/revisions/<int:number>/",
        api.revision_text,
        name="revision_text",
    ),
    # The earlier addresses of one annotation, kept working.
    path("api/annotations/<str:uuid>/", api.annotation_detail, name="api_annotation"),
    path("api/annotations/<str:uuid>/replies/", api.annotation_replies, name="api_replies"),
    path("api/notes/preview/", writes.note_preview, name="api_preview"),
    path("api/export/annotations/", export_views.api_export, name="api_export"),
    path("ns/glossa.jsonld", jsonld.context_view, name="jsonld_context"),
    # Only this app's prefixes, so other apps can still add their own routes under api/.
    # Ending in a slash keeps APPEND_SLASH redirecting "/api/annotations/<uuid>" to the real view.
    re_path(r"^api/(?:annotations|articles|notes)/(?:.*/)?\Z", http.not_found),
    path("annotations/mine/", views.my_annotations, name="mine"),
    path("annotations/mine/export/", export_views.my_export, name="export"),
    path("annotations/mine/import/", import_views.my_import, name="import"),
    path("readers/<str:username>/", views.reader_annotations, name="reader"),
    path("readers/<str:username>/annotations.atom", feeds.ReaderAnnotationsAtom(), name="feed"),
]
