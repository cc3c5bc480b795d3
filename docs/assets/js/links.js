// Reading a v=1 link: which inputs it fills and with what text. It exists apart from the
// widget so that the link rules can be tested under Node (tests/js/links.test.mjs): it touches
// no DOM, at import or ever. The rules come from the calculator's spec (built from its
// declaration in calculators/), not from a second copy here.

// The declaration behind an input key, item keys included (price_2 → the group's price).
export function fieldOf(spec, key) {
  const match = /^(.*)_([1-9]\d*)$/.exec(key);
  const group = spec.group;
  if (match && group && +match[2] >= group.first && +match[2] <= group.last) {
    const found = group.fields.find((f) => f.key === match[1]);
    if (found) return found;
  }
  return spec.fields.find((f) => f.key === key);
}

// The item number of a group item's key (price_2 → 2), or null for a main input's key.
export function itemNumber(spec, key) {
  const match = /_([1-9]\d*)$/.exec(key);
  if (!match || !spec.group) return null;
  return fieldOf(spec, key) !== spec.fields.find((f) => f.key === key) ? +match[1] : null;
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
  const inherited = spec.group && spec.group.inherit && /_\d+$/.test(key);
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

// A link value as the reader would type it on this page (1.5 → 1,5 on a German page).
// Values from a link are untrusted: the caller only ever makes them a control's value.
export function pageText(spec, field, text) {
  return field.numeric && /^-?\d+(\.\d+)?$/.test(text) && DECIMAL_COMMA.has(spec.lang)
    ? text.replace(".", ",") : text;
}

const DECIMAL_COMMA = new Set(["de", "nl", "ru"]);

// The link query for the inputs shown: v and every value that differs from the defaults.
// ``typed(key)`` is the raw text of a control (an inherited item field is written only when
// the reader typed something in it).
export function linkQuery(spec, inputs, typed, dataValue) {
  const query = new URLSearchParams({ v: String(spec.version) });
  const group = spec.group;
  for (const [key, value] of Object.entries(inputs)) {
    const field = fieldOf(spec, key);
    const item = itemNumber(spec, key);
    if (item !== null && group.inherit) {
      if (typed(key) !== "") query.set(key, dataValue(value));
      continue;
    }
    const text = value === null ? "" : dataValue(value);
    const fallback = field.default === null ? "" : String(field.default);
    const firstOfItem = item !== null && ![...query.keys()].some((k) => k.endsWith("_" + item))
      && group.fields[0].key === key.replace(/_\d+$/, "");
    if (text !== fallback || firstOfItem) query.set(key, text);
  }
  return query;
}
