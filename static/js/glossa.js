// Progressive enhancement only: every page works without this script.

// The language menu submits itself when changed; its button stays for keyboards and no-JS.
for (const select of document.querySelectorAll("select[data-autosubmit]")) {
  select.form.classList.add("autosubmit");
  select.addEventListener("change", () => select.form.requestSubmit());
}
