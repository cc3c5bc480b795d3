// Calculator widgets, the controller: each [data-calculator] element is built at build time
// with its example computed; this module wires it to the Python runtime (events, runtime
// calls, links, the trainers' kit). What the page shows is view.js's job; reading a link is
// links.js's. States follow the calculator page contract in CONTRIBUTING.md (prerendered →
// loading → ready | invalid | failed).
// Each widget is set up inside its own try/catch so one broken widget never breaks the page.
import { answerAhead, compute, knownAnswer, onRuntimeEvent, runtimeState, runtimeUrls, startRuntime } from "./runtime.js";
import { fill, keyLabel } from "./format.js";
import { refreshSwitcher } from "./language.js";
import { fieldOf, knownVersion, linkText, pageText, readLink } from "./links.js";
import { WidgetView } from "./view.js";
import { mountPrediction } from "./predict.js";
import { csvText, download, drawQr, fitPresented, isPresenting, jsonText, printWorksheet, setPresenting } from "./share.js";

// Every edit is sent at once (Python answers in ~10 ms); an answer overtaken by a newer edit is
// dropped (recompute), so only the latest shows.
const DEBOUNCE_MS = 0;
// Reward early, punish late: a message that comes while the reader types waits until they pause
// or leave the field ("80." on the way to "80.5", "1 2" on the way to "1 200" are no mistakes
// yet, and a message at every keystroke flickers); a corrected field loses its message at once.
const TYPING_PAUSE_MS = 800;

class CalculatorWidget {
  constructor(root) {
    this.root = root;
    this.spec = JSON.parse(root.dataset.spec);
    this.messages = this.spec.messages;
    this.lang = this.spec.lang;
    this.form = root.querySelector(".cv-form");
    this.view = new WidgetView(root, this.spec, (state) => this.settle(state));
    this.latest = 0;
    this.timer = null;
    this.urls = runtimeUrls(root.dataset.runtime); // now, while this widget's page is current
    this.address = addressOf(location); // as this widget found it, then as it wrote it (no #hash)
    this.example = this.snapshot(); // what "reset" returns to: the example the page was built with
    const params = new URLSearchParams(location.search);
    const linked = this.applyLink(params);
    // The example's results are not the link's: hidden until the link's case is answered
    // (the template's inline script hid them already when the address has a query).
    if (linked) this.view.showPending();
    else root.removeAttribute("data-pending");
    this.view.showChoices();
    this.linked = linked ? this.snapshot() : null; // the link's inputs, as opened
    // The link of what the page shows until the runtime answers (each answer brings its own,
    // written by Python: calculators/links.py): the link opened, or the page's example.
    this.lastLink = linked ? linkOnly(params) : this.spec.link.example;
    // A later page of the visit whose example the runtime answered ahead shows that answer now.
    const known = linked ? undefined : knownAnswer(this.exampleRequest());
    if (known) this.show(known);
    else this.view.showPrerendered();
    this.bind();
    mountPrediction(root); // a chapter's embed may ask for a guess first (predict.js)
    if (params.get("present") === "1" && root.hasAttribute("data-calculator-page")) this.present(true);
    this.watchRuntime();
    // With the runtime already up (a later page of the visit) there is nothing to wait for.
    if (!known && (linked || runtimeState() === "ready")) this.recomputeNow();
  }

  // The page's example as the runtime is asked for it while the inputs are untouched: in link
  // form, the form in which other pages answer it ahead (spec.ahead).
  exampleRequest() {
    return { calculator: this.spec.id, fields: this.spec.example, lang: "link" };
  }

  // What the runtime is asked for the inputs shown: the page's example, or a link's inputs while
  // untouched, in link form; else the inputs as typed on this page. One look at the form for
  // both comparisons (this runs at every keystroke).
  currentRequest() {
    const now = this.snapshot();
    if (this.shows(this.example, now)) return this.exampleRequest();
    if (this.linked && this.shows(this.linked, now)) return this.linkRequest();
    return this.request();
  }

  // Whether the inputs (``now``, a snapshot) are still as ``before`` (another) left them.
  shows(before, now) {
    return now.shown.every((shown, i) => shown === before.shown[i])
      && before.values.every(([control, value]) => control.value === value);
  }

