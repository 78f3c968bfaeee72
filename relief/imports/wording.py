"""Damage as officers write it in a list's damage column: a band from free text ("Thiệt hại từ
50 đến 70%", "hỏng 30 % - 50 %", "trên 70%"), situations as the damage facts they are ("bị
ngập", "tốc mái", "sạt lở", "di dời"), and for what is not understood the nearest accepted
values. Bands in the words of Joint Circular 43/2015/TTLT-BNNPTNT-BKHĐT (docs/domain.md)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from relief.core.text import fold

# (low, high) of each band's percentages as the circular writes them.
BAND_RANGES = {
    (70, 100): "total",
    (50, 70): "very_heavy",
    (30, 50): "heavy",
    (0, 30): "partial",
}
# Situation words (folded) -> the damage fact they state; the longest is looked for first.
SITUATIONS = (
    ("cuon troi", "collapsed"),
    ("sap do", "collapsed"),
    ("sap", "collapsed"),
    ("ngap", "flooded"),
    ("toc mai", "roof_blown_off"),
    ("bay mai", "roof_blown_off"),
    ("sat lo", "landslide_relocation"),
    ("phai di doi", "landslide_relocation"),
    ("can di doi", "landslide_relocation"),
    ("di doi", "landslide_relocation"),
)
# Words of a band written without numbers, the longest first.
BAND_WORDS = (
    ("hoan toan", "total"),
    ("rat nang", "very_heavy"),
    ("nang", "heavy"),
    ("mot phan", "partial"),
    ("khong thiet hai", "none"),
    ("khong hu hong", "none"),
)
_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)")
_ABOVE = re.compile(r"(tren|hon|>|qua)\s*(\d+(?:[.,]\d+)?)")
_BELOW = re.compile(r"(duoi|<|it hon)\s*(\d+(?:[.,]\d+)?)")
_WORD_EDGE = r"(?<![a-z]){}(?![a-z])"


@dataclass(frozen=True)
class Damage:
    """What a damage cell says: its band ("" when it names none) and the facts it states."""

    band: str
    facts: tuple[str, ...]


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _band_of_numbers(key: str) -> str | None:
    """The band the percentages of a cell name, "" when none is written, None when they
    name no band (a boundary alone, a range across bands)."""
    if m := _ABOVE.search(key):
        low = _number(m.group(2))
        return "total" if low >= 70 else None
    if m := _BELOW.search(key):
        high = _number(m.group(2))
        return "partial" if high <= 30 else None
    numbers = [_number(n) for n in _NUMBER.findall(key)]
    if not numbers or any(n > 100 for n in numbers):
        return "" if not numbers else None
    if len(numbers) >= 2:
        low, high = sorted(numbers[:2])
        return BAND_RANGES.get((int(low), int(high))) if low.is_integer() else None
    value = numbers[0]
    if value == 0:
        return "none"
    for (low, high), band in BAND_RANGES.items():
        if low < value < high or (value == 100 and band == "total"):
            return band
    return None  # 30, 50 or 70 alone: on the boundary of two bands


def _has(key: str, word: str) -> bool:
    return re.search(_WORD_EDGE.format(re.escape(word)), key) is not None


@lru_cache(maxsize=4096)
def read_damage(text: str) -> Damage | None:
    """The band and facts a damage cell states, or None when it is not understood."""
    key = " ".join(fold(text).replace("%", " % ").split())
    facts: list[str] = []
    rest = key
    for word, fact in SITUATIONS:
        if _has(rest, word):
            if fact not in facts:
                facts.append(fact)
            rest = re.sub(_WORD_EDGE.format(re.escape(word)), " ", rest)
    band = _band_of_numbers(rest)
    if band is None:
        return None
    if not band:
        for word, named in BAND_WORDS:
            if _has(rest, word):
                band = named
                break
    if "collapsed" in facts:
        if band and band != "total":
            return None  # a collapsed house is totally damaged: the cell contradicts itself
        band = "total"
    if not band and not facts:
        return None
    return Damage(band or "to_confirm", tuple(facts))


def nearest(value: str, accepted: list[str], n: int = 3) -> list[str]:
    """The accepted values closest to what was written, compared without accents."""
    keys = {fold(a): a for a in accepted}
    close = difflib.get_close_matches(fold(value), list(keys), n=n, cutoff=0.4)
    return [keys[k] for k in close]
