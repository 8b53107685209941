"""The article page in Chromium with many annotations, measured from outside the page.

Used by annotations_bench.py. Nothing here relies on hooks in the shipped scripts: a script
injected by the bench (a PerformanceObserver for long tasks, a MutationObserver on the article
and the panel) watches what the page does, as a reader's browser would show it.
"""

import gzip
import statistics

# Installed before the page's own scripts. Records long tasks, and after each H key press the
# moment when a new highlight is painted in the article and a new item is in the panel: the
# first frame after both appeared (a rAF, then a message, lands after that frame's paint).
PROBE = """
(() => {
  const bench = (window.__bench = { tasks: [], presses: [] });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      bench.tasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: "longtask", buffered: true });
  const channel = new MessageChannel();
  let press = null;
  channel.port1.onmessage = () => {
    if (press && press.painted === null) press.painted = performance.now();
  };
  const known = () =>
    new Set([...document.querySelectorAll("#annotation-list > li")].map((li) => li.dataset.uuid));
  const check = () => {
    if (!press || press.seen) return;
    for (const li of document.querySelectorAll("#annotation-list > li")) {
      const id = li.dataset.uuid;
      if (press.before.has(id)) continue;
      const selector = `mark.glossa-highlight[data-annotation-ids~="${CSS.escape(id)}"]`;
      if (!document.querySelector(selector)) continue;
      press.seen = true;
      requestAnimationFrame(() => channel.port2.postMessage(0));
      return;
    }
  };
  document.addEventListener(
    "keydown",
    (event) => {
      if (event.key !== "h") return;
      press = { at: event.timeStamp, before: known(), seen: false, painted: null };
      bench.presses.push(press);
    },
    true,
  );
  new MutationObserver(check).observe(document, { subtree: true, childList: true });
})();
"""

LOAD_FIGURES = """() => {
  const article = document.querySelector("article.article");
  return {
    nodes: document.getElementsByTagName("*").length,
    height: document.documentElement.scrollHeight,
    articleHeight: article.getBoundingClientRect().height,
    marks: document.querySelectorAll("mark.glossa-highlight").length,
    items: document.querySelectorAll("#annotation-list > li").length,
    longest: Math.max(0, ...window.__bench.tasks.map((t) => t.duration)),
  };
}"""

PRESS_FIGURES = """(since) => {
  const press = window.__bench.presses.at(-1);
  const tasks = window.__bench.tasks.filter((t) => t.start >= since);
  return {
    ms: press && press.painted !== null ? press.painted - press.at : null,
    longest: Math.max(0, ...tasks.map((t) => t.duration)),
  };
}"""


def wire_sizes(body: bytes) -> tuple[int, int]:
    """Raw and gzip-compressed size (level 6, as Django's GZipMiddleware compresses)."""
    return len(body), len(gzip.compress(body, compresslevel=6, mtime=0))


def measure(browser, base_url: str, session: str, path: str, *, slowdown: int, presses: int):
    """Load the article, then highlight ``presses`` sentences with J and H; return figures."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_cookies([{"name": "sessionid", "value": session, "url": base_url}])
    context.route("**/*", lambda r: r.continue_() if base_url in r.request.url else r.abort())
    context.add_init_script(PROBE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    payload = {}

    def keep(response):
        if "/annotations/compact/" in response.url:
            payload["body"] = response.body()
            payload["transferred"] = response.request.sizes()["responseBodySize"]

    page.on("response", keep)
    page.goto(base_url + path)
    page.wait_for_selector("body[data-annotations-ready='true']", state="attached")
    page.wait_for_timeout(1000)  # the idle work after load (watching marks for the panel)
    load = page.evaluate(LOAD_FIGURES)
    page.focus("#article-body")
    timings, longest = [], 0.0
    for _ in range(presses):
        for _ in range(3):  # a sentence further on, away from the last highlight
            page.keyboard.press("j")
        page.wait_for_timeout(300)  # the toolbar's debounce
        since = page.evaluate("performance.now()")
        with page.expect_response(lambda r: r.request.method == "POST"):
            page.keyboard.press("h")
        page.wait_for_timeout(400)  # the saved record replaces the pending one
        figures = page.evaluate(PRESS_FIGURES, since)
        if figures["ms"] is not None:
            timings.append(figures["ms"])
        longest = max(longest, figures["longest"])
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    context.close()
    return {
        "load": load,
        "payload": payload,
        "press_ms": timings,
        "press_median": statistics.median(timings) if timings else float("nan"),
        "save_longest": longest,
    }


def report(label: str, figures: dict, presses: int) -> None:
    load = figures["load"]
    raw, compressed = wire_sizes(figures["payload"]["body"])
    ratio = load["height"] / load["articleHeight"]
    ok = lambda flag: "ok" if flag else "MISSED"  # noqa: E731
    print(f"{label}:")
    print(
        f"  payload: {raw / 1024:.0f} KB raw, {compressed / 1024:.0f} KB gzip, "
        f"{figures['payload']['transferred'] / 1024:.0f} KB as transferred "
        f"[target <= 300 KB: {ok(raw <= 300 * 1024)}]"
    )
    print(
        f"  load: longest task {load['longest']:.0f} ms, {load['nodes']} DOM elements, "
        f"{load['marks']} marks, {load['items']} panel items"
    )
    print(
        f"  page height {load['height']:.0f} px = {ratio:.2f} x the article "
        f"({load['articleHeight']:.0f} px) [target <= 3: {ok(ratio <= 3)}]"
    )
    runs = ", ".join(f"{ms:.0f}" for ms in figures["press_ms"])
    median = figures["press_median"]
    print(
        f"  H -> painted and listed: median {median:.1f} ms over {len(figures['press_ms'])}"
        f"/{presses} presses ({runs}) [target <= 50 ms: {ok(median <= 50)}]"
    )
    longest = figures["save_longest"]
    print(f"  longest task on save: {longest:.0f} ms [target <= 100 ms: {ok(longest <= 100)}]")
