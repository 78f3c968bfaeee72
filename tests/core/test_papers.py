"""Money in words and the date line of official papers."""

from __future__ import annotations

from datetime import date

import pytest

from relief.core.papers import amount_in_words, hamlet_head, paper_date, place_word
from relief.places.models import CommuneKind, HamletKind


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (60_000_000, "Sáu mươi triệu đồng chẵn"),
        (
            12_345_678,
            "Mười hai triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám đồng",
        ),
        # num2words alone says "một triệu năm nghìn": the inner group's hundreds are said.
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng chẵn"),
        (2_001, "Hai nghìn không trăm linh một đồng"),
        (1_015, "Một nghìn không trăm mười lăm đồng"),
        (21_000_000, "Hai mươi mốt triệu đồng chẵn"),
        (105_000, "Một trăm linh năm nghìn đồng chẵn"),
        (2_500_000_000, "Hai tỷ năm trăm triệu đồng chẵn"),
        (1_000_000_005, "Một tỷ không trăm linh năm đồng"),
        (0, "Không đồng"),
    ],
)
def test_amounts_are_spelled_as_an_accounting_paper_does(amount, words):
    assert amount_in_words(amount) == words


def test_a_negative_amount_is_refused():
    with pytest.raises(ValueError):
        amount_in_words(-1)


def test_the_date_line_pads_days_and_the_first_two_months():
    assert paper_date(date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert paper_date(date(2025, 12, 20)) == "ngày 20 tháng 12 năm 2025"
    assert paper_date(date(2025, 3, 9)) == "ngày 09 tháng 3 năm 2025"
    assert paper_date(None) == "ngày … tháng … năm …"


def test_places_are_named_by_their_kind():
    assert place_word(HamletKind.BAN) == "bản"
    assert place_word(HamletKind.TO_DAN_PHO) == "tổ dân phố"
    assert place_word(CommuneKind.PHUONG) == "phường"
    assert hamlet_head(HamletKind.XOM) == "Trưởng xóm"
    assert hamlet_head(HamletKind.TO_DAN_PHO) == "Tổ trưởng tổ dân phố"
