// Reading v=1 links (docs/assets/js/links.js) under Node: no browser, no DOM. The specs below
// are cut-down copies of what the build writes into data-spec (sitebuild/macros.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fieldOf, itemNumber, knownVersion, linkText, pageText, readLink } from "../../docs/assets/js/links.js";

// The reading rules as the build writes them (calculators/links.py reading_rules).
const rules = (decimal) => ({ item_key: "^(.*)_([1-9][0-9]*)$", decimal });
const number = (key, fallback) => ({ key, kind: "money", default: fallback, numeric: true });
// Like the value calculator: bare keys are offer 1, the group's items are 2..3.
const offers = {
  id: "value", version: 1, lang: "de", link: rules(","),
  fields: [number("price", 0), number("economic", 0), { key: "currency", kind: "text", default: "EUR", numeric: false }],
  group: { first: 2, last: 3, inherit: false, fields: [number("price", 0), number("economic", 0)] },
};
// Like lifetime value: items 1..3 whose empty fields take the main input's value.
const segments = {
  id: "lifetime_value", version: 1, lang: "en", link: rules("."),
  fields: [number("average_check", 20)],
  group: { first: 1, last: 3, inherit: true, fields: [{ key: "segment", kind: "text", default: null, numeric: false }, number("average_check", null)] },
};

test("an item key finds its group field; a bare key the main field", () => {
  assert.equal(fieldOf(offers, "price_2"), offers.group.fields[0]);
  assert.equal(fieldOf(offers, "price"), offers.fields[0]);
  assert.equal(fieldOf(offers, "price_4"), undefined); // beyond the group's last item
  assert.equal(itemNumber(offers, "price_3"), 3);
  assert.equal(itemNumber(offers, "price"), null);
  assert.equal(itemNumber(offers, "price_1"), null); // offer 1 is written with bare keys
  assert.equal(itemNumber(offers, "price_02"), null); // no leading zero: not an item key
  assert.equal(fieldOf(offers, "price_02"), undefined);
});

test("a link that names nothing this calculator knows is no link", () => {
  assert.equal(readLink(offers, new URLSearchParams("utm_source=x&present=1")), null);
  assert.notEqual(readLink(offers, new URLSearchParams("v=1")), null);
});

test("a link is read only in its own version's format; without v it is version 1", () => {
  const known = (query, version = 1) => knownVersion(version, new URLSearchParams(query));
  assert.equal(known("price=5"), true);
  assert.equal(known("v=1&price=5"), true);
  assert.equal(known("v=2&price=5"), false);
  assert.equal(known("v=1.0"), false);
  assert.equal(known("v="), false);
  assert.equal(known("v=abc"), false);
  assert.equal(known("v=2&v=1"), true); // a repeated key: the last wins
  assert.equal(known("v=1&v=2"), false);
  assert.equal(known("price=5", 2), false); // a link without v is version 1, not the newest
  assert.equal(known("v=2", 2), true);
});

test("a repeated key takes the last value; unknown keys are ignored", () => {
  const link = readLink(offers, new URLSearchParams("v=1&price=5&price=7&colour=red&economic_3=9"));
  assert.deepEqual([...link.given], [["price", "7"], ["economic_3", "9"]]);
  assert.deepEqual([...link.items], [3]);
});

test("inputs a link leaves out take the version's defaults", () => {
  const link = readLink(offers, new URLSearchParams("v=1&price=5"));
  assert.equal(linkText(offers, link, "price"), "5");
  assert.equal(linkText(offers, link, "economic"), "0");
  assert.equal(linkText(offers, link, "currency"), "EUR");
});

test("an item's field left out of the link stays empty when it takes the main value", () => {
  const link = readLink(segments, new URLSearchParams("v=1&segment_1=Gym&average_check=30"));
  assert.equal(linkText(segments, link, "average_check_1"), "");
  assert.equal(linkText(segments, link, "average_check"), "30");
  assert.deepEqual([...link.items], [1]);
});

test("numbers open in the page's decimal style; text and odd values as they are", () => {
  const price = offers.fields[0];
  assert.equal(pageText(offers, price, "1.5"), "1,5");
  assert.equal(pageText(offers, price, "-0.0000004"), "-0,0000004");
  assert.equal(pageText(offers, price, ".5"), ",5"); // a link reads it as 0.5; so must the page
  assert.equal(pageText(offers, price, "-.5"), "-,5");
  assert.equal(pageText(offers, price, "1.2.3"), "1.2.3"); // reported beside the field, unchanged
  assert.equal(pageText(offers, offers.fields[2], "1.5"), "1.5"); // text field
  assert.equal(pageText(segments, price, "1.5"), "1.5"); // a page with a decimal point
});

test("a link without basis means the lifetime input it gives (issue 15)", () => {
  const basis = {
    key: "basis", kind: "choice", default: "lifetime", numeric: false,
    implied_by: [["lifetime", "lifetime_months"], ["churn", "churn_percent"]],
  };
  const ltv = { id: "lifetime_value", version: 1, lang: "en", link: rules("."), fields: [basis, number("lifetime_months", 36), number("churn_percent", null)], group: null };
  const open = (query) => linkText(ltv, readLink(ltv, new URLSearchParams(query)), "basis");
  assert.equal(open("v=1&churn_percent=5"), "churn");                     // a churn and no lifetime
  assert.equal(open("v=1&lifetime_months=&churn_percent=5"), "churn");    // the lifetime emptied
  assert.equal(open("v=1&lifetime_months=24&churn_percent=5"), "lifetime"); // both: as links always did
  assert.equal(open("v=1"), "lifetime");
  assert.equal(open("v=1&basis=churn&lifetime_months=24"), "churn");      // the reader's choice
});
