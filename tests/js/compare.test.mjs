// Reading a pasted line on the "Compare the room" page (docs/assets/js/compare.js) under Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inOtherVersion, readLink } from "../../docs/assets/js/compare.js";

// What readLink needs of the page's calculators: the link version and the field keys.
const calculators = { value: { version: 1, fields: { economic: {}, price: {} } } };
const site = "https://example.org/guide/calculators/value/";

test("a link without v is version 1, as the page contract says", () => {
  assert.deepEqual(readLink(`${site}?economic=200&price=150`, calculators),
    { slug: "value", fields: { economic: "200", price: "150" }, name: "" });
  assert.equal(readLink(`${site}?v=2&price=150`, calculators), null); // a version this site does not know
  assert.equal(inOtherVersion(`Anna: ${site}?v=2&price=150`, calculators), true); // said as such
  assert.equal(inOtherVersion(`Anna: ${site}?v=1&price=150`, calculators), false);
  assert.equal(inOtherVersion("not a link at all", calculators), false);
  assert.equal(inOtherVersion("https://example.org/calculators/unknown/?v=2", calculators), false);
});

test("text around the link names the participant; unknown keys are left out", () => {
  const read = readLink(`[10:32] Anna: ${site}?v=1&price=70&evil=1`, calculators);
  assert.equal(read.name, "Anna");
  assert.deepEqual(read.fields, { price: "70" });
  assert.equal(readLink("小王：" + site + "?v=1", calculators).name, "小王");
  assert.equal(readLink("not a link at all", calculators), null);
});

test("a scanned line joins the room once; a person is removed by line number", async () => {
  const { withLine, withoutLine } = await import("../../docs/assets/js/compare.js");
  const anna = `Anna: ${site}?v=1&price=70`;
  const room = withLine("", anna);
  assert.equal(room, anna);
  assert.equal(withLine(room + "\n", ` ${anna} `), null); // the same code read twice counts once
  const two = withLine(room + "\n\n", `Bob: ${site}?v=1&price=80`);
  assert.equal(two, `${anna}\nBob: ${site}?v=1&price=80`);
  // Line numbers count every line, blank ones included, as the table's "Line" column does. A
  // removed line is emptied, so that everyone after it keeps their line (and their number);
  // blank lines at the end go.
  assert.equal(withoutLine(`${anna}\n\nBob`, 3), anna);
  assert.equal(withoutLine(`${anna}\n\nBob`, 1), "\n\nBob");
  assert.equal(withoutLine(`${anna}\nBob\nCleo`, 2), `${anna}\n\nCleo`);
  assert.equal(withoutLine(`${anna}\nBob`, 7), `${anna}\nBob`); // no such line: nothing changes
});
