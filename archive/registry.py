"""The curated registry of people and organisations (seeds/registry.yaml) and linking.

``registry_import`` upserts the registry's entries by their ids (adopting an entity of the same
name found earlier in a byline), adds their aliases and affiliations, and never deletes what
editors added in the admin. ``linker_for_registry`` builds the matcher from the database;
``mentions_insert`` and ``relink_all`` write articles' mentions.
"""

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction

from .boilerplate import inside
from .mentions import Form, Linker, Rule
from .models import Affiliation, Alias, Article, Entity, Mention
from .registry_generation import registry_changed
from .rows import rows_insert
from .slugs import unique_slug
from .validators import is_web_url

# The registry file's lists, and the kind of entity each holds.
KINDS = {"people": Entity.Kind.PERSON, "organisations": Entity.Kind.ORGANISATION}


class RegistryError(Exception):
    """The registry file cannot be used; the message names the entry and the problem."""


@dataclass
class RegistryReport:
    created: int = 0
    updated: int = 0
    aliases: int = 0
    affiliations: int = 0

    def summary(self) -> str:
        return (
            f"registry: created {self.created}, updated {self.updated}, "
            f"{self.aliases} new aliases, {self.affiliations} new affiliations"
        )


def read_registry(path: Path) -> dict:
    """The registry file's data, checked; a problem is reported with the file and line."""
    try:
        loader = yaml.SafeLoader(path.read_text(encoding="utf-8"))
        try:  # the nodes keep their lines, which the data loses
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RegistryError(f"{path}: cannot be read: {exc}") from exc
    if not isinstance(data, dict) or not set(data) & set(KINDS):
        raise RegistryError(f"{path}: expected 'people:' and 'organisations:' lists")
    for kind in KINDS:
        entries = data.get(kind) or []
        if not isinstance(entries, list):
            raise RegistryError(f"{path}:{_line(_node(root, kind))}: '{kind}' must be a list")
        for index, entry in enumerate(entries):
            node = _node(root, kind, index)
            if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
                raise RegistryError(
                    f"{path}:{_line(node)}: {kind}[{index}] needs an 'id' and a 'name'"
                )
            _check_links(entry, _node(node, "links"), path)
    return data


def _check_links(entry: dict, node: yaml.Node, path: Path) -> None:
    """Pages put these in an href: web addresses only (no javascript:, data:, ftp:...)."""
    links = entry.get("links") or {}
    if not isinstance(links, dict):
        raise RegistryError(f"{path}:{_line(node)}: {entry['id']}: 'links' must be a mapping")
    for label, url in links.items():
        if url and not is_web_url(str(url)):  # an empty link is left out, as _upsert does
            raise RegistryError(
                f"{path}:{_line(_node(node, label))}: {entry['id']}: link {label!r} is not an "
                f"http:// or https:// address: {str(url)[:80]!r}"
            )


def _node(node: yaml.Node, *keys) -> yaml.Node:
    """The node of the value at ``keys`` below ``node``, or the nearest one that exists."""
    for key in keys:
        if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        elif isinstance(node, yaml.MappingNode):
            found = [value for name, value in node.value if name.value == str(key)]
            if not found:
                break
            node = found[-1]  # a repeated key: the last one wins, as in the data
        else:
            break
    return node


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


@transaction.atomic
def registry_import(*, data: dict) -> RegistryReport:
    report = RegistryReport()
    ids: dict[str, Entity] = {}
    for key, kind in KINDS.items():
        for entry in data.get(key) or []:
            ids[entry["id"]] = _upsert(kind, entry, report)
    for entry in data.get("organisations") or []:
        parent = ids.get(entry.get("parent") or "")
        if _is_organisation(parent) and ids[entry["id"]].parent_id != parent.pk:
            Entity.objects.filter(pk=ids[entry["id"]].pk).update(parent=parent)
    for kind in KINDS:
        for entry in data.get(kind) or []:
            report.aliases += _add_aliases(ids[entry["id"]], entry, ids)
    for entry in data.get("people") or []:
        report.affiliations += _add_affiliations(ids[entry["id"]], entry, ids)
    registry_changed()  # aliases and parents are written in bulk, without signals
    return report


def _is_organisation(entity: Entity | None) -> bool:
    return entity is not None and entity.kind == Entity.Kind.ORGANISATION


def _upsert(kind: str, entry: dict, report: RegistryReport) -> Entity:
    same_kind = Entity.objects.filter(kind=kind)
    entity = same_kind.filter(registry_id=entry["id"]).first()
    entity = entity or same_kind.filter(name=entry["name"]).first()
    fields = {
        "registry_id": entry["id"],
        "name": str(entry["name"]),
        "names": {str(k): str(v) for k, v in (entry.get("names") or {}).items()},
        "description": str(entry.get("description") or ""),
        "description_en": str(entry.get("description_en") or ""),
        "links": {str(k): str(v) for k, v in (entry.get("links") or {}).items() if v},
        "find_in_text": True,
    }
    # The registry calls an organisation's type its "kind".
    if kind == Entity.Kind.ORGANISATION and entry.get("kind") in Entity.Category.values:
        fields["category"] = entry["kind"]
    if entity is None:
        report.created += 1
        slug = unique_slug(same_kind, entry["id"], fallback=kind)
        return Entity.objects.create(kind=kind, slug=slug, **fields)
    report.updated += 1
    for name, value in fields.items():
        setattr(entity, name, value)
    entity.save()
    return entity


RULE_KEYS = ("before", "after", "with", "not_before", "not_after")


def _alias_item(item, ambiguous: bool) -> tuple[str, bool, dict]:
    text, rule = (item, {}) if not isinstance(item, dict) else (item.get("text", ""), item)
    rule = {k: [str(v) for v in rule.get(k) or []] for k in RULE_KEYS}
    return str(text), ambiguous, {k: v for k, v in rule.items() if v}


