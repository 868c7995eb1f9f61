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


def test_every_key_has_every_language() -> None:
    """One test for the whole catalog: the message lists every key with a missing, blank or unknown language."""
    problems = []
    for key in sorted(CATALOG):
        texts = CATALOG[key]
        problems += [f"{key!r} has no {LANGUAGES[lang]} text" for lang in LANGUAGES if not texts.get(lang, "").strip()]
        problems += [f"{key!r} has an unknown language {lang!r}" for lang in sorted(set(texts) - set(LANGUAGES))]
    assert not problems, "\n".join(problems)


def test_languages_share_placeholders() -> None:
    """Every translation names the same {placeholders} as the English text; all mismatches are listed at once."""
    mismatched = [
        f"{key!r}: {lang} has {sorted(placeholders(CATALOG[key].get(lang, '')))}, "
        f"en has {sorted(placeholders(CATALOG[key]['en']))}"
        for key in sorted(CATALOG)
        for lang in LANGUAGES
        if placeholders(CATALOG[key].get(lang, "")) != placeholders(CATALOG[key]["en"])
    ]
    assert not mismatched, "\n".join(mismatched)


def test_the_checks_see_a_broken_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    """The two catalog checks above fail on a key with a missing language and on one with a renamed placeholder."""
    monkeypatch.setitem(CATALOG, "test.missing", {"en": "Only English"})
    monkeypatch.setitem(CATALOG, "test.renamed", {"en": "{n} items", "zh": "{count} 项"})
    with pytest.raises(AssertionError, match=re.escape("'test.missing' has no")):
        test_every_key_has_every_language()
    with pytest.raises(AssertionError, match=re.escape("'test.renamed': zh has")):
        test_languages_share_placeholders()
    assert len(CATALOG) > 800  # the catalog the checks walk is the real one


def test_every_literal_key_used_in_code_exists() -> None:
    used = set()
    for path in [ROOT / "app.py", *ROOT.glob("pages/**/*.py"), *ROOT.glob("ui/**/*.py"), *ROOT.glob("lib/**/*.py")]:
        used |= {key for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8")) if not key.endswith(".")}
    missing = sorted(key for key in used if key not in CATALOG)
    assert not missing, f"keys used in code but missing from lib/locales: {missing}"


def test_translate_formats_and_falls_back_to_english() -> None:
    assert translate("home.open", "zh", title="X") == "打开「X」"
    assert translate("home.open", "fr", title="X") == "Open X"
