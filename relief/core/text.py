"""Vietnamese text: one canonical spelling for storage and an accent-free key for search."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Tone marks (as combining characters); vowel-shape marks (circumflex, breve, horn) are kept
# by normalize_text and removed only by fold.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACES = re.compile(r"\s+")


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


def normalize_text(value: str) -> str:
    """NFC, single spaces, trimmed, tone placed the old way: how names are stored."""
    value = _SPACES.sub(" ", unicodedata.normalize("NFC", value or "")).strip()
    return _WORD.sub(lambda m: _old_style_tone(m.group(0)), value)


def fold(value: str) -> str:
    """The search key: no accents, đ -> d, lower case, single spaces ("Đồng Hỷ" -> "dong hy")."""
    decomposed = unicodedata.normalize("NFD", normalize_text(value))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return stripped.casefold()


def exact_key(value: str) -> str:
    """Accents kept, case and tone placement ignored: ranks an exact-accent match first."""
    return normalize_text(value).casefold()


def rank_by_accent(query: str, names: list[str]) -> list[str]:
    """Order names matching `query` by fold: those spelled with the query's accents first."""
    wanted = exact_key(query)
    return sorted(names, key=lambda n: (wanted not in exact_key(n), fold(n)))
