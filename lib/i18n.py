"""Every user-visible string, by key, in English and Simplified Chinese.

Each module in ``lib/locales`` holds one page's strings as ``STRINGS = {key: {"en": ..., "zh": ...}}``;
this module merges them so pages (and errors raised by ``lib``) look text up by key.
"""

from __future__ import annotations

import importlib
import pkgutil

from lib import locales

LANGUAGES: dict[str, str] = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"


def _load_catalog() -> dict[str, dict[str, str]]:
    """Merge every locale module's STRINGS; a key defined twice is a bug, so it raises."""
    catalog: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(locales.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{locales.__name__}.{info.name}")
        for key, texts in module.STRINGS.items():
            if key in catalog:
                raise RuntimeError(f"i18n key {key!r} is defined twice (again in {info.name})")
            catalog[key] = texts
    return catalog


CATALOG: dict[str, dict[str, str]] = _load_catalog()


def translate(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The text for ``key`` in ``lang`` (English if that language lacks it), formatted with ``values``."""
    texts = CATALOG[key]
    text = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text
