"""A list written with the addresses of before July 2025 from another province (its old commune,
district and province columns) imports into today's commune, each row's former unit shown."""

from __future__ import annotations

from relief.households.models import Household
from relief.imports.models import ImportBatch
from tests.access import CAI_KINH, seed_second_province
from tests.factories import login_as, make_user, post_form
from tests.imports.files import xlsx
from tests.imports.test_pages import upload

HEADERS = ["Xã", "Huyện", "Tỉnh", "Thôn", "Họ và tên chủ hộ", "Giới tính", "Năm sinh", "Số khẩu"]
YEN_VUONG = ["Xã Yên Vượng", "Huyện Hữu Lũng", "Tỉnh Lạng Sơn"]  # Cai Kinh since July 2025
MINH_SON = ["Minh Sơn", "Hữu Lũng", "Lạng Sơn"]  # Tuấn Sơn today: another commune


async def test_old_addresses_of_lang_son_import_into_cai_kinh(client):
    await seed_second_province()
    await login_as(client, await make_user("commune", commune_code=CAI_KINH))
    rows = [
        [*YEN_VUONG, "Na Hoa", "Hoàng Văn Vượng", "Nam", 1968, 5],
        [*YEN_VUONG, "Thôn Na Hoa", "Lăng Thị Hoa", "Nữ", 1975, 3],
        [*MINH_SON, "Na Hoa", "Vi Văn Sơn", "Nam", 1980, 4],
    ]
    response = await upload(client, xlsx(rows, HEADERS), "ds-yen-vuong-cu.xlsx")
    assert response.status_code == 303
    location = response.headers["location"]
    text = (await client.get(location)).text
    assert "Địa chỉ trước sáp nhập 2025: 3 dòng" in text
    former = "Xã Yên Vượng, Huyện Hữu Lũng, Tỉnh Lạng Sơn"
    assert f"<td>Hoàng Văn Vượng</td><td>{former}</td><td>Xã Cai Kinh</td>" in text
    assert f"<td>Lăng Thị Hoa</td><td>{former}</td><td>Xã Cai Kinh</td>" in text
    # The third row's former commune is Tuấn Sơn's today: refused, with where it belongs.
    assert "<td>Vi Văn Sơn</td><td>Xã Minh Sơn, Huyện Hữu Lũng, Tỉnh Lạng Sơn</td>" in text
    assert "nay thuộc xã Tuấn Sơn, không thuộc xã Cai Kinh" in text
    batch = await ImportBatch.get(id=int(location.rsplit("/", 1)[1]))
    assert (batch.created, batch.errors) == (2, 1)
    done = await post_form(client, f"{location}/confirm", {"good_rows": "1"})
    assert done.status_code == 303
    names = await Household.filter(commune__code=CAI_KINH).order_by("head_name")
    assert [h.head_name for h in names] == ["Hoàng Văn Vượng", "Lăng Thị Hoa"]
