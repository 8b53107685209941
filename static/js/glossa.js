// Progressive enhancement only: every page works without this script.

// On a narrow screen the header folds navigation, account and language into a menu. Without
// the script everything stays visible; the language changes only when its button is pressed.
const toggle = document.querySelector(".menu-toggle");
const menu = document.getElementById("site-menu");
if (toggle && menu) {
  const header = toggle.closest(".site-header");
  header.classList.add("has-menu");
  toggle.hidden = false;
  const setOpen = (open) => {
    toggle.setAttribute("aria-expanded", String(open));
    header.classList.toggle("menu-open", open);
  };
  toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
  menu.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !header.classList.contains("menu-open")) return;
    setOpen(false);
    toggle.focus();
  });
}

// Anonymous pages carry no CSRF token (config/language.py): fetch one when the language form
// is used and post it to set_language. If that fails, the form goes where it would without the
// script: a page with a token of its own.
const language = document.querySelector("form.language-switcher[data-token]");
if (language) {
  language.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const response = await fetch(language.dataset.token, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const { token } = await response.json();
      const input = document.createElement("input");
      Object.assign(input, { type: "hidden", name: "csrfmiddlewaretoken", value: token });
      language.append(input);
      language.method = "post";
      language.action = language.dataset.post;
    } catch {
      // The fallback below still changes the language, one page later.
    }
    language.submit();
  });
}
