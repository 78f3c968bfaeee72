"""Vietnamese text in the encodings of the 1990s fonts, still found in communes' old lists.

TCVN3 (ABC, the ".VnTime" fonts) keeps one byte per letter: it is converted to Unicode by the
table of TCVN 5712:1993's VN3 set below (lower-case letters, and the seven upper-case letters
of the set; the .VnTimeH fonts draw capitals from the lower-case bytes, so capitals written in
them read as lower case). The same table is published by the Vietnamese charset converters,
e.g. the npm package vietnamese-conversion (TCVN3 table) and Unikey's converter.

VNI (VNI-Windows fonts) writes a letter and its marks as two bytes ("Vieät"): it is recognised
and refused with a message naming it (converting it needs the font's own table of pairs).
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
# Bytes of TCVN3 letters that Windows-1258 reads as symbols no Vietnamese name holds.
_TCVN3_SIGNS = re.compile("[\xa8-\xae\xb5-\xb9\xbb-\xbe]")
# VNI: a letter, then its mark as the next byte; these bytes read in Windows-1258 as letters
# Vietnamese has not (ø û ï ñ ö ä ë å ü; Ñ the capital Đ).
_VNI_PAIRS = re.compile("[A-Za-zÑñ][øûïñöäëåüÖØ]")

TCVN3_NAME = "TCVN3 (ABC)"
VNI_NAME = "VNI"


def tcvn3_to_unicode(text: str) -> str:
    return text.translate(TCVN3)


def looks_tcvn3(text: str) -> bool:
    """Text read byte for byte (Latin-1) whose letters are TCVN3's: several of its symbols
    between letters, where Windows-1258 Vietnamese has none."""
    return len(_TCVN3_SIGNS.findall(text[:65536])) >= 3


def looks_vni(text: str) -> bool:
    """Text read byte for byte (Latin-1) with VNI's pairs of a letter and its mark (checked
    after TCVN3, whose letters use some of the same bytes)."""
    return len(_VNI_PAIRS.findall(text[:65536])) >= 3
