"""Errors a learner can cause, carrying an i18n key so pages show them in the learner's language."""

from __future__ import annotations

import re

from lib.i18n import translate

QUOTE = 40  # characters of a learner's text quoted back in a message
QUOTED_PARAMS = ("text", "token")  # the parameters that carry what the learner typed, by convention
MAX_PARAM = 240  # no other parameter of a message is longer (lists of choices fit; pasted megabytes do not)


def excerpt(text: str, limit: int = QUOTE) -> str:
    """At most ``limit`` characters of ``text`` to quote in a message: its start, "…", and its end."""
    if len(text) <= limit:
        return text
    tail = limit // 4
    return f"{text[: limit - tail - 1]}…{text[-tail:]}"


# What makes Markdown links, images, HTML, code, maths or Streamlit directives (":red[x]", ":material/x:");
# CommonMark shows a backslash-escaped punctuation character as itself. "_", "." and "()" stay: names use them,
# and without "[" no link or image can form.
_MARKDOWN = re.compile(r"([\\`*\[\]<>:$~|{}#])")


def literal(text: str) -> str:
    """``text`` (e.g. from an uploaded file) escaped so Markdown shows it as typed: no link, image, markup or
    Streamlit directive in it takes effect (an image URL in a checkpoint's metadata is not fetched)."""
    # A word joiner (invisible) after "://" also stops GFM from turning a bare URL into a link.
    return _MARKDOWN.sub(r"\\\1", text).replace("\\://", "\\:\u2060//")


class LessonError(ValueError):
    """A ValueError whose message comes from the i18n catalog (``str()`` gives the English text).

    Text parameters are cut to an excerpt (QUOTE characters for what the learner typed, MAX_PARAM for any
    other), so no input is ever echoed back whole.
    """

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = {
            name: excerpt(value, QUOTE if name in QUOTED_PARAMS else MAX_PARAM) if isinstance(value, str) else value
            for name, value in params.items()
        }
        super().__init__(translate(key, "en", **self.params))

    def __reduce__(self) -> tuple:
        """Pickle by key and values (a run on another process or machine sends its errors back whole)."""
        return _restore, (self.key, self.params)

    def localized(self, lang: str) -> str:
        """The message in ``lang``."""
        return translate(self.key, lang, **self.params)


def _restore(key: str, params: dict[str, object]) -> LessonError:
    """A LessonError from its pickled key and values."""
    return LessonError(key, **params)
