// Compare the room: a trainer pastes participants' links, or scans their "my result" QR codes,
// and sees their inputs and results side by side. Each link is computed by the same Python
// runtime as the calculators, in this browser; nothing is sent anywhere.
// The box of links is the room: a scanned code becomes one more line in it (the same line a
// chat would paste, "Anna: https://…"), so pasting, scanning, removing a person and keeping the
// room over a reload all go through one reading (readLink) and one table.
import { compute, runtimeUrls, startRuntime } from "./runtime.js";
import { fill, formatNumber, keyLabel, resultText } from "./format.js";
import { qrReader, readImage, scanFrames, startCamera } from "./scan.js";
import { debriefCharts, spreadChart } from "./debrief.js";
import { csvTable, download } from "./share.js";
import { knownVersion } from "./links.js";

const SLUG = /\/calculators\/([a-z-]+)\/?$/;

// A pasted line's link to one of the calculators: {tokens, at, url, slug}, or null.
function linkIn(line, calculators) {
  // "小王：https://…": a name written right against the link still comes apart from it.
  const tokens = line.replace(/(\S)(https?:\/\/)/g, "$1 $2").trim().split(/\s+/);
  const at = tokens.findIndex((token) => SLUG.test(urlOf(token)?.pathname || ""));
  if (at < 0) return null;
  const url = urlOf(tokens[at]);
  const slug = SLUG.exec(url.pathname)[1];
  return calculators[slug] ? { tokens, at, url, slug } : null;
}

// Whether a pasted line links to one of the calculators in a link format this guide does not
// read (another v=): said as such, not as "no link".
export function inOtherVersion(line, calculators) {
  const found = linkIn(line, calculators);
  return Boolean(found) && !knownVersion(calculators[found.slug].version, found.url.searchParams);
}

// A pasted line → {slug, fields, name} or null when it holds no link to one of the calculators
// that this guide reads. Text around the link is the participant's name, as a chat copies it
// ("Anna: https://…", "[10:32] Anna https://…"); a line with only a link has no name.
export function readLink(line, calculators) {
  const found = linkIn(line, calculators);
  if (!found || !knownVersion(calculators[found.slug].version, found.url.searchParams)) return null;
  const { tokens, at, url, slug } = found;
  const spec = calculators[slug];
  const fields = {};
  for (const [key, value] of url.searchParams) {
    if (spec.fields[key.replace(/_\d+$/, "")]) fields[key] = value; // repeated keys: the last wins
  }
  const name = tokens.filter((_, i) => i !== at).join(" ")
    .replace(/^\[[^\]]*\]\s*/, "") // a chat's time stamp
    .replace(/^[\s:;,\-–—>|：]+|[\s:;,\-–—<|：，]+$/g, "");
  return { slug, fields, name: name.slice(0, 60) };
}

// The room's text with `line` added at its end, or null when a line of the room says the same
// already: the same code read twice counts once.
export function withLine(text, line) {
  const wanted = line.trim();
  if (text.split(/\r?\n/).some((existing) => existing.trim() === wanted)) return null;
  const kept = text.replace(/\s+$/, "");
  return (kept ? kept + "\n" : "") + wanted;
}

// The room's text without its line number `n` (counted from 1, blank lines included, as the
// table's "Line" column counts). The line is emptied, not taken out: everyone after it keeps
// their line, and with it their number ("Participant 7" stays 7 while the trainer talks).
export function withoutLine(text, n) {
  const lines = text.split(/\r?\n/);
  if (n >= 1 && n <= lines.length) lines[n - 1] = "";
  return lines.join("\n").replace(/\s+$/, "");
}

// A token as a link ("<https://…>" as some chats wrap it), or null.
function urlOf(token) {
  try {
    return new URL(token.replace(/^[<(]+|[>),.]+$/g, ""), globalThis.location?.href);
  } catch {
    return null;
  }
}

function labelOf(spec, kind, key) {
  return keyLabel(key, (k) => spec[kind][k] && spec[kind][k].label, spec.messages.group.item, spec.qualified);
}

