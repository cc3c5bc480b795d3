"""The Chinese and Korean pages do not follow the source articles character run by character run
(scripts/seed_overlap_cjk.py; the word-run check in ../shared/tools misses both scripts)."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"


@cache
def overlap_check() -> ModuleType:
    """The script, loaded as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("seed_overlap_cjk", ROOT / "scripts" / "seed_overlap_cjk.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed articles are not beside this clone ({SEEDS})")
def test_no_page_shares_a_run_of_chinese_or_korean_characters_with_a_seed() -> None:
    found = overlap_check().check(ROOT / "docs", SEEDS)
    assert not found, "\n".join(f"{run.page.relative_to(ROOT)}: «{run.text}» ({run.seed})" for run in found)


def test_a_reworded_clause_is_found_and_a_shared_term_is_not(tmp_path: Path) -> None:
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    docs.mkdir()
    (seeds / "004.txt").write_text("从表面上来看，这是部门之间的扯皮，从深层次来看，是内部客户价值的问题。", encoding="utf-8")
    (seeds / "001.txt").write_text("가장 큰 실수는 고객과 상의하지 않고 고객을 위한 가치를 창출하려고 하는 것입니다.", encoding="utf-8")
    # 9 Han characters in a row, re-punctuated (部门之间的扯皮，从深层次): found.
    (docs / "copied.md").write_text("表面上看是部门之间的扯皮；从深层次说，另有原因。", encoding="utf-8")
    # The same 6-character term (内部客户价值) and a cited title in its own language: not found.
    (docs / "own.md").write_text(
        '同事也是客户，这就是内部客户价值。原文：<span lang="zh">从表面上来看这是部门之间的扯皮</span>',
        encoding="utf-8",
    )
    # 12 Hangul syllables with the spaces moved (가장큰실수는고객과상의하지): found.
    (docs / "copied-ko.md").write_text("가장 큰실수는 고객과 상의하지 않은 채 일하는 것입니다.", encoding="utf-8")
    found = overlap_check().check(docs, seeds)
    assert sorted(run.page.name for run in found) == ["copied-ko.md", "copied.md"]
    assert any("部门之间的扯皮从深层次" in run.text for run in found)


def test_without_seeds_the_check_says_so(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no seed articles"):
        overlap_check().check(tmp_path, tmp_path)
