"""Administrator pages for users: create, bind, disable, reset a password."""

import re

import httpx

from relief.accounts import service, sessions
from relief.accounts.models import User
from relief.core.models import AuditEntry
from relief.places.models import Commune
from tests.factories import actor_for, login_as, make_sponsor, make_user, post_form


async def _admin(client):
    admin = await make_user("admin", username="boss")
    await login_as(client, admin)
    return admin


async def test_admin_creates_a_commune_officer_bound_to_a_commune(client):
    await _admin(client)
    response = await post_form(
        client,
        "/admin/users/new",
        {
            "username": "canbo.vonhai",
            "password": "a-long-password",
            "role": "commune",
            "commune": "05716",
            "full_name": "Cán bộ xã Võ Nhai",
        },
    )
    assert response.status_code == 303
    user = await User.get(username="canbo.vonhai").select_related("commune")
    assert user.commune.name == "Võ Nhai" and user.full_name == "Cán bộ xã Võ Nhai"
    entry = await AuditEntry.get(entity="user", action="create", entity_id=str(user.id))
    assert entry.after["role"] == "commune" and "password" not in str(entry.after)


async def test_every_error_of_the_new_user_form_is_shown_next_to_its_field(client):
    await _admin(client)
    response = await post_form(
        client,
        "/admin/users/new",
        {
            "username": "boss",
            "password": "short",
            "role": "commune",
            "commune": "",
        },
    )
    assert response.status_code == 422
    text = response.text
    assert 'id="e-username"' in text and "Tên đăng nhập này đã được dùng." in text
    assert 'id="e-password"' in text and "Mật khẩu phải có ít nhất 10 ký tự." in text
    assert 'id="e-commune"' in text and "Cán bộ xã phải gắn với một xã." in text
    assert await User.all().count() == 1


async def test_admin_binds_a_sponsor_user_and_changes_a_role(client):
    await _admin(client)
    sponsor = await make_sponsor("Báo Xây dựng")
    user = await make_user("province", username="bao")
    token = await sessions.start(user, None, "", None)
    response = await post_form(
        client,
        f"/admin/users/{user.id}",
        {
            "full_name": "Báo Xây dựng",
            "role": "sponsor",
            "sponsor": "Báo Xây dựng",
            "version": "1",
        },
    )
    assert response.status_code == 303
    user = await User.get(id=user.id)
    assert user.role.value == "sponsor" and user.sponsor_id == sponsor.id
    assert await sessions.resolve(token, 60) is None  # a new role means a new login


async def test_admin_disables_and_enables_a_user_but_not_themselves(client):
    admin = await _admin(client)
    user = await make_user("commune", username="canbo")
    token = await sessions.start(user, None, "", None)
    await post_form(client, f"/admin/users/{user.id}/active", {"active": "0", "version": "1"})
    assert not (await User.get(id=user.id)).is_active
    assert await sessions.resolve(token, 60) is None
    await post_form(client, f"/admin/users/{user.id}/active", {"active": "1", "version": "2"})
    assert (await User.get(id=user.id)).is_active
    response = await post_form(
        client, f"/admin/users/{admin.id}/active", {"active": "0", "version": "1"}
    )
    assert response.status_code == 422
    assert (await User.get(id=admin.id)).is_active
    actions = await AuditEntry.filter(entity="user").values_list("action", flat=True)
    assert "disable" in actions and "enable" in actions


async def test_admin_resets_a_password(client):
    await _admin(client)
    user = await make_user("province", username="tinh")
    url = f"/admin/users/{user.id}/password"
    bad = await post_form(client, url, {"password": "short", "version": "1"})
    assert bad.status_code == 422
    ok = await post_form(client, url, {"password": "brand-new-password", "version": "1"})
    assert ok.status_code == 303
    client.cookies.clear()
    login = await post_form(
        client, "/login", {"username": "tinh", "password": "brand-new-password"}
    )
    assert login.status_code == 303


async def test_users_page_lists_users_in_vietnamese(client):
    await _admin(client)
    await make_user("commune", username="canbo", commune_code="05725")
    page = await client.get("/admin/users")
    assert "canbo" in page.text and "Cán bộ xã" in page.text
    assert (await Commune.get(code="05725")).name in page.text


def _version(page: httpx.Response) -> str:
    """The version the user form carries (the first form of the page: name, role, binding)."""
    match = re.search(r'name="version" value="(\d+)"', page.text)
    assert match is not None
    return match.group(1)


def _conflict_rows(page: httpx.Response) -> list[tuple[str, ...]]:
    """The rows of the "changed meanwhile" table: field, before, (your value,) now, by."""
    box = page.text.split('class="flash warn conflict"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</td></tr>", box)
    return [tuple(re.split(r"</th><td>|</td><td>", row)) for row in rows]


async def test_a_stale_user_form_does_not_enable_again_what_another_admin_disabled(client):
    first, second = await make_user("admin", username="quantri1"), await make_user("admin")
    user = await make_user("commune", username="canbo", commune_code="05725")
    async with httpx.AsyncClient(transport=client._transport, base_url=client.base_url) as other:
        await login_as(client, first)
        await login_as(other, second)
        # Both open the user's page at the same version.
        seen_first = _version(await client.get(f"/admin/users/{user.id}"))
        seen_second = _version(await other.get(f"/admin/users/{user.id}"))
        assert seen_first == seen_second == "1"
        disabled = await post_form(
            client, f"/admin/users/{user.id}/active", {"active": "0", "version": seen_first}
        )
        assert disabled.status_code == 303
        stale = await post_form(
            other,
            f"/admin/users/{user.id}",
            {
                "full_name": "Lò Văn Minh",
                "role": "commune",
                "commune": "05725",
                "version": seen_second,
            },
        )
    assert stale.status_code == 409
    assert "Có người khác vừa lưu bản ghi này" in stale.text
    assert _conflict_rows(stale) == [("Đang hoạt động", "Có", "Không", "quantri1")]
    assert _version(stale) == "2"  # saving again applies the input over the disabled account
    saved = await User.get(id=user.id)
    assert (saved.is_active, saved.full_name, saved.version) == (False, "", 2)


async def test_a_stale_disable_names_the_commune_moved_meanwhile(client):
    admin = await _admin(client)
    user = await make_user("commune", username="canbo", commune_code="05725")
    page = await client.get(f"/admin/users/{user.id}")
    await service.update_user(
        actor_for(admin),
        user.id,
        full_name="",
        role="commune",
        commune_code="05716",
        sponsor_name=None,
        version=1,
    )
    stale = await post_form(
        client, f"/admin/users/{user.id}/active", {"active": "0", "version": _version(page)}
    )
    assert stale.status_code == 409
    assert _conflict_rows(stale) == [("Xã", "Thần Sa", "Võ Nhai", "boss")]
    assert (await User.get(id=user.id)).is_active