// The name a participant typed for item `item` of their list (an alternative's name), or "".
function typedName(spec, inputs, item) {
  const key = spec.group && spec.group.name;
  return (key && String((inputs || {})[item === 0 ? key : `${key}_${item}`] || "").trim()) || "";
}

function shown(spec, kind, key, value, lang, currency, inputs = {}) {
  if (value === null || value === undefined || value === "") return "–";
  const declared = spec[kind][key.replace(/_\d+$/, "")] || spec[kind][key];
  if (kind === "fields") {
    if (declared.kind === "choice") return declared.choices[value] || String(value);
    if (declared.kind === "text") return String(value);
    return formatNumber(declared.kind, value, lang, currency);
  }
  // An item the participant named is shown by that name, as their calculator shows it; a
  // word for the value ("nobody on this level") and an unnamed item's legend otherwise.
  const word = ((spec.messages.values || {})[key.replace(/_\d+$/, "")] || {})[value];
  const named = declared.kind === "item" && word === undefined ? typedName(spec, inputs, value) : "";
  return named || resultText(spec.messages, declared.kind, key, value, lang, currency);
}

function cell(tag, text, attributes = {}) {
  const element = document.createElement(tag);
  element.textContent = text; // participants' text is never HTML
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

const numeric = (value) => typeof value === "number" && Number.isFinite(value);

// Rows by the main result, highest first; participants without a number for it (a bad link,
// "no ratio") last, in the order they were pasted.
export function ranked(rows, main) {
  const value = (row) => (row.result.ok && numeric((row.result.values || {})[main]) ? row.result.values[main] : null);
  return [...rows].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    if (x === null || y === null) return (x === null) - (y === null) || a.line - b.line;
    return y - x || a.line - b.line;
  });
}

// One row per participant: the line it was pasted on, the name, the main result (with the
// highest and lowest marked in words, not by colour alone), the other results, then the inputs.
function table(spec, rows, lang, words) {
  const main = spec.main;
  const sorted = ranked(rows, main);
  const numbers = sorted.map((row) => (row.result.ok ? (row.result.values || {})[main] : null)).filter(numeric);
  const [highest, lowest] = [Math.max(...numbers), Math.min(...numbers)];
  const keysOf = (kind, pick) => {
    const keys = [];
    for (const row of rows) for (const key of Object.keys(pick(row.result) || {})) {
      if (!keys.includes(key) && key !== main && (spec[kind][key.replace(/_\d+$/, "")] || spec[kind][key])) keys.push(key);
    }
    return keys;
  };
  const columns = [
    ["outputs", main, (r) => r.values],
    ...keysOf("outputs", (r) => r.values).map((key) => ["outputs", key, (r) => r.values]),
    ...keysOf("fields", (r) => r.inputs).map((key) => ["fields", key, (r) => r.inputs]),
  ];
  const element = cell("table", "", { class: "cv-compare-grid" }); // not Material's roomy table style
  const caption = cell("caption", fill(words.caption, () => spec.title));
  caption.append(cell("span", fill(words.sorted, () => labelOf(spec, "outputs", main)), { class: "cv-compare-sorted" }));
  element.append(caption);
  const head = document.createElement("tr");
  head.append(cell("th", words.line, { scope: "col" }), cell("th", words.name, { scope: "col", class: "cv-compare-name" }));
  for (const [kind, key] of columns) {
    const label = labelOf(spec, kind, key);
    // Its length lets guide.css widen a long heading (an input's label with its examples and
    // the offer it belongs to): wrapped to a narrow column, one made the sticky header row
    // seven lines tall on a phone.
    head.append(cell("th", label, { scope: "col", "data-key": key, style: `--cv-heading-length: ${label.length}`,
      class: key === main ? "cv-compare-main" : kind === "fields" ? "cv-compare-input" : "" }));
  }
  element.createTHead().append(head);
  const body = element.createTBody();
  sorted.forEach((row) => {
    const { result } = row;
    const tr = document.createElement("tr");
    tr.dataset.line = String(row.line);
    const mainValue = result.ok ? (result.values || {})[main] : null;
    const mark = numbers.length > 1 && numeric(mainValue) ? (mainValue === highest ? "highest" : mainValue === lowest ? "lowest" : "") : "";
    if (mark) tr.dataset.mark = mark;
    tr.append(cell("td", String(row.line)));
    const name = nameOf(row, words);
    // aria-label: the row's header for every cell is the name, not "Remove Anna Anna".
    const nameCell = cell("th", "", { scope: "row", class: "cv-compare-name", "aria-label": name });
    // One button per person, named after them for screen readers ("Remove Anna").
    const remove = cell("button", "", { type: "button", class: "cv-compare-remove", "data-action": "remove", "data-line": String(row.line), title: fill(words.remove, () => name) });
    remove.append(cell("span", "✕", { "aria-hidden": "true" }), cell("span", fill(words.remove, () => name), { class: "cv-visually-hidden" }));
    nameCell.append(remove, " ", name); // first: a long name is cut short, never its button
    tr.append(nameCell);
    const currency = (result.inputs && result.inputs.currency) || "USD";
    for (const [kind, key, pick] of columns) {
      const value = (pick(result) || {})[key];
      const text = result.ok || kind === "fields" ? shown(spec, kind, key, value, lang, currency, result.inputs) : "–";
      const td = cell("td", text, { "data-key": key, ...(value === undefined || value === null ? {} : { "data-value": String(value) }) });
      if (key === main) {
        td.classList.add("cv-compare-main");
        if (mark) td.append(" ", cell("strong", mark === "highest" ? `▲ ${words.highest}` : `▼ ${words.lowest}`, { class: "cv-compare-mark" }));
      }
      tr.append(td);
    }
    body.append(tr);
  });
  return element;
}

