"""Every export the app offers, downloaded in Vietnamese and in English: its headings and its
coded cells are the labels of the reader's language, never a stored code, never a word of the
other language (names apart).

The exports: the province and commune summaries, the household and house lists (XLSX and
CSV), the public statement of donations (sao kê) of the province and of a commune (XLSX and
CSV), the import template, the commune's and the province's quick reports, and the
sign-for-receipt list of a visit (a paper: Vietnamese whatever the interface language).
"""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import load_workbook

from relief.core.actor import SYSTEM
from relief.core.i18n import catalogue_entries
from relief.core.labels import vocabularies
from relief.disaster_reports.models import DisasterReport
from relief.disaster_reports.records import REPORT
from relief.disaster_reports.service import save_report
from relief.households.models import Disaster, Gender, PovertyStatus
from relief.ledger import public
from relief.places.models import Commune
from tests.factories import login_as, make_household, make_user
from tests.ledger.factories import a_commune_year

LANGUAGES = ("vi", "en")
Sheets = dict[str, list[list]]

# The stored codes of every registered enumeration and code set (the audit trail's record
# kinds, actions and field names are not values of a record, and are left out).
CODES = {
    str(getattr(code, "value", code))
    for name, words in vocabularies().items()
    if name not in ("record", "action", "field") and not name.startswith("field:")
    for code in words
}
_CATALOGUE = {key: text for (context, key), (text, _) in catalogue_entries("vi")}
# Words of one language that the other one says differently.
ENGLISH_ONLY = {key for key, text in _CATALOGUE.items() if key != text}
VIETNAMESE_ONLY = {text for key, text in _CATALOGUE.items() if key != text}
# An English label may be spelt as a code is ("house", the quick report's unit): in English
# such a cell is the label; in Vietnamese it would be an untranslated code.
CODES_IN_ENGLISH = CODES - set(_CATALOGUE)


async def download(client, url: str, lang: str) -> Sheets:
    """The export as the reader's language gives it: switched as the page's switch does."""
    switched = await client.get(f"/lang/{lang}", params={"next": "/"})
    assert switched.status_code == 303
    response = await client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code} {response.text[:200]}"
    if response.headers["content-type"].startswith("text/csv"):
        text = response.content.decode("utf-8-sig")
        return {"csv": list(csv.reader(io.StringIO(text), delimiter=";"))}
    book = load_workbook(io.BytesIO(response.content))
    return {s.title: [list(r) for r in s.iter_rows(values_only=True)] for s in book.worksheets}


def words_of_the_language(sheets: Sheets, lang: str) -> list[str]:
    """The cells that are a stored code or a word of the other language."""
    codes = CODES if lang == "vi" else CODES_IN_ENGLISH
    foreign = ENGLISH_ONLY if lang == "vi" else VIETNAMESE_ONLY
    wrong = []
    for title, rows in sheets.items():
        for n, row in enumerate(rows, start=1):
            for cell in row:
                if isinstance(cell, str) and (cell in codes or cell in foreign):
                    wrong.append(f"{title}!{n}: {cell!r}")
    return wrong


def row_with(rows: list[list], first: object) -> list:
    """The first row that starts with `first`, without the empty cells that end it (a sheet is
    as wide as its widest table)."""
    row = list(next(r for r in rows if r and r[0] == first))
    while row and row[-1] is None:
        row.pop()
    return row


async def _admin(client) -> None:
    await login_as(client, await make_user("admin"))


HOUSES = {
    "vi": [
        "Mã hồ sơ",
        "Xã",
        "Thôn, xóm",
        "Chủ hộ",
        "Chương trình",
        "Loại",
        "Giai đoạn",
        "Ngày của giai đoạn",
        "Khởi công",
        "Hoàn thành",
        "Đã bàn giao",
        "Dự toán",
        "Cam kết",
        "Đã giải ngân",
    ],
    "en": [
        "House code",
        "Commune",
        "Hamlet",
        "Head of household",
        "Programme",
        "Kind",
        "Stage",
        "Stage date",
        "Started",
        "Completed",
        "Handed over",
        "Estimated cost",
        "Pledged",
        "Disbursed",
    ],
}
HOUSE_WORDS = {
    "vi": ["Nhà Đại đoàn kết", "Xây mới", "Xong móng"],
    "en": ["Great Solidarity House", "New build", "Foundation done"],
}


