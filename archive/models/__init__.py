from .articles import Article, ArticleQuerySet, ArticleRevision, Credit, Tag
from .entities import Affiliation, Alias, Candidate, EntityQuerySet, Mention, Organisation, Person

__all__ = [
    "Affiliation",
    "Alias",
    "Candidate",
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