// The room as last computed, per page: what the debrief and the room's CSV show.
const rooms = new WeakMap();
let comparing = 0;

async function compareRoom(root) {
  const generation = ++comparing; // a later comparison (a reload's, a new scan's) wins
  const config = JSON.parse(root.dataset.compare);
  const { words, lang, calculators } = config;
  const messages = root.querySelector(".cv-compare-messages");
  const output = root.querySelector(".cv-compare-table");
  // Line numbers count every line as pasted, blank ones included, so that a message's
  // "line 5" is the fifth line of the box.
  const lines = root.querySelector("textarea").value.split(/\r?\n/).map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => text.trim());
  const problems = [];
  const links = [];
  const firstLine = new Map(); // a line's text → the line it was first pasted on
  for (const { text, line } of lines) {
    const link = readLink(text, calculators);
    const first = firstLine.get(text.trim());
    firstLine.set(text.trim(), first || line);
    // The same line twice (pasted again, or a chat copied twice) is one person, as a code
    // read twice is.
    if (first) problems.push(fill(words.repeated, (name) => String(name === "n" ? line : first)));
    else if (!link) problems.push(fill(inOtherVersion(text, calculators) ? words.other_version : words.not_a_link, () => String(line)));
    else if (links.length && link.slug !== links[0].slug) problems.push(fill(words.other_calculator, (name) => (name === "n" ? String(line) : calculators[link.slug].title)));
    else links.push({ ...link, line });
  }
  if (!lines.length) problems.push(words.empty);
  output.replaceChildren();
  messages.textContent = problems.join(" ");
  root.querySelector(".cv-compare-count").textContent = "";
  keepRoom(root);
  root.dataset.compared = "0";
  rooms.delete(root);
  if (!links.length) return;
  const spec = calculators[links[0].slug];
  await startRuntime(runtimeUrls(root.dataset.runtime));
  const results = await Promise.all(links.map((link) => compute({ calculator: spec.id, fields: link.fields, lang: "link" })));
  if (generation !== comparing) return;
  const rows = links.map((link, i) => ({ ...link, result: results[i] }));
  for (const row of rows) {
    if (row.result.ok) continue;
    const key = Object.keys(row.result.errors || {})[0];
    problems.push(fill(words.invalid, (name) => (name === "n" ? String(row.line) : labelOf(spec, "fields", key))));
  }
  messages.textContent = problems.join(" ");
  output.replaceChildren(table(spec, rows, lang, words));
  root.querySelector(".cv-compare-count").textContent = fill(words.count, () => String(rows.length));
  rooms.set(root, { spec, rows, lang, words });
  root.dataset.compared = String(results.length);
}

