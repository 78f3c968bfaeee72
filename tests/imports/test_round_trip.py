"""The household list export is an import file: export, edit in LibreOffice, import back."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from relief.core.models import AuditEntry
from relief.households.models import Household, PovertyStatus
from relief.imports import service
from tests.factories import actor_for, login_as, make_household, make_user

THAN_SA = "05725"
NAMES = ["Hoàng Văn Thắng", "Triệu Thị Huyền", "Nông Văn Bình", '=HYPERLINK("x")', "Lý Thị Lan"]


async def _households() -> list[Household]:
    made = []
    for i, name in enumerate(NAMES):
        made.append(
            await make_household(
                THAN_SA,
                head_name=name,
                birth_year=1960 + i,
                id_number=f"0190{60 + i}{i:06d}",
                phone=f"091234{i:04d}",
                poverty_status=PovertyStatus.POOR if i % 2 else PovertyStatus.NONE,
                social_protection=bool(i % 2),
                ethnicity="Tày",
            )
        )
    return made


def _resave_in_libreoffice(data: bytes, tmp_path, name: str = "edited.xlsx") -> bytes:
    """Saved again by LibreOffice, as an officer's office suite would (shared strings)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = tmp_path / "in" / name
    source.parent.mkdir()
    source.write_bytes(data)
    out = tmp_path / "out"
    subprocess.run(
        [soffice, "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (out / name).read_bytes()


async def _export(client, officer, fmt: str = "xlsx") -> bytes:
    await login_as(client, officer)
    response = await client.get(f"/reports/export/households/{fmt}?commune={THAN_SA}")
    assert response.status_code == 200
    return response.content


async def test_export_then_import_changes_nothing(client, tmp_path):
    await _households()
    officer = await make_user("commune", commune_code=THAN_SA)
    for fmt in ("xlsx", "csv"):
        data = await _export(client, officer, fmt)
        batch = await service.upload(actor_for(officer), tmp_path, f"ds.{fmt}", data)
        assert batch.errors == 0, batch.report["errors"]
        assert batch.report["changed"] == [], fmt
        assert (batch.created, batch.updated, batch.report["unchanged"]) == (0, 0, len(NAMES))
        await service.cancel(actor_for(officer), tmp_path, batch.id)


async def test_the_export_reads_as_vietnamese_and_is_safe(client):
    await _households()
    officer = await make_user("commune", commune_code=THAN_SA)
    book = load_workbook(io.BytesIO(await _export(client, officer)))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["Mã hộ", "Xã", "Thôn, xóm", "Họ và tên chủ hộ"]
    rows = [dict(zip(headers, r, strict=False)) for r in sheet.iter_rows(2, values_only=True)]
    assert len(rows) == len(NAMES)  # no "as of" row read back as a household
    by_name = {r["Họ và tên chủ hộ"]: r for r in rows}
    assert by_name["Triệu Thị Huyền"]["Giới tính"] == "Nam"
    assert by_name["Triệu Thị Huyền"]["Hộ nghèo/cận nghèo"] == "Hộ nghèo"
    assert by_name["Hoàng Văn Thắng"]["Hộ nghèo/cận nghèo"] == "Không thuộc diện nghèo"
    assert by_name["Triệu Thị Huyền"]["Bảo trợ xã hội"] == "x"
    formula = next(c for c in sheet["D"] if c.value == NAMES[3])
    assert formula.data_type == "s"  # a name like a formula stays text
    year = next(c for c in sheet["F"][1:])
    assert year.number_format == "0"  # 1960, not 1.960
    assert book.properties.description.startswith("Tính đến ngày ")
    assert sheet.oddHeader.left.text == "Thần Sa"
    csv_text = (await _export(client, officer, "csv")).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and ";" in csv_text.splitlines()[0]


async def test_three_cells_edited_in_libreoffice_change_exactly_those_fields(client, tmp_path):
    made = await _households()
    officer = await make_user("commune", commune_code=THAN_SA)
    book = load_workbook(io.BytesIO(await _export(client, officer)))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    column = {h: i + 1 for i, h in enumerate(headers)}
    sheet.cell(2, column["Số nhân khẩu"], 7)
    sheet.cell(3, column["Số điện thoại"], "0987000111")
    sheet.cell(4, column["Dân tộc"], "Dao")
    sheet.append(["", "Thần Sa", "Kim Sơn", "Đặng Văn Mới", "Nam", 1990, "", "", 3])  # new
    out = io.BytesIO()
    book.save(out)
    edited = _resave_in_libreoffice(out.getvalue(), tmp_path)
    codes = [sheet.cell(r, 1).value for r in (2, 3, 4)]
    # Meanwhile the fifth household is changed in Relief: its row conflicts if edited.
    actor = actor_for(officer)
    batch = await service.upload(actor, tmp_path, "edited.xlsx", edited)
    assert batch.errors == 0, batch.report["errors"]
    assert (batch.created, batch.updated, batch.report["unchanged"]) == (1, 3, len(NAMES) - 3)
    assert batch.report["changed_fields"] == {"members": 1, "phone": 1, "ethnicity": 1}
    await service.confirm(actor, tmp_path, batch.id, service.Decisions({}))
    after = {h.id: h for h in await Household.filter(id__in=codes)}
    assert after[codes[0]].members == 7
    assert after[codes[1]].phone == "0987000111"
    assert after[codes[2]].ethnicity == "Dao"
    assert all(after[c].version == 2 for c in codes)
    entries = await AuditEntry.filter(entity="household", action="update").order_by("id")
    changes = {int(e.entity_id): (e.before, e.after) for e in entries}
    assert changes[codes[0]] == ({"members": 4, "version": 1}, {"members": 7, "version": 2})
    assert changes[codes[2]][1] == {"ethnicity": "Dao", "version": 2}
    assert len(changes) == 3
    assert await Household.filter(head_name="Đặng Văn Mới").exists()
    assert {h.id for h in made} >= set(codes)


async def test_a_household_changed_since_the_export_is_a_conflict(client, tmp_path):
    await _households()
    officer = await make_user("commune", commune_code=THAN_SA)
    book = load_workbook(io.BytesIO(await _export(client, officer)))
    sheet = book.worksheets[0]
    code = sheet.cell(2, 1).value
    sheet.cell(2, 10, "Nùng")  # Dân tộc
    out = io.BytesIO()
    book.save(out)
    await Household.filter(id=code).update(members=9, version=2)  # saved meanwhile
    batch = await service.upload(actor_for(officer), tmp_path, "ds.xlsx", out.getvalue())
    assert batch.updated == 0 and batch.report["conflict_count"] == 1
    [conflict] = batch.report["conflicts"]
    assert (conflict["row"], conflict["id"]) == (2, code)
    changes = {c["field"]: (c["file"], c["current"]) for c in conflict["changes"]}
    assert changes == {"ethnicity": ("Nùng", "Tày"), "members": (4, 9)}
