// On a wide screen, where the panel sits beside the text, the panel's window follows the
// reading: the first highlight in the upper part of the screen has its item shown.
// Nothing moves while the reader is working in the panel or the editor.

const WIDE = "(min-width: 60.01rem)"; // the article page's two-column layout (glossa.css)

export class Follower {
  constructor({ root, highlighter, panel, panelNode, isBusy }) {
    this.root = root;
    this.highlighter = highlighter;
    this.panel = panel;
    this.panelNode = panelNode;
    this.isBusy = isBusy;
    this.visible = new Set(); // marks where a highlight starts, now on screen
    this.timer = 0;
    this.wide = window.matchMedia(WIDE);
    this.observer = new IntersectionObserver((entries) => this.seen(entries), {
      rootMargin: "0px 0px -50% 0px",
    });
  }

  // (Re)watches the first piece of every highlight; done when the browser is idle, since a
  // thousand of them take a moment and nothing depends on it right away.
  watch() {
    clearTimeout(this.rewatch);
    this.rewatch = setTimeout(() => {
      this.observer.disconnect();
      this.visible.clear();
      for (const mark of this.root.querySelectorAll("mark.glossa-start")) {
        this.observer.observe(mark);
      }
    }, 300);
  }

  // Watches the first pieces of one highlight that was just painted (observing a mark twice
  // is harmless; removed marks are skipped in move()).
  watchMarks(marks) {
    for (const mark of marks) if (mark.classList.contains("glossa-start")) this.observer.observe(mark);
  }

  seen(entries) {
    for (const entry of entries) {
      if (entry.isIntersecting) this.visible.add(entry.target);
      else this.visible.delete(entry.target);
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.move(), 150);
  }

  move() {
    if (!this.wide.matches || this.isBusy()) return;
    if (this.panelNode.contains(document.activeElement)) return;
    let first = null;
    for (const mark of this.visible) {
      if (!mark.isConnected) continue;
      if (!first || first.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_PRECEDING) {
        first = mark;
      }
    }
    const starting = first && this.highlighter.starts.get(first);
    if (starting && starting.size) this.panel.follow([...starting][0]);
  }
}
