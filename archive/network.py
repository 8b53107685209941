"""Who is mentioned with whom: a co-mention network drawn as server-side SVG.

Nodes are the most mentioned people and organisations (sized by mentions); an edge joins two
that appear in the same article (its width grows with the number of such articles). Nodes sit
on a circle in order of size: a layout that is the same on every load and never overlaps,
which matters more to a reader than physics. The page also gives the data as a table.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.db.models import Count

from .models import Entity, Mention
from .querystrings import url_with_query

SIZE = 640
RADIUS = 250


@dataclass
class Node:
    entity: Entity
    mentions: int
    x: float = 0.0
    y: float = 0.0
    r: float = 0.0
    label_anchor: str = "start"
    label_x: float = 0.0

    @property
    def kind(self) -> str:
        return self.entity.kind

    @property
    def url(self) -> str:
        """The network around this entity."""
        return url_with_query("archive:network", **{self.kind: self.entity.slug})


@dataclass
class Edge:
    a: Node
    b: Node
    articles: int
    width: float = 1.0


def build_network(*, centre=None, limit: int = 24) -> tuple[list[Node], list[Edge]]:
    mentions = Mention.objects.all()
    if centre is not None:
        mentions = mentions.filter(article_id__in=Mention.objects.of(centre).values("article_id"))
    totals = Counter(dict(mentions.values_list("entity_id").annotate(n=Count("id"))))
    top = [key for key, _ in totals.most_common(limit)]
    if centre is not None:
        own = centre.pk
        top = [own, *[key for key in top if key != own][: limit - 1]] if own in totals else top
    entities = Entity.objects.in_bulk(top)
    nodes = {key: Node(entities[key], totals[key]) for key in top if key in entities}
    edges = _edges(mentions, nodes)
    _layout(list(nodes.values()))
    return list(nodes.values()), edges


def _edges(mentions, nodes: dict) -> list[Edge]:
    by_article: dict[int, set] = defaultdict(set)
    rows = mentions.values_list("article_id", "entity_id").distinct()
    for article_id, key in rows.iterator(chunk_size=2000):
        if key in nodes:
            by_article[article_id].add(key)
    pairs: Counter = Counter()
    for keys in by_article.values():
        pairs.update(combinations(sorted(keys), 2))
    strongest = max(pairs.values(), default=1)
    return [
        Edge(nodes[a], nodes[b], count, 1 + 5 * count / strongest)
        for (a, b), count in pairs.most_common(120)
    ]


def _layout(nodes: list[Node]) -> None:
    biggest = max((n.mentions for n in nodes), default=1)
    for index, node in enumerate(nodes):
        angle = 2 * math.pi * index / max(1, len(nodes)) - math.pi / 2
        node.x = SIZE / 2 + RADIUS * math.cos(angle)
        node.y = SIZE / 2 + RADIUS * math.sin(angle)
        node.r = 5 + 17 * math.sqrt(node.mentions / biggest)
        right = math.cos(angle) >= 0
        node.label_anchor = "start" if right else "end"
        node.label_x = node.x + (node.r + 4) * (1 if right else -1)
