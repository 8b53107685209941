"""Render stored articles again when the renderer changes, from what the archive keeps.

Each article keeps its front matter and, on its latest revision, the Markdown body as imported,
so a new renderer needs no source files: ``rerender`` parses those again, as the import would,
and writes the result through ``article_update``. Where the canonical text changes, that makes
a new revision and sends ``article_text_changed``, so annotations re-anchor in the same
transaction, as on any import; revisions are never rewritten, so nothing an annotation points
into is lost. Each article is its own transaction: one that fails is reported and rolled back,
and the others go on.

The article keeps its file hash: the next import of its file re-parses it once (the hash
includes the renderer version) and finds nothing new to write.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from .models import Article
from .parsing import parse_parts
from .rendering import RENDERER_VERSION
from .services import ImportCache, article_update

CHUNK = 200


@dataclass
class RerenderReport:
    rendered: int = 0
    text_changed: int = 0
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what receivers of text changes reported

    def summary(self) -> str:
        return (
            f"re-rendered {self.rendered} ({self.text_changed} with a new text revision), "
            f"failed {len(self.failures)}"
        )


def stale_articles(*, everything: bool = False):
    """Articles whose HTML an older renderer made (every article with ``everything``)."""
    articles = (
        Article.objects.all()
        if everything
        else Article.objects.exclude(rendered_with=RENDERER_VERSION)
    )
    return articles.order_by("pk")


def rerender(
    *, everything: bool = False, on_article: Callable[[Article, bool], None] | None = None
) -> RerenderReport:
    """Render the stale articles (or all) again; report how many, and which texts changed."""
    report = RerenderReport()
    cache = ImportCache()
    ids = list(stale_articles(everything=everything).values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        for article in Article.objects.filter(pk__in=ids[start : start + CHUNK]).order_by("pk"):
            try:
                changed = article_rerender(article=article, cache=cache, notes=report.notes)
            except Exception as exc:  # a refusal of one article: the others go on
                report.failures.append(f"{article.source_key}: could not be re-rendered: {exc}")
                cache.clear()  # it may hold rows that the rolled-back transaction never kept
                continue
            report.rendered += 1
            report.text_changed += changed
            if on_article:
                on_article(article, changed)
    return report


def article_rerender(*, article: Article, cache: ImportCache, notes: list[str]) -> bool:
    """Render one article again from its stored parts; True when its canonical text changed."""
    with transaction.atomic():
        markdown = article.revisions.get(number=article.revision_number).markdown
        parsed = parse_parts(
            article.front_matter, markdown, relative=article.source_path, digest=article.file_hash
        )
        changed = parsed.content_hash != article.content_hash
        article_update(article=article, parsed=parsed, cache=cache, notes=notes)
    return changed
