// Reading a v=1 link: which inputs it fills and with what text. Writing links is Python's job
// (calculators/links.py; each answer of the runtime carries its link), so that the page's
// Copy link, address bar and QR codes and the build's try-it links are one and the same.
// This module exists apart from the widget so that the reading rules can be tested under
// Node (tests/js/links.test.mjs): it touches no DOM, at import or ever. The rules it needs
// (the item key pattern, the page's decimal separator, the group's first and last item) come
// from the calculator's spec, written by the build from the declaration in calculators/.

// An item key's base key and number (price_2 → ["price", 2]), or null.
function splitKey(spec, key) {
  const match = new RegExp(spec.link.item_key).exec(key);
  return match ? [match[1], +match[2]] : null;
}

// The declaration behind an input key, item keys included (price_2 → the group's price).
export function fieldOf(spec, key) {
  const item = splitKey(spec, key);
  const group = spec.group;
  if (item && group && item[1] >= group.first && item[1] <= group.last) {
    const found = group.fields.find((f) => f.key === item[0]);
    if (found) return found;
  }
  return spec.fields.find((f) => f.key === key);
}

// The item number of a group item's key (price_2 → 2), or null for a main input's key.
export function itemNumber(spec, key) {
  const item = splitKey(spec, key);
  if (!item || !spec.group) return null;
  return fieldOf(spec, key) !== spec.fields.find((f) => f.key === key) ? item[1] : null;
}

// Whether a link is in the format of link version ``version``: its ``v`` (the last, as for every
// repeated key) names that version; a link without ``v`` is version 1 (the page contract). A
// link of another version is not read at all: its inputs' meaning and its defaults are that
// version's, and reading it as this one would show a wrong answer without a word.
export function knownVersion(version, params) {
  return (params.getAll("v").at(-1) ?? "1") === String(version);
}

// What a link says, or null when it says nothing this calculator knows. ``items``: the group
// items the link mentions; ``given``: its values by key (a repeated key: the last wins).
export function readLink(spec, params) {
  const known = [...params.keys()].filter((key) => key === "v" || fieldOf(spec, key));
  if (known.length === 0) return null;
  const given = new Map();
  for (const key of new Set(params.keys())) {
    if (fieldOf(spec, key)) given.set(key, params.getAll(key).at(-1));
  }
  const items = new Set();
  for (const key of given.keys()) {
    const number = itemNumber(spec, key);
    if (number !== null) items.add(number);
  }
  return { items, given };
}

// The text an input opens with for a link: the link's value, else the version's default
// (empty for an item's field that takes the main input's value; for a choice that other
// inputs imply, such as the lifetime value's basis, the choice implied).
export function linkText(spec, link, key) {
  if (link.given.has(key)) return link.given.get(key);
  const field = fieldOf(spec, key);
  const inherited = spec.group && spec.group.inherit && itemNumber(spec, key) !== null;
  if (!inherited && field.implied_by && field.implied_by.length) return impliedChoice(field, link.given);
  return inherited || field.default === null ? "" : String(field.default);
}

// The choice a link that leaves ``field`` out implies: the one whose input it gives a value
// for, when it gives exactly one (a churn and no lifetime: the churn); else the default. The
// same rule as calculators.schema.implied_choice.
export function impliedChoice(field, given) {
  const found = field.implied_by.filter(([, key]) => (given.get(key) ?? "").trim() !== "").map(([choice]) => choice);
  return found.length === 1 ? found[0] : field.default === null ? "" : String(field.default);
}

// A link value as the reader would type it on this page (1.5 → 1,5 and .5 → ,5 on a German
// page, where ".5" would be refused at the next edit). Values from a link are untrusted: the
// caller only ever makes them a control's value.
export function pageText(spec, field, text) {
  return field.numeric && /^-?(\d+(\.\d+)?|\.\d+)$/.test(text) ? text.replace(".", spec.link.decimal) : text;
}
