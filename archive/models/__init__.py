from .articles import Article, ArticleQuerySet, ArticleRevision, Credit, Tag
from .boilerplate import Boilerplate, BoilerplateBlock
from .entities import Affiliation, Alias, Candidate, EntityQuerySet, Mention, Organisation, Person

__all__ = [
    "Affiliation",
    "Alias",
    "Boilerplate",
    "BoilerplateBlock",
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
