// Text and offsets of the article body, shared by the annotator and the mention linker.
//
// The server counts Unicode code points (Python string indices) into the canonical text, which
// is exactly the article body's textContent; the DOM counts UTF-16 units. An emoji or a CJK
// Extension B character (𠀀) is one code point but two units, so every offset crossing the
// wire is converted here and nowhere else.

const SURROGATE = /[\uD800-\uDFFF]/;

function isHigh(unit) {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLow(unit) {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

export class OffsetMap {
  constructor(text) {
    this.text = text;
    // Most articles have no astral characters: then both counts agree and no table is built.
    this.table = SURROGATE.test(text) ? codePointStarts(text) : null;
  }

  toUtf16(codePoint) {
    if (!this.table) return Math.min(codePoint, this.text.length);
    return this.table[Math.min(Math.max(codePoint, 0), this.table.length - 1)];
  }

  toCodePoint(utf16) {
    if (!this.table) return utf16;
    // The first code point starting at or after utf16 (a split pair counts as its end).
    let low = 0;
    let high = this.table.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.table[middle] < utf16) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

// table[i] is the UTF-16 index where code point i starts; the last entry is the text length.
function codePointStarts(text) {
  const starts = [];
  for (let unit = 0; unit < text.length; unit++) {
    if (isLow(text.charCodeAt(unit)) && unit > 0 && isHigh(text.charCodeAt(unit - 1))) continue;
    starts.push(unit);
  }
  starts.push(text.length);
  return Int32Array.from(starts);
}

export function textNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
  return nodes;
}

// Where each child of root starts in its text. Wrapping text in marks or links never changes
// the text before a child, so a child's offset stays right for as long as the child is there;
// the table is rebuilt only when a child it does not know is asked for.
const childStarts = new WeakMap(); // root → WeakMap(child → UTF-16 offset)

function childStart(root, child) {
  let starts = childStarts.get(root);
  if (!starts || !starts.has(child)) {
    starts = new WeakMap();
    let offset = 0;
    for (const node of root.childNodes) {
      starts.set(node, offset);
      offset += node.textContent.length;
    }
    childStarts.set(root, starts);
  }
  return starts.get(child);
}

// Text nodes from the child of root where offset falls, each with its start offset: a walk
// that skips the paragraphs before it.
function* textFrom(root, offset) {
  let from = null;
  for (const child of root.childNodes) {
    if (childStart(root, child) > offset) break;
    from = child;
  }
  let seen = from ? childStart(root, from) : 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let node;
  if (from) {
    walker.currentNode = from;
    node = from.nodeType === Node.TEXT_NODE ? from : walker.nextNode();
  } else node = walker.nextNode();
  for (; node; node = walker.nextNode()) {
    const length = node.data.length;
    // The caller may split node: the walker goes on after the part split off.
    const next = yield [node, seen];
    if (next) walker.currentNode = next;
    seen += length;
  }
}

// Range.toString() concatenates the same Text nodes that textContent does, so its length
// from the start of the body is the UTF-16 offset of a boundary point. Counting from the
// start of the paragraph holding the point, not of the body, keeps a selection read cheap
// in an article painted with a thousand highlights.
function prefixLength(root, container, offset) {
  let top = container;
  while (top !== root && top.parentNode !== root) top = top.parentNode;
  const range = document.createRange();
  range.setStart(top === root ? root : top, 0);
  range.setEnd(container, offset);
  return (top === root ? 0 : childStart(root, top)) + range.toString().length;
}

// UTF-16 offsets of the part of a range inside root, or null if none of it is. A triple-click
// on the last paragraph ends the selection beyond the body: that end is clamped, not refused.
export function rangeToUtf16(root, range) {
  const inside = document.createRange();
  inside.selectNodeContents(root);
  const startSide = inside.comparePoint(range.startContainer, range.startOffset);
  const endSide = inside.comparePoint(range.endContainer, range.endOffset);
  if (startSide > 0 || endSide < 0) return null;
  const start = startSide < 0 ? 0 : prefixLength(root, range.startContainer, range.startOffset);
  const end =
    endSide > 0 ? root.textContent.length : prefixLength(root, range.endContainer, range.endOffset);
  return end >= start ? { start, end } : null;
}

// The DOM boundary point at a UTF-16 offset. A start prefers the beginning of the next text
// node and an end the close of the previous one, so ranges never spill into neighbours.
function pointAt(root, offset, isEnd) {
  let last = null;
  for (const [node, seen] of textFrom(root, Math.max(0, isEnd ? offset - 1 : offset))) {
    const length = node.data.length;
    if (isEnd ? offset <= seen + length : offset < seen + length) {
      return [node, Math.max(0, offset - seen)];
    }
    last = node;
  }
  return last ? [last, last.data.length] : null;
}

export function rangeFromUtf16(root, start, end) {
  const from = pointAt(root, start, false);
  const to = pointAt(root, end, true);
  if (!from || !to) return null;
  const range = document.createRange();
  range.setStart(...from);
  range.setEnd(...to);
  return range;
}

// Leading and trailing white space is dropped from a selection: a triple-click selects the
// paragraph's line break too, and nobody means to annotate it.
export function trimOffsets(text, start, end) {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end > start ? { start, end } : null;
}

// Splits the text nodes under root at the given UTF-16 cuts (sorted, unique) and returns every
// resulting piece as [node, start offset]. Wrapping pieces, never re-creating them, is what
// keeps the body's textContent equal to the canonical text.
export function splitAt(root, cuts) {
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

// The pieces of text in [start, end) as [node, start offset], split out of their text nodes.
// Only the nodes up to end are visited, so marking one passage does not walk the whole body.
export function piecesBetween(root, start, end) {
  const pieces = [];
  const walk = textFrom(root, start);
  let step = walk.next();
  while (!step.done) {
    const [node, nodeStart] = step.value;
    const nodeEnd = nodeStart + node.data.length;
    if (nodeStart >= end) break;
    let after = null;
    if (nodeEnd > start && nodeEnd > nodeStart) {
      let piece = node;
      let pieceStart = nodeStart;
      if (start > pieceStart) {
        piece = piece.splitText(start - pieceStart);
        pieceStart = start;
      }
      after = end < nodeEnd ? piece.splitText(end - pieceStart) : piece;
      pieces.push([piece, pieceStart]);
    }
    step = walk.next(after);
  }
  return pieces;
}

// Wraps [start, end) in elements from make(index), one per text node it crosses.
export function wrapBetween(root, start, end, make) {
  const pieces = piecesBetween(root, start, end);
  pieces.forEach(([node], index) => {
    const element = make(index);
    node.parentNode.insertBefore(element, node);
    element.append(node);
  });
  return pieces.length;
}
