// Suggestions while typing in the site search box: an ARIA 1.2 combobox with a listbox popup
// (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/). Progressive enhancement only: without
// this script the box is a plain search form. Suggestions are written with textContent, never
// as HTML, and no inline style is set (the CSP forbids it): visibility uses the hidden attribute.

const DELAY_MS = 150;
const GROUPS = [
  ["people", "name", "labelPeople"],
  ["organisations", "name", "labelOrganisations"],
  ["titles", "title", "labelTitles"],
];

for (const input of document.querySelectorAll("input[data-suggest]")) {
  enhance(input);
}

function enhance(input) {
  const listbox = document.createElement("ul");
  listbox.id = `${input.id}-suggestions`;
  listbox.className = "suggestions";
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", input.labels?.[0]?.textContent.trim() ?? "");
  listbox.hidden = true;
  input.after(listbox);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listbox.id);

  let options = [];
  let active = -1;
  let timer = 0;
  let controller = null;

  const isOpen = () => !listbox.hidden;

  function open() {
    if (options.length) {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
  }

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  }

  function setActive(index) {
    active = index;
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    if (index < 0) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    input.setAttribute("aria-activedescendant", options[index].id);
    options[index].scrollIntoView({ block: "nearest" });
  }

  function render(data) {
    listbox.replaceChildren();
    options = [];
    for (const [key, field, label] of GROUPS) {
      for (const item of data?.[key] ?? []) {
        const option = document.createElement("li");
        option.id = `${listbox.id}-${options.length}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = item.url;
        const text = document.createElement("span");
        text.className = "suggestion-text";
        text.textContent = item[field];
        const kind = document.createElement("span");
        kind.className = "suggestion-kind";
        kind.textContent = input.dataset[label] ?? "";
        option.append(text, " ", kind);
        listbox.append(option);
        options.push(option);
      }
    }
    setActive(-1);
    if (options.length && document.activeElement === input) {
      open();
    } else {
      close();
    }
  }

  async function load() {
    const text = input.value.trim();
    controller?.abort();
    if (!text) {
      render(null);
      return;
    }
    controller = new AbortController();
    const url = new URL(input.dataset.suggest, window.location.href);
    url.searchParams.set("q", text);
    try {
      const response = await fetch(url, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      });
      if (response.ok) {
        render(await response.json());
      }
    } catch (error) {
      if (error.name !== "AbortError") {
        render(null);
      }
    }
  }

  function go(option) {
    close();
    window.location.assign(option.dataset.url);
  }

  function move(step) {
    if (!isOpen()) {
      open();
      if (!isOpen()) {
        return;
      }
    }
    const count = options.length;
    setActive(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
  }

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(load, DELAY_MS);
  });

  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (event.altKey) {
        open();
      } else {
        move(event.key === "ArrowDown" ? 1 : -1);
      }
    } else if (event.key === "Enter" && isOpen() && active >= 0) {
      // Enter on a suggestion opens it; Enter without one submits the search as usual.
      event.preventDefault();
      go(options[active]);
    } else if (event.key === "Escape") {
      if (isOpen()) {
        event.preventDefault();
        close();
      } else if (input.value) {
        event.preventDefault();
        input.value = "";
        render(null);
      }
    }
  });

  input.addEventListener("blur", () => close());

  // Keep the focus in the box while a suggestion is clicked, so the click is not lost to blur.
  listbox.addEventListener("pointerdown", (event) => event.preventDefault());
  listbox.addEventListener("click", (event) => {
    const option = event.target.closest("[role=option]");
    if (option) {
      go(option);
    }
  });
}
