// Paints highlights as <mark> elements without changing the body's textContent.
//
// Painting is done in one pass so that a thousand highlights stay fast: every boundary is
// collected once, each text node is split once at the boundaries inside it, and each piece
// covered by at least one highlight is wrapped once. A piece under several highlights gets a
// single mark listing them all, instead of nested marks whose cost and colours would compound.

import { prefersReducedMotion } from "./dom.js";
import { textNodes } from "./offsets.js";

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
    this.marks = new Map(); // annotation id → its marks, in document order
    this.flashTimers = new Map();
  }

  // spans: [{id, colour, start, end}] with UTF-16 offsets into root's textContent.
  paint(spans) {
    this.clear();
    const wanted = spans.filter((span) => span.end > span.start);
    if (!wanted.length) return;
    const segments = splitAt(this.root, boundaries(wanted));
    const order = wanted.slice().sort((a, b) => a.start - b.start || b.end - a.end);
    const active = [];
    let next = 0;
    for (const [node, start] of segments) {
      while (next < order.length && order[next].start <= start) active.push(order[next++]);
      // Segments never straddle a boundary, so a span either covers all of one or none.
      let kept = 0;
      for (const span of active) if (span.end > start) active[kept++] = span;
      active.length = kept;
      if (!kept || isLayoutWhitespace(node)) continue;
      this.wrap(node, active);
    }
  }

  wrap(node, active) {
    const mark = document.createElement("mark");
    // The most recently started span is the innermost one: its colour shows.
    const classes = ["glossa-highlight", `glossa-${active[active.length - 1].colour}`];
    if (active.length > 1) classes.push("glossa-overlap");
    const ids = [];
    let starts = false;
    for (const span of active) {
      ids.push(span.id);
      const own = this.marks.get(span.id);
      if (own) own.push(mark);
      else {
        this.marks.set(span.id, [mark]);
        starts = true;
      }
    }
    // Marks where a highlight begins, so two adjacent ones of one colour stay two.
    if (starts) classes.push("glossa-start");
    mark.className = classes.join(" ");
    mark.dataset.annotationIds = ids.join(" ");
    node.parentNode.insertBefore(mark, node);
    mark.appendChild(node);
  }

  clear() {
    for (const timer of this.flashTimers.values()) clearTimeout(timer);
    this.flashTimers.clear();
    this.marks = new Map();
    const painted = this.root.querySelectorAll("mark.glossa-highlight");
    if (!painted.length) return;
    for (const mark of painted) mark.replaceWith(...mark.childNodes);
    // Re-join the text nodes that painting split, so the next paint starts from the source.
    this.root.normalize();
  }

  marksOf(id) {
    return this.marks.get(id) || [];
  }

  // Scrolls to a highlight and flashes it; false if it is not painted (an orphan, say).
  reveal(id, { instant = false } = {}) {
    const marks = this.marksOf(id);
    if (!marks.length) return false;
    marks[0].scrollIntoView({
      block: "center",
      behavior: instant || prefersReducedMotion() ? "auto" : "smooth",
    });
    this.flash(id);
    return true;
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

// Splits text nodes at the cuts; returns every resulting piece as [node, start offset].
function splitAt(root, cuts) {
  const segments = [];
  let offset = 0;
  let cut = 0;
  for (const node of textNodes(root)) {
    const nodeStart = offset;
    const nodeEnd = offset + node.data.length;
    offset = nodeEnd;
    if (nodeEnd === nodeStart) continue;
    while (cut < cuts.length && cuts[cut] <= nodeStart) cut++;
    let piece = node;
    let pieceStart = nodeStart;
    while (cut < cuts.length && cuts[cut] < nodeEnd) {
      const rest = piece.splitText(cuts[cut] - pieceStart);
      segments.push([piece, pieceStart]);
      piece = rest;
      pieceStart = cuts[cut++];
    }
    segments.push([piece, pieceStart]);
  }
  return segments;
}

function isLayoutWhitespace(node) {
  return BLOCK_CONTAINERS.has(node.parentNode.nodeName) && !/\S/.test(node.data);
}