async def test_the_house_list_reads_programme_kind_and_stage_as_labels(client):
    year = await a_commune_year()
    await _admin(client)
    for lang in LANGUAGES:
        for fmt in ("xlsx", "csv"):
            sheets = await download(client, f"/reports/export/houses/{fmt}?commune=05725", lang)
            (rows,) = sheets.values()
            assert rows[0] == HOUSES[lang], (lang, fmt)
            row = row_with(rows, year.house_a.code)
            assert row[1:4] == ["Thần Sa", "An Thành", "Hoàng Văn Thắng"]
            assert row[4:7] == HOUSE_WORDS[lang], (lang, fmt)
            assert words_of_the_language(sheets, lang) == [], (lang, fmt)


HOUSEHOLD_HEADINGS = {
    "vi": ["Mã hộ", "Xã", "Thôn, xóm", "Họ và tên chủ hộ", "Giới tính"],
    "en": ["Household code", "Commune", "Hamlet", "Head of household", "Gender"],
}
POVERTY_HEADING = {"vi": "Hộ nghèo/cận nghèo", "en": "Poverty status"}
HOUSEHOLD_WORDS = {"vi": ("Nữ", "Hộ nghèo"), "en": ("Female", "Poor household")}


async def test_the_household_list_reads_gender_and_poverty_as_labels(client):
    household = await make_household(
        head_name="Lường Thị Hòa", gender=Gender.FEMALE, poverty_status=PovertyStatus.POOR
    )
    await make_household(head_name="Hoàng Văn Thắng")
    await _admin(client)
    for lang in LANGUAGES:
        for fmt in ("xlsx", "csv"):
            url = f"/reports/export/households/{fmt}?commune=05725"
            sheets = await download(client, url, lang)
            (rows,) = sheets.values()
            headings = rows[0]
            assert headings[:5] == HOUSEHOLD_HEADINGS[lang], (lang, fmt)
            row = row_with(rows, household.id if fmt == "xlsx" else str(household.id))
            gender = row[headings.index(HOUSEHOLD_HEADINGS[lang][4])]
            poverty = row[headings.index(POVERTY_HEADING[lang])]
            assert (gender, poverty) == HOUSEHOLD_WORDS[lang], (lang, fmt)
            assert words_of_the_language(sheets, lang) == [], (lang, fmt)


SUMMARY = {
    "vi": {
        "sheets": ["Các thôn", "Theo chương trình", "Theo nhóm báo cáo", "Nhà chậm tiến độ"],
        "split": [
            "Loại",
            "Nhu cầu nhà",
            "Đã duyệt",
            "Chưa khởi công",
            "Đang xây dựng",
            "Hoàn thành",
            "Đã bàn giao",
            "Tỷ lệ bàn giao",
            "Đã hủy",
        ],
        "programme": ["Chương trình", "Nhà Đại đoàn kết", "Xây mới"],
        "group": ["Nhóm báo cáo", "Nhà Đại đoàn kết", "Xây mới"],
        "late": ["Mã hồ sơ", "Thôn, xóm", "Chủ hộ", "Giai đoạn", "Khởi công"],
        "stage": "Xong móng",
        "first": ("Thôn, xóm", "Hộ bị ảnh hưởng"),
        "total": "Tổng cộng",
    },
    "en": {
        "sheets": ["Hamlets", "By programme", "By campaign group", "Late houses"],
        "split": [
            "Kind",
            "Houses needed",
            "Approved",
            "Not started",
            "Under construction",
            "Completed",
            "Handed over",
            "Handed over of need",
            "Cancelled",
        ],
        "programme": ["Programme", "Great Solidarity House", "New build"],
        "group": ["Campaign group", "Great Solidarity Houses", "New build"],
        "late": ["House code", "Hamlet", "Head of household", "Stage", "Started"],
        "stage": "Foundation done",
        "first": ("Hamlet", "Affected households"),
        "total": "Total",
    },
}


async def test_the_commune_summary_reads_programmes_groups_and_stages_as_labels(client):
    year = await a_commune_year()
    await _admin(client)
    for lang in LANGUAGES:
        words = SUMMARY[lang]
        sheets = await download(client, "/reports/communes/05725/export/xlsx", lang)
        assert list(sheets) == words["sheets"]
        hamlets, programmes, groups, late = sheets.values()
        assert tuple(hamlets[0][:2]) == words["first"]
        assert hamlets[-1][0] == words["total"]
        assert programmes[0] == [words["programme"][0], *words["split"]]
        assert programmes[1][:2] == words["programme"][1:]
        assert groups[0] == [words["group"][0], *words["split"]]
        assert groups[1][:2] == words["group"][1:]
        assert late[0] == words["late"]
        late_row = row_with(late, year.house_a.code)
        assert late_row[1:4] == ["An Thành", "Hoàng Văn Thắng", words["stage"]]
        assert words_of_the_language(sheets, lang) == [], lang
        csv_sheets = await download(client, "/reports/communes/05725/export/csv", lang)
        assert csv_sheets["csv"][0] == [str(h) for h in hamlets[0]]
        assert csv_sheets["csv"][-1][0] == words["total"]
        assert words_of_the_language(csv_sheets, lang) == [], lang


