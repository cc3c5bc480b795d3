// Calculator widgets: each [data-calculator] element is built at build time with its example
// computed; this module wires it to the Python runtime. States follow the calculator page
// contract (CONTRIBUTING.md): prerendered → loading → ready | invalid | failed. Each widget is set up inside its own
// try/catch so one broken widget never breaks the page.
import { answerAhead, compute, knownAnswer, onRuntimeEvent, runtimeState, runtimeUrls, startRuntime } from "./runtime.js";
import { dataValue, fill, formatNumber, keyLabel, resultText } from "./format.js";
import { renderFigure } from "./figures.js";
import { csvText, download, drawQr, isPresenting, jsonText, printWorksheet, setPresenting } from "./share.js";

const DEBOUNCE_MS = 120;
const DECIMAL_COMMA = new Set(["de", "nl", "ru"]);
const MAX_LINK_VALUE = 100;

class CalculatorWidget {
  constructor(root) {
    this.root = root;
    this.spec = JSON.parse(root.dataset.spec);
    this.messages = this.spec.messages;
    this.lang = this.spec.lang;
    this.form = root.querySelector(".cv-form");
    this.latest = 0;
    this.timer = null;
    this.urls = runtimeUrls(root.dataset.runtime); // now, while this widget's page is current
    this.pagePath = location.pathname;
    this.example = this.snapshot(); // what "reset" returns to: the example the page was built with
    const params = new URLSearchParams(location.search);
    const linked = this.applyLink(params);
    // A later page of the visit whose example the runtime answered ahead shows that answer now.
    const known = linked ? undefined : knownAnswer(this.exampleRequest());
    if (known) this.show(known);
    else this.showPrerendered();
    this.bind();
    if (params.get("present") === "1" && root.hasAttribute("data-calculator-page")) setPresenting(root, true, this.messages.workshop.actions);
    this.watchRuntime();
    // With the runtime already up (a later page of the visit) there is nothing to wait for.
    if (!known && (linked || runtimeState() === "ready")) this.recomputeNow();
  }

  // The page's example as the runtime is asked for it while the inputs are untouched: in link
  // form, the form in which other pages answer it ahead (spec.ahead).
  exampleRequest() {
    return { calculator: this.spec.id, fields: this.spec.example, lang: "link" };
  }

  showsExample() {
    const now = this.snapshot();
    return now.shown.every((shown, i) => shown === this.example.shown[i])
      && this.example.values.every(([control, value]) => control.value === value);
  }

  // ---- the declaration ----------------------------------------------------------------
  fieldOf(key) {
    const match = /^(.*)_([1-9]\d*)$/.exec(key);
    const group = this.spec.group;
    if (match && group && +match[2] >= group.first && +match[2] <= group.last) {
      const found = group.fields.find((f) => f.key === match[1]);
      if (found) return found;
    }
    return this.spec.fields.find((f) => f.key === key);
  }

  items() {
    return [...this.root.querySelectorAll("fieldset.cv-item")];
  }

  shownItemNumbers() {
    const first = this.spec.group ? this.spec.group.first : 1;
    return this.items().filter((f) => !f.hidden && +f.dataset.item >= first).map((f) => +f.dataset.item);
  }

  // ---- links --------------------------------------------------------------------------
  // Opens the link's values (defaults for the rest). Returns whether the link said anything.
  applyLink(params) {
    const known = [...params.keys()].filter((key) => key === "v" || this.fieldOf(key));
    if (known.length === 0) return false;
    const given = new Map();
    for (const key of new Set(params.keys())) {
      if (this.fieldOf(key)) given.set(key, params.getAll(key).at(-1)); // repeated: the last wins
    }
    const group = this.spec.group;
    const itemsInLink = new Set();
    for (const key of given.keys()) {
      const match = /_([1-9]\d*)$/.exec(key);
      if (match && group && this.fieldOf(key) !== this.spec.fields.find((f) => f.key === key)) itemsInLink.add(+match[1]);
    }
    for (const fieldset of this.items()) {
      const number = +fieldset.dataset.item;
      const isGroupItem = group && number >= group.first && fieldset.querySelector("[name$='_" + number + "']");
      if (isGroupItem) this.showItem(fieldset, itemsInLink.has(number));
    }
    for (const control of this.form.elements) {
      if (!control.name || control.disabled) continue;
      const field = this.fieldOf(control.name);
      const isInherited = group && group.inherit && /_\d+$/.test(control.name);
      const text = given.has(control.name) ? given.get(control.name)
        : isInherited ? "" : field.default === null ? "" : String(field.default);
      this.setControl(control, field, text);
    }
    return true;
  }

