// One sentence that answers the reader's question, above the other results: which offer
// gives the most value, what a customer is worth, who the strongest rival is. It is made
// from the same values as the outputs below it and from the calculator catalogue's
// ``headline`` templates, with the names the reader typed.

import { fill } from "./format.js";

// ``values``: the answer's values (output key → number, key or null); ``say(key, value)``:
// an output as the page shows it; ``nameOf(item)``: an item's typed name or its legend;
// ``locale``: the page's, for a template's plural forms ("over 1 month").
// Returns the sentence, or "" when the calculator has none (or none for these values).
// ``noted``: the keys of the notes the calculator gave (a Set), whose decisions the headline
// follows rather than makes again.
export function headlineText(id, templates, values, say, nameOf, locale, noted = new Set()) {
  if (!templates) return "";
  const pick = SENTENCES[id];
  if (!pick) return "";
  const picked = pick(values, say, nameOf, templates, noted);
  if (!picked) return "";
  const [key, parts] = picked;
  const template = templates[key];
  if (!template) return "";
  return fill(template, (name) => parts[name] ?? undefined, locale);
}

const has = (values, key) => Object.hasOwn(values, key);

// A ratio that does not exist (cost 0) is named in words, never shown as a number.
const ratioOf = (values, key, say) => (values[key] === null ? null : say(key, values[key]));

const SENTENCES = {
  value(values, say, nameOf, templates, noted) {
    const offers = [1, 2, 3, 4].filter((n) => has(values, n === 1 ? "net_value" : `net_value_${n}`));
    const suffix = (n) => (n === 1 ? "" : `_${n}`);
    const ratio = (n) => ratioOf(values, "value_ratio" + suffix(n), say) ?? templates.no_ratio;
    if (offers.length <= 1) {
      return [values.verdict === "positive" ? "one_positive" : "one_negative", { net: say("net_value", values.net_value), ratio: ratio(1) }];
    }
    const best = values.best_by_subtraction;
    const byRatio = values.best_by_ratio;
    const parts = { best: nameOf(best), net: say("net_value" + suffix(best), values["net_value" + suffix(best)]), ratio: ratio(best) };
    // Not "gives the most value" where every offer loses value or only breaks even.
    if (values["verdict" + suffix(best)] !== "positive") return ["best_none", parts];
    // Split only where the calculator says the two methods disagree (not on a tie on ratio,
    // where division names the lower number: calculators/value.py, methods_disagree).
    if (!noted.has("value.methods_disagree")) return ["best", parts];
    return ["best_split", { ...parts, best_ratio: nameOf(byRatio), other_ratio: ratio(byRatio) }];
  },

  lifetime_value(values, say, nameOf) {
    // With segments the reader asks what a customer is worth across them, and which segment
    // is worth most (ties: the lower number); without a finite blend, the main customer.
    const segments = Object.keys(values).filter((key) => /^lifetime_value_\d+$/.test(key) && typeof values[key] === "number")
      .map((key) => Number(key.slice("lifetime_value_".length))).sort((a, b) => a - b);
    if (segments.length && typeof values.blended_lifetime_value === "number") {
      const best = segments.reduce((top, n) => (values[`lifetime_value_${n}`] > values[`lifetime_value_${top}`] ? n : top));
      const parts = {
        ltv: say("blended_lifetime_value", values.blended_lifetime_value),
        best: nameOf(best), best_ltv: say(`lifetime_value_${best}`, values[`lifetime_value_${best}`]),
      };
      if (typeof values.blended_ltv_to_cac !== "number") return ["blended", parts];
      return ["blended_cac", { ...parts, ratio: say("blended_ltv_to_cac", values.blended_ltv_to_cac) }];
    }
    if (values.lifetime_value === null || values.lifetime_value === undefined) {
      // A finite lifetime whose value is beyond what the page shows is not "no churn": no
      // sentence then; the calculator's note says why the value is not shown.
      if (typeof values.lifetime_months === "number") return null;
      return ["endless", { margin: say("monthly_margin", values.monthly_margin) }];
    }
    const parts = { ltv: say("lifetime_value", values.lifetime_value), months: say("lifetime_months", values.lifetime_months) };
    if (values.ltv_to_cac === null || values.ltv_to_cac === undefined) return ["worth", parts];
    return ["worth_cac", { ...parts, ratio: say("ltv_to_cac", values.ltv_to_cac) }];
  },

  competition(values, say, nameOf) {
    // The strongest rival leaves the customer the most net value (ties: the lower number), as
    // the calculator's own note says; it is the strongest of the three levels' strongest.
    let rival = null;
    for (const level of [1, 2, 3]) {
      const item = values[`strongest_level_${level}`];
      if (!item) continue;
      const net = values[`net_${item}`];
      if (rival === null || net > rival.net || (net === rival.net && item < rival.item)) rival = { item, level, net };
    }
    if (rival === null) return ["none", { you: nameOf(0) }];
    return ["rival", {
      name: nameOf(rival.item), level: String(rival.level), net: say(`net_${rival.item}`, rival.net),
      you: nameOf(0), your_net: say("net", values.net),
    }];
  },
};
