"""lib/errors.py: messages quote a learner's text as a short excerpt and file text without Markdown."""

import pytest

from lib.errors import QUOTE, LessonError, excerpt, literal
from lib.i18n import LANGUAGES


def test_excerpt_keeps_short_text_and_cuts_long_text_to_its_ends() -> None:
    assert excerpt("0x1p5000") == "0x1p5000"
    cut = excerpt("a" * 50 + "MIDDLE" + "z" * 50)
    assert len(cut) == QUOTE and cut.startswith("a") and cut.endswith("z") and "…" in cut


@pytest.mark.parametrize(
    ("key", "params"),
    [
        ("detection.error.numbers", {"what": "sizes", "text": "0.5, " * 200_000}),  # 1 MB pasted into a box
        ("number_formats.error.not_a_number", {"text": "x" * 1_000_000}),
        ("checkpoint.error.meta_text", {"field": "f" * 1_000_000, "limit": 3}),  # any other text parameter
    ],
)
def test_no_message_echoes_a_long_input_whole(key: str, params: dict) -> None:
    error = LessonError(key, **params)
    for lang in LANGUAGES:
        assert len(error.localized(lang)) < 500


def test_literal_disarms_markdown_links_images_and_directives() -> None:
    assert literal("![t](http://x/y.png) [a](b) :red[c] <b> `d` $e$") == (
        r"!\[t\](http\:" + "\u2060" + r"//x/y.png) \[a\](b) \:red\[c\] \<b\> \`d\` \$e\$"
    )  # the invisible word joiner after "://" keeps a bare URL from becoming a link
    assert literal("layer1.0.running_mean (2, 3)") == "layer1.0.running_mean (2, 3)"  # names read as before
