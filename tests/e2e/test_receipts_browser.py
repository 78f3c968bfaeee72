"""A donation's receipt in Chromium: its QR code holds the address of its public page, which
opens without a login and shows the amount; it prints on A4 and on A5."""

from __future__ import annotations

import re

import pytest
import segno

from tests.e2e.papers import print_pdf

pytestmark = pytest.mark.browser

A5 = (419.5, 595.3)  # points


def test_the_receipts_qr_opens_its_verification_page_and_it_prints_on_a4_and_a5(
    browser, live_server, logged_in, tmp_path
):
    front = browser.new_context(locale="vi-VN", storage_state=logged_in("mttq.thansa"))
    page = front.new_page()
    page.goto(live_server.url + "/ledger")
    page.get_by_role("link", name=re.compile(r"^BL2025-19-05725-\d{5}$")).first.click()
    page.wait_for_load_state()
    receipt_url = page.url
    amount = page.locator("#amount").inner_text()
    drawn = page.locator("figure.qr svg path").get_attribute("d")
    address = re.search(r"https?://\S+/public/receipts/[\w-]+", page.content()).group(0)
    # The code drawn is the code of that address: the QR carries it.
    encoded = segno.make(address, error="m").svg_inline(scale=3, title="QR", border=2)
    a4 = print_pdf(page, receipt_url, tmp_path / "a4.pdf")
    a5 = print_pdf(page, receipt_url.split("?")[0] + "?paper=a5", tmp_path / "a5.pdf")
    front.close()
    donor = browser.new_context(locale="vi-VN")  # anyone, not logged in, scanning the code
    verified = donor.new_page()
    verified.goto(address)
    shown = verified.locator("#amount").inner_text()
    donor.close()
    a5_size = all(abs(w - A5[0]) < 2 and abs(h - A5[1]) < 2 for w, h in a5.sizes)
    assert (f'd="{drawn}"' in encoded, shown, a4.is_a4(), a5_size, len(a5.pages)) == (
        True,
        amount,
        True,
        True,
        1,
    )
