"""Complete Chinese: in Chinese mode, no visible text of a page as it opens (each of its tabs, the sidebar,
chart titles, axes and legends) is left in English (issue 13, "Complete Chinese").

A text is flagged when it contains an English catalogue text whose Chinese differs, when it holds three or
more English words in a row, or — for chart labels and table headers, which are short — when it is English
words only. Technical tokens (``tests/i18n_allow.py``), code and formulas are allowed. ``st.dataframe``
draws its headers on a canvas, out of the browser's reach: ``tests/test_i18n_coverage.py`` checks their keys.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from lib.i18n import CATALOG
from lib.navigation import HOME, PAGES
from tests.e2e.helpers import assert_no_exception, main_tabs, open_page, screenshot, show_tab, visible_texts
from tests.i18n_allow import CJK, ENGLISH_WORD, english_runs, is_technical, mask_technical
from tests.test_i18n_coverage import FIELD, needs_translation

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _english_pattern(english: str) -> re.Pattern[str]:
    """The English text as it can be shown: its ``{fields}`` filled with anything, whole words only.

    A single English word (``Stop``, ``max``) is flagged only as the whole text of an element: inside a Chinese
    sentence a lone word is a term or code (``max``, ``padding``), inside a label it is an untranslated label.
    """
    parts = [re.escape(part) for part in FIELD.split(english.strip())]
    body = ".+?".join(parts)
    if len(ENGLISH_WORD.findall(mask_technical(FIELD.sub(" ", english)))) == 1:
        return re.compile(rf"\s*{body}\s*\Z")
    return re.compile(rf"(?<![A-Za-z0-9_.]){body}(?![A-Za-z0-9_])")


# English catalogue texts that would be wrong on a Chinese page: they hold a real word and the Chinese differs.
UNTRANSLATED = {
    key: _english_pattern(texts["en"])
    for key, texts in CATALOG.items()
    if texts["zh"].strip() != texts["en"].strip() and needs_translation(texts["en"])
}


def english_left(kind: str, text: str) -> list[str]:
    """Why ``text`` (a visible text of ``kind``) reads as untranslated English, or nothing."""
    if not re.search(r"[A-Za-z]{2}", text):
        return []
    reasons = [
        f"the English of {key!r}"
        for key, pattern in UNTRANSLATED.items()
        if pattern.match(text.strip()) or (not pattern.pattern.endswith("\\Z") and pattern.search(text))
    ]
    reasons += [f"English words {run!r}" for run in english_runs(text)]
    if kind in ("chart", "header") and not CJK.search(text) and not is_technical(text):
        reasons.append(f"a {kind} label in English")
    return reasons


def test_the_check_flags_english_and_passes_chinese_with_tokens() -> None:
    assert english_left("text", "每轮 accuracy and loss per epoch")
    assert english_left("chart", "accuracy")
    assert english_left("text", f"提示：{CATALOG['home.offline']['en']}")
    assert not english_left("text", CATALOG["home.offline"]["zh"])
    assert not english_left("text", "用 nn.Conv2d 和 FP16 训练 CIFAR10-quick（ResNet、TinySSD、Adam）")
    assert not english_left("chart", "1e-3")
    assert english_left("text", CATALOG["train.live.stop"]["en"])  # a lone word as a whole label
    assert not english_left("text", "每次前执行 x.grad.zero_()，取 max(1, 3) 与 padding = 2")  # code and terms


def _page_texts(page: Page) -> dict[str, list[tuple[str, str]]]:
    """Visible texts of the page as it opened, and of each of its top-level tabs."""
    labels = main_tabs(page).all_inner_texts()
    if not labels:
        return {"": visible_texts(page)}
    shown = {}
    for index, label in enumerate(labels):
        show_tab(page, index)
        shown[label] = visible_texts(page)
    return shown


@pytest.mark.parametrize("name", [spec.name for spec in PAGES])
def test_page_shows_no_english_in_chinese_mode(page: Page, name: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, "" if name == HOME.name else name, lang="zh")
    assert_no_exception(page)
    screenshot(page, f"chinese-{name}")
    found = []
    for tab, texts in _page_texts(page).items():
        for kind, text in dict.fromkeys(texts):
            found += [f"tab {tab!r}, {kind} {text[:120]!r}: {reason}" for reason in english_left(kind, text)]
    assert not found, f"{name} in Chinese shows English:\n" + "\n".join(found)
