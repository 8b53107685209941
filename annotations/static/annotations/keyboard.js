// Sentence-by-sentence selection for readers without a mouse (J, K, Shift+J in the article).

// A sentence ends after 。！？!? (and a period followed by a space), together with any closing
// quotes or brackets, or at a line break, which is where the canonical text ends a paragraph.
const TERMINAL = "。！？!?";
const CLOSING = "”’\"'」』）)]】》〉";

function endsSentence(text, i) {
  const char = text[i];
  if (TERMINAL.includes(char)) return true;
  // "3.5" and "e.g" do not end a sentence; "end. Next" and "end." do.
  const after = text[i + 1];
  return char === "." && (after === undefined || /\s/.test(after) || CLOSING.includes(after));
}

export function sentences(text) {
  const found = [];
  let start = 0;
  const push = (end) => {
    let from = start;
    let to = end;
    while (from < to && /\s/.test(text[from])) from++;
    while (to > from && /\s/.test(text[to - 1])) to--;
    if (to > from) found.push({ start: from, end: to });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\n") push(i + 1);
    else if (endsSentence(text, i)) {
      let end = i + 1;
      while (end < text.length && `${TERMINAL}.${CLOSING}`.includes(text[end])) end++;
      push(end);
      i = end - 1;
    }
  }
  push(text.length);
  return found;
}

// The sentence after the current selection (or the one holding the caret).
export function nextSentence(list, current) {
  if (!current) return list[0] || null;
  if (current.end === current.start) return list.find((s) => s.end > current.start) || null;
  return list.find((s) => s.start >= current.end) || null;
}

export function previousSentence(list, current) {
  if (!current) return list[0] || null;
  for (let i = list.length - 1; i >= 0; i--) if (list[i].end <= current.start) return list[i];
  return null;
}
