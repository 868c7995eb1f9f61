"""Every key has English and Chinese text with the same placeholders, and every key the code uses exists."""

import re
import string
from pathlib import Path

import pytest

from lib.i18n import CATALOG, LANGUAGES, translate

ROOT = Path(__file__).resolve().parent.parent


def placeholders(text: str) -> set[str]:
    """Names of the ``{fields}`` in a format string, so tests can compare languages."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


LITERAL_KEY = re.compile(r"""\b(?:t|translate|LessonError)\(\s*f?["']([a-z0-9_.]+)["']""")


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_key_has_every_language(key: str) -> None:
    texts = CATALOG[key]
    for lang in LANGUAGES:
        assert texts.get(lang, "").strip(), f"{key!r} has no {LANGUAGES[lang]} text"
    assert set(texts) <= set(LANGUAGES), f"{key!r} has an unknown language"


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_languages_share_placeholders(key: str) -> None:
    english = placeholders(CATALOG[key]["en"])
    for lang in LANGUAGES:
        assert placeholders(CATALOG[key][lang]) == english, f"{key!r} placeholders differ in {lang}"


def test_every_literal_key_used_in_code_exists() -> None:
    used = set()
    for path in [ROOT / "app.py", *ROOT.glob("pages/**/*.py"), *ROOT.glob("ui/**/*.py"), *ROOT.glob("lib/**/*.py")]:
        used |= {key for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8")) if not key.endswith(".")}
    missing = sorted(key for key in used if key not in CATALOG)
    assert not missing, f"keys used in code but missing from lib/locales: {missing}"


def test_translate_formats_and_falls_back_to_english() -> None:
    assert translate("home.open", "zh", title="X") == "打开「X」"
    assert translate("home.open", "fr", title="X") == "Open X"
