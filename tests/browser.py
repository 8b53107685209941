"""Shared set-up for tests that drive a real Chromium through Playwright."""

import os
import shutil
from urllib.parse import urlsplit

from django.test import Client

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("GLOSSA_CHROMIUM") or shutil.which("chromium")
    if not path:
        raise RuntimeError(
            "Chromium not found: install Debian's 'chromium' (scripts/ensure-chromium does)"
        )
    return path


def keep_offline(context, live_server_url: str) -> list[str]:
    """Refuse every request that leaves the test server, as if the reader were offline.

    Returns the list that collects the refused URLs.
    """
    refused: list[str] = []
    local = urlsplit(live_server_url).netloc

    def handle(route):
        url = route.request.url
        if urlsplit(url).netloc == local:
            route.continue_()
        else:
            refused.append(url)
            route.abort("internetdisconnected")

    context.route("**/*", handle)
    return refused


CREATE = "**/api/articles/*/annotations/"  # the collection a new annotation is posted to

# Selects the n-th occurrence of a string in the article body, as a reader's drag would, and
# sends the mouseup that ends a drag.
SELECT = """([needle, occurrence]) => {
  const body = document.getElementById("article-body");
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = body.textContent.indexOf(needle, start + 1);
  if (start < 0) throw new Error("not in the article: " + needle);
  const end = start + needle.length;
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.data.length;
    if (start >= seen && start < seen + length) range.setStart(node, start - seen);
    if (end > seen && end <= seen + length) { range.setEnd(node, end - seen); break; }
    seen += length;
  }
  range.startContainer.parentElement.scrollIntoView({block: "center"});
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  body.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
  return selection.toString();
}"""

MARKED = """id => [...document.querySelectorAll("mark.glossa-highlight")]
  .filter(mark => mark.dataset.annotationIds.split(" ").includes(id))
  .map(mark => mark.textContent).join("")"""

BODY_TEXT = "document.getElementById('article-body').textContent"


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    page.context.add_cookies([{**cookie, "url": live_server.url}])


def open_article(page, live_server, article, fragment=""):
    page.goto(live_server.url + article.get_absolute_url() + fragment)
    page.wait_for_selector("body[data-annotations-ready='true']", state="attached")


def select(page, needle, occurrence=0):
    return page.evaluate(SELECT, [needle, occurrence])


def marked(page, annotation):
    return page.evaluate(MARKED, str(annotation.uuid))


def item(page, annotation):
    return page.locator(f"#annotation-{annotation.uuid}")


def press_tab_until(page, selector, limit=80):
    """Tab through the page, as a keyboard user would, until ``selector`` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")
