// Paints highlights as <mark> elements without changing the body's textContent.
//
// The first paint is one pass so that a thousand highlights stay fast: every boundary is
// collected once, each text node is split once at the boundaries inside it, and each piece
// covered by at least one highlight is wrapped once. A piece under several highlights gets a
// single mark listing them all, instead of nested marks whose cost and colours would compound.
// After that, add() and remove() touch only the marks of the one highlight that changed: each
// mark holds exactly one text node, so a mark is split by cloning it around a piece.

import { piecesBetween, splitAt } from "../js/text/offsets.js";
import { prefersReducedMotion } from "./dom.js";

const FLASH_MS = 1500;

// White space directly inside these is layout, not text: a mark there would be invalid
// (inside <tr>, <ul>) or an empty inline box between paragraphs.
const BLOCK_CONTAINERS = new Set([
  "ARTICLE", "BLOCKQUOTE", "DIV", "DL", "FIGURE", "OL", "SECTION", "TABLE", "TBODY", "TFOOT",
  "THEAD", "TR", "UL",
]);

export class Highlighter {
  constructor(root) {
    this.root = root;
    this.spans = new Map(); // id → {id, colour, start, end}, UTF-16 offsets
    this.starts = new WeakMap(); // mark → ids whose first piece it is
    this.flashTimers = new Map();
  }

  // spans: [{id, colour, start, end}] with UTF-16 offsets into root's textContent.
  paint(spans) {
    this.clear();
    const wanted = spans.filter((span) => span.end > span.start);
    for (const span of wanted) this.spans.set(span.id, span);
    if (!wanted.length) return;
    const segments = splitAt(this.root, boundaries(wanted));
    const order = wanted.slice().sort((a, b) => a.start - b.start || b.end - a.end);
    const active = [];
    const begun = new Set();
    let next = 0;
    for (const [node, start] of segments) {
      while (next < order.length && order[next].start <= start) active.push(order[next++]);
      // Segments never straddle a boundary, so a span either covers all of one or none.
      let kept = 0;
      for (const span of active) if (span.end > start) active[kept++] = span;
      active.length = kept;
      if (!kept || isLayoutWhitespace(node)) continue;
      const mark = document.createElement("mark");
      const first = active.filter((span) => !begun.has(span.id)).map((span) => span.id);
      for (const id of first) begun.add(id);
      this.starts.set(mark, new Set(first));
      this.style(mark, active.map((span) => span.id));
      node.parentNode.insertBefore(mark, node);
      mark.appendChild(node);
    }
  }

  // Paints one more highlight, splitting only the marks and text it crosses.
  add(span) {
    if (span.end <= span.start) return;
    this.spans.set(span.id, span);
    let first = true;
    for (const [node] of piecesBetween(this.root, span.start, span.end)) {
      let mark = node.parentNode.matches?.("mark.glossa-highlight") ? node.parentNode : null;
      if (!mark && isLayoutWhitespace(node)) continue;
      if (mark) mark = this.isolate(mark, node);
      else {
        mark = document.createElement("mark");
        this.starts.set(mark, new Set());
        node.parentNode.insertBefore(mark, node);
        mark.appendChild(node);
      }
      if (first) this.starts.get(mark).add(span.id);
      first = false;
      this.style(mark, [...this.idsOf(mark), span.id]);
    }
  }

  remove(id) {
    if (!this.spans.has(id)) return;
    const parents = new Set();
    for (const mark of this.marksOf(id)) {
      const ids = this.idsOf(mark).filter((other) => other !== id);
      this.starts.get(mark)?.delete(id);
      if (ids.length) {
        this.style(mark, ids);
        continue;
      }
      parents.add(mark.parentNode);
      mark.replaceWith(...mark.childNodes);
    }
    this.spans.delete(id);
    // Re-join the text nodes painting split, so that later offsets walk fewer nodes.
    for (const parent of parents) parent.normalize();
  }

  // The same passage under a new id or colour (a pending highlight once saved, an edit).
  rename(from, span) {
    const marks = this.marksOf(from);
    this.spans.delete(from);
    this.spans.set(span.id, span);
    for (const mark of marks) {
      const starts = this.starts.get(mark);
      if (starts?.delete(from)) starts.add(span.id);
      this.style(mark, this.idsOf(mark).map((id) => (id === from ? span.id : id)));
    }
  }

