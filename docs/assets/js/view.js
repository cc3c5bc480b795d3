// Showing a calculator's answer: results, field errors, notes, the figure, the status line and
// the widget's state (the contract's prerendered → loading → ready | invalid | failed). It
// exists apart from the controller (widget.js) so that what the page shows is written in one
// place, whatever asked for it: a computed answer, an answer known ahead, or the build's.
import { runtimeState } from "./runtime.js";
import { dataValue, fill, formatNumber, pluralText, resultText } from "./format.js";
import { renderFigure } from "./figures.js";
import { fieldOf } from "./links.js";
import { headlineText } from "./headline.js";
import { drawnWidth, renderMoves } from "./moves.js";

export class WidgetView {
  // ``onSettled(state)`` is told each time the results match the inputs again.
  constructor(root, spec, onSettled) {
    this.root = root;
    this.spec = spec;
    this.messages = spec.messages;
    this.locale = spec.locale; // how numbers are written: the language's Intl locale
    this.form = root.querySelector(".cv-form");
    this.onSettled = onSettled;
    this.quietStart = false; // no progress box while true (widget.js: a chapter's calculator)
    this.progress = null; // the last progress reported: [step, steps, download]
    const toggle = root.querySelector(".cv-answer-toggle");
    if (toggle) this.bindAnswerBar(toggle);
  }

