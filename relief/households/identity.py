"""Personal ID numbers (Circular 59/2021) and Vietnamese phone numbers: parsing and checks."""

from __future__ import annotations

import re

from relief.households.models import Gender

# Birth-place codes of the 63 provinces in Circular 59/2021/TT-BCA, Appendix I. Numbers
# issued before the 2025 mergers keep the code of the province of birth at the time.
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn",
    "008": "Tuyên Quang", "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu",
    "014": "Sơn La", "015": "Yên Bái", "017": "Hòa Bình", "019": "Thái Nguyên",
    "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang", "025": "Phú Thọ",
    "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định",
    "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh",
    "044": "Quảng Bình", "045": "Quảng Trị", "046": "Thừa Thiên Huế", "048": "Đà Nẵng",
    "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định", "054": "Phú Yên",
    "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng",
    "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu", "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang",
    "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long", "087": "Đồng Tháp",
    "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ", "093": "Hậu Giang",
    "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}  # fmt: skip

_SEPARATORS = re.compile(r"[\s.\-()]")
_ID = re.compile(r"^\d{12}$")
_PHONE = re.compile(r"^0[1-9]\d{8}$")
_YEARS = tuple(f"{year:02d}" for year in range(100))  # a birth year's digits in the number


def clean_id_number(raw: str) -> str:
    """The digits as typed, spaces and dots removed ("019 070 123456" is common on paper)."""
    return _SEPARATORS.sub("", raw or "")


def id_number_error(
    number: str, birth_year: int | None = None, gender: Gender | None = None
) -> str | None:
    """Why a 12-digit personal ID number cannot be right, or None.

    Digits: 3 birth province, 1 century and sex (0/1: 1900s male/female, 2/3: 2000s, and
    so on by century), 2 last digits of the birth year, 6 serial.
    """
    if not _ID.match(number):
        return "An ID number has exactly 12 digits."
    if number[:3] not in PROVINCE_CODES:
        return "The first 3 digits of an ID number must be a province code (e.g. 019)."
    century_sex = int(number[3])
    if birth_year is not None:
        century = 1900 + 100 * (century_sex // 2)
        if not (century <= birth_year < century + 100) or number[4:6] != _YEARS[birth_year % 100]:
            return "This ID number does not match the birth year."
    if gender is not None and (century_sex % 2 == 1) != (gender is Gender.FEMALE):
        return "This ID number does not match the gender."
    return None


def clean_phone(raw: str) -> str:
    """A phone number as stored: 10 digits starting with 0 ("+84 912…" becomes "0912…")."""
    text = _SEPARATORS.sub("", raw or "")
    if text.startswith("+84"):
        text = "0" + text[3:]
    elif text.startswith("84") and len(text) == 11:
        text = "0" + text[2:]
    return text


def phone_error(phone: str) -> str | None:
    if not _PHONE.match(phone):
        return "Enter a phone number of 10 digits starting with 0, or +84."
    return None
