// The margin list. Only a window of it is in the DOM: PAGE items at first, more on request,
// and on a wide screen the window follows the passage being read. Filters (whose, colour,
// tag, state) and the order (document or newest first) choose which records the window runs
// over. A change re-renders only the item it touched; the rest of the window stays as it is.
// Orphans (their passage is gone from the text) have their own list, never painted.

import { el, format } from "./dom.js";
import { ItemBuilder } from "./items.js";

export const PAGE = 20;

export class Panel {
  // handlers: {quote(uuid), edit(uuid), remove(uuid), reply(uuid, text, form),
  //            reattach(uuid), confirm(uuid)}
  constructor({ nodes, strings, lang, authenticated, store, handlers }) {
    this.nodes = nodes; // {list, orphans, orphanList, filters, count, earlier, more, scroller}
    this.strings = strings;
    this.store = store;
    this.handlers = handlers;
    this.builder = new ItemBuilder({ strings, lang, entitiesOf: (g) => store.entitiesOf(g) });
    this.view = [];
    this.from = 0;
    this.size = PAGE;
    this.rendered = new Map(); // uuid → li in the window
    this.tags = "";
    this.empty = el("p", { className: "annotation-empty help", hidden: true });
    this.authenticated = authenticated;
    nodes.list.after(this.empty);
    // Changes are announced through the status line; a live list would read itself out.
    nodes.list.removeAttribute("aria-live");
    for (const container of [nodes.list, nodes.orphanList].filter(Boolean)) {
      container.addEventListener("click", (event) => this.onClick(event));
      container.addEventListener("submit", (event) => this.onSubmit(event));
    }
    nodes.earlier.addEventListener("click", () => this.showEarlier());
    nodes.more.addEventListener("click", () => this.showMore());
    nodes.filters.addEventListener("change", () => this.refilter());
    nodes.filters.addEventListener("submit", (event) => event.preventDefault());
    nodes.filters.hidden = false;
    store.subscribe((change) => this.onChange(change));
  }

  // The filters as chosen, and whether a record passes them.
  criteria() {
    const form = this.nodes.filters.elements;
    return {
      who: form.who.value,
      colour: form.colour.value,
      tag: form.tag.value,
      state: form.state.value,
      sort: form.sort.value,
    };
  }

  matches(record, c) {
    if (record.anchorState === "orphan") return false;
    if (c.who === "mine" && !record.isOwner) return false;
    if (c.who === "others" && record.isOwner) return false;
    if (c.colour && record.colour !== c.colour) return false;
    if (c.tag && !record.tags.includes(c.tag)) return false;
    if (c.state === "confirm") return record.needsConfirmation;
    if (c.state && record.anchorState !== c.state) return false;
    return true;
  }

  computeView() {
    const c = this.criteria();
    this.view = this.store.top.filter((record) => this.matches(record, c));
    if (c.sort === "newest") this.view.sort((a, b) => b.created - a.created);
    this.sortedByPlace = c.sort !== "newest";
  }

  render() {
    this.computeView();
    this.renderWindow(null);
    this.renderOrphans();
    this.renderTags();
  }

  refilter() {
    this.from = 0;
    this.size = PAGE;
    this.computeView();
    this.renderWindow(null);
  }

  onChange({ record, previous }) {
    const top = record.parent ? this.store.get(record.parent) : record;
    if (!top) return;
    this.computeView();
    const changed = new Set([top.uuid, previous?.uuid].filter(Boolean));
    // A new annotation of the reader's own comes into the window, where they can see it.
    if (!previous && !record.parent && this.view.includes(record)) this.bringIntoWindow(record);
    this.renderWindow(changed);
    if (record.anchorState === "orphan" || previous?.anchorState === "orphan") this.renderOrphans();
    // Most changes bring no tag the filter lacks and remove none: skip re-reading them all.
    const tags = (r) => (r && !r.parent ? r.tags.join("\n") : "");
    if (tags(record) || tags(previous)) this.renderTags();
  }

  bringIntoWindow(record) {
    const index = this.view.indexOf(record);
    if (index >= this.from && index < this.from + this.size) return;
    this.from = Math.max(0, index - Math.floor(PAGE / 2));
    this.size = PAGE;
  }

  // Makes the window show exactly view[from, from + size): items that left it are removed,
  // new ones built, changed ones rebuilt; those that stay are left alone.
  renderWindow(changed) {
    const list = this.nodes.list;
    this.from = Math.max(0, Math.min(this.from, Math.max(0, this.view.length - 1)));
    const wanted = this.view.slice(this.from, this.from + this.size);
    const keep = new Set(wanted.map((record) => record.uuid));
    const drafts = new Map();
    for (const [uuid, li] of this.rendered) {
      if (keep.has(uuid) && !changed?.has(uuid)) continue;
      const draft = li.querySelector(".annotation-reply-form:not([hidden]) textarea");
      if (draft) drafts.set(uuid, draft.value);
      li.remove();
      this.rendered.delete(uuid);
    }
    let previous = null;
    for (const record of wanted) {
      let li = this.rendered.get(record.uuid);
      if (!li) {
        li = this.builder.item(record, this.store.repliesOf(record.uuid));
        this.rendered.set(record.uuid, li);
        if (drafts.has(record.uuid)) this.restoreDraft(li, drafts.get(record.uuid));
      }
      const expected = previous ? previous.nextSibling : list.firstChild;
      if (li !== expected) list.insertBefore(li, expected);
      previous = li;
    }
    this.renderCount();
  }

