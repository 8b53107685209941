// The margin list: one item per top-level annotation in document order, its replies inside.
// Everything a reader typed goes in as textContent; only noteHtml, sanitised by the server,
// is inserted as HTML.

import { el, format, truncate } from "./dom.js";

const QUOTE_LIMIT = 140;

export class Panel {
  // handlers: {quote(uuid), edit(uuid), remove(uuid), reply(uuid, text, form),
  //            reattach(uuid), confirm(uuid)}
  // Orphans (their passage is gone from the text) go to their own list, never painted.
  constructor({ list, orphans, strings, lang, authenticated, handlers }) {
    this.list = list;
    this.orphans = orphans;
    this.strings = strings;
    this.lang = lang;
    this.handlers = handlers;
    this.empty = el("p", { className: "annotation-empty help", text: strings.none, hidden: true });
    // An anonymous reader is told how to start by the login prompt instead.
    if (authenticated) list.after(this.empty);
    // The list is re-rendered whole after each change; a live region would read all of it out
    // every time. Changes are announced through the status line instead.
    list.removeAttribute("aria-live");
    for (const container of [list, orphans?.list].filter(Boolean)) {
      container.addEventListener("click", (event) => this.onClick(event));
      container.addEventListener("submit", (event) => this.onSubmit(event));
    }
  }

  render(items, repliesOf) {
    const drafts = this.openDrafts();
    const orphaned = (item) => item.glossa.anchorState === "orphan";
    const placed = items.filter((item) => !orphaned(item));
    this.list.replaceChildren(...placed.map((item) => this.item(item, repliesOf(item))));
    this.empty.hidden = placed.length > 0;
    if (this.orphans) {
      const lost = items.filter(orphaned);
      this.orphans.list.replaceChildren(...lost.map((item) => this.item(item, repliesOf(item))));
      this.orphans.section.hidden = lost.length === 0;
    }
    // A reply half-written in another item survives the re-render.
    for (const [uuid, text] of drafts) {
      const form = this.itemOf(uuid)?.querySelector(".annotation-reply-form");
      if (form) {
        this.toggleReply(form.closest("li"), true);
        form.elements.note.value = text;
      }
    }
  }

  item(annotation, replies) {
    const g = annotation.glossa;
    const id = `annotation-${g.uuid}`;
    const quoteId = `${id}-quote`;
    const selector = (annotation.target.selector || []).find((s) => s.type === "TextQuoteSelector");
    const orphan = g.anchorState === "orphan";
    const item = el("li", {
      id,
      className: `annotation-item glossa-swatch-${g.colour}${orphan ? " annotation-orphan" : ""}`,
      tabindex: "-1",
      "aria-labelledby": quoteId,
      dataset: { uuid: g.uuid },
    });
    item.append(
      el("button", {
        type: "button",
        id: quoteId,
        className: "annotation-quote",
        lang: this.lang,
        dataset: { action: "quote" },
        text: truncate(selector ? selector.exact : "", QUOTE_LIMIT),
      }),
    );
    if (g.noteHtml) item.append(el("div", { className: "annotation-note", html: g.noteHtml }));
    if (g.tags.length) {
      item.append(
        el(
          "ul",
          { className: "annotation-tags", "aria-label": this.strings.tags },
          g.tags.map((tag) => el("li", { text: tag })),
        ),
      );
    }
    item.append(this.meta(annotation, true), this.actions(annotation, quoteId));
    if (replies.length) {
      item.append(
        el(
          "ol",
          { className: "annotation-replies", "aria-label": this.strings.reply },
          replies.map((reply) => this.reply(reply)),
        ),
      );
    }
    if (g.canReply) item.append(this.replyForm(g.uuid, quoteId));
    return item;
  }

  meta(annotation, withBadge) {
    const g = annotation.glossa;
    const name = annotation.creator ? annotation.creator.name : g.owner;
    const author = g.isOwner ? this.strings.you : format(this.strings.by, { name });
    const meta = el("p", { className: "annotation-meta" }, [
      el("span", { className: "annotation-author", text: author }),
    ]);
    if (withBadge && g.needsConfirmation) {
      meta.append(" ", el("span", { className: "badge badge-approximate", text: this.strings.approximate }));
    }
    if (withBadge) {
      const isPublic = g.visibility === "public";
      meta.append(
        " ",
        el("span", {
          className: `badge ${isPublic ? "badge-public" : "badge-private"}`,
          text: isPublic ? this.strings.publicBadge : this.strings.private,
        }),
      );
    }
    return meta;
  }

