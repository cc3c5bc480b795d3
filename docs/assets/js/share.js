// The trainers' kit in the browser: QR codes, present mode, the printed worksheet, and the
// scenario's export as CSV and JSON. The widget (widget.js) calls these; the scenario library
// page only needs the QR codes.
// The QR library is loaded the first time a code is drawn, so that pages without one
// (every guide chapter) do not download it.
const qrLibrary = () => import("../vendor/qrcode-generator/qrcode.mjs");

const SVG = "http://www.w3.org/2000/svg";
const QUIET_ZONE = 4; // modules of white around the code, as the QR standard asks

// A QR code as an SVG element: black modules on white, drawn as one path, so it stays sharp
// at any size on a projector and in print.
export async function qrSvg(text, label) {
  const { qrcode } = await qrLibrary();
  // Byte mode as UTF-8: the library's own conversion keeps only each character's low byte, so
  // a name like "Анна" or "小王" before a participant's link would come out as other letters.
  qrcode.stringToBytes = (s) => [...new TextEncoder().encode(s)];
  const code = qrcode(0, "M"); // the smallest version that holds the link; 15 % recovery
  code.addData(text);
  code.make();
  const count = code.getModuleCount();
  const size = count + 2 * QUIET_ZONE;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("shape-rendering", "crispEdges");
  svg.setAttribute("aria-label", label);
  const background = document.createElementNS(SVG, "rect");
  background.setAttribute("width", size);
  background.setAttribute("height", size);
  background.setAttribute("fill", "#fff");
  let d = "";
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; col += 1) {
      if (code.isDark(row, col)) d += `M${col + QUIET_ZONE},${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  const modules = document.createElementNS(SVG, "path");
  modules.setAttribute("d", d);
  modules.setAttribute("fill", "#000");
  svg.append(background, modules);
  return svg;
}

export async function drawQr(container, link, label) {
  container.replaceChildren(await qrSvg(link, label));
  container.dataset.link = link;
}

// The scenario library: each [data-qr-for] gets the code of its link, made absolute here so
// that it points wherever the site is published.
export async function fillScenarioCodes(root = document) {
  for (const figure of root.querySelectorAll("[data-qr-for]")) {
    const link = new URL(figure.dataset.qrFor, location.href).href;
    await drawQr(figure, link, figure.getAttribute("aria-label") || link);
  }
}

// ---- present mode ---------------------------------------------------------------------------
// On a projector-sized screen the presented scenario carries its own title, the room's
// question (the first of the worksheet's questions) and the QR code of its link, so that the
// back row can read it and scan it without the trainer doing anything more (guide.css).
const PROJECTOR = "(min-width: 1600px) and (min-height: 900px)";

function presentHead(widgetRoot, on) {
  widgetRoot.querySelector(":scope > .cv-present-head")?.remove();
  if (!on) return;
  const head = document.createElement("div");
  head.className = "cv-present-head";
  const title = document.querySelector(".md-content__inner h1");
  const question = widgetRoot.querySelector(".cv-worksheet li");
  const titleText = title ? [...title.childNodes].filter((n) => !n.classList?.contains("headerlink")).map((n) => n.textContent).join("").trim() : "";
  if (titleText) head.append(Object.assign(document.createElement("p"), { className: "cv-present-title", textContent: titleText }));
  if (question) head.append(Object.assign(document.createElement("p"), { className: "cv-present-question", textContent: question.textContent.trim() }));
  widgetRoot.prepend(head);
}

// The QR code is the widget's own (its button draws the link as Copy link writes it, and
// redraws it as the figures change): opened for the projector, closed again on leaving.
function presentQr(widgetRoot, on) {
  const figure = widgetRoot.querySelector(".cv-share-qr");
  const button = widgetRoot.querySelector("[data-action='qr']");
  if (!figure || !button) return;
  if (on && figure.hidden && window.matchMedia(PROJECTOR).matches) {
    widgetRoot.dataset.presentQr = "";
    setTimeout(() => button.click()); // after the widget has mounted its click handler
  } else if (!on && widgetRoot.hasAttribute("data-present-qr")) {
    delete widgetRoot.dataset.presentQr;
    if (!figure.hidden) button.click();
  }
}

export function setPresenting(widgetRoot, on, words) {
  document.documentElement.classList.toggle("cv-present", on);
  for (const root of document.querySelectorAll(".cv-presenting")) {
    root.classList.remove("cv-presenting");
    root.style.zoom = "";
  }
  if (on) widgetRoot.classList.add("cv-presenting");
  const button = widgetRoot.querySelector("[data-action='present']");
  button.setAttribute("aria-pressed", String(on));
  button.textContent = on ? words.present_exit : words.present;
  presentHead(widgetRoot, on);
  presentQr(widgetRoot, on);
  if (!on) return;
  window.scrollTo(0, 0);
  fitOnResize();
  fitPresented(widgetRoot);
}

// Below a projector's size, present mode is laid out for the largest case (five alternatives
// in three columns) on a 1280 × 720 screen, in 11 px labels; a smaller case filled half of it.
// It is zoomed to fill the screen instead: the largest zoom up to MOST_ZOOM at which the page
// does not scroll, found by halving. ``grow`` false (after an answer, while the room types):
// only smaller, when the answer no longer fits, so that the text does not swell and shrink
// with every keystroke. A projector's own layout (guide.css) is never zoomed.
const MOST_ZOOM = 2;
const CLEARANCE = 8; // px between the column above the share button and the button

export function fitPresented(widgetRoot, grow = true) {
  const current = Number(widgetRoot.style.zoom) || 1;
  if (!isPresenting(widgetRoot) || window.matchMedia(PROJECTOR).matches) {
    widgetRoot.style.zoom = "";
    return;
  }
  const page = document.scrollingElement;
  // The share menu's button is fixed in a lower corner: the column under it (the inputs or
  // the results) stops above it.
  const share = widgetRoot.querySelector(".cv-share");
  const clearOfShare = () => {
    const button = share?.getBoundingClientRect();
    if (!button) return true;
    return [...widgetRoot.querySelectorAll(":scope > :is(.cv-form, .cv-answer)")].every((column) => {
      const box = column.getBoundingClientRect();
      return box.right <= button.left || box.left >= button.right || box.bottom + CLEARANCE <= button.top;
    });
  };
  const fitsAt = (zoom) => {
    widgetRoot.style.zoom = zoom === 1 ? "" : zoom.toFixed(3);
    if (page.scrollHeight > window.innerHeight || page.scrollWidth > window.innerWidth) return false;
    return clearOfShare();
  };
  if (!grow && fitsAt(current)) return;
  let [low, high] = [1, grow ? MOST_ZOOM : current];
  if (!fitsAt(low)) return; // unzoomed: a phone's screen, or a case taller than the screen anyway
  if (fitsAt(high)) return;
  for (let step = 0; step < 6; step++) {
    const middle = (low + high) / 2;
    if (fitsAt(middle)) low = middle;
    else high = middle;
  }
  fitsAt(low);
}

// A window resized while presenting (a projector plugged in, the window moved to it): fitted
// again. Watched from the first time a widget presents, not at import (compare.js imports this
// module, and its unit tests run under Node, where there is no window).
let watchingSize = false;

function fitOnResize() {
  if (watchingSize) return;
  watchingSize = true;
  let frame = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      const root = document.querySelector(".cv-presenting");
      if (root) fitPresented(root);
    });
  });
}

export function isPresenting(widgetRoot) {
  return widgetRoot.classList.contains("cv-presenting");
}

// ---- the worksheet -------------------------------------------------------------------------
// Prints the widget alone, with the chapter's questions, room for notes and a QR code back to
// the live scenario (print styles in guide.css).
export async function printWorksheet(widgetRoot, link, label) {
  await drawQr(widgetRoot.querySelector(".cv-worksheet-qr .cv-qr-code"), link, label);
  const html = document.documentElement;
  html.classList.add("cv-print-worksheet");
  widgetRoot.classList.add("cv-printing");
  window.addEventListener("afterprint", () => {
    html.classList.remove("cv-print-worksheet");
    widgetRoot.classList.remove("cv-printing");
  }, { once: true });
  window.print();
}

// ---- export --------------------------------------------------------------------------------
// A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a
// formula: such text gets a leading apostrophe. Plain numbers, negative ones included, stay
// numbers.
export function neutralise(cell) {
  const text = String(cell);
  if (/^-?\d+(\.\d+)?$/.test(text)) return text;
  return /^[=+\-@\t\r]/.test(text) ? "'" + text : text;
}

// How a spreadsheet in the reader's language reads a CSV file: where the decimal mark is a
// comma (de, nl, ru), Excel expects the list separator to be a semicolon. The decimal mark is
// the one the language's number format uses, so every language follows the same rule.
export function csvStyle(lang) {
  const decimal = new Intl.NumberFormat(lang).formatToParts(1.5).find((part) => part.type === "decimal")?.value || ".";
  return decimal === "," ? { separator: ";", decimal: "," } : { separator: ",", decimal: "." };
}

function csvCell(cell, style) {
  let text = neutralise(cell);
  if (/^-?\d+\.\d+$/.test(text)) text = text.replace(".", style.decimal); // a plain number only
  return text.includes(style.separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

// One table with four columns, so that every spreadsheet opens it the same way: the first
// rows say which calculator, language and link; then every input and every result.
export function csvText(record, words) {
  const rows = [[words.section, words.key, words.label, words.value]];
  rows.push([words.about, "calculator", words.calculator, record.calculator]);
  rows.push([words.about, "title", words.calculator, record.title]);
  rows.push([words.about, "lang", words.language, record.lang]);
  rows.push([words.about, "link", words.link, record.link]);
  for (const [key, value] of Object.entries(record.inputs)) rows.push([words.input, key, record.labels[key], value ?? ""]);
  for (const [key, value] of Object.entries(record.results)) rows.push([words.result, key, record.labels[key], value ?? ""]);
  return csvTable(rows, record.lang);
}

// Rows of cells as a CSV file the reader's spreadsheet opens as it is (also the room's export,
// compare.js). A byte-order mark, so that spreadsheet programs read it as UTF-8 (Korean, Chinese).
export function csvTable(rows, lang) {
  const style = csvStyle(lang);
  return "\ufeff" + rows.map((row) => row.map((cell) => csvCell(cell, style)).join(style.separator)).join("\r\n") + "\r\n";
}

export function jsonText(record) {
  return JSON.stringify(record, null, 2) + "\n";
}

export function download(filename, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// Present mode belongs to the widget that presents: a page reached by instant navigation (Back
// included) without one shows the site as usual, header and all.
if (typeof window !== "undefined" && window.document$) {
  window.document$.subscribe(() => {
    if (!document.querySelector(".cv-presenting")) document.documentElement.classList.remove("cv-present");
  });
}
