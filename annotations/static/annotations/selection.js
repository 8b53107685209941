// Follows the reader's selection in the article: shows the toolbar next to it, and moves it
// sentence by sentence from the keyboard. Offsets here are UTF-16, as the DOM counts.

import { collapseSelection, isFormField } from "./dom.js";
import { nextSentence, previousSentence, sentences } from "./keyboard.js";
import { rangeFromUtf16, rangeToUtf16, trimOffsets } from "../js/text/offsets.js";

const SETTLE_MS = 250; // selectionchange fires per handle drag step on phones
const PRESS_GRACE_MS = 800;

export class SelectionTracker {
  // toolbar is null for anonymous readers; keys: {highlight(), annotate()} or null.
  constructor({ root, text, toolbar, keys, isBusy }) {
    this.root = root;
    this.text = text;
    this.toolbar = toolbar;
    this.keys = keys;
    this.isBusy = isBusy;
    this.pending = null; // the selection the toolbar was shown for
    this.cursor = null; // where J and K continue from once the selection is gone
    this.pressedAt = 0;
    this.sentences = null;
    let timer = 0;
    const soon = (delay) => {
      clearTimeout(timer);
      timer = setTimeout(() => this.update(), delay);
    };
    if (toolbar) {
      for (const type of ["mouseup", "keyup", "touchend"]) {
        document.addEventListener(type, (event) => toolbar.contains(event.target) || soon(0));
      }
      document.addEventListener("selectionchange", () => soon(SETTLE_MS));
      // A tap on a phone may drop the selection before the button's click arrives.
      toolbar.node.addEventListener("pointerdown", () => (this.pressedAt = Date.now()));
    }
    root.addEventListener("keydown", (event) => this.onKeydown(event));
  }

  // The trimmed selection inside the article, or null.
  read() {
    const selection = window.getSelection();
    if (!selection || !selection.rangeCount || selection.isCollapsed) return null;
    const offsets = rangeToUtf16(this.root, selection.getRangeAt(0));
    return offsets && trimOffsets(this.text, offsets.start, offsets.end);
  }

  // What the toolbar and the H and N keys act on: the live selection, else the one last shown.
  current() {
    return this.read() || this.pending;
  }

  update() {
    if (this.isBusy()) return;
    const span = this.read();
    if (span) {
      this.pending = span;
      this.cursor = span;
      this.toolbar.show(rangeFromUtf16(this.root, span.start, span.end));
    } else if (
      this.toolbar.visible &&
      !this.toolbar.contains(document.activeElement) &&
      Date.now() - this.pressedAt > PRESS_GRACE_MS
    ) {
      this.dismiss();
    }
  }

  dismiss() {
    this.pending = null;
    this.toolbar?.hide();
  }

  // Forgets the selection once acted on, but J continues after it.
  consume(span) {
    this.cursor = span;
    this.dismiss();
    window.getSelection()?.removeAllRanges();
  }

  select(span) {
    const range = rangeFromUtf16(this.root, span.start, span.end);
    if (!range) return;
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    this.cursor = span;
    const box = range.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      window.scrollBy({ top: box.top - window.innerHeight / 3 });
    }
    if (this.toolbar) {
      this.pending = span;
      this.toolbar.show(range);
    }
  }

  restore(span) {
    const range = rangeFromUtf16(this.root, span.start, span.end);
    const selection = window.getSelection();
    if (!range || !selection) return;
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // Where the keyboard is: the selection, else the caret, else the last selection.
  position() {
    const selection = window.getSelection();
    if (selection && selection.rangeCount) {
      const offsets = rangeToUtf16(this.root, selection.getRangeAt(0));
      if (offsets) return trimOffsets(this.text, offsets.start, offsets.end) || offsets;
    }
    return this.cursor;
  }

  onKeydown(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (isFormField(event.target)) return;
    const key = event.key;
    let handled = true;
    if (key === "j" || key === "k" || (key === "J" && event.shiftKey)) this.step(key);
    else if (key === "Escape" && this.toolbar?.visible) {
      this.dismiss();
      collapseSelection();
    }
    else if (this.keys && (key === "h" || key === "n")) {
      if (key === "h") this.keys.highlight();
      else this.keys.annotate();
    } else handled = false;
    if (handled) event.preventDefault();
  }

  step(key) {
    this.sentences ||= sentences(this.text);
    const here = this.position();
    if (key === "J") {
      const next = nextSentence(this.sentences, here);
      if (!next) return;
      const keep = here && here.end > here.start;
      this.select({ start: keep ? here.start : next.start, end: next.end });
      return;
    }
    const target =
      key === "j" ? nextSentence(this.sentences, here) : previousSentence(this.sentences, here);
    if (target) this.select(target);
  }
}
