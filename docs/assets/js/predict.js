// Predict first (issue 18): before a chapter's embedded calculator shows its answer, the reader
// may commit a guess; then the answer shows beside it. The question, its options and the rule
// that reads the answer from the results are declared once (PREDICTIONS in
// sitebuild/chapters.py); this module only applies the rule to the outputs' data-value, so the
// build's prerendered results answer it as well as the runtime's (no Python needed). Guesses
// stay in this browser (localStorage); skipping is one click.
import { fill } from "./format.js";

const STORE = "cv-predict";

function stored() {
  try {
    return JSON.parse(localStorage.getItem(STORE) || "{}") || {};
  } catch {
    return {}; // storage blocked: the guess lives as long as the page
  }
}

function store(key, entry) {
  try {
    localStorage.setItem(STORE, JSON.stringify({ ...stored(), [key]: entry }));
  } catch {
    // storage blocked or full: the outcome still shows on this page
  }
}

// The option these results make true (the same rule as Prediction.answer in Python); null when
// they do not say: a result missing or "none", or results that are out of date.
export function answerOf(rule, values) {
  const found = rule.outputs.map((key) => values[key]);
  if (found.some((value) => value === undefined || value === null || value === "" || value === "none")) return null;
  if (rule.rule === "output") return rule.options.includes(found[0]) ? found[0] : null;
  const numbers = found.map(Number);
  if (numbers.some((n) => !Number.isFinite(n))) return null;
  // The options in their declared order (an object's keys would put "1" before "you").
  if (rule.rule === "largest") return rule.options[numbers.indexOf(Math.max(...numbers))];
  return numbers[0] >= rule.threshold ? "above" : "below";
}

// The outcome sentence: the guess beside the answer, or that the answer is still to come.
export function outcomeText(rule, guess, answer) {
  const template = answer === null ? rule.words.outcome_unknown : answer === guess ? rule.words.outcome_right : rule.words.outcome_wrong;
  return fill(template, (name) => ({ guess: rule.labels[guess], answer: answer === null ? "" : rule.labels[answer] })[name]);
}

function shownValues(root) {
  const values = {};
  const state = root.dataset.state;
  if (state === "invalid" || root.hasAttribute("data-pending")) return values; // not this case's results
  for (const output of root.querySelectorAll("output[data-key]")) values[output.dataset.key] = output.dataset.value;
  return values;
}

export function mountPrediction(root) {
  const box = root.querySelector("[data-predict]");
  if (!box) return;
  const rule = JSON.parse(box.dataset.predict);
  const form = box.querySelector(".cv-predict-form");
  const submit = form.querySelector("[type=submit]");
  const outcome = box.querySelector(".cv-predict-outcome");
  let guess = null;

  const showOutcome = () => {
    if (guess === null) return;
    const answer = answerOf(rule, shownValues(root));
    outcome.textContent = outcomeText(rule, guess, answer);
    outcome.dataset.outcome = answer === null ? "unknown" : answer === guess ? "right" : "wrong";
  };
  const reveal = (entry, focus) => {
    root.removeAttribute("data-predicting");
    form.hidden = true;
    guess = entry.guess ?? null;
    showOutcome();
    if (!focus) return;
    const next = guess === null ? root.querySelector(".cv-results") : outcome;
    if (!next.hasAttribute("tabindex")) next.tabIndex = -1; // keyboard focus lands on what appeared
    next.focus({ preventScroll: true });
  };

  const entry = stored()[rule.key];
  if (entry) reveal(entry, false);
  else root.setAttribute("data-predicting", "");

  form.addEventListener("change", () => { submit.disabled = !form.querySelector("input:checked"); });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const checked = form.querySelector("input:checked");
    if (!checked) return;
    store(rule.key, { guess: checked.value });
    reveal({ guess: checked.value }, true);
  });
  box.querySelector("[data-predict-skip]").addEventListener("click", () => {
    store(rule.key, { skipped: true });
    reveal({}, true);
  });
  // The answer follows the results: the runtime's answer, or the reader's own numbers.
  new MutationObserver(showOutcome).observe(root, { attributes: true, attributeFilter: ["data-state", "data-pending"] });
}
