// Compare the room: a trainer pastes participants' links and sees their inputs and results
// side by side. Each link is computed by the same Python runtime as the calculators, in this
// browser; nothing is sent anywhere.
import { compute, runtimeUrls, startRuntime } from "./runtime.js";
import { fill, formatNumber, keyLabel, resultText } from "./format.js";

const SLUG = /\/calculators\/([a-z-]+)\/?$/;

// A pasted line → {slug, fields} or null when it is not a link to one of the calculators.
export function readLink(line, calculators) {
  let url;
  try {
    url = new URL(line.trim(), location.href);
  } catch {
    return null;
  }
  const match = SLUG.exec(url.pathname);
  if (!match || !calculators[match[1]] || url.searchParams.get("v") !== String(calculators[match[1]].version)) return null;
  const spec = calculators[match[1]];
  const fields = {};
  for (const [key, value] of url.searchParams) {
    if (spec.fields[key.replace(/_\d+$/, "")]) fields[key] = value; // repeated keys: the last wins
  }
  return { slug: match[1], fields };
}

function labelOf(spec, kind, key) {
  return keyLabel(key, (k) => spec[kind][k] && spec[kind][k].label, spec.messages.group.item);
}

function shown(spec, kind, key, value, lang, currency) {
  if (value === null || value === undefined || value === "") return "–";
  const declared = spec[kind][key.replace(/_\d+$/, "")] || spec[kind][key];
  if (kind === "fields") {
    if (declared.kind === "choice") return declared.choices[value] || String(value);
    if (declared.kind === "text") return String(value);
    return formatNumber(declared.kind, value, lang, currency);
  }
  return resultText(spec.messages, declared.kind, key, value, lang, currency);
}

function cell(tag, text, attributes = {}) {
  const element = document.createElement(tag);
  element.textContent = text; // participants' text is never HTML
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

function table(spec, results, lang, words) {
  const element = document.createElement("table");
  element.append(cell("caption", fill(words.caption, () => spec.title)));
  const head = document.createElement("tr");
  head.append(cell("td", ""));
  results.forEach((_, i) => head.append(cell("th", fill(words.participant, () => String(i + 1)), { scope: "col" })));
  element.createTHead().append(head);
  const body = element.createTBody();
  for (const [kind, heading, pick] of [["fields", words.inputs, (r) => r.inputs], ["outputs", words.results, (r) => r.values]]) {
    const keys = [];
    for (const result of results) for (const key of Object.keys(pick(result) || {})) if (!keys.includes(key)) keys.push(key);
    const group = document.createElement("tr");
    group.append(cell("th", heading, { scope: "rowgroup", colspan: String(results.length + 1) }));
    body.append(group);
    for (const key of keys) {
      if (!spec[kind][key.replace(/_\d+$/, "")] && !spec[kind][key]) continue;
      const row = document.createElement("tr");
      row.dataset.key = key;
      row.append(cell("th", labelOf(spec, kind, key), { scope: "row" }));
      for (const result of results) {
        const currency = (result.inputs && result.inputs.currency) || "USD";
        const value = (pick(result) || {})[key];
        row.append(cell("td", result.ok || kind === "fields" ? shown(spec, kind, key, value, lang, currency) : "–",
          value === undefined || value === null ? {} : { "data-value": String(value) }));
      }
      body.append(row);
    }
  }
  return element;
}

async function compareRoom(root) {
  const config = JSON.parse(root.dataset.compare);
  const { words, lang, calculators } = config;
  const messages = root.querySelector(".cv-compare-messages");
  const output = root.querySelector(".cv-compare-table");
  const lines = root.querySelector("textarea").value.split(/\s*\n\s*/).filter((line) => line.trim());
  const problems = [];
  const links = [];
  lines.forEach((line, i) => {
    const link = readLink(line, calculators);
    if (!link) problems.push(fill(words.not_a_link, () => String(i + 1)));
    else if (links.length && link.slug !== links[0].slug) problems.push(fill(words.other_calculator, (name) => (name === "n" ? String(i + 1) : calculators[link.slug].title)));
    else links.push(link);
  });
  if (!lines.length) problems.push(words.empty);
  output.replaceChildren();
  messages.textContent = problems.join(" ");
  if (!links.length) return;
  const spec = calculators[links[0].slug];
  await startRuntime(runtimeUrls(root.dataset.runtime));
  const results = await Promise.all(links.map((link) => compute({ calculator: spec.id, fields: link.fields, lang: "link" })));
  results.forEach((result, i) => {
    if (result.ok) return;
    const key = Object.keys(result.errors || {})[0];
    problems.push(fill(words.invalid, (name) => (name === "n" ? String(i + 1) : labelOf(spec, "fields", key))));
  });
  messages.textContent = problems.join(" ");
  output.replaceChildren(table(spec, results, lang, words));
  root.dataset.compared = String(results.length);
}

function mountCompare() {
  for (const root of document.querySelectorAll("[data-compare]:not([data-mounted])")) {
    root.setAttribute("data-mounted", "");
    root.addEventListener("click", (event) => {
      const action = event.target.closest("[data-action]");
      if (!action) return;
      if (action.dataset.action === "clear") {
        root.querySelector("textarea").value = "";
        root.querySelector(".cv-compare-table").replaceChildren();
        root.querySelector(".cv-compare-messages").textContent = "";
      }
      if (action.dataset.action === "compare") {
        compareRoom(root).catch((error) => {
          console.warn("compare:", error);
          root.querySelector(".cv-compare-messages").textContent = JSON.parse(root.dataset.compare).words.failed;
        });
      }
    });
  }
}

if (window.document$) window.document$.subscribe(mountCompare);
else document.addEventListener("DOMContentLoaded", mountCompare);