  // A link's inputs, untouched, are asked for in link form, as "Compare the room" asks for a
  // participant's link: read with a dot and no grouping on every page (the contract), so that
  // "price=1,234" is refused in every language instead of read as 1.234 here and 1234 there.
  linkRequest() {
    return { calculator: this.spec.id, fields: this.linkFields, lang: "link" };
  }

  // ---- links --------------------------------------------------------------------------
  // Opens the link's values (defaults for the rest). Returns whether the link said anything.
  applyLink(params) {
    if (!knownVersion(this.spec.version, params)) {
      this.view.showLinkNote(true); // the page's example, and why
      return false;
    }
    const link = readLink(this.spec, params);
    if (!link) return false;
    this.linkFields = Object.fromEntries(link.given);
    const group = this.spec.group;
    for (const fieldset of this.view.items()) {
      const number = +fieldset.dataset.item;
      const isGroupItem = group && number >= group.first && fieldset.querySelector("[name$='_" + number + "']");
      if (isGroupItem) this.view.showItem(fieldset, link.items.has(number));
    }
    for (const control of this.form.elements) {
      if (!control.name || control.disabled) continue;
      this.setControl(control, pageText(this.spec, fieldOf(this.spec, control.name), linkText(this.spec, link, control.name)));
    }
    return true;
  }

  setControl(control, value) {
    // Values from a link are untrusted: they only ever become a control's value, never HTML.
    if (control.tagName === "SELECT" && ![...control.options].some((o) => o.value === value)) {
      const option = new Option(value, value);
      option.dataset.foreign = "";
      control.add(option);
    }
    control.value = value;
  }

