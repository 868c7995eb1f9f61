"""Errors a learner can cause, carrying an i18n key so pages show them in the learner's language."""

from __future__ import annotations

from lib.i18n import translate


class LessonError(ValueError):
    """A ValueError whose message comes from the i18n catalog (``str()`` gives the English text)."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(translate(key, "en", **params))

    def localized(self, lang: str) -> str:
        """The message in ``lang``."""
        return translate(self.key, lang, **self.params)
