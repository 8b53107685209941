// Small DOM helpers. User text only ever goes in through textContent; the one exception is
// html: (server-sanitised note HTML), named so that it stands out where it is used.

export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "html") node.innerHTML = value;
    else if (key === "className") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, value);
  }
  for (const child of [].concat(children)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

// Django's translated strings use Python's %(name)s placeholders.
export function format(template, values) {
  return template.replace(/%\((\w+)\)s/g, (whole, name) => (name in values ? values[name] : whole));
}

// Counting code points, not UTF-16 units, so a quote never ends in half an emoji.
export function truncate(text, limit) {
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  return chars.length <= limit ? chars.join("") : chars.slice(0, limit - 1).join("") + "…";
}

export function prefersReducedMotion() {
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

export function isFormField(node) {
  const fields = "input, textarea, select, button, [contenteditable=''], [contenteditable='true']";
  return Boolean(node && node.closest && node.closest(fields));
}

// Drops a selection without moving the caret away from where the reader was.
export function collapseSelection() {
  const selection = window.getSelection();
  if (selection && selection.rangeCount) selection.collapseToEnd();
}
