// Mark the people and organisations an article mentions, with a small card on hover or focus.
// Marks wrap text without changing it (../text/offsets.js), so annotation offsets stay valid.
// Only the first mention of each name is a Tab stop: the rest are links for the pointer, and
// "In this article" beside the text lists every name once.

import { OffsetMap, wrapBetween } from "../text/offsets.js";

const data = document.getElementById("mention-data");
const body = document.getElementById("article-body");

function card(mention) {
  const box = document.createElement("span");
  box.className = "mention-card";
  box.setAttribute("role", "tooltip");
  box.id = `mention-card-${mention.index}`;
  const name = document.createElement("strong");
  name.textContent = mention.name;
  box.append(name);
  for (const line of [mention.description, mention.affiliation]) {
    if (!line) continue;
    const text = document.createElement("span");
    text.textContent = line;
    box.append(text);
  }
  return box;
}

function link(mention, first, reachable) {
  const element = document.createElement("a");
  element.className = "mention";
  element.href = mention.url;
  element.dataset.mention = mention.index;
  if (first) element.setAttribute("aria-describedby", `mention-card-${mention.index}`);
  if (!first || !reachable) element.tabIndex = -1;
  return element;
}

if (data && body) {
  const mentions = JSON.parse(data.textContent);
  const offsets = new OffsetMap(body.textContent);
  const seen = new Set();
  mentions.forEach((mention, index) => {
    mention.index = index;
    const reachable = !seen.has(mention.url);
    seen.add(mention.url);
    const start = offsets.toUtf16(mention.start);
    const end = offsets.toUtf16(mention.end);
    wrapBetween(body, start, end, (piece) => link(mention, piece === 0, reachable));
  });
  const cards = document.createElement("div");
  cards.className = "mention-cards";
  cards.hidden = true;
  for (const mention of mentions) cards.append(card(mention));
  document.body.append(cards);
  const show = (event) => {
    const target = event.target.closest("a.mention");
    if (!target) return;
    const box = document.getElementById(`mention-card-${target.dataset.mention}`);
    for (const other of cards.children) other.classList.remove("visible");
    const rect = target.getBoundingClientRect();
    const left = Math.max(8, Math.min(rect.left + window.scrollX, window.innerWidth - 280));
    box.style.left = `${left}px`;
    box.style.top = `${rect.bottom + window.scrollY + 6}px`;
    box.classList.add("visible");
    cards.hidden = false;
  };
  const hide = (event) => {
    if (event.target.closest("a.mention")) cards.hidden = true;
  };
  body.addEventListener("mouseover", show);
  body.addEventListener("focusin", show);
  body.addEventListener("mouseout", hide);
  body.addEventListener("focusout", hide);
}
