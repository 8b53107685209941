from django.urls import path

from . import feeds, views

app_name = "archive"
urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<str:slug>/", views.article_detail, name="article_detail"),
    path("articles/<str:slug>/changes/", views.article_changes, name="article_changes"),
    path("network/", views.network, name="network"),
    path("people/", views.person_list, name="person_list"),
    path("people/<str:slug>/", views.person_detail, name="person_detail"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<str:slug>/", views.organisation_detail, name="organisation_detail"),
    path("feeds/articles.atom", feeds.LatestArticlesAtom(), name="feed_articles"),
    path("feeds/articles.rss", feeds.LatestArticlesRss(), name="feed_articles_rss"),
    path("feeds/people/<str:slug>.atom", feeds.EntityArticlesAtom(), name="feed_person"),
    path(
        "feeds/organisations/<str:slug>.atom",
        feeds.OrganisationArticlesAtom(),
        name="feed_organisation",
    ),
    path("feeds/tags/<path:name>.atom", feeds.TagArticlesAtom(), name="feed_tag"),
]
