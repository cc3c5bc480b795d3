"""Python writes links, the page reads them: every guide example, in every language, read by
``docs/assets/js/links.js`` under Node into the texts its fields open with, and written again
by Python from those texts, gives the link it started from."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from calculators.languages import CODES
from calculators.links import link_fields, link_query, reading_rules
from calculators.presets import PRESETS
from calculators.registry import CALCULATORS
from calculators.run import run
from sitebuild.macros import _field_json, resolved_preset

ROOT = Path(__file__).resolve().parent.parent.parent

# For each case: the texts of the fields the page shows (the main ones and the link's items).
NODE_SCRIPT = """
import { readFileSync } from "node:fs";
import { fieldOf, linkText, pageText, readLink } from "./docs/assets/js/links.js";
const cases = JSON.parse(readFileSync(0, "utf8")); // stdin: the cases outgrow one argument
console.log(JSON.stringify(cases.map(({ spec, link }) => {
  const read = readLink(spec, new URLSearchParams(link));
  const keys = [...spec.fields.map((f) => f.key)];
  const group = spec.group;
  for (const number of [...read.items].sort((a, b) => a - b)) for (const f of group.fields) keys.push(f.key + "_" + number);
  return Object.fromEntries(keys.map((key) => [key, pageText(spec, fieldOf(spec, key), linkText(spec, read, key))]));
})));
"""


def spec_of(calculator_id: str, lang: str) -> dict[str, object]:
    """The part of a widget's spec (sitebuild/macros.py) that links.js reads."""
    schema = CALCULATORS[calculator_id]
    group = schema.group
    return {
        "id": schema.id, "version": schema.version, "lang": lang,
        "link": reading_rules(lang),
        "fields": [_field_json(f) for f in schema.fields],
        "group": None if group is None else {"first": group.first, "last": group.last, "inherit": group.inherit,
                                             "fields": [_field_json(f) for f in group.fields]},
    }


def test_links_read_by_the_page_are_written_again_unchanged() -> None:
    cases = []
    for lang in CODES:
        for calculator_id, examples in PRESETS.items():
            for example in examples:
                query = resolved_preset(calculator_id, example, lang)
                # A value past the results' six decimals, to be kept exactly.
                query = {**query, CALCULATORS[calculator_id].fields[0].key: "1.0000004"} if example == "chapter-2" else query
                link = link_query(calculator_id, link_fields(calculator_id, query))
                cases.append({"calculator": calculator_id, "lang": lang, "link": link, "spec": spec_of(calculator_id, lang)})
    result = subprocess.run(["node", "--input-type=module", "-e", NODE_SCRIPT],
                            input=json.dumps(cases), cwd=ROOT, capture_output=True, text=True, check=True)
    differ = []
    for case, texts in zip(cases, json.loads(result.stdout)):
        again = run(case["calculator"], texts, case["lang"])
        if again["link"] != case["link"]:
            differ.append((case["lang"], case["link"], again["link"], again["errors"]))
    assert len(cases) == len(CODES) * sum(len(e) for e in PRESETS.values())
    assert differ == []
