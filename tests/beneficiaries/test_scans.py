"""The scan of the People's Committee's signed decision: a real PDF and a real JPEG, checked by
their content (a name that lies is refused), bounded by the setting, re-encoded without EXIF,
replaced by a versioned and audited save, served private (no-store) to the commune's staff,
the province and admins, never to a sponsor."""

from __future__ import annotations

import io
import re
from dataclasses import replace

from PIL import Image

from relief.beneficiaries import scans, steps
from relief.beneficiaries.models import BeneficiaryList, Decision, ListState
from relief.core.models import AuditEntry
from relief.settings import activate
from tests.beneficiaries.factories import (
    TODAY,
    decided,
    draft,
    households_of_two_hamlets,
    pdf_bytes,
    posted,
    reviewed,
)
from tests.factories import actor_for, bearer, csrf_token, login_as, make_sponsor, make_user
from tests.houses.factories import image_bytes

WRONG_KIND_VI = "Bản quét phải là tệp PDF, JPEG hoặc PNG."
DAMAGED_VI = "Tệp bản quét bị hỏng, không đọc được."
TOO_LARGE_VI = "Tệp bản quét lớn hơn dung lượng cho phép."


async def _submitted(user) -> BeneficiaryList:
    officer = actor_for(user)
    homes = await households_of_two_hamlets()
    blist = await posted(officer, await reviewed(officer, await draft(officer, homes)))
    return await steps.submit_list(officer, blist.id, blist.version)


async def _decided(user) -> Decision:
    officer = actor_for(user)
    homes = await households_of_two_hamlets()
    blist = await decided(
        officer, await posted(officer, await reviewed(officer, await draft(officer, homes)))
    )
    return await Decision.get(beneficiary_list_id=blist.id)


async def _decide_form(client, blist: BeneficiaryList, name: str, content: bytes, kind: str):
    data = {
        "version": str(blist.version),
        "number": "125/QĐ-UBND",
        "signed_on": TODAY.isoformat(),
        "signer": "Chủ tịch Hà Văn Tuấn",
        "_csrf_token": await csrf_token(client),
    }
    return await client.post(
        f"/lists/{blist.id}/decision", data=data, files={"scan": (name, content, kind)}
    )


async def _upload(client, decision_id: int, version: int, name, content, kind, headers):
    return await client.post(
        f"/api/v1/lists/decisions/{decision_id}/scan",
        data={"version": str(version)},
        files={"scan": (name, content, kind)},
        headers=headers,
    )


async def test_the_decision_form_keeps_a_real_pdf_served_to_staff_only(client, settings):
    user = await make_user("commune")
    blist = await _submitted(user)
    await login_as(client, user)
    sent = await _decide_form(client, blist, "quyet-dinh-125.pdf", pdf_bytes(), "application/pdf")
    decision = await Decision.get(beneficiary_list_id=blist.id)
    page = (await client.get(f"/lists/{blist.id}")).text
    annex = (await client.get(f"/lists/{blist.id}/papers/annex")).text
    link = f"/lists/decisions/{decision.id}/scan"
    assert (sent.status_code, sent.headers["location"]) == (303, f"/lists/{blist.id}")
    assert (link in page, "(PDF," in page, link in annex) == (True, True, True)
    served = await client.get(link)
    assert (
        served.status_code,
        served.headers["content-type"],
        served.headers["cache-control"],
        served.headers["content-disposition"],
        served.content == pdf_bytes(),
    ) == (
        200,
        "application/pdf",
        "no-store",
        'attachment; filename="quyet-dinh-125-QD-UBND.pdf"',
        True,
    )
    assert scans.file_path(settings.media_dir, decision.scan_checksum, "application/pdf").exists()

    api = f"/api/v1/lists/decisions/{decision.id}/scan"
    answers = {}
    for role, commune in [
        ("province", None),
        ("admin", None),
        ("front", "05725"),
        ("commune", "05665"),
        ("sponsor", None),
    ]:
        other = await make_user(role, commune_code=commune, sponsor=await make_sponsor())
        answers[f"{role} {commune}"] = (
            await client.get(api, headers=await bearer(other))
        ).status_code
    assert answers == {
        "province None": 200,
        "admin None": 200,
        "front 05725": 200,
        "commune 05665": 404,
        "sponsor None": 403,
    }
    sponsor = await make_user("sponsor", sponsor=await make_sponsor())
    client.cookies.clear()
    await login_as(client, sponsor)
    assert (await client.get(link)).status_code == 403


