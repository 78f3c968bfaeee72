"""Vietnamese text in the encodings of the 1990s fonts, still found in communes' old lists.

TCVN3 (ABC, the ".VnTime" fonts) keeps one byte per letter: it is converted to Unicode by the
table of TCVN 5712:1993's VN3 set below (lower-case letters, and the seven upper-case letters
of the set). The same table is published by the Vietnamese charset converters, e.g. the npm
package vietnamese-conversion (src/charsets.ts, its TCVN3 column) and Unikey's converter.
VN3 has no toned capitals: capitals are typed in the separate capital fonts (.VnTimeH,
.VnArialH …), which draw the lower-case bytes as capitals, the plain letters typed in capitals
beside them ("NGUYÔN V¨N AN"). A cell whose plain letters are all capitals (two at least) is
such a cell: its converted text is put in capitals ("NGUYỄN VĂN AN").

VNI (VNI-Windows fonts: VNI-Times …) writes most marked letters as the plain letter then a
byte for its marks ("Vieät" is "Việt"), and đ ư ơ, the i's with a tone and ỵ as one byte. It
is converted by the VNI column of the same npm package's table (134 letters, VNI_LETTERS
below); PyPI's viparse (viparse/normalize/vni.py, a table checked on real administrative
documents) agrees on every letter both hold, and also spells ì í ỵ (capitals too) as pairs
("iø", "iù", "yï") where the npm table has single bytes: both spellings are read here.

A text with TCVN3's letters and VNI's pairs both is refused, naming both: which of its cells
is which cannot be told.
"""

from __future__ import annotations

import re

# TCVN3 byte (as the Latin-1 character of the same value) -> the Unicode letter.
_TCVN3_ROWS = (  # the bytes of each letter, in the order of the letters
    (b"\xb5\xb8\xb6\xb7\xb9", "àáảãạ"),
    (b"\xa8\xbb\xbe\xbc\xbd\xc6", "ăằắẳẵặ"),
    (b"\xa9\xc7\xca\xc8\xc9\xcb", "âầấẩẫậ"),
    (b"\xae\xcc\xd0\xce\xcf\xd1", "đèéẻẽẹ"),
    (b"\xaa\xd2\xd5\xd3\xd4\xd6", "êềếểễệ"),
    (b"\xd7\xdd\xd8\xdc\xde", "ìíỉĩị"),
    (b"\xdf\xe3\xe1\xe2\xe4", "òóỏõọ"),
    (b"\xab\xe5\xe8\xe6\xe7\xe9", "ôồốổỗộ"),
    (b"\xac\xea\xed\xeb\xec\xee", "ơờớởỡợ"),
    (b"\xef\xf3\xf1\xf2\xf4", "ùúủũụ"),
    (b"\xad\xf5\xf8\xf6\xf7\xf9", "ưừứửữự"),
    (b"\xfa\xfd\xfb\xfc\xfe", "ỳýỷỹỵ"),
    (b"\xa1\xa2\xa7\xa3\xa4\xa5\xa6", "ĂÂĐÊÔƠƯ"),
)
TCVN3 = str.maketrans(
    {
        k: v
        for keys, values in _TCVN3_ROWS
        for k, v in zip(keys.decode("latin-1"), values, strict=True)
    }
)
# Bytes of TCVN3 letters that Windows-1258 reads as symbols no Vietnamese name holds (VNI
# uses none of the bytes A0-BF).
_TCVN3_SIGNS = re.compile("[\xa1-\xa7\xa8-\xae\xb5-\xb9\xbb-\xbe]")
# VNI: a letter, then its mark as the next byte; these bytes read in Windows-1258 as letters
# Vietnamese has not (ø û ï ñ ö ä ë å ü; Ñ the capital Đ).
_VNI_PAIRS = re.compile("[A-Za-zÑñ][øûïñöäëåüÖØ]")
# VNI's pairs that TCVN3 cannot hold: "a" or "e" then a byte TCVN3 reads as a toned vowel
# ("aø" would be "aứ": no Vietnamese syllable has a vowel after a or e carrying the tone),
# or two bytes TCVN3 reads as toned vowels ("öù" would be "ửự": a syllable has one tone).
_TCVN3_TONED = "\xb5-\xb9\xbb-\xfe"
_VNI_ONLY = re.compile(f"[aAeE][øùûõïâáàåãäêéèúüëØÙÛÕÏÂÁÀÅÃÄÊÉÈÚÜË]|[{_TCVN3_TONED}]{{2}}")
_PLAIN_LETTERS = re.compile("[A-Za-z]")

