"""VietQR payment codes of a campaign's receiving accounts (EMVCo merchant-presented QR,
NAPAS's "VietQR" profile for a transfer to an account).

A donor scans the code with any Vietnamese bank's app: the app fills in the bank, the account
and the transfer's content, which carries the campaign's reference ("UH BL2025"), so that the
credit on the bank's statement is matched to the campaign (relief.ledger.bank).

The payload is EMVCo's TLV text: each field is its id (2 digits), its length (2 digits) and
its value; field 38 is NAPAS's account information (GUID A000000727, the bank's BIN and the
account number, service QRIBFTTA: transfer to an account); field 62/08 the purpose (the
transfer's content); field 63 a CRC-16/CCITT-FALSE (polynomial 0x1021, start 0xFFFF) of
everything before it, "6304" included. No PyPI package for it was well kept when this was
written (the candidates had one release each and few users), and the CRC is the standard
library's `binascii.crc_hqx`; the QR image is drawn by segno, as receipts' codes are.
Sources: EMVCo QR Code Specification for Payment Systems, Merchant-Presented Mode v1.1;
NAPAS, "Đặc tả kỹ thuật mã QR hiển thị cho dịch vụ chuyển nhanh NAPAS247" (VietQR), 2021.
"""

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass

import segno

from relief.core.text import fold

NAPAS_GUID = "A000000727"
TO_ACCOUNT = "QRIBFTTA"  # NAPAS247 transfer to an account (QRIBFTTC: to a card)
PURPOSE_MAX = 25  # characters of the transfer's content the VietQR profile carries

# The banks' BINs (NAPAS's acquirer ids) by the words of their names, folded.
BINS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("vietcombank", "ngoai thuong"), "970436", "Vietcombank"),
    (("vietinbank", "cong thuong"), "970415", "VietinBank"),
    (("bidv", "dau tu va phat trien"), "970418", "BIDV"),
    (("agribank", "nong nghiep va phat trien"), "970405", "Agribank"),
    (("techcombank", "ky thuong"), "970407", "Techcombank"),
    (("mbbank", "mb bank", "quan doi"), "970422", "MB"),
    (("acb", "a chau"), "970416", "ACB"),
    (("sacombank", "sai gon thuong tin"), "970403", "Sacombank"),
    (("vpbank", "viet nam thinh vuong"), "970432", "VPBank"),
    (("lienvietpostbank", "lpbank", "loc phat"), "970449", "LPBank"),
)


def tlv(tag: str, value: str) -> str:
    """One EMVCo field: id, length in two digits, value."""
    if len(value) > 99:
        raise ValueError(f"field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def crc16(text: str) -> str:
    """CRC-16/CCITT-FALSE of the payload so far, as four upper-case hex digits."""
    return f"{binascii.crc_hqx(text.encode('utf-8'), 0xFFFF):04X}"


def bank_bin(bank_name: str) -> str | None:
    """The BIN of a bank named as a campaign's account names it ("Vietcombank - Chi nhánh …")."""
    folded = fold(bank_name)
    for words, bin_, _short in BINS:
        if any(re.search(rf"\b{re.escape(w)}\b", folded) for w in words):
            return bin_
    return None


def purpose(text: str) -> str:
    """A transfer's content as every bank's app takes it: no accents, letters, digits, spaces."""
    plain = re.sub(r"[^A-Za-z0-9 ]+", " ", fold(text).upper())
    return " ".join(plain.split())[:PURPOSE_MAX].strip()


def payload(bin_: str, account: str, content: str = "", amount: int | None = None) -> str:
    """The VietQR text of a transfer to an account (static without an amount)."""
    account_info = tlv("00", NAPAS_GUID) + tlv("01", tlv("00", bin_) + tlv("01", account))
    body = (
        tlv("00", "01")
        + tlv("01", "12" if amount else "11")
        + tlv("38", account_info + tlv("02", TO_ACCOUNT))
        + tlv("53", "704")  # VND
        + (tlv("54", str(int(amount))) if amount else "")
        + tlv("58", "VN")
        + (tlv("62", tlv("08", content)) if content else "")
        + "6304"
    )
    return body + crc16(body)


def parse(text: str) -> dict[str, str]:
    """The top-level fields of an EMVCo payload (id -> value); ValueError on a bad CRC."""
    if len(text) < 8 or crc16(text[:-4]) != text[-4:].upper():
        raise ValueError("bad CRC")
    fields, at = {}, 0
    while at < len(text):
        tag, size = text[at : at + 2], int(text[at + 2 : at + 4])
        fields[tag] = text[at + 4 : at + 4 + size]
        at += 4 + size
    return fields


def campaign_reference(code: str) -> str:
    """What a donor writes in a transfer to a campaign's account ("UH BL2025": ủng hộ BL2025,
    then their name): the statement's credits are matched to the campaign by it."""
    return purpose(f"UH {code}")


@dataclass(frozen=True)
class AccountCode:
    bank: str
    number: str
    holder: str
    reference: str
    payload: str | None  # None: a bank whose BIN Relief does not know (no code drawn)
    svg: str


def account_code(account: dict, reference: str) -> AccountCode:
    """A campaign's receiving account with its VietQR code carrying the reference."""
    number = "".join(str(account.get("number", "")).split())
    bin_ = bank_bin(str(account.get("bank", "")))
    text = payload(bin_, number, reference) if bin_ and number.isalnum() else None
    svg = segno.make(text, error="m").svg_inline(scale=3, title="VietQR", border=2) if text else ""
    return AccountCode(
        bank=str(account.get("bank", "")),
        number=number,
        holder=str(account.get("holder", "")),
        reference=reference,
        payload=text,
        svg=svg,
    )


def campaign_codes(campaign) -> list[AccountCode]:
    """Each receiving account of a campaign with its code (the reference is the campaign's)."""
    reference = campaign_reference(campaign.code)
    return [account_code(a, reference) for a in (campaign.accounts or [])]
