// The room's debrief (Compare the room, compare.js): the spread of one result across the room
// as one chart at a time, large, in present mode. The charts follow figures.js's rules: drawn
// at the container's width, colours from the theme (dark mode, print in guide.css), every
// chart with its data table, texts from the catalogues. Participants' names are readers' text:
// set with textContent only (figures.js's el).
import { dataTable, el } from "./figures.js";

const numeric = (value) => typeof value === "number" && Number.isFinite(value);

// The charts of a room: each result the calculator's debrief names (sitebuild/workshop.py
// DEBRIEF), and the same result of each further item the room's links carry (value_ratio_2 for
// offer 2), in that order. A result no participant has a number for is left out.
export function debriefCharts(keys, rows) {
  const charts = [];
  for (const key of keys) {
    const found = new Set();
    for (const row of rows) {
      for (const [name, value] of Object.entries((row.result.ok && row.result.values) || {})) {
        if ((name === key || new RegExp(`^${key}_\\d+$`).test(name)) && numeric(value)) found.add(name);
      }
    }
    const suffix = (name) => Number(name.slice(key.length + 1) || 0);
    charts.push(...[...found].sort((a, b) => suffix(a) - suffix(b)));
  }
  return charts;
}

// One horizontal bar per participant, highest first, on one scale that includes 0 (a negative
// net value points left of the zero line); participants without a number for this result are
// listed below the bars and in the table, never drawn as 0.
// `entries`: [{ name, value (number or null), text (the value as the page writes it) }].
export function spreadChart(entries, label, words, width) {
  const sorted = [...entries].sort((a, b) => (numeric(b.value) - numeric(a.value)) || (numeric(a.value) ? b.value - a.value : 0));
  const drawn = sorted.filter((entry) => numeric(entry.value));
  // A big room gets thinner bars, so that 25 participants fit a projected screen.
  const [rowHeight, bar] = drawn.length > 12 ? [26, 18] : [36, 24];
  const nameSpace = Math.min(200, Math.round(width * (width < 500 ? 0.4 : 0.3))); // a phone: names first
  const valueSpace = Math.min(150, Math.round(width * 0.25));
  const values = drawn.map((entry) => entry.value);
  const [low, high] = [Math.min(0, ...values), Math.max(0, ...values)];
  const span = high - low || 1;
  const x = (value) => nameSpace + ((value - low) / span) * (width - nameSpace - valueSpace);
  const height = Math.max(1, drawn.length) * rowHeight + 8;
  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", class: "cv-chart cv-bars cv-spread" });
  svg.append(el("title", {}, `${label}. ${sorted.map((entry) => `${entry.name}: ${entry.text}`).join("; ")}`));
  // Names cut to the space they have (about 0.6 em a Latin letter, 1 em a CJK one, at 18 px, the present size).
  const fit = (name) => {
    let out = "";
    let used = 0;
    for (const ch of name) {
      used += /[\u1100-\uffff]/.test(ch) ? 18 : 10.8;
      if (used > nameSpace - 16) return out + "…";
      out += ch;
    }
    return out;
  };
  drawn.forEach((entry, i) => {
    const y = 4 + i * rowHeight;
    const [from, to] = [x(Math.min(0, entry.value)), x(Math.max(0, entry.value))];
    const group = el("g", { class: "cv-bar-group" });
    group.append(el("text", { x: nameSpace - 8, y: y + bar / 2 + 5, "text-anchor": "end", class: "cv-bar-offer" }, fit(entry.name)));
    group.append(el("rect", { x: from, y, width: Math.max(2, to - from), height: bar, class: "cv-bar-benefit" }));
    group.append(el("text", { x: Math.max(to, x(0)) + 8, y: y + bar / 2 + 5, class: "cv-bar-value" }, entry.text));
    svg.append(group);
  });
  if (low < 0) svg.append(el("line", { class: "cv-spread-zero", x1: x(0), x2: x(0), y1: 0, y2: height }));
  const missing = sorted.filter((entry) => !numeric(entry.value));
  const parts = [svg];
  if (missing.length) parts.push(el("p", { class: "cv-legend-note" }, `${words.no_number} ${missing.map((entry) => entry.name).join(words.list_separator || ", ")}`));
  parts.push(dataTable(words.table, [words.name, label], sorted.map((entry) => [entry.name, entry.text])));
  return parts;
}
