// The floating toolbar shown next to a selection in the article. It sits right after the
// article body in the DOM, so Tab from the body reaches it, and is position: fixed, so it can
// be clamped to the visible part of the screen on a phone.

import { collapseSelection, el } from "./dom.js";

const GAP = 8;
// On a touch screen the selection handles hang below the text: keep clear of them.
const HANDLE_ROOM = 28;

export class Toolbar {
  constructor({ strings, after, onHighlight, onAnnotate }) {
    this.node = el("div", {
      className: "glossa-toolbar",
      role: "toolbar",
      "aria-label": strings.toolbar,
      // It sits inside the article, whose lang is the article's, not the interface's.
      lang: document.documentElement.lang,
      hidden: true,
    }, [
      button("glossa-toolbar-highlight", strings.highlight, onHighlight),
      button("glossa-toolbar-annotate", strings.annotate, onAnnotate),
    ]);
    // Pressing a button must not move focus or drop the selection it is about to act on.
    this.node.addEventListener("mousedown", (event) => event.preventDefault());
    this.node.addEventListener("keydown", (event) => this.onKeydown(event));
    after.after(this.node);
    this.home = after;
    this.range = null;
    const follow = () => this.range && this.place();
    window.addEventListener("scroll", follow, { passive: true });
    window.addEventListener("resize", follow);
    window.visualViewport?.addEventListener("resize", follow);
    window.visualViewport?.addEventListener("scroll", follow);
  }

  get visible() {
    return !this.node.hidden;
  }

  // Shown next to a selection on screen: Tab and T from the article come here.
  get reachable() {
    return this.visible && !this.node.classList.contains("glossa-offscreen");
  }

  focus() {
    this.node.querySelector("button").focus();
  }

  contains(node) {
    return this.node.contains(node);
  }

  show(range) {
    this.range = range.cloneRange();
    this.node.hidden = false;
    this.place();
  }

  hide() {
    this.range = null;
    this.node.hidden = true;
  }

  // Below the end of the selection (a phone shows its own menu above it), flipped above the
  // start when there is no room below, and always kept inside the visible viewport.
  place() {
    const rects = Array.from(this.range.getClientRects()).filter((r) => r.width || r.height);
    const box = this.range.getBoundingClientRect();
    const first = rects[0] || box;
    const last = rects[rects.length - 1] || box;
    const view = visibleViewport();
    // Scrolled out of sight: a toolbar pinned to the edge would float over unrelated text.
    const offscreen = box.bottom < view.top || box.top > view.bottom;
    this.node.classList.toggle("glossa-offscreen", offscreen);
    if (offscreen) return;
    const width = this.node.offsetWidth;
    const height = this.node.offsetHeight;
    const below = window.matchMedia("(pointer: coarse)").matches ? HANDLE_ROOM : GAP;
    let top = last.bottom + below;
    if (top + height > view.bottom - GAP) top = first.top - height - GAP;
    top = clamp(top, view.top + GAP, view.bottom - height - GAP);
    const left = clamp(last.right - width / 2, view.left + GAP, view.right - width - GAP);
    this.node.style.top = `${Math.round(top)}px`;
    this.node.style.left = `${Math.round(left)}px`;
  }

  onKeydown(event) {
    const buttons = Array.from(this.node.querySelectorAll("button"));
    const index = buttons.indexOf(document.activeElement);
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      event.preventDefault();
      const step = event.key === "ArrowRight" ? 1 : -1;
      buttons[(index + step + buttons.length) % buttons.length].focus();
    } else if (event.key === "Tab" && event.shiftKey && index === 0) {
      event.preventDefault(); // back where Tab came from, not to the last link in the text
      this.home.focus();
    } else if (event.key === "Escape") {
      this.hide();
      collapseSelection(); // or the next keyup would bring it back
      this.home.focus(); // the focused button just disappeared
    }
  }
}

function button(className, text, onclick) {
  return el("button", { type: "button", className, text, onclick });
}

function visibleViewport() {
  const vv = window.visualViewport;
  if (!vv) return { top: 0, left: 0, right: window.innerWidth, bottom: window.innerHeight };
  return {
    top: vv.offsetTop,
    left: vv.offsetLeft,
    right: vv.offsetLeft + vv.width,
    bottom: vv.offsetTop + vv.height,
  };
}

function clamp(value, low, high) {
  return Math.max(low, Math.min(value, Math.max(low, high)));
}
