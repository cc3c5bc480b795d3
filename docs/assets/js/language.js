// The language switcher, kept right after instant navigation. Material replaces the page's
// <head> (with static-i18n's hreflang links to this page's translations) but keeps the header,
// so the switcher would keep pointing at the first page's translations. We read the head's
// links whenever the page or its query changes, and at the moment of a click, and keep the
// query string (a calculator's inputs): a link copied from the switcher or opened in a new tab
// carries the numbers on screen. A calculator page still showing its own example is the
// exception: its translation shows that example in its own words.

function translationOf(lang) {
  const link = document.head.querySelector(`link[rel="alternate"][hreflang="${lang}"]`);
  return link ? new URL(link.getAttribute("href"), location.href) : null;
}

// The address's query, or what a calculator page says its translations should open with
// (widget.js: its own example is the same example there, in that language's words).
function translationQuery() {
  const calculator = document.querySelector("[data-calculator-page][data-translation-query]");
  return calculator ? calculator.dataset.translationQuery : location.search;
}

export function refreshSwitcher() {
  for (const anchor of document.querySelectorAll(".md-select__link[hreflang]")) {
    const target = translationOf(anchor.getAttribute("hreflang"));
    if (!target) continue;
    target.search = translationQuery();
    target.hash = "";
    anchor.href = target.href;
  }
}

// Capture phase, before Material's own click handler. The switcher's links are rebuilt and
// keep the query string (Material would drop it); any other link into another language (the
// glossary's) loads in full too, because instant navigation would keep this language's search
// index, switcher and site root.
document.addEventListener("click", (event) => {
  const anchor = event.target instanceof Element && event.target.closest("a[hreflang]");
  if (!anchor || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  const switcher = anchor.matches(".md-select__link");
  if (!switcher && anchor.hreflang === document.documentElement.lang) return;
  if (switcher) refreshSwitcher();
  event.preventDefault();
  event.stopPropagation();
  location.assign(anchor.href);
}, true);

for (const type of ["focusin", "pointerover"]) {
  document.addEventListener(type, (event) => {
    if (event.target instanceof Element && event.target.closest(".md-select")) refreshSwitcher();
  }, true);
}

if (window.document$) window.document$.subscribe(refreshSwitcher);

// Escape shuts the language list. Material shows it while focus is inside it or the pointer
// over it, so it would stay open: the list is marked shut (focus, if it was in the list, goes
// to its button) until focus leaves the switcher, the pointer comes to it again, or the reader
// opens it with the button.
const selectOf = (node) => (node instanceof Element ? node.closest(".md-select") : null);

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const select = selectOf(event.target) || document.querySelector(".md-select:hover");
  if (!select) return;
  select.classList.add("cv-select-shut");
  if (select.contains(document.activeElement)) select.querySelector("button").focus();
});
for (const type of ["focusout", "pointerover"]) {  // leaving it, or coming to it from outside
  document.addEventListener(type, (event) => {
    const select = selectOf(event.target);
    if (select && !select.contains(event.relatedTarget)) select.classList.remove("cv-select-shut");
  });
}
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element && event.target.closest(".md-select > button");
  if (button) button.parentElement.classList.remove("cv-select-shut");
});
