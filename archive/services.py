"""Writes to the archive, through keyword-only functions that keep the invariants in one place.

Article text is never lost: a change of text adds a revision, and ``article_text_changed`` lets
annotations re-anchor in the same transaction.
"""

from enum import StrEnum

from django.db import connection
from django.db.models import Model, QuerySet

from .boilerplate_marking import Ledger, blocks_record, outside, prepare
from .byline import Contributor
from .models import Alias, Article, ArticleRevision, Credit, Entity, Mention, Tag
from .parsing import ParsedArticle
from .recognition.bylines import byline_kind
from .registry import linker_for_registry, mentions_for, mentions_insert
from .rows import rows_insert
from .signals import article_text_changed
from .slugs import unique_slug

# The header's order: where the text comes from, who wrote it, then everyone else.
ROLE_ORDER = {
    "source": 0,
    "author": 1,
    "translator": 2,
    "editor": 3,
    "planner": 4,
    "reviewer": 5,
    "images": 6,
    "designer": 7,
    "producer": 8,
    "publisher": 9,
}
ARTICLE_FIELDS = (
    "source_path", "file_hash", "title", "title_html", "date", "published_at", "lang",
    "description", "excerpt", "source_url", "html", "text", "content_hash", "front_matter",
    "rendered_with",
)  # fmt: skip
REVISION_FIELDS = ["article", "number", "markdown", "text", "content_hash", "created"]