// ---- the room kept on this device, for this page only ----------------------------------------
const roomKey = () => "cv-room:" + location.pathname;

function keepRoom(root) {
  const text = root.querySelector("textarea").value;
  try {
    if (text.trim()) localStorage.setItem(roomKey(), text);
    else localStorage.removeItem(roomKey());
  } catch { /* storage refused (private mode): the room lasts as long as the page */ }
}

function keptRoom() {
  try {
    return localStorage.getItem(roomKey()) || "";
  } catch {
    return "";
  }
}

// ---- scanning: the camera, or image files --------------------------------------------------
const scans = new WeakMap();

function scanState(root) {
  if (!scans.has(root)) scans.set(root, { stop: null, lastRead: null, queue: Promise.resolve(), read: null });
  return scans.get(root);
}

function say(root, text) {
  root.querySelector(".cv-compare-scan-status").textContent = text;
}

const roomCount = (root, words) => fill(words.count, () => root.dataset.compared || "0");

// One code read: its line joins the room unless the room has it. A code still held up to the
// camera is read again frame after frame: only a new reading counts (`again` for images).
async function addScanned(root, text, again = false) {
  const state = scanState(root);
  const { words, calculators } = JSON.parse(root.dataset.compare);
  const line = text.replace(/\s+/g, " ").trim();
  if (!again && line === state.lastRead) return;
  state.lastRead = line;
  const link = readLink(line, calculators);
  if (!link) return say(root, words.not_a_code);
  const textarea = root.querySelector("textarea");
  const first = textarea.value.split(/\r?\n/).map((l) => readLink(l, calculators)).find(Boolean);
  if (first && first.slug !== link.slug) return say(root, fill(words.scan_other, () => calculators[link.slug].title));
  const who = link.name || words.no_name;
  const next = withLine(textarea.value, line);
  if (next === null) return say(root, `${fill(words.again, () => who)} ${roomCount(root, words)}`);
  textarea.value = next;
  await compareRoom(root);
  say(root, `${fill(words.added, () => who)} ${roomCount(root, words)}`);
}

// Codes arrive one after another; each waits for the one before (the table is rebuilt each time).
function arrive(root, text, again) {
  const state = scanState(root);
  state.queue = state.queue.then(() => addScanned(root, text, again)).catch((error) => {
    console.warn("compare:", error);
    say(root, JSON.parse(root.dataset.compare).words.failed);
  });
  return state.queue;
}

async function reader(root) {
  const state = scanState(root);
  state.read ||= await qrReader();
  return state.read;
}

function showScanning(root, on) {
  const { words } = JSON.parse(root.dataset.compare);
  const button = root.querySelector("[data-action=scan]");
  button.setAttribute("aria-pressed", String(on));
  button.textContent = on ? words.scan_stop : words.scan;
  root.querySelector(".cv-compare-camera").hidden = !on;
}

function stopScanning(root) {
  const state = scanState(root);
  state.stop?.();
  state.stop = null;
  showScanning(root, false);
}

async function toggleScanning(root) {
  const state = scanState(root);
  if (state.stop) return stopScanning(root);
  if (state.starting) return; // a second click while the camera is opening
  const { words } = JSON.parse(root.dataset.compare);
  const video = root.querySelector(".cv-compare-camera");
  try {
    state.starting = true;
    const read = await reader(root);
    state.stop = await startCamera(video).finally(() => { state.starting = false; });
    state.lastRead = null;
    showScanning(root, true);
    say(root, `${words.scanning} ${roomCount(root, words)}`);
    // Until the trainer stops, or leaves the page (instant navigation keeps the document).
    await scanFrames(video, read, (text) => arrive(root, text), () => state.stop !== null && root.isConnected);
    if (!root.isConnected) stopScanning(root);
  } catch (error) {
    state.starting = false;
    console.warn("compare: camera", error);
    stopScanning(root);
    say(root, fill(words.no_camera, () => error.name || String(error)));
  }
}