def _add_aliases(entity, entry: dict, ids: dict) -> int:
    """Add the entry's aliases; aliases it already had take the registry's ambiguity and rule."""
    existing = {a.text: a for a in Alias.objects.filter(entity=entity)}
    wanted: dict[str, tuple[bool, dict]] = {}
    items = [(item, False) for item in (entry.get("names") or {}).values()]
    items += [(item, False) for item in entry.get("aliases") or []]
    items += [(item, True) for item in entry.get("ambiguous") or []]
    for item, ambiguous in items:  # later wins: a name listed as ambiguous is ambiguous
        text, ambiguous, rule = _alias_item(item, ambiguous)
        # The name itself is linked anyway; an alias of it only carries its ambiguity or rule.
        if text and (text != entity.name or ambiguous or rule):
            wanted[text] = (ambiguous, rule)
    changed = [
        alias
        for text, (ambiguous, rule) in wanted.items()
        if (alias := existing.get(text)) and (alias.ambiguous, alias.rule) != (ambiguous, rule)
    ]
    for alias in changed:
        alias.ambiguous, alias.rule = wanted[alias.text]
    Alias.objects.bulk_update(changed, ["ambiguous", "rule"])
    new = [
        Alias(text=text, ambiguous=ambiguous, rule=rule, entity=entity)
        for text, (ambiguous, rule) in wanted.items()
        if text not in existing
    ]
    Alias.objects.bulk_create(new)
    return len(new)


def _add_affiliations(person: Entity, entry: dict, ids: dict) -> int:
    added = 0
    for item in entry.get("affiliations") or []:
        organisation = ids.get(item.get("organisation") or "")
        if not _is_organisation(organisation):
            raise RegistryError(f"{entry['id']}: unknown organisation {item.get('organisation')!r}")
        role_zh = str(item.get("role_zh") or "")
        affiliation, created = Affiliation.objects.get_or_create(
            person=person,
            organisation=organisation,
            role=str(item.get("role") or ""),
            defaults={
                "role_zh": role_zh,
                "since": str(item.get("from") or ""),
                "until": str(item.get("to") or ""),
            },
        )
        added += created
        # The registry's translation wins; one typed in the admin stays where it gives none.
        if role_zh and affiliation.role_zh != role_zh:
            affiliation.role_zh = role_zh
            affiliation.save(update_fields=["role_zh"])
    return added


def linker_for_registry() -> Linker:
    """A matcher over the names and aliases of every entity that is found in text."""
    entities = Entity.objects.found_in_text()
    keys = dict(entities.exclude(registry_id=None).values_list("registry_id", "pk"))
    forms, spelled = [], set()
    for alias in Alias.objects.filter(entity__find_in_text=True):
        entity = alias.entity_id
        rule = None
        if alias.rule:
            rule = Rule(
                before=tuple(alias.rule.get("before", ())),
                after=tuple(alias.rule.get("after", ())),
                with_entities=tuple(keys[i] for i in alias.rule.get("with", ()) if i in keys),
                not_before=tuple(alias.rule.get("not_before", ())),
                not_after=tuple(alias.rule.get("not_after", ())),
            )
        forms.append(Form(alias.text, entity, alias.ambiguous, rule))
        spelled.add((entity, alias.text))
    # An alias spelled as the name itself (ambiguous, or with a rule) stands for the name.
    forms += [
        Form(name, pk)
        for pk, name in entities.values_list("pk", "name")
        if (pk, name) not in spelled
    ]
    return Linker(forms)


def mentions_for(article_id: int, text: str, linker: Linker, *, html: str) -> list[tuple]:
    """Rows for ``mentions_insert``: (article, entity, start, end, surface); ``html`` is the
    article's rendered body, which shows code and link texts that the text alone hides."""
    return [
        (article_id, found.entity, found.start, found.end, text[found.start : found.end][:200])
        for found in linker.find(text, html=html)
    ]


def mentions_insert(rows: list[tuple]) -> None:
    """One prepared INSERT for all rows (archive.rows): a million mentions in a full relink."""
    rows_insert(Mention, ["article", "entity", "start", "end", "surface"], rows)


def relink_all(*, batch: int = 500) -> Counter:
    """Link every article again, after the registry or an alias changed.

    A batch of articles at a time, each batch in a transaction of its own: every article shows
    either all its old mentions or all its new ones, and an import or an admin save waits for
    SQLite's write lock one batch long, not the whole relinking (12 s for 10,000 articles).
    A failure leaves the batch it happened in, and those after it, as they were.
    """
    linker = linker_for_registry()
    counts: Counter = Counter(articles=0, mentions=0)
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for first in range(0, len(ids), batch):
        articles, mentions = _relink_batch(ids[first : first + batch], linker)
        counts["articles"] += articles
        counts["mentions"] += mentions
    return counts


@transaction.atomic
def _relink_batch(ids: list[int], linker: Linker) -> tuple[int, int]:
    Mention.objects.filter(article_id__in=ids).delete()
    rows: list[tuple] = []
    articles = Article.objects.filter(pk__in=ids).values_list("pk", "text", "html", "boilerplate")
    found_articles = 0
    for article_id, text, html, boilerplate in articles:
        found = mentions_for(article_id, text, linker, html=html)
        if boilerplate:  # the publisher's boilerplate mentions nobody (archive.boilerplate)
            found = [row for row in found if not inside(row[2], row[3], boilerplate)]
        found_articles += 1
        rows += found
    mentions_insert(rows)
    registry_changed()  # pages of this batch's articles are stale once it commits
    return found_articles, len(rows)
