"""vi-VN formatting of money, numbers, percentages, dates and times."""

from datetime import UTC, date, datetime

from relief.core import formatting as f


def test_money_in_whole_dong_with_dots():
    assert f.money(60_000_000) == "60.000.000\u00a0₫"
    assert f.money(0) == "0\u00a0₫"
    assert f.money(None) == "–"


def test_large_sums_in_words():
    assert f.money_words(398_925_000_000) == "398,925 tỷ đồng"
    assert f.money_words(25_800_000_000) == "25,8 tỷ đồng"
    assert f.money_words(500_000_000) == "500 triệu đồng"
    assert f.money_words(398_925_000_000, "en") == "398.925 billion VND"


def test_percent_with_comma_decimals():
    assert f.percent(6.623, decimals=3) == "6,623\u00a0%"
    assert f.ratio_percent(2230, 3464) == "64,4\u00a0%"
    assert f.ratio_percent(1, 0) == "–"


def test_dates_day_month_year():
    assert f.day(date(2025, 10, 7)) == "07/10/2025"
    assert f.day(date(2025, 10, 7), "en") == "07/10/2025"


def test_times_shown_in_ho_chi_minh_city():
    moment = datetime(2025, 10, 6, 20, 30, tzinfo=UTC)
    assert f.moment(moment) == "03:30 07/10/2025"
    assert f.day(moment) == "07/10/2025"


def test_one_day_fixes_today_within_it_only():
    """The rows of a file are read against one day (relief.imports.reader): within `one_day`,
    `local_today()` is that day, nested or not; after it, the clock's again."""
    with f.one_day(date(2025, 10, 6)):
        assert f.local_today() == date(2025, 10, 6)
        with f.one_day(date(2024, 1, 1)):
            assert f.local_today() == date(2024, 1, 1)
        assert f.local_today() == date(2025, 10, 6)
    assert f.local_today() == datetime.now(f.LOCAL_TZ).date()