async function readFiles(root, input) {
  const { words } = JSON.parse(root.dataset.compare);
  const read = await reader(root);
  for (const file of input.files) {
    let texts = [];
    try {
      texts = await readImage(file, read);
    } catch (error) {
      console.warn("compare: image", error);
    }
    if (!texts.length) say(root, fill(words.no_code, () => file.name));
    for (const text of texts) await arrive(root, text, true);
  }
  input.value = ""; // the same file chosen again is read again
}

function clearRoom(root) {
  comparing++; // a comparison still computing does not bring the room back
  rooms.delete(root); // nor do the debrief and the CSV
  root.querySelector("textarea").value = "";
  root.querySelector(".cv-compare-table").replaceChildren();
  root.querySelector(".cv-compare-messages").textContent = "";
  root.querySelector(".cv-compare-count").textContent = "";
  root.dataset.compared = "0";
  scanState(root).lastRead = null;
  keepRoom(root);
  say(root, "");
}

async function removeLine(root, line) {
  const textarea = root.querySelector("textarea");
  const removed = textarea.value.split(/\r?\n/)[line - 1]?.trim();
  if (removed === scanState(root).lastRead) scanState(root).lastRead = null; // may be scanned anew
  textarea.value = withoutLine(textarea.value, line);
  await compareRoom(root);
  root.querySelector("textarea").focus(); // the row and its button are gone: focus stays near
}

// ---- the debrief: one chart at a time, in present mode ---------------------------------------
// A participant's name, or for a line with only a link its line number: a number that stays
// theirs when someone else is removed (withoutLine).
function nameOf(row, words) {
  return row.name || fill(words.participant, () => String(row.line));
}

function showChart(root, index) {
  const room = rooms.get(root);
  const state = debriefs.get(root);
  if (!room || !state) return;
  const { spec, rows, lang, words } = room;
  state.index = (index + state.charts.length) % state.charts.length;
  const key = state.charts[state.index];
  const label = labelOf(spec, "outputs", key);
  const entries = rows.map((row) => {
    const value = row.result.ok ? (row.result.values || {})[key] : null;
    const currency = (row.result.inputs && row.result.inputs.currency) || "USD";
    return { name: nameOf(row, words), value, text: row.result.ok ? shown(spec, "outputs", key, value, lang, currency) : "–" };
  });
  const section = root.querySelector(".cv-debrief");
  section.querySelector(".cv-debrief-title").textContent = label;
  section.querySelector(".cv-debrief-position").textContent = fill(words.position, (name) => String(name === "i" ? state.index + 1 : state.charts.length));
  const figure = section.querySelector(".cv-debrief-chart");
  figure.dataset.key = key;
  const width = Math.max(280, Math.round(figure.clientWidth || 640)); // the container's width, as figures.js draws
  figure.replaceChildren(...spreadChart(entries, label, { ...words, list_separator: spec.list_separator }, width));
  for (const button of section.querySelectorAll("[data-action=debrief-previous], [data-action=debrief-next]")) {
    button.hidden = state.charts.length < 2;
  }
}

const debriefs = new WeakMap();

function openDebrief(root) {
  const room = rooms.get(root);
  const messages = root.querySelector(".cv-compare-messages");
  const charts = room ? debriefCharts(room.spec.debrief || [room.spec.main], room.rows) : [];
  if (!charts.length) {
    messages.textContent = room ? room.words.no_chart : JSON.parse(root.dataset.compare).words.empty;
    return;
  }
  stopScanning(root);
  const redraw = () => showChart(root, debriefs.get(root).index);
  debriefs.set(root, { charts, index: 0, redraw });
  document.documentElement.classList.add("cv-present");
  root.classList.add("cv-presenting");
  const section = root.querySelector(".cv-debrief");
  section.hidden = false;
  root.querySelector("[data-action=debrief]").setAttribute("aria-expanded", "true");
  window.scrollTo(0, 0);
  showChart(root, 0);
  window.addEventListener("resize", redraw);
  section.querySelector(".cv-debrief-title").focus();
}

