"""What moves it (issue 18, part 2), prerendered: every widget of the built site carries what
moves its example's result, as run() computes it, with its words in the page's language."""

from __future__ import annotations

import json
from pathlib import Path

from calculators.registry import CALCULATORS
from calculators.run import link_fields, run
from calculators.sensitivity import HEADLINES
from sitebuild.macros import moves_output
from sitebuild.messages import catalogue
from tests.site.html_tree import Node
from tests.site.test_widgets import widgets


def text_of(node: Node) -> str:
    return "".join(child if isinstance(child, str) else text_of(child) for child in node.children)


def test_every_widget_carries_what_moves_its_example(site_dir: Path) -> None:
    checked = 0
    for lang, page, widget in widgets(site_dir):
        spec = json.loads(widget.attrs["data-spec"])
        section = widget.find(lambda n: "cv-moves" in n.classes())
        assert section is not None, page
        expected = run(spec["id"], link_fields(spec["id"], spec["example"]), "link")["moves"]
        assert json.loads(section.attrs["data-moves"]) == expected, page
        assert ("hidden" in section.attrs) == (expected == {}), page
        words = catalogue(lang, "widget")["moves"]
        texts = catalogue(lang, spec["id"])
        output = texts["outputs"][HEADLINES[spec["id"]]]
        if spec["id"] == "value" and expected.get("items"):  # beside offer 2: "… (Offer 1)"
            output = catalogue(lang, "widget")["qualified"].replace("{name}", output).replace(
                "{item}", texts["group"]["item"].format(n=1))
        intro = text_of(section.find(lambda n: "cv-moves-intro" in n.classes()))
        assert intro == words["intro"].replace("{output}", output), page
        assert text_of(section.find(lambda n: n.tag == "summary")) == words["title"]
        assert text_of(section.find(lambda n: "cv-moves-question" in n.classes())) == words["question"]
        checked += 1
    assert checked >= 6 * 6


def test_the_lifetime_pages_open_with_a_table_around_the_fitness_club() -> None:
    # The page's example, the fitness club: 20 × 1 × 100 % × 36 = 720; the margin cannot rise,
    # so the table's columns are 60–100 %, the reader's last.
    moves = run("lifetime_value", link_fields("lifetime_value", {}), "link")["moves"]
    grid = moves["grid"]
    assert (grid["rows_key"], grid["columns_key"]) == ("lifetime_months", "margin_percent")
    assert grid["cells"][grid["row"]][grid["column"]] == 720.0 and grid["column"] == 4


def test_offer_one_is_named_in_the_language_s_brackets() -> None:
    # Beside offer 2, "What moves it" is about offer 1's net value, in Chinese brackets as the
    # browser writes it (moves.js), not «净价值（减法） (方案 1)» (QA).
    texts = catalogue("zh", "value")
    label = moves_output(CALCULATORS["value"], texts, {"items": [2]}, catalogue("zh", "widget")["qualified"])
    assert label == texts["outputs"]["net_value"] + "（方案 1）"
