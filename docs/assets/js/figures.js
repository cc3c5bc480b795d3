// Calculator figures drawn from the data Python returns (Evaluation.figure): the lifetime
// value's payback chart, the competition's three levels and the value calculator's benefit
// against cost. Each comes with a data table for
// screen readers and print. Names are readers' text: set with textContent only.
import { fill as fillWith, formatNumber } from "./format.js";

const SVG = "http://www.w3.org/2000/svg";
const SVG_TAGS = new Set(["svg", "g", "line", "polyline", "rect", "text", "title"]);

export function el(name, attributes = {}, text) {
  const node = SVG_TAGS.has(name) ? document.createElementNS(SVG, name) : document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

const fill = (template, values) => fillWith(template, (name) => values[name]);

// Also the room's debrief (debrief.js): every chart of the site comes with its numbers.
export function dataTable(caption, headers, rows) {
  const details = el("details", { class: "cv-figure-data" });
  details.append(el("summary", {}, caption));
  const table = el("table", { class: "cv-table" });
  const head = el("tr");
  for (const header of headers) head.append(el("th", { scope: "col" }, header));
  const thead = el("thead");
  thead.append(head);
  table.append(thead);
  const body = el("tbody");
  for (const row of rows) {
    const tr = el("tr");
    row.forEach((cell, i) => tr.append(el(i === 0 ? "th" : "td", i === 0 ? { scope: "row" } : {}, cell)));
    body.append(tr);
  }
  table.append(body);
  details.append(table);
  return details;
}

// Lines of at most `width` pixels at `size` px: Latin letters about 0.6 em, CJK about 1 em.
function wrap(text, width, size) {
  const measure = (t) => [...t].reduce((sum, ch) => sum + (/[\u1100-\uffff]/.test(ch) ? 1 : 0.6) * size, 0);
  const words = /\s/.test(text) ? text.split(/\s+/) : [...text];
  const joiner = /\s/.test(text) ? " " : "";
  const lines = [""];
  for (const word of words) {
    const candidate = lines.at(-1) ? lines.at(-1) + joiner + word : word;
    if (measure(candidate) > width && lines.at(-1)) lines.push(word);
    else lines[lines.length - 1] = candidate;
  }
  return lines;
}

// A round step for an axis: 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
function niceStep(raw) {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((step) => step >= raw);
}

function paybackChart(figure, text, lang, currency, width) {
  const months = figure.months || [];
  if (months.length < 2) return [];
  const money = (value) => formatNumber("money", value, lang, currency);
  const [height, left, right, top, bottom] = [240, 74, 12, 12, 40];
  const series = [figure.cumulative, figure.cumulative_discounted].filter(Boolean);
  const tick = niceStep(Math.max(...series.flat(), figure.acquisition_cost || 0) / 4);
  const highest = tick * Math.max(1, Math.ceil(Math.max(...series.flat(), figure.acquisition_cost || 0) / tick));
  const x = (month) => left + (month / months.at(-1)) * (width - left - right);
  const y = (value) => height - bottom - (value / highest) * (height - top - bottom);
  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", class: "cv-chart" });
  svg.append(el("title", {}, text.title));
  const axes = el("g", { class: "cv-axes" });
  axes.append(el("line", { x1: left, y1: y(0), x2: width - right, y2: y(0) }));
  axes.append(el("line", { x1: left, y1: top, x2: left, y2: y(0) }));
  for (let value = 0; value <= highest + tick / 2; value += tick) {
    axes.append(el("text", { x: left - 6, y: y(value) + 4, "text-anchor": "end" }, money(value)));
  }
  const step = Math.max(1, Math.ceil(months.at(-1) / Math.max(2, Math.floor((width - left) / 70))));
  for (let month = 0; month <= months.at(-1); month += step) {
    axes.append(el("text", { x: x(month), y: height - bottom + 16, "text-anchor": "middle" }, formatNumber("months", month, lang)));
  }
  axes.append(el("text", { x: (left + width) / 2, y: height - 4, "text-anchor": "middle" }, text.month));
  svg.append(axes);
  const line = (values, cls) => el("polyline", { class: cls, points: values.map((v, i) => `${x(months[i])},${y(v)}`).join(" ") });
  const paidBack = figure.payback_month !== null && figure.payback_month !== undefined;
  if (figure.acquisition_cost) {
    svg.append(el("line", { class: "cv-line-cost", x1: left, x2: width - right, y1: y(figure.acquisition_cost), y2: y(figure.acquisition_cost) }));
  }
  svg.append(line(figure.cumulative, "cv-line-margin"));
  if (figure.cumulative_discounted) svg.append(line(figure.cumulative_discounted, "cv-line-discounted"));
  if (paidBack) svg.append(el("line", { class: "cv-line-payback", x1: x(figure.payback_month), x2: x(figure.payback_month), y1: top, y2: y(0) }));
  const legend = el("ul", { class: "cv-legend" });
  legend.append(el("li", { class: "cv-key-margin" }, text.cumulative));
  if (figure.cumulative_discounted) legend.append(el("li", { class: "cv-key-discounted" }, text.discounted));
  if (figure.acquisition_cost) legend.append(el("li", { class: "cv-key-cost" }, `${text.acquisition_cost}: ${money(figure.acquisition_cost)}`));
  const payback = figure.acquisition_cost
    ? el("p", { class: "cv-payback" }, paidBack ? fill(text.payback, { month: formatNumber("months", figure.payback_month, lang) }) : text.not_paid_back)
    : null;
  const headers = [text.month, text.cumulative, ...(figure.cumulative_discounted ? [text.discounted] : [])];
  const rows = months.map((month, i) => [formatNumber("months", month, lang), money(figure.cumulative[i]),
    ...(figure.cumulative_discounted ? [money(figure.cumulative_discounted[i])] : [])]);
  return [svg, legend, payback, dataTable(text.table, headers, rows)].filter(Boolean);
}

function levelsDiagram(figure, text, lang, currency, width, likely, nameOf) {
  if (!figure.levels) return [];
  const money = (value) => formatNumber("money", value, lang, currency);
  const named = (item) => (nameOf ? nameOf(item.number) : item.name || fill(text.unnamed, { n: item.number }));
  const yours = fill(text.you_named, { name: (figure.you && figure.you.name) || "—" });
  const columns = [1, 2, 3].map((level) => (figure.alternatives || []).filter((a) => a.level === level));
  const side = width >= 600;  // three columns side by side, or stacked on a phone
  const [gap, rowHeight, pad] = [10, 24, 10];
  const boxWidth = side ? (width - 2 * gap) / 3 : width;
  const boxes = columns.map((items, index) => {
    const rule = wrap(text[`level_${index + 1}_rule`], boxWidth - 2 * pad, 12);
    const entries = items.length ? items : [null];
    return { index, items, rule, height: 30 + rule.length * 16 + entries.length * rowHeight + pad };
  });
  const tallest = Math.max(...boxes.map((b) => b.height));
  const height = (side ? tallest : boxes.reduce((sum, b) => sum + b.height + gap, 0)) + 34;
  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", class: "cv-levels" });
  svg.append(el("title", {}, text.title));
  let top = 0;
  for (const box of boxes) {
    const left = side ? box.index * (boxWidth + gap) : 0;
    const y0 = side ? 0 : top;
    const group = el("g", { class: `cv-level cv-level-${box.index + 1}` });
    group.append(el("rect", { x: left + 1, y: y0 + 1, width: boxWidth - 2, height: (side ? tallest : box.height) - 2, rx: 8 }));
    group.append(el("text", { x: left + pad, y: y0 + 22, class: "cv-level-title" }, text[`level_${box.index + 1}`]));
    box.rule.forEach((line, i) => group.append(el("text", { x: left + pad, y: y0 + 40 + i * 16, class: "cv-level-sub" }, line)));
    const first = y0 + 40 + box.rule.length * 16 + 8;
    if (box.items.length === 0) group.append(el("text", { x: left + pad, y: first, class: "cv-level-empty" }, text.empty));
    box.items.forEach((item, row) => {
      const label = `${item.number === likely ? "★ " : ""}${named(item)} · ${money(item.net)}`;
      group.append(el("text", { x: left + pad, y: first + row * rowHeight, class: item.number === likely ? "cv-likely" : "" }, label));
    });
    svg.append(group);
    top += box.height + gap;
  }
  if (figure.you) {
    const you = `${likely === 0 ? "★ " : ""}${yours} · ${money(figure.you.net)}`;
    svg.append(el("text", { x: 4, y: height - 10, class: "cv-you" }, you));
  }
  const ratio = (value) => (value === null ? "—" : formatNumber("ratio", value, lang));
  const rows = [[yours, "—",
    figure.you ? money(figure.you.net) : "—", figure.you ? ratio(figure.you.ratio) : "—"]];
  for (const item of figure.alternatives || []) rows.push([named(item), formatNumber("level", item.level, lang), money(item.net), ratio(item.ratio)]);
  return [svg, el("p", { class: "cv-legend-note" }, text.likely), dataTable(text.table, [text.alternative, text.level, text.net, text.ratio], rows)];
}

// The value calculator: for each offer, its total benefit and its total cost as two bars on
// one scale from 0, the amounts written at the bars' ends. Benefit is a filled bar, cost an
// outlined one, so the two differ without colour too.
function benefitCostChart(figure, text, lang, currency, width) {
  const offers = figure.offers || [];
  if (!offers.length) return [];
  const money = (value) => formatNumber("money", value, lang, currency);
  const [bar, gap, labelHeight, groupGap, valueSpace] = [22, 4, 22, 14, Math.min(130, width * 0.35)];
  const highest = Math.max(...offers.flatMap((o) => [o.total_benefit, o.total_cost]), 0) || 1;
  const length = (value) => Math.max(value > 0 ? 2 : 0, (Math.max(0, value) / highest) * (width - valueSpace - 8));
  const groupHeight = labelHeight + 2 * bar + gap + groupGap;
  const height = offers.length * groupHeight;
  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", class: "cv-chart cv-bars" });
  const offerName = (offer) => fill(text.offer, { n: offer.number });
  const summary = (offer) => fill(text.summary, { offer: offerName(offer), benefit: money(offer.total_benefit),
    cost: money(offer.total_cost), net: money(offer.net_value) });
  svg.append(el("title", {}, `${text.title}. ${offers.map(summary).join("; ")}`));
  offers.forEach((offer, index) => {
    const top = index * groupHeight;
    const group = el("g", { class: "cv-bar-group" });
    group.append(el("text", { x: 0, y: top + 15, class: "cv-bar-offer" }, `${offerName(offer)} · ${text.net} ${money(offer.net_value)}`));
    [["total_benefit", "cv-bar-benefit"], ["total_cost", "cv-bar-cost"]].forEach(([key, cls], row) => {
      const y = top + labelHeight + row * (bar + gap);
      const w = length(offer[key]);
      group.append(el("rect", { x: 1, y: y + 1, width: w, height: bar - 2, class: cls, "data-key": key }));
      group.append(el("text", { x: w + 8, y: y + bar / 2 + 4, class: "cv-bar-value" }, money(offer[key])));
    });
    svg.append(group);
  });
  const legend = el("ul", { class: "cv-legend cv-bar-legend" });
  legend.append(el("li", { class: "cv-key-benefit" }, text.benefit), el("li", { class: "cv-key-bar-cost" }, text.cost));
  const rows = offers.map((o) => [offerName(o), money(o.total_benefit), money(o.total_cost), money(o.net_value)]);
  return [svg, legend, dataTable(text.table, [text.column, text.benefit, text.cost, text.net], rows)];
}

const RENDERERS = { lifetime_value: paybackChart, competition: levelsDiagram, value: benefitCostChart };

// A printed page has no button to open the data tables: open them before printing.
// (Under Node, where the room's unit tests import this module through compare.js, no window.)
globalThis.window?.addEventListener("beforeprint", () => {
  for (const table of document.querySelectorAll("details.cv-figure-data")) table.open = true;
});

// Draw the figure of a calculator into its container; a calculator without one draws nothing.
// ``measured``: the container's width, read by the caller before it wrote to the page (0:
// none yet, folded away).
// ``nameOf(item)``: an item as the page names it (view.js itemName: a shared name with its legend).
export function renderFigure(container, calculator, figure, text, lang, currency, values, measured, nameOf) {
  const render = RENDERERS[calculator];
  if (!container || !render || !text) return;
  // No data (results beyond what the page can show): no chart, rather than an empty one.
  if (!figure || Object.keys(figure).length === 0) return container.replaceChildren();
  // Drawn at the container's own width, so text keeps its size on a phone.
  const width = Math.max(280, Math.round(measured || 640));
  container.replaceChildren(...render(figure || {}, text, lang, currency, width, values.likely_choice, nameOf));
}