  setControl(control, field, text) {
    // Values from a link are untrusted: they only ever become a control's value, never HTML.
    const value = field.numeric && /^-?\d+(\.\d+)?$/.test(text) && DECIMAL_COMMA.has(this.lang)
      ? text.replace(".", ",") : text;
    if (control.tagName === "SELECT" && ![...control.options].some((o) => o.value === value)) {
      const option = new Option(value, value);
      option.dataset.foreign = "";
      control.add(option);
    }
    control.value = value;
  }

  linkQuery(inputs) {
    const query = new URLSearchParams({ v: String(this.spec.version) });
    const group = this.spec.group;
    for (const [key, value] of Object.entries(inputs)) {
      const field = this.fieldOf(key);
      const item = /_(\d+)$/.exec(key);
      const isItemKey = group && item && field !== this.spec.fields.find((f) => f.key === key);
      const raw = this.form.elements[key] ? this.form.elements[key].value.trim() : "";
      if (isItemKey && group.inherit) {
        if (raw !== "") query.set(key, dataValue(value));
        continue;
      }
      const text = value === null ? "" : dataValue(value);
      const fallback = field.default === null ? "" : String(field.default);
      if (text !== fallback || (isItemKey && !this.itemHasKeyIn(query, +item[1]) && this.isFirstFieldOf(key))) {
        query.set(key, text);
      }
    }
    return query;
  }

  itemHasKeyIn(query, number) {
    return [...query.keys()].some((key) => key.endsWith("_" + number));
  }

  isFirstFieldOf(key) {
    return this.spec.group.fields[0].key === key.replace(/_\d+$/, "");
  }

