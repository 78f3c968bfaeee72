"""Folding Vietnamese for search, and ranking exact-accent matches first."""

import pytest

from relief.core.text import NEEDS_A_LETTER, exact_key, fold, has_letter, name_error, normalize_text


def test_fold_removes_accents_and_maps_d_with_stroke():
    assert fold("Đồng Hỷ") == "dong hy"
    assert fold("NGHINH TƯỜNG") == "nghinh tuong"
    assert fold("  Sảng   Mộc ") == "sang moc"


def test_both_tone_placements_fold_and_normalize_alike():
    assert fold("Nam Hoà") == fold("Nam Hòa") == "nam hoa"
    assert normalize_text("Nam Hoà") == "Nam Hòa"
    assert normalize_text("Thủy") == normalize_text("Thuỷ")
    # A final consonant keeps the tone where it is, and "qu" is a consonant.
    assert normalize_text("Hoàng") == "Hoàng"
    assert normalize_text("Quý") == "Quý"


def test_decomposed_input_is_stored_composed():
    decomposed = "Tra\u0300ng Xa\u0301"
    assert normalize_text(decomposed) == "Tràng Xá"
    assert fold(decomposed) == "trang xa"


def test_van_lang_and_van_lang_fold_alike_but_keep_their_accents_apart():
    assert fold("Văn Lăng") == fold("Văn Lang")
    assert exact_key("Văn Lăng") != exact_key("Văn Lang")


def test_clean_text_drops_control_and_invisible_characters_but_keeps_lines():
    from relief.core.text import clean_text

    assert clean_text("Ho\u200bàng\x07 Văn\u202e Thắng\ufeff") == "Hoàng Văn Thắng"
    assert clean_text("dòng 1\r\ndòng 2\rdòng 3\x85") == "dòng 1\ndòng 2\ndòng 3\n"
    assert clean_text("a\tb\nc", multiline=False) == "a b c"
    assert clean_text("\x9b\x00\x1b[31m") == "[31m"


def test_an_invisible_character_changes_neither_the_stored_name_nor_the_search_key():
    assert normalize_text("Ho\u200bàng Văn\x07 Thắng") == "Hoàng Văn Thắng"
    assert fold("Ho\u200bàng") == fold("Hoàng") == "hoang"


def test_every_form_value_is_cleaned_on_the_way_in_but_passwords_are_not():
    from relief.core.forms import Form

    form = Form({"head_name": "A\x07B", "notes": ["x\r\ny\u200b"], "password": "p\x07"})
    assert form.raw("head_name") == "AB"
    assert form.values("notes") == ["x\ny"]
    assert form.raw("password") == "p\x07"


# Vietnamese letters, a modifier letter (U+02BC), a titlecase one, other scripts, a bold A.
LETTERS = "aZđĐồƯỹẫÝ" + "\u02bc" + "ǅß" + "Ωж中ก" + "\U0001d400"
# Digits (Arabic-Indic too), numbers that are not digits, punctuation, spaces, marks alone.
NOT_LETTERS = "09٣²½Ⅻ①" + "_-.,/()%₫" + " \u00a0" + "\u0301\u0323" + "\u200b"
CHARACTERS = [(c, True) for c in LETTERS] + [(c, False) for c in NOT_LETTERS]


@pytest.mark.parametrize(("character", "letter"), CHARACTERS, ids=[ascii(c) for c, _ in CHARACTERS])
def test_a_letter_is_one_of_any_script_and_nothing_else_is(character, letter):
    assert has_letter(character) is letter
    assert has_letter(f"12 {character} 34") is letter
    assert (name_error(character) is None) is letter


def test_a_name_needs_a_letter():
    assert name_error("Nguyễn Văn A") is None
    assert name_error("Đ") is None
    assert name_error("123") == NEEDS_A_LETTER
    assert name_error("\u0301\u0301") == NEEDS_A_LETTER
    assert name_error("...") == NEEDS_A_LETTER
    assert name_error("") is None  # empty: the field's own required check speaks
