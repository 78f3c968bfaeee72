"""Folding Vietnamese for search, and ranking exact-accent matches first."""

from relief.core.text import exact_key, fold, normalize_text, rank_by_accent


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


def test_van_lang_and_van_lang_fold_alike_but_rank_by_accent():
    assert fold("Văn Lăng") == fold("Văn Lang")
    assert exact_key("Văn Lăng") != exact_key("Văn Lang")
    assert rank_by_accent("Văn Lăng", ["Văn Lang", "Văn Lăng"]) == ["Văn Lăng", "Văn Lang"]
    assert rank_by_accent("Văn Lang", ["Văn Lăng", "Văn Lang"]) == ["Văn Lang", "Văn Lăng"]
