from .articles import Article, ArticleQuerySet, ArticleRevision, Credit, Tag
from .entities import Affiliation, Alias, EntityQuerySet, Mention, Organisation, Person

__all__ = [
    "Affiliation",
    "Alias",
    "Mention",
    "Article",
    "ArticleQuerySet",
    "ArticleRevision",
    "Credit",
    "EntityQuerySet",
    "Organisation",
    "Person",
    "Tag",
]
