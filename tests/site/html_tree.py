"""The built HTML as a small tree (the standard library's parser; no extra dependency)."""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
BLOCK = frozenset(
    "address article aside blockquote br caption dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol output p pre section summary table tbody "
    "td tfoot th thead tr ul label legend option select button".split()
)


class Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def find(self, predicate) -> Node | None:
        return next((node for node in self.walk() if predicate(node)), None)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


@functools.cache
def parse(path: Path) -> Node:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    return builder.root


def text_of(node: Node, skip=lambda node: False) -> str:
    """The text a reader sees, block elements separated by spaces; ``skip`` drops subtrees."""
    parts: list[str] = []

    def visit(current: Node) -> None:
        if current.tag in ("script", "style", "template", "noscript") or skip(current):
            return
        if current.tag in BLOCK:
            parts.append(" ")
        for child in current.children:
            if isinstance(child, str):
                parts.append(child)
            else:
                visit(child)
        if current.tag in BLOCK:
            parts.append(" ")

    visit(node)
    return re.sub(r"\s+", " ", "".join(parts)).strip()
