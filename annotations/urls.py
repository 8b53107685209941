from django.urls import path

from . import api, views

app_name = "annotations"
urlpatterns = [
    path("api/articles/<str:slug>/annotations/", api.article_annotations, name="api_collection"),
    path("api/annotations/<uuid:uuid>/", api.annotation_detail, name="api_annotation"),
    path("api/annotations/<uuid:uuid>/replies/", api.annotation_replies, name="api_replies"),
    path("api/notes/preview/", api.note_preview, name="api_preview"),
    path("annotations/mine/", views.my_annotations, name="mine"),
    path("accounts/signup/", views.signup, name="signup"),
]