TCVN3_NAME = "TCVN3 (ABC)"
VNI_NAME = "VNI"
MIXED = "mixed"  # both: refused

# The letters of Unicode and their VNI spelling, in the order of the npm package
# vietnamese-conversion's table (src/charsets.ts), one letter per space-separated word.
_UNICODE_LETTERS = (
    "À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú Ý à á â ã è é ê ì í ò ó ô õ ù ú ý Ă ă Đ đ Ĩ ĩ Ũ ũ Ơ ơ Ư ư "
    "Ạ ạ Ả ả Ấ ấ Ầ ầ Ẩ ẩ Ẫ ẫ Ậ ậ Ắ ắ Ằ ằ Ẳ ẳ Ẵ ẵ Ặ ặ Ẹ ẹ Ẻ ẻ Ẽ ẽ Ế ế Ề ề Ể ể Ễ ễ Ệ ệ Ỉ ỉ "
    "Ị ị Ọ ọ Ỏ ỏ Ố ố Ồ ồ Ổ ổ Ỗ ỗ Ộ ộ Ớ ớ Ờ ờ Ở ở Ỡ ỡ Ợ ợ Ụ ụ Ủ ủ Ứ ứ Ừ ừ Ử ử Ữ ữ Ự ự Ỳ ỳ "
    "Ỵ ỵ Ỷ ỷ Ỹ ỹ"
)
VNI_LETTERS = (
    "AØ AÙ AÂ AÕ EØ EÙ EÂ Ì Í OØ OÙ OÂ OÕ UØ UÙ YÙ aø aù aâ aõ eø eù eâ ì í oø où oâ oõ uø "
    "uù yù AÊ aê Ñ ñ Ó ó UÕ uõ Ô ô Ö ö AÏ aï AÛ aû AÁ aá AÀ aà AÅ aå AÃ aã AÄ aä AÉ aé AÈ "
    "aè AÚ aú AÜ aü AË aë EÏ eï EÛ eû EÕ eõ EÁ eá EÀ eà EÅ eå EÃ eã EÄ eä Æ æ Ò ò OÏ oï OÛ "
    "oû OÁ oá OÀ oà OÅ oå OÃ oã OÄ oä ÔÙ ôù ÔØ ôø ÔÛ ôû ÔÕ ôõ ÔÏ ôï UÏ uï UÛ uû ÖÙ öù ÖØ "
    "öø ÖÛ öû ÖÕ öõ ÖÏ öï YØ yø Î î YÛ yû YÕ yõ"
)
_VNI = dict(zip(VNI_LETTERS.split(), _UNICODE_LETTERS.split(), strict=True))
_VNI.update({"iø": "ì", "iù": "í", "IØ": "Ì", "IÙ": "Í", "yï": "ỵ", "YÏ": "Ỵ"})  # viparse's
# The pairs first: "ôù" is "ớ", not "ơ" then "ù".
_VNI_SEQUENCE = re.compile("|".join(sorted(map(re.escape, _VNI), key=len, reverse=True)))


def tcvn3_to_unicode(text: str) -> str:
    """One cell in TCVN3 as Unicode; in capitals when its plain letters are (a cell typed in
    a capital font such as .VnTimeH)."""
    converted = text.translate(TCVN3)
    if converted is text or converted == text:
        return converted
    letters = _PLAIN_LETTERS.findall(text)
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return converted.upper()
    return converted


def vni_to_unicode(text: str) -> str:
    """One cell in VNI as Unicode."""
    return _VNI_SEQUENCE.sub(lambda m: _VNI[m.group(0)], text)


def looks_tcvn3(text: str) -> bool:
    """Text read byte for byte (Latin-1) whose letters are TCVN3's: several of its symbols
    between letters, where Windows-1258 Vietnamese has none."""
    return len(_TCVN3_SIGNS.findall(text[:65536])) >= 3


def looks_vni(text: str) -> bool:
    """Text read byte for byte (Latin-1) with VNI's pairs of a letter and its mark (checked
    after TCVN3, whose letters use some of the same bytes)."""
    return len(_VNI_PAIRS.findall(text[:65536])) >= 3


def legacy_encoding(text: str) -> str | None:
    """TCVN3_NAME, VNI_NAME, MIXED (both, which cannot be told apart), or None (neither) for
    a sample of a file's text read byte for byte (Latin-1)."""
    sample = text[:65536]
    if looks_tcvn3(sample):
        return MIXED if len(_VNI_ONLY.findall(sample)) >= 3 else TCVN3_NAME
    return VNI_NAME if looks_vni(sample) else None
