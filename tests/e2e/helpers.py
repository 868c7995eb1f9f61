"""Small Playwright helpers for Streamlit: wait for a run to finish, find widgets by key, upload, screenshot."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from lib.navigation import PAGES, PageSpec

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
APP_READY = "[data-testid='stApp'][data-test-script-state='notRunning']"
CONNECTED = "[data-testid='stApp'][data-test-connection-state='CONNECTED']"
MAIN_TITLE = "[data-testid='stMain'] h1"
RUN_TIMEOUT_MS = 120_000


def spec(name: str) -> PageSpec:
    """The registered page of the lesson ``name`` (e.g. ``"number_formats"``)."""
    return next(page for page in PAGES if page.name == name)


def wait_for_app(page: Page, *, settle_ms: int = 250) -> None:
    """Wait until the script has run to the end: connected, not running, and no stale elements left."""
    page.wait_for_timeout(settle_ms)  # let a rerun triggered just before start, so "notRunning" is fresh
    page.wait_for_selector(CONNECTED, timeout=RUN_TIMEOUT_MS)
    page.wait_for_selector(APP_READY, timeout=RUN_TIMEOUT_MS)
    expect(page.locator("[data-stale='true']")).to_have_count(0, timeout=RUN_TIMEOUT_MS)
    page.wait_for_load_state("networkidle")  # widgets' code is fetched lazily; until then they are grey skeletons


def open_page(page: Page, url_path: str = "", lang: str | None = None) -> None:
    """Load the app at ``/url_path`` (``?lang=`` seeds the session's language) and wait for it."""
    query = f"?lang={lang}" if lang else ""
    page.goto(f"/{url_path}{query}")
    # Before the first run the app also reads "notRunning": wait for the page's title, which every page draws.
    page.locator(MAIN_TITLE).first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)


