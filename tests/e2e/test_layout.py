"""Pages a class can read: at 1024×768 nothing scrolls sideways or sticks out, and at 1280×800 each page's
main action is in the first screen (issue 13, "Visual first, projector-ready").

One server for the session, one browser context per size and language, each page loaded once per
combination; every top-level tab of the page is checked for sideways overflow (a tab that reruns on opening is waited for).
By default two combinations run — Chinese at 1024×768 (long labels in the narrow window) and English at
1280×800 (the first screen) — which cover both concerns; ``DLP_LAYOUT_ALL=1`` runs all four.
Elements skipped by the overflow check, and why: ``tests.e2e.helpers.LAYOUT_SKIP``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from lib.navigation import HOME, PAGES
from tests.e2e.helpers import (
    RUN_TIMEOUT_MS,
    assert_no_exception,
    layout_problems,
    main_tabs,
    open_page,
    screenshot,
    show_tab,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SIZES = {"1024x768": (1024, 768), "1280x800": (1280, 800)}
FIRST_SCREEN = "1280x800"  # where the main action must be visible without scrolling
ALL = [(size, lang) for size in SIZES for lang in ("en", "zh")]
COMBINATIONS = ALL if os.environ.get("DLP_LAYOUT_ALL") == "1" else [("1024x768", "zh"), ("1280x800", "en")]
VISIBLE_PART_PX = 80  # a visual counts as "in the first screen" when this much of it (or all of it) shows


@dataclass(frozen=True)
class Target:
    """Something that must be in the first screen: what it is, and where (CSS, in the page's shown tab)."""

    what: str
    selector: str
    whole: bool  # controls must show whole; a visual needs only its first VISIBLE_PART_PX


# Each page's main action and main visual, checked on the page as it opens (its first tab).
MAIN_ACTION: dict[str, tuple[Target, ...]] = {
    "home": (Target("the first row of lesson cards (its first card's link)", "[data-testid='stPageLink']", True),),
    "number_formats": (Target("the value box", ".st-key-number_formats-value input", True),),
    "convolution": (
        Target("the first tab's first input", "[data-testid='stTabPanel'] [data-testid='stNumberInput']", True),
        Target("the first tab's result", "[data-testid='stTabPanel'] [data-testid='stMetric']", False),
    ),
    "tensors": (
        Target("the first tab's shapes input", "[data-testid='stTabPanel'] [data-testid='stTextArea']", True),
        Target("the first tab's shape table", "[data-testid='stTabPanel'] [data-testid='stDataFrame']", False),
    ),
    "train": (Target("the Start button", ".st-key-train_start button", True),),
    "finetune": (Target("the Start button", ".st-key-ft_start button", True),),
    "optimization": (
        Target("the first tab's loss table", "[data-testid='stTabPanel'] [data-testid='stDataFrame']", False),
    ),
    "detection": (
        Target("the first tab's picture", "[data-testid='stTabPanel'] [data-testid='stPlotlyChart']", False),
    ),
}


def test_every_page_has_a_main_action() -> None:
    assert set(MAIN_ACTION) == {spec.name for spec in PAGES}


@pytest.fixture(scope="module")
def tabs(browser, app_url: str) -> Iterator[Callable[[str, str], Page]]:
    """One browser context (and tab) per size and language, made on first use, closed after the module."""
    made: dict[tuple[str, str], Page] = {}

    def tab(size: str, lang: str) -> Page:
        if (size, lang) not in made:
            width, height = SIZES[size]
            context = browser.new_context(viewport={"width": width, "height": height}, base_url=app_url)
            context.set_default_timeout(120_000)
            made[(size, lang)] = context.new_page()
        return made[(size, lang)]

    yield tab
    for page in made.values():
        page.context.close()


def _wait_for_widgets(page: Page) -> None:
    """Until a widget's lazily loaded code has run, Streamlit draws a grey skeleton of another size in its place
    (seconds after the network is idle; tens of seconds on a loaded machine): measure once none is shown."""
    expect(page.get_by_test_id("stSkeleton").filter(visible=True)).to_have_count(0, timeout=RUN_TIMEOUT_MS)


def _first_screen_misses(page: Page, name: str) -> list[str]:
    height = page.viewport_size["height"]
    misses = []
    for target in MAIN_ACTION[name]:
        found = page.locator(target.selector).filter(visible=True)
        if found.count() == 0:
            misses.append(f"{target.what} ({target.selector}) is not on the page")
            continue
        box = found.first.bounding_box()
        needed = box["height"] if target.whole else min(box["height"], VISIBLE_PART_PX)
        if box["y"] < 0 or box["y"] + needed > height:
            misses.append(
                f"{target.what} is at y={box['y']:.0f}..{box['y'] + box['height']:.0f}, "
                f"below the first screen (height {height})"
            )
    return misses


def _cases() -> list:
    return [pytest.param(size, lang, spec.name) for size, lang in COMBINATIONS for spec in PAGES]


@pytest.mark.parametrize(("size", "lang", "name"), _cases())
def test_page_fits_the_screen(tabs: Callable[[str, str], Page], size: str, lang: str, name: str) -> None:
    page = tabs(size, lang)
    open_page(page, "" if name == HOME.name else name, lang=lang)
    assert_no_exception(page)
    _wait_for_widgets(page)
    screenshot(page, f"layout-{name}-{size}-{lang}")
    problems = []
    if size == FIRST_SCREEN:
        problems += [f"first screen: {miss}" for miss in _first_screen_misses(page, name)]
    labels = main_tabs(page).all_inner_texts()
    for index, label in enumerate(labels or [None]):
        if label is not None:
            show_tab(page, index)
            _wait_for_widgets(page)
        where = f"tab {label!r}: " if label is not None else ""
        problems += [where + problem for problem in layout_problems(page)]
    assert not problems, f"{name} at {size} in {lang}:\n" + "\n".join(problems)
