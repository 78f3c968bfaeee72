"""Addresses written with the units before July 2025 converted to today's communes (the
library's own data; the last test finds the loaded communes, on both databases)."""

from relief.places.former import Converted, convert_former, find_commune
from relief.places.loader import load_country


def test_a_commune_of_the_former_bac_kan_province_is_now_in_thai_nguyen():
    assert convert_former("Xã Nông Thượng", "Thành phố Bắc Kạn", "Tỉnh Bắc Kạn") == Converted(
        commune_code="01843",
        province_code="19",
        commune="Phường Bắc Kạn",
        former="Xã Nông Thượng, Thành Phố Bắc Kạn, Tỉnh Bắc Kạn",
        former_code="01852",
        divided=False,
    )


def test_the_units_may_be_written_without_their_kind():
    assert convert_former("Nông Thượng", "Bắc Kạn", "Bắc Kạn").commune_code == "01843"


def test_a_commune_of_the_former_ha_tay_province_is_found_in_ha_noi():
    assert convert_former("Xã Phùng Xá", "Huyện Thạch Thất", "Tỉnh Hà Tây") == Converted(
        commune_code="10003",
        province_code="01",
        commune="Xã Tây Phương",
        former="Xã Phùng Xá, Huyện Thạch Thất, Thành phố Hà Nội",
        former_code="09997",
        divided=False,
    )


def test_a_divided_ward_gives_its_main_part_and_says_it_was_divided():
    """Gia Sàng ward was split between today's Phan Đình Phùng and Gia Sàng wards (the
    fixtures list it under both, as a partial merge)."""
    converted = convert_former("Phường Gia Sàng", "Thành phố Thái Nguyên", "Tỉnh Thái Nguyên")
    assert (converted.commune_code, converted.former_code, converted.divided) == (
        "05443",
        "05461",
        True,
    )


def test_a_commune_the_library_does_not_know_converts_to_nothing():
    assert convert_former("Xã Không Có", "Huyện Võ Nhai", "Tỉnh Thái Nguyên") is None


async def test_each_conversion_finds_its_loaded_commune_even_where_the_libraries_codes_differ(
    orm,
):
    """Tây Phương is 10003 in the converting library and 10006 in the loading one."""
    await load_country(["01"])
    converted = [
        convert_former("Xã Nông Thượng", "Thành phố Bắc Kạn", "Tỉnh Bắc Kạn"),
        convert_former("Xã Phùng Xá", "Huyện Thạch Thất", "Tỉnh Hà Tây"),
        convert_former("Xã Thần Xa", "Huyện Võ Nhai", "Tỉnh Thái Nguyên"),
    ]
    found = [await find_commune(c) for c in converted if c is not None]
    assert [(c.commune_code, f.code, f.name) for c, f in zip(converted, found, strict=True)] == [
        ("01843", "01843", "Bắc Kạn"),
        ("10003", "10006", "Tây Phương"),
        ("05725", "05725", "Thần Sa"),
    ]
