// "What moves it": the data Python returns as ``moves`` (calculators/sensitivity.py) drawn as
// a tornado chart (each input 20 % lower and higher, the largest effect first) with its data
// table, the inputs that were not moved and why, and for the lifetime value a two-way table
// with the reader's case marked. Labels are the page's own field labels; every text comes from
// the widget catalogue's ``moves``. Set with textContent only.
import { fill as fillWith, formatNumber } from "./format.js";
import { fieldOf } from "./links.js";

const SVG = "http://www.w3.org/2000/svg";
const SVG_TAGS = new Set(["svg", "g", "line", "rect", "text", "title"]);

function el(name, attributes = {}, text) {
  const node = SVG_TAGS.has(name) ? document.createElementNS(SVG, name) : document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

const fill = (template, values) => fillWith(template, (name) => values[name]);

// Lines of at most `width` pixels at `size` px: Latin letters about 0.6 em, CJK about 1 em
// (as figures.js wraps its level rules).
function wrap(text, width, size) {
  const measure = (t) => [...t].reduce((sum, ch) => sum + (/[\u1100-\uffff]/.test(ch) ? 1 : 0.6) * size, 0);
  const spaced = /\s/.test(text);
  const words = spaced ? text.split(/\s+/) : [...text];
  const lines = [""];
  for (const word of words) {
    const candidate = lines.at(-1) ? lines.at(-1) + (spaced ? " " : "") + word : word;
    if (measure(candidate) > width && lines.at(-1)) lines.push(word);
    else lines[lines.length - 1] = candidate;
  }
  return lines;
}

// Everything the drawing needs to name and format: from the widget's spec and catalogues.
function wording(spec, locale, currency, moves) {
  const text = spec.messages.widget.moves;
  const outputKind = spec.outputs[moves.output];
  const none = spec.messages.widget.none;
  // Beside other offers, the value calculator's bare keys are offer 1: say whose result moves.
  const qualified = (name, item) => fill(spec.messages.widget.qualified, { name, item });
  const output = spec.labels.outputs[moves.output];
  const offerOne = spec.group && spec.group.first === 2 && (moves.items || []).length;
  return {
    text,
    qualified,
    output: offerOne ? qualified(output, fillWith(spec.messages.calculator.group.item, () => "1")) : output,
    label: (key) => spec.labels.fields[key] || key,
    result: (value) => (value === null ? none : formatNumber(outputKind, value, locale, currency)),
    input: (key, value) => formatNumber(fieldOf(spec, key).kind, value, locale, currency),
    list: (keys) => keys.map((key) => spec.labels.fields[key] || key).join(spec.messages.widget.list_separator),
  };
}

// The tornado: one row per input, its label above two bars from the current result, the
// input lowered (outlined) and raised (filled): told apart by their fill, not by colour alone.
function tornado(moves, words, width) {
  const swings = moves.swings;
  const [size, barHeight, barGap, rowGap, top] = [12, 12, 3, 12, 26];
  const valueSpace = Math.min(96, Math.round(width * 0.24));
  const centre = width / 2;
  const deltas = swings.flatMap((s) => [s.low_result, s.high_result]).filter((r) => r !== null).map((r) => Math.abs(r - moves.result));
  const largest = Math.max(...deltas, 0) || 1;
  const x = (value) => centre + ((value - moves.result) / largest) * (centre - valueSpace);
  const rows = swings.map((swing) => ({ swing, lines: wrap(words.label(swing.key), width - 4, size) }));
  const height = top + rows.reduce((sum, row) => sum + row.lines.length * 15 + 2 * barHeight + barGap + rowGap, 0);
  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", class: "cv-chart cv-tornado" });
  const summary = swings.map((s) => fill(words.text.summary_row, {
    input: words.label(s.key), low: words.result(s.low_result), high: words.result(s.high_result) })).join("; ");
  svg.append(el("title", {}, `${fill(words.text.chart, { output: words.output })}. ${fill(words.text.now, { result: words.result(moves.result) })}. ${summary}`));
  svg.append(el("text", { x: centre, y: 14, "text-anchor": "middle", class: "cv-tornado-now" }, fill(words.text.now, { result: words.result(moves.result) })));
  let y = top;
  for (const { swing, lines } of rows) {
    const group = el("g", { class: "cv-tornado-row", "data-key": swing.key });
    lines.forEach((line, i) => group.append(el("text", { x: 2, y: y + 11 + i * 15, class: "cv-tornado-label" }, line)));
    y += lines.length * 15;
    // The current result's line, beside the bars only: through a label it would cross out words.
    group.append(el("line", { x1: centre, x2: centre, y1: y - 3, y2: y + 2 * barHeight + barGap + 3, class: "cv-tornado-axis" }));
    [["low_result", "cv-tornado-low"], ["high_result", "cv-tornado-high"]].forEach(([key, cls], index) => {
      const value = swing[key];
      const barTop = y + index * (barHeight + barGap);
      if (value !== null) {
        const end = x(value);
        const [from, to] = [Math.min(centre, end), Math.max(centre, end)];
        group.append(el("rect", { x: from, y: barTop, width: Math.max(1, to - from), height: barHeight, class: cls }));
      }
      const right = value === null || value >= moves.result;
      const at = value === null ? centre : x(value);
      group.append(el("text", { x: right ? at + 4 : at - 4, y: barTop + barHeight - 2, "text-anchor": right ? "start" : "end",
        class: "cv-tornado-value" }, words.result(value)));
    });
    y += 2 * barHeight + barGap + rowGap;
    svg.append(group);
  }
  return svg;
}

function dataTable(moves, words) {
  const details = el("details", { class: "cv-moves-data" });
  details.append(el("summary", {}, words.text.table));
  const wrapBox = el("div", { class: "cv-table-wrap", tabindex: "0", role: "region", "aria-label": words.text.table });
  const table = el("table", { class: "cv-table cv-moves-table" });
  const head = el("tr");
  // Four columns, so that the table fits a phone and paper: each side reads "input → result".
  for (const header of [words.text.input, words.text.lower, words.text.higher, words.text.spread]) {
    head.append(el("th", { scope: "col" }, header));
  }
  const thead = el("thead");
  thead.append(head);
  const body = el("tbody");
  for (const s of moves.swings) {
    // A value a limit held says so: "100 % (limit)".
    const inputText = (value, limit) => (s.clipped.includes(limit)
      ? words.qualified(words.input(s.key, value), words.text.limit) : words.input(s.key, value));
    const tr = el("tr", { "data-key": s.key });
    tr.append(el("th", { scope: "row" }, words.label(s.key)));
    // "US$72 → US$2" breaks after the arrow, never inside an amount ("US$72 / → / US$2"
    // in a narrow column).
    const side = (value, limit, result) => {
      const cell = el("td");
      cell.append(el("span", { class: "cv-nowrap" }, `${inputText(value, limit)} \u2192`), " ", el("span", { class: "cv-nowrap" }, words.result(result)));
      return cell;
    };
    tr.append(side(s.low, "minimum", s.low_result), side(s.high, "maximum", s.high_result), el("td", { class: "cv-nowrap" }, words.result(s.effect)));
    body.append(tr);
  }
  table.append(thead, body);
  wrapBox.append(table);
  details.append(wrapBox);
  return details;
}

// Why some inputs are not in the chart, one sentence per reason; and which inputs a limit held.
function remarks(moves, words) {
  const list = el("ul", { class: "cv-moves-remarks" });
  for (const s of moves.swings) {
    for (const limit of s.clipped) {
      list.append(el("li", {}, fill(words.text.clipped, { field: words.label(s.key), value: words.input(s.key, limit === "maximum" ? s.high : s.low) })));
    }
    if (s.rounded) list.append(el("li", {}, fill(words.text.rounded, { field: words.label(s.key) })));
  }
  for (const reason of ["no_effect", "not_given", "zero", "choice", "text"]) {
    const keys = moves.fixed.filter((f) => f.reason === reason).map((f) => f.key);
    if (keys.length) list.append(el("li", { "data-reason": reason }, fill(words.text.reasons[reason], { fields: words.list(keys), output: words.output })));
  }
  return list.children.length ? list : null;
}

// The two-way table: rows one input, columns the other, the reader's cell marked by a star,
// bold type, a frame and the words "your case" for screen readers (never by colour alone).
function twoWay(grid, words, id) {
  const box = el("div", { class: "cv-moves-grid" });
  // The caption above the scrolling box, not inside it: a wide table would carry it off screen.
  box.append(el("p", { id, class: "cv-moves-grid-caption" }, fill(words.text.grid, {
    output: words.output, rows: words.label(grid.rows_key), columns: words.label(grid.columns_key) })));
  const scroller = el("div", { class: "cv-table-wrap", tabindex: "0", role: "region", "aria-labelledby": id });
  const table = el("table", { class: "cv-table", "aria-labelledby": id });
  // Two header rows: the columns' input over its values; the rows' input in the corner.
  const top = el("tr");
  top.append(el("th", { scope: "col", rowspan: "2", class: "cv-moves-corner" }, `${words.label(grid.rows_key)} \u2193`));
  // The columns' input in a box of its own: on a phone, where the table scrolls sideways, it
  // stays in view beside the corner (guide.css), where its cell would slide under the corner.
  const across = el("th", { scope: "colgroup", colspan: String(grid.columns.length) });
  across.append(el("span", { class: "cv-moves-across" }, `${words.label(grid.columns_key)} \u2192`));
  top.append(across);
  const head = el("tr");
  grid.columns.forEach((value, c) => head.append(el("th", { scope: "col", ...(c === grid.column ? { class: "cv-moves-mine" } : {}) },
    words.input(grid.columns_key, value))));
  const thead = el("thead");
  thead.append(top, head);
  const body = el("tbody");
  grid.rows.forEach((rowValue, r) => {
    const tr = el("tr");
    tr.append(el("th", { scope: "row", ...(r === grid.row ? { class: "cv-moves-mine" } : {}) }, words.input(grid.rows_key, rowValue)));
    grid.cells[r].forEach((cell, c) => {
      const mine = r === grid.row && c === grid.column;
      const td = el("td", mine ? { class: "cv-moves-you", "data-mine": "" } : {});
      td.textContent = (mine ? "★ " : "") + words.result(cell);
      if (mine) td.append(el("span", { class: "cv-visually-hidden" }, ` (${words.text.you})`));
      tr.append(td);
    });
    body.append(tr);
  });
  table.append(thead, body);
  scroller.append(table);
  box.append(scroller);
  return box;
}

// A printed page has no button to open the section: open it before printing (and keep it
// open if printing's layout draws the section again).
let printing = false;
window.addEventListener("beforeprint", () => {
  printing = true;
  for (const section of document.querySelectorAll("details.cv-moves, details.cv-moves-data")) section.open = true;
});
window.addEventListener("afterprint", () => { printing = false; });

// The last drawing of each section, to draw it again at a new width: a section drawn while
// folded away (the phone's closed answer bar) has no width yet, and a window can be resized.
const drawn = new WeakMap();
const resized = typeof ResizeObserver === "undefined" ? null : new ResizeObserver((entries) => {
  for (const entry of entries) {
    const section = entry.target.closest(".cv-moves");
    const last = drawn.get(section);
    const width = Math.round(entry.contentRect.width);
    if (last && width > 0 && width !== last.width) renderMoves(section, ...last.args, width);
    else showMine(entry.target); // laid out already: the table's geometry costs nothing to read
  }
});

// The width the section was last drawn at (0: not drawn, or drawn folded away), kept current
// by the observer above: a caller need not read the page's layout to learn it.
export function drawnWidth(section) {
  return (section && drawn.get(section)?.width) || 0;
}

// Draws ``moves`` into the section's body; an empty ``moves`` (no result to move) hides it.
// ``width``: the body's width, read by the caller before it wrote to the page (0: none yet).
export function renderMoves(section, moves, spec, locale, currency, width) {
  if (!section) return;
  const body = section.querySelector(".cv-moves-body");
  const empty = !moves || !moves.swings;
  section.hidden = empty;
  if (empty) return body.replaceChildren();
  const words = wording(spec, locale, currency, moves);
  section.querySelector(".cv-moves-intro").textContent = fill(words.text.intro, { output: words.output });
  // Drawn at the section's own width, so text keeps its size on a phone.
  const measured = Math.round(width);
  // A data table the reader opened stays open with the next answer.
  const opened = printing || Boolean(body.querySelector("details.cv-moves-data[open]"));
  const table = dataTable(moves, words);
  table.open = opened;
  const parts = moves.swings.length ? [tornado(moves, words, Math.max(240, measured || 360)), legend(words), table] : [];
  parts.push(remarks(moves, words));
  if (moves.grid) parts.push(twoWay(moves.grid, words, `${section.id}-grid`));
  body.replaceChildren(...parts.filter(Boolean));
  drawn.set(section, { width: measured, args: [moves, spec, locale, currency] });
  if (!resized) return showMine(body);
  // Observed anew, the body is reported once the frame has laid it out: the reader's cell is
  // scrolled into view there (read now, the table's geometry would force one more layout).
  resized.unobserve(body);
  resized.observe(body);
}

// On a phone the two-way table is wider than the screen: scroll its box (never the page) so
// that the reader's own cell is in view, and keep the columns' input beside the corner, as
// wide as the box leaves it (the corner's width and the box's, given to guide.css). Every
// size is read before anything is written: one layout, the frame's own.
function showMine(body) {
  const mine = body.querySelector("td[data-mine]");
  const box = mine && mine.closest(".cv-table-wrap");
  if (!box || box.clientWidth === 0) return;
  const right = mine.offsetLeft + mine.offsetWidth;
  const corner = box.querySelector(".cv-moves-corner").offsetWidth;
  const room = box.clientWidth - corner;
  if (right > box.scrollLeft + box.clientWidth) box.scrollLeft = right - box.clientWidth;
  const table = box.querySelector("table");
  table.style.setProperty("--cv-moves-corner", `${corner}px`);
  table.style.setProperty("--cv-moves-room", `${room}px`);
}

function legend(words) {
  const list = el("ul", { class: "cv-legend cv-tornado-legend" });
  list.append(el("li", { class: "cv-key-low" }, words.text.lower), el("li", { class: "cv-key-high" }, words.text.higher));
  return list;
}