  // The phone's answer bar, opened, covers the lower half of the screen: Escape closes it (focus
  // back on its toggle), and so does focus moving on to a field it would hide.
  bindAnswerBar(toggle) {
    const answer = this.root.querySelector(".cv-answer");
    const open = () => answer.classList.contains("cv-answer-open");
    toggle.addEventListener("click", () => this.toggleAnswer(toggle));
    answer.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !open()) return;
      event.preventDefault(); // the bar first, present mode after (widget.js)
      this.toggleAnswer(toggle);
      toggle.focus();
    });
    answer.addEventListener("focusout", (event) => {
      if (open() && event.relatedTarget && !answer.contains(event.relatedTarget)) this.toggleAnswer(toggle);
    });
  }

  // On a phone the answer is a bar pinned to the bottom: its headline, opened to the details.
  toggleAnswer(toggle) {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = open ? this.messages.widget.answer.hide : this.messages.widget.answer.show;
    this.root.querySelector(".cv-answer").classList.toggle("cv-answer-open", open);
    const more = this.root.querySelector(".cv-more");
    if (more) more.open = open; // opened for the details: the details are what the reader asked for
  }

  // The currency the numbers are written in: the one chosen, unless it is a link's unknown code
  // (an option added for it, refused beside the field); then the last one that was not, as
  // the results are that answer's ("XYZ 120" would put the refused code on them).
  currency() {
    const option = this.form.elements.currency?.selectedOptions[0];
    if (option && !("foreign" in option.dataset) && /^[A-Z]{3}$/.test(option.value)) this.lastCurrency = option.value;
    return this.lastCurrency || "USD";
  }

  // Shows an answer of the runtime; returns whether it was one with results (not invalid).
  show(result) {
    // The charts' widths are not read from the page here: read after a write, each read made
    // the browser lay out the page again (22–29 ms of the first answer's 40 ms task).
    const widths = this.chartWidths();
    this.showErrors(result.errors || {});
    if (!result.ok) {
      for (const output of this.root.querySelectorAll("output")) output.setAttribute("data-stale", "");
      this.setState("invalid");
      return false;
    }
    const currency = this.currency();
    const values = result.values;
    // Results a note compares with a threshold, with the digits that keep them apart from it
    // (2.999, not "3", beside "2.999:1, below 3:1"): shown so wherever the result is.
    this.apart = result.shown || {};
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
      let text;
      if (Object.hasOwn(values, key)) text = this.outputText(key, values[key], currency, exact);
      else if (result.inputs && Object.hasOwn(result.inputs, key)) text = formatNumber(fieldOf(this.spec, key).kind, result.inputs[key] ?? 0, this.locale, currency, exact);
      else continue;
      // A counted part ("× 1 month"): its words follow the number (data-plural: ICU's forms).
      ref.textContent = ref.dataset.plural ? pluralText(ref.dataset.plural, text, this.locale) : text;
    }
    for (const formula of this.root.querySelectorAll("[data-formula]")) {
      const column = formula.closest("[data-item-column]");
      const suffix = column && +column.dataset.itemColumn > 1 ? "_" + column.dataset.itemColumn : "";
      // A part that does not exist (no finite lifetime at 0 % churn) leaves no formula to show.
      const parts = [...formula.querySelectorAll("[data-ref]")].map((ref) => ref.dataset.ref);
      formula.hidden = !Object.hasOwn(values, formula.dataset.formula + suffix) || parts.some((key) => values[key] === null);
    }
    this.showItemTable(values);
    this.showNotes(result.notes || [], currency);
    this.drawFigure(result.figure, values, widths.figure);
    this.drawMoves(result.moves, widths.moves);
    this.showNames();
    this.showHeadline(values);
    return true;
  }

  // What the announcer says of ``result``: the message that stops it, named after its field
  // ("Offer 2, Price: Enter a number…"), else the headline.
  announcement(result) {
    if (result.ok) return this.root.querySelector("[data-headline]")?.textContent || "";
    const slot = this.root.querySelector("[data-error-for]:not([hidden])");
    if (!slot) return "";
    const field = slot.closest(".cv-field");
    const label = field.querySelector("label")?.textContent.trim() || "";
    const items = this.items().filter((fieldset) => !fieldset.hidden);
    const legend = items.length > 1 ? field.closest("fieldset")?.querySelector("legend")?.textContent.trim() : "";
    return [[legend, label].filter(Boolean).join(", "), slot.textContent].filter(Boolean).join(": ");
  }

  announce(text) {
    const slot = this.root.querySelector("[data-announce]");
    if (slot && slot.textContent !== text) slot.textContent = text;
  }

  showHeadline(values) {
    const slot = this.root.querySelector("[data-headline]");
    if (!slot) return;
    const currency = this.currency();
    // The notes shown (prerendered or just written): the calculator's own decisions.
    const noted = new Set([...this.root.querySelectorAll(".cv-notes [data-note]")].map((note) => note.dataset.note));
    slot.textContent = headlineText(this.spec.id, this.messages.calculator.headline, values,
      (key, value) => this.outputText(key, value, currency), (item) => this.itemName(item), this.locale, noted);
    slot.hidden = !slot.textContent;
  }

  // A list's table of results (the segments): a row the reader left empty and a column that
  // no row has a value for (LTV:CAC where no cost of winning is given) are hidden, so that
  // no cell goes on showing an earlier answer's number.
  showItemTable(values) {
    const table = this.root.querySelector("[data-item-table]");
    if (!table) return;
    const rows = [...table.querySelectorAll("[data-item-row]")];
    const columns = new Set();
    for (const row of rows) {
      const fieldset = this.root.querySelector(`fieldset.cv-item[data-item="${row.dataset.itemRow}"]`);
      const given = [...row.querySelectorAll("output[data-key]")].filter((output) => Object.hasOwn(values, output.dataset.key));
      row.hidden = !fieldset || fieldset.hidden || !given.length;
      if (!row.hidden) for (const output of given) columns.add(output.closest("[data-output-column]").dataset.outputColumn);
    }
    for (const cell of table.querySelectorAll("[data-output-column]")) cell.hidden = !columns.has(cell.dataset.outputColumn);
    table.hidden = rows.every((row) => row.hidden);
  }

  // An item as the reader named it ("Instant cereal"), else its legend ("Alternative 1").
  // Names come from the inputs, so they only ever become text, never HTML.
  itemName(item) {
    const typed = this.typedName(item);
    if (!typed) return this.legend(item);
    // Two items with one name ("Tea" and "Tea") would make a sentence name the same word
    // twice for two things: each then carries its legend too. Not your own offer: its
    // sentences already say "your offer, Tea", and "Tea (your offer)" would say it twice.
    if (item === 0) return typed;
    // An unnamed item goes by its legend, so "Alternative 2" typed for alternative 1 is shared too.
    const shown = (other) => (this.typedName(other) || this.legend(other)).toLowerCase();
    const shared = this.namedItems().some((other) => other !== item && shown(other) === typed.toLowerCase());
    return shared ? fill(this.messages.widget.qualified, (name) => ({ name: typed, item: this.legend(item) })[name]) : typed;
  }

  // The field that names an item: an alternative's "name", a segment's "segment".
  nameField() {
    return this.spec.group && this.spec.group.fields.find((field) => field.kind === "text");
  }

  // The name the reader typed for an item ("" if none).
  typedName(item) {
    const named = this.nameField();
    const control = named && this.form.elements[item === 0 ? named.key : `${named.key}_${item}`];
    return control && !control.disabled ? control.value.trim() : "";
  }

  // The items shown in the form that can carry a name: the list's, and the main one where it
  // has a name of its own (your offer; not the lifetime value's main customer).
  namedItems() {
    const group = this.spec.group;
    if (!group) return [];
    const numbers = [...this.root.querySelectorAll("[data-item]:not([hidden])")].map((el) => +el.dataset.item);
    const named = this.nameField();
    const main = named && this.form.elements[named.key] ? [0] : [];
    return [...main, ...numbers.filter((n) => n >= group.first)];
  }

  legend(item) {
    const texts = this.messages.calculator;
    return item === 0 && texts.item_zero ? texts.item_zero : fill(texts.group.item, () => String(item));
  }

  // The rows of a list of items (the alternatives) carry the names the reader typed.
  showNames() {
    for (const row of this.root.querySelectorAll("[data-item-row]")) {
      const header = row.querySelector("th");
      if (header) header.textContent = this.itemName(+row.dataset.itemRow);
    }
  }

  outputText(key, value, currency, exact = false) {
    const texts = this.messages.calculator;
    if (value === null) return (texts.none || {})[key.replace(/_\d+$/, "")] || this.messages.widget.none;
    const kind = this.outputKind(key);
    if (this.apart && Object.hasOwn(this.apart, key)) return resultText(texts, kind, key, this.apart[key], this.locale, currency, true);
    // An alternative the reader named is shown by its name (not "Alternative 1"); a word the
    // catalogue has for the value ("nobody on this level") still comes first.
    const word = ((texts.values || {})[key.replace(/_\d+$/, "")] || {})[value];
    if (kind === "item" && word === undefined && value > 0) return this.itemName(value);
    return resultText(texts, kind, key, value, this.locale, currency, exact);
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
      p.dataset.note = note.key; // present mode leaves the reader-level notes out (guide.css)
      const template = this.messages.calculator.notes[note.key.split(".").slice(1).join(".")] || note.key;
      p.textContent = fill(template, (name) => {
        if (!note.params[name]) return undefined;
        const [kind, value] = note.params[name];
        const item = note.params[itemParam(name)];
        // An item's name as the page names it: its legend if unnamed, with it if the name is shared.
        if (item && kind === "text") return this.itemName(item[1]);
        if (kind === "fields") return value.map((key) => this.spec.labels.fields[key]).join(this.messages.widget.list_separator);
        // ``exact``: digits Python kept so that the number does not read as the threshold the
        // note compares it with ("12.03 months, longer than 12"): shown, not rounded away.
        const exact = (note.exact || []).includes(name);
        return ["item", "category", "text"].includes(kind) ? String(value) : formatNumber(kind, value, this.locale, currency, exact);
      }, this.locale);
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
    // Typed as on this page, and within the field's limits: "12,5" beside a percent (at most
    // 100), where "1250,50" would be refused in turn (QA).
    const field = fieldOf(this.spec, key);
    const example = field && field.maximum !== null && field.maximum < 1250.5
      ? "12" + this.spec.link.decimal + "5" : "1250" + this.spec.link.decimal + "50";
    return fill(template, (name) => {
      if (name === "example") return example;
      const value = error.params[name];
      if (value === undefined) return undefined;
      return typeof value === "number" ? formatNumber("number", value, this.locale) : String(value);
    });
  }

  setState(state) {
    this.root.dataset.state = state;
    if (state === "ready") this.root.removeAttribute("data-pending");
    if (state === "ready" || state === "invalid" || state === "failed") this.onSettled(state);
    const status = this.root.querySelector(".cv-status");
    if (state === "ready" || state === "invalid" || state === "prerendered") status.hidden = true;
  }

  // Says what start-up is doing. While Python downloads, the longest stage, the worker counts
  // the bytes (``download``: {loaded, total}) and the bar shows them; afterwards it shows how
  // far through the stages start-up is. Before the first count it runs without a measure.
  showProgress(step, steps, download = {}) {
    if (runtimeState() === "ready") return;
    this.progress = [step, steps, download];
    if (this.quietStart) return; // widget.js: until the reader uses the calculator
    const status = this.root.querySelector(".cv-status");
    status.hidden = false;
    const words = this.messages.widget.state;
    const text = status.querySelector(".cv-progress-text");
    text.textContent = (step > 0 && words.steps[step]) || words.starting;
    const bar = status.querySelector(".cv-progress");
    bar.removeAttribute("aria-valuetext");
    if (step === 1 && download.total > 0) {
      const megabytes = (bytes) => new Intl.NumberFormat(this.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1e6);
      const said = fill(words.downloaded, (name) => ({ loaded: megabytes(download.loaded), total: megabytes(download.total) })[name]);
      text.textContent = `${words.steps[1]} ${said}`;
      bar.max = download.total;
      bar.value = download.loaded;
      bar.setAttribute("aria-valuetext", said); // read as megabytes, not a bare percentage
    } else if (step > 1) {
      bar.max = steps;
      bar.value = step;
    } else {
      bar.removeAttribute("value");
    }
  }

  // The reader is using a quietly started calculator: from now on its progress shows.
  speakUp() {
    if (!this.quietStart) return;
    this.quietStart = false;
    if (this.progress) this.showProgress(...this.progress);
  }

  showFailed() {
    this.setState("failed");
    const status = this.root.querySelector(".cv-status");
    status.hidden = false;
    status.querySelector(".cv-progress-text").textContent = this.messages.widget.state.failed;
    status.querySelector(".cv-progress").removeAttribute("value");
    status.querySelector(".cv-retry").hidden = false;
  }

  // A link's case is on its way: the results of the page's example must not be read as the
  // reader's (guide.css hides them and shows "computing your case" until the answer).
  showPending() {
    this.root.setAttribute("data-pending", "");
  }

  // A link of a format this guide does not read was left unopened: the note says so until the
  // reader enters numbers of their own or resets.
  showLinkNote(shown) {
    this.root.querySelector(".cv-link-note").hidden = !shown;
  }

  hideRetry() {
    this.root.querySelector(".cv-retry").hidden = true;
  }

  showPrerendered() {
    const widths = this.chartWidths(true); // before any write
    this.formatPrerendered();
    // A link's case is on its way: the example's results, mixed with items the link added
    // (built without results), make no figure or headline ("方案 undefined…净价值 NaN").
    if (this.root.hasAttribute("data-pending")) return this.showNames();
    const figure = this.root.querySelector(".cv-figure");
    if (figure) this.drawFigure(JSON.parse(figure.dataset.figure), this.prerenderedValues(), widths.figure);
    const moves = this.root.querySelector(".cv-moves");
    if (moves) this.drawMoves(JSON.parse(moves.dataset.moves), widths.moves);
    this.showNames();
    this.showHeadline(this.prerenderedValues());
  }

  // The prerendered text was written by Babel at build time; Intl writes it again at once so
  // that both can never differ on screen (a test compares them).
  formatPrerendered() {
    const currency = this.currency();
    for (const output of this.root.querySelectorAll("output[data-key]")) {
      const raw = output.dataset.value;
      const kind = this.outputKind(output.dataset.key);
      if (kind === "item" && /^\d+$/.test(raw)) output.textContent = this.outputText(output.dataset.key, Number(raw), currency);
      if (raw === "none" || raw === "" || ["category", "item", "text"].includes(kind)) continue;
      output.textContent = formatNumber(kind, Number(raw), this.locale, currency);
    }
  }

  // The charts' widths: read from the page once, when the widget mounts; after that the
  // widths they were last drawn at, which resize observers keep current. 0 (folded away, or
  // hidden while a link's case computes): drawn at a default width, and again at their own
  // once laid out.
  chartWidths(read = false) {
    const moves = this.root.querySelector(".cv-moves");
    if (!read) return { figure: this.figureWidth || 0, moves: drawnWidth(moves) };
    const figure = this.root.querySelector(".cv-figure");
    return { figure: figure ? figure.clientWidth : 0, moves: moves ? moves.querySelector(".cv-moves-body").clientWidth : 0 };
  }

  drawFigure(figure, values, width) {
    this.figureArgs = [figure, values];
    const container = this.root.querySelector(".cv-figure");
    this.paintFigure(container, width);
    // A figure is drawn at its box's width, and the box has none while "More results" or the
    // phone's bar is folded (the chart came out at 640 px, its text shrunk to 5 px on a
    // phone): draw it again once its box has a width of its own, and when that changes.
    if (container && !this.figureWatch && typeof ResizeObserver === "function") {
      this.figureWatch = new ResizeObserver(() => {
        const width = container.clientWidth;
        if (width && width !== this.figureWidth) this.paintFigure(container, width);
      });
      this.figureWatch.observe(container);
    }
  }

  paintFigure(container, width) {
    const [figure, values] = this.figureArgs;
    this.figureWidth = width;
    const text = this.messages.calculator.figure;
    renderFigure(container, this.spec.id, figure, text, this.locale, this.currency(), values, width, (item) => this.itemName(item));
  }

  // What moves the headline result (calculators/sensitivity.py), from the same answer.
  // A fault in drawing it must not keep the results from showing: the section hides instead.
  drawMoves(moves, width) {
    const section = this.root.querySelector(".cv-moves");
    try {
      renderMoves(section, moves, this.spec, this.locale, this.currency(), width);
    } catch (error) {
      if (section) section.hidden = true;
      console.error(error);
    }
  }

  prerenderedValues() {
    const values = {};
    for (const output of this.root.querySelectorAll("output[data-key]")) {
      const raw = output.dataset.value;
      if (output.closest("[hidden]")) continue; // an item not shown, a result these inputs lack
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
  // ``blank``: an item added empty shows no results until it has its own (a removed offer's
  // came back, struck through, beside the new offer's empty fields).
  showItem(fieldset, shown, { blank = false } = {}) {
    fieldset.hidden = !shown;
    for (const control of fieldset.querySelectorAll("input, select")) control.disabled = !shown;
    const number = fieldset.dataset.item;
    for (const cell of this.root.querySelectorAll(`[data-item-column="${number}"], [data-item-row="${number}"]`)) {
      cell.hidden = !shown;
      if (blank) for (const output of cell.querySelectorAll("output")) { output.textContent = ""; output.removeAttribute("data-value"); }
    }
    const table = this.root.querySelector("[data-item-table]");
    if (table) table.hidden = !table.querySelector("[data-item-row]:not([hidden])");
    const add = this.root.querySelector("[data-action='add-item']");
    if (add) add.hidden = !this.items().some((f) => f.hidden);
  }
}

// A note's name parameter and the item number it names: choice_name → choice, name → item
// (the same rule as fill_note in sitebuild/macros.py).
const itemParam = (name) => (name === "name" ? "item" : name.replace(/_name$/, ""));
