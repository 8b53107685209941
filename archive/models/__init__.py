from .articles import Article, ArticleQuerySet, ArticleRevision, Credit, Tag
from .boilerplate import Boilerplate, BoilerplateBlock
from .entities import Affiliation, Alias, Entity, EntityQuerySet
from .mentions import Candidate, Mention

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
    "Entity",
    "EntityQuerySet",
    "Tag",
]
