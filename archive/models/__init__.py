from .articles import Article, ArticleQuerySet, ArticleRevision, Credit, Tag
from .boilerplate import Boilerplate, BoilerplateBlock
from .entities import Affiliation, Alias, Entity, EntityQuerySet
from .mentions import Candidate, Mention
from .runs import RelinkRun

__all__ = [
    "Affiliation",
    "Alias",
    "Boilerplate",
    "BoilerplateBlock",
    "Candidate",
    "Mention",
    "RelinkRun",
    "Article",
    "ArticleQuerySet",
    "ArticleRevision",
    "Credit",
    "Entity",
    "EntityQuerySet",
    "Tag",
]