  // ---- events -------------------------------------------------------------------------
  bind() {
    this.form.addEventListener("input", () => this.schedule(DEBOUNCE_MS));
    // A change (a choice made, a field left) only hurries an answer still waiting out the
    // debounce: leaving a field by clicking a link must not start work for the page being left.
    this.form.addEventListener("change", () => this.timer !== null && this.schedule(0));
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.root.addEventListener("focusin", () => this.ensureRuntime(), { once: true });
    this.root.addEventListener("click", (event) => {
      const button = event.target.closest("[data-action]");
      if (!button) return;
      const action = button.dataset.action;
      if (action === "copy-link") this.copyLink();
      if (action === "reset") this.reset();
      if (action === "retry") this.retry();
      if (action === "add-item") this.addItem();
      if (action === "remove-item") this.removeItem(button.closest("fieldset"));
      if (action === "qr") this.toggleQr(button);
      if (action === "present") this.togglePresent();
      if (action === "worksheet") this.worksheet();
      if (action === "csv" || action === "json") this.export(action);
    });
    this.root.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && isPresenting(this.root)) this.togglePresent();
    });
    if ("IntersectionObserver" in window) {
      this.observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          this.observer.disconnect();
          this.ensureRuntime();
        }
      }, { rootMargin: "300px" });
      this.observer.observe(this.root);
    } else {
      this.ensureRuntime();
    }
  }

  watchRuntime() {
    this.unsubscribe = onRuntimeEvent((event) => {
      if (!this.root.isConnected) return this.unsubscribe();
      if (event.type === "progress") this.showProgress(event.step, event.steps);
      if (event.type === "ready" && this.root.dataset.state === "loading") this.schedule(0);
      if (event.type === "failed") this.fail();
    });
  }

  ensureRuntime() {
    if (runtimeState() === "ready") {
      // "ready" and "invalid" match the inputs already; "loading" has an answer on its way.
      if (["prerendered", "failed"].includes(this.root.dataset.state)) this.schedule(0);
      return;
    }
    const fresh = runtimeState() !== "starting"; // not yet asked for, or failed before
    const starting = startRuntime(this.urls);
    this.setState("loading"); // the contract: results are not to be read while Python starts
    if (fresh) this.showProgress(0, 3);
    starting.then(() => this.schedule(0), () => this.fail());
  }

  retry() {
    this.root.querySelector(".cv-retry").hidden = true;
    this.ensureRuntime();
  }

  recomputeNow() {
    clearTimeout(this.timer);
    this.setState("loading");
    this.recompute();
  }

  schedule(delay) {
    clearTimeout(this.timer);
    if (this.root.dataset.state !== "failed" || runtimeState() !== "failed") this.setState("loading");
    this.timer = setTimeout(() => this.recompute(), delay);
  }

  async recompute() {
    this.timer = null;
    if (runtimeState() !== "ready") {
      if (runtimeState() !== "failed") this.ensureRuntime();
      return; // runs again when the runtime is ready (its "ready" event)
    }
    const id = ++this.latest;
    let result;
    try {
      result = await compute(this.showsExample() ? this.exampleRequest() : this.request());
    } catch (error) {
      console.warn("calculator:", error);
      return this.fail();
    }
    if (id !== this.latest || !this.root.isConnected) return; // a newer request won
    this.show(result);
    answerAhead(this.spec.ahead); // the worker is idle now: answer the other pages' examples
  }

  request() {
    const fields = {};
    for (const control of this.form.elements) {
      if (control.name && !control.disabled) fields[control.name] = control.value;
    }
    return { calculator: this.spec.id, fields, lang: this.lang };
  }

  // ---- showing results ---------------------------------------------------------------
  show(result) {
    this.showErrors(result.errors || {});
    if (!result.ok) {
      for (const output of this.root.querySelectorAll("output")) output.setAttribute("data-stale", "");
      return this.setState("invalid");
    }
    const currency = this.currency();
    const values = result.values;
    for (const output of this.root.querySelectorAll("output[data-key]")) {
      const key = output.dataset.key;
      output.removeAttribute("data-stale");
      const present = Object.hasOwn(values, key);
      const row = output.closest("[data-output-row]");
      if (row && !row.querySelector("[data-item-column]")) row.hidden = !present;
      if (!present) continue;
      output.dataset.value = dataValue(values[key]);
      output.textContent = this.outputText(key, values[key], currency);
    }
    for (const ref of this.root.querySelectorAll("[data-ref]")) {
      const key = ref.dataset.ref;
      if (Object.hasOwn(values, key)) ref.textContent = this.outputText(key, values[key], currency);
      else if (result.inputs && Object.hasOwn(result.inputs, key)) ref.textContent = formatNumber(this.fieldOf(key).kind, result.inputs[key] ?? 0, this.lang, currency);
    }
    for (const formula of this.root.querySelectorAll("[data-formula]")) {
      const column = formula.closest("[data-item-column]");
      const suffix = column && +column.dataset.itemColumn > 1 ? "_" + column.dataset.itemColumn : "";
      formula.hidden = !Object.hasOwn(values, formula.dataset.formula + suffix);
    }
    this.showNotes(result.notes || [], currency);
    this.drawFigure(result.figure, values);
    this.syncAddressBar(result.inputs || {});
    this.setState("ready");
  }

  outputText(key, value, currency) {
    const texts = this.messages.calculator;
    if (value === null) return (texts.none || {})[key.replace(/_\d+$/, "")] || this.messages.widget.none;
    return resultText(texts, this.outputKind(key), key, value, this.lang, currency);
  }

  outputKind(key) {
    if (this.spec.outputs[key]) return this.spec.outputs[key];
    const base = key.replace(/_\d+$/, "");
    return (this.spec.group && this.spec.group.outputs[base]) || this.spec.outputs[base];
  }

  showNotes(notes, currency) {
    const box = this.root.querySelector(".cv-notes");
    box.replaceChildren(...notes.map((note) => {
      const p = document.createElement("p");
      p.className = "cv-note";
      const template = this.messages.calculator.notes[note.key.split(".").slice(1).join(".")] || note.key;
      p.textContent = fill(template, (name) => {
        if (!note.params[name]) return undefined;
        const [kind, value] = note.params[name];
        return ["item", "category", "text"].includes(kind) ? String(value) : formatNumber(kind, value, this.lang, currency);
      });
      return p;
    }));
  }

  showErrors(errors) {
    for (const slot of this.root.querySelectorAll("[data-error-for]")) {
      const key = slot.dataset.errorFor;
      const control = this.form.elements[key];
      const error = errors[key];
      slot.hidden = !error;
      slot.textContent = error ? this.errorText(key, error) : "";
      if (control && error) control.setAttribute("aria-invalid", "true");
      else if (control) control.removeAttribute("aria-invalid");
    }
  }

  errorText(key, error) {
    const template = this.messages.widget.errors[error.code] || error.code;
    const example = DECIMAL_COMMA.has(this.lang) ? "1250,50" : "1250.50";
    return fill(template, (name) => {
      if (name === "example") return example;
      const value = error.params[name];
      if (value === undefined) return undefined;
      return typeof value === "number" ? formatNumber("number", value, this.lang) : String(value);
    });
  }

  setState(state) {
    this.root.dataset.state = state;
    if (state === "ready" || state === "invalid" || state === "failed") {
      for (const resolve of this.settling || []) resolve(state);
      this.settling = [];
    }
    const status = this.root.querySelector(".cv-status");
    if (state === "ready" || state === "invalid" || state === "prerendered") status.hidden = true;
  }

  showProgress(step, steps) {
    if (runtimeState() === "ready") return;
    const status = this.root.querySelector(".cv-status");
    status.hidden = false;
    const text = step === 0 ? this.messages.widget.state.starting
      : fill(this.messages.widget.state.progress, (name) => String({ step, steps }[name]));
    status.querySelector(".cv-progress-text").textContent = text;
    status.querySelector(".cv-progress").value = step;
  }

  fail() {
    this.setState("failed");
    const status = this.root.querySelector(".cv-status");
    status.hidden = false;
    status.querySelector(".cv-progress-text").textContent = this.messages.widget.state.failed;
    status.querySelector(".cv-progress").removeAttribute("value");
    status.querySelector(".cv-retry").hidden = false;
  }

  showPrerendered() {
    this.formatPrerendered();
    const figure = this.root.querySelector(".cv-figure");
    if (figure) this.drawFigure(JSON.parse(figure.dataset.figure), this.prerenderedValues());
  }

  // The prerendered text was written by Babel at build time; Intl writes it again at once so
  // that both can never differ on screen (a test compares them).
  formatPrerendered() {
    const currency = this.currency();
    for (const output of this.root.querySelectorAll("output[data-key]")) {
      const raw = output.dataset.value;
      const kind = this.outputKind(output.dataset.key);
      if (raw === "none" || raw === "" || ["category", "item", "text"].includes(kind)) continue;
      output.textContent = formatNumber(kind, Number(raw), this.lang, currency);
    }
  }

  drawFigure(figure, values) {
    const text = this.messages.calculator.figure;
    renderFigure(this.root.querySelector(".cv-figure"), this.spec.id, figure, text, this.lang, this.currency(), values);
  }

  prerenderedValues() {
    const values = {};
    for (const output of this.root.querySelectorAll("output[data-key]")) {
      const raw = output.dataset.value;
      values[output.dataset.key] = raw === "none" ? null : Number.isNaN(Number(raw)) ? raw : Number(raw);
    }
    return values;
  }

  currency() {
    const control = this.form.elements.currency;
    const code = control ? control.value : "USD";
    return /^[A-Z]{3}$/.test(code) ? code : "USD";
  }

  // ---- actions -----------------------------------------------------------------------
  syncAddressBar(inputs) {
    this.lastInputs = inputs;
    if (this.root.querySelector(".cv-share-qr:not([hidden])")) this.drawShareQr();
    if (!this.root.closest("[data-calculator-page]")) return; // embedded in a chapter: leave the URL alone
    if (location.pathname !== this.pagePath) return; // an answer that arrives after the reader left
    const query = this.linkQuery(inputs);
    if (isPresenting(this.root)) query.set("present", "1"); // the address bar only; shared links never
    // The example as published needs no query: keep such an address clean.
    const search = [...query.keys()].length > 1 ? "?" + query.toString() : "";
    // Not when nothing changes: each history entry update costs the browser several ms.
    if (search !== location.search) history.replaceState(history.state, "", location.pathname + search + location.hash);
  }

  currentLink() {
    const path = this.root.dataset.page || location.pathname;
    const url = new URL(path, location.href);
    url.search = this.linkQuery(this.lastInputs || {}).toString();
    url.searchParams.delete("present");
    return url.href;
  }

  async copyLink() {
    const note = this.root.querySelector(".cv-copied");
    const link = this.currentLink();
    try {
      await navigator.clipboard.writeText(link);
      note.textContent = this.messages.widget.actions.copied;
    } catch {
      note.textContent = this.messages.widget.actions.copy_failed + " " + link;
    }
  }

  // ---- the trainers' kit (share.js) ---------------------------------------------------------
  // Resolves with the state once the results match the inputs (ready, invalid or failed).
  settled() {
    const state = this.root.dataset.state;
    if (state === "ready" || state === "invalid" || state === "failed") return Promise.resolve(state);
    return new Promise((resolve) => { (this.settling ||= []).push(resolve); this.ensureRuntime(); });
  }

  async scenarioAvailable() {
    if (!this.lastInputs) this.recomputeNow(); // the prerendered example: compute it once
    return (await this.settled()) === "ready";
  }

  async drawShareQr() {
    const figure = this.root.querySelector(".cv-share-qr");
    const link = this.currentLink();
    await drawQr(figure.querySelector(".cv-qr-code"), link, this.qrLabel(link));
    const anchor = figure.querySelector(".cv-qr-link");
    anchor.href = link;
    anchor.textContent = link;
  }

  qrLabel(link) {
    return fill(this.messages.workshop.qr.label, () => link);
  }

  async toggleQr(button) {
    const figure = this.root.querySelector(".cv-share-qr");
    const show = figure.hidden;
    const words = this.messages.workshop.actions;
    if (show && !(await this.scenarioAvailable())) return;
    if (show) await this.drawShareQr();
    figure.hidden = !show;
    button.setAttribute("aria-expanded", String(show));
    button.textContent = show ? words.qr_hide : words.qr;
  }

  togglePresent() {
    setPresenting(this.root, !isPresenting(this.root), this.messages.workshop.actions);
    if (this.lastInputs) this.syncAddressBar(this.lastInputs);
  }

  async worksheet() {
    if (!(await this.scenarioAvailable())) return;
    const link = this.currentLink();
    await printWorksheet(this.root, link, this.qrLabel(link));
  }

  scenarioRecord() {
    const labels = this.spec.labels;
    const labelOf = (kind, key) => keyLabel(key, (k) => labels[kind][k], this.messages.calculator.group.item);
    const record = { calculator: this.spec.id, title: this.spec.title, lang: this.lang, link: this.currentLink(),
      inputs: {}, results: {}, labels: {} };
    for (const [key, value] of Object.entries(this.lastInputs || {})) {
      record.inputs[key] = value;
      record.labels[key] = labelOf("fields", key);
    }
    for (const output of this.root.querySelectorAll("output[data-key]")) {
      const raw = output.dataset.value;
      if (output.closest("[hidden]") || raw === undefined || raw === "") continue;
      const key = output.dataset.key;
      record.results[key] = raw === "none" ? null : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
      record.labels[key] = labelOf("outputs", key);
    }
    return record;
  }

  async export(format) {
    if (!(await this.scenarioAvailable())) return;
    const record = this.scenarioRecord();
    const name = `${this.spec.id.replaceAll("_", "-")}-scenario.${format}`;
    if (format === "csv") download(name, "text/csv;charset=utf-8", csvText(record, this.messages.workshop.export));
    else download(name, "application/json", jsonText(record));
  }

  snapshot() {
    return {
      shown: this.items().map((fieldset) => !fieldset.hidden),
      values: [...this.form.elements].filter((c) => c.name).map((c) => [c, c.value]),
    };
  }

  reset() {
    if (this.root.hasAttribute("data-calculator-page")) history.replaceState(history.state, "", location.pathname + location.hash);
    this.items().forEach((fieldset, i) => this.showItem(fieldset, this.example.shown[i]));
    for (const [control, value] of this.example.values) control.value = value;
    this.schedule(0);
  }

  addItem() {
    const next = this.items().find((f) => f.hidden);
    if (!next) return;
    this.showItem(next, true);
    next.querySelector("input, select").focus();
    this.schedule(0);
  }

  removeItem(fieldset) {
    this.showItem(fieldset, false);
    this.schedule(0);
  }

  showItem(fieldset, shown) {
    fieldset.hidden = !shown;
    for (const control of fieldset.querySelectorAll("input, select")) control.disabled = !shown;
    const number = fieldset.dataset.item;
    for (const cell of this.root.querySelectorAll(`[data-item-column="${number}"], [data-item-row="${number}"]`)) cell.hidden = !shown;
    const table = this.root.querySelector("[data-item-table]");
    if (table) table.hidden = !table.querySelector("[data-item-row]:not([hidden])");
    const add = this.root.querySelector("[data-action='add-item']");
    if (add) add.hidden = !this.items().some((f) => f.hidden);
  }
}

function mountAll() {
  for (const root of document.querySelectorAll("[data-calculator]:not([data-mounted])")) {
    root.setAttribute("data-mounted", "");
    try {
      new CalculatorWidget(root);
    } catch (error) {
      console.error("calculator widget", root.dataset.calculator, error);
    }
  }
}

// Material's document$ emits on the first load and after every instant navigation. On an
// instant navigation Material first re-runs the scripts inside the new content; a calculator
// page has one that calls this (overrides/main.html), so the widget is ready before Material
// measures the new page's layout.
window.cvMountCalculators = mountAll;
if (window.document$) window.document$.subscribe(mountAll);
else document.addEventListener("DOMContentLoaded", mountAll);
