"""The words for a commune's and a hamlet's kind, so no output hard-codes "xã" or "thôn"."""

from __future__ import annotations

from typing import Any

from relief.core.labels import Vocabulary, register
from relief.places.models import CommuneKind, HamletKind

COMMUNE_KINDS = register(
    CommuneKind,
    {CommuneKind.XA: "Commune", CommuneKind.PHUONG: "Ward", CommuneKind.DAC_KHU: "Special zone"},
)
HAMLET_KINDS = register(
    HamletKind,
    {
        HamletKind.THON: "Hamlet (thôn)",
        HamletKind.XOM: "Hamlet (xóm)",
        HamletKind.BAN: "Village (bản)",
        HamletKind.LANG: "Village (làng)",
        HamletKind.TO_DAN_PHO: "Residential group",
    },
)


def _kind(place: Any, labels: Vocabulary, default) -> str:
    kind = getattr(place, "kind", None) or default
    return labels.label(kind if kind in labels else default)


def commune_kind_word(commune: Any) -> str:
    """ "Xã", "Phường" or "Đặc khu" (Commune / Ward / Special zone), capitalised as at the
    start of a name."""
    return _kind(commune, COMMUNE_KINDS, CommuneKind.XA)


def hamlet_kind_word(hamlet: Any) -> str:
    """ "Thôn", "Xóm", "Bản", "Làng" or "Tổ dân phố", capitalised."""
    return _kind(hamlet, HAMLET_KINDS, HamletKind.THON)


def commune_title(commune: Any) -> str:
    """ "Xã Thần Sa", "Phường Phan Đình Phùng"."""
    return f"{commune_kind_word(commune)} {commune.name}" if commune else ""


def hamlet_title(hamlet: Any) -> str:
    """ "Thôn Kim Sơn", "Tổ dân phố 5"."""
    return f"{hamlet_kind_word(hamlet)} {hamlet.name}" if hamlet else ""


def lower_first(text: str) -> str:
    """For the middle of a sentence: "thôn Kim Sơn", "xã Thần Sa"."""
    return text[:1].lower() + text[1:]


FILTERS = {
    "commune_title": commune_title,
    "hamlet_title": hamlet_title,
    "commune_word": commune_kind_word,
    "hamlet_word": hamlet_kind_word,
    "lower_first": lower_first,
}