async def test_the_province_summary_names_its_communes_and_total_in_the_language(client):
    await a_commune_year()
    await _admin(client)
    first = {"vi": ("Xã", "Hộ bị ảnh hưởng"), "en": ("Commune", "Affected households")}
    total = {"vi": "Tổng cộng", "en": "Total"}
    for lang in LANGUAGES:
        for fmt in ("xlsx", "csv"):
            sheets = await download(client, f"/reports/export/province/{fmt}", lang)
            rows = next(iter(sheets.values()))
            assert tuple(rows[0][:2]) == first[lang], (lang, fmt)
            assert row_with(rows, "Thần Sa")
            assert rows[-1][0] == total[lang]
            assert words_of_the_language(sheets, lang) == [], (lang, fmt)


STATEMENT = {
    "vi": {
        "headings": [
            "Ngày",
            "Số biên nhận",
            "Mã giao dịch ngân hàng",
            "Nhà hảo tâm",
            "Hình thức",
            "Quỹ",
            "Hiện vật",
            "Số lượng",
            "Đơn vị tính",
            "Số tiền",
        ],
        "commune": [
            ["Báo Xây dựng", "Chuyển khoản", "Quỹ cấp xã"],
            ["Nhà hảo tâm ẩn danh", "Tiền mặt", "Quỹ cấp xã"],
            ["Nhà hảo tâm ẩn danh", "Hiện vật (quy ra tiền)", "Quỹ cấp xã"],
        ],
        "province": [["Quỹ Vì người nghèo tỉnh", "Chuyển khoản", "Quỹ cấp tỉnh"]],
    },
    "en": {
        "headings": [
            "Date",
            "Receipt no.",
            "Bank reference",
            "Donor",
            "Channel",
            "Fund",
            "Goods",
            "Quantity",
            "Unit",
            "Amount",
        ],
        "commune": [
            ["Báo Xây dựng", "Bank transfer", "Commune fund"],
            ["Anonymous donors", "Cash", "Commune fund"],
            ["Anonymous donors", "Goods (valued)", "Commune fund"],
        ],
        "province": [["Quỹ Vì người nghèo tỉnh", "Bank transfer", "Province fund"]],
    },
}


async def test_the_public_statement_reads_donors_channels_and_funds_as_labels(client):
    await a_commune_year()
    public.forget_cache()
    for lang in LANGUAGES:
        words = STATEMENT[lang]
        for fmt in ("xlsx", "csv"):
            for url, which in (
                (f"/public/05725/statement?fmt={fmt}", "commune"),
                (f"/public/statement?fmt={fmt}", "province"),
            ):
                sheets = await download(client, url, lang)
                (rows,) = sheets.values()
                # The title and the period above the headings, the total below the lines.
                assert rows[2] == words["headings"], (lang, url)
                assert sorted(r[3:6] for r in rows[3:-1]) == sorted(words[which]), (lang, url)
                assert words_of_the_language(sheets, lang) == [], (lang, url)


TEMPLATE = {
    "vi": {
        "sheets": ["Danh sách hộ", "Giá trị hợp lệ", "Tiêu đề cột"],
        "headings": ["Xã", "Thôn, xóm", "Họ và tên chủ hộ", "Giới tính", "Năm sinh"],
        "coded": {
            "Giới tính": "Nam",
            "Hộ nghèo/cận nghèo": "Hộ nghèo",
            "Loại nhà": "Nhà bán kiên cố",
            "Mức độ thiệt hại": "Thiệt hại nặng (từ 30% đến 50%)",
            "Nhu cầu": "Làm lại nhà; Lương thực, thực phẩm",
        },
        "values": ["Cột", "Giá trị"],
        "allowed": ["Giới tính", "Nữ"],
        "understood": ["Tiêu đề trong mẫu", "Cũng hiểu (không dấu, không phân biệt hoa)"],
    },
    "en": {
        "sheets": ["List of households", "Allowed values", "Column headings"],
        "headings": ["Commune", "Hamlet", "Head of household", "Gender", "Birth year"],
        "coded": {
            "Gender": "Male",
            "Poverty status": "Poor household",
            "House class": "Semi-solid house",
            "Damage band": "Heavily damaged (30–50%)",
            "Needs": "Rebuild the house; Food",
        },
        "values": ["Column", "Value"],
        "allowed": ["Gender", "Female"],
        "understood": ["Heading in the template", "Also understood (without accents, any case)"],
    },
}


