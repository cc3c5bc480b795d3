#!/usr/bin/env python3
"""Report runs of Chinese or Korean characters that a page shares with the source articles.

``../shared/tools/seed_overlap.py`` counts shared runs of 8 words or 14 Han characters. That
misses a page that follows a Chinese source clause by clause with a synonym swapped every
dozen characters, and it misses Korean, whose phrases are only 3–4 words long. This check
reads Han characters and Hangul syllables only (spaces, punctuation, digits and Latin are
dropped, so a re-spaced or re-punctuated sentence still matches) and lists every run of
``--han`` Han characters or ``--hangul`` Hangul syllables that a page shares with a seed.

The thresholds were measured on the Chinese pages as they were at commit 428200a
(``git show 428200a:docs/zh/internal-customers.md``): internal-customers.md and
customer-worth.md, which the content review found to be seed 004 reworded, share 10 and 5
runs of 9 Han characters with it (15 and 6 of 8; 5 and 3 of 10); the eleven other Chinese
pages share none of 8 or more, but 14 runs of 7 (terms and set phrases such as 客户让渡价值
or 内部客户价值 are 6). Korean syllables
carry less than Han characters (particles and endings are syllables), so ordinary phrases
such as 구성 요소는 보증입니다 (10) are shared by chance; at 12 the check finds only the
sentences the review called near-source wording.

A title cited in its own language (``<span lang="ko">고객 가치를 만드는 방법</span>``) is a
citation, not prose, and is skipped.

    python scripts/seed_overlap_cjk.py docs --seeds ../shared/seeds          # list runs
    python scripts/seed_overlap_cjk.py docs --seeds ../shared/seeds --max 0  # exit 1 on any

Exit status: 0 when the count is at most --max (default: no limit), else 1. Stdlib only.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

HAN_RUN = 9
HANGUL_RUN = 12

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# What a reader does not read as the page's own prose: code, macros, a title cited in its
# own language, and the attributes of HTML tags (an SVG's text stays: it is read).
_NOT_PROSE = re.compile(
    r"```.*?```|`[^`]*`|\{\{.*?\}\}|\{%.*?%\}|<span lang=\"[^\"]+\">.*?</span>|<[^>]*>", re.S
)


@dataclass(frozen=True)
class Script:
    name: str
    letter: re.Pattern[str]
    run: int


@dataclass(frozen=True)
class SharedRun:
    page: Path
    text: str
    seed: str


def letters(text: str, script: Script) -> str:
    """The text's characters of one script, in order, with everything else dropped."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if script.letter.match(ch))


def windows(stream: str, size: int) -> Iterator[str]:
    return (stream[i : i + size] for i in range(len(stream) - size + 1))


def seed_windows(seeds: Iterable[Path], script: Script) -> dict[str, str]:
    found: dict[str, str] = {}
    for seed in seeds:
        for window in windows(letters(seed.read_text(encoding="utf-8"), script), script.run):
            found.setdefault(window, seed.name)
    return found


def shared_runs(page: Path, script: Script, seeds: dict[str, str]) -> list[SharedRun]:
    """The page's maximal runs whose every window of ``script.run`` characters is in a seed."""
    text = _NOT_PROSE.sub(" ", page.read_text(encoding="utf-8"))
    stream = letters(text, script)
    hits = [window in seeds for window in windows(stream, script.run)]
    runs, start = [], 0
    while start < len(hits):
        if not hits[start]:
            start += 1
            continue
        end = start
        while end + 1 < len(hits) and hits[end + 1]:
            end += 1
        runs.append(SharedRun(page, stream[start : end + script.run], seeds[stream[start : start + script.run]]))
        start = end + 1
    return runs


def check(root: Path, seed_dir: Path, han: int = HAN_RUN, hangul: int = HANGUL_RUN) -> list[SharedRun]:
    seeds = sorted(seed_dir.glob("*.txt"))
    if not seeds:
        raise FileNotFoundError(f"no seed articles (*.txt) in {seed_dir}")
    found: list[SharedRun] = []
    for script in (Script("Han", _HAN, han), Script("Hangul", _HANGUL, hangul)):
        windows_of_seeds = seed_windows(seeds, script)
        for page in sorted(root.rglob("*.md")):
            found += shared_runs(page, script, windows_of_seeds)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="folder of Markdown pages, e.g. docs")
    parser.add_argument("--seeds", type=Path, default=Path("../shared/seeds"), help="folder of seed *.txt")
    parser.add_argument("--han", type=int, default=HAN_RUN, help="Han characters in a run (default %(default)s)")
    parser.add_argument("--hangul", type=int, default=HANGUL_RUN, help="Hangul syllables in a run (default %(default)s)")
    parser.add_argument("--max", type=int, default=None, help="largest count that passes")
    args = parser.parse_args(argv)
    found = check(args.root, args.seeds, args.han, args.hangul)
    for run in found:
        print(f"{run.page}: «{run.text}» (from {run.seed})")
    print(f"{len(found)} shared runs of CJK characters (Han ≥ {args.han}, Hangul ≥ {args.hangul})")
    return 0 if args.max is None or len(found) <= args.max else 1


if __name__ == "__main__":
    sys.exit(main())