  // ---- events -------------------------------------------------------------------------
  bind() {
    this.form.addEventListener("input", (event) => {
      if (event.target.matches("[data-my-name]")) return this.nameTyped(event.target);
      if (event.target.tagName === "SELECT") this.view.showChoices();
      this.view.showLinkNote(false); // the reader's own numbers now
      this.view.speakUp();
      this.typed = { field: event.target, at: performance.now() };
      this.acted = true; // from now on, answers are announced (announce)
      clearTimeout(this.announceTimer); // the answer on its way says more
      this.holdError(null);
      this.schedule(DEBOUNCE_MS);
    });
    // A change (a choice made, a field left) hurries an answer still waiting out the debounce,
    // or a message held back while the reader typed; it starts no other work: leaving a field
    // by clicking a link must not start work for the page being left.
    this.form.addEventListener("change", (event) => {
      if (event.target.matches("[data-my-name]")) return;
      if (this.timer !== null) this.schedule(0);
      // A field left: its message is due (within an item just added, once the item is left).
      else if (this.heldError && !this.added?.contains(event.target)) this.show(this.heldError, true);
    });
    // Leaving an item just added: the fields it still lacks are reported now (unfilled()).
    this.form.addEventListener("focusout", (event) => {
      const added = this.added;
      if (!added || added.contains(event.relatedTarget)) return;
      this.added = null;
      if (added.hidden) this.holdError(null); // removed again: its answer is on its way
      else if (this.heldError) this.show(this.heldError, true);
    });
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.root.addEventListener("focusin", () => { this.view.speakUp(); this.ensureRuntime(); }, { once: true });
    this.root.addEventListener("click", (event) => {
      const button = event.target.closest("[data-action]");
      if (!button) return;
      const action = button.dataset.action;
      if (action === "share-menu") return this.toggleMenu();
      // An item chosen: the menu closes, and focus, which was on the item, goes back to the
      // menu's button (or on into what the item opened).
      if (button.closest(".cv-share-menu")) this.toggleMenu(false, true);
      if (action === "copy-link") this.copyLink();
      if (action === "reset") this.reset();
      if (action === "retry") this.retry();
      if (action === "add-item") this.addItem();
      if (action === "remove-item") this.removeItem(button.closest("fieldset"));
      if (action === "qr") this.toggleQr(button);
      if (action === "mine") this.toggleMine(button);
      if (action === "present") this.togglePresent();
      if (action === "worksheet") this.worksheet();
      if (action === "csv" || action === "json") this.export(action);
    });
    this.root.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !this.menuOpen()) return;
      event.preventDefault(); // the menu first, then present mode (present)
      this.toggleMenu(false, true);
    });
    // Focus leaving the menu closes it, as a click elsewhere does (toggleMenu).
    this.root.querySelector(".cv-share")?.addEventListener("focusout", (event) => {
      if (this.menuOpen() && event.relatedTarget && !event.relatedTarget.closest(".cv-share")) this.toggleMenu(false);
    });
    if ("IntersectionObserver" in window) {
      this.observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          this.observer.disconnect();
          // A chapter's calculator starts quietly as the reader nears it: its example's results
          // are right already, and a progress box appearing and going again would shift the
          // chapter's text under the reader's eyes. Progress shows once the reader uses it.
          if (!this.root.hasAttribute("data-calculator-page")) this.view.quietStart = true;
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
      if (event.type === "progress") this.view.showProgress(event.step, event.steps, event);
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
    this.view.setState("loading"); // the contract: results are not to be read while Python starts
    // Before starting: a worker the page's head started reports its progress so far at once.
    if (fresh) this.view.showProgress(0, 3);
    startRuntime(this.urls).then(() => this.schedule(0), () => this.fail());
  }

  retry() {
    this.view.hideRetry();
    this.root.querySelector(".cv-progress-text").focus(); // the button pressed is gone
    this.ensureRuntime();
  }

  recomputeNow() {
    clearTimeout(this.timer);
    this.view.setState("loading");
    this.recompute();
  }

  schedule(delay) {
    clearTimeout(this.timer);
    if (this.root.dataset.state !== "failed" || runtimeState() !== "failed") this.view.setState("loading");
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
      result = await compute(this.currentRequest());
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
      if (control.name && !control.disabled && !control.closest(".cv-field[hidden]")) fields[control.name] = control.value;
    }
    return { calculator: this.spec.id, fields, lang: this.lang };
  }

  // ---- answers (view.js shows them) ----------------------------------------------------
  // ``due``: a held message's time has come (see TYPING_PAUSE_MS).
  show(result, due = false) {
    this.holdError(null);
    if (this.unfilled(result)) {
      this.heldError = result; // until the reader leaves the item (focusout); "loading" meanwhile
      return;
    }
    if (!due && this.stillTyping(result)) return this.holdError(result); // the state stays "loading"
    const answered = this.view.show(result);
    if (isPresenting(this.root)) fitPresented(this.root, false); // a longer answer still fits the screen
    if (this.acted) this.announce(this.view.announcement(result));
    if (!answered) return;
    this.lastInputs = result.inputs || {};
    this.lastLink = result.link;
    this.syncAddressBar();
    this.view.setState("ready");
  }

  fail() {
    this.view.showFailed();
  }

  // Whether ``result`` rejects what the reader is typing, before they paused: any of its
  // messages, since one may sit on another field (segment shares that do not add up to 100 yet
  // are reported on the first share). Messages shown before stay meanwhile.
  stillTyping(result) {
    const typed = this.typed;
    return !result.ok && typed && document.activeElement === typed.field && performance.now() - typed.at < TYPING_PAUSE_MS;
  }

  // Whether ``result`` only says that the item just added, where the reader still is, lacks
  // what it needs: "Enter a number here" under fields not reached yet greeted every "Add".
  unfilled(result) {
    const added = this.added;
    if (result.ok || !added || !added.contains(document.activeElement)) return false;
    return Object.entries(result.errors || {}).every(([key, error]) => error.code === "required" && added.contains(this.form.elements[key]));
  }

  // Says an answer to a screen reader once the reader pauses typing (TYPING_PAUSE_MS), not at
  // every keystroke: the last answer's headline, or its message.
  announce(text) {
    clearTimeout(this.announceTimer);
    const typed = this.typed;
    const wait = typed && document.activeElement === typed.field ? TYPING_PAUSE_MS - (performance.now() - typed.at) : 0;
    this.announceTimer = setTimeout(() => this.root.isConnected && this.view.announce(text), Math.max(0, wait));
  }

  // Keeps an answer with a message back until the reader's pause; null drops one kept back.
  holdError(result) {
    clearTimeout(this.heldTimer);
    this.heldError = result;
    if (!result) return;
    const wait = TYPING_PAUSE_MS - (performance.now() - this.typed.at);
    this.heldTimer = setTimeout(() => this.root.isConnected && this.show(result, true), wait); // not once the page is left
  }

  // The results match the inputs again: whoever waits for that (settled()) goes on.
  settle(state) {
    for (const resolve of this.settling || []) resolve(state);
    this.settling = [];
  }

  // ---- actions -----------------------------------------------------------------------
  syncAddressBar() {
    if (this.root.querySelector(".cv-share-qr:not([hidden])")) this.drawShareQr();
    if (this.root.querySelector(".cv-my-qr:not([hidden])")) this.drawMine();
    const full = this.root.querySelector("[data-full-link]"); // a chapter's embed: its numbers, untaught ones too
    if (full) full.href = this.currentLink();
    if (!this.root.closest("[data-calculator-page]")) return; // embedded in a chapter: leave the URL alone
    if (!this.ownsAddress()) return;
    const query = new URLSearchParams(this.lastLink);
    if (isPresenting(this.root)) query.set("present", "1"); // the address bar only; shared links never
    // The version's defaults need no query where they are the page's own example: keep such an
    // address clean. Only there: on the competition page, whose example is the breakfast
    // table, a bare address would reopen the table instead of a "v=1" link's defaults; and an
    // example in the address stays a versioned link, as a trainer may copy it from there.
    const example = this.lastLink === this.spec.link.example;
    const bare = [...query.keys()].length === 1 && example;
    const search = bare ? "" : "?" + query.toString();
    // A translation of this page opens with the same example in its own words (the example's
    // link here carries this language's names): the language switcher leaves the link out.
    for (const key of new URLSearchParams(example ? this.lastLink : "").keys()) query.delete(key);
    this.root.dataset.translationQuery = query.toString() ? "?" + query.toString() : "";
    // Not when nothing changes: each history entry update costs the browser several ms.
    if (search !== location.search) this.writeAddress(location.pathname + search + location.hash);
  }

  // The widget rewrites only the address it found or wrote itself. A click on a link (a try-it
  // button, even to this same page) changes the address at once, while the next page is still
  // loading: an answer arriving meanwhile must not put this page's numbers back over it.
  ownsAddress() {
    return this.root.isConnected && addressOf(location) === this.address; // the path included
  }

  writeAddress(path) {
    history.replaceState(history.state, "", path);
    this.address = addressOf(location);
    refreshSwitcher(); // its links carry the address's inputs
  }

  currentLink() {
    const path = this.root.dataset.page || location.pathname;
    const url = new URL(path, location.href);
    url.search = this.lastLink;
    return url.href;
  }

  // While a field is refused, the last link read holds earlier numbers: say so beside the
  // buttons instead of handing it out as the reader's case (QA: "Link copied" of older numbers).
  refuseWhileInvalid() {
    if (this.root.dataset.state !== "invalid") return false;
    this.root.querySelector(".cv-copied").textContent = this.messages.widget.actions.fix_first;
    return true;
  }

  async copyLink() {
    if (this.refuseWhileInvalid()) return;
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
    const state = await this.settled();
    if (state === "invalid") this.refuseWhileInvalid();
    return state === "ready";
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

  // ---- the "share & teach" menu ------------------------------------------------------------
  menuOpen() {
    return this.root.querySelector(".cv-share-toggle")?.getAttribute("aria-expanded") === "true";
  }

  toggleMenu(open = !this.menuOpen(), refocus = false) {
    const toggle = this.root.querySelector(".cv-share-toggle");
    const menu = this.root.querySelector(".cv-share-menu");
    if (!toggle || !menu) return;
    toggle.setAttribute("aria-expanded", String(open));
    menu.hidden = !open;
    document.removeEventListener("click", this.outsideClick);
    if (open) {
      this.outsideClick = (event) => !event.target.closest?.(".cv-share") && this.toggleMenu(false);
      document.addEventListener("click", this.outsideClick);
    }
    if (refocus) toggle.focus();
  }

  // ---- my result as a QR code: the link of these inputs, the name before it ----------------
  // The name is kept on this device only, so that a participant types it once per workshop.
  myName() {
    const field = this.root.querySelector("[data-my-name]");
    return field ? field.value.replace(/\s+/g, " ").trim().slice(0, 60) : "";
  }

  nameTyped(field) {
    try {
      localStorage.setItem(MY_NAME, field.value);
    } catch { /* storage refused (private mode): the name lasts as long as the page */ }
    this.drawMine();
  }

  async drawMine() {
    const figure = this.root.querySelector(".cv-my-qr");
    const link = this.currentLink();
    const name = this.myName();
    // "Anna: https://…": the line compare.js reads, whether pasted or scanned.
    await drawQr(figure.querySelector(".cv-qr-code"), name ? `${name}: ${link}` : link, this.messages.workshop.mine.label);
  }

  async toggleMine(button) {
    const figure = this.root.querySelector(".cv-my-qr");
    const show = figure.hidden;
    const words = this.messages.workshop.actions;
    if (show && !(await this.scenarioAvailable())) return;
    if (show) {
      const field = figure.querySelector("[data-my-name]");
      try {
        if (!field.value) field.value = localStorage.getItem(MY_NAME) || "";
      } catch { /* no storage: an empty name */ }
      await this.drawMine();
    }
    figure.hidden = !show;
    button.setAttribute("aria-expanded", String(show));
    button.textContent = show ? words.mine_hide : words.mine;
    if (show) {
      figure.scrollIntoView({ block: "nearest" });
      figure.querySelector("[data-my-name]").focus(); // the name is what the reader does next
    }
  }

  togglePresent() {
    this.present(!isPresenting(this.root));
    if (this.lastInputs) this.syncAddressBar();
  }

  // Escape leaves present mode wherever focus is, the page's body included; focus then goes
  // back to the menu's button.
  present(on) {
    setPresenting(this.root, on, this.messages.workshop.actions);
    document.removeEventListener("keydown", this.presentKeys);
    if (!on) return;
    this.presentKeys = (event) => {
      if (!this.root.isConnected) return document.removeEventListener("keydown", this.presentKeys);
      if (event.key !== "Escape" || event.defaultPrevented || !isPresenting(this.root)) return;
      this.togglePresent();
      this.root.querySelector(".cv-share-toggle")?.focus();
    };
    document.addEventListener("keydown", this.presentKeys);
  }

  async worksheet() {
    if (!(await this.scenarioAvailable())) return;
    const link = this.currentLink();
    await printWorksheet(this.root, link, this.qrLabel(link));
  }

  scenarioRecord() {
    const labels = this.spec.labels;
    const labelOf = (kind, key) => keyLabel(key, (k) => labels[kind][k], this.messages.calculator.group.item, this.messages.widget.qualified);
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
      shown: this.view.items().map((fieldset) => !fieldset.hidden),
      values: [...this.form.elements].filter((c) => c.name).map((c) => [c, c.value]),
    };
  }

  reset() {
    this.view.showLinkNote(false);
    if (this.root.hasAttribute("data-calculator-page") && this.ownsAddress()) this.writeAddress(location.pathname + location.hash);
    this.view.items().forEach((fieldset, i) => this.view.showItem(fieldset, this.example.shown[i]));
    for (const [control, value] of this.example.values) control.value = value;
    this.view.showChoices();
    this.acted = true;
    this.schedule(0);
  }

  // A new item opens blank, as every item the page has not shown yet: never with the numbers
  // of an item the reader removed before (a hidden item keeps its controls).
  addItem() {
    const next = this.view.items().find((f) => f.hidden);
    if (!next) return;
    for (const control of next.querySelectorAll("input[name]")) control.value = "";
    for (const control of next.querySelectorAll("select[name]")) {
      for (const foreign of control.querySelectorAll("option[data-foreign]")) foreign.remove(); // a link's unknown choice
      // The choice a link that leaves the item out opens with ("No, another kind"), not the
      // first listed: a blank alternative lands on one level however it came (QA).
      control.value = linkText(this.spec, { given: new Map() }, control.name);
      if (control.selectedIndex < 0) control.selectedIndex = 0;
    }
    this.view.showItem(next, true, { blank: true });
    this.added = next;
    next.querySelector("input, select").focus();
    this.acted = true;
    this.schedule(0);
  }

  removeItem(fieldset) {
    this.view.showItem(fieldset, false);
    // The button pressed is gone with its item: focus goes to "add", where the list ends.
    (this.root.querySelector("[data-action='add-item']") || this.form.querySelector("input, select"))?.focus();
    this.acted = true;
    this.schedule(0);
  }

}

// Where a participant's name for "my result as a QR code" is kept (this device only).
const MY_NAME = "cv-my-name";

// Which page and which numbers the address bar names: a #hash (an anchor the reader followed
// on the page) leaves both as they were.
function addressOf(location) {
  return location.pathname + location.search;
}

// A link's query as a shared link carries it: without the page's own present=1.
function linkOnly(params) {
  const query = new URLSearchParams(params);
  query.delete("present");
  return query.toString();
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
