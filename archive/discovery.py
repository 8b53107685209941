"""People and organisations that articles name, found by the recogniser, not typed by an editor.

``names_discover`` takes what archive.recognition found in a set of articles and decides, for
each distinct name:
- a name the archive already knows (an entity's name, alias or name in another script, of
  either kind) is that entity: nothing is created, the registry being the curated layer;
- a name an editor rejected (a Candidate with the "rejected" status) or already decided on is
  left alone, for ever;
- an occurrence that overlaps a mention of a known entity is the known entity's, not evidence
  of a new one: ``Nvidia H100`` and ``Google Cloud`` extend a known name, ``积电`` is cut out
  of ``台积电``;
- a *confident* name (a high score, or a fair one that recurs in an article or across the
  archive's articles) becomes an Entity, unreviewed until an editor confirms it, and is found in
  text from then on; a surname that the same article writes after the person's full name becomes
  that person's ambiguous alias (linked only beside the full name);
- a *doubtful* one is a suggestion (a Candidate) with its kind, contexts, counts and score, and
  is promoted when later articles make it confident.

The thresholds were chosen on the labelled set (tests/fixtures/names/, bench/entities_eval.py).
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from .masking import overlaps
from .models import Alias, Article, Candidate, Entity, Mention
from .services import entity_create
from .slugs import unique_slug
from .tasks import discovery_enqueue

# A name this sure is shown at once (LAC's Chinese names and institutions; the Latin rules'
# multi-word organisations and full names of people).
CONFIDENT_SCORE = 0.6
# A name at least this sure is shown once it recurs: twice in one article, or in two articles.
RECURRING_SCORE = 0.45
# Below this a name is noise, not even a suggestion.
SUGGESTED_SCORE = 0.3
EXAMPLES = 5  # contexts kept per suggestion, one per article
CONTEXT = 50  # characters either side of a name in a context
_LETTER = re.compile(r"[^\W\d_]")
_SPACE = re.compile(r"\s+")


@dataclass
class Evidence:
    """What the recogniser says of one name across the articles of one run."""

    name: str
    kinds: Counter = field(default_factory=Counter)  # kind -> summed score
    score: float = 0.0
    count: int = 0
    per_article: Counter = field(default_factory=Counter)  # article id -> occurrences
    contexts: dict[int, str] = field(default_factory=dict)  # article id -> first context
    surname_of: str = ""  # the full name of a person that the same article writes

    @property
    def kind(self) -> str:
        return self.kinds.most_common(1)[0][0]


@dataclass
class Discovered:
    entities: list[Entity] = field(default_factory=list)
    aliases: int = 0
    suggested: int = 0
    promoted: int = 0


def known_names() -> set[str]:
    """Every form by which the archive knows an entity, of either kind, found in text or only
    credited: name, alias, name in another script."""
    known = set(Alias.objects.values_list("text", flat=True))
    for name, names in Entity.objects.values_list("name", "names"):
        known.add(name)
        known.update(str(other) for other in (names or {}).values())
    return known


def evidence_of(found: dict[int, tuple[str, list]], known: set[str]) -> list[Evidence]:
    """The new names in ``found`` ({article id: (text, [Recognised])}), with their evidence."""
    taken = _mentioned_spans(list(found))
    evidence: dict[str, Evidence] = {}
    for article_id, (text, names) in found.items():
        people = {n.surface for n in names if n.kind == Entity.Kind.PERSON and " " in n.surface}
        for name in names:
            if name.surface in known or not _looks_like_a_name(name.surface):
                continue
            if overlaps(name.start, name.end, taken.get(article_id, [])):
                continue  # the registry's mention, or a longer form of a known name
            item = evidence.setdefault(name.surface, Evidence(name.surface))
            item.kinds[name.kind] += name.score
            item.score = max(item.score, name.score)
            item.count += 1
            item.per_article[article_id] += 1
            item.contexts.setdefault(article_id, context(text, name.start, name.end))
            if name.kind == Entity.Kind.PERSON and not item.surname_of:
                item.surname_of = _full_name(name.surface, people)
    return [e for e in evidence.values() if e.score >= SUGGESTED_SCORE]


def _mentioned_spans(article_ids: list[int]) -> dict[int, list[tuple[int, int]]]:
    spans = defaultdict(list)
    rows = Mention.objects.filter(article_id__in=article_ids).order_by("article_id", "start")
    for article_id, start, end in rows.values_list("article_id", "start", "end"):
        spans[article_id].append((start, end))
    return spans


def _looks_like_a_name(surface: str) -> bool:
    letters = _LETTER.findall(surface)
    return len(surface.strip()) >= 2 and len(letters) >= 2


def _full_name(surface: str, people: set[str]) -> str:
    """``Baker`` when the article also writes ``David Baker``: the full name, else ""."""
    if " " in surface:
        return ""
    matches = [p for p in people if p.rsplit(" ", 1)[-1] == surface]
    return matches[0] if len(matches) == 1 else ""


def context(text: str, start: int, end: int) -> str:
    """The name with the text around it on the same line, white space folded."""
    left = max(text.rfind("\n", 0, start) + 1, start - CONTEXT)
    right = text.find("\n", end)
    right = min(len(text) if right == -1 else right, end + CONTEXT)
    return _SPACE.sub(" ", text[left:right]).strip()


def is_confident(*, score: float, count: int, article_count: int) -> bool:
    """Confident: sure enough alone, or fairly sure and recurring (in an article or across)."""
    recurs = count > article_count or article_count >= 2
    return score >= CONFIDENT_SCORE or (score >= RECURRING_SCORE and recurs)


@transaction.atomic
def names_discover(*, found: dict[int, tuple[str, list]]) -> Discovered:
    """Decide on every new name in ``found`` ({article id: (text, [Recognised])}): create the
    confident ones as unreviewed entities, record the doubtful ones as suggestions."""
    report = Discovered()
    known = known_names()
    evidence = evidence_of(found, known)
    decided = {c.name: c for c in Candidate.objects.filter(name__in=[e.name for e in evidence])}
    created: dict[str, Entity] = {}
    surnames = []
    for item in sorted(evidence, key=lambda e: e.surname_of != ""):  # full names first
        candidate = decided.get(item.name)
        if candidate is not None and candidate.status != Candidate.Status.NEW:
            continue  # an editor's decision (a rejection above all) stands
        if item.surname_of:
            surnames.append(item)
            continue
        count, articles, score, kind = _totals(item, candidate)
        if not is_confident(score=score, count=count, article_count=articles):
            report.suggested += _suggest(item, candidate, count, articles, score, kind)
            continue
        entity = _entity_create(name=item.name, kind=kind)
        created[item.name] = entity
        report.entities.append(entity)
        if candidate is not None:
            report.promoted += 1
            Candidate.objects.filter(pk=candidate.pk).update(
                status=Candidate.Status.ACCEPTED, entity=entity, kind=kind
            )
    for item in surnames:
        owner = created.get(item.surname_of)
        if owner is not None and owner.kind == Entity.Kind.PERSON:
            Alias.objects.create(entity=owner, text=item.name, ambiguous=True)
            report.aliases += 1
    return report


def _totals(item: Evidence, candidate: Candidate | None) -> tuple[int, int, float, str]:
    """Counts, best score and kind of a name: this run's evidence plus what the suggestion
    recorded from earlier runs. An article whose context the suggestion already holds was
    counted before (its article was recognised again), so it is not counted twice."""
    seen = candidate.examples if candidate else []
    fresh = [a for a, text in item.contexts.items() if text not in seen]
    count = sum(item.per_article[a] for a in fresh)
    kinds = Counter(item.kinds)
    if candidate is None:
        return count, len(fresh), item.score, item.kind
    if candidate.kind:
        kinds[candidate.kind] += candidate.score * candidate.article_count
    return (
        candidate.count + count,
        candidate.article_count + len(fresh),
        max(candidate.score, item.score),
        kinds.most_common(1)[0][0],
    )


def _suggest(item: Evidence, candidate, count: int, articles: int, score: float, kind) -> int:
    examples = list(candidate.examples) if candidate else []
    examples += [text for text in item.contexts.values() if text not in examples]
    fields = {
        "kind": kind,
        "count": count,
        "article_count": articles,
        "score": round(score, 3),
        "examples": examples[:EXAMPLES],
    }
    if candidate is not None:
        Candidate.objects.filter(pk=candidate.pk).update(**fields)
        return 0
    try:
        with transaction.atomic():  # another worker may suggest the same name at once
            Candidate.objects.create(name=item.name[:200], **fields)
    except IntegrityError:
        return 0
    return 1


def _entity_create(*, name: str, kind: str) -> Entity:
    """A new, unreviewed entity found in text; the one of that name if a worker made it first."""
    same_kind = Entity.objects.filter(kind=kind)
    slug = unique_slug(same_kind, name, fallback=kind)
    try:
        with transaction.atomic():
            return entity_create(kind=kind, name=name, slug=slug, find_in_text=True, reviewed=False)
    except IntegrityError:
        return same_kind.get(name=name)


def suggestions_refresh() -> tuple[int, int]:
    """Recognise the whole archive again (in the background): open suggestions are dropped,
    to be counted afresh; editors' decisions and the entities stay. (articles, tasks queued)."""
    Candidate.objects.open().delete()
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    return len(ids), discovery_enqueue(ids)
