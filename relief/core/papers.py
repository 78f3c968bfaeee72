"""What official papers print: money spelled out, the date line, the kind words of places.

Papers are in Vietnamese whatever the interface language: they are signed and filed as such.

Money for the "Bằng chữ" line:
num2words (lang="vi") reads a number below one thousand correctly ("hai mươi mốt",
"một trăm lẻ năm") but drops the hundreds of an inner group: it writes 1.005.000 as
"một triệu năm nghìn" and 2.001 as "hai nghìn lẻ một", where an accounting paper writes
"một triệu không trăm linh năm nghìn" and "hai nghìn không trăm linh một". So num2words
reads each group of three digits, and this wrapper joins the groups: an inner group always
says its hundreds ("không trăm"), a group without tens says "linh" (the northern form, used in
the province's papers, for num2words' southern "lẻ"), and "chẵn" closes a sum with no odd
đồng below a thousand, as in "Sáu mươi triệu đồng chẵn".
"""

from __future__ import annotations

from datetime import date

from num2words import num2words

_SCALES = ["", "nghìn", "triệu"]  # a thousand million is "tỷ", and the count of tỷ reads again


def _group(n: int, inner: bool) -> str:
    """One group of three digits (1–999); an inner group says its hundreds even when zero."""
    words = num2words(n, lang="vi").replace("lẻ", "linh")
    if inner and n < 100:
        words = "không trăm " + ("linh " if n < 10 else "") + words
    return words


def _below_billion(n: int, inner: bool) -> list[str]:
    parts: list[str] = []
    groups = [(n // 10**6) % 1000, (n // 1000) % 1000, n % 1000]
    for position, value in enumerate(groups):
        if not value:
            continue
        scale = _SCALES[2 - position]
        parts.append(_group(value, inner or bool(parts)))
        if scale:
            parts.append(scale)
    return parts


def _words(n: int, inner: bool = False) -> list[str]:
    billions, rest = divmod(n, 10**9)
    parts: list[str] = []
    if billions:
        parts += [*_words(billions, inner), "tỷ"]
    return parts + _below_billion(rest, inner or bool(parts))


def amount_in_words(value: int) -> str:
    """60_000_000 -> "Sáu mươi triệu đồng chẵn"; 12_345_678 -> "Mười hai triệu ... tám đồng"."""
    value = int(value)
    if value < 0:
        raise ValueError("an amount of money is never negative")
    if value == 0:
        return "Không đồng"
    text = " ".join(_words(value)) + " đồng"
    if value % 1000 == 0:
        text += " chẵn"
    return text[0].upper() + text[1:]


def paper_date(on: date | None) -> str:
    """The date of a paper's place-date line: "ngày 05 tháng 01 năm 2026".

    Decree 30/2020/NĐ-CP, Appendix I: a day below 10 and the months January and February take a
    leading zero; an unknown date leaves dots to fill in by hand.
    """
    if on is None:
        return "ngày … tháng … năm …"
    month = f"{on.month:02d}" if on.month < 3 else str(on.month)
    return f"ngày {on.day:02d} tháng {month} năm {on.year}"


# The words a paper uses for a kind of place, by the enum values of relief.places.models.
HAMLET_WORDS = {
    "thon": "thôn",
    "xom": "xóm",
    "ban": "bản",
    "lang": "làng",
    "to_dan_pho": "tổ dân phố",
}
COMMUNE_WORDS = {"xa": "xã", "phuong": "phường", "dac_khu": "đặc khu"}


def place_word(kind: object) -> str:
    """ "thôn", "bản", "phường"…: the word before a hamlet's or a commune's name."""
    value = str(getattr(kind, "value", kind))
    return HAMLET_WORDS.get(value) or COMMUNE_WORDS.get(value) or ""


def hamlet_head(kind: object) -> str:
    """The title of a hamlet's head: "Trưởng thôn", "Trưởng bản", "Tổ trưởng tổ dân phố"."""
    word = place_word(kind)
    return "Tổ trưởng tổ dân phố" if word == "tổ dân phố" else f"Trưởng {word}"
