// The note editor: one native <dialog>, used for new annotations and for edits. showModal()
// gives the focus trap, Escape and the inert page for free; focus is put back by hand so that
// it also lands sensibly when the control that opened the dialog is gone (a hidden toolbar).

import { api } from "./api.js";
import { el } from "./dom.js";

export class Editor {
  constructor({ strings, colours, previewUrl, lang }) {
    this.strings = strings;
    this.previewUrl = previewUrl;
    this.onSave = null;
    this.returnFocus = null;
    this.build(colours, lang);
  }

  build(colours, lang) {
    const s = this.strings;
    const field = (name) => `glossa-editor-${name}`;
    this.title = el("h2", { id: field("title"), className: "glossa-editor-title" });
    this.quote = el("blockquote", { className: "glossa-editor-quote", lang });
    this.writeButton = el("button", { type: "button", "aria-pressed": "true", text: s.write });
    this.previewButton = el("button", { type: "button", "aria-pressed": "false", text: s.preview });
    this.note = el("textarea", {
      id: field("note"),
      name: "note",
      rows: "7",
      placeholder: s.notePlaceholder,
    });
    this.preview = el("div", {
      className: "glossa-preview annotation-note",
      hidden: true,
      "aria-live": "polite",
    });
    this.colourInputs = colours.map((colour) =>
      el("input", {
        type: "radio",
        name: "colour",
        value: colour.value,
        id: field(`colour-${colour.value}`),
      }),
    );
    this.tags = el("input", {
      type: "text",
      id: field("tags"),
      name: "tags",
      autocomplete: "off",
      "aria-describedby": field("tags-help"),
    });
    this.isPublic = el("input", { type: "checkbox", id: field("public"), name: "public" });
    // The article's people and organisations, one checkbox each (offerEntities fills it).
    this.entityBoxes = [];
    this.entityList = el("div", { className: "glossa-entity-options" });
    this.entities = el(
      "fieldset",
      { className: "glossa-entities", hidden: true, "aria-describedby": field("entities-help") },
      [
        el("legend", { text: s.about }),
        el("p", { className: "help", id: field("entities-help"), text: s.aboutHelp }),
        this.entityList,
      ],
    );
    this.error = el("p", { className: "glossa-error", role: "alert" });
    this.saveButton = el("button", { type: "submit", className: "glossa-primary", text: s.save });
    this.form = el("form", { className: "glossa-editor-form", method: "dialog" }, [
      this.title,
      this.quote,
      el("div", { className: "glossa-editor-note" }, [
        el("div", { className: "glossa-editor-note-head" }, [
          el("label", { for: field("note"), text: s.note }),
          el("div", { className: "glossa-tabs", role: "group" }, [
            this.writeButton,
            this.previewButton,
          ]),
        ]),
        this.note,
        this.preview,
      ]),
      el("fieldset", { className: "glossa-colours" }, [
        el("legend", { text: s.colour }),
        ...colours.map((colour, index) =>
          el("label", { className: "glossa-colour-option", for: this.colourInputs[index].id }, [
            this.colourInputs[index],
            el("span", {
              className: `glossa-swatch glossa-${colour.value}`,
              "aria-hidden": "true",
            }),
            el("span", { text: colour.label }),
          ]),
        ),
      ]),
      el("div", { className: "glossa-field" }, [
        el("label", { for: field("tags"), text: s.tags }),
        this.tags,
        el("p", { className: "help", id: field("tags-help"), text: s.tagsHelp }),
      ]),
      this.entities,
      el("div", { className: "glossa-field glossa-check" }, [
        this.isPublic,
        el("label", { for: field("public"), text: s.public }),
      ]),
      this.error,
      el("div", { className: "glossa-editor-buttons" }, [
        this.saveButton,
        el("button", {
          type: "button",
          className: "glossa-cancel",
          text: s.cancel,
          onclick: () => this.close(),
        }),
      ]),
    ]);
    this.dialog = el(
      "dialog",
      { className: "glossa-editor", "aria-labelledby": field("title") },
      [this.form],
    );
    this.writeButton.addEventListener("click", () => this.showWrite());
    this.previewButton.addEventListener("click", () => this.showPreview());
    this.note.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.save();
      }
    });
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.save();
    });
    // Escape fires "cancel": close our way, so focus is restored the same as with Cancel.
    this.dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      this.close();
    });
    document.body.append(this.dialog);
  }

  // entities: [{id, kind, name}], whom a note on this article may be about.
  offerEntities(entities) {
    this.entityBoxes = entities.map((entity) =>
      el("input", {
        type: "checkbox",
        name: "entities",
        value: String(entity.id),
        id: `glossa-editor-entity-${entity.id}`,
      }),
    );
    this.entityList.replaceChildren(
      ...entities.map((entity, index) =>
        el("label", { className: "glossa-entity-option", for: this.entityBoxes[index].id }, [
          this.entityBoxes[index],
          el("span", { text: entity.name }),
          el("span", {
            className: "glossa-entity-kind",
            text: entity.kind === "person" ? this.strings.person : this.strings.organisation,
          }),
        ]),
      ),
    );
    this.entities.hidden = entities.length === 0;
  }

  // values: {note, tags, colour, visibility, entities}; onSave(values) saves and may throw an ApiError,
  // which is shown while the dialog stays open.
  open({ title, quote, values, onSave, returnFocus }) {
    this.onSave = onSave;
    this.returnFocus = returnFocus || document.activeElement;
    this.title.textContent = title;
    this.quote.textContent = quote || "";
    this.quote.hidden = !quote;
    this.note.value = values.note || "";
    this.tags.value = (values.tags || []).join(", ");
    const colour = values.colour || "yellow";
    for (const input of this.colourInputs) input.checked = input.value === colour;
    this.isPublic.checked = values.visibility === "public";
    const about = new Set((values.entities || []).map(String));
    for (const box of this.entityBoxes) box.checked = about.has(box.value);
    this.error.textContent = "";
    this.saveButton.disabled = false;
    this.showWrite();
    this.dialog.showModal();
    this.note.focus();
  }

  values() {
    const chosen = this.colourInputs.find((input) => input.checked);
    return {
      note: this.note.value,
      tags: this.tags.value.split(/[,，、]/).map((tag) => tag.trim()).filter(Boolean),
      colour: chosen ? chosen.value : "yellow",
      visibility: this.isPublic.checked ? "public" : "private",
      entities: this.entityBoxes.filter((box) => box.checked).map((box) => Number(box.value)),
    };
  }

  async save() {
    if (!this.onSave || this.saveButton.disabled) return;
    this.saveButton.disabled = true;
    this.error.textContent = "";
    try {
      await this.onSave(this.values());
      this.close();
    } catch (error) {
      this.error.textContent = error.displayMessage || error.message;
      this.saveButton.disabled = false;
    }
  }

  close() {
    if (this.dialog.open) this.dialog.close();
    this.onSave = null;
    const target = this.returnFocus;
    this.returnFocus = null;
    const focusable = typeof target === "function" ? target() : target;
    if (focusable && focusable.isConnected && !focusable.closest("[hidden]")) focusable.focus();
  }

  get isOpen() {
    return this.dialog.open;
  }

  showWrite() {
    this.preview.hidden = true;
    this.note.hidden = false;
    this.writeButton.setAttribute("aria-pressed", "true");
    this.previewButton.setAttribute("aria-pressed", "false");
  }

  async showPreview() {
    this.writeButton.setAttribute("aria-pressed", "false");
    this.previewButton.setAttribute("aria-pressed", "true");
    this.preview.style.minHeight = `${this.note.offsetHeight}px`; // no jump when toggling
    this.note.hidden = true;
    this.preview.hidden = false;
    this.preview.textContent = "…";
    try {
      const { html } = await api.preview(this.previewUrl, this.note.value);
      this.preview.innerHTML = html; // sanitised by the server, like every noteHtml
    } catch (error) {
      this.preview.textContent = error.message;
    }
  }
}