def key_class(key: str) -> str:
    """The CSS class Streamlit's frontend derives from a widget key (anything but ``[A-Za-z0-9_-]`` becomes ``-``)."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def keyed(page: Page, key: str) -> Locator:
    """The widget created with ``key=...`` (Streamlit marks its container with the class ``st-key-<key>``)."""
    return page.locator("." + key_class(key))


def current(page: Page, test_id: str) -> Locator:
    """Elements with ``test_id`` from the latest run only (a rerun keeps the previous ones, marked stale)."""
    return page.locator("[data-testid='stElementContainer'][data-stale='false']").filter(
        has=page.get_by_test_id(test_id)
    )


def current_keyed(page: Page, key: str) -> Locator:
    """The widget or element with ``key=...`` from the latest run only."""
    return page.locator(f".{key_class(key)}[data-stale='false']")


def exceptions(page: Page) -> list[str]:
    """Text of every exception box the page shows."""
    return page.get_by_test_id("stException").all_inner_texts()


def assert_no_exception(page: Page) -> None:
    """No Streamlit exception element anywhere on the page."""
    shown = exceptions(page)
    assert not shown, "the page shows an exception:\n" + "\n---\n".join(shown)


def main_title(page: Page) -> str:
    """The first level-1 heading of the page body."""
    return page.locator(MAIN_TITLE).first.inner_text().strip()


def language_box(page: Page) -> Locator:
    """The sidebar language picker's combobox (its input's value is the shown language)."""
    return keyed(page, "language_picker").get_by_role("combobox")


def pick_language(page: Page, label: str) -> None:
    """Choose ``label`` (e.g. ``"简体中文"``) in the sidebar language picker."""
    language_box(page).click()
    page.get_by_role("option", name=label, exact=True).click()
    wait_for_app(page)


def upload(page: Page, key: str, path: Path) -> None:
    """Upload ``path`` through the file uploader created with ``key=...``."""
    widget = keyed(page, key)
    expect(widget).to_be_visible(timeout=RUN_TIMEOUT_MS)
    widget.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    expect(widget).to_contain_text(path.name, timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under ``test-output/screenshots/<name>.png`` for humans to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# Layout checks (tests/e2e/test_layout.py). Streamlit internals that scroll or overhang by design are skipped
# by these selectors; the element that holds them (the chart, the table frame, the code block) is still measured.
LAYOUT_SKIP = {
    ".js-plotly-plot *": "Plotly's own layers (drag covers, hover and measuring text) sit outside the plot box",
    "[data-testid='stDataFrameResizable'] *": "glide-data-grid's canvases and virtual scroller are sized by the grid",
    "[data-testid='stCode'] pre, [data-testid='stCode'] pre *": "code keeps its lines unwrapped and scrolls by design",
    "[data-testid='stSlider'] input": "a slider's invisible value input is centred on its thumb: at the right end it "
    "overhangs by half its width (the track and thumb themselves are measured)",
    "[data-testid='stMultiSelectTagsContainer'], [data-testid='stMultiSelectTagsContainer'] *": "a multiselect "
    "scrolls its row of chosen tags by design in a narrow column; the widget box itself is measured",
}

_LAYOUT_JS = """
([skip]) => {
  const vw = window.innerWidth;
  const main = document.querySelector("[data-testid='stMain']");
  const skipped = new Set(main.querySelectorAll(skip));
  const name = (el) => {
    const parts = [];
    for (let e = el; e && e !== main && parts.length < 5; e = e.parentElement) {
      const id = e.getAttribute('data-testid');
      const key = [...e.classList].filter(c => c.startsWith('st-key-')).join('.');
      if (id || key || e === el) parts.push((id || e.tagName.toLowerCase()) + (key ? '.' + key : ''));
    }
    const text = (el.innerText || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
    return parts.join(' < ') + (text ? ` "${text}"` : '');
  };
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const wide = [], scrollers = [];
  const reported = new Set();
  // the app scrolls inside its own containers, not the document: measure them too
  const frames = [...document.querySelectorAll("[data-testid='stAppViewContainer'], [data-testid='stMain']")];
  for (const el of [...frames, ...main.querySelectorAll('*')]) {
    if (skipped.has(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (scrolls(el) && el.scrollWidth > el.clientWidth + 1)
      scrollers.push(`${name(el)}: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
    if (r.right > vw + 1) {
      reported.add(el);
      let inside = false;  // only the outermost overhanging element, and none inside a reported scroller
      for (let a = el.parentElement; a && a !== main; a = a.parentElement)
        if (reported.has(a) || (scrolls(a) && a.getBoundingClientRect().right <= vw + 1)) { inside = true; break; }
      if (!inside) wide.push(`${name(el)}: right edge ${Math.round(r.right)} > viewport ${vw} (left ${Math.round(r.left)})`);
    }
  }
  return {
    viewport: vw,
    document: document.documentElement.scrollWidth,
    wide,
    scrollers,
  };
}
"""


def layout_problems(page: Page) -> list[str]:
    """What scrolls sideways or sticks out of the viewport, described with the measured widths."""
    found = page.evaluate(_LAYOUT_JS, [", ".join(LAYOUT_SKIP)])
    problems = []
    if found["document"] > found["viewport"]:
        problems.append(f"the page scrolls sideways: scrollWidth {found['document']} > viewport {found['viewport']}")
    problems += [f"sticks out: {item}" for item in found["wide"]]
    problems += [f"scrolls sideways: {item}" for item in found["scrollers"]]
    return problems


def main_tabs(page: Page) -> Locator:
    """The tab buttons of the page's top-level ``st.tabs`` (none on pages without tabs)."""
    return page.locator("[data-testid='stMain'] [data-testid='stTabs']").first.get_by_role("tab")


def show_tab(page: Page, index: int) -> None:
    """Switch the page's top-level tabs to ``index`` and let charts size themselves.

    Tabs made with ``on_change="rerun"`` (only the open tab runs) rerun the script: wait for that run to end.
    """
    main_tabs(page).nth(index).click()
    wait_for_app(page, settle_ms=400)
    # a chart in a tab shown for the first time draws itself only now
    page.wait_for_function(_CHARTS_DRAWN, timeout=RUN_TIMEOUT_MS)


_CHARTS_DRAWN = """() => [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
  .filter((chart) => chart.checkVisibility()).every((chart) => chart.querySelector('.main-svg text'))"""


_TEXT_JS = """
([skip]) => {
  const groups = new Map();
  const kinds = new Map();
  const skipped = (el) => el.closest(skip) !== null;
  const add = (holder, text, kind) => {
    groups.set(holder, (groups.get(holder) || '') + text);
    kinds.set(holder, kind);
  };
  for (const root of document.querySelectorAll("[data-testid='stMain'], [data-testid='stSidebar']")) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent.trim() || !parent.checkVisibility({checkVisibilityCSS: true})) continue;
      const svgText = parent.closest('svg text');
      if (svgText) { add(svgText, node.textContent, 'chart'); continue; }
      let block = parent.closest(skip) || parent;
      while (block !== root && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
      // code between words stands in as a dot, so it does not join them into one English run
      const text = skipped(parent) ? ' · ' : node.textContent;
      add(block, text, block.closest('th, [role=columnheader]') ? 'header' : 'text');
    }
  }
  return [...groups].map(([el, text]) => [kinds.get(el), text.replace(/\\s+/g, ' ').trim()]).filter(([, t]) => t);
}
"""
# Text that is code, not interface: inline code, code blocks, and formulas.
TEXT_SKIP = "code, pre, .katex, [data-testid='stCode']"


def visible_texts(page: Page) -> list[tuple[str, str]]:
    """Each visible text block of the main area and sidebar as ``(kind, text)``: ``chart`` (SVG text of a Plotly
    chart: title, axes, ticks, legend), ``header`` (a table header cell) or ``text``; code and formulas left out."""
    return [(kind, text) for kind, text in page.evaluate(_TEXT_JS, [TEXT_SKIP])]