async def test_a_jpeg_scan_loses_its_exif_and_a_replacement_is_versioned_and_audited(
    client, settings
):
    user = await make_user("commune")
    headers = await bearer(user)
    decision = await _decided(user)
    jpeg = image_bytes("JPEG", (120, 90), exif=True)
    first = await _upload(client, decision.id, 1, "scan.jpg", jpeg, "image/jpeg", headers)
    scan = first.json()["scan"]
    assert (first.status_code, scan["content_type"], first.json()["version"]) == (
        200,
        "image/jpeg",
        2,
    )
    kept = await Decision.get(id=decision.id)
    stored = scans.file_path(settings.media_dir, kept.scan_checksum, "image/jpeg")
    with Image.open(stored) as img:
        assert (img.format, img.size, len(img.getexif())) == ("JPEG", (120, 90), 0)
    served = await client.get(scan["url"], headers=headers)
    assert (served.headers["content-type"], served.headers["cache-control"]) == (
        "image/jpeg",
        "no-store",
    )

    stale = await _upload(
        client, decision.id, 1, "scan.pdf", pdf_bytes(), "application/pdf", headers
    )
    replaced = await _upload(
        client, decision.id, 2, "scan.pdf", pdf_bytes(), "application/pdf", headers
    )
    assert (stale.status_code, replaced.status_code, replaced.json()["version"]) == (409, 200, 3)
    assert replaced.json()["scan"]["content_type"] == "application/pdf"
    entries = await AuditEntry.filter(entity="list_decision", entity_id=str(decision.id)).order_by(
        "id"
    )
    assert [e.action for e in entries] == ["create", "attach_scan", "replace_scan"]
    now = await Decision.get(id=decision.id)
    assert (entries[-1].before["scan_checksum"], entries[-1].after["scan_checksum"]) == (
        kept.scan_checksum,
        now.scan_checksum,
    )
    assert stored.exists()  # the scan replaced stays in the media folder, found by the audit


async def test_a_file_whose_name_lies_is_refused_by_its_content(client):
    user = await make_user("commune")
    headers = await bearer(user)
    decision = await _decided(user)
    page = b"<html><body><script>alert(1)</script></body></html>"
    cut = pdf_bytes()[:200]  # a PDF's start without its end
    broken = b"\xff\xd8\xff\xe0" + b"\x00" * 100  # a JPEG's first bytes, then nothing of one
    answers = [
        await _upload(client, decision.id, 1, "quyet-dinh.pdf", page, "application/pdf", headers),
        await _upload(client, decision.id, 1, "quyet-dinh.pdf", cut, "application/pdf", headers),
        await _upload(client, decision.id, 1, "quyet-dinh.jpg", broken, "image/jpeg", headers),
    ]
    assert [(a.status_code, a.json()["errors"]) for a in answers] == [
        (422, {"scan": WRONG_KIND_VI}),
        (422, {"scan": DAMAGED_VI}),
        (422, {"scan": DAMAGED_VI}),
    ]
    assert (await Decision.get(id=decision.id)).scan_checksum is None
    png = image_bytes("PNG", (64, 48))
    named_pdf = await _upload(client, decision.id, 1, "scan.pdf", png, "application/pdf", headers)
    assert (named_pdf.status_code, named_pdf.json()["scan"]["content_type"]) == (200, "image/png")


async def test_a_scan_larger_than_the_setting_is_refused(client, settings):
    activate(replace(settings, scan_max_bytes=4096))
    user = await make_user("commune")
    headers = await bearer(user)
    decision = await _decided(user)
    padded = pdf_bytes() + b"%" + b"x" * 5000 + b"\n%%EOF\n"
    sent = await _upload(client, decision.id, 1, "scan.pdf", padded, "application/pdf", headers)
    assert (sent.status_code, sent.json()["errors"]) == (422, {"scan": TOO_LARGE_VI})
    assert (await Decision.get(id=decision.id)).scan_checksum is None


async def test_a_bad_scan_on_the_decision_form_is_shown_next_to_its_field(client):
    user = await make_user("commune")
    blist = await _submitted(user)
    await login_as(client, user)
    sent = await _decide_form(client, blist, "quyet-dinh.pdf", b"PK\x03\x04 zip", "application/pdf")
    error = re.search(r'<div class="error" id="e-scan">([^<]*)</div>', sent.text)
    assert (sent.status_code, error and error.group(1), 'value="125/QĐ-UBND"' in sent.text) == (
        422,
        WRONG_KIND_VI,
        True,
    )
    assert (await BeneficiaryList.get(id=blist.id)).state == ListState.SUBMITTED
    assert not await Decision.exists()


async def test_a_scan_is_replaced_from_the_lists_page(client):
    user = await make_user("commune")
    decision = await _decided(user)
    await login_as(client, user)
    list_page = f"/lists/{decision.beneficiary_list_id}"
    form = (await client.get(list_page)).text
    assert f'action="/lists/decisions/{decision.id}/scan"' in form
    data = {"version": "1", "_csrf_token": await csrf_token(client)}
    jpeg = io.BytesIO(image_bytes("JPEG", (80, 60)))
    sent = await client.post(
        f"/lists/decisions/{decision.id}/scan",
        data=data,
        files={"scan": ("scan.jpg", jpeg, "image/jpeg")},
    )
    empty = await client.post(f"/lists/decisions/{decision.id}/scan", data=data)
    assert (sent.status_code, sent.headers["location"], empty.status_code) == (
        303,
        f"{list_page}#decision",
        422,
    )
    assert "Chọn tệp bản quét quyết định đã ký." in empty.text
    assert (await Decision.get(id=decision.id)).scan_content_type == "image/jpeg"
