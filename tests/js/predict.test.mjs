// Reading a guess's answer from the results (docs/assets/js/predict.js) under Node: the same
// rule as Prediction.answer in sitebuild/chapters.py.
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerOf, outcomeText } from "../../docs/assets/js/predict.js";

const shares = { rule: "largest", outputs: ["share_you", "share_level_1", "share_level_2", "share_level_3"], options: ["you", "1", "2", "3"] };

test("largest: the options keep their declared order, ties go to the first", () => {
  // Breakfast: 20, 10, 50, 0 of 80 as data-values.
  assert.equal(answerOf(shares, { share_you: "0.25", share_level_1: "0.125", share_level_2: "0.625", share_level_3: "0" }), "2");
  assert.equal(answerOf(shares, { share_you: "0.5", share_level_1: "0.5", share_level_2: "0", share_level_3: "0" }), "you");
});

test("a result that does not exist answers nothing", () => {
  assert.equal(answerOf(shares, { share_you: "none", share_level_1: "none", share_level_2: "none", share_level_3: "none" }), null);
  assert.equal(answerOf(shares, {}), null);
});

test("threshold: at the threshold counts as above", () => {
  const ltv = { rule: "threshold", outputs: ["lifetime_value"], options: ["above", "below"], threshold: 500 };
  assert.equal(answerOf(ltv, { lifetime_value: "720" }), "above");
  assert.equal(answerOf(ltv, { lifetime_value: "500" }), "above");
  assert.equal(answerOf(ltv, { lifetime_value: "499.99" }), "below");
});

test("output: only a declared option counts", () => {
  const offer = { rule: "output", outputs: ["best_by_ratio"], options: ["1", "2"] };
  assert.equal(answerOf(offer, { best_by_ratio: "2" }), "2");
  assert.equal(answerOf(offer, { best_by_ratio: "3" }), null);
});

test("the outcome names the guess beside the answer", () => {
  const rule = { labels: { above: "500 or more", below: "Less than 500" },
    words: { outcome_right: "Yours: {guess}. Answer: {answer}. Right.", outcome_wrong: "Yours: {guess}. Answer: {answer}. No.", outcome_unknown: "Yours: {guess}. Wait." } };
  assert.equal(outcomeText(rule, "below", "above"), "Yours: Less than 500. Answer: 500 or more. No.");
  assert.equal(outcomeText(rule, "above", null), "Yours: 500 or more. Wait.");
});