function closeDebrief(root) {
  const state = debriefs.get(root);
  if (!state) return;
  window.removeEventListener("resize", state.redraw);
  debriefs.delete(root);
  document.documentElement.classList.remove("cv-present");
  root.classList.remove("cv-presenting");
  root.querySelector(".cv-debrief").hidden = true;
  const button = root.querySelector("[data-action=debrief]");
  button.setAttribute("aria-expanded", "false");
  button.focus();
}

// The room as one table in a file, in the table's order: line, name, the main result, the
// other results, the inputs. Numbers are raw, for the locale's CSV rules (share.js) to write as
// the reader's spreadsheet reads them; choices and named items are the words the table shows.
function roomCsv(root) {
  const room = rooms.get(root);
  if (!room) return;
  const { spec, rows, lang, words } = room;
  const columns = [["outputs", spec.main]];
  for (const kind of ["outputs", "fields"]) {
    for (const row of rows) {
      for (const key of Object.keys((kind === "outputs" ? row.result.values : row.result.inputs) || {})) {
        if (!columns.some(([k, c]) => k === kind && c === key) && (spec[kind][key.replace(/_\d+$/, "")] || spec[kind][key])) columns.push([kind, key]);
      }
    }
  }
  const table = [[words.line, words.name, ...columns.map(([kind, key]) => labelOf(spec, kind, key))]];
  for (const row of ranked(rows, spec.main)) {
    table.push([row.line, nameOf(row, words), ...columns.map(([kind, key]) => {
      const value = ((kind === "outputs" ? (row.result.ok ? row.result.values : {}) : row.result.inputs) || {})[key];
      if (value === null || value === undefined) return "";
      const declared = spec[kind][key.replace(/_\d+$/, "")] || spec[kind][key];
      const inWords = ["choice", "item", "category"].includes(declared.kind); // no amount: no currency
      return inWords ? shown(spec, kind, key, value, lang, undefined, row.result.inputs) : value;
    })]);
  }
  download(`room-${spec.id.replaceAll("_", "-")}.csv`, "text/csv;charset=utf-8", csvTable(table, lang));
}

function failed(root, error) {
  console.warn("compare:", error);
  root.querySelector(".cv-compare-messages").textContent = JSON.parse(root.dataset.compare).words.failed;
}

function mountCompare() {
  for (const root of document.querySelectorAll("[data-compare]:not([data-mounted])")) {
    root.setAttribute("data-mounted", "");
    root.addEventListener("click", (event) => {
      const action = event.target.closest("[data-action]");
      if (!action) return;
      if (action.dataset.action === "clear") clearRoom(root);
      if (action.dataset.action === "compare") compareRoom(root).catch((error) => failed(root, error));
      if (action.dataset.action === "scan") toggleScanning(root);
      if (action.dataset.action === "remove") removeLine(root, Number(action.dataset.line)).catch((error) => failed(root, error));
      if (action.dataset.action === "debrief") openDebrief(root);
      if (action.dataset.action === "debrief-exit") closeDebrief(root);
      if (action.dataset.action === "debrief-previous") showChart(root, debriefs.get(root).index - 1);
      if (action.dataset.action === "debrief-next") showChart(root, debriefs.get(root).index + 1);
      if (action.dataset.action === "room-csv") roomCsv(root);
    });
    root.addEventListener("keydown", (event) => {
      if (!debriefs.has(root) || event.target.matches("input, textarea")) return;
      if (event.key === "Escape") closeDebrief(root);
      if (event.key === "ArrowRight") showChart(root, debriefs.get(root).index + 1);
      if (event.key === "ArrowLeft") showChart(root, debriefs.get(root).index - 1);
    });
    root.querySelector("input[type=file]")?.addEventListener("change", (event) => readFiles(root, event.target).catch((error) => failed(root, error)));
    // The room as it was left: after a reload, or on coming back to the page.
    const kept = keptRoom();
    if (kept.trim()) {
      root.querySelector("textarea").value = kept;
      compareRoom(root).catch((error) => failed(root, error));
    }
  }
}

// Mounted in the page; the unit tests import readLink under Node, where there is no page.
if (typeof window !== "undefined") {
  if (window.document$) window.document$.subscribe(mountCompare);
  else document.addEventListener("DOMContentLoaded", mountCompare);
}
