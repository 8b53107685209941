import re
from pathlib import Path

import pytest
from django.core.cache import cache

from annotations.notes import render_note
from tests.factories import make_annotation, make_article, make_user
from tests.material import xss_payloads
from tests.queries import page_queries
from tests.test_rendering import harmful

pytestmark = pytest.mark.django_db


def my_list(html: str) -> str:
    start = html.index('<ol class="my-annotations">')
    return html[start : html.index("</ol>", start)]


def test_every_xss_payload_in_a_note_renders_harmless():
    assert [p for p in xss_payloads() if harmful(render_note(p))] == []


def test_notes_drop_images_that_would_track_readers():
    assert "<img" not in render_note("![x](https://tracker.example/pixel.png)")


def test_links_in_notes_are_marked_as_written_by_a_reader():
    html = render_note("[x](https://example.com/)")
    assert 'rel="noopener noreferrer nofollow ugc"' in html


def test_hostile_notes_and_tags_are_harmless_on_my_annotations(client):
    owner = make_user()
    article = make_article()
    payloads = [p for p in xss_payloads() if "<" in p][:200]
    for payload in payloads:
        tags = [payload[:64]] if payload.strip() else []
        make_annotation(owner=owner, article=article, note=payload, tags=tags)
    client.force_login(owner)
    pages = [client.get("/annotations/mine/", {"page": n}).content.decode() for n in range(1, 8)]
    assert [problem for page in pages for problem in harmful(my_list(page))] == []


def test_my_annotations_needs_login(client):
    response = client.get("/annotations/mine/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_my_annotations_lists_only_mine_newest_first(client):
    owner = make_user()
    first = make_annotation(owner=owner, note="first")
    second = make_annotation(owner=owner, note="second")
    make_annotation(note="someone else's", visibility="public")
    client.force_login(owner)
    listed = list(client.get("/annotations/mine/").context["page"].object_list)
    assert listed == [second, first]


def test_my_annotations_filters_by_tag(client):
    owner = make_user()
    tagged = make_annotation(owner=owner, tags=["安全", "AI"])
    make_annotation(owner=owner, tags=["安全感"])
    client.force_login(owner)
    listed = list(client.get("/annotations/mine/", {"tag": "安全"}).context["page"].object_list)
    assert listed == [tagged]


def test_my_annotations_filters_by_colour(client):
    owner = make_user()
    green = make_annotation(owner=owner, colour="green")
    make_annotation(owner=owner, colour="yellow")
    client.force_login(owner)
    listed = list(client.get("/annotations/mine/", {"colour": "green"}).context["page"].object_list)
    assert listed == [green]


def test_my_annotations_filters_by_article(client):
    owner = make_user()
    wanted = make_annotation(owner=owner)
    make_annotation(owner=owner)
    client.force_login(owner)
    response = client.get("/annotations/mine/", {"article": wanted.article.slug})
    assert list(response.context["page"].object_list) == [wanted]


def test_my_annotations_links_to_the_passage(client):
    owner = make_user()
    annotation = make_annotation(owner=owner)
    client.force_login(owner)
    page = client.get("/annotations/mine/").content.decode()
    assert f'href="{annotation.article.get_absolute_url()}#annotation-{annotation.uuid}"' in page


def test_my_annotations_query_count_is_constant(client):
    owner = make_user()
    make_annotation(owner=owner)
    client.force_login(owner)
    one = page_queries(client, "/annotations/mine/")
    for _ in range(3):
        make_annotation(owner=owner)
    assert page_queries(client, "/annotations/mine/") == one


def test_article_page_query_count_ignores_annotations(client):
    article = make_article()
    reader = make_user()
    make_annotation(owner=reader, article=article, visibility="public")
    client.force_login(reader)
    one = page_queries(client, article.get_absolute_url())
    for _ in range(3):
        make_annotation(article=article, visibility="public")
    cache.clear()  # what the page caches does not depend on annotations: measure it built again
    assert page_queries(client, article.get_absolute_url()) == one


# The palette as the stylesheets define it: annotator.css claims that body text, muted text
# and links keep 4.5:1 (WCAG AA) on every highlight, on the light and on the dark page.
DARK = "@media (prefers-color-scheme: dark)"
TEXT_COLOURS = ("--fg", "--muted", "--link", "--link-visited")


def css_variables(path, *, dark: bool) -> dict[str, str]:
    css = path.read_text()
    css = css[css.index(DARK) :] if dark else css[: css.index(DARK)]
    root = re.search(r":root\s*\{(.*?)\}", css, re.S)[1]
    return dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", root))


def rgba(value: str) -> tuple[tuple[float, float, float], float]:
    if value.startswith("#") and len(value) == 7:
        return tuple(int(value[i : i + 2], 16) for i in (1, 3, 5)), 1.0
    numbers = re.fullmatch(r"rgb\((\d+) (\d+) (\d+)(?: / ([\d.]+))?\)", value)
    assert numbers, f"the test cannot read the colour {value!r}"
    return tuple(int(n) for n in numbers.groups()[:3]), float(numbers[4] or 1)


def luminance(rgb) -> float:
    def linear(channel):
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(channel) for channel in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one, other) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def highlight_contrasts(*, dark: bool) -> dict[tuple[str, str], float]:
    from django.conf import settings

    from annotations.models import Colour

    base = Path(settings.BASE_DIR)
    page = css_variables(base / "static/css/glossa.css", dark=dark)
    palette = css_variables(base / "annotations/static/annotations/annotator.css", dark=dark)
    background, _ = rgba(page["--bg"].strip())
    ratios = {}
    for colour in Colour.values:
        fill, alpha = rgba(palette[f"--glossa-{colour}"].strip())
        # A translucent fill is seen mixed with the page under it.
        seen = tuple(alpha * f + (1 - alpha) * b for f, b in zip(fill, background, strict=True))
        for name in TEXT_COLOURS:
            ratios[colour, name] = contrast(seen, rgba(page[name].strip())[0])
    return ratios


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_text_on_every_highlight_passes_wcag_aa(dark):
    ratios = highlight_contrasts(dark=dark)
    assert len(ratios) == 5 * len(TEXT_COLOURS)
    assert {pair: round(ratio, 2) for pair, ratio in ratios.items() if ratio < 4.5} == {}