  // A mark whose text node was just split: the pieces before and after `node` go into
  // copies of it, so that the mark holds `node` alone.
  isolate(mark, node) {
    const before = [];
    const after = [];
    let passed = false;
    for (const child of mark.childNodes) {
      if (child === node) passed = true;
      else (passed ? after : before).push(child);
    }
    const copy = (children, starts) => {
      const clone = mark.cloneNode(false);
      clone.classList.remove("glossa-flash");
      clone.removeAttribute("tabindex");
      this.starts.set(clone, starts);
      clone.append(...children);
      return clone;
    };
    const starts = this.starts.get(mark) || new Set();
    if (before.length) {
      mark.before(copy(before, starts));
      this.starts.set(mark, new Set());
    }
    if (after.length) mark.after(copy(after, new Set()));
    this.style(mark, this.idsOf(mark));
    return mark;
  }

  // Class names and ids of a mark: the innermost highlight (latest start, then shortest)
  // gives the colour; the first piece of each one gets a bar.
  style(mark, ids) {
    const known = ids.map((id) => this.spans.get(id)).filter(Boolean);
    known.sort((a, b) => a.start - b.start || b.end - a.end);
    const top = known[known.length - 1];
    const classes = ["glossa-highlight", `glossa-${top ? top.colour : "yellow"}`];
    if (known.length > 1) classes.push("glossa-overlap");
    if (this.starts.get(mark)?.size) classes.push("glossa-start");
    if (mark.classList.contains("glossa-flash")) classes.push("glossa-flash");
    mark.className = classes.join(" ");
    mark.dataset.annotationIds = known.map((span) => span.id).join(" ");
  }

  idsOf(mark) {
    const ids = mark.dataset.annotationIds;
    return ids ? ids.split(" ") : [];
  }

  clear() {
    for (const timer of this.flashTimers.values()) clearTimeout(timer);
    this.flashTimers.clear();
    this.spans = new Map();
    const painted = this.root.querySelectorAll("mark.glossa-highlight");
    if (!painted.length) return;
    for (const mark of painted) mark.replaceWith(...mark.childNodes);
    this.root.normalize();
  }

  marksOf(id) {
    if (!this.spans.has(id)) return [];
    return Array.from(
      this.root.querySelectorAll(`mark.glossa-highlight[data-annotation-ids~="${CSS.escape(id)}"]`),
    );
  }

  // The ids painted at a mark, innermost (the one whose colour shows) last.
  at(mark) {
    return this.idsOf(mark);
  }

  // Scrolls to a highlight, flashes it and, with focus, puts the keyboard on its first piece
  // (Enter there leads back to the note). False if it is not painted (an orphan, say).
  reveal(id, { instant = false, focus = false } = {}) {
    const marks = this.marksOf(id);
    if (!marks.length) return false;
    marks[0].scrollIntoView({
      block: "center",
      behavior: instant || prefersReducedMotion() ? "auto" : "smooth",
    });
    if (focus) this.focus(marks[0]);
    this.flash(id);
    return true;
  }

  // Marks are focusable from script only: a Tab stop for each would bury the rest of the page.
  focus(mark) {
    mark.tabIndex = -1;
    mark.focus({ preventScroll: true });
    mark.addEventListener("blur", () => mark.removeAttribute("tabindex"), { once: true });
  }

  flash(id) {
    const marks = this.marksOf(id);
    clearTimeout(this.flashTimers.get(id));
    for (const mark of marks) mark.classList.remove("glossa-flash");
    // Reading layout restarts the CSS animation when the same passage is flashed again.
    void this.root.offsetWidth;
    for (const mark of marks) mark.classList.add("glossa-flash");
    this.flashTimers.set(
      id,
      setTimeout(() => {
        for (const mark of marks) mark.classList.remove("glossa-flash");
        this.flashTimers.delete(id);
      }, FLASH_MS),
    );
  }
}

function boundaries(spans) {
  const points = new Set();
  for (const span of spans) {
    points.add(span.start);
    points.add(span.end);
  }
  return Int32Array.from(points).sort();
}

function isLayoutWhitespace(node) {
  return BLOCK_CONTAINERS.has(node.parentNode.nodeName) && !/\S/.test(node.data);
}