  actions(annotation, quoteId) {
    const g = annotation.glossa;
    const button = (action, label, extra = {}) =>
      el("button", {
        type: "button",
        className: `annotation-${action}-button`,
        dataset: { action },
        // Many items have an "Edit" button: the quote says which passage this one edits.
        "aria-describedby": quoteId,
        text: label,
        ...extra,
      });
    const buttons = [];
    if (g.canEdit && g.anchorState === "orphan") {
      buttons.push(button("reattach", this.strings.reattach));
    }
    if (g.canEdit && g.needsConfirmation) buttons.push(button("confirm", this.strings.confirm));
    if (g.canEdit) buttons.push(button("edit", this.strings.edit));
    if (g.canDelete) buttons.push(button("delete", this.strings.delete));
    if (g.canReply) {
      buttons.push(
        button("reply", this.strings.reply, {
          "aria-expanded": "false",
          "aria-controls": `annotation-${g.uuid}-reply`,
        }),
      );
    }
    return buttons.length ? el("div", { className: "annotation-actions" }, buttons) : "";
  }

  reply(reply) {
    const g = reply.glossa;
    const authorId = `annotation-${g.uuid}-author`;
    const meta = this.meta(reply, false);
    meta.querySelector(".annotation-author").id = authorId;
    const item = el(
      "li",
      {
        className: "annotation-reply",
        id: `annotation-${g.uuid}`,
        "aria-labelledby": authorId,
        dataset: { uuid: g.uuid },
      },
      [meta, el("div", { className: "annotation-note", html: g.noteHtml })],
    );
    if (g.canDelete) {
      item.append(
        el("button", {
          type: "button",
          className: "annotation-delete-button",
          dataset: { action: "delete" },
          "aria-describedby": authorId,
          text: this.strings.delete,
        }),
      );
    }
    return item;
  }

  replyForm(uuid, quoteId) {
    const fieldId = `annotation-${uuid}-reply-text`;
    const id = `annotation-${uuid}-reply`;
    return el("form", { className: "annotation-reply-form", id, hidden: true }, [
      el("label", { className: "visually-hidden", for: fieldId, text: this.strings.reply }),
      el("textarea", {
        id: fieldId,
        name: "note",
        rows: "3",
        required: true,
        placeholder: this.strings.replyPlaceholder,
        "aria-describedby": quoteId,
      }),
      el("button", { type: "submit", text: this.strings.sendReply }),
      el("p", { className: "glossa-error", role: "alert" }),
    ]);
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
    else if (action === "edit") this.handlers.edit(uuid, button);
    else if (action === "delete") this.handlers.remove(uuid, button);
    else if (action === "reattach") this.handlers.reattach(uuid, button);
    else if (action === "confirm") this.handlers.confirm(uuid, button);
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

  openDrafts() {
    const drafts = new Map();
    const forms = [this.list, this.orphans?.list].filter(Boolean).flatMap((container) => [
      ...container.querySelectorAll(".annotation-reply-form:not([hidden])"),
    ]);
    for (const form of forms) {
      drafts.set(form.closest(".annotation-item").dataset.uuid, form.elements.note.value);
    }
    return drafts;
  }

  itemOf(uuid) {
    return document.getElementById(`annotation-${uuid}`);
  }

  // Brings an item into view and gives it focus, as when its highlight is clicked.
  focusItem(uuid) {
    const item = this.itemOf(uuid);
    if (!item) return;
    item.scrollIntoView({ block: "nearest" });
    item.focus({ preventScroll: true });
    item.classList.remove("glossa-flash");
    void item.offsetWidth; // restarts the flash animation
    item.classList.add("glossa-flash");
    setTimeout(() => item.classList.remove("glossa-flash"), 1500);
  }

  // After a re-render, focus goes back to the same button of the same item, or the item.
  focusAction(uuid, action) {
    const item = this.itemOf(uuid);
    if (!item) return false;
    const button = item.querySelector(`:scope > .annotation-actions button[data-action=${action}]`);
    (button || item).focus();
    return true;
  }
}
