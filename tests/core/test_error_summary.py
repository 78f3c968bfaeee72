"""The error summary above a form that failed names each field and links to it, in the user's
language, while each message stays next to its field. Through HTTP on both databases."""

import re

from relief.core.error_summary import name_error_fields
from tests.factories import login_as, make_household, make_user, post_form
from tests.households.factories import damage_data, household_data, make_disaster


def _summary(html: str) -> list[tuple[str, str]]:
    box = re.search(r'<div class="[^"]*error-summary[^"]*" role="alert">(.*?)</div>', html, re.S)
    assert box, "no error summary"
    return re.findall(r'<a href="#([^"]+)">(.*?)</a>', box.group(1), re.S)


async def test_each_line_of_the_summary_names_its_field_and_links_to_it(client):
    await login_as(client, await make_user("commune"))
    data = await household_data(members="0", phone="12")
    answer = await post_form(client, "/households/new", data)
    assert answer.status_code == 422
    lines = dict(_summary(answer.text))
    assert lines["f-members"] == "Số nhân khẩu: Một hộ có từ 1 đến 30 nhân khẩu."
    assert lines["f-phone"].startswith("Số điện thoại: Hãy nhập số điện thoại")
    assert 'id="e-members">Một hộ có từ 1 đến 30 nhân khẩu.</div>' in answer.text  # stays


async def test_the_summary_is_in_english_after_the_switch(client):
    await login_as(client, await make_user("commune"))
    client.cookies.set("relief_lang", "en")
    answer = await post_form(client, "/households/new", await household_data(members="99"))
    assert dict(_summary(answer.text))["f-members"] == "Members: A household has 1 to 30 members."


async def test_a_form_lower_on_a_page_has_its_summary_too(client):
    await login_as(client, await make_user("commune"))
    h = await make_household()
    answer = await post_form(client, f"/households/{h.id}/archive", {"version": "1"})
    assert answer.status_code == 422
    assert _summary(answer.text) == [("f-reason", "Lý do: Hãy ghi lý do lưu trữ hộ này.")]


async def test_a_check_box_in_error_is_named_and_linked_too(client):
    await login_as(client, await make_user("commune"))
    h, d = await make_household(), await make_disaster()
    data = damage_data(d, band="heavy")  # collapsed, but not a total loss
    answer = await post_form(client, f"/households/{h.id}/damage", data)
    assert answer.status_code == 422
    line = dict(_summary(answer.text))["f-collapsed"]
    assert line == "Sập đổ, cuốn trôi: Nhà sập đổ, cuốn trôi là thiệt hại hoàn toàn (trên 70%)."
    assert 'aria-describedby="e-collapsed"' in answer.text and 'id="e-collapsed"' in answer.text


def test_labels_are_read_from_a_label_a_wrapping_label_and_a_legend():
    html = (
        '<div class="flash warn error-summary" role="alert"><ul>'
        '<li><a href="#f-a">Sai</a></li><li><a href="#f-b">Thiếu</a></li>'
        '<li><a href="#f-c">Chọn</a></li><li><a href="#f-d">Không rõ</a></li></ul></div>'
        '<label for="f-a">Họ &amp; tên <span aria-hidden="true">*</span></label><input id="f-a">'
        '<label><input type="checkbox" id="f-b"> Đồng ý</label>'
        '<fieldset id="f-c"><legend>Nhu cầu</legend></fieldset>'
    )
    assert _summary(str(name_error_fields(html))) == [
        ("f-a", "Họ &amp; tên: Sai"),
        ("f-b", "Đồng ý: Thiếu"),
        ("f-c", "Nhu cầu: Chọn"),
        ("f-d", "Không rõ"),  # no field of that id: the message alone
    ]