async def test_the_import_template_is_in_the_readers_language(client):
    await login_as(client, await make_user("commune"))
    for lang in LANGUAGES:
        words = TEMPLATE[lang]
        sheets = await download(client, "/imports/template.xlsx", lang)
        assert list(sheets) == words["sheets"]
        households, values, understood = sheets.values()
        headings, example = households[0], households[1]
        assert headings[:5] == words["headings"]
        assert {h: example[headings.index(h)] for h in words["coded"]} == words["coded"]
        assert values[0] == words["values"]
        assert words["allowed"] in values
        assert understood[0] == words["understood"]
        assert words_of_the_language(sheets, lang) == [], lang


QUICK = {
    "vi": {
        "title": "BÁO CÁO NHANH THIỆT HẠI DO THIÊN TAI",
        "commune": "Xã Thần Sa",
        "province": "Toàn tỉnh",
        "headings": ["TT", "Chỉ tiêu", "Đơn vị tính"],
        "group": ["I", "Về người"],
        "line": [1, "Người chết", "người"],
    },
    "en": {
        "title": "QUICK REPORT OF DISASTER DAMAGE",
        "commune": "Commune Thần Sa",
        "province": "Province total",
        "headings": ["Item no.", "Indicator", "Unit"],
        "group": ["I", "Damage to people"],
        "line": [1, "Dead", "person"],
    },
}


async def test_the_quick_reports_read_in_the_language(client):
    disaster = await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))
    commune = await Commune.get(code="05725")
    moment = {"as_of_date": "2025-10-10", "as_of_hour": "17", "rice_ha": "12.5"}
    await save_report(
        SYSTEM,
        REPORT.form({**moment, "commune_code": commune.code, "disaster_id": str(disaster.id)}),
    )
    report = await DisasterReport.get(commune_id=commune.id)
    await _admin(client)
    for lang in LANGUAGES:
        # The commune's report is a paper to sign and file: Vietnamese in either language.
        vi = QUICK["vi"]
        sheets = await download(client, f"/disaster-reports/{report.id}/xlsx", lang)
        (rows,) = sheets.values()
        assert rows[0][0] == "ỦY BAN NHÂN DÂN XÃ THẦN SA"
        assert "BÁO CÁO NHANH" in [r[0] for r in rows]
        assert row_with(rows, vi["headings"][0]) == [*vi["headings"], "Thần Sa"]
        assert row_with(rows, "I")[:2] == vi["group"]
        assert row_with(rows, 1) == [*vi["line"], 0]
        assert words_of_the_language(sheets, "vi") == [], lang
        # The province's sum is a paper too (issue 26): Vietnamese in either language.
        url = f"/disasters/{disaster.id}/province-report/xlsx"
        sheets = await download(client, url, lang)
        (rows,) = sheets.values()
        assert rows[0][0] == "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN"
        assert "BÁO CÁO NHANH" in [r[0] for r in rows]
        headings = [*vi["headings"], vi["province"], "Thần Sa"]
        assert row_with(rows, vi["headings"][0]) == headings
        assert words_of_the_language(sheets, "vi") == [], lang


RECEIPTS = [
    "STT",
    "Họ và tên chủ hộ",
    "Khu dân cư",
    "Tiền mặt (đồng)",
    "Hàng hóa",
    "Giá trị hàng (đồng)",
    "Ký nhận",
]


async def test_the_receipt_list_is_a_vietnamese_paper_in_either_language(client):
    """Papers are signed and filed in Vietnamese, whatever the interface language
    (relief/core/papers.py); the workbook is the paper to print and sign."""
    year = await a_commune_year()
    await _admin(client)
    for lang in LANGUAGES:
        sheets = await download(client, f"/visits/{year.visit_id}/receipts/xlsx", lang)
        assert list(sheets) == ["xóm An Thành"]
        (rows,) = sheets.values()
        assert rows[0][0] == "DANH SÁCH KÝ NHẬN HỖ TRỢ"
        assert rows[3] == RECEIPTS
        assert rows[4][:6] == [1, "Lường Thị Hoa", "xóm An Thành", 6_000_000, "Gạo", 3_000_000]
        assert words_of_the_language(sheets, "vi") == [], lang
