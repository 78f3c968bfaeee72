"""Translation: English message ids in the code, Vietnamese from the catalogue (Babel .po).

The language of the current request lives in a context variable, so templates, macros and
services all translate the same way without passing it around. Where one English word needs two
Vietnamese ones, the message carries a context (`msgctxt` in the catalogue, `pgettext` here):
"Created" is a date on the tokens table and a count on an import's page.
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import cache
from typing import Any, cast

from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from relief import PACKAGE_DIR

LOCALE_DIR = PACKAGE_DIR / "locale"
current_language: ContextVar[str] = ContextVar("current_language", default="vi")


@cache
def translations(lang: str) -> NullTranslations:
    """The catalogue for a language (every .po file of it, one per area); English is the ids.

    One message (id and context) has one translation across the files: a test holds them to it.
    """
    result = Translations()
    for key, value in catalogue_entries(lang):
        result._catalog[key[1] if key[0] is None else result.CONTEXT_ENCODING % key] = value[0]
    return result


def catalogue_entries(lang: str) -> list[tuple[tuple[str | None, str], tuple[str, str]]]:
    """Every translated message of a language's files: ((context, id), (text, file name))."""
    entries = []
    for po_file in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with po_file.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        for message in catalog:
            if message.id and message.string:
                key = message.id if isinstance(message.id, str) else message.id[0]
                value = message.string if isinstance(message.string, str) else message.string[0]
                entries.append(((message.context, key), (value, po_file.name)))
    return entries


def gettext(message: str, **params: Any) -> str:
    text = translations(current_language.get()).gettext(message)
    return text.format(**params) if params else text


def pgettext(context: str, message: str, **params: Any) -> str:
    """The message as meant in this context (e.g. "Source" of a programme: its legal basis)."""
    # Babel types pgettext's answer as `str | object`; it is the message when none is found.
    text = cast(str, translations(current_language.get()).pgettext(context, message))
    return text.format(**params) if params else text


_ = gettext