  restoreDraft(li, text) {
    const form = li.querySelector(".annotation-reply-form");
    if (!form) return;
    this.toggleReply(li, true);
    form.elements.note.value = text;
  }

  renderCount() {
    const s = this.strings;
    const total = this.view.length;
    const last = Math.min(this.from + this.size, total);
    const { count, earlier, more } = this.nodes;
    count.textContent = total
      ? format(s.showing, { first: this.from + 1, last, total })
      : "";
    earlier.hidden = this.from === 0;
    more.hidden = last >= total;
    const placed = this.store.top.some((record) => record.anchorState !== "orphan");
    this.empty.textContent = placed ? s.noMatch : s.none;
    // An anonymous reader is told how to start by the login prompt instead.
    this.empty.hidden = total > 0 || (!placed && !this.authenticated);
  }

  renderOrphans() {
    const { orphans, orphanList } = this.nodes;
    if (!orphans) return;
    const lost = this.store.top.filter((record) => record.anchorState === "orphan");
    orphanList.replaceChildren(
      ...lost.map((record) => this.builder.item(record, this.store.repliesOf(record.uuid))),
    );
    orphans.hidden = lost.length === 0;
  }

  // The tag filter offers the tags in use, re-built only when that set changes.
  renderTags() {
    const tags = [...new Set(this.store.top.flatMap((record) => record.tags))].sort();
    const key = tags.join("\n");
    if (key === this.tags) return;
    this.tags = key;
    const select = this.nodes.filters.elements.tag;
    const chosen = select.value;
    const any = select.options[0];
    select.replaceChildren(any, ...tags.map((tag) => el("option", { value: tag, text: tag })));
    select.value = tags.includes(chosen) ? chosen : "";
    select.closest(".annotation-filter").hidden = tags.length === 0;
  }

  showMore() {
    this.size += PAGE;
    this.renderWindow(null);
    // The first of the new items gets focus: the button the reader pressed may have gone.
    const next = this.view[Math.min(this.from + this.size - PAGE, this.view.length - 1)];
    if (next) this.itemOf(next.uuid)?.focus();
  }

  showEarlier() {
    const was = this.view[this.from];
    const from = Math.max(0, this.from - PAGE);
    this.size += this.from - from;
    this.from = from;
    this.renderWindow(null);
    if (was) this.itemOf(was.uuid)?.previousElementSibling?.focus();
  }

  // On a wide screen: the window moves to the passage being read (document order only).
  follow(uuid) {
    const record = this.store.get(uuid);
    if (!this.sortedByPlace || !record) return;
    const index = this.view.indexOf(record);
    if (index < 0) return;
    if (index < this.from || index >= this.from + this.size) {
      this.from = Math.max(0, index - 1);
      this.size = PAGE;
      this.renderWindow(null);
    }
    const li = this.itemOf(uuid);
    const scroller = this.nodes.scroller;
    if (li && scroller.scrollHeight > scroller.clientHeight) {
      scroller.scrollTop = li.offsetTop - this.nodes.list.offsetTop;
    }
  }

  // The item of an annotation, brought into the window if the filters let it in.
  reveal(uuid) {
    const record = this.store.get(uuid);
    if (!record) return null;
    if (!this.itemOf(uuid) && this.view.includes(record)) {
      this.bringIntoWindow(record);
      this.renderWindow(null);
    }
    return this.itemOf(uuid);
  }

  onClick(event) {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const uuid = button.closest("li[data-uuid]").dataset.uuid;
    const action = button.dataset.action;
    if (action === "reply") {
      const item = button.closest(".annotation-item");
      const open = button.getAttribute("aria-expanded") !== "true";
      this.toggleReply(item, open);
      if (open) item.querySelector(".annotation-reply-form textarea").focus();
    } else if (action === "quote") this.handlers.quote(uuid);
    else if (action === "edit") this.handlers.edit(uuid);
    else if (action === "delete") this.handlers.remove(uuid);
    else if (action === "reattach") this.handlers.reattach(uuid);
    else if (action === "confirm") this.handlers.confirm(uuid);
  }

  onSubmit(event) {
    const form = event.target.closest(".annotation-reply-form");
    if (!form) return;
    event.preventDefault();
    const text = form.elements.note.value;
    if (!text.trim()) return;
    this.handlers.reply(form.closest(".annotation-item").dataset.uuid, text, form);
  }

  toggleReply(item, open) {
    const form = item.querySelector(".annotation-reply-form");
    const button = item.querySelector("button[data-action=reply]");
    if (!form || !button) return;
    form.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
  }

  itemOf(uuid) {
    return document.getElementById(`annotation-${uuid}`);
  }

  // Brings an item into view and gives it focus, as when its highlight is chosen.
  focusItem(uuid) {
    const item = this.reveal(uuid);
    if (!item) return false;
    item.scrollIntoView({ block: "nearest" });
    item.focus({ preventScroll: true });
    item.classList.remove("glossa-flash");
    void item.offsetWidth; // restarts the flash animation
    item.classList.add("glossa-flash");
    setTimeout(() => item.classList.remove("glossa-flash"), 1500);
    return true;
  }

  // After a re-render, focus goes back to the same button of the same item, or the item.
  focusAction(uuid, action) {
    const item = this.reveal(uuid);
    if (!item) return false;
    const button = item.querySelector(`:scope > .annotation-actions button[data-action=${action}]`);
    (button || item).focus();
    return true;
  }
}
