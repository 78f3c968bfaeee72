"""The ledger through HTTP: Front officers keep it, the public reads it, no family is exposed."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from relief.core.actor import SYSTEM
from relief.core.formatting import money
from relief.households.models import Household
from relief.ledger import books, public, service, views
from relief.ledger.models import Allocation, Campaign, Channel, Donation, FundLevel
from relief.places.models import Commune
from tests.factories import bearer, login_as, make_sponsor, make_user, post_form
from tests.ledger.factories import a_commune_year

M = 1_000_000


async def test_the_public_page_shows_the_ledgers_own_figures(client):
    year = await a_commune_year()
    public.forget_cache()
    response = await client.get(f"/public/{year.commune.code}")
    assert response.status_code == 200
    assert "public" in response.headers["cache-control"]
    ledger = await books.books(await books.funds_of(year.commune.id), date(date.today().year, 1, 1))
    line = next(x for x in ledger.lines if x.level is FundLevel.COMMUNE)
    for figure in (line.received, line.allocated, line.spent, line.balance):
        assert money(figure) in response.text
    assert line.received == 135 * M and line.spent == 51 * M
    # Named donors who consented, with their totals; the goods donor did not consent.
    assert "Báo Xây dựng" in response.text
    assert "Gạch Thái Nguyên" not in response.text
    province = await client.get("/public")
    assert province.status_code == 200
    assert money(200 * M) in province.text
    assert year.commune.name in province.text


async def test_no_public_page_or_statement_names_a_family(client, demo_loaded):
    await a_commune_year()
    public.forget_cache()
    households = await Household.all().values_list("head_name", "id_number", "phone")
    urls = ["/public", "/public/statement?fmt=xlsx", "/public/statement?fmt=csv", "/public/sao-ke"]
    urls.append("/api/v1/public/statement")  # the statement's lines as JSON
    for code in await Commune.filter(is_focus=True).values_list("code", flat=True):
        urls += [
            f"/public/{code}",
            f"/public/{code}/statement?fmt=xlsx",
            f"/public/{code}/statement?fmt=csv",
            f"/public/sao-ke?commune={code}",
            f"/api/v1/public/statement?commune={code}",
        ]
    for campaign in await Campaign.all().values_list("id", flat=True):
        urls.append(f"/api/v1/public/statement?campaign={campaign}")
    # Every receipt's verification page (the demo's donations fall in its open campaign).
    tokens = await Donation.filter(receipt_token__not_isnull=True).values_list(
        "receipt_token", flat=True
    )
    assert tokens
    urls += [f"/public/receipts/{token}" for token in tokens]
    # Every gift followed to where it went (houses by hamlet and initials, goods by counts),
    # and the final report of the demo's closed campaign.
    gifts = await Donation.filter(reverses_id=None).values_list("id", flat=True)
    urls += [f"/public/gifts/{gift}" for gift in gifts]
    urls += [
        f"/public/campaigns/{c}/report"
        for c in await Campaign.filter(closed_on__not_isnull=True).values_list("id", flat=True)
    ]
    found = []
    for url in urls:
        response = await client.get(url)
        assert response.status_code == 200, url
        if "spreadsheet" in response.headers["content-type"]:
            sheet = load_workbook(io.BytesIO(response.content)).active
            text = "\n".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row)
        else:
            text = response.text
        for name, id_number, phone in households:
            if name in text:
                found.append(f"{url}: full name {name}")
            if id_number and id_number in text:
                found.append(f"{url}: ID number")
            if phone and phone in text:
                found.append(f"{url}: phone")
        for label in ("Năm sinh", "CCCD", "Số điện thoại"):
            if label in text:
                found.append(f"{url}: {label}")
    assert not found, found
    # The houses are there, by hamlet and initials.
    than_sa = await client.get("/public/05725")
    assert "Kim Sơn" in than_sa.text
    # Following the gifts reached houses and goods, not only empty pages.
    followed = [(await client.get(url)).text for url in urls if url.startswith("/public/gifts/")]
    assert any("Kim Sơn" in text for text in followed)
    assert any("hộ, còn" in text for text in followed)


async def test_a_front_officer_records_and_allocates_through_the_pages(client):
    year = await a_commune_year()
    user = await make_user("front", commune_code="05725")
    await login_as(client, user)
    page = await client.get("/ledger")
    assert page.status_code == 200
    assert year.commune.name in page.text
    response = await post_form(
        client,
        "/ledger/donations",
        {
            "level": "commune",
            "channel": "cash",
            "amount": "3.000.000",
            "received_on": date.today().isoformat(),
            "donor_name": "Đoàn thanh niên xã",
        },
    )
    assert response.status_code == 303
    assert await Donation.filter(donor_name="Đoàn thanh niên xã", amount=3 * M).exists()
    fund = year.donations[0].fund_id
    too_much = await post_form(
        client,
        "/ledger/allocations",
        {
            "fund_id": str(fund),
            "house_case_id": year.house_b.code,  # the code shown everywhere
            "amount": "29.000.000",
            "decision_number": "20/QĐ",
            "decision_date": date.today().isoformat(),
            "allocated_on": date.today().isoformat(),
        },
    )
    assert too_much.status_code == 422
    assert 'id="e-amount"' in too_much.text
    assert "29.000.000" in too_much.text  # what was typed is kept
    assert await Allocation.filter(fund_id=fund).count() == 3


@pytest.mark.both_databases
async def test_the_books_are_a_reading_page_and_each_form_a_page_of_its_own(client):
    """The books link to the forms; a sponsor is found by its name typed without accents (no
    list of every sponsor); after saving, the books again with what was saved."""
    year = await a_commune_year()
    await make_sponsor("Công ty Điện lực Thái Nguyên")
    await login_as(client, await make_user("front", commune_code="05725"))
    books_page = (await client.get("/ledger")).text
    assert books_page.count('method="post"') == 1  # logging out, nothing else
    # Each live entry of the commune's funds may be reversed from the list; the province's
    # allocation to a house of the commune may not (whatever ids the donations listed have).
    own, province = year.allocations[0].id, year.allocations[1].id
    assert f'href="/ledger/allocations/{own}/reverse"' in books_page
    assert f'href="/ledger/allocations/{province}/reverse"' not in books_page
    assert f'href="/ledger/donations/{year.donations[0].id}/reverse"' in books_page
    on = f"?commune_id={year.commune.id}"
    for link in ("/ledger/donations/new", "/ledger/allocations/new", "/ledger/close"):
        assert f'href="{link}{on}"' in books_page
    form = (await client.get("/ledger/donations/new")).text
    assert 'name="sponsor_id"' not in form  # nothing to choose before a search
    found = (await client.get("/ledger/donations/new", params={"q": "bao xay"})).text
    sponsor = year.donations[0].sponsor_id
    assert f'<option value="{sponsor}">Báo Xây dựng</option>' in found
    assert "Điện lực" not in found
    response = await post_form(
        client,
        "/ledger/donations",
        {
            "level": "commune",
            "channel": "bank_transfer",
            "amount": "7.000.000",
            "received_on": date.today().isoformat(),
            "sponsor_id": str(sponsor),
        },
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/ledger{on}&saved=donation#donations"
    again = (await client.get(response.headers["location"])).text
    assert "Đã ghi nhận khoản tiếp nhận." in again
    assert await Donation.filter(
        sponsor_id=sponsor, amount=7 * M, donor_name="Báo Xây dựng"
    ).exists()
    closing = (await client.get("/ledger/close")).text
    assert f'<option value="{year.donations[0].fund_id}">' in closing
    refused = await post_form(client, "/ledger/close", {"fund_id": str(year.donations[0].fund_id)})
    assert refused.status_code == 422
    assert 'id="e-month"' in refused.text and 'action="/ledger/close"' in refused.text


async def test_the_statements_api_gives_the_public_statements_lines(client):
    """The statement's lines as JSON, without a login: a gift named only with its donor's
    consent, goods as goods, found by its receipt number, paged as the page is."""
    year = await a_commune_year()
    code = year.commune.code
    whole = await client.get("/api/v1/public/statement", params={"commune": code})
    assert whole.status_code == 200 and "public" in whole.headers["cache-control"]
    body = whole.json()
    donors = sorted({line["donor"] for line in body["items"]})
    goods = [(i["goods"], i["quantity"], i["unit"]) for i in body["items"] if i["goods"]]
    assert (body["count"], body["matched"], body["total"], body["pages"]) == (3, 3, 135 * M, 1)
    assert donors == ["Báo Xây dựng", "Nhà hảo tâm ẩn danh"]
    assert goods == [("5.000 viên gạch", None, "")]
    assert "Gạch Thái Nguyên" not in whole.text  # that donor did not consent
    assert sum(line["amount"] for line in body["items"]) == body["total"]
    wrong = await client.get("/api/v1/public/statement", params={"commune": "99999"})
    assert wrong.status_code == 404


async def test_the_api_refuses_an_over_allocation_and_keeps_scope(client):
    year = await a_commune_year()
    headers = await bearer(await make_user("front", commune_code="05725"))
    body = {
        "fund_id": year.donations[0].fund_id,
        "house_case_id": year.house_b.id,
        "amount": 26 * M,
        "decision_number": "21/QĐ",
        "decision_date": date.today().isoformat(),
        "allocated_on": date.today().isoformat(),
    }
    response = await client.post("/api/v1/ledger/allocations", json=body, headers=headers)
    assert response.status_code == 422
    body["amount"] = 25 * M
    response = await client.post("/api/v1/ledger/allocations", json=body, headers=headers)
    assert response.status_code == 201, response.text
    result = (await client.get("/api/v1/ledger/books", headers=headers)).json()
    assert result["total"]["unallocated"] == 0
    listed = await client.get("/api/v1/ledger/allocations", params={"per_page": 2}, headers=headers)
    page = listed.json()
    assert (page["total"], page["pages"], len(page["items"])) == (5, 3, 2)
    donations = (await client.get("/api/v1/ledger/donations", headers=headers)).json()
    assert donations["total"] == 3  # the commune's own; the province's fund is the province's
    other_user = await make_user("front", commune_code="05665")
    other = await bearer(other_user)
    response = await client.post("/api/v1/ledger/allocations", json=body, headers=other)
    assert response.status_code == 403  # Thần Sa's fund is moved by Thần Sa's Front only
    own = await service.fund_for(FundLevel.COMMUNE, other_user.commune_id, None)
    response = await client.post(
        "/api/v1/ledger/allocations", json={**body, "fund_id": own.id}, headers=other
    )
    # Another commune's house reads as no house at all: its existence is not revealed.
    assert response.status_code == 422
    assert response.json()["errors"] == {"house_case_id": "Không có hồ sơ nhà ở này."}
    assert await Allocation.filter(amount=25 * M).count() == 1


async def test_a_sponsor_sees_its_money_traced_to_its_houses(client, demo_loaded):
    from relief.sponsors.models import Sponsor

    sponsor = await Sponsor.get(name="Báo Xây dựng")
    await login_as(client, await make_user("sponsor", sponsor=sponsor))
    response = await client.get("/portal/money")
    assert response.status_code == 200
    result = await books.sponsor_reconciliation(SYSTEM, sponsor.id)
    assert result.received > 0 and result.untraced == 0
    assert money(result.received) in response.text


async def test_a_commune_officer_puts_a_handover_photo_on_the_public_page(client, demo_loaded):
    from relief.houses.models import Photo

    await Photo.all().update(is_public=False)
    photo = await Photo.filter(commune__code="05725").order_by("id").first()
    assert (await client.get(f"/public/photos/{photo.id}")).status_code == 404
    await login_as(client, await make_user("commune", commune_code="05725"))
    response = await post_form(client, f"/ledger/photos/{photo.id}/public", {"public": "1"})
    assert response.status_code == 303
    client.cookies.clear()
    shown = await client.get(f"/public/photos/{photo.id}")
    assert shown.status_code == 200 and shown.headers["content-type"] == "image/jpeg"
    public.forget_cache()
    assert f"/public/photos/{photo.id}" in (await client.get("/public/05725")).text
    # Another commune's officer cannot touch it.
    await login_as(client, await make_user("commune", commune_code="05665"))
    response = await post_form(client, f"/ledger/photos/{photo.id}/public", {"public": ""})
    assert response.status_code == 404


async def test_the_portal_and_the_money_page_name_the_same_two_commitments(client):
    year = await a_commune_year()
    from relief.sponsors.models import Pledge, Sponsor

    sponsor = await Sponsor.get(name="Báo Xây dựng")
    await Pledge.create(sponsor=sponsor, amount=150 * M, houses=3, pledged_on=date(2025, 10, 1))
    await login_as(client, await make_user("sponsor", sponsor=sponsor))
    pages = [(await client.get(url)).text for url in ("/portal", "/portal/money")]
    # Pledged to the Front: 150 M; given to houses: house A's 60 M from its donation.
    assert all(
        "Cam kết tài trợ với Mặt trận</dt><dd>150.000.000" in page
        and "Đã góp cho các nhà</dt><dd>60.000.000" in page
        for page in pages
    ), year.commune.name


async def test_the_ledger_and_the_public_page_open_on_the_latest_year_with_money(client):
    last_year = date.today().year - 1
    commune = await Commune.get(code="05725")
    await service.record_donation(
        SYSTEM,
        service.DonationInput(
            level=FundLevel.COMMUNE,
            commune_id=commune.id,
            channel=Channel.CASH,
            amount=7 * M,
            received_on=date(last_year, 11, 2),
        ),
    )
    public.forget_cache()
    await login_as(client, await make_user("front", commune_code="05725"))
    ledger = await client.get("/ledger")
    page = await public.public_page("05725")
    assert (f"<strong>{last_year}</strong>" in ledger.text, page.year) == (True, last_year)


async def test_a_reversal_is_confirmed_on_its_own_page_before_it_is_recorded(client):
    year = await a_commune_year()
    await login_as(client, await make_user("front", commune_code="05725"))
    allocation = year.allocations[2]
    books_page = await client.get("/ledger")
    confirm = await client.get(f"/ledger/allocations/{allocation.id}/reverse")
    done = await post_form(
        client, f"/ledger/allocations/{allocation.id}/reverse", {"reason": "Nhầm hộ"}
    )
    assert (
        f'href="/ledger/allocations/{allocation.id}/reverse"' in books_page.text,
        year.house_b.code in books_page.text,  # allocations listed by the house case's code
        "Xác nhận đảo bút toán" in confirm.text and year.house_b.code in confirm.text,
        done.status_code,
        await Allocation.filter(reverses_id=allocation.id).count(),
    ) == (True, True, True, 303, 1)


async def test_a_donor_finds_their_gift_on_the_statement_by_its_reference(client, demo_loaded):
    public.forget_cache()
    everything = await client.get("/public/sao-ke?commune=05725")
    found = await client.get("/public/sao-ke?commune=05725&q=ft25293000456")
    cement = await Donation.get(goods="xi măng PCB40")
    assert (
        "BL2025-19-05725-" in everything.text,  # receipt numbers
        "Ủng hộ đồng bào bị thiệt hại do bão số 3 (Yagi) năm 2025" in everything.text,  # title
        "01/10/2025" in everything.text,  # the campaign's period
        "4 tấn xi măng PCB40" in everything.text,  # goods as goods
        money(await _total_of_than_sa()) in everything.text,
        found.text.count("FT25293000456"),
        "FT25293000123" in found.text,
    ) == (True, True, True, True, True, 1, False), cement.id


async def _total_of_than_sa() -> int:
    """Thần Sa's gifts of the current campaign (the demo's 2024 campaign is closed)."""
    rows = await Donation.filter(commune__code="05725", campaign__code="BL2025").values_list(
        "amount", flat=True
    )
    return sum(rows)


async def test_the_provinces_books_are_by_level_and_its_lists_page_on_without_a_count(
    client, monkeypatch
):
    year = await a_commune_year()
    monkeypatch.setattr(views, "LIST_PAGE", 2)  # 1 donation to the province, 4 allocations
    await login_as(client, await make_user("front"))
    first = await client.get("/ledger")
    second = await client.get("/ledger?page=2")
    assert (
        await Donation.filter(commune_id=None).count(),
        first.text.count("<th>Quỹ cấp xã</th>"),  # every commune's fund in one line
        "page=2" in first.text,  # an older page follows
        "Trang 1" in first.text,
        ("Trang 2" in second.text, "page=1" in second.text, "page=3" in second.text),
        year.house_b.code in first.text + second.text,
    ) == (1, 1, True, True, (True, True, False), True)
