// Entry point of the article annotator: loads the annotations the reader may see into the
// store, and wires the views (highlights, margin list) and the controls (toolbar, editor,
// keyboard) to it. Visible text comes from config.strings (translated by Django).

import { OffsetMap } from "../js/text/offsets.js";
import { Actions } from "./actions.js";
import { api } from "./api.js";
import { format, truncate } from "./dom.js";
import { Editor } from "./editor.js";
import { Follower } from "./follow.js";
import { Highlighter } from "./highlighter.js";
import { Panel } from "./panel.js";
import { bindKeys } from "./reach.js";
import { SelectionTracker } from "./selection.js";
import { Store } from "./store.js";
import { Toolbar } from "./toolbar.js";

const configNode = document.getElementById("annotation-config");
const root = document.getElementById("article-body");
const list = document.getElementById("annotation-list");
const byId = (id) => document.getElementById(id);
const NEW = { note: "", tags: [], colour: "yellow", visibility: "private", entities: [] };
if (configNode && root && list) start(JSON.parse(configNode.textContent));

function start(config) {
  const s = config.strings;
  const canWrite = config.user.authenticated;
  // The canonical text the server's offsets count into; painting never changes it.
  const text = root.textContent;
  const offsets = new OffsetMap(text);
  const lang = root.closest("[lang]")?.getAttribute("lang") || "";
  const actions = new Actions({ status: byId("annotation-status"), strings: s });
  const store = new Store();
  const highlighter = new Highlighter(root);
  const panelNode = byId("annotation-panel");
  const panel = new Panel({
    nodes: {
      list,
      orphans: byId("annotation-orphans"),
      orphanList: byId("annotation-orphan-list"),
      filters: byId("annotation-filters"),
      count: byId("annotation-count"),
      earlier: byId("annotation-earlier"),
      more: byId("annotation-more"),
      scroller: panelNode,
    },
    strings: s,
    lang,
    authenticated: canWrite,
    store,
    handlers: { quote: toPassage, edit, remove, reply, reattach: startReattach, confirm },
  });
  let reattaching = null; // the orphan the reader's next Highlight places instead
  let pendingCount = 0;
  const editor = canWrite
    ? new Editor({ strings: s, colours: config.colours, previewUrl: config.previewUrl, lang })
    : null;
  const toolbar = canWrite
    ? new Toolbar({ strings: s, after: root, onHighlight: highlight, onAnnotate: annotate })
    : null;
  const isBusy = () => Boolean(editor && editor.isOpen);
  const selection = new SelectionTracker({
    root,
    text,
    toolbar,
    keys: canWrite ? { highlight, annotate } : null,
    isBusy,
  });
  const follower = new Follower({ root, highlighter, panel, panelNode, isBusy });
  store.subscribe(paint);
  bindKeys({ root, panelNode, toolbar, highlighter, panel, toPassage });

  root.addEventListener("click", (event) => {
    const mark = event.target.closest("mark.glossa-highlight");
    if (!mark || event.target.closest("a") || !window.getSelection().isCollapsed) return;
    const ids = highlighter.at(mark);
    panel.focusItem(ids[ids.length - 1]); // the innermost, whose colour shows
  });
  window.addEventListener("hashchange", revealHash);
  load();

  async function load() {
    await actions.act(() => api.list(config.compactUrl), {
      then: (payload) => store.load(payload),
    });
    if (editor) editor.offerEntities([...store.entities.values()]);
    highlighter.paint(store.top.filter(isPainted).map(toSpan));
    panel.render();
    follower.watch();
    document.body.dataset.annotationsReady = "true";
    revealHash();
  }

  // The store changed one record: repaint its highlight only.
  function paint({ type, record, previous }) {
    if (record.parent) return;
    // Reading the selection makes the browser lay the page out first: only when there is one.
    const selected = selection.pending ? selection.read() : null;
    const span = isPainted(record) && type === "put" ? toSpan(record) : null;
    const old = previous && highlighter.spans.get(previous.uuid);
    if (old && span && old.start === span.start && old.end === span.end) {
      highlighter.rename(old.id, span);
    } else {
      if (previous) highlighter.remove(previous.uuid);
      if (type === "remove") highlighter.remove(record.uuid);
      if (span) highlighter.add(span);
    }
    // Painting moves the text nodes a selection points into: keep it by its offsets.
    if (selected) selection.restore(selected);
    if (span) follower.watchMarks(highlighter.marksOf(span.id));
  }

  function isPainted(record) {
    return record.anchorState !== "orphan" && record.start !== null && record.end !== null;
  }

  function toSpan(record) {
    return {
      id: record.uuid,
      colour: record.colour,
      start: offsets.toUtf16(record.start),
      end: offsets.toUtf16(record.end),
    };
  }

  // The opening words of a passage, for announcements.
  function opening(record) {
    return truncate(record.exact || store.get(record.parent)?.exact || "", 24);
  }

  function place(span) {
    return {
      start: offsets.toCodePoint(span.start),
      end: offsets.toCodePoint(span.end),
      exact: text.slice(span.start, span.end),
    };
  }

  // A highlight shows at once, as pending, and is replaced by the saved one (or taken away
  // again if saving fails).
  async function highlight() {
    const span = selection.current();
    if (!span) return;
    selection.consume(span);
    if (reattaching) return reattach(reattaching, span);
    const draft = pendingRecord(place(span));
    store.put(draft);
    const saved = await actions.act(() => create(draft), {
      then: (created) => {
        const record = store.fromW3C(created);
        store.put(record, { replacing: draft.uuid });
        return format(s.highlighted, { quote: opening(record) });
      },
    });
    if (!saved) store.remove(draft.uuid);
  }

  function pendingRecord(where) {
    const user = config.user;
    return {
      ...NEW,
      ...where,
      uuid: `pending-${++pendingCount}`,
      parent: null,
      owner: user.username,
      ownerName: user.username,
      version: 0,
      created: Date.now(),
      noteHtml: "",
      anchorState: "anchored",
      isOwner: true,
      pending: true,
    };
  }

  function create(values) {
    return api.create(store.links.collection, {
      start: values.start,
      end: values.end,
      exact: values.exact,
      revision: config.revision,
      note: values.note,
      tags: values.tags,
      colour: values.colour,
      visibility: values.visibility,
      entities: values.entities,
    });
  }

  function annotate() {
    const span = selection.current();
    if (!span) return;
    const before = document.activeElement;
    selection.dismiss();
    const where = place(span);
    editor.open({
      title: s.newNote,
      quote: truncate(where.exact, 280),
      values: NEW,
      // The toolbar button that opened it is gone by now: go back to the article.
      returnFocus: () => (toolbar.contains(before) || before === document.body ? root : before),
      onSave: async (values) => {
        await actions.act(() => create({ ...where, ...values }), {
          then: (created) => saved(store.fromW3C(created)),
          rethrow: true,
        });
        selection.consume(span);
      },
    });
  }

  function saved(record) {
    store.put(record);
    return format(s.saved, { quote: opening(record) });
  }

  function edit(uuid) {
    const record = store.get(uuid);
    if (!record) return;
    editor.open({
      title: s.editNote,
      quote: truncate(record.exact, 280),
      values: record,
      returnFocus: () => actionButton(uuid, "edit") || root,
      onSave: (values) =>
        actions.act(() => api.update(record.url, record.version, values), {
          then: (updated) => saved(store.fromW3C(updated)),
          rethrow: true,
        }),
    });
  }

  async function remove(uuid) {
    const record = store.get(uuid);
    if (!record || !window.confirm(s.confirmDelete)) return;
    const index = store.top.indexOf(record);
    const done = await actions.act(() => api.remove(record.url), {
      then: () => {
        store.remove(uuid);
        return format(s.deleted, { quote: opening(record) });
      },
    });
    if (!done) return;
    // Focus stays in the list: on the thread of a deleted reply, or the next item.
    const top = store.top;
    const neighbour = record.parent ? store.get(record.parent) : top[Math.min(index, top.length - 1)];
    const target = neighbour && panel.reveal(neighbour.uuid);
    (target || root).focus();
  }

  async function reply(uuid, note, form) {
    const parent = store.get(uuid);
    const error = form.querySelector(".glossa-error");
    const done = await actions.act(() => api.reply(parent.repliesUrl, note), {
      then: (created) => {
        form.elements.note.value = "";
        panel.toggleReply(form.closest(".annotation-item"), false);
        store.put(store.fromW3C(created));
        return format(s.replied, { quote: opening(parent) });
      },
      onError: (message) => (error.textContent = message),
    });
    if (done) panel.focusAction(uuid, "reply");
  }

  function startReattach(uuid) {
    reattaching = uuid;
    actions.announce(s.reattachHelp);
    root.focus();
  }

  function reattach(uuid, span) {
    reattaching = null;
    const record = store.get(uuid);
    if (!record) return;
    return actions.act(() => api.update(record.url, record.version, place(span)), {
      then: (updated) => saved(store.fromW3C(updated)),
    });
  }

  async function confirm(uuid) {
    const record = store.get(uuid);
    if (!record) return;
    const done = await actions.act(
      () => api.update(record.url, record.version, { confirm: true }),
      { then: (updated) => saved(store.fromW3C(updated)) },
    );
    if (done) panel.focusAction(uuid, "edit");
  }

  // From a note to its passage: scrolled to, flashed, and focused (Enter there comes back).
  function toPassage(uuid) {
    highlighter.reveal(uuid, { focus: true });
  }

  function actionButton(uuid, action) {
    return panel.itemOf(uuid)?.querySelector(`button[data-action=${action}]`) || null;
  }

  // "My annotations" links to #annotation-<uuid>: show that passage.
  function revealHash() {
    const match = /^#annotation-([0-9a-f-]{36})$/i.exec(window.location.hash);
    const record = match && store.get(match[1].toLowerCase());
    if (!record) return;
    highlighter.reveal(record.parent || record.uuid, { instant: true });
  }
}
