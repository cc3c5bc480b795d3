// Showing a calculator's answer: results, field errors, notes, the figure, the status line and
// the widget's state (the contract's prerendered → loading → ready | invalid | failed). It
// exists apart from the controller (widget.js) so that what the page shows is written in one
// place, whatever asked for it: a computed answer, an answer known ahead, or the build's.
import { runtimeState } from "./runtime.js";
import { dataValue, fill, formatNumber, resultText } from "./format.js";
import { renderFigure } from "./figures.js";
import { fieldOf } from "./links.js";

export class WidgetView {
  // ``onSettled(state)`` is told each time the results match the inputs again.
  constructor(root, spec, onSettled) {
    this.root = root;
    this.spec = spec;
    this.messages = spec.messages;
    this.locale = spec.locale; // how numbers are written: the language's Intl locale
    this.form = root.querySelector(".cv-form");
    this.onSettled = onSettled;
  }

  currency() {
    const control = this.form.elements.currency;
    const code = control ? control.value : "USD";
    return /^[A-Z]{3}$/.test(code) ? code : "USD";
  }

  // Shows an answer of the runtime; returns whether it was one with results (not invalid).
  show(result) {
    this.showErrors(result.errors || {});
    if (!result.ok) {
      for (const output of this.root.querySelectorAll("output")) output.setAttribute("data-stale", "");
      this.setState("invalid");
      return false;
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
      const exact = ref.hasAttribute("data-exact"); // a formula's part: every digit it carries
      if (Object.hasOwn(values, key)) ref.textContent = this.outputText(key, values[key], currency, exact);
      else if (result.inputs && Object.hasOwn(result.inputs, key)) ref.textContent = formatNumber(fieldOf(this.spec, key).kind, result.inputs[key] ?? 0, this.locale, currency, exact);
    }
    for (const formula of this.root.querySelectorAll("[data-formula]")) {
      const column = formula.closest("[data-item-column]");
      const suffix = column && +column.dataset.itemColumn > 1 ? "_" + column.dataset.itemColumn : "";
      formula.hidden = !Object.hasOwn(values, formula.dataset.formula + suffix);
    }
    this.showNotes(result.notes || [], currency);
    this.drawFigure(result.figure, values);
    return true;
  }

  outputText(key, value, currency, exact = false) {
    const texts = this.messages.calculator;
    if (value === null) return (texts.none || {})[key.replace(/_\d+$/, "")] || this.messages.widget.none;
    return resultText(texts, this.outputKind(key), key, value, this.locale, currency, exact);
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
        return ["item", "category", "text"].includes(kind) ? String(value) : formatNumber(kind, value, this.locale, currency);
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
    const example = "1250" + this.spec.link.decimal + "50"; // typed as on this page
    return fill(template, (name) => {
      if (name === "example") return example;
      const value = error.params[name];
      if (value === undefined) return undefined;
      return typeof value === "number" ? formatNumber("number", value, this.locale) : String(value);
    });
  }

  setState(state) {
    this.root.dataset.state = state;
    if (state === "ready" || state === "invalid" || state === "failed") this.onSettled(state);
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

  showFailed() {
    this.setState("failed");
    const status = this.root.querySelector(".cv-status");
    status.hidden = false;
    status.querySelector(".cv-progress-text").textContent = this.messages.widget.state.failed;
    status.querySelector(".cv-progress").removeAttribute("value");
    status.querySelector(".cv-retry").hidden = false;
  }

  hideRetry() {
    this.root.querySelector(".cv-retry").hidden = true;
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
      output.textContent = formatNumber(kind, Number(raw), this.locale, currency);
    }
  }

  drawFigure(figure, values) {
    const text = this.messages.calculator.figure;
    renderFigure(this.root.querySelector(".cv-figure"), this.spec.id, figure, text, this.locale, this.currency(), values);
  }

  prerenderedValues() {
    const values = {};
    for (const output of this.root.querySelectorAll("output[data-key]")) {
      const raw = output.dataset.value;
      values[output.dataset.key] = raw === "none" ? null : Number.isNaN(Number(raw)) ? raw : Number(raw);
    }
    return values;
  }

  items() {
    return [...this.root.querySelectorAll("fieldset.cv-item")];
  }

  // A choice such as "I know the lifetime / the monthly churn" shows only the input it chose;
  // the controller does not send the other (so it is neither computed nor written into links).
  showChoices() {
    for (const field of this.spec.fields) {
      const control = this.form.elements[field.key];
      if (!control || !field.implied_by || !field.implied_by.length) continue;
      for (const [choice, key] of field.implied_by) {
        const wrapper = this.root.querySelector(`.cv-field[data-field="${key}"]`);
        if (wrapper) wrapper.hidden = choice !== control.value;
      }
    }
  }

  // Shows or hides an item (an offer, a segment): its fields, its column or row of results.
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
