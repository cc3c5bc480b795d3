// Reading a pasted line on the "Compare the room" page (docs/assets/js/compare.js) under Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readLink } from "../../docs/assets/js/compare.js";

// What readLink needs of the page's calculators: the link version and the field keys.
const calculators = { value: { version: 1, fields: { economic: {}, price: {} } } };
const site = "https://example.org/guide/calculators/value/";

test("a link without v is version 1, as the page contract says", () => {
  assert.deepEqual(readLink(`${site}?economic=200&price=150`, calculators),
    { slug: "value", fields: { economic: "200", price: "150" }, name: "" });
  assert.equal(readLink(`${site}?v=2&price=150`, calculators), null); // a version this site does not know
});

test("text around the link names the participant; unknown keys are left out", () => {
  const read = readLink(`[10:32] Anna: ${site}?v=1&price=70&evil=1`, calculators);
  assert.equal(read.name, "Anna");
  assert.deepEqual(read.fields, { price: "70" });
  assert.equal(readLink("小王：" + site + "?v=1", calculators).name, "小王");
  assert.equal(readLink("not a link at all", calculators), null);
});
