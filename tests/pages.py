"""One site with a page of every type, for the checks that go through them all in a browser
(phone layout, accessibility): the seed with the registry's names, annotations and a reply,
an article with two revisions, and a reader who is logged in."""

import subprocess
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from annotations.services import reply_create
from archive.importer import import_paths
from archive.models import Article, Entity
from archive.registry import read_registry, registry_import
from tests.conftest import FIXTURES, SEEDS
from tests.factories import article_bytes, make_annotation, make_user

AXE = Path(settings.BASE_DIR) / "var" / "npm" / "node_modules" / "axe-core" / "axe.min.js"


def build_site(folder: Path):
    """Returns the reader and {page type: path}."""
    registry_import(data=read_registry(FIXTURES / "registry.yaml"))
    import_paths([str(SEEDS)])
    seed = Article.objects.get()
    revised = folder / "revised.md"
    revised.write_bytes(article_bytes(title="Revised", body="旧的文字。"))
    import_paths([str(folder)])
    revised.write_bytes(article_bytes(title="Revised", body="新的文字。"))
    import_paths([str(folder)])
    changed = Article.objects.get(title="Revised")
    reader = make_user("reader")
    other = make_user("other")
    text = seed.text
    for n, (owner, visibility) in enumerate([(reader, "private"), (other, "public")] * 3):
        start = text.index("OpenAI", 200 * n)
        make_annotation(
            owner=owner,
            article=seed,
            start=start,
            end=start + 6,
            visibility=visibility,
            note=f"Note {n}" if n % 2 else "",
            tags=["tag"] if n == 1 else [],
        )
    public = seed.annotations.filter(visibility="public").first()
    reply_create(reader=reader, parent=public, data={"note": "A reply"})
    pages = {
        "home": reverse("archive:home"),
        "article": seed.get_absolute_url(),
        "changes": reverse("archive:article_changes", kwargs={"slug": changed.slug}),
        "people": reverse("archive:person_list"),
        "person": Entity.objects.people().filter(credits__isnull=False).first().get_absolute_url(),
        "organisations": reverse("archive:organisation_list"),
        "organisation": Entity.objects.organisations()
        .filter(credits__isnull=False)
        .first()
        .get_absolute_url(),
        "network": reverse("archive:network"),
        "search": reverse("search:results") + "?q=OpenAI",
        "mine": reverse("annotations:mine"),
        "password": reverse("password_change"),
        "not found": "/no-such-page/",
    }
    return reader, pages


def axe_source() -> str:
    """axe-core from npm, installed into var/npm once; offline once it is there."""
    if not AXE.exists():
        subprocess.run(
            ["npm", "install", "--prefix", str(AXE.parents[2]), "--no-audit", "--no-fund"]
            + ["--no-save", "axe-core@4"],
            check=True,
            capture_output=True,
        )
    return AXE.read_text()
