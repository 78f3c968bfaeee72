"""ID numbers (Circular 59/2021) and phone numbers."""

import pytest

from relief.households.identity import (
    PROVINCE_CODES,
    clean_id_number,
    clean_phone,
    id_number_error,
    phone_error,
)
from relief.households.models import Gender


def test_the_63_province_codes_include_thai_nguyen_and_bac_kan():
    assert len(PROVINCE_CODES) == 63
    assert PROVINCE_CODES["019"] == "Thái Nguyên" and PROVINCE_CODES["006"] == "Bắc Kạn"


@pytest.mark.parametrize(
    ("number", "year", "gender"),
    [
        ("019070001234", 1970, Gender.MALE),
        ("019170001234", 1970, Gender.FEMALE),
        ("006203123456", 2003, Gender.MALE),
        ("006303123456", 2003, Gender.FEMALE),
        ("001099000001", None, None),
        ("019200001234", 2000, Gender.MALE),  # a year ending in 00
        ("019199001234", 1999, Gender.FEMALE),
    ],
)
def test_consistent_id_numbers_are_accepted(number, year, gender):
    assert id_number_error(number, year, gender) is None


@pytest.mark.parametrize(
    ("number", "year", "gender", "message"),
    [
        ("01907000123", None, None, "exactly 12 digits"),
        ("01907000123a", None, None, "exactly 12 digits"),
        ("003070001234", None, None, "province code"),  # 003 is nobody's code
        ("019070001234", 1971, None, "birth year"),
        ("019270001234", 1970, None, "birth year"),  # 2 = born in the 2000s
        ("019205001234", 2050, None, "birth year"),  # "05" is not 50
        ("01907\u0661001234", 1971, None, "birth year"),  # an Arabic-Indic 1 is not "1"
        ("019070001234", 1970, Gender.FEMALE, "gender"),
        ("019303001234", 2003, Gender.MALE, "gender"),
    ],
)
def test_inconsistent_id_numbers_are_refused(number, year, gender, message):
    assert message in id_number_error(number, year, gender)


def test_id_numbers_typed_with_spaces_or_dots_are_cleaned():
    assert clean_id_number("019 070.001 234") == "019070001234"


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("0912.345.678", "0912345678"),
    ],
)
def test_vietnamese_phone_numbers_are_stored_from_0(raw, stored):
    assert clean_phone(raw) == stored and phone_error(clean_phone(raw)) is None


@pytest.mark.parametrize("raw", ["091234567", "09123456789", "1912345678", "+1 212 555 0100"])
def test_wrong_phone_numbers_are_refused(raw):
    assert phone_error(clean_phone(raw))