class Outcome(StrEnum):
    """What importing a file did to its article; the import's summary counts each, in order."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class ImportCache:
    """What one import run knows of the database, loaded once instead of asked per file.

    Source keys, slugs, the ids of tags by name and the entity that each name or unambiguous
    alias stands for: with them a new article costs its INSERTs and nothing else. A failed
    file's transaction may have rolled back rows recorded here, so the importer calls
    ``clear()`` after a failure.
    """

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self._linker = None
        # Keyed by (model, kind): entities' names and slugs are unique per kind.
        self._ids: dict[tuple, dict[str, int]] = {}
        self._credited: dict[str, list[tuple[int, str]]] | None = None
        self._slugs: dict[tuple, set[str]] = {}
        self._keys: set[str] | None = None
        self.boilerplate = Ledger()

    def linker(self):
        if self._linker is None:
            self._linker = linker_for_registry()
        return self._linker

    def has_key(self, source_key: str) -> bool:
        if self._keys is None:
            self._keys = set(Article.objects.values_list("source_key", flat=True))
        return source_key in self._keys

    def add_key(self, source_key: str) -> None:
        if self._keys is not None:
            self._keys.add(source_key)

    def slug_for(self, model: type, base: str, *, kind: str = "") -> str:
        """A slug from ``base`` that no row of ``model`` (of ``kind``) has yet; reserved for
        this run."""
        if (model, kind) not in self._slugs:
            rows = _rows(model, kind)
            self._slugs[model, kind] = set(rows.values_list("slug", flat=True))
        taken = self._slugs[model, kind]
        slug = unique_slug(taken, base, fallback=kind or model._meta.model_name)
        taken.add(slug)
        return slug

    def id_for(self, model: type, name: str, *, kind: str = "") -> int:
        """The id of the tag or entity (of ``kind``) called ``name``, created if new."""
        if (model, kind) not in self._ids:
            self._ids[model, kind] = dict(_rows(model, kind).values_list("name", "pk"))
        ids = self._ids[model, kind]
        if name not in ids:
            ids[name] = _create_named(model, kind, name, self).pk
        return ids[name]

    def credited(self, name: str, role: str) -> tuple[int, str]:
        """The id and kind of the entity that a byline crediting ``name`` in ``role`` means.

        One entity per name whatever the role (ByteAILab as author and as publisher): an
        entity already called so, or with that unambiguous alias, of either kind; otherwise a
        new one, of the kind the name, the role and the recogniser's rules decide.
        """
        if self._credited is None:
            self._credited = _entities_by_name()
        claims = self._credited.get(name)
        if not claims:
            kind = byline_kind(name=name, role=role)
            claims = self._credited[name] = [(_create_named(Entity, kind, name, self).pk, kind)]
        if len(claims) > 1:  # a person and an organisation of one name, from older imports
            kind = byline_kind(name=name, role=role)
            return next((claim for claim in claims if claim[1] == kind), claims[0])
        return claims[0]


def _entities_by_name() -> dict[str, list[tuple[int, str]]]:
    """The (id, kind) of the entities that each name or unambiguous alias stands for, oldest
    first: the registry's if it has any (the curated layer), else those so named, else those
    with that alias."""
    rows = [
        (name, registry_id is None, 0, pk, kind)
        for name, pk, kind, registry_id in Entity.objects.values_list(
            "name", "pk", "kind", "registry_id"
        )
    ]
    aliases = Alias.objects.filter(ambiguous=False).values_list(
        "text", "entity_id", "entity__kind", "entity__registry_id"
    )
    rows += [(text, registry_id is None, 1, pk, kind) for text, pk, kind, registry_id in aliases]
    found: dict[str, list[tuple[int, str]]] = {}
    best: dict[str, list] = {}
    for name, *rank, pk, kind in sorted(rows):
        if best.setdefault(name, rank) == rank:  # the best-ranked claims of each name only
            found.setdefault(name, []).append((pk, kind))
    return found


def _rows(model: type, kind: str) -> QuerySet:
    return model.objects.filter(kind=kind) if kind else model.objects.all()


def _create_named(model: type, kind: str, name: str, cache: "ImportCache") -> Model:
    if model is Tag:
        return Tag.objects.create(name=name)
    slug = cache.slug_for(Entity, name, kind=kind)
    return entity_create(kind=kind, name=name, slug=slug)


def entity_create(
    *, kind: str, name: str, slug: str, find_in_text: bool = False, reviewed: bool = True
) -> Entity:
    entity = Entity(kind=kind, name=name, slug=slug, find_in_text=find_in_text, reviewed=reviewed)
    # Uniqueness is the database's job here: checking it in Python costs two more queries.
    entity.full_clean(validate_unique=False, validate_constraints=False)
    entity.save()
    return entity


def article_apply(
    *, parsed: ParsedArticle, cache: ImportCache, notes: list[str] | None = None
) -> Outcome:
    """Create or update the article for ``parsed``. Call inside a transaction."""
    article = None
    if cache.has_key(parsed.source_key):
        article = Article.objects.filter(source_key=parsed.source_key).first()
    if article is None:
        article = article_create(parsed=parsed, cache=cache)
        cache.add_key(parsed.source_key)
        return Outcome.CREATED
    if article.file_hash == parsed.file_hash:
        if article.source_path == parsed.source_path:
            return Outcome.UNCHANGED
        article.source_path = parsed.source_path  # moved or renamed, same content
        article.save(update_fields=["source_path"])
        return Outcome.UPDATED
    article_update(article=article, parsed=parsed, cache=cache, notes=notes)
    return Outcome.UPDATED


def article_create(*, parsed: ParsedArticle, cache: ImportCache) -> Article:
    article = Article(source_key=parsed.source_key)
    for name in ARTICLE_FIELDS:
        setattr(article, name, getattr(parsed, name))
    article.slug = cache.slug_for(Article, parsed.slug or parsed.title)
    article.derived = parsed.derived
    _prepare_boilerplate(article, parsed, cache)
    article.save()
    # Plain rows (archive.rows): nothing listens for these, and an import writes one per file.
    created = connection.ops.adapt_datetimefield_value(article.imported_at)
    row = (article.pk, 1, parsed.markdown, parsed.text, parsed.content_hash, created)
    rows_insert(ArticleRevision, REVISION_FIELDS, [row])
    _set_tags_and_credits(article, parsed, cache, replace=False)
    mentions_insert(_mention_rows(article, parsed, cache))
    _record_blocks(article, parsed, cache, replace=False)
    return article


def article_update(
    *, article: Article, parsed: ParsedArticle, cache: ImportCache, notes: list[str] | None = None
) -> Article:
    """Update the article; a changed text becomes a new revision and is announced.

    What the signal's receivers report is appended to ``notes``.
    """
    notes = notes if notes is not None else []
    text_changed = article.content_hash != parsed.content_hash
    previous = None
    if text_changed:
        previous = article.revisions.order_by("-number").first()
        article.revision_number += 1
    old_boilerplate = article.boilerplate
    for name in ARTICLE_FIELDS:
        setattr(article, name, getattr(parsed, name))
    if parsed.slug and parsed.slug != article.slug:
        article.slug = cache.slug_for(Article, parsed.slug)
    article.derived = parsed.derived
    _prepare_boilerplate(article, parsed, cache)
    article.save()
    if text_changed:
        current = ArticleRevision.objects.create(
            article=article,
            number=article.revision_number,
            markdown=parsed.markdown,
            text=parsed.text,
            content_hash=parsed.content_hash,
        )
        responses = article_text_changed.send(
            sender=Article, article=article, previous=previous, current=current
        )
        notes.extend(str(response) for _, response in responses if response)
    if text_changed or article.boilerplate != old_boilerplate:
        Mention.objects.filter(article=article).delete()
        mentions_insert(_mention_rows(article, parsed, cache))
    _set_tags_and_credits(article, parsed, cache, replace=True)
    _record_blocks(article, parsed, cache, replace=True)
    return article


def _prepare_boilerplate(article: Article, parsed: ParsedArticle, cache: ImportCache) -> None:
    prepare(
        article, contributors=parsed.contributors, blocks=parsed.blocks, ledger=cache.boilerplate
    )


def _record_blocks(article: Article, parsed: ParsedArticle, cache: ImportCache, *, replace):
    """Last: reaching the threshold re-saves this article (and others) with the block marked."""
    blocks_record(
        article=article,
        contributors=parsed.contributors,
        blocks=parsed.blocks,
        ledger=cache.boilerplate,
        linker=cache.linker,
        replace=replace,
    )


def _set_tags_and_credits(
    article: Article, parsed: ParsedArticle, cache: ImportCache, *, replace: bool
) -> None:
    tag_ids = [cache.id_for(Tag, name) for name in parsed.tags]
    if replace:
        article.tags.set(tag_ids)
        article.credits.all().delete()
    else:
        rows_insert(Article.tags.through, ["article", "tag"], [(article.pk, pk) for pk in tag_ids])
    credits = [
        (article.pk, position, *_credit(contributor, cache))
        for position, contributor in enumerate(_ordered(parsed.contributors))
    ]
    rows_insert(Credit, ["article", "position", "role", "entity", "url"], credits)


def _mention_rows(article: Article, parsed: ParsedArticle, cache: ImportCache) -> list[tuple]:
    """Mentions found by the parsing worker, or found now (imports without workers); none in
    the publisher's boilerplate."""
    if parsed.mentions is None:
        found = mentions_for(article.pk, article.text, cache.linker(), html=article.html)
        return outside(found, article.boilerplate)
    return outside([(article.pk, *found) for found in parsed.mentions], article.boilerplate)


def _ordered(contributors: list[Contributor]) -> list[Contributor]:
    return sorted(contributors, key=lambda c: ROLE_ORDER.get(c.role, len(ROLE_ORDER)))


def _credit(contributor: Contributor, cache: ImportCache) -> tuple[str, int, str]:
    """The role, entity id and URL of a contributor's credit (organisations keep their URL)."""
    entity_id, kind = cache.credited(contributor.name, contributor.role)
    return contributor.role, entity_id, contributor.url if kind == Entity.Kind.ORGANISATION else ""
