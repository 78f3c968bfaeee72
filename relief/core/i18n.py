"""Translation: English message ids in the code, Vietnamese from the catalogue (Babel .po).

The language of the current request lives in a context variable, so templates, macros and
services all translate the same way without passing it around.
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import cache
from typing import Any

from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from relief import PACKAGE_DIR

LOCALE_DIR = PACKAGE_DIR / "locale"
current_language: ContextVar[str] = ContextVar("current_language", default="vi")


@cache
def translations(lang: str) -> NullTranslations:
    """The catalogue for a language (every .po file of it, one per area); English is the ids."""
    result = Translations()
    for po_file in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with po_file.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        for message in catalog:
            if message.id and message.string:
                key = message.id if isinstance(message.id, str) else message.id[0]
                value = message.string if isinstance(message.string, str) else message.string[0]
                result._catalog[key] = value
    return result


def gettext(message: str, **params: Any) -> str:
    text = translations(current_language.get()).gettext(message)
    return text.format(**params) if params else text


_ = gettext
