// Entry point of the article annotator: loads the annotations the reader may see, paints
// them, lists them in the margin and wires the toolbar, the editor and the keyboard.
// Visible text comes from config.strings (translated by Django), never from this file.

import { api } from "./api.js";
import { format, truncate } from "./dom.js";
import { Editor } from "./editor.js";
import { Highlighter } from "./highlighter.js";
import { OffsetMap } from "./offsets.js";
import { Panel } from "./panel.js";
import { SelectionTracker } from "./selection.js";
import { Toolbar } from "./toolbar.js";

const configNode = document.getElementById("annotation-config");
const root = document.getElementById("article-body");
const list = document.getElementById("annotation-list");
if (configNode && root && list) start(JSON.parse(configNode.textContent));

function start(config) {
  const s = config.strings;
  const canWrite = config.user.authenticated;
  // The canonical text the server's offsets count into; painting never changes it.
  const text = root.textContent;
  const offsets = new OffsetMap(text);
  const lang = root.closest("[lang]")?.getAttribute("lang") || "";
  const status = document.getElementById("annotation-status");
  const highlighter = new Highlighter(root);
  let items = []; // top-level annotations, document order
  let replies = new Map(); // parent uuid → replies, oldest first

  const orphanSection = document.getElementById("annotation-orphans");
  const panel = new Panel({
    list,
    orphans: orphanSection && {
      section: orphanSection,
      list: document.getElementById("annotation-orphan-list"),
    },
    strings: s,
    lang,
    authenticated: canWrite,
    handlers: {
      quote: (uuid) => highlighter.reveal(uuid),
      edit,
      remove,
      reply,
      reattach: startReattach,
      confirm,
    },
  });
  // The orphan being re-attached: the reader's next Highlight places it instead.
  let reattaching = null;
  const editor = canWrite
    ? new Editor({ strings: s, colours: config.colours, previewUrl: config.previewUrl, lang })
    : null;
  const toolbar = canWrite
    ? new Toolbar({ strings: s, after: root, onHighlight: highlight, onAnnotate: annotate })
    : null;
  const selection = new SelectionTracker({
    root,
    text,
    toolbar,
    keys: canWrite ? { highlight, annotate } : null,
    isBusy: () => Boolean(editor && editor.isOpen),
  });

  root.addEventListener("click", (event) => {
    const mark = event.target.closest("mark.glossa-highlight");
    if (!mark || event.target.closest("a") || !window.getSelection().isCollapsed) return;
    const ids = mark.dataset.annotationIds.split(" ");
    panel.focusItem(ids[ids.length - 1]); // the innermost, whose colour shows
  });
  window.addEventListener("hashchange", revealHash);
  load();

  async function load() {
    try {
      const collection = await api.list(config.collectionUrl);
      // The container is paged (W3C Annotation Protocol): its first page is embedded, the
      // rest follow by "next". Already in document order: one pass, not a sorted insert.
      for (let page = collection.first; page; ) {
        for (const annotation of page.items) {
          const parent = annotation.glossa.parent;
          if (!parent) items.push(annotation);
          else replies.set(parent, [...(replies.get(parent) || []), annotation]);
        }
        page = page.next ? await api.list(page.next) : null;
      }
    } catch (error) {
      announce(format(s.failed, { reason: error.message }), true);
    }
    refresh();
    document.body.dataset.annotationsReady = "true";
    revealHash();
  }

  function accept(annotation) {
    const g = annotation.glossa;
    if (g.parent) {
      const thread = (replies.get(g.parent) || []).filter((r) => r.glossa.uuid !== g.uuid);
      replies.set(g.parent, [...thread, annotation]);
      return;
    }
    items = items.filter((item) => item.glossa.uuid !== g.uuid);
    items.push(annotation);
    items.sort(byPlace);
  }

  function forget(uuid) {
    items = items.filter((item) => item.glossa.uuid !== uuid);
    replies.delete(uuid);
    for (const [parent, thread] of replies) {
      replies.set(parent, thread.filter((r) => r.glossa.uuid !== uuid));
    }
  }

  function find(uuid) {
    const all = [...items, ...Array.from(replies.values()).flat()];
    return all.find((annotation) => annotation.glossa.uuid === uuid) || null;
  }

  function refresh() {
    // Repainting moves the text nodes a selection points into: keep it by its offsets.
    const selected = selection.read();
    const began = performance.now();
    const painted = items.filter((item) => item.glossa.anchorState !== "orphan");
    highlighter.paint(painted.map(toSpan).filter(Boolean));
    window.glossaPaintMs = performance.now() - began;
    if (selected) selection.restore(selected);
    panel.render(items, (item) => replies.get(item.glossa.uuid) || []);
  }

  function toSpan(annotation) {
    const place = position(annotation);
    if (!place) return null;
    return {
      id: annotation.glossa.uuid,
      colour: annotation.glossa.colour,
      start: offsets.toUtf16(place.start),
      end: offsets.toUtf16(place.end),
    };
  }

  function announce(message, isError = false) {
    if (!status) return;
    status.textContent = message;
    status.classList.toggle("glossa-status-error", isError);
  }

  function failure(error) {
    // 412: the If-Match it sent is stale; 409: a stale version, or the text changed meanwhile.
    if (error.status === 409 || error.status === 412) return s.conflict;
    return format(s.failed, { reason: error.message });
  }

  async function create(span, values) {
    const created = await api.create(config.collectionUrl, {
      start: offsets.toCodePoint(span.start),
      end: offsets.toCodePoint(span.end),
      exact: text.slice(span.start, span.end),
      revision: config.revision,
      ...values,
    });
    accept(created);
    refresh();
    announce(s.saved);
    return created;
  }

  async function highlight() {
    const span = selection.current();
    if (!span) return;
    selection.consume(span);
    if (reattaching) return reattach(reattaching, span);
    try {
      await create(span, { note: "", tags: [], colour: "yellow", visibility: "private" });
    } catch (error) {
      announce(failure(error), true);
    }
  }

  function annotate() {
    const span = selection.current();
    if (!span) return;
    const before = document.activeElement;
    selection.dismiss();
    editor.open({
      title: s.newNote,
      quote: truncate(text.slice(span.start, span.end), 280),
      values: { note: "", tags: [], colour: "yellow", visibility: "private" },
      // The toolbar button that opened it is gone by now: go back to the article.
      returnFocus: () => (toolbar.contains(before) || before === document.body ? root : before),
      onSave: async (values) => {
        await create(span, values).catch(explain);
        selection.consume(span);
      },
    });
  }

  function edit(uuid) {
    const annotation = find(uuid);
    if (!annotation) return;
    const g = annotation.glossa;
    editor.open({
      title: s.editNote,
      quote: truncate(position(annotation)?.exact || "", 280),
      values: { note: g.note, tags: g.tags, colour: g.colour, visibility: g.visibility },
      returnFocus: () => actionButton(uuid, "edit") || root,
      onSave: async (values) => {
        accept(await api.update(annotation.id, g.version, values).catch(explain));
        refresh();
        announce(s.saved);
      },
    });
  }

  async function remove(uuid) {
    const annotation = find(uuid);
    if (!annotation || !window.confirm(s.confirmDelete)) return;
    const parent = annotation.glossa.parent;
    const index = items.indexOf(annotation);
    try {
      await api.remove(annotation.id);
    } catch (error) {
      announce(failure(error), true);
      return;
    }
    forget(uuid);
    refresh();
    announce(s.deleted);
    // Focus stays in the list: on the thread of a deleted reply, or the next item.
    const neighbour = parent ? find(parent) : items[Math.min(index, items.length - 1)];
    const target = neighbour && panel.itemOf(neighbour.glossa.uuid);
    (target || root).focus();
  }

  async function reply(uuid, note, form) {
    const parent = find(uuid);
    const error = form.querySelector(".glossa-error");
    try {
      accept(await api.reply(parent.id, note));
    } catch (failed) {
      error.textContent = failure(failed);
      return;
    }
    form.elements.note.value = "";
    panel.toggleReply(form.closest(".annotation-item"), false);
    refresh();
    announce(s.saved);
    panel.focusAction(uuid, "reply");
  }

  function startReattach(uuid) {
    reattaching = uuid;
    announce(s.reattachHelp);
    root.focus();
  }

  async function reattach(uuid, span) {
    reattaching = null;
    const annotation = find(uuid);
    if (!annotation) return;
    const place = {
      start: offsets.toCodePoint(span.start),
      end: offsets.toCodePoint(span.end),
      exact: text.slice(span.start, span.end),
    };
    try {
      accept(await api.update(annotation.id, annotation.glossa.version, place));
    } catch (error) {
      announce(failure(error), true);
      return;
    }
    refresh();
    announce(s.saved);
  }

  async function confirm(uuid) {
    const annotation = find(uuid);
    if (!annotation) return;
    try {
      accept(await api.update(annotation.id, annotation.glossa.version, { confirm: true }));
    } catch (error) {
      announce(failure(error), true);
      return;
    }
    refresh();
    announce(s.saved);
    panel.focusAction(uuid, "edit");
  }

  function explain(error) {
    error.displayMessage = failure(error);
    throw error;
  }

  function actionButton(uuid, action) {
    return panel.itemOf(uuid)?.querySelector(`button[data-action=${action}]`) || null;
  }

  // "My annotations" links to #annotation-<uuid>: show that passage.
  function revealHash() {
    const match = /^#annotation-([0-9a-f-]{36})$/i.exec(window.location.hash);
    const annotation = match && find(match[1].toLowerCase());
    if (!annotation) return;
    highlighter.reveal(annotation.glossa.parent || annotation.glossa.uuid, { instant: true });
  }
}

function position(annotation) {
  const selectors = annotation.target?.selector || [];
  const place = selectors.find((selector) => selector.type === "TextPositionSelector");
  const quote = selectors.find((selector) => selector.type === "TextQuoteSelector");
  return place ? { start: place.start, end: place.end, exact: quote?.exact || "" } : null;
}

function byPlace(a, b) {
  const pa = position(a) || { start: Infinity, end: Infinity };
  const pb = position(b) || { start: Infinity, end: Infinity };
  return pa.start - pb.start || pa.end - pb.end || a.created.localeCompare(b.created);
}
