// Numbers as the page shows them: Intl.NumberFormat with the same table of fraction digits
// as sitebuild/formatting.py (Babel, build time), so prerendered and live text read alike.

// The decimals a number in a formula has room for at least, and at most (EXACT_DIGITS and
// APART_DECIMALS in sitebuild/formatting.py and calculators/schema.py).
const EXACT_DIGITS = 6;
const APART_DECIMALS = 12;

// The decimals of the shortest text that reads back as the number: 2.9999995 → 7, 1e-7 → 7.
export function ownDecimals(value) {
  const [mantissa, exponent = "0"] = String(Math.abs(value)).split("e");
  return Math.max(0, (mantissa.split(".")[1] || "").length - Number(exponent));
}

// ``exact``: a number in a formula, with every digit it carries, so that the parts shown add
// up to the total shown ($1.125 + $1.125 = $2.25, never $1.13 + $1.13); or a result kept
// apart from a threshold, with the digits that keep it apart (2.9999995 below 3).
export function fractionDigits(kind, value, exact = false, most = APART_DECIMALS) {
  if (exact && !["item", "level", "count"].includes(kind)) {
    return [fractionDigits(kind, value)[0], Math.min(Math.max(EXACT_DIGITS, ownDecimals(value)), most)];
  }
  if (kind === "money") return Number.isInteger(value) ? [0, 0] : [2, 2];
  if (["ratio", "number", "hours", "percent"].includes(kind)) return [0, 2];
  if (["months", "share"].includes(kind)) return [0, 1];
  return [0, 0];
}

// Building an Intl.NumberFormat costs far more than using one: a result shows dozens of
// numbers (a chart's table, hundreds), so formatters are kept by their options.
const formatters = new Map();

function formatter(lang, options) {
  const key = lang + JSON.stringify(options);
  if (!formatters.has(key)) formatters.set(key, new Intl.NumberFormat(lang, options));
  return formatters.get(key);
}

export function formatNumber(kind, value, lang, currency = "USD", exact = false) {
  const text = formatDigits(kind, value, lang, currency, exact);
  // A number that is not zero never reads as zero: a churn of 0.001 % is not "0%", a lead of
  // $0.004 not "$0.00". It takes the digits it needs, up to six (as sitebuild/formatting.py).
  if (!exact && value !== 0 && fractionDigits(kind, value)[1] > 0 && !/[1-9]/.test(text)) {
    return formatDigits(kind, value, lang, currency, true, EXACT_DIGITS); // a result carries no more
  }
  return text;
}

function formatDigits(kind, value, lang, currency, exact, most = APART_DECIMALS) {
  const [minimumFractionDigits, maximumFractionDigits] = fractionDigits(kind, value, exact, most);
  // signDisplay "negative": a number that rounds to zero shows as 0, never -0 (as Babel does
  // in sitebuild/formatting.py).
  const digits = { minimumFractionDigits, maximumFractionDigits, signDisplay: "negative" };
  if (kind === "money") return formatter(lang, { style: "currency", currency, ...digits }).format(value);
  if (kind === "share") return formatter(lang, { style: "percent", ...digits }).format(value);
  if (kind === "percent") return formatter(lang, { style: "percent", ...digits }).format(value / 100);
  return formatter(lang, digits).format(value);
}

// The text of data-value: a plain number with a dot and no grouping, a key, or "none".
export function dataValue(value) {
  return value === null || value === undefined ? "none" : String(value);
}

// A placeholder, or one that chooses its words by the number it shows, in ICU's plural form:
// "{months, plural, one {# month} other {# months}}", "#" standing for the number as shown;
// "=2 {…}" is the form for a number shown as 2, before any category ("第二层", not "第 2 层").
// The same syntax as PLACEHOLDER in sitebuild/formatting.py.
const PLACEHOLDER = /\{(\w+), plural,((?:\s*=?\w+\s*\{[^{}]*\})+)\s*\}|\{(\w+)\}/g;

// A template such as "{a} + {b} = {c}" with each placeholder replaced; unknown ones stay.
// ``locale`` picks a plural form ("over 1 month", "über 12 Monate"): a template that counts
// needs it.
export function fill(template, lookup, locale) {
  return template.replace(PLACEHOLDER, (whole, counted, forms, name) => {
    const text = lookup(counted ?? name);
    if (text === undefined) return whole;
    return counted === undefined ? text : pluralText(forms, text, locale);
  });
}

// The form of ``forms`` ("one {# month} other {# months}") that suits the number ``shown``.
export function pluralText(forms, shown, locale) {
  const byCategory = Object.fromEntries([...forms.matchAll(/(=?\w+)\s*\{([^{}]*)\}/g)].map((m) => [m[1], m[2]]));
  const form = byCategory["=" + shown] ?? byCategory[pluralCategory(shown, locale)] ?? byCategory.other ?? "#";
  return form.replaceAll("#", shown);
}

const pluralRules = new Map();

// The plural category of a number as the page shows it: "1" is "one" in English, "1.0" and
// "1.5" are "other" (CLDR counts the decimals shown), as Babel's plural_form at build time.
export function pluralCategory(shown, locale) {
  const decimal = formatter(locale, {}).formatToParts(1.5).find((part) => part.type === "decimal").value;
  const [whole, fraction = ""] = shown.split(decimal).map((part) => part.replace(/\D/g, ""));
  const key = locale + fraction.length;
  if (!pluralRules.has(key)) {
    pluralRules.set(key, new Intl.PluralRules(locale, { minimumFractionDigits: fraction.length, maximumFractionDigits: fraction.length }));
  }
  return pluralRules.get(key).select(Number(`${whole || "0"}.${fraction || "0"}`));
}

// A result as the page shows it: the catalogue's word for it where there is one (categories,
// "nobody on this level"), an item's legend, text as it is, or a number in the page's style.
// ``texts`` is a calculator's catalogue (its values, item_zero and group.item).
export function resultText(texts, kind, key, value, lang, currency, exact = false) {
  const base = key.replace(/_\d+$/, "");
  const word = ((texts.values || {})[base] || {})[value];
  if (word !== undefined) return word;
  if (kind === "category" || kind === "text") return String(value);
  if (kind === "item") return value === 0 && texts.item_zero ? texts.item_zero : fill(texts.group.item, () => String(value));
  return formatNumber(kind, value, lang, currency, exact);
}

// "Price (Offer 2)" for price_2: a key's own label, or its base key's label with the item's
// legend, put together by ``pattern`` (the language's brackets: "{name}（{item}）" in Chinese).
// ``labelFor(key)`` gives a declared label or undefined.
export function keyLabel(key, labelFor, itemTemplate, pattern = "{name} ({item})") {
  const own = labelFor(key);
  const match = /^(.*)_(\d+)$/.exec(key);
  if (own !== undefined || !match) return own ?? key;
  const parts = { name: labelFor(match[1]) ?? match[1], item: fill(itemTemplate, () => match[2]) };
  return fill(pattern, (name) => parts[name]);
}
