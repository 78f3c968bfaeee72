"""Vietnamese text: clean at entry, one canonical spelling for storage, an accent-free key.

`clean_text` is applied to every text that enters (forms, API bodies, imported cells) and by
`normalize_text`; migration 0011 applied it to the rows stored before.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

# Tone marks (as combining characters); vowel-shape marks (circumflex, breve, horn) are kept
# by normalize_text and removed only by fold.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACES = re.compile(r"\s+")
# Control characters (C0 but tab and line breaks, DEL, C1) and invisible ones: zero-width
# spaces and joiners, word joiner, invisible operators, soft hyphen, byte-order mark,
# direction marks and overrides. None belongs in a name or a note; each can break an export
# (openpyxl refuses C0 characters) or hide a duplicate from search ("Ho\u200bàng").
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")


def clean_text(value: str, *, multiline: bool = True) -> str:
    """Text without control or invisible characters; line breaks as "\\n", or spaces.

    A tab becomes a space; with `multiline=False` so does every line break.
    """
    if not value:
        return value
    value = _LINE_BREAKS.sub("\n", value)
    value = _INVISIBLE.sub("", value).replace("\t", " ")
    return value if multiline else value.replace("\n", " ")


NEEDS_A_LETTER = "A name needs at least one letter."


def has_letter(value: str) -> bool:
    """Whether a text holds a letter of any script ("Đ", "ồ", "Ê", a mathematical bold A count)."""
    return any(map(str.isalpha, value or ""))  # isalpha: the categories Lu, Ll, Lt, Lm, Lo


def name_error(value: str) -> str | None:
    """The message for a name that is not empty but holds no letter (only combining marks,
    digits, punctuation or symbols: "\u0301\u0301", "123", "..."), None for any other.
    Meant for every field that names a person or a place, after `normalize_text`."""
    return NEEDS_A_LETTER if value and not has_letter(value) else None


def clean_value(value: Any) -> Any:
    """Every string in a JSON value cleaned (dict keys too), line breaks kept."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    return value


@lru_cache(maxsize=8192)  # a pure function of a word; imports fold the same few words often
def _old_style_tone(word: str) -> str:
    """Place the tone of a final "oa", "oe", "uy" on its first vowel: "Hoà" -> "Hòa".

    Both spellings are in use; stored names take the old style that the province's own
    lists use ("Nam Hòa"), so the two compare equal.
    """
    chars = list(unicodedata.normalize("NFD", word))
    base = [(i, c) for i, c in enumerate(chars) if not unicodedata.combining(c)]
    if len(base) < 2:
        return word
    tail = "".join(c for _, c in base[-2:]).lower()
    if tail not in {"oa", "oe", "uy"}:
        return word
    if tail == "uy" and len(base) >= 3 and base[-3][1].lower() == "q":
        return word  # "quý": the u belongs to the consonant "qu"
    last_i = base[-1][0]
    tones = [i for i in range(last_i + 1, len(chars)) if chars[i] in _TONES]
    if not tones:
        return word
    tone = chars.pop(tones[0])
    chars.insert(base[-2][0] + 1, tone)
    return unicodedata.normalize("NFC", "".join(chars))


def _letters(base: str, *, toned: bool) -> str:
    """`base`'s letters, and each precomposed letter made of one of them (with a tone mark
    among its marks when `toned`)."""
    found = [] if toned else list(base)
    for c in map(chr, range(0xC0, 0x1F00)):
        parts = unicodedata.normalize("NFD", c)
        if parts[0] in base and len(parts) > 1 and (not toned or _TONES & set(parts[1:])):
            found.append(c)
    return "".join(found)


# A word that may end in a toned "oa", "oe", "uy" (NFC): the only words `_old_style_tone`
# changes, so the others are not looked at (an import normalizes a million cells).
_FINAL_TONE = re.compile(
    rf"\w*[{_letters('oOuU', toned=False)}][{_letters('aAeEyY', toned=True)}](?!\w)"
)
# Its last two letters alone: found (or not) by a scan without the word's backtracking, a
# fifth of the time, so most names (none such) skip the substitution.
_FINAL_PAIR = re.compile(
    rf"[{_letters('oOuU', toned=False)}][{_letters('aAeEyY', toned=True)}](?!\w)"
)
_COMBINING = re.compile("[\u0300-\u036f]")


def normalize_text(value: str) -> str:
    """Cleaned, NFC, single spaces, trimmed, tone placed the old way: how names are stored."""
    value = value or ""
    if value.isprintable():  # nothing clean_text changes, and no space but " "
        value = " ".join(unicodedata.normalize("NFC", value).split())
    else:
        value = _SPACES.sub(" ", unicodedata.normalize("NFC", clean_text(value))).strip()
    if value.isascii():
        return value
    if _COMBINING.search(value):  # marks NFC could not compose: every word looked at
        return _WORD.sub(lambda m: _old_style_tone(m.group(0)), value)
    if _FINAL_PAIR.search(value) is None:
        return value
    return _FINAL_TONE.sub(lambda m: _old_style_tone(m.group(0)), value)


def _unmarked(c: str) -> str:
    stripped = "".join(x for x in unicodedata.normalize("NFD", c) if not unicodedata.combining(x))
    return stripped.replace("đ", "d").replace("Đ", "D")


# Each precomposed letter (Latin-1 to Latin Extended Additional) as its letter without marks.
_UNMARKED = str.maketrans(
    {c: _unmarked(c) for c in map(chr, range(0xC0, 0x1F00)) if _unmarked(c) != c}
)


def fold(value: str) -> str:
    """The search key: no accents, đ -> d, lower case, single spaces ("Đồng Hỷ" -> "dong hy")."""
    # The tone's place does not matter once marks are gone: no normalize_text here.
    value = value or ""
    if value.isprintable():  # nothing clean_text changes, and no space but " "
        spaced = " ".join(value.split())
    else:
        spaced = _SPACES.sub(" ", clean_text(value)).strip()
    quick = spaced.translate(_UNMARKED)
    if quick.isascii():  # precomposed letters (nearly every cell): the table said it all
        return quick.casefold()
    decomposed = unicodedata.normalize("NFD", normalize_text(value))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return stripped.casefold()


def exact_key(value: str) -> str:
    """Accents kept, case and tone placement ignored: ranks an exact-accent match first."""
    return normalize_text(value).casefold()
