// Keyboard reach between the article, its highlights, the toolbar and the panel:
// - Tab or T with a selection goes to the toolbar (Shift+Tab there comes back);
// - P jumps from the article to the panel and back (to the passage of the focused note);
// - [ and ] move between highlights; Enter on one opens its note in the panel.

import { isFormField } from "./dom.js";

export function bindKeys({ root, panelNode, toolbar, highlighter, panel, toPassage }) {
  const plain = (event) =>
    !(event.ctrlKey || event.metaKey || event.altKey || event.isComposing) &&
    !isFormField(event.target);

  root.addEventListener("keydown", (event) => {
    const key = event.key;
    if (toolbar?.reachable && ((key === "Tab" && !event.shiftKey) || (key === "t" && plain(event)))) {
      event.preventDefault();
      toolbar.focus();
    } else if (!plain(event)) return;
    else if (key === "p") {
      event.preventDefault();
      toPanel(event.target);
    } else if (key === "]" || key === "[") {
      event.preventDefault();
      step(event.target, key === "]" ? 1 : -1);
    } else if (key === "Enter" && event.target.matches("mark.glossa-highlight")) {
      event.preventDefault();
      const ids = highlighter.at(event.target);
      panel.focusItem(ids[ids.length - 1]);
    }
  });

  panelNode.addEventListener("keydown", (event) => {
    if (event.key !== "p" || !plain(event)) return;
    event.preventDefault();
    const item = event.target.closest(".annotation-item");
    if (item && highlighter.marksOf(item.dataset.uuid).length) toPassage(item.dataset.uuid);
    else root.focus();
  });

  // To the note of the highlight in focus, else the first item shown, else the panel.
  function toPanel(from) {
    if (from.matches("mark.glossa-highlight")) {
      const ids = highlighter.at(from);
      if (panel.focusItem(ids[ids.length - 1])) return;
    }
    const first = panelNode.querySelector(".annotation-item");
    (first || panelNode).focus();
  }

  // The next (or previous) highlight's first piece after the focused one or the caret.
  function step(from, direction) {
    const starts = Array.from(root.querySelectorAll("mark.glossa-start"));
    if (!starts.length) return;
    let here = from.matches("mark") ? starts.indexOf(from) : -1;
    if (here < 0) {
      const caret = window.getSelection();
      const node = caret?.rangeCount ? caret.getRangeAt(0).startContainer : null;
      const after = node ? starts.findIndex((mark) => isAfter(mark, node)) : 0;
      here = after < 0 ? starts.length : after;
      if (direction > 0) here -= 1;
    }
    const target = starts[Math.max(0, Math.min(starts.length - 1, here + direction))];
    const ids = [...(highlighter.starts.get(target) || [])];
    target.scrollIntoView({ block: "nearest" });
    highlighter.focus(target);
    if (ids.length) highlighter.flash(ids[0]);
  }
}

function isAfter(mark, node) {
  return Boolean(node.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING);
}
