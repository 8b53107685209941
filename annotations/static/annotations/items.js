// One panel item: a top-level annotation with its replies and the buttons the reader may use.
// Everything a reader typed goes in as textContent; only noteHtml, sanitised by the server,
// is inserted as HTML.

import { el, format, truncate } from "./dom.js";

const QUOTE_LIMIT = 140;

export class ItemBuilder {
  constructor({ strings, lang, entitiesOf }) {
    this.strings = strings;
    this.lang = lang;
    this.entitiesOf = entitiesOf;
  }

  item(g, replies) {
    const id = `annotation-${g.uuid}`;
    const quoteId = `${id}-quote`;
    const orphan = g.anchorState === "orphan";
    const item = el("li", {
      id,
      className: `annotation-item glossa-swatch-${g.colour}${orphan ? " annotation-orphan" : ""}${
        g.pending ? " annotation-pending" : ""
      }`,
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
        text: truncate(g.exact, QUOTE_LIMIT),
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
    const about = this.entitiesOf(g);
    if (about.length) {
      item.append(
        el("p", { className: "annotation-about" }, [
          el("span", { className: "annotation-about-label", text: this.strings.about }),
          " ",
          ...about.flatMap((entity, i) => [
            i ? ", " : "",
            el("a", { href: entity.url, text: entity.name }),
          ]),
        ]),
      );
    }
    item.append(this.meta(g, true), this.actions(g, quoteId));
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

  meta(g, withBadge) {
    const author = g.isOwner ? this.strings.you : format(this.strings.by, { name: g.ownerName });
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

  actions(g, quoteId) {
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

  reply(g) {
    const authorId = `annotation-${g.uuid}-author`;
    const meta = this.meta(g, false);
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
}
