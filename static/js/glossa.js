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
