from .articles import Article, ArticleQuerySet, ArticleRevision, Credit, Tag
from .entities import EntityQuerySet, Organisation, Person

__all__ = [
    "Article",
    "ArticleQuerySet",
    "ArticleRevision",
    "Credit",
    "EntityQuerySet",
    "Organisation",
    "Person",
    "Tag",
]
