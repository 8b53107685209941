// Mark the people and organisations an article mentions, with a small card on hover or focus.
// Marks wrap text without changing it, so annotation offsets into textContent stay valid.

const data = document.getElementById("mention-data");
const body = document.getElementById("article-body");

// The server counts code points; the DOM counts UTF-16 units (an emoji is two).
function utf16Offsets(text) {
  const starts = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff && i > 0) {
      const previous = text.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) continue;
    }
    starts.push(i);
  }
  starts.push(text.length);
  return starts;
}

function wrap(start, end, make) {
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  let offset = 0;
  const pieces = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.data.length;
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + length);
    if (from < to) pieces.push([node, from - offset, to - offset]);
    offset += length;
    if (offset >= end) break;
  }
  for (const [node, from, to] of pieces) {
    let target = node;
    if (to < target.data.length) target.splitText(to);
    if (from > 0) target = target.splitText(from);
    const element = make();
    target.replaceWith(element);
    element.append(target);
  }
}

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

if (data && body) {
  const mentions = JSON.parse(data.textContent);
  const starts = utf16Offsets(body.textContent);
  // From the end backwards, so that wrapping one mention never moves the next one's nodes.
  mentions.forEach((mention, index) => (mention.index = index));
  for (const mention of [...mentions].reverse()) {
    const start = starts[Math.min(mention.start, starts.length - 1)];
    const end = starts[Math.min(mention.end, starts.length - 1)];
    let first = true;
    wrap(start, end, () => {
      const link = document.createElement("a");
      link.className = "mention";
      link.href = mention.url;
      link.dataset.mention = mention.index;
      if (first) link.setAttribute("aria-describedby", `mention-card-${mention.index}`);
      first = false;
      return link;
    });
  }
  const cards = document.createElement("div");
  cards.className = "mention-cards";
  cards.hidden = true;
  for (const mention of mentions) cards.append(card(mention));
  document.body.append(cards);
  const show = (event) => {
    const link = event.target.closest("a.mention");
    if (!link) return;
    const box = document.getElementById(`mention-card-${link.dataset.mention}`);
    for (const other of cards.children) other.classList.remove("visible");
    const rect = link.getBoundingClientRect();
    box.style.left = `${Math.max(8, Math.min(rect.left + window.scrollX, window.innerWidth - 280))}px`;
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
